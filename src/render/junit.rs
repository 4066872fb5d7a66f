//! `--format junit`: JUnit XML, for CI systems that show test reports. One test suite for the
//! run, one test case per dataset file, one `<failure>` per error or warning in that file
//! (notes go to the case's `<system-out>`): a file with no error or warning passes.

use super::place::Place;
use super::Run;
use crate::findings::Severity;

pub fn render(run: &Run<'_>) -> String {
    let outcome = run.outcome;
    let mut cases = String::new();
    let mut failures = 0;
    let mut failing_files = 0;
    for (file, source) in outcome.files.iter().enumerate() {
        let mut body = String::new();
        let mut notes = String::new();
        let mut failed = false;
        for finding in outcome.findings.iter().filter(|f| f.defect.file == file) {
            let d = &finding.defect;
            let place = Place::of(&outcome.files, d.file, d.span);
            let at = format!("{}:{}:{}", place.file, place.line, place.column);
            if finding.severity == Severity::Info {
                notes.push_str(&format!("{at}: {} {}\n", finding.code, d.message));
                continue;
            }
            failed = true;
            failures += 1;
            let text = match &d.help {
                Some(help) => format!("{at}: {}\n{help}", d.message),
                None => format!("{at}: {}", d.message),
            };
            body.push_str(&format!(
                "      <failure type=\"{}\" message=\"{} ({})\">{}</failure>\n",
                xml(&finding.code),
                xml(&d.message),
                finding.severity,
                xml(&text)
            ));
        }
        if !notes.is_empty() {
            body.push_str(&format!("      <system-out>{}</system-out>\n", xml(&notes)));
        }
        failing_files += usize::from(failed);
        let name = xml(&source.name);
        if body.is_empty() {
            cases.push_str(&format!("    <testcase classname=\"yosan\" name=\"{name}\"/>\n"));
        } else {
            cases.push_str(&format!("    <testcase classname=\"yosan\" name=\"{name}\">\n{body}    </testcase>\n"));
        }
    }
    let errors = usize::from(run.error.is_some());
    let error = run.error.map(|e| format!("    <system-err>{}</system-err>\n", xml(e))).unwrap_or_default();
    let tests = outcome.files.len();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"yosan\" tests=\"{tests}\" failures=\"{failing_files}\" errors=\"{errors}\">\n  <testsuite name=\"yosan check\" tests=\"{tests}\" failures=\"{failing_files}\" errors=\"{errors}\">\n    <properties><property name=\"findings\" value=\"{failures}\"/></properties>\n{cases}{error}  </testsuite>\n</testsuites>\n"
    )
}

/// Text for XML: the five special characters as entities, and characters XML 1.0 does not
/// allow (controls other than tab and line breaks) written as `\u{…}`.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}') => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(super::xml("a<b & \"c\"\u{1b}"), "a&lt;b &amp; &quot;c&quot;\\u{1b}");
    }
}
