//! Escaping what the datasets say for each format: names and notes are the user's text and
//! may hold anything.

/// Text for Markdown, inline or in a table cell: no character of it formats, none breaks the
/// table, no line break ends the cell.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Text as a Markdown code span, `like this`: backticks cannot close it, pipes cannot break a
/// table, line breaks cannot end the cell.
pub fn code(text: &str) -> String {
    let inner: String = text
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .map(|c| match c {
            '`' => '\'',
            '\n' => ' ',
            c => c,
        })
        .collect();
    format!("`{}`", inner.replace('|', "\\|"))
}

/// Text for HTML, in an element or an attribute value.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// Text for a quoted mermaid label: quotes and angle brackets as mermaid's entities.
pub fn mermaid(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '`' => out.push_str("#96;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `1 dataset`, `2 datasets`: a count and its noun (English plurals in `s`).
pub fn count(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

/// At most `max` characters of `text`, with `…` where it was cut.
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_stay_text_in_every_format() {
        assert_eq!(markdown("a|b <script> *x*\nc"), "a\\|b \\<script\\> \\*x\\*  c".replacen("  ", " ", 1));
        assert_eq!(html("<img src=x onerror='a'>&"), "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;");
        assert_eq!(mermaid("a\"]-->b"), "a#quot;]--#gt;b");
        assert_eq!(shorten("日本医療研究開発機構", 4), "日本医療…");
    }
}
