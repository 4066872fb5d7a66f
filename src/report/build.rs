//! Builds the [`Audit`] of a run from its outcome. Sums come from [`arithmetic`], comparisons
//! of joined figures from the checks' [`FigureComparison`]: the report judges nothing itself.

use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use super::figure::{percent, Units};
use super::*;
use crate::amount::{Amount, Currency, Unit};
use crate::arithmetic::{self, Column, LineSum, Verdict};
use crate::checks::figures::Comparison as FigureComparison;
use crate::engine::Outcome;
use crate::findings::{Finding, Severity};
use crate::index::Index;
use crate::model::{Budget, Dataset, Item, ItemIdx, LinkKind, Rounding};
use crate::render::place::Place;
use crate::rules::Catalog;
use crate::source::SourceFile;

/// Files larger than this that could not be read as datasets get no digest.
const UNREAD_DIGEST_LIMIT: u64 = 1 << 30;
/// Most parts written out in a sum's terms.
const MAX_TERMS: usize = 12;

/// The audit of `outcome`, whose rules are `catalog`, with yen figures in `units`.
pub fn audit(outcome: &Outcome, catalog: &Catalog, units: Units) -> Audit {
    let index = Index::build(&outcome.datasets).0;
    let datasets: Vec<DatasetAudit> =
        (0..outcome.datasets.len()).map(|d| dataset_audit(outcome, &index, d, units)).collect();
    let findings: Vec<FindingEntry> = outcome.findings.iter().map(|f| finding_entry(f, outcome)).collect();
    let suppressions: Vec<SuppressionEntry> = outcome
        .suppressed
        .iter()
        .map(|(suppression, hidden)| SuppressionEntry {
            file: file_name(outcome, suppression.file),
            line: outcome.files.get(suppression.file).map_or(1, |f| f.position(suppression.span.start()).line),
            codes: suppression.codes.clone(),
            reason: suppression.reason.clone(),
            findings: hidden.iter().map(|f| finding_entry(f, outcome)).collect(),
        })
        .collect();
    let mut summary = Summary { datasets: datasets.len(), ..Summary::default() };
    for dataset in &datasets {
        summary.lines += count_lines(&dataset.lines);
        let (all, one) = (&mut summary.sums, &dataset.sums);
        all.adds_up += one.adds_up;
        all.within_rounding += one.within_rounding;
        all.mismatch += one.mismatch;
        all.partial += one.partial;
        all.not_checkable += one.not_checkable;
    }
    for finding in &findings {
        match finding.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
    summary.suppressed = suppressions.iter().map(|s| s.findings.len()).sum();
    let modelled: Vec<usize> = outcome.datasets.iter().map(|d| d.file).collect();
    let unread_files = (0..outcome.files.len())
        .filter(|file| !modelled.contains(file))
        .map(|file| UnreadFile {
            file: file_name(outcome, file),
            // The run kept no faithful copy of such a file (not UTF-8: a lossy one; too large or
            // unreadable: none), so its digest is of the file as it is on disk now.
            sha256: crate::files::read(&outcome.files[file].path, UNREAD_DIGEST_LIMIT).ok().map(|bytes| sha256(&bytes)),
        })
        .collect();
    Audit {
        format: "yosan-report/1",
        yosan_version: env!("CARGO_PKG_VERSION"),
        unit: units.yen.symbol(),
        rule_files: catalog
            .files
            .iter()
            .map(|(name, text)| Provenance { file: name.to_string(), sha256: sha256(text.as_bytes()) })
            .collect(),
        summary,
        datasets,
        same_as: same_as(outcome, &index, units),
        findings,
        suppressions,
        unread_files,
    }
}

/// The sha256 of `bytes`, in lower-case hex.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

pub(super) fn count_lines(lines: &[Line]) -> usize {
    lines.iter().map(|l| 1 + count_lines(&l.items)).sum()
}

fn file_name(outcome: &Outcome, file: usize) -> String {
    outcome.files.get(file).map_or_else(|| "?".to_string(), |f| f.name.clone())
}

fn text(value: &Option<crate::model::Spanned<String>>) -> Option<String> {
    value.as_ref().map(|v| v.value.clone())
}

fn dataset_audit(outcome: &Outcome, index: &Index, d: usize, units: Units) -> DatasetAudit {
    let dataset = &outcome.datasets[d];
    let file = &outcome.files[dataset.file];
    let mut sums = StatusCounts::default();
    let lines = dataset.roots.iter().map(|&root| line(file, dataset, root, units, &mut sums)).collect();
    let source = &dataset.source;
    let year = dataset.fiscal_year.as_ref().map(|y| y.value);
    DatasetAudit {
        id: text(&dataset.id),
        title: text(&dataset.title),
        fiscal_year: year,
        fiscal_year_japanese: year.and_then(japanese_year),
        budget: dataset.budget.name(),
        budget_japanese: budget_japanese(dataset.budget),
        unit: dataset.unit.symbol(),
        rounding: dataset.rounding.name(),
        source: SourceEntry {
            document: text(&source.document),
            title: text(&source.title),
            publisher: text(&source.publisher),
            date: text(&source.date),
            url: text(&source.url),
        },
        file: Provenance { file: file.name.clone(), sha256: sha256(file.text.as_bytes()) },
        lines,
        totals: totals(dataset, units),
        by_ministry: roll_up(dataset, units, |item| {
            let names: Vec<&str> = item.ministries().iter().map(|m| &*m.value).collect();
            (!names.is_empty()).then(|| names.join("・"))
        }),
        by_phase: roll_up(dataset, units, |item| {
            let names: Vec<&str> = item.phases().iter().map(|p| p.value.name()).collect();
            (!names.is_empty()).then(|| names.join("・"))
        }),
        links: links(outcome, index, d),
        sums,
    }
}

/// `令和8年度` for 2026, `令和元年度` for 2019, `平成30年度` for 2018.
pub fn japanese_year(year: i32) -> Option<String> {
    let (era, n) = match year {
        2019.. => ("令和", year - 2018),
        1989..=2018 => ("平成", year - 1988),
        _ => return None,
    };
    Some(match n {
        1 => format!("{era}元年度"),
        n => format!("{era}{n}年度"),
    })
}

fn budget_japanese(budget: Budget) -> &'static str {
    match budget {
        Budget::Initial => "当初予算",
        Budget::Supplementary => "補正予算",
        Budget::Request => "概算要求",
        Budget::Mixed => "当初・補正",
    }
}

