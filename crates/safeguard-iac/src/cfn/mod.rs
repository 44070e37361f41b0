//! CloudFormation templates (YAML with short-form tags, JSON): parameters with defaults,
//! conditions, mappings and the intrinsic functions that can be decided without deploying.
//! Everything else (`!GetAtt`, `!Ref` to a resource, pseudo parameters, imports) is
//! unresolved, with the expression as written.

pub mod map;
pub mod yaml;

use crate::mapping::Raw;
use crate::value::{num_to_string, V};
use crate::{Diagnostic, Partial};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use yaml::{Node, N};

/// Intrinsics are nested at most this deep (a defence against hostile templates).
const MAX_EVAL_DEPTH: u32 = 64;

/// Cheap test on the text: is this plausibly a template? (`AWSTemplateFormatVersion`, or a
/// `Resources` section with `AWS::` types.)
pub fn looks_like_template(text: &str) -> bool {
    text.contains("AWSTemplateFormatVersion")
        || (text.contains("Resources") && text.contains("AWS::"))
}

/// Parses and maps one template. A text that parses but has no `Resources` map of
/// `Type: AWS::...` entries is not a template and yields nothing.
pub fn scan_text(rel: &str, text: &str) -> Partial {
    let mut out = Partial::default();
    let root = match yaml::parse(text) {
        Ok(r) => r,
        Err(e) => {
            out.cloudformation = true;
            out.file_failed(
                "cloudformation",
                Diagnostic {
                    file: rel.to_string(),
                    line: e.line,
                    column: Some(e.column),
                    message: format!("invalid template: {}", e.message),
                },
            );
            return out;
        }
    };
    if !is_template(&root) {
        return out;
    }
    out.cloudformation = true;
    out.file_ok("cloudformation", rel);
    let t = Template::new(&root);
    let raws = t.resources(rel);
    if let Some(res) = root.get("Resources") {
        out.waiver_sites = crate::waivers::cloudformation_sites(rel, res.entries());
    }
    let places: Vec<(String, u32, String)> = raws
        .iter()
        .map(|r| (r.file.clone(), r.line, r.id()))
        .collect();
    let (resources, folded) = map::map_template(raws, &mut out.diagnostics);
    out.resources = resources;
    out.waiver_aliases = folded
        .into_iter()
        .map(|(c, p)| crate::waivers::Alias {
            file: places[c].0.clone(),
            line: places[c].1,
            resource_id: places[p].2.clone(),
        })
        .collect();
    out
}

fn is_template(root: &Node) -> bool {
    if root.get("AWSTemplateFormatVersion").is_some() {
        return true;
    }
    match root.get("Resources") {
        Some(res) => res.entries().iter().any(|(_, _, r)| {
            r.get("Type")
                .and_then(Node::as_str)
                .is_some_and(|t| t.starts_with("AWS::"))
        }),
        None => false,
    }
}

/// Pseudo parameters known only at deploy time; they name things and can never be wildcards.
const PSEUDO: &[&str] = &[
    "AWS::AccountId",
    "AWS::Region",
    "AWS::StackName",
    "AWS::StackId",
    "AWS::Partition",
    "AWS::URLSuffix",
    "AWS::NotificationARNs",
];

struct Template<'a> {
    params: HashMap<String, V>,
    mappings: Option<&'a Node>,
    conditions: HashMap<&'a str, &'a Node>,
    cond_cache: RefCell<HashMap<String, Option<bool>>>,
    resources: HashMap<&'a str, &'a Node>,
    resource_order: Vec<(&'a str, u32, &'a Node)>,
}

