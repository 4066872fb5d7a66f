use super::build_with;
use super::*;
use crate::load::{load, Limits};

fn read(yaml: &str) -> (Dataset, Vec<(SchemaDefect, crate::findings::Defect)>) {
    let doc = load(yaml, &Limits::default()).unwrap();
    build(0, doc.root.as_ref())
}

const DATASET: &str = "format: yosan/1
dataset: {id: d, title: 題, fiscal_year: 令和４年度, unit: 百万円, rounding: exact, budget: request}
items:
  - id: pj1
    name: 一
    amount: 6,371
    ministry: [文科省, 厚]
    items:
      - {id: a, name: 二, amount: 63.71億円, relisted_from: 'other:x', phase: 基礎研究}
links:
  - {from: pj1, to: a, kind: 導出}
";

#[test]
fn a_dataset_reads_into_its_typed_model() {
    let (dataset, defects) = read(DATASET);
    assert!(defects.is_empty(), "{defects:?}");
    assert_eq!(dataset.fiscal_year.as_ref().map(|y| y.value), Some(2022));
    assert_eq!(
        (dataset.unit, dataset.rounding, dataset.budget),
        (crate::amount::Unit::MillionYen, Rounding::Exact, Budget::Request)
    );
    let pj1 = &dataset.items[0];
    assert_eq!(pj1.amount.as_ref().unwrap().value.unit, crate::amount::Unit::MillionYen);
    assert_eq!(pj1.ministries().iter().map(|m| &*m.value).collect::<Vec<_>>(), ["文部科学省", "厚生労働省"]);
    assert_eq!((pj1.depth, dataset.child_indexes(0).collect::<Vec<_>>()), (1, vec![1]));
    let child = &dataset.items[1];
    assert_eq!((child.depth, child.parent()), (2, Some(0)));
    assert_eq!(
        child.relisted_from().as_ref().unwrap().value,
        Reference { dataset: Some("other".into()), item: "x".into() }
    );
    assert_eq!(dataset.qualified_name(1), "一／二");
    assert_eq!(dataset.links[0].kind.as_ref().unwrap().value, LinkKind::Handoff);
}

#[test]
fn every_defect_of_a_file_is_collected_in_one_pass() {
    let (_, defects) = read("format: yosan/1\ndataset: {id: D, fiscal_year: 昭和1年}\nitems:\n  - {id: a, amount: 1..2}\n  - {id: a, name: x, colour: red}\n");
    let kinds: Vec<SchemaDefect> = defects.iter().map(|(k, _)| *k).collect();
    for expected in [
        SchemaDefect::InvalidValue,
        SchemaDefect::MissingField,
        SchemaDefect::InvalidFiscalYear,
        SchemaDefect::AmountFormat,
        SchemaDefect::DuplicateId,
        SchemaDefect::UnknownField,
    ] {
        assert!(kinds.contains(&expected), "{expected:?} missing from {kinds:?}");
    }
}

#[test]
fn a_root_that_is_not_a_mapping_is_an_invalid_value() {
    let (_, defects) = read("- just\n- a list\n");
    assert_eq!(defects[0].0, SchemaDefect::InvalidValue);
}

/// `read` reads each top-level item as the loader hands it over; the result must be the
/// dataset and the defects of reading the whole tree.
fn streamed_and_whole_agree(text: &str) {
    let (limits, shared) = (Limits::default(), std::sync::Arc::new(text.to_string()));
    let whole = load(&shared, &limits).map(|doc| build_with(0, &shared, doc.root.as_ref(), &["独自省".to_string()]));
    let streamed = super::read(0, &shared, &limits, &["独自省".to_string()]).map(|(d, defects, _)| (d, defects));
    // The id table shows only its size: compared by where each id leads.
    let sorted = |read: Result<(Dataset, Vec<_>), _>| {
        read.map(|(dataset, defects)| {
            let ids: Vec<_> = dataset.items.iter().map(|i| dataset.id_of(i).map(|id| dataset.item_by_id(id))).collect();
            (dataset, ids, defects)
        })
    };
    let (whole, streamed) = (format!("{:?}", sorted(whole)), format!("{:?}", sorted(streamed)));
    if whole != streamed {
        let at = whole.bytes().zip(streamed.bytes()).take_while(|(a, b)| a == b).count();
        let around = |s: &str| {
            String::from_utf8_lossy(&s.as_bytes()[at.saturating_sub(300)..(at + 200).min(s.len())]).into_owned()
        };
        panic!("{text}\n---- whole: …{}…\n---- streamed: …{}…", around(&whole), around(&streamed));
    }
}

