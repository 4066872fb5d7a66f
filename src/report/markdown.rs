//! The audit in GitHub-flavoured Markdown, fit for a pull-request comment: long sections in
//! `<details>`, the link graph as a mermaid block.

use std::fmt::Write;

use super::text::{code, count, markdown as md, mermaid, shorten};
use super::words::{arithmetic_text, change_text, graph, sums_sentence, MAX_GRAPH_NODES};
use super::*;
use crate::arithmetic::Column;

/// Lines of a dataset beyond which its table starts folded.
const OPEN_LINES: usize = 40;
/// Findings beyond which the list starts folded.
const OPEN_FINDINGS: usize = 20;

pub fn render(audit: &Audit) -> String {
    let mut out = String::new();
    header(&mut out, audit);
    for dataset in &audit.datasets {
        dataset_section(&mut out, dataset);
    }
    same_as_section(&mut out, audit);
    findings_section(&mut out, audit);
    suppressions_section(&mut out, audit);
    provenance_section(&mut out, audit);
    out
}

fn header(out: &mut String, audit: &Audit) {
    let s = &audit.summary;
    let _ = writeln!(out, "# Budget audit: {}, {}\n", count(s.datasets, "dataset"), count(s.lines, "line"));
    let _ = writeln!(
        out,
        "Figures in {}, exact as written; {} · findings: {}, {}, {} · {} suppressed.\n",
        audit.unit,
        sums_sentence(&s.sums),
        count(s.errors, "error"),
        count(s.warnings, "warning"),
        count(s.infos, "note"),
        count(s.suppressed, "finding")
    );
    out.push_str("| dataset | year | budget | lines | ✓ adds up | ≈ within rounding | ✗ mismatch | ⊂ partial | ? not checkable |\n");
    out.push_str("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for d in &audit.datasets {
        let c = &d.sums;
        let _ = writeln!(
            out,
            "| [{}](#{}) | {} | {} | {} | {} | {} | {} | {} | {} |",
            md(d.id.as_deref().unwrap_or("?")),
            anchor(d),
            md(d.fiscal_year_japanese.as_deref().unwrap_or("?")),
            d.budget_japanese,
            super::build::count_lines(&d.lines),
            c.adds_up,
            c.within_rounding,
            c.mismatch,
            c.partial,
            c.not_checkable
        );
    }
    out.push('\n');
}

/// The anchor GitHub gives the dataset's heading.
fn anchor(dataset: &DatasetAudit) -> String {
    format!("dataset-{}", dataset.id.as_deref().unwrap_or("unnamed"))
}

fn dataset_section(out: &mut String, d: &DatasetAudit) {
    let _ = writeln!(
        out,
        "<a id=\"{}\"></a>\n\n## {}: {}\n",
        anchor(d),
        md(d.id.as_deref().unwrap_or("?")),
        md(d.title.as_deref().unwrap_or("(no title)"))
    );
    let year = match (&d.fiscal_year_japanese, d.fiscal_year) {
        (Some(j), Some(y)) => format!("{} (FY{y})", md(j)),
        (None, Some(y)) => format!("FY{y}"),
        _ => "fiscal year unknown".to_string(),
    };
    let _ = writeln!(
        out,
        "{year} · {} ({}) · written in {} · rounding `{}`  ",
        d.budget_japanese, d.budget, d.unit, d.rounding
    );
    if let Some(source) = source_line(&d.source) {
        let _ = writeln!(out, "Source: {source}  ");
    }
    let _ = writeln!(out, "File: {} · sha256 `{}`\n", code(&d.file.file), d.file.sha256);
    let lines = super::build::count_lines(&d.lines);
    let open = if lines <= OPEN_LINES { " open" } else { "" };
    let _ = writeln!(out, "<details{open}><summary>Lines ({lines}), {}</summary>\n", sums_sentence(&d.sums));
    out.push_str("| line | 予算額 amount | 前年度 previous | 対前年度 change | 補正 supplementary | sums |\n");
    out.push_str("| --- | ---: | ---: | ---: | ---: | --- |\n");
    for line in &d.lines {
        line_rows(out, line);
    }
    out.push_str("\n</details>\n\n");
    if !d.totals.is_empty() {
        let totals: Vec<String> = d
            .totals
            .iter()
            .map(|t| format!("{} {} ({} lines)", t.column.japanese(), t.figure.shown, t.lines))
            .collect();
        let _ = writeln!(out, "Top-level lines added up: {}\n", totals.join(" · "));
    }
    roll_up_table(out, "By ministry (府省庁)", "ministry", &d.by_ministry);
    roll_up_table(out, "By phase (研究段階)", "phase", &d.by_phase);
    links_section(out, d);
}

