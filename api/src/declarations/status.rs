//! The declaration state machine: the applicant's side (草稿 → 提交 → 撤回) and the review
//! chain (the employer's 资格审查, competent and HRSS departments at any depth, the committee
//! office's 受理, or for 认定/初定 the accepting HRSS department's approval). The unit holding
//! a declaration is `holder_id`; a pass at the last unit is `Accept` (评审) or `Approve`
//! (认定/初定), decided by the chain (`review::route`), not by the caller.
//!
//! | from      | edit     | submit    | withdraw | delete  | pass   | fail   | return   | recommend | accept   | approve  |
//! |-----------|----------|-----------|----------|---------|--------|--------|----------|-----------|----------|----------|
//! | draft     | draft    | submitted | –        | deleted | –      | –      | –        | –         | –        | –        |
//! | returned  | returned | submitted | –        | –       | –      | –      | –        | –         | –        | –        |
//! | submitted | –        | –         | draft    | –       | passed | failed | returned | –         | –        | –        |
//! | in_review | –        | –         | –        | –       | passed | failed | returned | –         | accepted | approved |
//! | passed    | –        | –         | –        | –       | –      | failed | returned | in_review | –        | –        |
//! | failed, accepted, approved: final, every action refused                                                      |
//!
//! Withdrawing keeps everything the applicant typed, uploaded and extracted, and so does a
//! return: the applicant edits what the reviewer named and submits again, to the employer. A
//! unit that has passed a declaration may still fail or return it until it recommends it.
//! A resubmission withdrawn before the employer decides goes back to returned, not to draft
//! (`declarations::withdraw`): it has been through review and is never deleted.
//! Deleting removes a draft with its snapshots and attachments (their files stay).
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
    /// 已退回修改（回到申报人）
    #[sea_orm(string_value = "returned")]
    Returned,
    /// 主管部门、人社部门或评委会办公室审查中
    #[sea_orm(string_value = "in_review")]
    InReview,
    /// 审查通过，待推荐
    #[sea_orm(string_value = "passed")]
    Passed,
    /// 审查不通过
    #[sea_orm(string_value = "failed")]
    Failed,
    /// 评委会已受理
    #[sea_orm(string_value = "accepted")]
    Accepted,
    /// 认定通过（认定、初定）
    #[sea_orm(string_value = "approved")]
    Approved,
}

/// What the applicant, or a reviewer, does to a declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclarationAction {
    Edit,
    Submit,
    Withdraw,
    Delete,
    Pass,
    Fail,
    Return,
    Recommend,
    Accept,
    Approve,
}

impl DeclarationAction {
    pub const ALL: [DeclarationAction; 10] = [
        DeclarationAction::Edit,
        DeclarationAction::Submit,
        DeclarationAction::Withdraw,
        DeclarationAction::Delete,
        DeclarationAction::Pass,
        DeclarationAction::Fail,
        DeclarationAction::Return,
        DeclarationAction::Recommend,
        DeclarationAction::Accept,
        DeclarationAction::Approve,
    ];
}

