//! Check kind `suppression`: the `# yosan-allow:` comments themselves.
//!
//! Suppressions are applied after every other rule has run (see `suppress`); this kind then
//! reports, by its parameter `report`:
//!
//! - `unused`: a suppression that kept no finding out (none of its codes fired on its line);
//! - `no-reason`: a suppression without a reason after `--`;
//! - `forbidden`: a suppression of a rule that the configuration lists in
//!   `not-suppressible` (the finding stays).
//!
//! ```yaml
//! check:
//!   kind: suppression
//!   report: unused
//! ```

use crate::findings::Defect;
use crate::suppress::Applied;

crate::model::vocab::vocabulary!(
    /// Which problem with suppressions a rule reports.
    Report { Unused => ["unused"], NoReason => ["no-reason"], Forbidden => ["forbidden"] }
);

pub type Params = super::ReportParams<Report>;

impl Params {
    /// The defects of this report among what applying the suppressions found.
    pub fn defects<'a>(&self, applied: &'a Applied) -> &'a [Defect] {
        match self.report {
            Report::Unused => &applied.unused,
            Report::NoReason => &applied.without_reason,
            Report::Forbidden => &applied.forbidden,
        }
    }
}
