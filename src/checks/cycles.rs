//! Check kinds `reference-cycle` and `link-cycle`: loops in the graph of references or links.
//!
//! `reference-cycle` follows `relisted_from` and `included_in` (the parameter `fields` may
//! narrow that): a line cannot repeat or contain itself through others. `link-cycle` follows
//! the links of the kinds in the parameter `kinds` across all datasets of the run: research
//! handed off (`handoff`) must not come back to where it started. `feedback` links are a
//! declared loop back and `collaboration` links go both ways, so they are usually left out;
//! a collaboration link in `kinds` counts in both directions, which makes it a loop by itself.
//!
//! Each loop is reported once, at its first reference or link in file order, with the path
//! written out (`pj4 → pj1 → pj4`) and a label on every other step.
//!
//! ```yaml
//! check:
//!   kind: link-cycle
//!   kinds: [handoff]
//! ```

use super::Context;
use crate::findings::{Defect, FileId};
use crate::graph::{self, Edge};
use crate::index::ItemRef;
use crate::model::fields::Subject;
use crate::model::{LinkKind, Reference, Spanned};
use crate::rules::select::Selection;
use crate::rules::MapReader;
use crate::span::Span;

const REFERENCE_FIELDS: &[&str] = &["relisted_from", "included_in"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferenceParams {
    pub fields: Vec<String>,
}

impl ReferenceParams {
    pub fn read(map: &mut MapReader<'_, '_>) -> Result<ReferenceParams, (Span, String)> {
        let fields = match map.get("fields") {
            None => REFERENCE_FIELDS.iter().map(|f| f.to_string()).collect(),
            Some(node) => read_list(
                node,
                "`fields`",
                |f| REFERENCE_FIELDS.contains(&f).then(|| f.to_string()),
                "`relisted_from`, `included_in`",
            )?,
        };
        Ok(ReferenceParams { fields })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkParams {
    pub kinds: Vec<LinkKind>,
}

impl LinkParams {
    pub fn read(map: &mut MapReader<'_, '_>) -> Result<LinkParams, (Span, String)> {
        let node = map.require("kinds")?;
        let kinds = read_list(node, "`kinds`", LinkKind::parse, &LinkKind::choices())?;
        Ok(LinkParams { kinds })
    }
}

fn read_list<T>(
    node: &crate::load::Node<'_>,
    what: &str,
    parse: impl Fn(&str) -> Option<T>,
    choices: &str,
) -> Result<Vec<T>, (Span, String)> {
    let list = node.as_seq().ok_or_else(|| (node.span, format!("{what} must be a list")))?;
    list.iter()
        .map(|n| n.as_str().and_then(&parse).ok_or_else(|| (n.span, format!("{what} takes {choices}"))))
        .collect()
}

/// One step of a loop: the edge and where it is written.
struct Step {
    edge: Edge,
    file: FileId,
    span: Span,
    /// How the step reads in a label: "relisted_from pj1", "handoff pj1 → pj2".
    text: String,
}

pub fn run_references(
    params: &ReferenceParams,
    select: &Selection,
    context: &Context<'_>,
    report: &mut dyn FnMut(Defect),
) {
    let mut steps = Vec::new();
    for (d, dataset) in context.datasets.iter().enumerate() {
        for (i, item) in dataset.items.iter().enumerate() {
            if !select.matches(context.datasets, Subject::Item(d, i)) {
                continue;
            }
            for (field, reference) in [("relisted_from", &item.relisted_from), ("included_in", &item.included_in)] {
                let Some(reference) = reference.as_ref().filter(|_| params.fields.iter().any(|f| f == field)) else {
                    continue;
                };
                if let Some(step) = step(context, d, (d, i), reference, format!("`{field}: {}`", reference.value)) {
                    steps.push(step);
                }
            }
        }
    }
    report_cycles(
        context,
        &steps,
        "these references form a loop",
        "a line cannot repeat or contain itself: point one of these references at the primary line",
        report,
    );
}

pub fn run_links(params: &LinkParams, select: &Selection, context: &Context<'_>, report: &mut dyn FnMut(Defect)) {
    let mut steps = Vec::new();
    for (d, dataset) in context.datasets.iter().enumerate() {
        for (l, link) in dataset.links.iter().enumerate() {
            if !select.matches(context.datasets, Subject::Link(d, l)) {
                continue;
            }
            let (Some(from), Some(to), Some(kind)) = (&link.from, &link.to, &link.kind) else {
                continue;
            };
            if !params.kinds.contains(&kind.value) {
                continue;
            }
            let Some(source) = context.index.resolve(d, &from.value) else {
                continue;
            };
            let text = format!("{} {} → {}", kind.value.name(), from.value, to.value);
            if let Some(mut forward) = step(context, d, source, to, text) {
                forward.span = link.span;
                if kind.value == LinkKind::Collaboration {
                    let back = Edge { from: forward.edge.to, to: forward.edge.from, order: forward.edge.order };
                    steps.push(Step { edge: back, file: forward.file, span: link.span, text: forward.text.clone() });
                }
                steps.push(forward);
            }
        }
    }
    let kinds: Vec<&str> = params.kinds.iter().map(|k| k.name()).collect();
    let help = format!(
        "links of the kinds {} must not lead back to where they started: if one of them returns results to an earlier stage, write it as `kind: feedback`",
        kinds.join(", ")
    );
    report_cycles(context, &steps, "the links form a loop", &help, report);
}

fn step(context: &Context<'_>, d: usize, from: ItemRef, to: &Spanned<Reference>, text: String) -> Option<Step> {
    let target = context.index.resolve(d, &to.value)?;
    let file = context.datasets[d].file;
    Some(Step { edge: Edge { from, to: target, order: (file, to.span.start) }, file, span: to.span, text })
}

fn report_cycles(context: &Context<'_>, steps: &[Step], what: &str, help: &str, report: &mut dyn FnMut(Defect)) {
    let edges: Vec<Edge> = steps.iter().map(|s| s.edge).collect();
    for cycle in graph::cycles(&edges) {
        let first = &steps[cycle.edges[0]];
        let mut message = format!("{what}: {}", path(context, steps, &cycle.edges, first.file));
        if cycle.component_size > cycle.edges.len() {
            message.push_str(&format!(" ({} items are caught in loops with one another)", cycle.component_size));
        }
        let mut defect = Defect::new(first.file, first.span, message)
            .label(format!("the loop starts here: {}", first.text))
            .help(help);
        for (n, &e) in cycle.edges.iter().enumerate().skip(1).take(MAX_STEPS) {
            defect = defect.with_label(steps[e].file, steps[e].span, format!("step {}: {}", n + 1, steps[e].text));
        }
        let (d, i) = first.edge.from;
        report(context.attach(defect, Subject::Item(d, i)));
    }
}

/// Most steps of a loop written out and labelled; a longer loop is shortened.
const MAX_STEPS: usize = 12;

/// `pj4 → pj1 → pj4`, or for a long loop its first steps, `…`, and its length.
fn path(context: &Context<'_>, steps: &[Step], cycle: &[usize], file: usize) -> String {
    let name = |e: usize| context.name(steps[e].edge.from, file);
    let mut path: Vec<String> = cycle.iter().take(MAX_STEPS).map(|&e| name(e)).collect();
    if cycle.len() > MAX_STEPS {
        path.push(format!("… ({} links in all)", cycle.len()));
    }
    path.push(name(cycle[0]));
    path.join(" → ")
}
