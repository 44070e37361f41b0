//! The Terraform expression evaluator: variables, locals, string templates, operators,
//! conditionals, `for` expressions, the common built-in functions, `count`/`for_each`
//! expansion and local module calls. A reference to another resource's attribute is
//! unresolved (known only after apply) and remembers the resource's address, which is how
//! companion resources find their parent.

use super::{funcs, local_source, normalize, ModuleDir, ParsedFile};
use crate::mapping::Raw;
use crate::value::{num_to_string, V};
use crate::Diagnostic;
use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::structure::{Block, Body, Structure};
use hcl_edit::template::Element;
use hcl_edit::Span;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::rc::Rc;

/// Deepest module nesting followed.
const MAX_MODULE_DEPTH: usize = 12;
/// Most instances one `count` or `for_each` expands to.
const MAX_INSTANCES: usize = 10_000;
/// Deepest expression nesting evaluated.
const MAX_EVAL_DEPTH: u32 = 128;

pub struct ResDecl<'a> {
    pub rtype: &'a str,
    pub name: &'a str,
    pub block: &'a Block,
    pub file: &'a ParsedFile,
}

/// The declarations of one module directory.
pub struct ModView<'a> {
    pub module: &'a ModuleDir,
    pub variables: HashMap<&'a str, Option<&'a Expression>>,
    pub locals: HashMap<&'a str, &'a Expression>,
    pub resources: Vec<ResDecl<'a>>,
    pub resource_types: HashSet<&'a str>,
    pub data: HashMap<(&'a str, &'a str), &'a Block>,
    pub modules: Vec<(&'a str, &'a Block, &'a ParsedFile)>,
    pub outputs: HashMap<&'a str, &'a Expression>,
    pub tfvars: Vec<(&'a str, &'a Expression)>,
    pub providers: Vec<&'a Block>,
}

fn label(b: &Block, i: usize) -> Option<&str> {
    b.labels.get(i).map(|l| l.as_str())
}

impl<'a> ModView<'a> {
    pub fn new(module: &'a ModuleDir) -> Self {
        let mut v = ModView {
            module,
            variables: HashMap::new(),
            locals: HashMap::new(),
            resources: Vec::new(),
            resource_types: HashSet::new(),
            data: HashMap::new(),
            modules: Vec::new(),
            outputs: HashMap::new(),
            tfvars: Vec::new(),
            providers: Vec::new(),
        };
        for f in &module.files {
            if f.class == crate::FileClass::TfVars {
                if f.is_auto_tfvars() {
                    for a in f.body.attributes() {
                        v.tfvars.push((a.key.as_str(), &a.value));
                    }
                }
                continue;
            }
            for s in f.body.iter() {
                let Structure::Block(b) = s else { continue };
                match b.ident.as_str() {
                    "variable" => {
                        if let Some(n) = label(b, 0) {
                            v.variables
                                .insert(n, b.body.get_attribute("default").map(|a| &a.value));
                        }
                    }
                    "locals" => {
                        for a in b.body.attributes() {
                            v.locals.insert(a.key.as_str(), &a.value);
                        }
                    }
                    "resource" => {
                        if let (Some(t), Some(n)) = (label(b, 0), label(b, 1)) {
                            v.resources.push(ResDecl {
                                rtype: t,
                                name: n,
                                block: b,
                                file: f,
                            });
                            v.resource_types.insert(t);
                        }
                    }
                    "data" => {
                        if let (Some(t), Some(n)) = (label(b, 0), label(b, 1)) {
                            v.data.insert((t, n), b);
                        }
                    }
                    "module" => {
                        if let Some(n) = label(b, 0) {
                            v.modules.push((n, b, f));
                        }
                    }
                    "output" => {
                        if let (Some(n), Some(a)) = (label(b, 0), b.body.get_attribute("value")) {
                            v.outputs.insert(n, &a.value);
                        }
                    }
                    "provider" => v.providers.push(b),
                    _ => {}
                }
            }
        }
        v
    }

