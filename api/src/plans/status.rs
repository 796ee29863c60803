//! The plan state machine: 草稿 draft → 已发布 published → 已关闭 closed.
//!
//! | from      | edit                         | publish   | close    | delete  |
//! |-----------|------------------------------|-----------|----------|---------|
//! | draft     | any field → draft            | published | 409      | deleted |
//! | published | restricted (below) → published | 409     | closed   | 409     |
//! | closed    | 409                          | 409       | 409      | 409     |
//!
//! A published plan may already have applicants preparing declarations against it, so it only
//! takes changes that cannot invalidate them: the 评审计划说明 (`description`), a *later*
//! `closes_at`, and the wording of the attachment requirements (each item's `name`; the number
//! of items, whether each is required and its accepted types stay). Everything else — type,
//! series, level, specialties, affiliations, accepting units, opening time, qualification text,
//! eligibility rules, fee, year, name — is refused with 409 `plan_change_not_allowed`.
//! Closed is final.
use sea_orm::{DeriveActiveEnum, EnumIter, sea_query::StringLen};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

// Stored as the snake_case name in `plans.status`.
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
pub enum PlanStatus {
    /// 草稿
    #[sea_orm(string_value = "draft")]
    Draft,
    /// 已发布
    #[sea_orm(string_value = "published")]
    Published,
    /// 已关闭
    #[sea_orm(string_value = "closed")]
    Closed,
}

/// What the publisher does to a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanAction {
    Edit,
    Publish,
    Close,
    Delete,
}

impl PlanStatus {
    pub const ALL: [PlanStatus; 3] = [PlanStatus::Draft, PlanStatus::Published, PlanStatus::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            PlanStatus::Draft => "draft",
            PlanStatus::Published => "published",
            PlanStatus::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PlanStatus::Draft => "草稿",
            PlanStatus::Published => "已发布",
            PlanStatus::Closed => "已关闭",
        }
    }

    /// The state `action` leads to (`Delete` answers the state the row had when removed), or
    /// why it is refused from here. An edit of a published plan is further limited by
    /// `manage::published_change_refusal`.
    pub fn apply(self, action: PlanAction) -> Result<PlanStatus, String> {
        use PlanAction::*;
        use PlanStatus::*;
        match (self, action) {
            (Draft, Edit) => Ok(Draft),
            (Draft, Publish) => Ok(Published),
            (Draft, Delete) => Ok(Draft),
            (Draft, Close) => {
                Err("草稿状态的申报计划尚未发布，不能关闭；不再需要时可直接删除".into())
            }
            (Published, Edit) => Ok(Published),
            (Published, Close) => Ok(Closed),
            (Published, Publish) => Err("该申报计划已发布，不能重复发布".into()),
            (Published, Delete) => Err("已发布的申报计划不能删除，可关闭".into()),
            (Closed, Edit) => Err("已关闭的申报计划不能修改".into()),
            (Closed, Publish) => Err("已关闭的申报计划不能重新发布".into()),
            (Closed, Close) => Err("该申报计划已关闭，不能重复关闭".into()),
            (Closed, Delete) => Err("已关闭的申报计划不能删除".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{PlanAction::*, PlanStatus::*, *};

    #[test]
    fn every_transition() {
        let table = [
            (Draft, Edit, Some(Draft)),
            (Draft, Publish, Some(Published)),
            (Draft, Close, None),
            (Draft, Delete, Some(Draft)),
            (Published, Edit, Some(Published)),
            (Published, Publish, None),
            (Published, Close, Some(Closed)),
            (Published, Delete, None),
            (Closed, Edit, None),
            (Closed, Publish, None),
            (Closed, Close, None),
            (Closed, Delete, None),
        ];
        assert_eq!(table.len(), PlanStatus::ALL.len() * 4);
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
        assert_eq!(PlanStatus::iter().count(), PlanStatus::ALL.len());
        for s in PlanStatus::ALL {
            assert_eq!(s.to_value(), s.as_str());
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
            assert!(!s.label().is_empty());
        }
    }
}
