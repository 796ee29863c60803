/// `15712346340` → `157****6340`; anything not 11 characters keeps its first 3 and last 4.
pub fn mask_phone(phone: &str) -> String {
    mask(phone, 3, 4)
}

/// `33010519770708104X` → `330105********104X`.
pub fn mask_id_number(id: &str) -> String {
    mask(id, 6, 4)
}

fn mask(s: &str, keep_start: usize, keep_end: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= keep_start + keep_end {
        return "*".repeat(chars.len());
    }
    let mut out: String = chars[..keep_start].iter().collect();
    out.push_str(&"*".repeat(chars.len() - keep_start - keep_end));
    out.extend(&chars[chars.len() - keep_end..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(mask_phone("15712346340"), "157****6340");
        assert_eq!(mask_id_number("33010519770708104X"), "330105********104X");
        assert_eq!(mask_phone("123"), "***");
    }
}
