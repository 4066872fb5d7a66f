use super::*;

fn ok(text: &str) -> Document<'_> {
    load(text, &Limits::default()).unwrap_or_else(|e| panic!("{e:?}"))
}

fn err(text: &str) -> LoadError {
    load(text, &Limits::default()).expect_err("should fail")
}

fn slice(text: &str, span: Span) -> &str {
    &text[span.range()]
}

#[test]
fn every_key_and_scalar_has_its_byte_span() {
    let text = "dataset:\n  title: 予算\n  amount: 151.7億円\nlist: [a, \"b\"]\n";
    let doc = ok(text);
    let root = doc.root.unwrap();
    let entries = root.as_map().unwrap();
    assert_eq!(slice(text, entries[0].key.span), "dataset");
    let inner = entries[0].value.as_map().unwrap();
    assert_eq!(slice(text, inner[0].value.span), "予算");
    assert_eq!(slice(text, inner[1].value.span), "151.7億円");
    let list = entries[1].value.as_seq().unwrap();
    assert_eq!(slice(text, list[0].span), "a");
    assert!(slice(text, list[1].span).contains('b'));
}

#[test]
fn plain_numbers_keep_their_text() {
    let doc = ok("a: 0.1\nb: 151.70\nc: '12'\n");
    let root = doc.root.unwrap();
    let map = root.as_map().unwrap();
    assert_eq!(map[0].value.as_str(), Some("0.1"));
    assert_eq!(map[1].value.as_str(), Some("151.70"));
    assert!(map[0].value.as_scalar().unwrap().plain);
    assert!(!map[2].value.as_scalar().unwrap().plain);
}

#[test]
fn duplicate_keys_point_at_the_second_with_a_label_on_the_first() {
    let text = "a: 1\nb: 2\na: 3\n";
    let e = err(text);
    assert_eq!(e.kind, LoadErrorKind::Syntax);
    assert_eq!(e.span.start(), text.rfind('a').unwrap());
    assert_eq!(e.labels[0].0.start(), 0);
}

#[test]
fn duplicate_keys_in_large_mappings_are_found_too() {
    let mut text: String = (0..100).map(|i| format!("k{i}: {i}\n")).collect();
    text.push_str("k42: again\n");
    assert!(err(&text).message.contains("k42"));
}

#[test]
fn a_second_document_is_an_error_at_its_marker() {
    let text = "a: 1\n---\nb: 2\n";
    let e = err(text);
    assert!(e.message.contains("more than one YAML document"));
    assert_eq!(slice(text, e.span), "---");
}

#[test]
fn an_empty_file_has_no_root() {
    assert!(ok("").root.is_none());
    assert!(ok("# only a comment\n").root.is_none());
}

#[test]
fn deep_nesting_is_a_limit_not_a_crash() {
    let block: String = (0..100_000).map(|i| format!("{}- \n", " ".repeat(i % 50))).collect();
    let _ = load(&block, &Limits::default());
    let flow = "[".repeat(200_000);
    assert_eq!(err(&flow).kind, LoadErrorKind::Limit);
    let nested: String = (0..100).map(|i| format!("{}k:\n", "  ".repeat(i))).collect();
    assert_eq!(err(&nested).kind, LoadErrorKind::Limit);
}

#[test]
fn billion_laughs_hits_the_alias_budget() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let p = i - 1;
        text.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
    }
    assert_eq!(err(&text).kind, LoadErrorKind::Limit);
}

#[test]
fn small_aliases_are_expanded() {
    let doc = ok("base: &s {publisher: AMED}\ncopy: *s\n");
    let root = doc.root.unwrap();
    let copy = &root.as_map().unwrap()[1].value;
    assert_eq!(copy.as_map().unwrap()[0].value.as_str(), Some("AMED"));
}

#[test]
fn an_alias_copy_carries_the_alias_span() {
    let text = "base: &s {publisher: AMED}\ncopy: *s\n";
    let root = ok(text).root.unwrap();
    let copy = &root.as_map().unwrap()[1].value;
    let publisher = &copy.as_map().unwrap()[0].value;
    assert_eq!(slice(text, publisher.span), "*s");
    let base = &root.as_map().unwrap()[0].value.as_map().unwrap()[0].value;
    assert_eq!(slice(text, base.span), "AMED");
}

#[test]
fn nested_anchors_are_not_copied() {
    // Before, each anchor copied its subtree: 40 levels over 50,000 scalars made 2 million nodes.
    let mut text = format!("[{}]", vec!["x"; 50_000].join(", "));
    for depth in 0..40 {
        text = format!("[&a{depth} {text}]");
    }
    let root = ok(&text).root.unwrap();
    assert_eq!(root.count_nodes(), 50_000 + 41);
}

#[test]
fn aliases_of_a_long_text_hit_the_byte_budget() {
    let long = "\\x41".repeat(300_000);
    let text = format!("s: &s \"{long}\"\nl: [{}]\n", vec!["*s"; 200].join(", "));
    let error = err(&text);
    assert_eq!(error.kind, LoadErrorKind::Limit);
    assert!(error.message.contains("bytes"), "{}", error.message);
}

#[test]
fn size_limit_is_checked_before_parsing() {
    let limits = Limits { max_bytes: 10, ..Limits::default() };
    assert_eq!(load("a: 12345678901", &limits).unwrap_err().kind, LoadErrorKind::Limit);
}

#[test]
fn bom_and_crlf_are_accepted() {
    let text = "\u{feff}a: 1\r\nb: 予算\r\n";
    let doc = ok(text);
    let root = doc.root.unwrap();
    let map = root.as_map().unwrap();
    assert_eq!(slice(text, map[1].value.span), "予算");
    assert_eq!(slice(text, map[0].key.span), "a");
}

#[test]
fn comments_are_kept_with_their_spans() {
    let text = "a: 1 # yosan-allow: sum-mismatch -- p.5\n# other\n";
    let doc = ok(text);
    assert_eq!(doc.comments.len(), 2);
    assert!(slice(text, doc.comments[0].span).starts_with("# yosan-allow"));
    assert_eq!(slice(text, doc.comments[1].span), "# other");
}

/// Every YAML file of the repository's tests: the vendored YAML test suite and the fixtures.
pub(crate) fn yaml_files_of_the_tests() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut dirs = vec![root.join("tests"), root.join("datasets")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() > 400, "the YAML test suite is vendored under tests/: {} files found", files.len());
    files
}

#[test]
fn parsing_on_a_thread_loads_what_parsing_inline_loads() {
    let limits = Limits::default();
    let mut texts: Vec<String> = yaml_files_of_the_tests()
        .iter()
        // Every file, the few that are not UTF-8 as the engine reads them (lossily).
        .map(|path| String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned())
        .collect();
    // Longer than a batch of events, with an error near its end.
    let long: String = (0..5000).map(|i| format!("k{i}: [{i}, x]\n")).collect();
    texts.push(long.clone());
    texts.push(format!("{long}k1: again\n"));
    texts.push(format!("{long}bad: [\n"));
    for text in &texts {
        let inline = format!("{:?}", load_with(text, &limits, None, false));
        let threaded = format!("{:?}", load_with(text, &limits, None, true));
        assert_eq!(inline, threaded, "{text}");
    }
}