fn line(file: &SourceFile, dataset: &Dataset, index: ItemIdx, units: Units, sums: &mut StatusCounts) -> Line {
    let item = &dataset.items[index];
    let columns = Column::ALL
        .into_iter()
        .filter_map(|column| {
            let declared = column.of(item)?;
            let sum = arithmetic::line_sum(dataset, index, &column).map(|s| sum_entry(dataset, &s, units));
            if let Some(sum) = &sum {
                sums.add(sum.status);
            }
            Some(ColumnEntry { column, declared: units.declared(&declared.value), sum })
        })
        .collect();
    let counted = match () {
        _ if item.is_relisted() => Counted::Relisted,
        _ if item.is_inclusive() => Counted::Inclusive,
        _ => Counted::Additive,
    };
    let reference =
        |r: &Option<crate::model::Spanned<crate::model::Reference>>| r.as_ref().map(|r| r.value.to_string());
    Line {
        id: dataset.id_of(item).map(str::to_string),
        name: dataset.display_name(item).to_string(),
        path: dataset.id_path(index),
        depth: item.depth.into(),
        counted,
        relisted_from: reference(item.relisted_from()),
        included_in: reference(item.included_in()),
        same_as: reference(item.same_as()),
        partial: item.breakdown == crate::model::Breakdown::Partial,
        ministries: item.ministries().iter().map(|m| m.value.to_string()).collect(),
        phases: item.phases().iter().map(|p| p.value.name().to_string()).collect(),
        columns,
        change: change(item, units),
        note: text(item.note()),
        source_line: file.position(item.span.start()).line,
        items: dataset.child_indexes(index).map(|child| line(file, dataset, child, units, sums)).collect(),
    }
}

