//! What the formats say alike, as plain text: the sentence of the sums, a change, the
//! arithmetic of a sum, and the link graph's nodes. Each format escapes it its own way.

use std::fmt::Write;

use super::text::count;
use super::*;

/// Most linked lines drawn as a graph; beyond, the table alone lists the links.
pub const MAX_GRAPH_NODES: usize = 60;

/// `44 sums: 16 add up, 14 within rounding, …`.
pub fn sums_sentence(c: &StatusCounts) -> String {
    let total = c.adds_up + c.within_rounding + c.mismatch + c.partial + c.not_checkable;
    if total == 0 {
        return "no line with a breakdown to add up".to_string();
    }
    format!(
        "{}: {} add up, {} within rounding, {} mismatch, {} partial, {} not checkable",
        count(total, "sum"),
        c.adds_up,
        c.within_rounding,
        c.mismatch,
        c.partial,
        c.not_checkable
    )
}

/// `+6億円 (+0.5%)`.
pub fn change_text(change: &Change) -> String {
    match &change.percent {
        Some(p) => format!("{} ({p})", change.difference.shown),
        None => change.difference.shown.clone(),
    }
}

/// `parts 96.7 + 35.4 + 106.2 = 238.3億円, +0.3億円 against the line, within ±0.65億円`.
pub fn arithmetic_text(sum: &SumEntry) -> String {
    let mut text = match &sum.computed {
        Some(computed) => format!("parts {} = {}", sum.terms, computed.shown),
        None => String::new(),
    };
    let shows_difference = sum.status != Status::Partial;
    if let (Some(difference), Some(tolerance), true) = (&sum.difference, &sum.tolerance, shows_difference) {
        let relation = match sum.status {
            Status::Mismatch => "beyond",
            _ => "within",
        };
        let size = difference.shown.trim_start_matches(['+', '−']);
        let direction = match difference.exact.base {
            d if d.is_zero() => "equal to the line".to_string(),
            d if d.is_sign_positive() => format!("{size} more than the line"),
            _ => format!("{size} less than the line"),
        };
        let _ = write!(text, ", {direction}, {relation} ±{}", tolerance.shown);
    }
    if let Some(reason) = &sum.reason {
        if !text.is_empty() {
            text.push_str("; ");
        }
        text.push_str(reason);
    }
    if sum.not_counted > 0 {
        let _ = write!(text, " ({} shown but not counted)", sum.not_counted);
    }
    text
}

/// The distinct endpoints of `links`, and each link as a pair of their indexes.
pub fn graph(links: &[LinkEntry]) -> (Vec<&Endpoint>, Vec<(usize, usize, &LinkEntry)>) {
    let mut nodes: Vec<&Endpoint> = Vec::new();
    let mut known: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut edges = Vec::with_capacity(links.len());
    for link in links {
        let mut ends = [0; 2];
        for (end, endpoint) in ends.iter_mut().zip([&link.from, &link.to]) {
            *end = *known.entry(endpoint.reference.as_str()).or_insert_with(|| {
                nodes.push(endpoint);
                nodes.len() - 1
            });
        }
        edges.push((ends[0], ends[1], link));
    }
    (nodes, edges)
}
