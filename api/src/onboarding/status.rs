//! The status of an org unit (`org_units.status`): the employer onboarding state machine, and
//! what each state allows. Departments and committees are created `active` and stay so.
//!
//! | from | event | to |
//! |---|---|---|
//! | pending_registration | registration approved | pending_authorisation |
//! | pending_registration | registration rejected | registration_rejected |
//! | pending_authorisation, authorisation_rejected | authorisation submitted | authorisation_submitted |
//! | authorisation_submitted | authorisation approved | active |
//! | authorisation_submitted | authorisation rejected | authorisation_rejected |
//!
//! Every other pair is refused with a reason. A unit registered with a credit code starts at
//! `pending_authorisation`, one without at `pending_registration` (manual approval first).
//! A rejected registration is final for that unit: the employer registers again.
use actix_web::http::StatusCode;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{AppError, ErrorCode};

/// Where an org unit stands: an employer's onboarding status; departments and committees are
/// `active`.
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
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(30))")]
pub enum UnitStatus {
    /// 注册信息待人社部门人工审核（无统一社会信用代码的单位）
    #[sea_orm(string_value = "pending_registration")]
    PendingRegistration,
    /// 注册信息未通过审核
    #[sea_orm(string_value = "registration_rejected")]
    RegistrationRejected,
    /// 待提交授权委托证明
    #[sea_orm(string_value = "pending_authorisation")]
    PendingAuthorisation,
    /// 授权委托证明已提交，待审核
    #[sea_orm(string_value = "authorisation_submitted")]
    AuthorisationSubmitted,
    /// 授权委托证明未通过审核（可重新提交）
    #[sea_orm(string_value = "authorisation_rejected")]
    AuthorisationRejected,
    /// 正常（部门、评委会，及授权审核通过的用人单位）
    #[sea_orm(string_value = "active")]
    Active,
}

/// What happens to a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitEvent {
    RegistrationApproved,
    RegistrationRejected,
    /// The employer submits its authorisation proof (again, after a rejection).
    AuthorisationSubmitted,
    AuthorisationApproved,
    AuthorisationRejected,
}

/// Why something is not allowed in a state: the HTTP status, the stable code and a Chinese
/// reason for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    pub status: StatusCode,
    pub code: ErrorCode,
    pub reason: &'static str,
}

impl Refusal {
    const fn forbidden(code: ErrorCode, reason: &'static str) -> Self {
        Self {
            status: StatusCode::FORBIDDEN,
            code,
            reason,
        }
    }
    const fn conflict(code: ErrorCode, reason: &'static str) -> Self {
        Self {
            status: StatusCode::CONFLICT,
            code,
            reason,
        }
    }
}

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> Self {
        AppError::new(r.status, r.code, r.reason)
    }
}

const REGISTRATION_PENDING: Refusal = Refusal::forbidden(
    ErrorCode::RegistrationPending,
    "单位注册信息正在由人社部门人工审核，审核通过后将以短信通知，届时方可登录",
);
const REGISTRATION_REJECTED: Refusal = Refusal::forbidden(
    ErrorCode::RegistrationRejected,
    "单位注册信息未通过人工审核，请按短信中的意见重新注册",
);
const ALREADY_SUBMITTED: Refusal = Refusal::conflict(
    ErrorCode::AlreadySubmitted,
    "授权委托证明已提交，正在等待人社部门审核",
);
const ALREADY_APPROVED: Refusal =
    Refusal::conflict(ErrorCode::AlreadyApproved, "本单位的授权委托证明已审核通过");
const REGISTRATION_DECIDED: Refusal = Refusal::conflict(
    ErrorCode::AlreadyDecided,
    "该单位的注册信息已审核，不能重复审核",
);
const NO_PROOF_PENDING: Refusal =
    Refusal::conflict(ErrorCode::AlreadyDecided, "该单位没有待审核的授权委托证明");
const NOT_AUTHORISED: Refusal = Refusal::forbidden(
    ErrorCode::AuthorisationRequired,
    "本单位的授权委托证明尚未审核通过，暂不能审核",
);

impl UnitStatus {
    pub const ALL: [UnitStatus; 6] = [
        UnitStatus::PendingRegistration,
        UnitStatus::RegistrationRejected,
        UnitStatus::PendingAuthorisation,
        UnitStatus::AuthorisationSubmitted,
        UnitStatus::AuthorisationRejected,
        UnitStatus::Active,
    ];

    /// Where a newly registered employer starts.
    pub fn registered(with_credit_code: bool) -> Self {
        if with_credit_code {
            UnitStatus::PendingAuthorisation
        } else {
            UnitStatus::PendingRegistration
        }
    }

