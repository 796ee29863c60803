use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use sea_orm::sea_query::StringLen;

use crate::{entities::org_unit, onboarding::status::UnitStatus};

/// Kinds of organisation unit.
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
    sea_orm::EnumIter,
    sea_orm::DeriveActiveEnum,
)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
pub enum OrgKind {
    /// 人力社保部门
    #[sea_orm(string_value = "hrss")]
    Hrss,
    /// 主管部门
    #[sea_orm(string_value = "competent")]
    Competent,
    /// 评审委员会
    #[sea_orm(string_value = "committee")]
    Committee,
    /// 用人单位
    #[sea_orm(string_value = "employer")]
    Employer,
}

impl OrgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Hrss => "hrss",
            OrgKind::Competent => "competent",
            OrgKind::Committee => "committee",
            OrgKind::Employer => "employer",
        }
    }
}

/// A short reference to an org unit.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OrgUnitRef {
    pub id: Uuid,
    #[schema(example = "宁波市水利局")]
    pub name: String,
    pub kind: OrgKind,
}

impl From<&org_unit::Model> for OrgUnitRef {
    fn from(m: &org_unit::Model) -> Self {
        Self {
            id: m.id,
            name: m.name.clone(),
            kind: m.kind,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OrgUnit {
    pub id: Uuid,
    #[schema(example = "宁波市人力资源和社会保障局")]
    pub name: String,
    pub kind: OrgKind,
    pub parent_id: Option<Uuid>,
    /// Only employers have one.
    pub credit_code: Option<String>,
    /// Depth in the tree, 0 for a root.
    pub level: i32,
    /// `active` for departments and committees; an employer's onboarding status otherwise.
    pub status: UnitStatus,
    pub created_at: DateTime<Utc>,
}

impl From<&org_unit::Model> for OrgUnit {
    fn from(m: &org_unit::Model) -> Self {
        Self {
            id: m.id,
            name: m.name.clone(),
            kind: m.kind,
            parent_id: m.parent_id,
            credit_code: m.credit_code.clone(),
            level: m.level,
            status: m.status,
            created_at: m.created_at,
        }
    }
}

/// Creates a department or committee unit. Employers register themselves.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[schema(example = json!({"name": "宁波市住房和城乡建设局", "kind": "competent", "parent_id": "0193a1f0-0000-7000-8000-000000000000"}))]
pub struct CreateOrgUnit {
    #[validate(length(min = 2, max = 200, message = "机构名称应为2到200个字符"))]
    #[schema(min_length = 2, max_length = 200)]
    pub name: String,
    pub kind: OrgKind,
    /// Required for every kind but a root HRSS department (the province).
    pub parent_id: Option<Uuid>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OrgUnitPage {
    pub items: Vec<OrgUnit>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrgUnitQuery {
    /// Fuzzy search on the unit name.
    #[param(max_length = 100)]
    pub q: Option<String>,
    pub kind: Option<OrgKind>,
    /// Only the direct children of this unit.
    pub parent_id: Option<Uuid>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Department {
    pub id: Uuid,
    pub name: String,
    pub kind: OrgKind,
    pub parent_name: Option<String>,
}

/// The kinds of department an employer can be registered with or affiliated to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DepartmentKind {
    /// 人力社保部门
    Hrss,
    /// 主管部门
    Competent,
}

impl From<DepartmentKind> for OrgKind {
    fn from(k: DepartmentKind) -> Self {
        match k {
            DepartmentKind::Hrss => OrgKind::Hrss,
            DepartmentKind::Competent => OrgKind::Competent,
        }
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DepartmentQuery {
    /// hrss or competent (both when absent)
    pub kind: Option<DepartmentKind>,
    #[param(max_length = 50)]
    pub q: Option<String>,
}