/// The finest precision among `figures`, in base units.
fn finest<'a>(figures: impl IntoIterator<Item = &'a Amount>) -> Decimal {
    figures.into_iter().map(Amount::base_precision).min().unwrap_or(Decimal::ONE)
}

fn sum_entry(dataset: &Dataset, sum: &LineSum<'_>, units: Units) -> SumEntry {
    let declared = &sum.declared.value;
    let (currency, native) = (declared.currency(), declared.unit);
    let precision = finest(std::iter::once(declared).chain(sum.parts.iter().map(|(_, a)| &a.value)));
    let mut entry = SumEntry {
        status: Status::NotCheckable,
        reason: None,
        computed: None,
        difference: None,
        tolerance: None,
        terms: terms(sum, units),
        parts: sum.parts.len(),
        not_counted: sum.not_counted.len(),
    };
    let (status, figures) = match sum.verdict {
        Verdict::AddsUp(f) if sum.partial && !f.difference.is_zero() => (Status::Partial, f),
        Verdict::AddsUp(f) => (Status::AddsUp, f),
        Verdict::WithinRounding(f) => (Status::WithinRounding, f),
        Verdict::Mismatch(f) => (Status::Mismatch, f),
        Verdict::Incomplete => {
            let names: Vec<&str> = sum.missing.iter().take(MAX_TERMS).map(|c| dataset.display_name(c)).collect();
            let verb = if sum.missing.len() == 1 { "has" } else { "have" };
            let missing = sum.missing.len();
            entry.reason = Some(format!("{missing} of the parts {verb} no figure: {}", names.join(", ")));
            return entry;
        }
        Verdict::Currency(odd) => {
            entry.reason = Some(format!("{} is in another currency", dataset.display_name(sum.parts[odd].0)));
            return entry;
        }
        Verdict::Overflow => {
            entry.status = Status::Mismatch;
            entry.reason = Some("the parts add up beyond what a decimal holds".to_string());
            return entry;
        }
        Verdict::NothingAdded => {
            entry.reason = Some(
                "every part is relisted (再掲) or inclusive (内数): the document does not show their sizes".to_string(),
            );
            return entry;
        }
    };
    entry.status = status;
    entry.computed = Some(units.computed(figures.sum, currency, native, precision));
    entry.difference = Some(units.change(figures.difference, currency, native, precision));
    entry.tolerance = Some(units.computed(sum.tolerance(dataset.rounding), currency, native, Decimal::ZERO));
    if status == Status::Partial {
        entry.reason = Some("a partial breakdown: the parts shown must not exceed the line".to_string());
    }
    entry
}

/// `96.7 + 35.4 − 2`, the parts in the report's unit, the first few and a count.
fn terms(sum: &LineSum<'_>, units: Units) -> String {
    let declared = &sum.declared.value;
    let mut text = String::new();
    for (i, (_, part)) in sum.parts.iter().take(MAX_TERMS).enumerate() {
        let value = part.value.base();
        let number = units.number(value.abs(), declared.currency(), declared.unit, part.value.base_precision());
        let operator = if value.is_sign_negative() { " − " } else { " + " };
        match i {
            0 if value.is_sign_negative() => text.push('−'),
            0 => {}
            _ => text.push_str(operator),
        }
        text.push_str(&number);
    }
    if sum.parts.len() > MAX_TERMS {
        text.push_str(&format!(" + … ({} parts)", sum.parts.len()));
    }
    text
}

fn change(item: &Item, units: Units) -> Option<Change> {
    let (amount, previous) = (&item.amount.as_ref()?.value, &item.previous().as_ref()?.value);
    if amount.inclusive() || previous.inclusive() || amount.currency() != previous.currency() {
        return None;
    }
    let difference = amount.base().checked_sub(previous.base())?;
    Some(Change {
        difference: units.change(difference, amount.currency(), amount.unit, finest([amount, previous])),
        percent: percent(difference, previous.base()),
    })
}

/// A running sum of figures of one currency.
#[derive(Clone, Copy)]
struct Tally {
    currency: Currency,
    unit: Unit,
    sum: Decimal,
    precision: Decimal,
    lines: usize,
}