    /// The state `event` leads to, or why it is not allowed from here.
    pub fn next(self, event: UnitEvent) -> Result<UnitStatus, Refusal> {
        use UnitEvent as E;
        use UnitStatus as S;
        match (self, event) {
            (S::PendingRegistration, E::RegistrationApproved) => Ok(S::PendingAuthorisation),
            (S::PendingRegistration, E::RegistrationRejected) => Ok(S::RegistrationRejected),
            (_, E::RegistrationApproved | E::RegistrationRejected) => Err(REGISTRATION_DECIDED),

            (S::PendingAuthorisation | S::AuthorisationRejected, E::AuthorisationSubmitted) => {
                Ok(S::AuthorisationSubmitted)
            }
            (S::AuthorisationSubmitted, E::AuthorisationSubmitted) => Err(ALREADY_SUBMITTED),
            (S::Active, E::AuthorisationSubmitted) => Err(ALREADY_APPROVED),
            (S::PendingRegistration, E::AuthorisationSubmitted) => Err(REGISTRATION_PENDING),
            (S::RegistrationRejected, E::AuthorisationSubmitted) => Err(REGISTRATION_REJECTED),

            (S::AuthorisationSubmitted, E::AuthorisationApproved) => Ok(S::Active),
            (S::AuthorisationSubmitted, E::AuthorisationRejected) => Ok(S::AuthorisationRejected),
            (_, E::AuthorisationApproved | E::AuthorisationRejected) => Err(NO_PROOF_PENDING),
        }
    }

    /// Why the unit's employer account may not log in, if not. Until its registration is
    /// approved it can do nothing; afterwards it logs in to submit the authorisation proof.
    pub fn login_refusal(self) -> Option<Refusal> {
        match self {
            UnitStatus::PendingRegistration => Some(REGISTRATION_PENDING),
            UnitStatus::RegistrationRejected => Some(REGISTRATION_REJECTED),
            UnitStatus::PendingAuthorisation
            | UnitStatus::AuthorisationSubmitted
            | UnitStatus::AuthorisationRejected
            | UnitStatus::Active => None,
        }
    }

    /// Whether individuals can find the unit and bind it as their employer.
    pub fn can_be_found(self) -> bool {
        self == UnitStatus::Active
    }

    /// The states in which individuals can find a unit (for queries).
    pub fn findable() -> Vec<UnitStatus> {
        Self::ALL.into_iter().filter(|s| s.can_be_found()).collect()
    }

