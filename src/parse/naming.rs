//! File and folder naming rules: `01-concepts` is ordered 1 with slug `concepts`.

/// Splits a leading number and separator off a name: `01-concepts` → (Some(1), "concepts").
/// Names without a numeric prefix keep their whole name as slug.
pub fn split_order_prefix(name: &str) -> (Option<u32>, &str) {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return (None, name);
    }
    let rest = &name[digits..];
    let Some(slug) = rest.strip_prefix(['-', '_', '.']) else {
        return (None, name);
    };
    if slug.is_empty() {
        return (None, name);
    }
    (name[..digits].parse().ok(), slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(split_order_prefix("01-concepts"), (Some(1), "concepts"));
        assert_eq!(split_order_prefix("10_trends"), (Some(10), "trends"));
        assert_eq!(split_order_prefix("glossary"), (None, "glossary"));
        assert_eq!(split_order_prefix("2024"), (None, "2024"));
        assert_eq!(split_order_prefix("3d-printing"), (None, "3d-printing"));
        assert_eq!(split_order_prefix("01-"), (None, "01-"));
    }
}
