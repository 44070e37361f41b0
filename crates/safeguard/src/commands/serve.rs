//! `safeguard serve`: the JSON API and the dashboard over the scan history.

use anyhow::{bail, Context as _};
use clap::Args;
use safeguard_server::{parse_interval, Auth, Schedule, Secret, ServerConfig};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub store: super::history::StoreOpt,

    /// Address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// The access token clients send as `Authorization: Bearer TOKEN` (at least 16
    /// characters). Prefer --token-file or $SAFEGUARD_TOKEN: arguments show in `ps`.
    #[arg(long, value_name = "TOKEN", env = "SAFEGUARD_TOKEN", hide_env_values = true, value_parser = parse_secret)]
    pub token: Option<Secret>,

    /// Read the access token from FILE (its first line).
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,

    /// Serve without authentication. Only allowed on a loopback address.
    #[arg(long)]
    pub no_auth: bool,

    /// Scan the --inventory files on this interval (e.g. 30m, 1h, 1d) and record each scan.
    #[arg(long, value_name = "INTERVAL", requires = "inventories")]
    pub schedule: Option<String>,

    /// An inventory JSON file for scheduled scans (repeatable; merged).
    #[arg(long = "inventory", value_name = "FILE", requires = "schedule")]
    pub inventories: Vec<PathBuf>,

    /// A waivers file applied to scheduled scans (repeatable).
    #[arg(long = "waivers", value_name = "FILE", requires = "schedule")]
    pub waivers: Vec<PathBuf>,

    /// The target scheduled scans are filed under.
    #[arg(long, value_name = "NAME", requires = "schedule")]
    pub target: Option<String>,
}

fn parse_secret(s: &str) -> Result<Secret, String> {
    Ok(Secret::new(s.to_string()))
}

fn auth(args: &ServeArgs) -> anyhow::Result<Auth> {
    let from_file = match &args.token_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the token file {}", path.display()))?;
            Some(Secret::new(
                text.lines().next().unwrap_or("").trim().to_string(),
            ))
        }
        None => None,
    };
    match (args.no_auth, args.token.clone(), from_file) {
        (true, None, None) => Ok(Auth::Disabled),
        (true, _, _) => {
            bail!("--no-auth cannot be combined with --token, --token-file or $SAFEGUARD_TOKEN")
        }
        (false, Some(_), Some(_)) => {
            bail!("give either --token (or $SAFEGUARD_TOKEN) or --token-file, not both")
        }
        (false, Some(t), None) | (false, None, Some(t)) => Ok(Auth::Token(t)),
        (false, None, None) => bail!(
            "the server needs an access token: --token-file FILE, $SAFEGUARD_TOKEN or --token; \
             or --no-auth on a loopback address"
        ),
    }
}

pub fn run(args: ServeArgs) -> anyhow::Result<u8> {
    let auth = auth(&args)?;
    let schedule = match &args.schedule {
        Some(every) => Some(Schedule {
            every: parse_interval(every).map_err(anyhow::Error::msg)?,
            inventories: args.inventories.clone(),
            waivers: args.waivers.clone(),
            target: args.target.clone(),
        }),
        None => None,
    };
    let location = args.store.location()?;
    let config = ServerConfig {
        bind: args.bind,
        auth,
        schedule,
    };
    let auth_note = match &config.auth {
        Auth::Token(_) => "bearer token or session required",
        Auth::Disabled => "authentication disabled (loopback only)",
    };
    let bind = args.bind;
    safeguard_server::serve_blocking(config, &location, |addr| {
        eprintln!(
            "safeguard: serving {} on http://{addr} ({auth_note}); Ctrl-C stops",
            location.redacted()
        )
    })
    .map_err(anyhow::Error::msg)
    .with_context(|| format!("cannot serve on {bind}"))?;
    Ok(0)
}
