//! The audit as one self-contained HTML page: no external script, font or stylesheet; the tree
//! of lines folds (`<details>`), statuses are in colour and in words, the link graph and the
//! roll-ups are inline SVG, and the page prints with every line unfolded.

use std::fmt::Write;

use super::svg;
use super::text::{count, html};
use super::words::{arithmetic_text, change_text, sums_sentence};
use super::*;
use crate::arithmetic::Column;

const STYLE: &str = include_str!("report.css");

/// Unfolds every line before printing, and gives the buttons their work. The page reads
/// without it.
const SCRIPT: &str = "function unfold(open){document.querySelectorAll('details').forEach(function(d){d.open=open;});}\
window.addEventListener('beforeprint',function(){unfold(true);});";

pub fn render(audit: &Audit) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let s = &audit.summary;
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Budget audit: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        count(s.datasets, "dataset")
    );
    let _ = write!(
        out,
        "<header><h1>Budget audit <small>予算の点検</small></h1><p>{}, {}. Figures in {}, exact as written; {}.</p>",
        count(s.datasets, "dataset"),
        count(s.lines, "line"),
        audit.unit,
        html(&sums_sentence(&s.sums))
    );
    summary_cards(&mut out, audit);
    out.push_str("<p class=\"controls\"><button type=\"button\" onclick=\"unfold(true)\">Unfold all</button> <button type=\"button\" onclick=\"unfold(false)\">Fold all</button></p></header>\n<main>\n");
    contents(&mut out, audit);
    for dataset in &audit.datasets {
        dataset_section(&mut out, dataset);
    }
    same_as_section(&mut out, audit);
    findings_section(&mut out, audit);
    suppressions_section(&mut out, audit);
    provenance_section(&mut out, audit);
    let _ = write!(out, "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

fn summary_cards(out: &mut String, audit: &Audit) {
    let s = &audit.summary;
    out.push_str("<div class=\"cards\">");
    let c = &s.sums;
    for (status, count) in c.each() {
        let _ = write!(
            out,
            "<div class=\"card {}\"><b>{count}</b><span>{} {}</span></div>",
            status.class(),
            status.mark(),
            status.words()
        );
    }
    let _ = write!(
        out,
        "<div class=\"card findings\"><b>{}</b><span>errors · {} warnings · {} notes</span></div><div class=\"card\"><b>{}</b><span>suppressed</span></div></div>",
        s.errors, s.warnings, s.infos, s.suppressed
    );
}

fn contents(out: &mut String, audit: &Audit) {
    out.push_str("<nav><h2>Datasets</h2><table><thead><tr><th>dataset</th><th>year</th><th>budget</th><th>lines</th><th>sums</th></tr></thead><tbody>");
    for d in &audit.datasets {
        let _ = write!(
            out,
            "<tr><td><a href=\"#{}\">{}</a><br><small>{}</small></td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            anchor(d),
            html(d.id.as_deref().unwrap_or("?")),
            html(d.title.as_deref().unwrap_or("")),
            html(d.fiscal_year_japanese.as_deref().unwrap_or("?")),
            d.budget_japanese,
            super::build::count_lines(&d.lines),
            status_counts(&d.sums)
        );
    }
    out.push_str("</tbody></table></nav>\n");
}

fn status_counts(c: &StatusCounts) -> String {
    let mut parts = Vec::new();
    for (status, count) in c.each() {
        if count > 0 {
            parts.push(format!(
                "<span class=\"status {}\">{} {count} {}</span>",
                status.class(),
                status.mark(),
                status.words()
            ));
        }
    }
    match parts.is_empty() {
        true => "<span class=\"muted\">no breakdown</span>".to_string(),
        false => parts.join(" "),
    }
}

fn anchor(d: &DatasetAudit) -> String {
    format!("dataset-{}", html(d.id.as_deref().unwrap_or("unnamed")))
}

fn dataset_section(out: &mut String, d: &DatasetAudit) {
    let _ = write!(
        out,
        "<section class=\"dataset\" id=\"{}\"><h2>{} <small>{}</small></h2>",
        anchor(d),
        html(d.title.as_deref().unwrap_or("(no title)")),
        html(d.id.as_deref().unwrap_or("?"))
    );
    out.push_str("<dl class=\"meta\">");
    let year = match (&d.fiscal_year_japanese, d.fiscal_year) {
        (Some(j), Some(y)) => format!("{} (FY{y})", html(j)),
        (None, Some(y)) => format!("FY{y}"),
        _ => "unknown".to_string(),
    };
    let mut meta = vec![
        ("fiscal year", year),
        ("budget", format!("{} ({})", d.budget_japanese, d.budget)),
        ("written in", format!("{}, rounding {}", d.unit, d.rounding)),
    ];
    let source = &d.source;
    if let Some(title) = &source.title {
        meta.push(("source", html(title)));
    }
    let by = [&source.publisher, &source.date].iter().filter_map(|v| v.as_deref()).map(html).collect::<Vec<_>>();
    if !by.is_empty() {
        meta.push(("published", by.join(", ")));
    }
    if let Some(url) = &source.url {
        meta.push(("url", format!("<a href=\"{0}\" rel=\"noreferrer\">{0}</a>", html(url))));
    }
    if let Some(document) = &source.document {
        meta.push(("document", format!("<code>{}</code>", html(document))));
    }
    meta.push((
        "file",
        format!("<code>{}</code> sha256 <code class=\"hash\">{}</code>", html(&d.file.file), d.file.sha256),
    ));
    for (key, value) in meta {
        let _ = write!(out, "<dt>{key}</dt><dd>{value}</dd>");
    }
    out.push_str("</dl>");
    let _ = write!(out, "<p>{}</p>", status_counts(&d.sums));
    out.push_str("<div class=\"tree\" role=\"tree\"><div class=\"row head\"><span>line</span><span>予算額 amount</span><span>前年度 previous</span><span>対前年度 change</span><span>補正 supplementary</span><span>sums</span></div>");
    for line in &d.lines {
        line_html(out, line);
    }
    out.push_str("</div>");
    if !d.totals.is_empty() {
        let totals: Vec<String> = d
            .totals
            .iter()
            .map(|t| format!("{} <b>{}</b> ({} lines)", t.column.japanese(), html(&t.figure.shown), t.lines))
            .collect();
        let _ = write!(out, "<p>Top-level lines added up: {}</p>", totals.join(" · "));
    }
    roll_up(out, "By ministry 府省庁別", "ministry", &d.by_ministry);
    roll_up(out, "By phase 研究段階別", "phase", &d.by_phase);
    links(out, d);
    out.push_str("</section>\n");
}

fn line_html(out: &mut String, line: &Line) {
    let mut classes = vec!["line".to_string()];
    match line.counted {
        Counted::Additive => {}
        Counted::Relisted => classes.push("relisted".into()),
        Counted::Inclusive => classes.push("inclusive".into()),
    }
    let worst = line.columns.iter().filter_map(|c| c.sum.as_ref()).map(|s| s.status).max_by_key(|s| severity(*s));
    if let Some(status) = worst {
        classes.push(status.class().into());
    }
    let row = row(line);
    let details = details(line);
    let class = classes.join(" ");
    if line.items.is_empty() {
        let _ = write!(out, "<div class=\"{class} leaf\">{row}{details}</div>");
        return;
    }
    let _ = write!(out, "<details class=\"{class}\" open><summary>{row}</summary>{details}");
    for child in &line.items {
        line_html(out, child);
    }
    out.push_str("</details>");
}

/// The order in which a line's statuses colour it: a mismatch shows over the rest.
fn severity(status: Status) -> u8 {
    match status {
        Status::AddsUp => 0,
        Status::Partial => 1,
        Status::WithinRounding => 2,
        Status::NotCheckable => 3,
        Status::Mismatch => 4,
    }
}

fn row(line: &Line) -> String {
    let figure = |column: Column| {
        line.columns.iter().find(|c| c.column == column).map_or(String::new(), |c| html(&c.declared.shown))
    };
    let mut tags = String::new();
    match line.counted {
        Counted::Additive => {}
        Counted::Relisted => {
            let _ = write!(
                tags,
                " <span class=\"tag\">再掲 relisted from <code>{}</code>, not counted</span>",
                html(line.relisted_from.as_deref().unwrap_or("?"))
            );
        }
        Counted::Inclusive => tags.push_str(" <span class=\"tag\">内数 inclusive, not counted</span>"),
    }
    if line.partial {
        tags.push_str(" <span class=\"tag\">partial breakdown</span>");
    }
    let statuses: Vec<String> = line
        .columns
        .iter()
        .filter_map(|c| {
            let sum = c.sum.as_ref()?;
            Some(format!(
                "<span class=\"status {}\" title=\"{}\">{} {} {}</span>",
                sum.status.class(),
                html(&arithmetic_text(sum)),
                c.column.japanese(),
                sum.status.mark(),
                sum.status.words()
            ))
        })
        .collect();
    format!(
        "<div class=\"row\" style=\"--depth:{}\"><span class=\"name\">{}{tags}</span><span class=\"num\">{}</span><span class=\"num\">{}</span><span class=\"num\">{}</span><span class=\"num\">{}</span><span>{}</span></div>",
        line.depth.saturating_sub(1),
        html(&line.name),
        figure(Column::Amount),
        figure(Column::Previous),
        line.change.as_ref().map_or(String::new(), |c| html(&change_text(c))),
        figure(Column::Supplementary),
        statuses.join(" ")
    )
}

/// The arithmetic of each sum that does not simply add up, under the line.
fn details(line: &Line) -> String {
    let mut text = String::new();
    for c in &line.columns {
        let Some(sum) = &c.sum else { continue };
        if sum.status == Status::AddsUp && sum.not_counted == 0 {
            continue;
        }
        let _ = write!(
            text,
            "<div class=\"arithmetic\" style=\"--depth:{}\">{}: {}</div>",
            line.depth,
            c.column.japanese(),
            html(&arithmetic_text(sum))
        );
    }
    text
}

fn roll_up(out: &mut String, title: &str, what: &str, rollups: &[RollUp]) {
    if rollups.is_empty() {
        return;
    }
    let _ = write!(out, "<h3>{title}</h3><div class=\"rollup\">{}<table><thead><tr><th>{what}</th><th>予算額 amount</th><th>前年度 previous</th><th>対前年度 change</th><th>lines</th></tr></thead><tbody>", svg::bar_chart(rollups));
    for r in rollups {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            html(&r.key),
            html(&r.amount.shown),
            r.previous.as_ref().map_or(String::new(), |p| html(&p.shown)),
            r.change.as_ref().map_or(String::new(), |c| html(&change_text(c))),
            r.lines
        );
    }
    out.push_str("</tbody></table></div><p class=\"muted\">Each line counts once: the topmost line that carries the tag; 再掲 and 内数 lines are left out.</p>");
}