impl DeclarationStatus {
    pub const ALL: [DeclarationStatus; 8] = [
        DeclarationStatus::Draft,
        DeclarationStatus::Submitted,
        DeclarationStatus::Returned,
        DeclarationStatus::InReview,
        DeclarationStatus::Passed,
        DeclarationStatus::Failed,
        DeclarationStatus::Accepted,
        DeclarationStatus::Approved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DeclarationStatus::Draft => "draft",
            DeclarationStatus::Submitted => "submitted",
            DeclarationStatus::Returned => "returned",
            DeclarationStatus::InReview => "in_review",
            DeclarationStatus::Passed => "passed",
            DeclarationStatus::Failed => "failed",
            DeclarationStatus::Accepted => "accepted",
            DeclarationStatus::Approved => "approved",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DeclarationStatus::Draft => "草稿",
            DeclarationStatus::Submitted => "待单位审查",
            DeclarationStatus::Returned => "退回修改",
            DeclarationStatus::InReview => "审查中",
            DeclarationStatus::Passed => "审查通过，待推荐",
            DeclarationStatus::Failed => "审查不通过",
            DeclarationStatus::Accepted => "评委会已受理",
            DeclarationStatus::Approved => "认定通过",
        }
    }

    /// Whether the applicant is editing it (a draft, or returned for changes): the wizard's
    /// state is live, not the copy taken at submission.
    pub fn is_editable(self) -> bool {
        matches!(self, DeclarationStatus::Draft | DeclarationStatus::Returned)
    }

    /// Whether a reviewer holds it, waiting for a decision (待审查 at the holder).
    pub fn is_pending_review(self) -> bool {
        matches!(
            self,
            DeclarationStatus::Submitted | DeclarationStatus::InReview
        )
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
            (Returned, Edit) => Ok(Returned),
            (Returned, Submit) => Ok(Submitted),
            (Returned, Withdraw) => Err("申报已退回到您这里，修改后可重新提交"),
            (Returned, Delete) => Err("已进入审查流程的申报不能删除"),
            (Submitted, Withdraw) => Ok(Draft),
            (Submitted, Edit) => Err("申报已提交，不能修改；如需修改请先撤回"),
            (Submitted, Submit) => Err("申报已提交，不能重复提交"),
            (Submitted, Delete) => Err("已提交的申报不能删除；可先撤回"),
            (Submitted | InReview, Pass) => Ok(Passed),
            (Submitted | InReview | Passed, Fail) => Ok(Failed),
            (Submitted | InReview | Passed, Return) => Ok(Returned),
            (InReview, Accept) => Ok(Accepted),
            (InReview, Approve) => Ok(Approved),
            (Passed, Recommend) => Ok(InReview),
            (Draft | Returned, Pass | Fail | Return | Recommend | Accept | Approve) => {
                Err("申报尚未提交审查")
            }
            (Submitted, Recommend) => Err("须先审查通过，才能推荐"),
            (Submitted, Accept | Approve) => Err("须经各级审查推荐后才能受理"),
            (InReview, Recommend) => Err("须先审查通过，才能推荐"),
            (InReview | Passed, Edit | Submit | Delete) => {
                Err("申报正在审查中，不能修改；如需修改请等待退回")
            }
            (InReview | Passed, Withdraw) => Err("申报已进入审查，不能撤回"),
            (Passed, Pass | Accept | Approve) => Err("该申报已审查通过，请勿重复操作"),
            (Failed | Accepted | Approved, _) => Err("申报审查已结束，不能再操作"),
        }
    }
}

/// Where a declaration stands at one unit that has handled it (`declaration_reviews.state`):
/// the unit's tabs 待审查 · 审查通过 · 审查不通过 count these.
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
pub enum ReviewState {
    /// 待审查
    #[sea_orm(string_value = "pending")]
    Pending,
    /// 审查通过，待推荐
    #[sea_orm(string_value = "passed")]
    Passed,
    /// 审查通过，已推荐上一级
    #[sea_orm(string_value = "recommended")]
    Recommended,
    /// 已受理（评委会办公室）或认定通过（受理部门）：链条的最后一级
    #[sea_orm(string_value = "accepted")]
    Accepted,
    /// 审查不通过
    #[sea_orm(string_value = "failed")]
    Failed,
    /// 已退回申报人（不计入“全部”；退回记录另列）
    #[sea_orm(string_value = "returned")]
    Returned,
}

