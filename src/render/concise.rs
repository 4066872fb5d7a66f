//! `--format concise`: one line a finding, `FILE:LINE:COL: CODE message`, for editors' error
//! lists and for grep. A message of several lines is joined into one.

use super::place::Place;
use super::Run;

pub fn render(run: &Run<'_>) -> String {
    let mut out = String::new();
    if let Some(error) = run.error {
        out.push_str(&format!("yosan: {}\n", one_line(error)));
    }
    for finding in &run.outcome.findings {
        let d = &finding.defect;
        let place = Place::of(&run.outcome.files, d.file, d.span);
        out.push_str(&format!(
            "{}:{}:{}: {} {}\n",
            place.file,
            place.line,
            place.column,
            finding.code,
            one_line(&d.message)
        ));
    }
    out
}

fn one_line(text: &str) -> String {
    text.split(['\n', '\r']).map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}