fn links(out: &mut String, d: &DatasetAudit) {
    if d.links.is_empty() {
        return;
    }
    let _ = write!(out, "<h3>Links between projects ({})</h3>", d.links.len());
    let linked = super::words::graph(&d.links).0.len();
    if linked > super::words::MAX_GRAPH_NODES {
        let _ = write!(out, "<p>{linked} lines are linked: too many to draw; the table lists every link.</p>");
    } else {
        let _ = write!(out, "<div class=\"scroll\">{}</div>", svg::link_graph(&d.links));
    }
    out.push_str("<details><summary>The links as a table</summary><table><thead><tr><th>from</th><th>kind</th><th>to</th><th>note</th></tr></thead><tbody>");
    for link in &d.links {
        let end = |e: &Endpoint| match &e.name {
            Some(name) => format!("{} <code>{}</code>", html(name), html(&e.reference)),
            None => {
                format!("<code>{}</code> <span class=\"status mismatch\">does not resolve</span>", html(&e.reference))
            }
        };
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td></tr>",
            end(&link.from),
            link.kind_japanese,
            link.kind,
            end(&link.to),
            html(link.note.as_deref().unwrap_or(""))
        );
    }
    out.push_str("</tbody></table></details>");
}

fn same_as_section(out: &mut String, audit: &Audit) {
    if audit.same_as.is_empty() {
        return;
    }
    let _ = write!(out, "<section><h2>Lines joined across datasets (same_as): {}</h2><table><thead><tr><th>line</th><th>joined to</th><th>column</th><th>here</th><th>there</th><th>status</th></tr></thead><tbody>", audit.same_as.len());
    for join in &audit.same_as {
        let to = match &join.to_name {
            Some(name) => format!("{} <code>{}</code>", html(name), html(&join.to)),
            None => format!("<code>{}</code> (does not resolve)", html(&join.to)),
        };
        let from = format!("{} <code>{}</code>", html(&join.from_name), html(&join.from));
        for c in &join.columns {
            let (class, words) = match c.status {
                "agree" => ("adds-up", "✓ agree".to_string()),
                "within-rounding" => (
                    "within-rounding",
                    format!("≈ within rounding ({}, ±{})", shown(&c.difference), shown(&c.tolerance)),
                ),
                "differ" => {
                    ("mismatch", format!("✗ differ ({}, beyond ±{})", shown(&c.difference), shown(&c.tolerance)))
                }
                _ => ("not-checkable", "? not comparable".to_string()),
            };
            let _ = write!(
                out,
                "<tr><td>{from}</td><td>{to}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td><span class=\"status {class}\">{}</span></td></tr>",
                c.column.japanese(),
                html(&c.here.shown),
                html(&c.there.shown),
                html(&words)
            );
        }
    }
    out.push_str("</tbody></table></section>\n");
}

