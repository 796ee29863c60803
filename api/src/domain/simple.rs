/// An 11-digit mainland mobile number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let s = raw.trim();
        let b = s.as_bytes();
        if b.len() == 11
            && b[0] == b'1'
            && (b'3'..=b'9').contains(&b[1])
            && b.iter().all(u8::is_ascii_digit)
        {
            Ok(Self(s.to_owned()))
        } else {
            Err("手机号码应为11位大陆手机号")
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password that meets the complexity rule: 8–64 characters with letters and digits.
pub struct Password(String);

impl Password {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let n = raw.chars().count();
        if !(8..=64).contains(&n) {
            return Err("密码长度应为8到64位");
        }
        let letters = raw.chars().any(|c| c.is_ascii_alphabetic());
        let digits = raw.chars().any(|c| c.is_ascii_digit());
        if !(letters && digits) {
            return Err("密码须同时包含字母和数字");
        }
        Ok(Self(raw.to_owned()))
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A staff login name allocated by an administrator: 3–32 lowercase letters, digits or `_`,
/// starting with a letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoginName(String);

impl LoginName {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let s = raw.trim();
        let ok = (3..=32).contains(&s.len())
            && s.starts_with(|c: char| c.is_ascii_lowercase())
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err("登录名应为3到32位小写字母、数字或下划线，以字母开头")
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone() {
        assert!(Phone::parse("15712346340").is_ok());
        assert!(Phone::parse("12712346340").is_err());
        assert!(Phone::parse("1571234634").is_err());
        assert!(Phone::parse("1571234634a").is_err());
    }

    #[test]
    fn password_rule() {
        assert!(Password::parse("Demo12345").is_ok());
        assert_eq!(Password::parse("short1").err(), Some("密码长度应为8到64位"));
        assert_eq!(
            Password::parse("onlyletters").err(),
            Some("密码须同时包含字母和数字")
        );
        assert_eq!(
            Password::parse("1234567890").err(),
            Some("密码须同时包含字母和数字")
        );
    }

    #[test]
    fn login_name() {
        assert!(LoginName::parse("hrss_nb").is_ok());
        assert!(LoginName::parse("Admin").is_err());
        assert!(LoginName::parse("1abc").is_err());
        assert!(LoginName::parse("ab").is_err());
    }
}
