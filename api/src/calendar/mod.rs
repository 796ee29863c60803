//! 工作日日历: China's official public holidays and make-up working days (调休), so periods
//! such as the 公示 (at least 5 working days) are counted in working days.
//!
//! [`workdays`] is the pure calendar (shipped schedule plus overrides, never a guess).
pub mod workdays;
