//! Names compared as the same name: NFKC-normalised (full-width and half-width forms fold
//! together) with all white space removed.

use std::borrow::Cow;

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// `name` in NFKC without white space. Most names already are (the quick check of the Unicode
/// standard says so without normalising): those are lent back, not copied.
pub fn normalized(name: &str) -> Cow<'_, str> {
    if !name.chars().any(char::is_whitespace) && is_nfkc_quick(name.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(name);
    }
    Cow::Owned(name.nfkc().filter(|c| !c.is_whitespace()).collect())
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
        assert!(matches!(normalized("医工連携"), Cow::Borrowed(_)));
        assert_eq!(normalized("再 掲"), "再掲");
        assert_eq!(normalized("ｶﾞ"), "ガ");
    }
}