    /// The region of the default `aws` provider, when it is a literal.
    pub fn provider_region(&self) -> Option<String> {
        self.providers
            .iter()
            .filter(|b| label(b, 0) == Some("aws") && b.body.get_attribute("alias").is_none())
            .find_map(|b| match &b.body.get_attribute("region")?.value {
                Expression::String(s) => Some(s.value().to_string()),
                _ => None,
            })
    }
}

/// Bindings visible to an expression: `count.index`, `each.*`, `for` and `dynamic` variables.
#[derive(Clone, Default)]
pub struct Env {
    pub count_index: Option<V>,
    pub each: Option<(V, V)>,
    pub vars: Vec<(String, V)>,
}

impl Env {
    fn lookup(&self, name: &str) -> Option<&V> {
        self.vars
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }

    fn with(&self, name: &str, v: V) -> Env {
        let mut e = self.clone();
        e.vars.push((name.to_string(), v));
        e
    }
}

/// One instance of a module: its variable values and address prefix.
pub struct Inst<'a> {
    pub view: &'a ModView<'a>,
    pub views: &'a HashMap<&'a Path, ModView<'a>>,
    /// `""` for the root, `module.a.` / `module.a["k"].module.b.` below it.
    pub prefix: String,
    pub vars: HashMap<String, V>,
    locals: RefCell<HashMap<String, V>>,
    busy: RefCell<HashSet<String>>,
    children: RefCell<HashMap<String, Rc<Inst<'a>>>>,
    depth: usize,
}

fn text(e: &Expression) -> String {
    e.to_string().trim().to_string()
}

