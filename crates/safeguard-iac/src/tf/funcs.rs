//! The Terraform built-in functions that configurations use to shape values. Functions that
//! read files or compute hashes, addresses and times give unresolved values.

use crate::value::{num_to_string, V};
use std::collections::BTreeMap;

fn all_known(args: &[V]) -> Result<(), V> {
    for a in args {
        if let V::Unknown(u) = a {
            return Err(V::Unknown(u.clone()));
        }
    }
    Ok(())
}

fn s(v: &V) -> Option<String> {
    v.to_plain_string()
}

/// Calls `name` on evaluated arguments. `expr` gives the call's text for unresolved results.
pub fn call(name: &str, args: Vec<V>, expr: impl Fn() -> String) -> V {
    let unknown_from = |args: &[V]| {
        let ok = args
            .iter()
            .all(|a| a.find_unknown().is_none_or(|u| u.placeholder_ok));
        V::unknown(expr(), None, ok)
    };
    // Functions that never give a value known before apply.
    match name {
        "file" | "templatefile" | "filebase64" | "fileexists" | "fileset" | "filemd5"
        | "filesha256" | "abspath" => return V::opaque(expr()),
        "timestamp" | "uuid" | "bcrypt" | "cidrsubnet" | "cidrhost" | "cidrnetmask"
        | "cidrsubnets" | "base64encode" | "base64gzip" | "md5" | "sha1" | "sha256" | "sha512"
        | "base64sha256" | "base64sha512" | "uuidv5" | "timeadd" | "formatdate"
        | "textencodebase64" => return V::unknown(expr(), None, true),
        _ => {}
    }
    // Functions that work around unknown parts.
    match name {
        "jsonencode" => {
            return match args.first().map(V::to_json) {
                Some(Ok(j)) => V::Str(j.to_string()),
                Some(Err(u)) => V::unknown(expr(), None, u.placeholder_ok),
                None => V::opaque(expr()),
            }
        }
        "coalesce" => {
            for a in &args {
                match a {
                    V::Null => continue,
                    V::Str(x) if x.is_empty() => continue,
                    V::Unknown(_) => return unknown_from(&args),
                    other => return other.clone(),
                }
            }
            return V::opaque(expr());
        }
        "can" => {
            return match args.first() {
                Some(V::Unknown(u)) if !u.placeholder_ok => V::opaque(expr()),
                Some(_) => V::Bool(true),
                None => V::opaque(expr()),
            }
        }
        "length" => {
            return match args.first() {
                Some(V::List(l)) => V::Num(l.len() as f64),
                Some(V::Map(m)) => V::Num(m.len() as f64),
                Some(V::Str(x)) => V::Num(x.chars().count() as f64),
                _ => unknown_from(&args),
            }
        }
        "tolist" | "toset" | "tomap" | "sensitive" | "nonsensitive" | "type" => {
            return match (name, args.into_iter().next()) {
                ("toset", Some(V::List(mut l))) => {
                    l.dedup();
                    V::List(l)
                }
                (_, Some(v)) => v,
                (_, None) => V::opaque(expr()),
            }
        }
        "concat" => {
            let mut out = Vec::new();
            for a in &args {
                match a {
                    V::List(l) => out.extend(l.iter().cloned()),
                    _ => return unknown_from(&args),
                }
            }
            return V::List(out);
        }
        "merge" => {
            let mut out = BTreeMap::new();
            for a in &args {
                match a {
                    V::Map(m) => out.extend(m.iter().map(|(k, v)| (k.clone(), v.clone()))),
                    V::Null => {}
                    _ => return unknown_from(&args),
                }
            }
            return V::Map(out);
        }
        "lookup" => {
            return match (args.first(), args.get(1).and_then(s)) {
                (Some(V::Map(m)), Some(k)) => m
                    .get(&k)
                    .cloned()
                    .or_else(|| args.get(2).cloned())
                    .unwrap_or_else(|| V::opaque(expr())),
                _ => unknown_from(&args),
            }
        }
        "element" => {
            return match (args.first(), args.get(1).and_then(V::as_f64)) {
                (Some(V::List(l)), Some(i)) if !l.is_empty() => l[(i as usize) % l.len()].clone(),
                _ => unknown_from(&args),
            }
        }
        "flatten" => {
            fn flat(v: &V, out: &mut Vec<V>) {
                match v {
                    V::List(l) => l.iter().for_each(|x| flat(x, out)),
                    other => out.push(other.clone()),
                }
            }
            let mut out = Vec::new();
            match args.first() {
                Some(v @ V::List(_)) => flat(v, &mut out),
                _ => return unknown_from(&args),
            }
            return V::List(out);
        }
        "compact" => {
            return match args.first() {
                Some(V::List(l)) => V::List(
                    l.iter()
                        .filter(|x| !x.is_null() && **x != V::Str(String::new()))
                        .cloned()
                        .collect(),
                ),
                _ => unknown_from(&args),
            }
        }
        "distinct" => {
            return match args.first() {
                Some(V::List(l)) => {
                    let mut out: Vec<V> = Vec::new();
                    for x in l {
                        if !out.contains(x) {
                            out.push(x.clone());
                        }
                    }
                    V::List(out)
                }
                _ => unknown_from(&args),
            }
        }
        "one" => {
            return match args.first() {
                Some(V::List(l)) if l.is_empty() => V::Null,
                Some(V::List(l)) if l.len() == 1 => l[0].clone(),
                _ => unknown_from(&args),
            }
        }
        "keys" | "values" => {
            return match args.first() {
                Some(V::Map(m)) if name == "keys" => {
                    V::List(m.keys().map(|k| V::Str(k.clone())).collect())
                }
                Some(V::Map(m)) => V::List(m.values().cloned().collect()),
                _ => unknown_from(&args),
            }
        }
        "contains" => {
            return match (args.first(), args.get(1)) {
                (Some(V::List(l)), Some(x)) if !matches!(x, V::Unknown(_)) => {
                    if l.contains(x) {
                        V::Bool(true)
                    } else if l.iter().any(|i| matches!(i, V::Unknown(_))) {
                        unknown_from(&args)
                    } else {
                        V::Bool(false)
                    }
                }
                _ => unknown_from(&args),
            }
        }
        "zipmap" => {
            return match (args.first(), args.get(1)) {
                (Some(V::List(k)), Some(V::List(v))) => {
                    V::Map(k.iter().filter_map(s).zip(v.iter().cloned()).collect())
                }
                _ => unknown_from(&args),
            }
        }
        _ => {}
    }
    if let Err(u) = all_known(&args) {
        let _ = u;
        return unknown_from(&args);
    }
    let str_arg = |i: usize| args.get(i).and_then(s);
    let num_arg = |i: usize| args.get(i).and_then(V::as_f64);
    let r: Option<V> = match name {
        "lower" => str_arg(0).map(|x| V::Str(x.to_lowercase())),
        "upper" => str_arg(0).map(|x| V::Str(x.to_uppercase())),
        "title" => str_arg(0).map(|x| {
            V::Str(
                x.split(' ')
                    .map(|w| {
                        let mut c = w.chars();
                        c.next()
                            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                            .unwrap_or_default()
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        }),
        "trimspace" => str_arg(0).map(|x| V::Str(x.trim().to_string())),
        "trimprefix" => match (str_arg(0), str_arg(1)) {
            (Some(a), Some(p)) => {
                Some(V::Str(a.strip_prefix(p.as_str()).unwrap_or(&a).to_string()))
            }
            _ => None,
        },
        "trimsuffix" => match (str_arg(0), str_arg(1)) {
            (Some(a), Some(p)) => {
                Some(V::Str(a.strip_suffix(p.as_str()).unwrap_or(&a).to_string()))
            }
            _ => None,
        },
        "tostring" => match args.first() {
            Some(V::Null) => Some(V::Null),
            _ => str_arg(0).map(V::Str),
        },
        "tonumber" => num_arg(0).map(V::Num),
        "tobool" => args.first().and_then(V::as_bool).map(V::Bool),
        "abs" => num_arg(0).map(|n| V::Num(n.abs())),
        "ceil" => num_arg(0).map(|n| V::Num(n.ceil())),
        "floor" => num_arg(0).map(|n| V::Num(n.floor())),
        "min" => args
            .iter()
            .map(V::as_f64)
            .collect::<Option<Vec<_>>>()
            .and_then(|v| v.into_iter().reduce(f64::min))
            .map(V::Num),
        "max" => args
            .iter()
            .map(V::as_f64)
            .collect::<Option<Vec<_>>>()
            .and_then(|v| v.into_iter().reduce(f64::max))
            .map(V::Num),
        "join" => match (str_arg(0), args.get(1)) {
            (Some(sep), Some(V::List(l))) => l
                .iter()
                .map(s)
                .collect::<Option<Vec<_>>>()
                .map(|p| V::Str(p.join(&sep))),
            _ => None,
        },
        "split" => match (str_arg(0), str_arg(1)) {
            (Some(sep), Some(x)) if !sep.is_empty() => Some(V::List(
                x.split(sep.as_str())
                    .map(|p| V::Str(p.to_string()))
                    .collect(),
            )),
            _ => None,
        },
        "replace" => match (str_arg(0), str_arg(1), str_arg(2)) {
            // Regular-expression replacements (`/.../`) are not evaluated.
            (Some(x), Some(a), Some(b))
                if !(a.starts_with('/') && a.ends_with('/') && a.len() > 1) =>
            {
                Some(V::Str(x.replace(&a, &b)))
            }
            _ => None,
        },
        "substr" => match (str_arg(0), num_arg(1), num_arg(2)) {
            (Some(x), Some(off), Some(len)) => {
                let chars: Vec<char> = x.chars().collect();
                let start = (off.max(0.0) as usize).min(chars.len());
                let end = if len < 0.0 {
                    chars.len()
                } else {
                    (start + len as usize).min(chars.len())
                };
                Some(V::Str(chars[start..end].iter().collect()))
            }
            _ => None,
        },
        "startswith" => match (str_arg(0), str_arg(1)) {
            (Some(a), Some(b)) => Some(V::Bool(a.starts_with(&b))),
            _ => None,
        },
        "endswith" => match (str_arg(0), str_arg(1)) {
            (Some(a), Some(b)) => Some(V::Bool(a.ends_with(&b))),
            _ => None,
        },
        "format" => str_arg(0).and_then(|f| format(&f, &args[1..])),
        "range" => {
            let (a, b, step) = match args.len() {
                1 => (0.0, num_arg(0).unwrap_or(0.0), 1.0),
                2 => (num_arg(0).unwrap_or(0.0), num_arg(1).unwrap_or(0.0), 1.0),
                _ => (
                    num_arg(0).unwrap_or(0.0),
                    num_arg(1).unwrap_or(0.0),
                    num_arg(2).unwrap_or(1.0),
                ),
            };
            if step == 0.0 || ((b - a) / step) > 10_000.0 {
                None
            } else {
                let mut out = Vec::new();
                let mut x = a;
                while (step > 0.0 && x < b) || (step < 0.0 && x > b) {
                    out.push(V::Num(x));
                    x += step;
                }
                Some(V::List(out))
            }
        }
        "reverse" => match args.first() {
            Some(V::List(l)) => Some(V::List(l.iter().rev().cloned().collect())),
            _ => None,
        },
        "sort" => match args.first() {
            Some(V::List(l)) => l.iter().map(s).collect::<Option<Vec<_>>>().map(|mut v| {
                v.sort();
                V::List(v.into_iter().map(V::Str).collect())
            }),
            _ => None,
        },
        "index" => match (args.first(), args.get(1)) {
            (Some(V::List(l)), Some(x)) => l.iter().position(|i| i == x).map(|p| V::Num(p as f64)),
            _ => None,
        },
        "jsondecode" => str_arg(0)
            .and_then(|x| serde_json::from_str::<serde_json::Value>(&x).ok())
            .map(|j| V::from_json(&j)),
        "slice" => match (args.first(), num_arg(1), num_arg(2)) {
            (Some(V::List(l)), Some(a), Some(b)) if a >= 0.0 && b as usize <= l.len() && a <= b => {
                Some(V::List(l[a as usize..b as usize].to_vec()))
            }
            _ => None,
        },
        "setunion" => {
            let mut out: Vec<V> = Vec::new();
            for a in &args {
                if let V::List(l) = a {
                    for x in l {
                        if !out.contains(x) {
                            out.push(x.clone());
                        }
                    }
                }
            }
            Some(V::List(out))
        }
        _ => None,
    };
    r.unwrap_or_else(|| V::opaque(expr()))
}

/// `format("%s-%d", a, 1)`: the verbs configurations use.
fn format(f: &str, args: &[V]) -> Option<V> {
    let mut out = String::new();
    let mut it = args.iter();
    let mut chars = f.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        // Skip flags and width: `%03d`, `%-5s`.
        let mut spec = String::new();
        while let Some(&n) = chars.peek() {
            if n.is_ascii_digit() || n == '-' || n == '+' || n == '.' || n == '#' {
                spec.push(n);
                chars.next();
            } else {
                break;
            }
        }
        match chars.next()? {
            '%' => out.push('%'),
            's' | 'v' => out.push_str(&it.next()?.to_plain_string()?),
            'd' => {
                let n = it.next()?.as_f64()?;
                let body = num_to_string(n.trunc());
                let width: usize = spec.trim_start_matches(['0', '-']).parse().unwrap_or(0);
                if spec.starts_with('0') && body.len() < width {
                    out.push_str(&"0".repeat(width - body.len()));
                }
                out.push_str(&body);
            }
            'q' => out.push_str(&serde_json::to_string(&it.next()?.to_plain_string()?).ok()?),
            'f' => out.push_str(&it.next()?.as_f64()?.to_string()),
            _ => return None,
        }
    }
    Some(V::Str(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(x: &str) -> V {
        V::Str(x.into())
    }

    #[test]
    fn common_functions() {
        assert_eq!(
            call(
                "format",
                vec![st("%s-%03d"), st("app"), V::Num(7.0)],
                String::new
            ),
            st("app-007")
        );
        assert_eq!(call("lower", vec![st("ABC")], String::new), st("abc"));
        assert_eq!(
            call(
                "join",
                vec![st(","), V::List(vec![st("a"), st("b")])],
                String::new
            ),
            st("a,b")
        );
        assert_eq!(
            call(
                "merge",
                vec![
                    V::Map(BTreeMap::from([("a".into(), V::Num(1.0))])),
                    V::Map(BTreeMap::from([("a".into(), V::Num(2.0))]))
                ],
                String::new
            ),
            V::Map(BTreeMap::from([("a".into(), V::Num(2.0))]))
        );
        assert!(matches!(
            call("file", vec![st("x")], || "file(x)".into()),
            V::Unknown(_)
        ));
        assert_eq!(
            call(
                "jsonencode",
                vec![V::Map(BTreeMap::from([("A".into(), st("*"))]))],
                String::new
            ),
            st("{\"A\":\"*\"}")
        );
    }
}