fn source_line(source: &SourceEntry) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(title) = &source.title {
        parts.push(format!("*{}*", md(title)));
    }
    parts.extend(source.publisher.iter().map(|p| md(p)));
    parts.extend(source.date.iter().map(|d| md(d)));
    if let Some(url) = &source.url {
        parts.push(format!("<{}>", url.replace(['<', '>', ' '], "")));
    }
    if let Some(document) = &source.document {
        parts.push(code(document));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn line_rows(out: &mut String, line: &Line) {
    let indent = "&emsp;".repeat(line.depth.saturating_sub(1) as usize);
    let marker = match line.counted {
        Counted::Additive => String::new(),
        Counted::Relisted => {
            format!(" *(再掲 of {}, not counted)*", code(line.relisted_from.as_deref().unwrap_or("?")))
        }
        Counted::Inclusive => " *(内数, not counted)*".to_string(),
    };
    let name = match line.counted {
        Counted::Additive => md(&line.name),
        _ => format!("*{}*", md(&line.name)),
    };
    let partial = if line.partial { " *(partial breakdown)*" } else { "" };
    let figure = |column: Column| {
        line.columns.iter().find(|c| c.column == column).map_or(String::new(), |c| c.declared.shown.clone())
    };
    let change = line.change.as_ref().map_or(String::new(), change_text);
    let _ = writeln!(
        out,
        "| {indent}{name}{marker}{partial} | {} | {} | {change} | {} | {} |",
        figure(Column::Amount),
        figure(Column::Previous),
        figure(Column::Supplementary),
        sums_cell(line)
    );
    for child in &line.items {
        line_rows(out, child);
    }
}

/// What each column's sum came to, with the arithmetic where it does not simply add up.
fn sums_cell(line: &Line) -> String {
    let sums: Vec<String> = line
        .columns
        .iter()
        .filter_map(|c| {
            let sum = c.sum.as_ref()?;
            let head = format!("{} {} {}", c.column.japanese(), sum.status.mark(), sum.status.words());
            Some(match sum.status {
                Status::AddsUp => head,
                _ => format!("{head}: {}", md(&arithmetic_text(sum))),
            })
        })
        .collect();
    sums.join("<br>")
}

fn roll_up_table(out: &mut String, title: &str, what: &str, rollups: &[RollUp]) {
    if rollups.is_empty() {
        return;
    }
    let _ = writeln!(out, "### {title}\n");
    let _ = writeln!(out, "| {what} | 予算額 amount | 前年度 previous | 対前年度 change | lines |");
    out.push_str("| --- | ---: | ---: | ---: | ---: |\n");
    for r in rollups {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md(&r.key),
            r.amount.shown,
            r.previous.as_ref().map_or("", |p| p.shown.as_str()),
            r.change.as_ref().map_or(String::new(), change_text),
            r.lines
        );
    }
    out.push_str(
        "\nEach line counts once: the topmost line that carries the tag; 再掲 and 内数 lines are left out.\n\n",
    );
}

fn links_section(out: &mut String, d: &DatasetAudit) {
    if d.links.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Links between projects ({})\n", d.links.len());
    let (nodes, edges) = graph(&d.links);
    if nodes.len() > MAX_GRAPH_NODES {
        let _ = writeln!(out, "{} lines are linked: too many to draw; the table lists every link.\n", nodes.len());
    } else {
        mermaid_graph(out, &nodes, &edges);
    }
    let _ = writeln!(out, "<details><summary>The {} links as a table</summary>\n", d.links.len());
    out.push_str("| from | kind | to | note |\n| --- | --- | --- | --- |\n");
    for link in &d.links {
        let end = |e: &Endpoint| match &e.name {
            Some(name) => format!("{} ({})", md(name), code(&e.reference)),
            None => format!("{} (does not resolve)", code(&e.reference)),
        };
        let _ = writeln!(
            out,
            "| {} | {} {} | {} | {} |",
            end(&link.from),
            link.kind_japanese,
            link.kind,
            end(&link.to),
            md(link.note.as_deref().unwrap_or(""))
        );
    }
    out.push_str("\n</details>\n\n");
}

