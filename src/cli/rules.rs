//! `yosan rules` and `yosan explain`.

use yosan::render::{self, terminal};
use yosan::rules::Catalog;

use super::{print, Failure, ListFormat};

pub fn list(catalog: &Catalog, format: ListFormat) -> Result<u8, Failure> {
    let text = match format {
        ListFormat::Table => render::rules::table(catalog),
        ListFormat::Json => render::rules::json(catalog),
        ListFormat::Markdown => render::rules::markdown(catalog),
    };
    print(&text)?;
    Ok(0)
}

/// The documentation of one rule; the code is found without regard to case, and a misspelt
/// one gets the nearest code as a suggestion.
pub fn explain(catalog: &Catalog, code: &str) -> Result<u8, Failure> {
    let wanted = code.trim().to_lowercase();
    let Some(rule) = catalog.rules.iter().find(|r| r.code.to_lowercase() == wanted) else {
        let codes: Vec<&str> = catalog.rules.iter().map(|r| &*r.code).collect();
        let help = match yosan::suggest::closest(&wanted, &codes) {
            Some(near) => format!("did you mean `{near}`? `yosan rules` lists every code"),
            None => "`yosan rules` lists every code".to_string(),
        };
        return Err(Failure(miette::miette!(help = help, "no rule has the code `{}`", terminal::escape_line(code))));
    };
    print(&render::rules::explain(rule))?;
    Ok(0)
}
