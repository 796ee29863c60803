//! The record review state machine: 待审核 → 通过 / 不通过 / 退回; the owner edits pending
//! and returned records (saving resubmits), deletes pending and rejected ones, and never
//! touches approved ones.
use sea_orm::{DeriveActiveEnum, EnumIter, sea_query::StringLen};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

// Stored as the snake_case name in `archive_records.status` and
// `archive_review_logs.from_status` / `to_status`.
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
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum RecordStatus {
    /// 待审核
    #[sea_orm(string_value = "pending")]
    Pending,
    /// 通过
    #[sea_orm(string_value = "approved")]
    Approved,
    /// 不通过
    #[sea_orm(string_value = "rejected")]
    Rejected,
    /// 退回
    #[sea_orm(string_value = "returned")]
    Returned,
}

/// What a line of the 审核日志 records.
// Stored as the snake_case name in `archive_review_logs.action`.
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
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
pub enum ReviewAction {
    /// 提交
    #[sea_orm(string_value = "submit")]
    Submit,
    /// 修改后重新提交
    #[sea_orm(string_value = "resubmit")]
    Resubmit,
    /// 通过
    #[sea_orm(string_value = "approve")]
    Approve,
    /// 不通过
    #[sea_orm(string_value = "reject")]
    Reject,
    /// 退回
    #[sea_orm(string_value = "return")]
    Return,
    /// 随工作单位变更转入新单位
    #[sea_orm(string_value = "move")]
    Move,
}

impl ReviewAction {
    pub const ALL: [ReviewAction; 6] = [
        ReviewAction::Submit,
        ReviewAction::Resubmit,
        ReviewAction::Approve,
        ReviewAction::Reject,
        ReviewAction::Return,
        ReviewAction::Move,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ReviewAction::Submit => "提交",
            ReviewAction::Resubmit => "修改后重新提交",
            ReviewAction::Approve => "通过",
            ReviewAction::Reject => "不通过",
            ReviewAction::Return => "退回",
            ReviewAction::Move => "随工作单位变更转入新单位",
        }
    }
}

/// A reviewer's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// 通过
    Approve,
    /// 不通过（须填写意见）
    Reject,
    /// 退回修改（须填写意见）
    Return,
}

impl RecordStatus {
    pub const ALL: [RecordStatus; 4] = [
        RecordStatus::Pending,
        RecordStatus::Approved,
        RecordStatus::Rejected,
        RecordStatus::Returned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecordStatus::Pending => "pending",
            RecordStatus::Approved => "approved",
            RecordStatus::Rejected => "rejected",
            RecordStatus::Returned => "returned",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            RecordStatus::Pending => "待审核",
            RecordStatus::Approved => "通过",
            RecordStatus::Rejected => "不通过",
            RecordStatus::Returned => "退回",
        }
    }

    /// Why the owner may not edit a record in this state, if not.
    pub fn edit_refusal(self) -> Option<&'static str> {
        match self {
            RecordStatus::Pending | RecordStatus::Returned => None,
            RecordStatus::Approved => Some("已通过审核的业绩已锁定，不能修改"),
            RecordStatus::Rejected => Some("未通过审核的业绩不能修改，可删除后重新添加"),
        }
    }

    /// Why the owner may not delete a record in this state, if not.
    pub fn delete_refusal(self) -> Option<&'static str> {
        match self {
            RecordStatus::Pending | RecordStatus::Rejected => None,
            RecordStatus::Approved => Some("已通过审核的业绩不能删除"),
            RecordStatus::Returned => Some("被退回的业绩请修改后重新提交，不能删除"),
        }
    }

    /// The state a decision leads to, or why it is not allowed from here.
    pub fn decide(self, d: Decision) -> Result<RecordStatus, String> {
        match self {
            RecordStatus::Pending => Ok(match d {
                Decision::Approve => RecordStatus::Approved,
                Decision::Reject => RecordStatus::Rejected,
                Decision::Return => RecordStatus::Returned,
            }),
            other => Err(format!(
                "该记录已审核（当前状态：{}），不能重复审核",
                other.label()
            )),
        }
    }
}

impl Decision {
    pub fn needs_comment(self) -> bool {
        !matches!(self, Decision::Approve)
    }
    /// The log line a decision writes.
    pub fn action(self) -> ReviewAction {
        match self {
            Decision::Approve => ReviewAction::Approve,
            Decision::Reject => ReviewAction::Reject,
            Decision::Return => ReviewAction::Return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Decision::*, RecordStatus::*, *};

    #[test]
    fn only_pending_records_are_decided() {
        assert_eq!(Pending.decide(Approve), Ok(Approved));
        assert_eq!(Pending.decide(Reject), Ok(Rejected));
        assert_eq!(Pending.decide(Return), Ok(Returned));
        for s in [Approved, Rejected, Returned] {
            for d in [Approve, Reject, Return] {
                assert!(s.decide(d).is_err(), "{s:?} {d:?}");
            }
        }
    }

    #[test]
    fn owner_edit_and_delete_rules() {
        assert!(Pending.edit_refusal().is_none() && Returned.edit_refusal().is_none());
        assert!(Approved.edit_refusal().is_some() && Rejected.edit_refusal().is_some());
        assert!(Pending.delete_refusal().is_none() && Rejected.delete_refusal().is_none());
        assert!(Approved.delete_refusal().is_some() && Returned.delete_refusal().is_some());
        assert!(Reject.needs_comment() && Return.needs_comment() && !Approve.needs_comment());
        for s in RecordStatus::ALL {
            assert_eq!(RecordStatus::parse(s.as_str()), Some(s));
        }
    }

    /// The stored values are the API values, and they did not change when the columns became
    /// typed (no data migration).
    #[test]
    fn stored_values_are_the_serde_names() {
        use sea_orm::{ActiveEnum, Iterable};
        assert_eq!(RecordStatus::iter().count(), RecordStatus::ALL.len());
        for s in RecordStatus::ALL {
            assert_eq!(s.to_value(), s.as_str());
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        let stored: Vec<String> = ReviewAction::iter().map(|a| a.to_value()).collect();
        assert_eq!(
            stored,
            ["submit", "resubmit", "approve", "reject", "return", "move"]
        );
        assert_eq!(ReviewAction::ALL.len(), stored.len());
        for a in ReviewAction::ALL {
            assert_eq!(serde_json::to_value(a).unwrap(), a.to_value());
        }
        for d in [Approve, Reject, Return] {
            assert_eq!(d.action().to_value(), serde_json::to_value(d).unwrap());
        }
    }
}
