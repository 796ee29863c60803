//! Bounded page parameters shared by every list endpoint.
use serde::{Deserialize, Deserializer, de};
use utoipa::IntoParams;

pub const MAX_PER_PAGE: u32 = 100;
pub const MAX_PAGE: u32 = 10_000;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Page number, from 1.
    #[serde(default, deserialize_with = "de_opt_u32")]
    #[param(minimum = 1, maximum = 10000, example = 1)]
    pub page: Option<u32>,
    /// Rows a page, 1–100 (default 20).
    #[serde(default, deserialize_with = "de_opt_u32")]
    #[param(minimum = 1, maximum = 100, example = 20)]
    pub per_page: Option<u32>,
}

impl PageParams {
    /// (page, per_page) after bounds are checked; out-of-range values are a 400.
    pub fn resolve(&self) -> crate::error::AppResult<(u32, u32)> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(20);
        if !(1..=MAX_PAGE).contains(&page) {
            return Err(crate::error::AppError::bad_request(format!(
                "page 应在 1 到 {MAX_PAGE} 之间"
            )));
        }
        if !(1..=MAX_PER_PAGE).contains(&per_page) {
            return Err(crate::error::AppError::bad_request(format!(
                "per_page 应在 1 到 {MAX_PER_PAGE} 之间"
            )));
        }
        Ok((page, per_page))
    }
}

/// Rows to skip for `page` of `per_page` rows (both already resolved).
pub fn offset(page: u32, per_page: u32) -> u64 {
    u64::from(page - 1) * u64::from(per_page)
}

/// Accepts an integer given as a number, as an integral float (`151.0`) or as a string of either.
pub fn de_opt_u32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    struct V;
    impl<'de> de::Visitor<'de> for V {
        type Value = Option<u32>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a non-negative integer")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(V)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            u32::try_from(v)
                .map(Some)
                .map_err(|_| E::custom("整数超出范围"))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            u32::try_from(v)
                .map(Some)
                .map_err(|_| E::custom("整数超出范围"))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            if v.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&v) {
                Ok(Some(v as u32))
            } else {
                Err(E::custom("应为整数"))
            }
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            let v = v.trim();
            if let Ok(n) = v.parse::<u64>() {
                return self.visit_u64(n);
            }
            match v.parse::<f64>() {
                Ok(f) => self.visit_f64(f),
                Err(_) => Err(E::custom("应为整数")),
            }
        }
    }
    d.deserialize_option(V)
}

/// The trimmed search text of a list query, or a 400 when it is longer than `max` characters.
pub fn search_text(q: &Option<String>, max: usize) -> crate::error::AppResult<Option<&str>> {
    match q.as_deref().map(str::trim) {
        Some(t) if t.chars().count() > max => Err(crate::error::AppError::bad_request(format!(
            "查询关键字不能超过{max}个字"
        ))),
        Some(t) if !t.is_empty() => Ok(Some(t)),
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_integers_from_query_strings() {
        let p: PageParams = serde_urlencoded::from_str("page=151.0&per_page=20").unwrap();
        assert_eq!((p.page, p.per_page), (Some(151), Some(20)));
        assert!(serde_urlencoded::from_str::<PageParams>("page=1.5").is_err());
        assert!(serde_urlencoded::from_str::<PageParams>("page=-1").is_err());
        assert!(serde_urlencoded::from_str::<PageParams>("page=abc").is_err());
        let p: PageParams = serde_urlencoded::from_str("").unwrap();
        assert_eq!(p.resolve().unwrap(), (1, 20));
        let p: PageParams = serde_urlencoded::from_str("per_page=101").unwrap();
        assert!(p.resolve().is_err());
    }
}