impl<'a> Template<'a> {
    fn new(root: &'a Node) -> Self {
        let mut t = Template {
            params: HashMap::new(),
            mappings: root.get("Mappings"),
            conditions: root
                .get("Conditions")
                .map(|c| {
                    c.entries()
                        .iter()
                        .map(|(k, _, v)| (k.as_str(), v))
                        .collect()
                })
                .unwrap_or_default(),
            cond_cache: RefCell::new(HashMap::new()),
            resources: HashMap::new(),
            resource_order: Vec::new(),
        };
        if let Some(res) = root.get("Resources") {
            for (k, line, v) in res.entries() {
                t.resources.insert(k.as_str(), v);
                t.resource_order.push((k.as_str(), *line, v));
            }
        }
        if let Some(params) = root.get("Parameters") {
            for (name, _, p) in params.entries() {
                let ptype = p.get("Type").and_then(Node::as_str).unwrap_or("String");
                let value = match p.get("Default") {
                    Some(d) => {
                        let v = t.eval(d, 0);
                        // List parameters take a comma-separated default.
                        match (
                            &v,
                            ptype.starts_with("List<") || ptype == "CommaDelimitedList",
                        ) {
                            (V::Str(s), true) => V::List(
                                s.split(',').map(|x| V::Str(x.trim().to_string())).collect(),
                            ),
                            _ => v,
                        }
                    }
                    None => V::opaque(format!("!Ref {name}")),
                };
                t.params.insert(name.clone(), value);
            }
        }
        t
    }

    fn resources(&self, rel: &str) -> Vec<Raw> {
        let mut out = Vec::with_capacity(self.resource_order.len());
        for (id, line, node) in &self.resource_order {
            let Some(rtype) = node.get("Type").and_then(Node::as_str) else {
                continue;
            };
            // A resource whose condition is known to be false is not created.
            if let Some(c) = node.get("Condition").and_then(Node::as_str) {
                if self.condition(c, 0) == Some(false) {
                    continue;
                }
            }
            let body = match node.get("Properties") {
                Some(p) => self.eval(p, 0),
                None => V::Map(BTreeMap::new()),
            };
            let body = if matches!(body, V::Map(_)) {
                body
            } else {
                V::Map(BTreeMap::new())
            };
            out.push(Raw {
                rtype: rtype.to_string(),
                address: id.to_string(),
                file: rel.to_string(),
                line: *line,
                body,
            });
        }
        out
    }

    /// A named condition: `Some(bool)` when decidable from parameter defaults.
    fn condition(&self, name: &str, depth: u32) -> Option<bool> {
        if let Some(c) = self.cond_cache.borrow().get(name) {
            return *c;
        }
        if depth > MAX_EVAL_DEPTH {
            return None;
        }
        // Mark as undecidable while evaluating, so a cycle ends.
        self.cond_cache.borrow_mut().insert(name.to_string(), None);
        let result = self
            .conditions
            .get(name)
            .and_then(|n| self.cond_expr(n, depth + 1));
        self.cond_cache
            .borrow_mut()
            .insert(name.to_string(), result);
        result
    }

    fn cond_expr(&self, n: &Node, depth: u32) -> Option<bool> {
        if depth > MAX_EVAL_DEPTH {
            return None;
        }
        let (k, arg) = single(n)?;
        let args = || match &arg.n {
            N::Seq(items) => items.iter().collect::<Vec<_>>(),
            _ => vec![arg],
        };
        match k {
            "Condition" => self.condition(arg.as_str()?, depth + 1),
            "Fn::Equals" => {
                let a = args();
                if a.len() != 2 {
                    return None;
                }
                let (x, y) = (self.eval(a[0], depth + 1), self.eval(a[1], depth + 1));
                match (x.to_plain_string(), y.to_plain_string()) {
                    (Some(x), Some(y)) => Some(x == y),
                    _ => None,
                }
            }
            "Fn::Not" => self.cond_expr(args().first()?, depth + 1).map(|b| !b),
            "Fn::And" => {
                let vals: Vec<Option<bool>> = args()
                    .iter()
                    .map(|a| self.cond_expr(a, depth + 1))
                    .collect();
                if vals.contains(&Some(false)) {
                    Some(false)
                } else if vals.iter().all(|v| *v == Some(true)) {
                    Some(true)
                } else {
                    None
                }
            }
            "Fn::Or" => {
                let vals: Vec<Option<bool>> = args()
                    .iter()
                    .map(|a| self.cond_expr(a, depth + 1))
                    .collect();
                if vals.contains(&Some(true)) {
                    Some(true)
                } else if vals.iter().all(|v| *v == Some(false)) {
                    Some(false)
                } else {
                    None
                }
            }
            _ => self.eval(n, depth + 1).as_bool(),
        }
    }

