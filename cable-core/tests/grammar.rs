//! The grammar has no recursive rule. cable-core builds pest without its native stack
//! probe (see Cargo.toml), which is safe only while the depth of pest's calls is fixed by
//! the grammar: a rule that reaches itself could then overflow the stack on deeply nested
//! input. Repetition (`x*`) is a loop in pest, not recursion, and stays allowed.

use std::collections::{BTreeMap, BTreeSet};

use pest_meta::ast::Expr;
use pest_meta::parser::{consume_rules, parse, Rule};

/// The rules of `grammar/` and, for each, the rules its expression names.
fn rule_graph() -> BTreeMap<String, BTreeSet<String>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("grammar");
    let mut source = String::new();
    for file in ["tokens", "containers", "header", "body", "dates"] {
        let path = dir.join(format!("{file}.pest"));
        source += &std::fs::read_to_string(&path).expect("a grammar file");
        source.push('\n');
    }
    let pairs = parse(Rule::grammar_rules, &source).expect("the grammar parses");
    let rules = consume_rules(pairs).expect("the grammar is valid");
    let names: BTreeSet<String> = rules.iter().map(|r| r.name.clone()).collect();
    rules
        .iter()
        .map(|rule| {
            let called = rule.expr.iter_top_down().filter_map(|e| match e {
                Expr::Ident(name) if names.contains(&name) => Some(name),
                _ => None,
            });
            (rule.name.clone(), called.collect())
        })
        .collect()
}

/// A rule that reaches itself through the rules it names, if any: the path of the cycle.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        rule: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|r| r == rule) {
            let mut cycle = path[at..].to_vec();
            cycle.push(rule.to_string());
            return Some(cycle);
        }
        if !done.insert(rule.to_string()) {
            return None;
        }
        path.push(rule.to_string());
        for next in &graph[rule] {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|rule| visit(rule, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_rule_is_recursive() {
    let graph = rule_graph();
    assert!(graph.len() > 100, "only {} rules read", graph.len());
    assert_eq!(find_cycle(&graph), None);
}

#[test]
fn a_recursive_rule_would_be_found() {
    let mut graph = rule_graph();
    graph
        .get_mut("text_line")
        .unwrap()
        .insert("paragraph".into());
    let cycle = find_cycle(&graph).expect("paragraph -> text_line -> paragraph");
    assert_eq!(cycle.first(), cycle.last());
}