fn mermaid_graph(out: &mut String, nodes: &[&Endpoint], edges: &[(usize, usize, &LinkEntry)]) {
    out.push_str("```mermaid\ngraph LR\n");
    for (n, node) in nodes.iter().enumerate() {
        let label = shorten(node.name.as_deref().unwrap_or(&node.reference), 24);
        let _ = writeln!(out, "  n{n}[\"{}\"]", mermaid(&label));
    }
    for &(from, to, link) in edges {
        let arrow = match link.kind {
            "collaboration" => "<-.->",
            "feedback" => "-.->",
            _ => "-->",
        };
        let _ = writeln!(out, "  n{from} {arrow}|{}| n{to}", link.kind_japanese);
    }
    out.push_str("```\n\n");
}

fn same_as_section(out: &mut String, audit: &Audit) {
    if audit.same_as.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Lines joined across datasets (`same_as`): {}\n", audit.same_as.len());
    out.push_str("| line | joined to | column | here | there | status |\n| --- | --- | --- | ---: | ---: | --- |\n");
    for join in &audit.same_as {
        let to = match &join.to_name {
            Some(name) => format!("{} ({})", md(name), code(&join.to)),
            None => format!("{} (does not resolve)", code(&join.to)),
        };
        let from = format!("{} ({})", md(&join.from_name), code(&join.from));
        if join.columns.is_empty() {
            let _ = writeln!(out, "| {from} | {to} | | | | nothing to compare |");
        }
        for c in &join.columns {
            let status = match (c.status, &c.difference, &c.tolerance) {
                ("agree", _, _) => "✓ agree".to_string(),
                ("within-rounding", Some(d), Some(t)) => format!("≈ within rounding ({}, ±{})", d.shown, t.shown),
                ("differ", Some(d), Some(t)) => format!("✗ differ ({}, beyond ±{})", d.shown, t.shown),
                (other, _, _) => other.replace('-', " "),
            };
            let _ = writeln!(
                out,
                "| {from} | {to} | {} | {} | {} | {status} |",
                c.column.japanese(),
                c.here.shown,
                c.there.shown
            );
        }
    }
    out.push('\n');
}

fn findings_section(out: &mut String, audit: &Audit) {
    let count = audit.findings.len();
    let _ = writeln!(out, "## Findings: {count}\n");
    if count == 0 {
        out.push_str("None.\n\n");
        return;
    }
    let open = if count <= OPEN_FINDINGS { " open" } else { "" };
    let _ = writeln!(out, "<details{open}><summary>{}</summary>\n", super::text::count(count, "finding"));
    out.push_str("| severity | rule | place | message |\n| --- | --- | --- | --- |\n");
    for f in &audit.findings {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            f.severity,
            code(&f.rule),
            code(&format!("{}:{}:{}", f.file, f.line, f.column)),
            md(&f.message)
        );
    }
    out.push_str("\n</details>\n\n");
}

fn suppressions_section(out: &mut String, audit: &Audit) {
    let _ = writeln!(out, "## Accepted deviations (suppressions): {}\n", audit.suppressions.len());
    if audit.suppressions.is_empty() {
        out.push_str("None: no finding was suppressed.\n\n");
        return;
    }
    out.push_str("| place | codes | reason | findings kept out |\n| --- | --- | --- | --- |\n");
    for s in &audit.suppressions {
        let hidden: Vec<String> =
            s.findings.iter().map(|f| format!("{} line {}: {}", code(&f.rule), f.line, md(&f.message))).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            code(&format!("{}:{}", s.file, s.line)),
            s.codes.iter().map(|c| code(c)).collect::<Vec<_>>().join(", "),
            md(s.reason.as_deref().unwrap_or("(no reason given)")),
            hidden.join("<br>")
        );
    }
    out.push('\n');
}

fn provenance_section(out: &mut String, audit: &Audit) {
    let _ = writeln!(out, "## Provenance\n\nyosan {}; rule files:\n", audit.yosan_version);
    for f in &audit.rule_files {
        let _ = writeln!(out, "- {} sha256 `{}`", code(&f.file), f.sha256);
    }
    for f in &audit.unread_files {
        match &f.sha256 {
            Some(digest) => writeln!(out, "- not read as a dataset: {} sha256 `{digest}`", code(&f.file)),
            None => writeln!(out, "- not read as a dataset, nor its bytes: {}", code(&f.file)),
        }
        .unwrap_or(());
    }
    out.push_str("\nEach dataset's file and its sha256 stand under its heading.\n");
}
