use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Account roles. Staff roles (competent, hrss, committee_office, expert, admin) log in
/// with `account_kind = staff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 个人
    Individual,
    /// 用人单位
    Employer,
    /// 主管部门
    Competent,
    /// 人力社保部门
    Hrss,
    /// 评委会办公室
    CommitteeOffice,
    /// 评委（专家）
    Expert,
    /// 系统管理员
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
