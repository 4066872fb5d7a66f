//! Names compared as the same name: NFKC-normalised (full-width and half-width forms fold
//! together) with all white space removed.

use unicode_normalization::UnicodeNormalization;

pub fn normalized(name: &str) -> String {
    name.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// Whether a name carries the 再掲 marker, in any width: `（再掲）`, `(再掲)`, `【再掲】`.
pub fn marks_relisting(name: &str) -> bool {
    normalized(name).contains("再掲")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_and_half_width_forms_are_one_name() {
        assert_eq!(normalized("ＡＭＥＤ　対象経費"), normalized("AMED対象経費"));
        assert_eq!(normalized("（再掲）"), "(再掲)");
        assert!(marks_relisting("医工連携イノベーション推進事業（再掲）"));
        assert!(!marks_relisting("医工連携イノベーション推進事業"));
    }
}
