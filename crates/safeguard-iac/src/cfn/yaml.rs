//! YAML (and JSON, a subset of it) into a small tree that keeps each node's line and turns
//! CloudFormation's short-form tags into their long form: `!Ref X` becomes `{Ref: X}`,
//! `!GetAtt a.b` becomes `{Fn::GetAtt: a.b}`, `!Sub s` becomes `{Fn::Sub: s}`, and so on.

use saphyr_parser::{Event, Parser, ScalarStyle, Span, SpannedEventReceiver, Tag};
use std::borrow::Cow;
use std::collections::HashMap;

/// Deepest nesting accepted; deeper input is refused rather than risking the stack.
const MAX_DEPTH: usize = 200;
/// Most nodes that aliases may copy in, against "billion laughs" documents.
const MAX_ALIAS_NODES: usize = 100_000;

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// 1-based line where the node starts.
    pub line: u32,
    pub n: N,
}

#[derive(Clone, Debug, PartialEq)]
pub enum N {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Entries in document order, with the key's line.
    Map(Vec<(String, u32, Node)>),
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.n {
            N::Map(entries) => entries.iter().find(|(k, _, _)| k == key).map(|(_, _, v)| v),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[(String, u32, Node)] {
        match &self.n {
            N::Map(entries) => entries,
            _ => &[],
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.n {
            N::Str(s) => Some(s),
            _ => None,
        }
    }

    fn size(&self) -> usize {
        match &self.n {
            N::Seq(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            N::Map(entries) => 1 + entries.iter().map(|(_, _, v)| v.size()).sum::<usize>(),
            _ => 1,
        }
    }
}

/// A parse error with its 1-based line and column.
#[derive(Debug)]
pub struct ParseError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

enum Frame {
    Seq {
        line: u32,
        items: Vec<Node>,
        anchor: usize,
        tag: Option<String>,
    },
    Map {
        line: u32,
        entries: Vec<(String, u32, Node)>,
        key: Option<(String, u32)>,
        anchor: usize,
        tag: Option<String>,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    docs: Vec<Node>,
    alias_nodes: usize,
    error: Option<ParseError>,
}

/// The tag's name when it is not one of YAML's own (`!!str`, `!!int`, ...).
fn custom_tag(tag: &Option<Cow<'_, Tag>>) -> Option<String> {
    let t = tag.as_ref()?;
    if t.handle == "!" {
        Some(t.suffix.clone())
    } else {
        None
    }
}

/// `!Ref x` -> `{Ref: x}`, `!Condition c` -> `{Condition: c}`, `!Sub s` -> `{Fn::Sub: s}`.
fn long_form(tag: &str, inner: Node) -> Node {
    let key = match tag {
        "Ref" | "Condition" => tag.to_string(),
        other => format!("Fn::{other}"),
    };
    Node {
        line: inner.line,
        n: N::Map(vec![(key, inner.line, inner)]),
    }
}

fn scalar(v: &str, style: ScalarStyle, tag: &Option<Cow<'_, Tag>>) -> N {
    let forced_str = tag
        .as_ref()
        .is_some_and(|t| t.handle == "tag:yaml.org,2002:" && t.suffix == "str");
    if style != ScalarStyle::Plain || forced_str || custom_tag(tag).is_some() {
        return N::Str(v.to_string());
    }
    match v {
        "" | "~" | "null" | "Null" | "NULL" => N::Null,
        "true" | "True" | "TRUE" => N::Bool(true),
        "false" | "False" | "FALSE" => N::Bool(false),
        _ => {
            if let Ok(i) = v.parse::<i64>() {
                return N::Int(i);
            }
            if let Some(hex) = v.strip_prefix("0x") {
                if let Ok(i) = i64::from_str_radix(hex, 16) {
                    return N::Int(i);
                }
            }
            if let Some(oct) = v.strip_prefix("0o") {
                if let Ok(i) = i64::from_str_radix(oct, 8) {
                    return N::Int(i);
                }
            }
            let looks_numeric = v
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_digit() || b == b'-' || b == b'+' || b == b'.');
            if looks_numeric && !v.contains(['_', ' ']) {
                if let Ok(f) = v.parse::<f64>() {
                    if f.is_finite() {
                        return N::Float(f);
                    }
                }
            }
            N::Str(v.to_string())
        }
    }
}

impl Builder {
    fn fail(&mut self, span: &Span, message: impl Into<String>) {
        if self.error.is_none() {
            self.error = Some(ParseError {
                line: span.start.line() as u32,
                column: span.start.col() as u32 + 1,
                message: message.into(),
            });
        }
    }

    fn insert(&mut self, node: Node, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.docs.push(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => {
                    let k = match &node.n {
                        N::Str(s) => s.clone(),
                        N::Int(i) => i.to_string(),
                        N::Float(f) => f.to_string(),
                        N::Bool(b) => b.to_string(),
                        N::Null => "null".to_string(),
                        // Complex keys have no meaning in a template.
                        _ => String::new(),
                    };
                    *key = Some((k, node.line));
                }
                Some((k, kl)) => entries.push((k, kl, node)),
            },
        }
    }
}

impl<'input> SpannedEventReceiver<'input> for Builder {
    fn on_event(&mut self, ev: Event<'input>, span: Span) {
        if self.error.is_some() {
            return;
        }
        let line = span.start.line() as u32;
        match ev {
            Event::Scalar(v, style, anchor, tag) => {
                let node = Node {
                    line,
                    n: scalar(&v, style, &tag),
                };
                let node = match custom_tag(&tag) {
                    Some(t) => long_form(&t, node),
                    None => node,
                };
                self.insert(node, anchor);
            }
            Event::SequenceStart(anchor, tag) => {
                if self.stack.len() >= MAX_DEPTH {
                    return self.fail(&span, "nesting too deep");
                }
                self.stack.push(Frame::Seq {
                    line,
                    items: Vec::new(),
                    anchor,
                    tag: custom_tag(&tag),
                });
            }
            Event::MappingStart(anchor, tag) => {
                if self.stack.len() >= MAX_DEPTH {
                    return self.fail(&span, "nesting too deep");
                }
                self.stack.push(Frame::Map {
                    line,
                    entries: Vec::new(),
                    key: None,
                    anchor,
                    tag: custom_tag(&tag),
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return;
                };
                let (node, anchor, tag) = match frame {
                    Frame::Seq {
                        line,
                        items,
                        anchor,
                        tag,
                    } => (
                        Node {
                            line,
                            n: N::Seq(items),
                        },
                        anchor,
                        tag,
                    ),
                    Frame::Map {
                        line,
                        entries,
                        anchor,
                        tag,
                        ..
                    } => (
                        Node {
                            line,
                            n: N::Map(entries),
                        },
                        anchor,
                        tag,
                    ),
                };
                let node = match tag {
                    Some(t) => long_form(&t, node),
                    None => node,
                };
                self.insert(node, anchor);
            }
            Event::Alias(id) => match self.anchors.get(&id).cloned() {
                Some(node) => {
                    self.alias_nodes += node.size();
                    if self.alias_nodes > MAX_ALIAS_NODES {
                        return self.fail(&span, "too many alias expansions");
                    }
                    self.insert(node, 0);
                }
                None => self.fail(&span, "unknown alias"),
            },
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart(_)
            | Event::DocumentEnd => {}
        }
    }
}

/// Parses the first document of `text`.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    let mut parser = Parser::new_from_str(text);
    let mut b = Builder::default();
    if let Err(e) = parser.load(&mut b, false) {
        let m = e.marker();
        return Err(ParseError {
            line: m.line() as u32,
            column: m.col() as u32 + 1,
            message: e.info().to_string(),
        });
    }
    if let Some(e) = b.error {
        return Err(e);
    }
    b.docs.into_iter().next().ok_or(ParseError {
        line: 1,
        column: 1,
        message: "empty document".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_tags_become_long_form_with_lines() {
        let doc = parse("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub '${Env}-b'\n      Tags: !If [C, [], !Ref AWS::NoValue]\n").unwrap();
        let b = doc.get("Resources").unwrap().get("B").unwrap();
        assert_eq!(b.line, 3);
        let name = b.get("Properties").unwrap().get("BucketName").unwrap();
        assert_eq!(name.get("Fn::Sub").unwrap().as_str(), Some("${Env}-b"));
        assert_eq!(name.line, 5);
        let tags = b
            .get("Properties")
            .unwrap()
            .get("Tags")
            .unwrap()
            .get("Fn::If")
            .unwrap();
        let N::Seq(items) = &tags.n else { panic!() };
        assert_eq!(items[2].get("Ref").unwrap().as_str(), Some("AWS::NoValue"));
    }

    #[test]
    fn json_is_read_with_lines() {
        let doc = parse("{\n \"Resources\": {\n  \"B\": {\"Type\": \"AWS::S3::Bucket\", \"N\": 3, \"T\": true}\n }\n}\n").unwrap();
        let b = doc.get("Resources").unwrap().get("B").unwrap();
        assert_eq!(b.line, 3);
        assert_eq!(b.get("N").unwrap().n, N::Int(3));
        assert_eq!(b.get("T").unwrap().n, N::Bool(true));
        assert_eq!(doc.get("Resources").unwrap().entries()[0].1, 3);
    }

    #[test]
    fn errors_have_positions() {
        let e = parse("a: [1, 2\nb: c\n").unwrap_err();
        assert!(e.line >= 1, "{e:?}");
        assert!(parse(&"[".repeat(1000)).is_err());
    }
}
