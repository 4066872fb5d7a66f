//! The closed vocabularies of the format: budget kinds, rounding, breakdowns, phases,
//! ministries and link kinds, each with the written forms it accepts.

/// Declares a vocabulary enum with the written forms of each value (the first is canonical).
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => [$($form:literal),+]),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const FORMS: &'static [(&'static str, $name)] = &[$($(($form, $name::$variant)),+),+];

            /// The value written as `text`, in any of its accepted forms.
            pub fn parse(text: &str) -> Option<Self> {
                Self::FORMS.iter().find(|(form, _)| *form == text).map(|&(_, v)| v)
            }

            /// The canonical written form.
            pub fn name(self) -> &'static str {
                Self::FORMS.iter().find(|(_, v)| *v == self).map_or("", |(form, _)| form)
            }

            /// The canonical forms, for messages.
            pub fn choices() -> String {
                let all: &[$name] = &[$($name::$variant),+];
                all.iter().map(|v| format!("`{}`", v.name())).collect::<Vec<_>>().join(", ")
            }
        }

        impl $crate::model::vocab::Word for $name {
            fn parse(text: &str) -> Option<Self> {
                $name::parse(text)
            }

            fn choices() -> String {
                $name::choices()
            }
        }
    };
}

pub(crate) use vocabulary;

/// A closed vocabulary, as the `vocabulary!` macro declares one.
pub trait Word: Sized {
    fn parse(text: &str) -> Option<Self>;
    fn choices() -> String;
}

vocabulary!(
    /// `dataset.budget`: which budget the figures belong to.
    Budget { Initial => ["initial"], Supplementary => ["supplementary"], Request => ["request"], Mixed => ["mixed"] }
);

vocabulary!(
    /// `dataset.rounding`: how the document rounded its figures.
    Rounding { HalfUp => ["half-up"], Truncate => ["truncate"], Exact => ["exact"] }
);

vocabulary!(
    /// `breakdown`: whether the children are the whole of the line or a part.
    Breakdown { Complete => ["complete"], Partial => ["partial"] }
);

vocabulary!(
    /// `phase` tags.
    Phase {
        Basic => ["基礎研究"],
        Applied => ["応用研究"],
        NonClinical => ["非臨床"],
        Clinical => ["臨床研究・治験"],
        Practical => ["実用化"],
    }
);

vocabulary!(
    /// The 府省庁 of the national government and the bodies outside the Cabinet, with the short
    /// forms the documents use. A project may add names in `yosan.toml` (`ministries`).
    Ministry {
        CabinetSecretariat => ["内閣官房"],
        CabinetLegislationBureau => ["内閣法制局"],
        NationalPersonnelAuthority => ["人事院"],
        CabinetOffice => ["内閣府", "内"],
        ImperialHouseholdAgency => ["宮内庁"],
        FairTradeCommission => ["公正取引委員会"],
        NationalPublicSafetyCommission => ["国家公安委員会（警察庁）", "国家公安委員会", "警察庁"],
        PersonalInformationProtectionCommission => ["個人情報保護委員会"],
        CasinoRegulatoryCommission => ["カジノ管理委員会"],
        FinancialServicesAgency => ["金融庁"],
        ConsumerAffairsAgency => ["消費者庁"],
        Cfa => ["こども家庭庁", "こ"],
        Digital => ["デジタル庁"],
        Reconstruction => ["復興庁"],
        Mic => ["総務省", "総"],
        Moj => ["法務省"],
        Mofa => ["外務省", "外"],
        Mof => ["財務省"],
        Mext => ["文部科学省", "文", "文科省"],
        Mhlw => ["厚生労働省", "厚", "厚労省"],
        Maff => ["農林水産省", "農水省"],
        Meti => ["経済産業省", "経", "経産省"],
        Mlit => ["国土交通省", "国交省"],
        Env => ["環境省"],
        Mod => ["防衛省"],
        Diet => ["国会"],
        Courts => ["裁判所"],
        BoardOfAudit => ["会計検査院"],
    }
);

vocabulary!(
    /// The kinds of links between items, with the Japanese words for them.
    LinkKind {
        Handoff => ["handoff", "導出", "展開"],
        Collaboration => ["collaboration", "連携", "協力"],
        Feedback => ["feedback", "フィードバック", "rTR", "リバース・トランスレーショナル・リサーチ"],
    }
);

/// `[a-z0-9][a-z0-9-]*`: a dataset id.
pub fn is_dataset_slug(text: &str) -> bool {
    is_slug(text, b"-")
}

/// `[a-z0-9][a-z0-9._-]*`: an item id.
pub fn is_item_slug(text: &str) -> bool {
    is_slug(text, b"._-")
}

fn is_slug(text: &str, extra: &[u8]) -> bool {
    let bytes = text.as_bytes();
    let plain = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    bytes.first().is_some_and(plain) && bytes.iter().all(|b| plain(b) || extra.contains(b))
}

/// A suggested slug for a text that is not one: lowercase, other characters as `-`.
pub fn slugify(text: &str, item: bool) -> Option<String> {
    let mut out = String::new();
    for c in text.chars() {
        let c = c.to_ascii_lowercase();
        let keep = c.is_ascii_lowercase() || c.is_ascii_digit() || (item && matches!(c, '.' | '_'));
        if keep {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    let valid = if item { is_item_slug(&out) } else { is_dataset_slug(&out) };
    valid.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_normalise() {
        assert_eq!(Ministry::parse("厚"), Some(Ministry::Mhlw));
        assert_eq!(Ministry::parse("文科省"), Some(Ministry::Mext));
        assert_eq!(Ministry::Mext.name(), "文部科学省");
        assert_eq!(Ministry::parse("財務省"), Some(Ministry::Mof));
        assert_eq!(Ministry::parse("会計検査院"), Some(Ministry::BoardOfAudit));
        assert_eq!(Ministry::parse("大蔵省"), None);
        assert_eq!(LinkKind::parse("導出"), Some(LinkKind::Handoff));
        assert_eq!(LinkKind::parse("rTR"), Some(LinkKind::Feedback));
    }

    #[test]
    fn slugs() {
        assert!(is_dataset_slug("r4-initial"));
        assert!(!is_dataset_slug("r4.initial"));
        assert!(is_item_slug("pj1.amed_1"));
        assert!(!is_item_slug("-pj"));
        assert!(!is_item_slug("PJ1"));
        assert_eq!(slugify("PJ 1", true).as_deref(), Some("pj-1"));
        assert_eq!(slugify("予算", true), None);
    }
}