    fn eval(&self, n: &Node, depth: u32) -> V {
        if depth > MAX_EVAL_DEPTH {
            return V::opaque("expression nested too deep");
        }
        match &n.n {
            N::Null => V::Null,
            N::Bool(b) => V::Bool(*b),
            N::Int(i) => V::Num(*i as f64),
            N::Float(f) => V::Num(*f),
            N::Str(s) => V::Str(s.clone()),
            N::Seq(items) => V::List(
                items
                    .iter()
                    .map(|i| self.eval(i, depth + 1))
                    // `!Ref AWS::NoValue` removes a list item.
                    .filter(|v| !v.is_null())
                    .collect(),
            ),
            N::Map(entries) => {
                if let Some((k, arg)) = single(n) {
                    if k == "Ref"
                        || k.starts_with("Fn::")
                        || (k == "Condition" && arg.as_str().is_some())
                    {
                        return self.intrinsic(k, arg, depth + 1);
                    }
                }
                let mut m = BTreeMap::new();
                for (k, _, v) in entries {
                    let v = self.eval(v, depth + 1);
                    if !v.is_null() {
                        m.insert(k.clone(), v);
                    }
                }
                V::Map(m)
            }
        }
    }

    fn reference(&self, name: &str) -> V {
        if let Some(p) = self.params.get(name) {
            return p.clone();
        }
        if name == "AWS::NoValue" {
            return V::Null;
        }
        if PSEUDO.contains(&name) {
            return V::unknown(name, None, true);
        }
        if self.resources.contains_key(name) {
            return V::unknown(format!("!Ref {name}"), Some(name.to_string()), true);
        }
        V::opaque(format!("!Ref {name}"))
    }

    fn get_att(&self, res: &str, attr: &str) -> V {
        let target = self.resources.contains_key(res).then(|| res.to_string());
        V::unknown(format!("!GetAtt {res}.{attr}"), target, true)
    }