impl ReviewState {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::Pending => "pending",
            ReviewState::Passed => "passed",
            ReviewState::Recommended => "recommended",
            ReviewState::Accepted => "accepted",
            ReviewState::Failed => "failed",
            ReviewState::Returned => "returned",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReviewState::Pending => "待审查",
            ReviewState::Passed => "审查通过",
            ReviewState::Recommended => "已推荐",
            ReviewState::Accepted => "已受理",
            ReviewState::Failed => "审查不通过",
            ReviewState::Returned => "已退回",
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
    /// 审查通过
    #[sea_orm(string_value = "passed")]
    Passed,
    /// 审查不通过
    #[sea_orm(string_value = "failed")]
    Failed,
    /// 退回修改
    #[sea_orm(string_value = "returned")]
    Returned,
    /// 推荐上一级（资格审查推荐 / 审核推荐）
    #[sea_orm(string_value = "recommended")]
    Recommended,
    /// 评委会受理
    #[sea_orm(string_value = "accepted")]
    Accepted,
    /// 认定通过
    #[sea_orm(string_value = "approved")]
    Approved,
    /// 录入公示情况
    #[sea_orm(string_value = "publicity_recorded")]
    PublicityRecorded,
}

impl EventAction {
    pub fn label(self) -> &'static str {
        match self {
            EventAction::Created => "开始申报",
            EventAction::GuaranteeSigned => "签署真实性保证书",
            EventAction::Submitted => "提交申报",
            EventAction::Withdrawn => "撤回申报",
            EventAction::Passed => "审查通过",
            EventAction::Failed => "审查不通过",
            EventAction::Returned => "退回修改",
            EventAction::Recommended => "推荐上一级",
            EventAction::Accepted => "评委会受理",
            EventAction::Approved => "认定通过",
            EventAction::PublicityRecorded => "录入公示情况",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{DeclarationStatus::*, *};

    #[test]
    fn every_transition() {
        use DeclarationAction as A;
        // (from, action, to): every pair not listed is refused
        let allowed = [
            (Draft, A::Edit, Draft),
            (Draft, A::Submit, Submitted),
            (Draft, A::Delete, Draft),
            (Returned, A::Edit, Returned),
            (Returned, A::Submit, Submitted),
            (Submitted, A::Withdraw, Draft),
            (Submitted, A::Pass, Passed),
            (Submitted, A::Fail, Failed),
            (Submitted, A::Return, Returned),
            (InReview, A::Pass, Passed),
            (InReview, A::Fail, Failed),
            (InReview, A::Return, Returned),
            (InReview, A::Accept, Accepted),
            (InReview, A::Approve, Approved),
            (Passed, A::Fail, Failed),
            (Passed, A::Return, Returned),
            (Passed, A::Recommend, InReview),
        ];
        let mut refused = 0;
        for from in DeclarationStatus::ALL {
            for action in DeclarationAction::ALL {
                let want = allowed
                    .iter()
                    .find(|(f, a, _)| *f == from && *a == action)
                    .map(|(_, _, to)| *to);
                match (from.apply(action), want) {
                    (Ok(got), Some(want)) => assert_eq!(got, want, "{from:?} {action:?}"),
                    (Err(reason), None) => {
                        assert!(!reason.is_empty());
                        refused += 1;
                    }
                    (got, want) => panic!("{from:?} {action:?}: {got:?}, expected {want:?}"),
                }
            }
        }
        assert_eq!(refused + allowed.len(), 8 * 10);
    }

    #[test]
    fn final_states_refuse_everything() {
        for from in [Failed, Accepted, Approved] {
            for action in DeclarationAction::ALL {
                assert!(from.apply(action).is_err(), "{from:?} {action:?}");
            }
        }
    }

    #[test]
    fn editable_and_pending() {
        let editable: Vec<_> = DeclarationStatus::ALL
            .into_iter()
            .filter(|s| s.is_editable())
            .collect();
        assert_eq!(editable, [Draft, Returned]);
        for s in DeclarationStatus::ALL {
            // what can be edited can be submitted, and nothing else can
            assert_eq!(s.is_editable(), s.apply(DeclarationAction::Submit).is_ok());
            // what is pending at a unit can be passed, failed and returned
            if s.is_pending_review() {
                assert!(s.apply(DeclarationAction::Pass).is_ok());
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
        for s in ReviewState::iter() {
            assert_eq!(s.to_value(), s.as_str());
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        for a in EventAction::iter() {
            assert_eq!(serde_json::to_value(a).unwrap(), a.to_value());
            assert!(!a.label().is_empty());
        }
    }
}