fn shown(figure: &Option<Figure>) -> &str {
    figure.as_ref().map_or("", |f| f.shown.as_str())
}

fn finding_rows(out: &mut String, findings: &[FindingEntry]) {
    out.push_str("<table><thead><tr><th>severity</th><th>rule</th><th>place</th><th>message</th></tr></thead><tbody>");
    for f in findings {
        let _ = write!(
            out,
            "<tr class=\"{0}\"><td><span class=\"severity {0}\">{0}</span></td><td><code>{1}</code></td><td><code>{2}:{3}:{4}</code></td><td>{5}</td></tr>",
            f.severity,
            html(&f.rule),
            html(&f.file),
            f.line,
            f.column,
            html(&f.message)
        );
    }
    out.push_str("</tbody></table>");
}

fn findings_section(out: &mut String, audit: &Audit) {
    let _ = write!(out, "<section><h2>Findings: {}</h2>", audit.findings.len());
    match audit.findings.is_empty() {
        true => out.push_str("<p>None.</p>"),
        false => finding_rows(out, &audit.findings),
    }
    out.push_str("</section>\n");
}

fn suppressions_section(out: &mut String, audit: &Audit) {
    let _ = write!(out, "<section><h2>Accepted deviations (suppressions): {}</h2>", audit.suppressions.len());
    if audit.suppressions.is_empty() {
        out.push_str("<p>None: no finding was suppressed.</p></section>\n");
        return;
    }
    for s in &audit.suppressions {
        let codes: Vec<String> = s.codes.iter().map(|c| format!("<code>{}</code>", html(c))).collect();
        let _ = write!(
            out,
            "<h3><code>{}:{}</code> {}</h3><p>Reason: {}</p>",
            html(&s.file),
            s.line,
            codes.join(", "),
            html(s.reason.as_deref().unwrap_or("(no reason given)"))
        );
        finding_rows(out, &s.findings);
    }
    out.push_str("</section>\n");
}

fn provenance_section(out: &mut String, audit: &Audit) {
    let _ = write!(out, "<section><h2>Provenance</h2><p>yosan {}. Rule files:</p><ul>", html(audit.yosan_version));
    for f in &audit.rule_files {
        let _ = write!(out, "<li><code>{}</code> sha256 <code class=\"hash\">{}</code></li>", html(&f.file), f.sha256);
    }
    for f in &audit.unread_files {
        let digest = match &f.sha256 {
            Some(digest) => format!("sha256 <code class=\"hash\">{digest}</code>"),
            None => "its bytes could not be read".to_string(),
        };
        let _ = write!(out, "<li>not read as a dataset: <code>{}</code> {digest}</li>", html(&f.file));
    }
    out.push_str("</ul><p>Each dataset's file and its sha256 stand in its section.</p></section>\n");
}
