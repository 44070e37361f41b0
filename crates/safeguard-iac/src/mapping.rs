//! What both sources share once their expressions are evaluated: a resource as its type,
//! address, place and attribute values, and the join of companion resources (a bucket
//! policy, a security group rule, a flow log) onto the resource they configure.

use crate::value::{Reader, V};
use safeguard_model::{Meta, SourceLocation, Tags, Value};
use std::collections::HashMap;

/// One declared resource instance with its evaluated attributes.
#[derive(Clone, Debug)]
pub struct Raw {
    /// `aws_s3_bucket`, `AWS::S3::Bucket`.
    pub rtype: String,
    /// Terraform address (`module.x.aws_s3_bucket.y["k"]`) or CloudFormation logical id.
    pub address: String,
    pub file: String,
    pub line: u32,
    /// Attributes; nested blocks are lists of maps.
    pub body: V,
}

impl Raw {
    pub fn reader(&self) -> Reader<'_> {
        Reader::new(&self.body)
    }

    pub fn location(&self) -> SourceLocation {
        SourceLocation {
            file: self.file.clone(),
            line: self.line,
            column: None,
            end_line: None,
            address: self.address.clone(),
        }
    }

    /// The resource's name: the first of `name_attrs` that is a known string, else the local
    /// part of the address.
    pub fn name(&self, name_attrs: &[&str]) -> String {
        for a in name_attrs {
            if let Some(s) = self.body.get(a).and_then(V::as_str) {
                return s.to_string();
            }
        }
        local_name(&self.address).to_string()
    }

    /// The id of the resource mapped from this declaration: `<file>#<address>`.
    pub fn id(&self) -> String {
        format!("{}#{}", self.file, self.address)
    }

    pub fn meta(&self, name_attrs: &[&str], tags: Value<Tags>) -> Meta {
        Meta {
            id: self.id(),
            name: self.name(name_attrs),
            account: String::new(),
            region: String::new(),
            tags,
            location: Some(self.location()),
        }
    }
}

/// `module.a.aws_s3_bucket.logs[0]` -> `logs[0]`; a logical id is its own local name.
pub fn local_name(address: &str) -> &str {
    // The name follows the last `.` outside brackets.
    let mut depth = 0i32;
    let mut cut = 0;
    for (i, c) in address.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '.' if depth == 0 => cut = i + 1,
            _ => {}
        }
    }
    &address[cut..]
}

/// Finds the parent a companion points at: by reference (the unresolved value's target), or
/// by the parent's known name (`bucket = "my-bucket"`, `DBParameterGroupName: my-params`).
#[derive(Default)]
pub struct Parents {
    by_addr: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
}

impl Parents {
    pub fn add(&mut self, idx: usize, address: &str, names: impl IntoIterator<Item = String>) {
        self.by_addr.insert(address.to_string(), idx);
        for n in names {
            self.by_name.entry(n).or_insert(idx);
        }
    }

    pub fn find(&self, v: Option<&V>) -> Option<usize> {
        match v? {
            V::Unknown(u) => u.target.as_ref().and_then(|t| self.by_addr.get(t)).copied(),
            V::Str(s) => self
                .by_name
                .get(s)
                .or_else(|| self.by_name.get(arn_tail(s)))
                .copied(),
            V::List(items) if items.len() == 1 => self.find(items.first()),
            _ => None,
        }
    }

    /// Every parent a list-valued attribute names (`Topics: [!Ref A, !Ref B]`).
    pub fn find_all(&self, v: Option<&V>) -> Vec<usize> {
        match v {
            Some(V::List(items)) => items.iter().filter_map(|i| self.find(Some(i))).collect(),
            other => self.find(other).into_iter().collect(),
        }
    }
}

/// The name at the end of an ARN (`arn:aws:s3:::bucket` -> `bucket`).
fn arn_tail(s: &str) -> &str {
    if s.starts_with("arn:") {
        s.rsplit([':', '/']).next().unwrap_or(s)
    } else {
        s
    }
}

/// Companions grouped by the parent they configure, in declaration order.
pub struct Joined<'a> {
    pub of: HashMap<usize, Vec<&'a Raw>>,
}

impl<'a> Joined<'a> {
    pub fn new() -> Self {
        Joined { of: HashMap::new() }
    }

    pub fn push(&mut self, parent: usize, companion: &'a Raw) {
        self.of.entry(parent).or_default().push(companion);
    }

    pub fn get(&self, parent: usize, rtype: &str) -> Vec<&'a Raw> {
        self.of
            .get(&parent)
            .map(|v| v.iter().copied().filter(|r| r.rtype == rtype).collect())
            .unwrap_or_default()
    }

    pub fn first(&self, parent: usize, rtype: &str) -> Option<&'a Raw> {
        self.of
            .get(&parent)
            .and_then(|v| v.iter().copied().find(|r| r.rtype == rtype))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_names() {
        assert_eq!(local_name("module.a.aws_s3_bucket.logs[0]"), "logs[0]");
        assert_eq!(local_name("aws_s3_bucket.b[\"x.y\"]"), "b[\"x.y\"]");
        assert_eq!(local_name("Bucket"), "Bucket");
    }
}