#[test]
fn reading_while_loading_gives_what_reading_the_tree_gives() {
    for path in crate::load::tests::yaml_files_of_the_tests() {
        streamed_and_whole_agree(&String::from_utf8_lossy(&std::fs::read(&path).unwrap()));
    }
    let cases = [
        // `items` before `dataset`: the items wait for the unit.
        "format: yosan/1\nitems:\n  - {id: a, name: 一, amount: 6,371}\ndataset: {id: d, title: t, fiscal_year: 2022, unit: 百万円}\n",
        // An anchored list stays whole; an anchored item is shared with a later alias.
        "format: yosan/1\ndataset: {id: d, title: t, fiscal_year: 2022}\nitems: &all\n  - {id: a, name: 一, amount: 1}\nlinks: *all\n",
        "format: yosan/1\ndataset: {id: d, title: t, fiscal_year: 2022}\nitems:\n  - &one {id: a, name: 一, amount: 1}\n  - *one\n",
        // Root defects belong to no dataset; an unknown format; items twice over.
        "format: yosan/2\nextra: 1\ndataset: {id: d, title: t, fiscal_year: 2022}\nitems:\n  - {id: a, name: 一}\n  - {id: a, name: 一}\n",
        "dataset: {id: d, title: t, fiscal_year: 2022}\nitems: [{id: a, name: 一, ministry: 独自省}, 3, {name: x}]\n",
        "dataset: 3\nitems:\n  - {id: a, name: 一, amount: 1億}\n",
        "items:\n  - {id: a, name: 一}\n",
        "- {id: a}\n",
        "",
        "items:\n  - {id: a, name: 一}\n  - [\n",
        // Nested lists are streamed too: an id repeated below its first use, thrice; fields
        // after `items`; an anchored child, a child that is no mapping, an alias of a list.
        "dataset: {id: d, title: t, fiscal_year: 2022}\nitems:\n  - id: a\n    items:\n      - {id: b, name: 二, amount: 1}\n      - id: a\n        items: [{id: a, name: 三}]\n    name: 一\n    amount: 2\n",
        "dataset: {id: d, title: t, fiscal_year: 2022}\nitems:\n  - id: p\n    name: 一\n    items:\n      - &c {id: c, name: 二, items: [{id: e, name: 五}]}\n      - 7\n      - {id: f, name: 六, items: &l [{id: g, name: 七}]}\n  - {id: q, name: 三, items: *l}\n  - {id: r, name: 四, items: [*c]}\n",
        // Links are streamed from the root only; before `dataset`, they wait as items do.
        "dataset: {id: d, title: t, fiscal_year: 2022}\nlinks:\n  - {from: a, to: b, kind: handoff, x-n: 1}\n  - 5\n  - {from: a, kind: nope, extra: 1}\nitems:\n  - {id: a, name: 一, links: [{from: a}]}\n",
        "links:\n  - {from: a, to: b, kind: handoff}\ndataset: {id: d, title: t, fiscal_year: 2022}\nitems:\n  - {id: a, name: 一}\nlinks2: 1\n",
        "dataset: {id: d, title: t, fiscal_year: 2022}\nitems: []\nlinks: &l [{from: a, to: b, kind: handoff}]\n",
        "dataset: {id: d, title: t, fiscal_year: 2022}\nitems:\n  - {id: p, name: 一, items: 5}\n  - {id: q, name: 二, items: [{}, {id: Bad, name: ''}]}\n",
        // Ids and names the parser rewrites (escapes, folded lines) are copies, the others
        // places in the text: a repeated id is found whichever way each is kept.
        "dataset: {id: d, title: t, fiscal_year: 2022}\nitems:\n  - {id: \"a\\x62\", name: \"一\\u4e8c\"}\n  - {id: ab, name: 'it''s'}\n  - id: c\n    name: 長い\n      名前\n  - {id: \"c\", name: \"\"}\n",
    ];
    for case in cases {
        streamed_and_whole_agree(case);
    }
}