    fn intrinsic(&self, k: &str, arg: &Node, depth: u32) -> V {
        let items: Vec<&Node> = match &arg.n {
            N::Seq(items) => items.iter().collect(),
            _ => vec![arg],
        };
        match k {
            "Ref" => match arg.as_str() {
                Some(name) => self.reference(name),
                None => V::opaque("!Ref"),
            },
            "Fn::GetAtt" => {
                let (res, attr) = match (&arg.n, arg.as_str()) {
                    (_, Some(s)) => match s.split_once('.') {
                        Some((r, a)) => (r.to_string(), a.to_string()),
                        None => (s.to_string(), String::new()),
                    },
                    (N::Seq(_), _) => (
                        items
                            .first()
                            .and_then(|i| i.as_str())
                            .unwrap_or_default()
                            .to_string(),
                        items
                            .get(1)
                            .map(|i| self.eval(i, depth))
                            .and_then(|v| v.to_plain_string())
                            .unwrap_or_default(),
                    ),
                    _ => (String::new(), String::new()),
                };
                self.get_att(&res, &attr)
            }
            "Condition" => match arg.as_str().and_then(|c| self.condition(c, depth)) {
                Some(b) => V::Bool(b),
                None => V::opaque(format!("!Condition {}", arg.as_str().unwrap_or_default())),
            },
            "Fn::If" => {
                if items.len() != 3 {
                    return V::opaque("!If");
                }
                let name = items[0].as_str().unwrap_or_default();
                match self.condition(name, depth) {
                    Some(true) => self.eval(items[1], depth),
                    Some(false) => self.eval(items[2], depth),
                    None => {
                        let (a, b) = (self.eval(items[1], depth), self.eval(items[2], depth));
                        if a == b {
                            a
                        } else {
                            V::opaque(format!("!If [{name}, ...] (condition not decidable)"))
                        }
                    }
                }
            }
            "Fn::Equals" | "Fn::And" | "Fn::Or" | "Fn::Not" => {
                let wrapped = Node {
                    line: arg.line,
                    n: N::Map(vec![(k.to_string(), arg.line, arg.clone())]),
                };
                match self.cond_expr(&wrapped, depth) {
                    Some(b) => V::Bool(b),
                    None => V::opaque(k.replace("Fn::", "!")),
                }
            }
            "Fn::Sub" => {
                let (tpl, vars) = match (&arg.n, items.as_slice()) {
                    (N::Str(s), _) => (s.clone(), BTreeMap::new()),
                    (N::Seq(_), [t, vars, ..]) => {
                        let vars = match self.eval(vars, depth) {
                            V::Map(m) => m,
                            _ => BTreeMap::new(),
                        };
                        (t.as_str().unwrap_or_default().to_string(), vars)
                    }
                    (N::Seq(_), [t]) => {
                        (t.as_str().unwrap_or_default().to_string(), BTreeMap::new())
                    }
                    _ => return V::opaque("!Sub"),
                };
                self.sub(&tpl, &vars)
            }
            "Fn::Join" => {
                if items.len() != 2 {
                    return V::opaque("!Join");
                }
                let delim = self
                    .eval(items[0], depth)
                    .to_plain_string()
                    .unwrap_or_default();
                match self.eval(items[1], depth) {
                    V::List(parts) => concat(&parts, &delim, "!Join"),
                    V::Unknown(u) => V::Unknown(u),
                    _ => V::opaque("!Join"),
                }
            }
            "Fn::Select" => {
                if items.len() != 2 {
                    return V::opaque("!Select");
                }
                let idx = self.eval(items[0], depth).as_f64();
                match (idx, self.eval(items[1], depth)) {
                    (Some(i), V::List(list)) if i >= 0.0 && (i as usize) < list.len() => {
                        list[i as usize].clone()
                    }
                    (_, V::Unknown(u)) => V::Unknown(u),
                    _ => V::opaque("!Select"),
                }
            }
            "Fn::Split" => {
                if items.len() != 2 {
                    return V::opaque("!Split");
                }
                let delim = self
                    .eval(items[0], depth)
                    .to_plain_string()
                    .unwrap_or_default();
                match self.eval(items[1], depth) {
                    V::Str(s) if !delim.is_empty() => V::List(
                        s.split(delim.as_str())
                            .map(|p| V::Str(p.to_string()))
                            .collect(),
                    ),
                    V::Unknown(u) => V::Unknown(u),
                    _ => V::opaque("!Split"),
                }
            }
            "Fn::FindInMap" => {
                if items.len() < 3 {
                    return V::opaque("!FindInMap");
                }
                let keys: Vec<Option<String>> = items[..3]
                    .iter()
                    .map(|i| self.eval(i, depth).to_plain_string())
                    .collect();
                let found = match (&keys[0], &keys[1], &keys[2], self.mappings) {
                    (Some(a), Some(b), Some(c), Some(m)) => {
                        m.get(a).and_then(|x| x.get(b)).and_then(|x| x.get(c))
                    }
                    _ => None,
                };
                match found {
                    Some(n) => self.eval(n, depth),
                    // A fourth argument gives a default (language extension).
                    None => match items.get(3).and_then(|d| d.get("DefaultValue")) {
                        Some(d) => self.eval(d, depth),
                        None => V::opaque("!FindInMap"),
                    },
                }
            }
            "Fn::Length" => match self.eval(arg, depth) {
                V::List(l) => V::Num(l.len() as f64),
                _ => V::opaque("!Length"),
            },
            "Fn::ToJsonString" => match self.eval(arg, depth).to_json() {
                Ok(j) => V::Str(j.to_string()),
                Err(_) => V::opaque("!ToJsonString"),
            },
            "Fn::GetAZs" | "Fn::Cidr" | "Fn::Base64" => {
                V::unknown(k.replace("Fn::", "!"), None, true)
            }
            // Cross-stack imports and macros can produce anything.
            other => V::opaque(other.replace("Fn::", "!")),
        }
    }

