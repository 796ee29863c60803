//! The employer's authorisation proof 授权委托证明: its state as the employer sees it, the
//! 《用人单位委托证明》 template's fields, and the submission (again after a rejection).
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use super::{
    ApplicationKind, ApplicationStatus, AuthorisationState, AuthorisationStatus, UnitEvent,
    UnitStatus, discard_on_error,
    employer_info::{employer_of, login_of},
};
use crate::{
    auth::AuthUser,
    db::WriteTxn,
    documents::{
        files::{self, UploadForm},
        sniff::FileKind,
        storage::Storage,
    },
    domain::mask_phone,
    entities::{employer_application, file, org_unit},
    error::{AppResult, FieldErrors},
    orgs::{
        dto::{OrgKind, OrgUnitRef},
        service as orgs,
    },
};

/// Largest proof PDF accepted.
pub const PROOF_MAX: usize = 10 * files::MB;

pub async fn authorisation_state<C: ConnectionTrait>(
    db: &C,
    user: &AuthUser,
) -> AppResult<AuthorisationState> {
    let (acc, unit) = employer_of(db, user).await?;
    let latest = employer_application::Entity::find()
        .filter(employer_application::Column::UnitId.eq(unit.id))
        .filter(employer_application::Column::Kind.eq(ApplicationKind::Authorisation))
        .order_by_desc(employer_application::Column::CreatedAt)
        .one(db)
        .await?;
    // Units seeded or approved before proofs were recorded: the affiliation is the parent.
    let affiliation_id = match &latest {
        Some(a) => Some(a.affiliation_id),
        None if unit.status == UnitStatus::Active => unit.parent_id,
        None => None,
    };
    let affiliation = match affiliation_id {
        Some(id) => org_unit::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    Ok(AuthorisationState {
        status: match (&latest, unit.status) {
            (_, UnitStatus::Active) => AuthorisationStatus::Approved,
            (Some(a), _) => match a.status {
                ApplicationStatus::Pending => AuthorisationStatus::Pending,
                ApplicationStatus::Approved => AuthorisationStatus::Approved,
                ApplicationStatus::Rejected => AuthorisationStatus::Rejected,
            },
            (None, _) => AuthorisationStatus::None,
        },
        unit_name: unit.name.clone(),
        credit_code: unit.credit_code.clone(),
        account: login_of(&acc, &unit),
        operator_name: acc.name.clone(),
        phone_masked: mask_phone(&acc.phone),
        affiliation: affiliation.as_ref().map(OrgUnitRef::from),
        opinion: latest.as_ref().and_then(|a| a.opinion.clone()),
        submitted_at: latest.as_ref().map(|a| a.created_at),
        decided_at: latest.as_ref().and_then(|a| a.decided_at),
    })
}

/// Everything the 《用人单位委托证明》 template needs: (unit name, credit code, account, operator).
pub async fn template_fields<C: ConnectionTrait>(
    db: &C,
    user: &AuthUser,
) -> AppResult<(String, Option<String>, String, String)> {
    let (acc, unit) = employer_of(db, user).await?;
    Ok((
        unit.name.clone(),
        unit.credit_code.clone(),
        login_of(&acc, &unit),
        acc.name,
    ))
}

/// Submits the stamped proof and the chosen affiliation; the unit moves under the
/// affiliation and waits for the HRSS department. The PDF is stored first and removed again
/// when the transaction is refused.
pub async fn submit_authorisation(
    db: &DatabaseConnection,
    storage: &Storage,
    user: &AuthUser,
    form: UploadForm,
) -> AppResult<AuthorisationState> {
    let (acc, unit) = employer_of(db, user).await?;
    unit.status.next(UnitEvent::AuthorisationSubmitted)?;
    let mut errs = FieldErrors::default();
    let affiliation = match form.text("affiliation_id").map(Uuid::parse_str) {
        Some(Ok(id)) => org_unit::Entity::find_by_id(id).one(db).await?.filter(|u| {
            matches!(u.kind, OrgKind::Hrss | OrgKind::Competent) && u.status == UnitStatus::Active
        }),
        _ => None,
    };
    if affiliation.is_none() {
        errs.push("affiliation_id", "请选择单位隶属关系");
    }
    if form.file.is_none() {
        errs.push("file", "请上传加盖公章的授权委托证明PDF扫描件");
    }
    errs.finish()?;
    let affiliation = affiliation.unwrap();
    let (name, bytes) = form.file.unwrap();
    let new = files::NewFile {
        owner: Some(user.id),
        purpose: crate::entities::file::FilePurpose::Authorisation,
        original_name: &name,
        bytes,
    };
    let stored = files::store(storage, new, &[FileKind::Pdf], PROOF_MAX).await?;
    let key = stored.storage_key.clone();
    let write = db.write_txn(|txn| {
        Box::pin(async move {
            let f = file::ActiveModel::from(stored).insert(txn).await?;
            super::transition(txn, unit.id, unit.status, UnitEvent::AuthorisationSubmitted).await?;
            orgs::reparent_leaf(txn, unit.id, affiliation.id).await?;
            employer_application::ActiveModel {
                id: Set(Uuid::now_v7()),
                unit_id: Set(unit.id),
                account_id: Set(acc.id),
                kind: Set(ApplicationKind::Authorisation),
                affiliation_id: Set(affiliation.id),
                certificate_no: Set(None),
                file_id: Set(f.id),
                status: Set(ApplicationStatus::Pending),
                opinion: Set(None),
                decided_by: Set(None),
                decided_at: Set(None),
                created_at: Set(Utc::now()),
            }
            .insert(txn)
            .await?;
            Ok(())
        })
    });
    discard_on_error(storage, &key, write).await?;
    authorisation_state(db, user).await
}
