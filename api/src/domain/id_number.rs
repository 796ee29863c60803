use chrono::{Datelike, NaiveDate};

/// An 18-digit PRC resident identity number (GB 11643-1999) with a correct check
/// character. Birth date and gender are derived from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdNumber(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    pub fn label(self) -> &'static str {
        match self {
            Gender::Male => "男",
            Gender::Female => "女",
        }
    }
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

impl IdNumber {
    /// The check character for the first 17 digits.
    pub fn check_char(first17: &str) -> Option<char> {
        if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let sum: u32 = first17
            .bytes()
            .zip(WEIGHTS)
            .map(|(b, w)| (b - b'0') as u32 * w)
            .sum();
        Some(CHECK[(sum % 11) as usize] as char)
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let s = raw.trim().to_ascii_uppercase();
        if s.chars().count() != 18 {
            return Err("身份证号码应为18位");
        }
        if !s.is_ascii() {
            return Err("身份证号码前17位应为数字");
        }
        let (first17, last) = s.split_at(17);
        let Some(expected) = Self::check_char(first17) else {
            return Err("身份证号码前17位应为数字");
        };
        if !matches!(&first17[..1], "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8") {
            return Err("身份证号码的地区码不正确");
        }
        let birth = NaiveDate::parse_from_str(&first17[6..14], "%Y%m%d")
            .map_err(|_| "身份证号码中的出生日期不正确")?;
        let today = chrono::Utc::now().date_naive();
        if birth.year() < 1900 || birth > today {
            return Err("身份证号码中的出生日期不正确");
        }
        if !last.starts_with(expected) {
            return Err("身份证号码校验位不正确，请核对后重新输入");
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn birth_date(&self) -> NaiveDate {
        NaiveDate::parse_from_str(&self.0[6..14], "%Y%m%d").expect("checked in parse")
    }

    pub fn gender(&self) -> Gender {
        let d = self.0.as_bytes()[16] - b'0';
        if d % 2 == 1 {
            Gender::Male
        } else {
            Gender::Female
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_numbers_and_derives_birth_and_gender() {
        let id = IdNumber::parse("11010519491231002x").unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
        );
        assert_eq!(id.gender(), Gender::Female);
        let seed = IdNumber::parse("33010519770708104X").unwrap();
        assert_eq!(seed.gender(), Gender::Female);
        let male = format!(
            "11010119900307425{}",
            IdNumber::check_char("11010119900307425").unwrap()
        );
        assert_eq!(IdNumber::parse(&male).unwrap().gender(), Gender::Male);
    }

    #[test]
    fn rejects_bad_check_digit_length_date_and_region() {
        assert_eq!(
            IdNumber::parse("110105194912310021").unwrap_err(),
            "身份证号码校验位不正确，请核对后重新输入"
        );
        assert!(IdNumber::parse("1101051949123100").is_err());
        assert!(IdNumber::parse("11010519491331002X").is_err()); // month 13
        assert!(IdNumber::parse("01010519491231002X").is_err());
        assert!(IdNumber::parse("1101051949123100AX").is_err());
        assert!(IdNumber::parse("１１０１０５１９４９１２３１００２X").is_err()); // full-width digits
        assert!(IdNumber::parse("11010519491231002é").is_err());
        let future = format!(
            "11010120990101001{}",
            IdNumber::check_char("11010120990101001").unwrap()
        );
        assert!(IdNumber::parse(&future).is_err());
    }
}
