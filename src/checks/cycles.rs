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
use crate::model::{Item, LinkEnd, LinkKind, Reference, Spanned};
use crate::rules::select::Selection;
use crate::rules::{read_words, MapReader};
use crate::span::Span;

/// The fields a reference cycle may run through, in the order [`references`] gives them.
const REFERENCE_FIELDS: [&str; 2] = ["relisted_from", "included_in"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferenceParams {
    pub fields: Vec<String>,
}

impl ReferenceParams {
    pub fn read(map: &mut MapReader<'_, '_>) -> Result<ReferenceParams, (Span, String)> {
        let fields = match map.get("fields") {
            None => REFERENCE_FIELDS.iter().map(|f| f.to_string()).collect(),
            Some(node) => read_words(node, "`fields`", "`relisted_from`, `included_in`", |f| {
                REFERENCE_FIELDS.contains(&f).then(|| f.to_string())
            })?,
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
        let kinds = read_words(node, "`kinds`", &LinkKind::choices(), LinkKind::parse)?;
        Ok(LinkParams { kinds })
    }
}

/// One step of a loop: the edge, where it is written, and what wrote it. Its label text is
/// only made for the steps of a loop, not for every reference of the run.
struct Step {
    edge: Edge,
    file: FileId,
    span: Span,
    origin: Origin,
}

#[derive(Clone, Copy)]
enum Origin {
    /// `field` of item `item` of dataset `dataset`.
    Reference { dataset: usize, item: usize, field: &'static str },
    /// Link `link` of dataset `dataset`.
    Link { dataset: usize, link: usize },
}

impl Step {
    /// A step from `from` to `to`, written at `span` in dataset `d`.
    fn new(context: &Context<'_>, d: usize, (from, to): (ItemRef, ItemRef), span: Span, origin: Origin) -> Step {
        let file = context.datasets[d].file;
        Step { edge: Edge { from, to, order: (file, span.start()) }, file, span, origin }
    }

    /// How the step reads in a label: "`relisted_from: pj1`", "handoff pj1 → pj2".
    fn text(&self, context: &Context<'_>) -> String {
        match self.origin {
            Origin::Reference { dataset, item, field } => {
                let item = &context.datasets[dataset].items[item];
                let reference = if field == "relisted_from" { &item.relisted_from() } else { &item.included_in() };
                reference.as_ref().map_or(String::new(), |r| format!("`{field}: {}`", r.value))
            }
            Origin::Link { dataset, link } => {
                let link = &context.datasets[dataset].links[link];
                let end = |r: &Option<Spanned<Reference>>| r.as_ref().map_or("?".to_string(), |r| r.value.to_string());
                let kind = link.kind.as_ref().map_or("?", |k| k.value.name());
                format!("{kind} {} → {}", end(&link.from), end(&link.to))
            }
        }
    }
}

pub fn run_references(
    params: &ReferenceParams,
    select: &Selection,
    context: &Context<'_>,
    report: &mut dyn FnMut(Defect),
) {
    let mut steps = Vec::new();
    let checked = REFERENCE_FIELDS.map(|field| params.fields.iter().any(|f| f == field));
    let names_one = |item: &Item| references(item).iter().zip(checked).any(|(r, checked)| checked && r.is_some());
    for (subject, d, item) in context.items_where(select, names_one) {
        let Subject::Item(_, i) = subject else { continue };
        for ((field, reference), checked) in REFERENCE_FIELDS.into_iter().zip(references(item)).zip(checked) {
            let Some(reference) = reference.as_ref().filter(|_| checked) else {
                continue;
            };
            let Some(target) = context.resolve(d, &reference.value) else { continue };
            let origin = Origin::Reference { dataset: d, item: i, field };
            steps.push(Step::new(context, d, ((d, i), target), reference.span, origin));
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
    for subject in select.subjects(context.datasets) {
        let Subject::Link(d, l) = subject else { continue };
        let link = &context.datasets[d].links[l];
        let Some(kind) = link.kind.as_ref().filter(|kind| params.kinds.contains(&kind.value)) else { continue };
        let ends = (context.resolve_link_end(d, l, LinkEnd::From), context.resolve_link_end(d, l, LinkEnd::To));
        let (Some(source), Some(target)) = ends else { continue };
        let forward = Step::new(context, d, (source, target), link.span, Origin::Link { dataset: d, link: l });
        if kind.value == LinkKind::Collaboration {
            let back = Edge { from: forward.edge.to, to: forward.edge.from, order: forward.edge.order };
            steps.push(Step { edge: back, ..forward });
        }
        steps.push(forward);
    }
    let kinds: Vec<&str> = params.kinds.iter().map(|k| k.name()).collect();
    let help = format!(
        "links of the kinds {} must not lead back to where they started: if one of them returns results to an earlier stage, write it as `kind: feedback`",
        kinds.join(", ")
    );
    report_cycles(context, &steps, "the links form a loop", &help, report);
}

fn report_cycles(context: &Context<'_>, steps: &[Step], what: &str, help: &str, report: &mut dyn FnMut(Defect)) {
    for cycle in graph::cycles(steps, |step| &step.edge) {
        let first = &steps[cycle.edges[0]];
        let mut message = format!("{what}: {}", path(context, steps, &cycle.edges, first.file));
        if cycle.component_size > cycle.edges.len() {
            message.push_str(&format!(" ({} items are caught in loops with one another)", cycle.component_size));
        }
        let mut defect = Defect::new(first.file, first.span, message)
            .label(format!("the loop starts here: {}", first.text(context)))
            .help(help);
        for (n, &e) in cycle.edges.iter().enumerate().skip(1).take(MAX_STEPS) {
            let step = &steps[e];
            defect = defect.with_label(step.file, step.span, format!("step {}: {}", n + 1, step.text(context)));
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

/// The references of `item` that a reference cycle may run through.
fn references(item: &Item) -> [&Option<Spanned<Reference>>; 2] {
    [item.relisted_from(), item.included_in()]
}