fn key_string(v: &V) -> Option<String> {
    match v {
        V::Str(s) => Some(s.clone()),
        V::Num(n) => Some(num_to_string(*n)),
        V::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `[0]` or `["key"]` for an instance key.
pub fn index_suffix(k: &V) -> String {
    match k {
        V::Num(n) => format!("[{}]", num_to_string(*n)),
        V::Str(s) => format!("[{}]", serde_json::to_string(s).unwrap_or_default()),
        _ => String::new(),
    }
}

impl<'a> Inst<'a> {
    pub fn new(
        view: &'a ModView<'a>,
        views: &'a HashMap<&'a Path, ModView<'a>>,
        prefix: String,
        depth: usize,
    ) -> Self {
        Inst {
            view,
            views,
            prefix,
            vars: HashMap::new(),
            locals: RefCell::new(HashMap::new()),
            busy: RefCell::new(HashSet::new()),
            children: RefCell::new(HashMap::new()),
            depth,
        }
    }

    fn local(&self, name: &str, depth: u32) -> V {
        if let Some(v) = self.locals.borrow().get(name) {
            return v.clone();
        }
        let Some(expr) = self.view.locals.get(name) else {
            return V::opaque(format!("local.{name}"));
        };
        if !self.busy.borrow_mut().insert(name.to_string()) {
            return V::opaque(format!("local.{name} (cycle)"));
        }
        let v = self.eval(expr, &Env::default(), depth + 1);
        self.busy.borrow_mut().remove(name);
        self.locals.borrow_mut().insert(name.to_string(), v.clone());
        v
    }

    pub fn eval(&self, e: &Expression, env: &Env, depth: u32) -> V {
        if depth > MAX_EVAL_DEPTH {
            return V::opaque("expression nested too deep");
        }
        let d = depth + 1;
        match e {
            Expression::Null(_) => V::Null,
            Expression::Bool(b) => V::Bool(*b.value()),
            Expression::Number(n) => V::Num(n.value().as_f64().unwrap_or(0.0)),
            Expression::String(s) => V::Str(s.value().to_string()),
            Expression::Array(a) => V::List(a.iter().map(|x| self.eval(x, env, d)).collect()),
            Expression::Object(o) => {
                let mut m = BTreeMap::new();
                for (k, v) in o.iter() {
                    let key = match k {
                        ObjectKey::Ident(i) => i.as_str().to_string(),
                        ObjectKey::Expression(ke) => match self.eval(ke, env, d) {
                            V::Unknown(u) => return V::Unknown(u),
                            other => key_string(&other).unwrap_or_default(),
                        },
                    };
                    m.insert(key, self.eval(v.expr(), env, d));
                }
                V::Map(m)
            }
            Expression::StringTemplate(t) => {
                self.template(t.iter(), env, d, || text(e).trim_matches('"').to_string())
            }
            Expression::HeredocTemplate(h) => self.template(h.template.iter(), env, d, || text(e)),
            Expression::Parenthesis(p) => self.eval(p.inner(), env, d),
            Expression::Variable(v) => match env.lookup(v.as_str()) {
                Some(x) => x.clone(),
                None => V::opaque(v.as_str()),
            },
            Expression::Conditional(c) => match self.eval(&c.cond_expr, env, d).as_bool() {
                Some(true) => self.eval(&c.true_expr, env, d),
                Some(false) => self.eval(&c.false_expr, env, d),
                None => {
                    let (a, b) = (
                        self.eval(&c.true_expr, env, d),
                        self.eval(&c.false_expr, env, d),
                    );
                    if a == b {
                        a
                    } else {
                        V::opaque(text(e))
                    }
                }
            },
            Expression::FuncCall(f) => {
                let name = f.name.name.as_str();
                // `try` and `can` look at failures, so their arguments are judged one by one.
                if name == "try" {
                    for a in f.args.iter() {
                        match self.eval(a, env, d) {
                            V::Unknown(u) if !u.placeholder_ok => continue,
                            other => return other,
                        }
                    }
                    return V::opaque(text(e));
                }
                let args: Vec<V> = f.args.iter().map(|a| self.eval(a, env, d)).collect();
                let expand_final = f.args.expand_final();
                let args = if expand_final {
                    let mut args = args;
                    match args.pop() {
                        Some(V::List(items)) => args.extend(items),
                        Some(other) => return unknown_like(&other, text(e)),
                        None => {}
                    }
                    args
                } else {
                    args
                };
                funcs::call(name, args, || text(e))
            }
            Expression::Traversal(t) => self.traversal(&t.expr, &t.operators, env, d, || text(e)),
            Expression::UnaryOp(u) => {
                let v = self.eval(&u.expr, env, d);
                match (u.operator.value(), &v) {
                    (UnaryOperator::Not, _) => match v.as_bool() {
                        Some(b) => V::Bool(!b),
                        None => unknown_like(&v, text(e)),
                    },
                    (UnaryOperator::Neg, _) => match v.as_f64() {
                        Some(n) => V::Num(-n),
                        None => unknown_like(&v, text(e)),
                    },
                }
            }
            Expression::BinaryOp(b) => {
                let op = *b.operator.value();
                let l = self.eval(&b.lhs_expr, env, d);
                // Short-circuit logic decides even with an unknown side.
                match (op, l.as_bool()) {
                    (BinaryOperator::And, Some(false)) => return V::Bool(false),
                    (BinaryOperator::Or, Some(true)) => return V::Bool(true),
                    _ => {}
                }
                let r = self.eval(&b.rhs_expr, env, d);
                binary(op, &l, &r).unwrap_or_else(|| {
                    let ok = [&l, &r]
                        .iter()
                        .all(|x| !matches!(x, V::Unknown(u) if !u.placeholder_ok));
                    V::unknown(text(e), None, ok)
                })
            }
            Expression::ForExpr(f) => {
                let coll = self.eval(&f.intro.collection_expr, env, d);
                let items: Vec<(V, V)> = match coll {
                    V::List(items) => items
                        .into_iter()
                        .enumerate()
                        .map(|(i, v)| (V::Num(i as f64), v))
                        .collect(),
                    V::Map(m) => m.into_iter().map(|(k, v)| (V::Str(k), v)).collect(),
                    V::Unknown(u) => return V::unknown(text(e), None, u.placeholder_ok),
                    _ => return V::opaque(text(e)),
                };
                let mut list = Vec::new();
                let mut map: BTreeMap<String, V> = BTreeMap::new();
                let mut groups: BTreeMap<String, Vec<V>> = BTreeMap::new();
                for (k, v) in items {
                    let mut env2 = env.with(f.intro.value_var.as_str(), v);
                    if let Some(kv) = &f.intro.key_var {
                        env2 = env2.with(kv.as_str(), k);
                    }
                    if let Some(c) = &f.cond {
                        match self.eval(&c.expr, &env2, d).as_bool() {
                            Some(true) => {}
                            Some(false) => continue,
                            None => return V::opaque(text(e)),
                        }
                    }
                    let val = self.eval(&f.value_expr, &env2, d);
                    match &f.key_expr {
                        None => list.push(val),
                        Some(ke) => {
                            let Some(key) = key_string(&self.eval(ke, &env2, d)) else {
                                return V::opaque(text(e));
                            };
                            if f.grouping {
                                groups.entry(key).or_default().push(val);
                            } else {
                                map.insert(key, val);
                            }
                        }
                    }
                }
                match &f.key_expr {
                    None => V::List(list),
                    Some(_) if f.grouping => {
                        V::Map(groups.into_iter().map(|(k, v)| (k, V::List(v))).collect())
                    }
                    Some(_) => V::Map(map),
                }
            }
        }
    }

    fn template<'t>(
        &self,
        elements: impl Iterator<Item = &'t Element>,
        env: &Env,
        d: u32,
        expr: impl Fn() -> String,
    ) -> V {
        let elements: Vec<&Element> = elements.collect();
        // `"${x}"` is `x` itself, whatever its type.
        if let [Element::Interpolation(i)] = elements.as_slice() {
            return self.eval(&i.expr, env, d);
        }
        let mut out = String::new();
        let mut ok = true;
        let mut unknown = false;
        for el in elements {
            match el {
                Element::Literal(l) => out.push_str(l.value()),
                Element::Interpolation(i) => match self.eval(&i.expr, env, d) {
                    V::Unknown(u) => {
                        unknown = true;
                        ok &= u.placeholder_ok;
                    }
                    other => match other.to_plain_string() {
                        Some(s) => out.push_str(&s),
                        None => {
                            unknown = true;
                            ok = false;
                        }
                    },
                },
                Element::Directive(_) => {
                    unknown = true;
                    ok = false;
                }
            }
        }
        if unknown {
            V::unknown(expr(), None, ok)
        } else {
            V::Str(out)
        }
    }

    fn traversal(
        &self,
        root: &Expression,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        env: &Env,
        d: u32,
        expr: impl Fn() -> String,
    ) -> V {
        let attr = |i: usize| match ops.get(i).map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(a)) => Some(a.as_str()),
            _ => None,
        };
        let (base, used) = match root {
            Expression::Variable(v) => {
                let name = v.as_str();
                if let Some(b) = env.lookup(name) {
                    (b.clone(), 0)
                } else {
                    match name {
                        "var" => match attr(0) {
                            Some(n) => (
                                self.vars
                                    .get(n)
                                    .cloned()
                                    .unwrap_or_else(|| V::opaque(format!("var.{n}"))),
                                1,
                            ),
                            None => return V::opaque(expr()),
                        },
                        "local" => match attr(0) {
                            Some(n) => (self.local(n, d), 1),
                            None => return V::opaque(expr()),
                        },
                        "count" => match (attr(0), &env.count_index) {
                            (Some("index"), Some(i)) => (i.clone(), 1),
                            _ => return V::opaque(expr()),
                        },
                        "each" => match (attr(0), &env.each) {
                            (Some("key"), Some((k, _))) => (k.clone(), 1),
                            (Some("value"), Some((_, v))) => (v.clone(), 1),
                            _ => return V::opaque(expr()),
                        },
                        "data" => {
                            let (Some(t), Some(n)) = (attr(0), attr(1)) else {
                                return V::opaque(expr());
                            };
                            if t == "aws_iam_policy_document" {
                                if let (Some("json" | "minified_json"), Some(b)) =
                                    (attr(2), self.view.data.get(&(t, n)))
                                {
                                    return super::map::policy_document(self, b);
                                }
                            }
                            // A lookup of something that exists: it names an object.
                            return V::unknown(expr(), None, true);
                        }
                        "module" => {
                            let (Some(m), Some(out)) = (attr(0), attr(1)) else {
                                return V::unknown(expr(), None, true);
                            };
                            match self.module_output(m, out, d) {
                                Some(v) => (v, 2),
                                None => return V::unknown(expr(), None, true),
                            }
                        }
                        "path" | "terraform" | "self" => return V::unknown(expr(), None, true),
                        t if self.view.resource_types.contains(t) => {
                            return self.resource_ref(t, ops, env, d, expr())
                        }
                        _ => return V::opaque(expr()),
                    }
                }
            }
            other => (self.eval(other, env, d), 0),
        };
        apply_ops(base, &ops[used..], &|e| self.eval(e, env, d), &expr)
    }

    /// `aws_s3_bucket.logs[0].id`: unresolved, pointing at the instance's address.
    fn resource_ref(
        &self,
        t: &str,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        env: &Env,
        d: u32,
        expr: String,
    ) -> V {
        let Some(TraversalOperator::GetAttr(name)) = ops.first().map(|o| o.value()) else {
            return V::unknown(expr, None, true);
        };
        let mut target = format!("{}{}.{}", self.prefix, t, name.as_str());
        if let Some(TraversalOperator::Index(ix)) = ops.get(1).map(|o| o.value()) {
            match self.eval(ix, env, d) {
                V::Unknown(_) => return V::unknown(expr, None, true),
                k => target.push_str(&index_suffix(&k)),
            }
        } else if let Some(TraversalOperator::LegacyIndex(i)) = ops.get(1).map(|o| o.value()) {
            target.push_str(&format!("[{}]", i.value()));
        }
        V::unknown(expr, Some(target), true)
    }

    fn module_output(&self, module: &str, output: &str, d: u32) -> Option<V> {
        let child = self.child(module)?;
        let e = child.view.outputs.get(output)?;
        Some(child.eval(e, &Env::default(), d))
    }

    /// The single instance of a module call without `count`/`for_each`, built once.
    fn child(&self, module: &str) -> Option<Rc<Inst<'a>>> {
        if let Some(c) = self.children.borrow().get(module) {
            return Some(c.clone());
        }
        let (_, block, _) = self.view.modules.iter().find(|(n, _, _)| *n == module)?;
        if block.body.get_attribute("count").is_some()
            || block.body.get_attribute("for_each").is_some()
        {
            return None;
        }
        let inst = Rc::new(self.instantiate(
            block,
            format!("{}module.{}.", self.prefix, module),
            &Env::default(),
        )?);
        self.children
            .borrow_mut()
            .insert(module.to_string(), inst.clone());
        Some(inst)
    }

    fn instantiate(&self, block: &Block, prefix: String, env: &Env) -> Option<Inst<'a>> {
        if self.depth >= MAX_MODULE_DEPTH {
            return None;
        }
        let source = local_source(&block.body)?;
        let dir = normalize(&self.view.module.dir.join(source));
        let view = self.views.get(dir.as_path())?;
        let mut inst = Inst::new(view, self.views, prefix, self.depth + 1);
        let mut args: HashMap<&str, V> = HashMap::new();
        for a in block.body.attributes() {
            let k = a.key.as_str();
            if !matches!(
                k,
                "source" | "version" | "count" | "for_each" | "providers" | "depends_on"
            ) {
                args.insert(k, self.eval(&a.value, env, 0));
            }
        }
        for (name, default) in &view.variables {
            let v = match (args.remove(name), default) {
                (Some(v), _) if !v.is_null() => v,
                (_, Some(d)) => inst.eval(d, &Env::default(), 0),
                _ => V::opaque(format!("var.{name}")),
            };
            inst.vars.insert(name.to_string(), v);
        }
        Some(inst)
    }

    /// Evaluates a block body: attributes, nested blocks (as lists of objects) and `dynamic`
    /// blocks.
    pub fn body(&self, body: &Body, env: &Env, top: bool) -> V {
        let mut m: BTreeMap<String, V> = BTreeMap::new();
        for s in body.iter() {
            match s {
                Structure::Attribute(a) => {
                    let k = a.key.as_str();
                    if top && matches!(k, "count" | "for_each" | "provider" | "depends_on") {
                        continue;
                    }
                    m.insert(k.to_string(), self.eval(&a.value, env, 0));
                }
                Structure::Block(b) => {
                    let ident = b.ident.as_str();
                    if matches!(
                        ident,
                        "lifecycle" | "provisioner" | "connection" | "timeouts"
                    ) {
                        continue;
                    }
                    if ident == "dynamic" {
                        let Some(name) = label(b, 0) else { continue };
                        let expanded = self.dynamic(b, name, env);
                        match (m.get_mut(name), expanded) {
                            (_, V::Unknown(u)) => {
                                m.insert(name.to_string(), V::Unknown(u));
                            }
                            (Some(V::List(items)), V::List(more)) => items.extend(more),
                            (Some(V::Unknown(_)), _) => {}
                            (_, more) => {
                                m.insert(name.to_string(), more);
                            }
                        }
                        continue;
                    }
                    let v = self.body(&b.body, env, false);
                    match m.get_mut(ident) {
                        Some(V::List(items)) => items.push(v),
                        Some(V::Unknown(_)) => {}
                        _ => {
                            m.insert(ident.to_string(), V::List(vec![v]));
                        }
                    }
                }
            }
        }
        V::Map(m)
    }

    fn dynamic(&self, b: &Block, name: &str, env: &Env) -> V {
        let Some(fe) = b.body.get_attribute("for_each") else {
            return V::List(Vec::new());
        };
        let iterator = match b.body.get_attribute("iterator").map(|a| &a.value) {
            Some(Expression::Variable(v)) => v.as_str().to_string(),
            _ => name.to_string(),
        };
        let items: Vec<(V, V)> = match self.eval(&fe.value, env, 0) {
            V::List(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| (V::Num(i as f64), v))
                .collect(),
            V::Map(m) => m.into_iter().map(|(k, v)| (V::Str(k), v)).collect(),
            V::Unknown(u) => {
                return V::unknown(
                    format!("dynamic \"{name}\": {}", u.expr),
                    None,
                    u.placeholder_ok,
                )
            }
            _ => return V::opaque(format!("dynamic \"{name}\"")),
        };
        let Some(content) = b.body.get_blocks("content").next() else {
            return V::List(Vec::new());
        };
        V::List(
            items
                .into_iter()
                .map(|(k, v)| {
                    let it = V::Map(BTreeMap::from([
                        ("key".to_string(), k),
                        ("value".to_string(), v),
                    ]));
                    self.body(&content.body, &env.with(&iterator, it), false)
                })
                .collect(),
        )
    }

    /// Instances of a resource or module block under `count`/`for_each`: `(index key, env)`.
    fn instances(
        &self,
        body: &Body,
        diags: &mut Vec<Diagnostic>,
        file: &ParsedFile,
        line: u32,
    ) -> Vec<(Option<V>, Env)> {
        if let Some(c) = body.get_attribute("count") {
            return match self.eval(&c.value, &Env::default(), 0).as_f64() {
                Some(n) if n >= 0.0 => {
                    let n = (n as usize).min(MAX_INSTANCES);
                    (0..n)
                        .map(|i| {
                            (
                                Some(V::Num(i as f64)),
                                Env {
                                    count_index: Some(V::Num(i as f64)),
                                    ..Env::default()
                                },
                            )
                        })
                        .collect()
                }
                _ => vec![(
                    None,
                    Env {
                        count_index: Some(V::opaque("count.index")),
                        ..Env::default()
                    },
                )],
            };
        }
        if let Some(fe) = body.get_attribute("for_each") {
            let items: Vec<(V, V)> = match self.eval(&fe.value, &Env::default(), 0) {
                V::Map(m) => m.into_iter().map(|(k, v)| (V::Str(k), v)).collect(),
                V::List(items) => items
                    .into_iter()
                    .filter_map(|v| key_string(&v).map(|k| (V::Str(k), v)))
                    .collect(),
                _ => {
                    let each = (V::opaque("each.key"), V::opaque("each.value"));
                    return vec![(
                        None,
                        Env {
                            each: Some(each),
                            ..Env::default()
                        },
                    )];
                }
            };
            if items.len() > MAX_INSTANCES {
                diags.push(Diagnostic {
                    file: file.rel.clone(),
                    line,
                    column: None,
                    message: format!(
                        "for_each has {} instances; only the first {MAX_INSTANCES} are read",
                        items.len()
                    ),
                });
            }
            return items
                .into_iter()
                .take(MAX_INSTANCES)
                .map(|(k, v)| {
                    (
                        Some(k.clone()),
                        Env {
                            each: Some((k, v)),
                            ..Env::default()
                        },
                    )
                })
                .collect();
        }
        vec![(None, Env::default())]
    }

    /// Every resource instance of this module instance and, recursively, of its local modules.
    pub fn expand(&self, out: &mut Vec<Raw>, diags: &mut Vec<Diagnostic>) {
        for r in &self.view.resources {
            let line = block_line(r.block, r.file);
            for (key, env) in self.instances(&r.block.body, diags, r.file, line) {
                let mut address = format!("{}{}.{}", self.prefix, r.rtype, r.name);
                if let Some(k) = &key {
                    address.push_str(&index_suffix(k));
                }
                let line = match &r.file.json_lines {
                    Some(l) => l
                        .get(&(r.rtype.to_string(), r.name.to_string()))
                        .copied()
                        .unwrap_or(1),
                    None => line,
                };
                out.push(Raw {
                    rtype: r.rtype.to_string(),
                    address,
                    file: r.file.rel.clone(),
                    line,
                    body: self.body(&r.block.body, &env, true),
                });
            }
        }
        for (name, block, file) in &self.view.modules {
            let line = block_line(block, file);
            let Some(source) = local_source(&block.body) else {
                let src = match block.body.get_attribute("source").map(|a| &a.value) {
                    Some(Expression::String(s)) => s.value().to_string(),
                    Some(other) => text(other),
                    None => String::new(),
                };
                diags.push(Diagnostic {
                    file: file.rel.clone(),
                    line,
                    column: None,
                    message: format!("module \"{name}\": source {src:?} is not a local path; its resources are not scanned"),
                });
                continue;
            };
            let dir = normalize(&self.view.module.dir.join(&source));
            if !self.views.contains_key(dir.as_path()) {
                diags.push(Diagnostic {
                    file: file.rel.clone(),
                    line,
                    column: None,
                    message: format!("module \"{name}\": source {source:?} not found"),
                });
                continue;
            }
            if self.depth >= MAX_MODULE_DEPTH {
                diags.push(Diagnostic {
                    file: file.rel.clone(),
                    line,
                    column: None,
                    message: format!("module \"{name}\": nested too deep"),
                });
                continue;
            }
            let plain = block.body.get_attribute("count").is_none()
                && block.body.get_attribute("for_each").is_none();
            if plain {
                if let Some(child) = self.child(name) {
                    child.expand(out, diags);
                }
                continue;
            }
            for (key, env) in self.instances(&block.body, diags, file, line) {
                let suffix = key.as_ref().map(index_suffix).unwrap_or_default();
                if let Some(child) = self.instantiate(
                    block,
                    format!("{}module.{}{}.", self.prefix, name, suffix),
                    &env,
                ) {
                    child.expand(out, diags);
                }
            }
        }
    }
}

