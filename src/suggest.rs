//! "Did you mean …?": the known word nearest to a misspelt one (keys, codes, fields).

/// The known word nearest to a misspelt one, if it is near enough to be a typo.
pub fn closest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    closest_of(name, known.iter().copied())
}

/// [`closest`], of words as they come (the ids of a large dataset, not collected first).
pub fn closest_of<'k>(name: &str, known: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    let name: Vec<char> = name.chars().collect();
    let mut row = Vec::new();
    known
        .into_iter()
        .filter_map(|k| {
            // Near enough: within a quarter of the word (at least 2), and not the whole word.
            let limit = 2.max(k.len() / 4).min(k.len().checked_sub(1)?);
            Some((edit_distance_within(&name, k, limit, &mut row)?, k))
        })
        // Of two as near, the first in order: the same answer whatever order `known` is in.
        .min_by_key(|&(d, k)| (d, k))
        .map(|(_, k)| k)
}

/// The edit distance of `a` and `b` if it is at most `limit`. Most known words are far from a
/// misspelt one, so the cheap tests come first (lengths, then a row that is already over).
fn edit_distance_within(a: &[char], b: &str, limit: usize, row: &mut Vec<usize>) -> Option<usize> {
    let b_len = b.chars().count();
    if a.len().abs_diff(b_len) > limit {
        return None;
    }
    row.clear();
    row.extend(0..=b_len);
    for (i, ca) in a.iter().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        let mut least = row[0];
        for (j, cb) in b.chars().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != &cb)).min(row[j] + 1).min(current + 1);
            least = least.min(row[j + 1]);
            previous = current;
        }
        if least > limit {
            return None;
        }
    }
    Some(row[b_len]).filter(|&d| d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_words_are_suggested_and_far_ones_not() {
        assert_eq!(closest("amout", &["amount", "name"]), Some("amount"));
        assert_eq!(closest("sum-mismatchh", &["sum-mismatch", "sum-rounding"]), Some("sum-mismatch"));
        assert_eq!(closest("xyz", &["amount", "name"]), None);
        // Ties go to the first in order; a word is never "near" one of its own length in edits.
        assert_eq!(closest("ab", &["ac", "ad"]), Some("ac"));
        assert_eq!(closest("a", &["b"]), None);
    }

    #[test]
    fn the_bounded_distance_agrees_with_the_plain_one() {
        let words = ["amount", "amout", "name", "nam", "予算", "予算額", "", "x", "sum-mismatch", "mismatch-sum"];
        let mut row = Vec::new();
        for a in words {
            for b in words {
                let a_chars: Vec<char> = a.chars().collect();
                for limit in 0..8 {
                    let plain = plain_distance(a, b);
                    let bounded = edit_distance_within(&a_chars, b, limit, &mut row);
                    assert_eq!(bounded, (plain <= limit).then_some(plain), "{a} {b} {limit}");
                }
            }
        }
    }

    fn plain_distance(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut previous = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let current = row[j + 1];
                row[j + 1] = (previous + usize::from(ca != *cb)).min(row[j] + 1).min(current + 1);
                previous = current;
            }
        }
        row[b.len()]
    }
}