/// A dataset may hold a million items: an item that grows shows here first.
#[test]
fn an_item_stays_small() {
    assert!(std::mem::size_of::<Item>() <= 96, "Item is {} bytes", std::mem::size_of::<Item>());
    assert!(std::mem::size_of::<Link>() <= 152, "Link is {} bytes", std::mem::size_of::<Link>());
    // An imported file has several `x-` fields on every line.
    let extension = std::mem::size_of::<super::Extension>();
    assert!(extension <= 32, "Extension is {extension} bytes");
}

#[test]
fn ids_and_names_read_the_same_whether_the_parser_lends_them_or_rewrites_them() {
    let text = "dataset: {id: d, title: t, fiscal_year: 2022}\nitems:\n  - {id: \"a\\x62\", name: \"一\\u4e8c\"}\n  - {id: ab, name: 'it''s'}\n  - id: c\n    name: 長い\n      名前\n";
    let (dataset, defects, _) =
        super::read(0, &std::sync::Arc::new(text.to_string()), &Limits::default(), &[]).unwrap();
    let names: Vec<_> =
        dataset.items.iter().map(|i| (dataset.id_of(i).unwrap(), dataset.name_of(i).unwrap())).collect();
    assert_eq!(names, [("ab", "一二"), ("ab", "it's"), ("c", "長い 名前")]);
    assert_eq!(dataset.item_by_id("ab"), Some(0));
    let repeated: Vec<_> = defects.iter().filter(|(kind, _)| *kind == SchemaDefect::DuplicateId).collect();
    assert_eq!(repeated.len(), 1, "{defects:?}");
}

/// The reader keeps each name's facts; a dataset with items added otherwise folds them when
/// asked, and gets the same.
#[test]
fn a_name_has_the_same_facts_kept_or_folded_when_asked() {
    let (mut dataset, _) = read("format: yosan/1\ndataset: {id: d, title: t, fiscal_year: 2024}\nitems:\n  - {id: a, name: 事業（再掲）, amount: 1}\n  - {id: b, amount: 1}\n");
    let mut scratch = String::new();
    let kept = dataset.name_facts(0, &mut scratch).unwrap();
    assert_eq!(kept, names::facts("事業（再掲）", &mut scratch));
    assert!(kept.marks_relisting);
    assert_eq!(dataset.name_facts(1, &mut scratch), None);
    // Added by hand: no facts kept, so they are folded from the name.
    let item = Item { name: dataset.items[0].name.clone(), ..Item::default() };
    dataset.items.push(item);
    assert_eq!(dataset.name_facts(2, &mut scratch), Some(kept));
}

#[test]
fn link_ends_are_found_beside_the_parse_whether_links_come_before_or_after_items() {
    let head = "format: yosan/1\ndataset: {id: d, title: 題, fiscal_year: 令和４年度}\n";
    let items = "items:\n  - {id: a, name: 一, amount: 1}\n  - {id: b, name: 二, amount: 2}\n  - {id: a, name: 三, amount: 3}\n";
    let links = "links:\n  - {from: a, to: b, kind: handoff}\n  - {from: b, to: c, kind: handoff}\n  - {from: 'x:a', to: a, kind: handoff}\n";
    for text in [format!("{head}{items}{links}"), format!("{head}{links}{items}")] {
        let text = std::sync::Arc::new(text);
        let (dataset, ..) = super::read(0, &text, &Limits::default(), &[]).unwrap();
        // Kept by the reader, not looked up when asked: found again at the end when the links
        // came first.
        assert!(dataset.link_ends.is_current(dataset.links.len(), dataset.ids.added()), "{text}");
        let ends = |l| [LinkEnd::From, LinkEnd::To].map(|end| dataset.link_end(l, end));
        // `a` is the first item of that id; `c` is none; `x:a` is written with a dataset.
        assert_eq!((0..3).map(ends).collect::<Vec<_>>(), [[Some(0), Some(1)], [Some(1), None], [None, Some(0)]]);
    }
}

#[test]
fn link_ends_are_looked_up_when_links_were_added_by_hand() {
    let (mut dataset, _) = read(DATASET);
    let mut link = dataset.links[0].clone();
    std::mem::swap(&mut link.from, &mut link.to);
    dataset.links.push(link);
    assert_eq!(dataset.link_end(1, LinkEnd::From), Some(1));
    assert_eq!(dataset.link_end(1, LinkEnd::To), Some(0));
}
