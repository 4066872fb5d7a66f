//! Inline SVG for the HTML report: the link graph between projects and bar charts of the
//! roll-ups. Geometry is computed in integers and exact decimals; no figure passes through a
//! float.

use std::fmt::Write;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::text::{html, shorten};
use super::words::graph;
use super::{LinkEntry, RollUp};

const NODE_WIDTH: i64 = 190;
const NODE_HEIGHT: i64 = 36;
const LAYER_GAP: i64 = 90;
const ROW_GAP: i64 = 18;
const MARGIN: i64 = 12;

/// The links as a graph: handoffs run left to right in layers (a project's layer is one past
/// the deepest project handing off to it), collaborations and feedback drawn dashed.
pub fn link_graph(links: &[LinkEntry]) -> String {
    let (nodes, edges) = graph(links);
    let layers = layers(nodes.len(), &edges);
    let mut rows = vec![0i64; nodes.len() + 1];
    let mut place = vec![(0i64, 0i64); nodes.len()];
    for (n, &layer) in layers.iter().enumerate() {
        place[n] = (layer as i64, rows[layer]);
        rows[layer] += 1;
    }
    let width = MARGIN * 2 + (layers.iter().max().map_or(0, |&l| l as i64) + 1) * (NODE_WIDTH + LAYER_GAP) - LAYER_GAP;
    let height = MARGIN * 2 + rows.iter().max().copied().unwrap_or(1).max(1) * (NODE_HEIGHT + ROW_GAP) - ROW_GAP + 28;
    let corner =
        |n: usize| (MARGIN + place[n].0 * (NODE_WIDTH + LAYER_GAP), MARGIN + place[n].1 * (NODE_HEIGHT + ROW_GAP));
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"graph\" role=\"img\" aria-label=\"link graph\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    svg.push_str("<defs>");
    for kind in ["handoff", "collaboration", "feedback"] {
        let _ = write!(
            svg,
            "<marker id=\"arrow-{kind}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path class=\"edge-{kind}\" d=\"M0 0L10 5L0 10z\"/></marker>"
        );
    }
    svg.push_str("</defs>");
    for &(from, to, link) in &edges {
        let ((fx, fy), (tx, ty)) = (corner(from), corner(to));
        let (y1, y2) = (fy + NODE_HEIGHT / 2, ty + NODE_HEIGHT / 2);
        let path = if tx > fx {
            let (x1, x2) = (fx + NODE_WIDTH, tx);
            let bend = (x2 - x1) / 2;
            format!("M{x1} {y1}C{} {y1} {} {y2} {x2} {y2}", x1 + bend, x2 - bend)
        } else {
            // Back or within a layer: around the right side.
            let (x1, x2) = (fx + NODE_WIDTH, tx + NODE_WIDTH);
            let out = x1.max(x2) + LAYER_GAP / 2;
            format!("M{x1} {y1}C{out} {y1} {out} {y2} {x2} {y2}")
        };
        let start = if link.kind == "collaboration" {
            format!(" marker-start=\"url(#arrow-{})\"", link.kind)
        } else {
            String::new()
        };
        let _ = write!(
            svg,
            "<path class=\"edge edge-{kind}\" d=\"{path}\" marker-end=\"url(#arrow-{kind})\"{start}><title>{} {} → {}</title></path>",
            html(link.kind_japanese),
            html(endpoint_name(&link.from)),
            html(endpoint_name(&link.to)),
            kind = link.kind
        );
    }
    for (n, node) in nodes.iter().enumerate() {
        let (x, y) = corner(n);
        let name = node.name.as_deref().unwrap_or(&node.reference);
        let class = if node.name.is_some() { "node" } else { "node dangling" };
        let _ = write!(
            svg,
            "<g class=\"{class}\"><title>{} ({})</title><rect x=\"{x}\" y=\"{y}\" width=\"{NODE_WIDTH}\" height=\"{NODE_HEIGHT}\" rx=\"6\"/><text x=\"{}\" y=\"{}\">{}</text></g>",
            html(name),
            html(&node.reference),
            x + 8,
            y + NODE_HEIGHT / 2 + 5,
            html(&shorten(name, 13))
        );
    }
    let legend_y = height - 10;
    let _ = write!(
        svg,
        "<text class=\"legend\" x=\"{MARGIN}\" y=\"{legend_y}\"><tspan class=\"edge-handoff\">━ 展開 handoff</tspan>　<tspan class=\"edge-collaboration\">┅ 連携 collaboration</tspan>　<tspan class=\"edge-feedback\">┅ フィードバック feedback</tspan></text></svg>"
    );
    svg
}

fn endpoint_name(endpoint: &super::Endpoint) -> &str {
    endpoint.name.as_deref().unwrap_or(&endpoint.reference)
}

/// Each node's layer: one past the deepest node that hands off to it, loops cut after as many
/// rounds as there are nodes.
fn layers(nodes: usize, edges: &[(usize, usize, &LinkEntry)]) -> Vec<usize> {
    let mut layer = vec![0usize; nodes];
    for _ in 0..nodes {
        let mut changed = false;
        for &(from, to, link) in edges {
            if link.kind == "handoff" && from != to && layer[to] < layer[from] + 1 && layer[from] + 1 < nodes {
                layer[to] = layer[from] + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    layer
}

const BAR_WIDTH: i64 = 360;
const LABEL_WIDTH: i64 = 230;
const BAR_ROW: i64 = 30;

/// Horizontal bars of the roll-ups' amounts, longest first, each labelled with its figure.
pub fn bar_chart(rollups: &[RollUp]) -> String {
    let max = rollups.iter().map(|r| r.amount.exact.base).max().unwrap_or(Decimal::ZERO);
    let width = LABEL_WIDTH + BAR_WIDTH + 130;
    let height = rollups.len() as i64 * BAR_ROW + 8;
    let mut svg = format!(
        "<svg class=\"bars\" role=\"img\" aria-label=\"bar chart\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    for (i, rollup) in rollups.iter().enumerate() {
        let y = i as i64 * BAR_ROW + 4;
        let length = bar_length(rollup.amount.exact.base, max);
        let _ = write!(
            svg,
            "<g><title>{}: {}</title><text class=\"bar-label\" x=\"{}\" y=\"{}\">{}</text><rect class=\"bar\" x=\"{LABEL_WIDTH}\" y=\"{y}\" width=\"{length}\" height=\"{}\" rx=\"3\"/><text class=\"bar-value\" x=\"{}\" y=\"{}\">{}</text></g>",
            html(&rollup.key),
            html(&rollup.amount.shown),
            LABEL_WIDTH - 8,
            y + 16,
            html(&shorten(&rollup.key, 16)),
            BAR_ROW - 8,
            LABEL_WIDTH + length + 6,
            y + 16,
            html(&rollup.amount.shown)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The bar's length in pixels: `value / max` of the full width, exact until the last pixel.
fn bar_length(value: Decimal, max: Decimal) -> i64 {
    if max <= Decimal::ZERO || value <= Decimal::ZERO {
        return 0;
    }
    let ratio = value.checked_mul(Decimal::from(BAR_WIDTH)).and_then(|v| v.checked_div(max));
    ratio.and_then(|r| r.round().to_i64()).unwrap_or(0).clamp(1, BAR_WIDTH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_proportional_and_never_negative() {
        assert_eq!(bar_length(Decimal::from(50), Decimal::from(100)), BAR_WIDTH / 2);
        assert_eq!(bar_length(Decimal::from(-5), Decimal::from(100)), 0);
        assert_eq!(bar_length(Decimal::from(1), Decimal::from(1_000_000)), 1);
    }
}
