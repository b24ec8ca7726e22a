//! Escaping for text that templates do not own (author strings put into HTML by Rust).

/// Escapes `& < > " '` so the result is safe in element content and quoted attributes.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

/// Appends `s` to `out`, escaped as [`escape_html`] does, copying the runs
/// between special characters whole.
pub fn push_escaped(out: &mut String, s: &str) {
    let mut rest = s;
    // Bytes, not chars: the special characters are ASCII, and never part of a
    // multi-byte character.
    while let Some(i) = rest
        .bytes()
        .position(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::escape_html(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(super::escape_html("服务<卓越>&"), "服务&lt;卓越&gt;&amp;");
        assert_eq!(super::escape_html("无需转义"), "无需转义");
        // Every position of a special character relative to the eight-byte steps.
        for pad in 0..10 {
            let text = format!("{}{}", "服".repeat(pad), "ab<cd&ef>gh\"ij'kl");
            let want = format!("{}{}", "服".repeat(pad), "ab&lt;cd&amp;ef&gt;gh&quot;ij&#39;kl");
            assert_eq!(super::escape_html(&text), want);
            let text = format!("{}&", "x".repeat(pad));
            assert_eq!(super::escape_html(&text), format!("{}&amp;", "x".repeat(pad)));
        }
    }
}
