//! "Did you mean …?": the known word nearest to a misspelt one (keys, codes, fields).

/// The known word nearest to a misspelt one, if it is near enough to be a typo.
pub fn closest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (edit_distance(name, k), *k))
        .filter(|&(d, k)| d <= 2.max(k.len() / 4) && d < k.len())
        // Of two as near, the first in order: the same answer whatever order `known` is in.
        .min_by_key(|&(d, k)| (d, k))
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_words_are_suggested_and_far_ones_not() {
        assert_eq!(closest("amout", &["amount", "name"]), Some("amount"));
        assert_eq!(closest("sum-mismatchh", &["sum-mismatch", "sum-rounding"]), Some("sum-mismatch"));
        assert_eq!(closest("xyz", &["amount", "name"]), None);
    }
}