impl Tally {
    fn new(amount: &Amount) -> Tally {
        Tally { currency: amount.currency(), unit: amount.unit, sum: Decimal::ZERO, precision: Decimal::MAX, lines: 0 }
    }

    /// Adds `amount`; `false` when the sum would overflow.
    fn add(&mut self, amount: &Amount) -> bool {
        self.precision = self.precision.min(amount.base_precision());
        self.lines += 1;
        match self.sum.checked_add(amount.base()) {
            Some(sum) => {
                self.sum = sum;
                true
            }
            None => false,
        }
    }

    fn figure(&self, units: Units) -> Figure {
        units.computed(self.sum, self.currency, self.unit, self.precision)
    }
}

/// The top-level additive lines added up, per column and currency.
fn totals(dataset: &Dataset, units: Units) -> Vec<Total> {
    let mut totals = Vec::new();
    for column in Column::ALL {
        let mut tallies: Vec<Tally> = Vec::new();
        let figures = dataset
            .roots
            .iter()
            .map(|&r| &dataset.items[r])
            .filter(|item| !item.is_relisted() && !item.is_inclusive())
            .filter_map(|item| column.of(item).map(|a| &a.value));
        for figure in figures {
            let at = match tallies.iter().position(|t| t.currency == figure.currency()) {
                Some(at) => at,
                None => {
                    tallies.push(Tally::new(figure));
                    tallies.len() - 1
                }
            };
            if !tallies[at].add(figure) {
                tallies.remove(at);
            }
        }
        totals.extend(tallies.iter().map(|t| Total {
            column: column.clone(),
            figure: t.figure(units),
            lines: t.lines,
        }));
    }
    totals
}

