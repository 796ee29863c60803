use sea_orm::{DeriveActiveEnum, EnumIter, sea_query::StringLen};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Account roles. Staff roles (competent, hrss, committee_office, expert, admin) log in
/// with `account_kind = staff`.
#[derive(
    Clone,
    Copy,
    Debug,
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
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(30))")]
pub enum Role {
    /// 个人
    #[sea_orm(string_value = "individual")]
    Individual,
    /// 用人单位
    #[sea_orm(string_value = "employer")]
    Employer,
    /// 主管部门
    #[sea_orm(string_value = "competent")]
    Competent,
    /// 人力社保部门
    #[sea_orm(string_value = "hrss")]
    Hrss,
    /// 评委会办公室
    #[sea_orm(string_value = "committee_office")]
    CommitteeOffice,
    /// 评委（专家）
    #[sea_orm(string_value = "expert")]
    Expert,
    /// 系统管理员
    #[sea_orm(string_value = "admin")]
    Admin,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Individual,
        Role::Employer,
        Role::Competent,
        Role::Hrss,
        Role::CommitteeOffice,
        Role::Expert,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Individual => "individual",
            Role::Employer => "employer",
            Role::Competent => "competent",
            Role::Hrss => "hrss",
            Role::CommitteeOffice => "committee_office",
            Role::Expert => "expert",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Individual | Role::Employer)
    }

    /// The org-unit kind a staff account of this role must belong to.
    pub fn staff_unit_kind(self) -> Option<&'static str> {
        match self {
            Role::Competent => Some("competent"),
            Role::Hrss => Some("hrss"),
            Role::CommitteeOffice | Role::Expert => Some("committee"),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
        }
        assert_eq!(Role::parse("root"), None);
        assert!(Role::Admin.is_staff() && !Role::Employer.is_staff());
    }
}