    /// `!Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'`: known when every variable is.
    fn sub(&self, tpl: &str, vars: &BTreeMap<String, V>) -> V {
        let mut parts: Vec<V> = Vec::new();
        let mut lit = String::new();
        let mut rest = tpl;
        while let Some(i) = rest.find("${") {
            lit.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            if let Some(stripped) = after.strip_prefix('!') {
                // `${!Literal}` stands for the text `${Literal}`.
                lit.push_str("${");
                rest = stripped;
                continue;
            }
            let Some(end) = after.find('}') else {
                lit.push_str(&rest[i..]);
                rest = "";
                break;
            };
            let name = after[..end].trim();
            let v = if let Some(v) = vars.get(name) {
                v.clone()
            } else if let Some((res, attr)) =
                name.split_once('.').filter(|(r, _)| !r.starts_with("AWS:"))
            {
                self.get_att(res, attr)
            } else {
                self.reference(name)
            };
            if !lit.is_empty() {
                parts.push(V::Str(std::mem::take(&mut lit)));
            }
            parts.push(match v {
                V::Unknown(u) => V::unknown(format!("${{{name}}}"), None, u.placeholder_ok),
                other => other,
            });
            rest = &after[end + 1..];
        }
        lit.push_str(rest);
        if !lit.is_empty() {
            parts.push(V::Str(lit));
        }
        match concat(&parts, "", tpl) {
            V::Unknown(u) => V::unknown(format!("!Sub {tpl}"), None, u.placeholder_ok),
            known => known,
        }
    }
}

/// A one-entry map: the shape of every intrinsic function.
fn single(n: &Node) -> Option<(&str, &Node)> {
    match &n.n {
        N::Map(entries) if entries.len() == 1 => Some((entries[0].0.as_str(), &entries[0].2)),
        _ => None,
    }
}

/// Joins scalars; unknown if any part is, placeholder-safe only if every unknown part is.
fn concat(parts: &[V], delim: &str, expr: &str) -> V {
    let mut out = String::new();
    let mut unknown = false;
    let mut ok = true;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(delim);
        }
        match p {
            V::Unknown(u) => {
                unknown = true;
                ok &= u.placeholder_ok;
            }
            V::Num(n) => out.push_str(&num_to_string(*n)),
            other => match other.to_plain_string() {
                Some(s) => out.push_str(&s),
                None => {
                    unknown = true;
                    ok = false;
                }
            },
        }
    }
    if unknown {
        V::unknown(expr, None, ok)
    } else {
        V::Str(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tpl(text: &str) -> Vec<Raw> {
        let root = yaml::parse(text).unwrap();
        Template::new(&root).resources("t.yaml")
    }

    #[test]
    fn parameters_conditions_and_intrinsics() {
        let raws = tpl(r#"
Parameters:
  Env: {Type: String, Default: prod}
  Secret: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
Resources:
  Dev:
    Type: AWS::S3::Bucket
    Condition: NotProd
  B:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '${Env}-data-${AWS::AccountId}'
      Plain: !Sub '${Env}-x'
      Encrypted: !If [IsProd, true, false]
      Joined: !Join ['-', [a, !Ref Env]]
      Sel: !Select [1, !Split [',', 'a,b,c']]
      Key: !GetAtt K.Arn
      In: !Ref Secret
      Gone: !Ref AWS::NoValue
  K:
    Type: AWS::KMS::Key
"#);
        assert_eq!(raws.len(), 2, "the NotProd bucket is not created");
        let b = &raws[0].body;
        assert_eq!(raws[0].line, 12);
        assert_eq!(b.get("Plain"), Some(&V::Str("prod-x".into())));
        assert_eq!(b.get("Encrypted"), Some(&V::Bool(true)));
        assert_eq!(b.get("Joined"), Some(&V::Str("a-prod".into())));
        assert_eq!(b.get("Sel"), Some(&V::Str("b".into())));
        assert_eq!(b.get("Key").unwrap().target(), Some("K"));
        assert_eq!(b.get("Gone"), None);
        let V::Unknown(name) = b.get("BucketName").unwrap() else {
            panic!()
        };
        assert_eq!(name.expr, "!Sub ${Env}-data-${AWS::AccountId}");
        assert!(name.placeholder_ok);
        let V::Unknown(input) = b.get("In").unwrap() else {
            panic!()
        };
        assert!(!input.placeholder_ok);
    }
}