fn unknown_like(v: &V, expr: String) -> V {
    let ok = !matches!(v, V::Unknown(u) if !u.placeholder_ok);
    V::unknown(expr, None, ok)
}

pub fn block_line(b: &Block, f: &ParsedFile) -> u32 {
    b.ident.span().map(|s| f.lines.line(s.start)).unwrap_or(1)
}

fn apply_ops(
    mut v: V,
    ops: &[hcl_edit::Decorated<TraversalOperator>],
    eval: &dyn Fn(&Expression) -> V,
    expr: &dyn Fn() -> String,
) -> V {
    for (i, op) in ops.iter().enumerate() {
        if let V::Unknown(u) = &v {
            return V::unknown(expr(), None, u.placeholder_ok);
        }
        v = match op.value() {
            TraversalOperator::GetAttr(a) => match &v {
                V::Map(m) => m.get(a.as_str()).cloned().unwrap_or(V::Null),
                _ => return V::opaque(expr()),
            },
            TraversalOperator::Index(ix) => index(&v, &eval(ix), expr),
            TraversalOperator::LegacyIndex(n) => index(&v, &V::Num(*n.value() as f64), expr),
            TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                let items = match v {
                    V::List(items) => items,
                    V::Null => Vec::new(),
                    other => vec![other],
                };
                let rest = &ops[i + 1..];
                return V::List(
                    items
                        .into_iter()
                        .map(|x| apply_ops(x, rest, eval, expr))
                        .collect(),
                );
            }
        };
    }
    v
}

