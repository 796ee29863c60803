/// A unified social credit code 统一社会信用代码 (GB 32100-2015): 18 characters from a
/// 31-character alphabet with a check character at the end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreditCode(String);

const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

fn value(c: char) -> Option<u32> {
    ALPHABET.find(c).map(|i| i as u32)
}

impl CreditCode {
    /// The check character for the first 17 characters.
    pub fn check_char(first17: &str) -> Option<char> {
        if first17.chars().count() != 17 {
            return None;
        }
        let mut sum = 0;
        for (c, w) in first17.chars().zip(WEIGHTS) {
            sum += value(c)? * w;
        }
        let check = (31 - sum % 31) % 31;
        ALPHABET.chars().nth(check as usize)
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let s = raw.trim().to_ascii_uppercase();
        if s.chars().count() != 18 {
            return Err("统一社会信用代码应为18位");
        }
        if !s.chars().all(|c| value(c).is_some()) {
            return Err("统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）");
        }
        let first17: String = s.chars().take(17).collect();
        if Self::check_char(&first17) != s.chars().nth(17) {
            return Err("统一社会信用代码校验位不正确，请核对后重新输入");
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_codes() {
        for code in ["91350100M000100Y43", "91330203MA2H000018"] {
            assert!(CreditCode::parse(code).is_ok(), "{code}");
        }
        assert_eq!(
            CreditCode::parse("91350100m000100y43").unwrap().as_str(),
            "91350100M000100Y43"
        );
    }

    #[test]
    fn rejects_bad_codes() {
        assert_eq!(
            CreditCode::parse("91350100M000100Y44").unwrap_err(),
            "统一社会信用代码校验位不正确，请核对后重新输入"
        );
        assert!(CreditCode::parse("91350100M000100Y4").is_err());
        assert!(CreditCode::parse("91350100I000100Y43").is_err());
    }
}