    /// Why the unit may not review its staff's archive records, if not.
    pub fn review_refusal(self) -> Option<Refusal> {
        match self {
            UnitStatus::Active => None,
            UnitStatus::PendingRegistration
            | UnitStatus::RegistrationRejected
            | UnitStatus::PendingAuthorisation
            | UnitStatus::AuthorisationSubmitted
            | UnitStatus::AuthorisationRejected => Some(NOT_AUTHORISED),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{UnitEvent::*, UnitStatus::*, *};

    const EVENTS: [UnitEvent; 5] = [
        RegistrationApproved,
        UnitEvent::RegistrationRejected,
        UnitEvent::AuthorisationSubmitted,
        AuthorisationApproved,
        UnitEvent::AuthorisationRejected,
    ];

    /// Every (from, event) pair: the allowed ones lead where the table says, the rest are
    /// refused with the code the API answers.
    #[test]
    fn every_transition() {
        use ErrorCode as C;
        #[rustfmt::skip]
        let expected: &[(UnitStatus, UnitEvent, Result<UnitStatus, ErrorCode>)] = &[
            (PendingRegistration, RegistrationApproved, Ok(PendingAuthorisation)),
            (PendingRegistration, UnitEvent::RegistrationRejected, Ok(UnitStatus::RegistrationRejected)),
            (PendingRegistration, UnitEvent::AuthorisationSubmitted, Err(C::RegistrationPending)),
            (PendingRegistration, AuthorisationApproved, Err(C::AlreadyDecided)),
            (PendingRegistration, UnitEvent::AuthorisationRejected, Err(C::AlreadyDecided)),
            (UnitStatus::RegistrationRejected, RegistrationApproved, Err(C::AlreadyDecided)),
            (UnitStatus::RegistrationRejected, UnitEvent::RegistrationRejected, Err(C::AlreadyDecided)),
            (UnitStatus::RegistrationRejected, UnitEvent::AuthorisationSubmitted, Err(C::RegistrationRejected)),
            (UnitStatus::RegistrationRejected, AuthorisationApproved, Err(C::AlreadyDecided)),
            (UnitStatus::RegistrationRejected, UnitEvent::AuthorisationRejected, Err(C::AlreadyDecided)),
            (PendingAuthorisation, RegistrationApproved, Err(C::AlreadyDecided)),
            (PendingAuthorisation, UnitEvent::RegistrationRejected, Err(C::AlreadyDecided)),
            (PendingAuthorisation, UnitEvent::AuthorisationSubmitted, Ok(UnitStatus::AuthorisationSubmitted)),
            (PendingAuthorisation, AuthorisationApproved, Err(C::AlreadyDecided)),
            (PendingAuthorisation, UnitEvent::AuthorisationRejected, Err(C::AlreadyDecided)),
            (UnitStatus::AuthorisationSubmitted, RegistrationApproved, Err(C::AlreadyDecided)),
            (UnitStatus::AuthorisationSubmitted, UnitEvent::RegistrationRejected, Err(C::AlreadyDecided)),
            (UnitStatus::AuthorisationSubmitted, UnitEvent::AuthorisationSubmitted, Err(C::AlreadySubmitted)),
            (UnitStatus::AuthorisationSubmitted, AuthorisationApproved, Ok(Active)),
            (UnitStatus::AuthorisationSubmitted, UnitEvent::AuthorisationRejected, Ok(UnitStatus::AuthorisationRejected)),
            (UnitStatus::AuthorisationRejected, RegistrationApproved, Err(C::AlreadyDecided)),
            (UnitStatus::AuthorisationRejected, UnitEvent::RegistrationRejected, Err(C::AlreadyDecided)),
            (UnitStatus::AuthorisationRejected, UnitEvent::AuthorisationSubmitted, Ok(UnitStatus::AuthorisationSubmitted)),
            (UnitStatus::AuthorisationRejected, AuthorisationApproved, Err(C::AlreadyDecided)),
            (UnitStatus::AuthorisationRejected, UnitEvent::AuthorisationRejected, Err(C::AlreadyDecided)),
            (Active, RegistrationApproved, Err(C::AlreadyDecided)),
            (Active, UnitEvent::RegistrationRejected, Err(C::AlreadyDecided)),
            (Active, UnitEvent::AuthorisationSubmitted, Err(C::AlreadyApproved)),
            (Active, AuthorisationApproved, Err(C::AlreadyDecided)),
            (Active, UnitEvent::AuthorisationRejected, Err(C::AlreadyDecided)),
        ];
        assert_eq!(expected.len(), UnitStatus::ALL.len() * EVENTS.len());
        for from in UnitStatus::ALL {
            for event in EVENTS {
                let want = expected
                    .iter()
                    .find(|(f, e, _)| *f == from && *e == event)
                    .unwrap_or_else(|| panic!("{from:?} {event:?} missing from the table"))
                    .2;
                let got = from.next(event);
                assert_eq!(got.map_err(|r| r.code), want, "{from:?} {event:?}");
                if let Err(r) = got {
                    assert!(!r.reason.is_empty());
                    let status =
                        if matches!(r.code, C::RegistrationPending | C::RegistrationRejected) {
                            StatusCode::FORBIDDEN
                        } else {
                            StatusCode::CONFLICT
                        };
                    assert_eq!(r.status, status, "{from:?} {event:?}");
                }
            }
        }
    }

    #[test]
    fn new_units_start_where_their_registration_puts_them() {
        assert_eq!(UnitStatus::registered(true), PendingAuthorisation);
        assert_eq!(UnitStatus::registered(false), PendingRegistration);
    }

    #[test]
    fn what_each_state_allows() {
        // (state, may log in, can be found by individuals, may review archives)
        let table = [
            (PendingRegistration, false, false, false),
            (UnitStatus::RegistrationRejected, false, false, false),
            (PendingAuthorisation, true, false, false),
            (UnitStatus::AuthorisationSubmitted, true, false, false),
            (UnitStatus::AuthorisationRejected, true, false, false),
            (Active, true, true, true),
        ];
        assert_eq!(table.len(), UnitStatus::ALL.len());
        for (s, login, found, review) in table {
            assert_eq!(s.login_refusal().is_none(), login, "{s:?}");
            assert_eq!(s.can_be_found(), found, "{s:?}");
            assert_eq!(s.review_refusal().is_none(), review, "{s:?}");
        }
        assert_eq!(
            PendingRegistration.login_refusal().unwrap().code.as_str(),
            "registration_pending"
        );
        assert_eq!(
            UnitStatus::RegistrationRejected
                .login_refusal()
                .unwrap()
                .code
                .as_str(),
            "registration_rejected"
        );
        assert_eq!(
            PendingAuthorisation.review_refusal().unwrap().code,
            ErrorCode::AuthorisationRequired
        );
        assert_eq!(UnitStatus::findable(), vec![Active]);
    }

    #[test]
    fn stored_values_are_unchanged() {
        use sea_orm::ActiveEnum;
        let stored: Vec<String> = UnitStatus::ALL.iter().map(|s| s.to_value()).collect();
        assert_eq!(
            stored,
            [
                "pending_registration",
                "registration_rejected",
                "pending_authorisation",
                "authorisation_submitted",
                "authorisation_rejected",
                "active"
            ]
        );
        for s in UnitStatus::ALL {
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::Value::String(s.to_value())
            );
        }
    }
}