fn index(v: &V, k: &V, expr: &dyn Fn() -> String) -> V {
    match (v, k) {
        (_, V::Unknown(u)) => V::unknown(expr(), None, u.placeholder_ok),
        (V::List(items), k) => match k.as_f64() {
            Some(i) if i >= 0.0 && (i as usize) < items.len() => items[i as usize].clone(),
            _ => V::opaque(expr()),
        },
        (V::Map(m), k) => match key_string(k).and_then(|k| m.get(&k)) {
            Some(x) => x.clone(),
            None => V::opaque(expr()),
        },
        _ => V::opaque(expr()),
    }
}

fn binary(op: BinaryOperator, l: &V, r: &V) -> Option<V> {
    use BinaryOperator::*;
    if matches!(l, V::Unknown(_)) || matches!(r, V::Unknown(_)) {
        return match (op, l.as_bool(), r.as_bool()) {
            (And, _, Some(false)) => Some(V::Bool(false)),
            (Or, _, Some(true)) => Some(V::Bool(true)),
            _ => None,
        };
    }
    Some(match op {
        Eq => V::Bool(l == r),
        NotEq => V::Bool(l != r),
        And => V::Bool(l.as_bool()? && r.as_bool()?),
        Or => V::Bool(l.as_bool()? || r.as_bool()?),
        _ => {
            let (a, b) = (l.as_f64()?, r.as_f64()?);
            match op {
                Less => V::Bool(a < b),
                LessEq => V::Bool(a <= b),
                Greater => V::Bool(a > b),
                GreaterEq => V::Bool(a >= b),
                Plus => V::Num(a + b),
                Minus => V::Num(a - b),
                Mul => V::Num(a * b),
                Div if b != 0.0 => V::Num(a / b),
                Mod if b != 0.0 => V::Num(a % b),
                _ => return None,
            }
        }
    })
}

/// Every resource instance of a root module.
pub fn evaluate_root<'a>(
    root: &'a ModuleDir,
    views: &'a HashMap<&'a Path, ModView<'a>>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Raw> {
    let view = &views[root.dir.as_path()];
    let mut inst = Inst::new(view, views, String::new(), 0);
    let tfvars: HashMap<&str, &Expression> = view.tfvars.iter().copied().collect();
    for (name, default) in &view.variables {
        let v = match (tfvars.get(name), default) {
            (Some(e), _) => inst.eval(e, &Env::default(), 0),
            (None, Some(d)) => inst.eval(d, &Env::default(), 0),
            // A variable with no value: whatever is passed at apply time.
            (None, None) => V::opaque(format!("var.{name}")),
        };
        inst.vars.insert(name.to_string(), v);
    }
    let mut out = Vec::new();
    inst.expand(&mut out, diags);
    out
}