/// The lines of each key added up: the topmost additive line that carries a key and an amount
/// counts for it, its breakdown not again, so no figure is counted twice.
fn roll_up(dataset: &Dataset, units: Units, key: impl Fn(&Item) -> Option<String>) -> Vec<RollUp> {
    struct Group {
        key: String,
        amount: Tally,
        previous: Tally,
        /// Every line of the group has a previous-year figure.
        previous_complete: bool,
        overflow: bool,
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut stack: Vec<ItemIdx> = dataset.roots.iter().rev().copied().collect();
    while let Some(index) = stack.pop() {
        let item = &dataset.items[index];
        if item.is_relisted() || item.is_inclusive() {
            continue;
        }
        let (Some(name), Some(amount)) = (key(item), item.amount.as_ref()) else {
            stack.extend(dataset.child_indexes(index).rev());
            continue;
        };
        let amount = &amount.value;
        let at = match groups.iter().position(|g| g.key == name && g.amount.currency == amount.currency()) {
            Some(at) => at,
            None => {
                let (amount, previous) = (Tally::new(amount), Tally::new(amount));
                groups.push(Group { key: name, amount, previous, previous_complete: true, overflow: false });
                groups.len() - 1
            }
        };
        let group = &mut groups[at];
        group.overflow |= !group.amount.add(amount);
        match item.previous().as_ref().map(|p| &p.value).filter(|p| p.currency() == amount.currency()) {
            Some(previous) => group.overflow |= !group.previous.add(previous),
            None => group.previous_complete = false,
        }
    }
    let mut rollups: Vec<RollUp> = groups
        .into_iter()
        .filter(|g| !g.overflow)
        .map(|g| {
            let previous = g.previous_complete.then_some(g.previous);
            let change = previous.and_then(|p| {
                let difference = g.amount.sum.checked_sub(p.sum)?;
                let precision = g.amount.precision.min(p.precision);
                Some(Change {
                    difference: units.change(difference, g.amount.currency, g.amount.unit, precision),
                    percent: percent(difference, p.sum),
                })
            });
            RollUp {
                key: g.key,
                amount: g.amount.figure(units),
                previous: previous.map(|p| p.figure(units)),
                change,
                lines: g.amount.lines,
            }
        })
        .collect();
    rollups.sort_by(|a, b| b.amount.exact.base.cmp(&a.amount.exact.base).then_with(|| a.key.cmp(&b.key)));
    rollups
}

fn links(outcome: &Outcome, index: &Index, from: usize) -> Vec<LinkEntry> {
    let dataset = &outcome.datasets[from];
    let endpoint = |reference: &crate::model::Spanned<crate::model::Reference>| Endpoint {
        reference: reference.value.to_string(),
        name: index
            .resolve(&outcome.datasets, from, &reference.value)
            .map(|(d, i)| outcome.datasets[d].display_name(&outcome.datasets[d].items[i]).to_string()),
    };
    dataset
        .links
        .iter()
        .filter_map(|link| {
            let kind = link.kind.as_ref()?.value;
            Some(LinkEntry {
                from: endpoint(link.from.as_ref()?),
                to: endpoint(link.to.as_ref()?),
                kind: kind.name(),
                kind_japanese: match kind {
                    LinkKind::Handoff => "展開",
                    LinkKind::Collaboration => "連携",
                    LinkKind::Feedback => "フィードバック",
                },
                note: text(&link.note),
            })
        })
        .collect()
}

/// Every `same_as` join that resolves, each column both lines carry compared.
fn same_as(outcome: &Outcome, index: &Index, units: Units) -> Vec<SameAs> {
    let mut joins = Vec::new();
    for (d, dataset) in outcome.datasets.iter().enumerate() {
        for (i, item) in dataset.items.iter().enumerate() {
            let Some(reference) = &item.same_as() else { continue };
            let target = index.resolve(&outcome.datasets, d, &reference.value);
            let columns = target.map_or_else(Vec::new, |(od, oi)| {
                let other = &outcome.datasets[od];
                compare(item, dataset.rounding, &other.items[oi], other.rounding, units)
            });
            joins.push(SameAs {
                from: format!("{}:{}", dataset.id().unwrap_or("?"), dataset.id_path(i)),
                from_name: dataset.display_name(item).to_string(),
                to: reference.value.to_string(),
                to_name: target.map(|(od, oi)| {
                    let other = &outcome.datasets[od];
                    other.display_name(&other.items[oi]).to_string()
                }),
                columns,
            });
        }
    }
    joins
}

fn compare(
    here: &Item,
    here_rounding: Rounding,
    there: &Item,
    there_rounding: Rounding,
    units: Units,
) -> Vec<Comparison> {
    Column::ALL
        .into_iter()
        .filter_map(|column| {
            let (a, b) = (&column.of(here)?.value, &column.of(there)?.value);
            let mut entry = Comparison {
                column,
                here: units.declared(a),
                there: units.declared(b),
                status: "not-comparable",
                difference: None,
                tolerance: None,
            };
            if a.currency() == b.currency() && !a.inclusive() && !b.inclusive() {
                let comparison = FigureComparison::of(a, here_rounding, b, there_rounding);
                entry.status = match () {
                    _ if comparison.exact && comparison.difference.is_zero() => "agree",
                    _ if !comparison.beyond_tolerance() => "within-rounding",
                    _ => "differ",
                };
                let precision = finest([a, b]);
                entry.difference = Some(units.change(comparison.difference, a.currency(), a.unit, precision));
                entry.tolerance = Some(units.computed(comparison.tolerance, a.currency(), a.unit, Decimal::ZERO));
            }
            Some(entry)
        })
        .collect()
}

pub(crate) fn finding_entry(finding: &Finding, outcome: &Outcome) -> FindingEntry {
    let defect = &finding.defect;
    let place = Place::of(&outcome.files, defect.file, defect.span);
    FindingEntry {
        fingerprint: crate::fingerprint::Fingerprint::of(finding, outcome).hash(),
        rule: finding.code.to_string(),
        severity: finding.severity,
        file: place.file.to_string(),
        line: place.line,
        column: place.column,
        message: defect.message.clone(),
        dataset: defect.dataset.clone(),
        item: defect.item.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_read_in_the_japanese_eras() {
        assert_eq!(japanese_year(2026).as_deref(), Some("令和8年度"));
        assert_eq!(japanese_year(2019).as_deref(), Some("令和元年度"));
        assert_eq!(japanese_year(2018).as_deref(), Some("平成30年度"));
        assert_eq!(japanese_year(1900), None);
    }

    #[test]
    fn sha256_is_the_standard_digest() {
        assert_eq!(sha256(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
