//! The declaration state machine, as far as the applicant's side goes: 草稿 draft →
//! 待单位审查 submitted → (撤回) draft again, while nobody has reviewed it. The review chain
//! (employer, competent departments, HRSS, committee) adds its states to this enum.
//!
//! | from      | edit (any wizard step) | submit    | withdraw | delete  |
//! |-----------|------------------------|-----------|----------|---------|
//! | draft     | draft                  | submitted | 409      | deleted |
//! | submitted | 409                    | 409       | draft    | 409     |
//!
//! Withdrawing keeps everything the applicant typed, uploaded and extracted; the declaration is
//! a draft again and can be edited and submitted anew. Deleting removes a draft with its
//! snapshots and attachments (their files stay, like every upload).
use sea_orm::{DeriveActiveEnum, EnumIter, sea_query::StringLen};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

// Stored as the snake_case name in `declarations.status`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
    EnumIter,
    DeriveActiveEnum,
)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
pub enum DeclarationStatus {
    /// 草稿（填写中）
    #[sea_orm(string_value = "draft")]
    Draft,
    /// 待单位审查
    #[sea_orm(string_value = "submitted")]
    Submitted,
}

/// What the applicant does to a declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclarationAction {
    Edit,
    Submit,
    Withdraw,
    Delete,
}

impl DeclarationStatus {
    pub const ALL: [DeclarationStatus; 2] =
        [DeclarationStatus::Draft, DeclarationStatus::Submitted];

    pub fn as_str(self) -> &'static str {
        match self {
            DeclarationStatus::Draft => "draft",
            DeclarationStatus::Submitted => "submitted",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DeclarationStatus::Draft => "草稿",
            DeclarationStatus::Submitted => "待单位审查",
        }
    }

    /// The state `action` leads to (`Delete` answers the state the row had when removed), or
    /// why it is refused from here.
    pub fn apply(self, action: DeclarationAction) -> Result<DeclarationStatus, &'static str> {
        use DeclarationAction::*;
        use DeclarationStatus::*;
        match (self, action) {
            (Draft, Edit) => Ok(Draft),
            (Draft, Submit) => Ok(Submitted),
            (Draft, Delete) => Ok(Draft),
            (Draft, Withdraw) => Err("该申报尚未提交，无需撤回"),
            (Submitted, Withdraw) => Ok(Draft),
            (Submitted, Edit) => Err("申报已提交，不能修改；如需修改请先撤回"),
            (Submitted, Submit) => Err("申报已提交，不能重复提交"),
            (Submitted, Delete) => Err("已提交的申报不能删除；可先撤回"),
        }
    }
}

/// What a line of the declaration's timeline records.
// Stored as the snake_case name in `declaration_events.action`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
    EnumIter,
    DeriveActiveEnum,
)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum EventAction {
    /// 开始申报
    #[sea_orm(string_value = "created")]
    Created,
    /// 签署真实性保证书
    #[sea_orm(string_value = "guarantee_signed")]
    GuaranteeSigned,
    /// 提交申报
    #[sea_orm(string_value = "submitted")]
    Submitted,
    /// 撤回申报
    #[sea_orm(string_value = "withdrawn")]
    Withdrawn,
}

impl EventAction {
    pub fn label(self) -> &'static str {
        match self {
            EventAction::Created => "开始申报",
            EventAction::GuaranteeSigned => "签署真实性保证书",
            EventAction::Submitted => "提交申报",
            EventAction::Withdrawn => "撤回申报",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{DeclarationAction::*, DeclarationStatus::*, *};

    #[test]
    fn every_transition() {
        let table = [
            (Draft, Edit, Some(Draft)),
            (Draft, Submit, Some(Submitted)),
            (Draft, Withdraw, None),
            (Draft, Delete, Some(Draft)),
            (Submitted, Edit, None),
            (Submitted, Submit, None),
            (Submitted, Withdraw, Some(Draft)),
            (Submitted, Delete, None),
        ];
        assert_eq!(table.len(), DeclarationStatus::ALL.len() * 4);
        for (from, action, to) in table {
            match (from.apply(action), to) {
                (Ok(got), Some(want)) => assert_eq!(got, want, "{from:?} {action:?}"),
                (Err(reason), None) => assert!(!reason.is_empty()),
                (got, want) => panic!("{from:?} {action:?}: {got:?}, expected {want:?}"),
            }
        }
    }

    #[test]
    fn stored_values_are_the_serde_names() {
        use sea_orm::{ActiveEnum, Iterable};
        assert_eq!(
            DeclarationStatus::iter().count(),
            DeclarationStatus::ALL.len()
        );
        for s in DeclarationStatus::ALL {
            assert_eq!(s.to_value(), s.as_str());
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
            assert!(!s.label().is_empty());
        }
        for a in EventAction::iter() {
            assert_eq!(serde_json::to_value(a).unwrap(), a.to_value());
            assert!(!a.label().is_empty());
        }
    }
}
