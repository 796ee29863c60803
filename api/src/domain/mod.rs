//! Domain newtypes that parse instead of validate: a value of one of these types
//! can only exist when it is well-formed.
mod credit_code;
mod id_number;
mod mask;
mod simple;

pub use credit_code::CreditCode;
pub use id_number::{Gender, IdNumber};
pub use mask::{mask_id_number, mask_phone};
pub use simple::{LoginName, Password, Phone};

/// China Standard Time (UTC+8): the dates people see and the "today" of deadlines.
pub fn china_tz() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(8 * 3600).expect("valid offset")
}
