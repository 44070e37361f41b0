//! Rules for Amazon EC2: instances, EBS volumes and snapshots, security groups; the `vpc`
//! group holds the VPC and subnet rules. One rule per file.

use crate::prelude::*;
use crate::rule::{Missing, Rule};

mod default_security_group_closed;
mod ebs_snapshot_encrypted;
mod ebs_snapshot_not_public;
mod ebs_volume_encrypted;
mod instance_block_devices_encrypted;
mod instance_imdsv2_required;
mod instance_managed_by_ssm;
mod instance_no_public_ip;
mod instance_uses_instance_profile;
mod launch_template_block_devices_encrypted;
mod launch_template_imdsv2_required;
mod security_group_no_open_all_traffic;
mod security_group_no_open_database_ports;
mod security_group_no_open_rdp;
mod security_group_no_open_ssh;
mod vpc;

pub(crate) fn rules() -> Vec<&'static dyn Rule> {
    let mut v: Vec<&'static dyn Rule> = vec![
        &instance_imdsv2_required::RULE,
        &instance_no_public_ip::RULE,
        &instance_block_devices_encrypted::RULE,
        &ebs_volume_encrypted::RULE,
        &ebs_snapshot_not_public::RULE,
        &ebs_snapshot_encrypted::RULE,
        &instance_uses_instance_profile::RULE,
        &security_group_no_open_ssh::RULE,
        &security_group_no_open_rdp::RULE,
        &security_group_no_open_database_ports::RULE,
        &security_group_no_open_all_traffic::RULE,
        &default_security_group_closed::RULE,
        &instance_managed_by_ssm::RULE,
        &launch_template_imdsv2_required::RULE,
        &launch_template_block_devices_encrypted::RULE,
    ];
    v.extend(vpc::rules());
    v
}

/// Instances that are terminated (or on their way) hold no data and run nothing: their
/// settings are not judged. `None` when the state is anything else or unknown.
fn gone(instance: &Ec2Instance) -> Option<Outcome> {
    match instance.state.known().map(String::as_str) {
        Some(state @ ("terminated" | "shutting-down")) => {
            Some(Outcome::not_applicable(format!("instance is {state}")))
        }
        _ => None,
    }
}

/// True when a CIDR covers the whole address space: `0.0.0.0/0`, `::/0` or any other
/// spelling with a zero-length prefix (the address bits do not matter then).
fn whole_internet(cidr: &str) -> bool {
    cidr.trim().ends_with("/0")
}

/// The ingress permissions of `sg` open to the whole internet over IPv4 or IPv6.
fn world_open_ingress(sg: &SecurityGroup) -> Result<Vec<&SecurityGroupRule>, Missing> {
    let ingress = sg.ingress.need("ingress")?;
    Ok(ingress
        .iter()
        .filter(|r| {
            r.is_world_open()
                || r.cidr_ipv4
                    .iter()
                    .chain(&r.cidr_ipv6)
                    .any(|c| whole_internet(c))
        })
        .collect())
}

/// The internet-wide sources of a permission, for messages: `0.0.0.0/0, ::/0`.
fn world_sources(rule: &SecurityGroupRule) -> String {
    rule.cidr_ipv4
        .iter()
        .chain(&rule.cidr_ipv6)
        .filter(|c| whole_internet(c))
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// True when the permission is all protocols.
fn all_protocols(rule: &SecurityGroupRule) -> bool {
    matches!(rule.protocol.as_str(), "-1" | "all")
}

/// Shared check of the "no internet-wide ingress to these TCP ports" rules.
fn no_world_tcp(sg: &SecurityGroup, ports: &[i32], what: &str) -> Check {
    let open = world_open_ingress(sg)?;
    let mut exposed: Vec<i32> = ports
        .iter()
        .copied()
        .filter(|&p| open.iter().any(|r| r.covers_tcp_port(p)))
        .collect();
    exposed.dedup();
    if exposed.is_empty() {
        return Ok(Outcome::pass(format!(
            "no ingress from 0.0.0.0/0 or ::/0 to {what}"
        )));
    }
    let mut sources = std::collections::BTreeSet::new();
    for r in open
        .iter()
        .filter(|r| exposed.iter().any(|&p| r.covers_tcp_port(p)))
    {
        sources.extend(
            r.cidr_ipv4
                .iter()
                .chain(&r.cidr_ipv6)
                .filter(|c| whole_internet(c))
                .map(String::as_str),
        );
    }
    let sources = sources.into_iter().collect::<Vec<_>>().join(", ");
    let ports = exposed
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    Ok(Outcome::fail(format!(
        "TCP port(s) {ports} open to {sources}"
    )))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_rule_is_in_the_catalog() {
        let ids = (1..=15)
            .map(|n| format!("EC2-{n:03}"))
            .chain((1..=2).map(|n| format!("VPC-{n:03}")));
        for id in ids {
            assert!(crate::find(&id).is_some(), "{id} is not registered");
        }
    }

    #[test]
    fn whole_internet_cidrs() {
        assert!(super::whole_internet("0.0.0.0/0"));
        assert!(super::whole_internet("::/0"));
        assert!(!super::whole_internet("10.0.0.0/8"));
        assert!(!super::whole_internet("10.0.0.0/16"));
    }
}
