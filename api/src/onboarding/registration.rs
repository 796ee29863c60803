//! Registration of a unit without a unified social credit code (单位尚在筹建中 …): the
//! certificate image is stored, and the unit waits at `pending_registration` for the local
//! HRSS department's manual approval (see [`super::applications`]).
use chrono::Utc;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};
use uuid::Uuid;

use super::{ApplicationKind, ApplicationStatus, UnitStatus, discard_on_error};
use crate::{
    accounts::{dto::AccountView, service as accounts},
    auth::{Role, hash_password},
    db::WriteTxn,
    documents::{
        files::{self, UploadForm},
        sniff::FileKind,
        storage::Storage,
    },
    domain::{Password, Phone},
    entities::{account, account::AccountStatus, employer_application, file, org_unit},
    error::{AppResult, FieldErrors},
    orgs::{dto::OrgKind, service as orgs},
};

/// Largest certificate image accepted.
pub const CERTIFICATE_MAX: usize = files::MB;

/// Registers the unit, its employer account and the registration application in one
/// transaction. The certificate is stored first; when the transaction is refused (a phone
/// another employer took meanwhile, …) the stored bytes are removed again.
pub async fn register_without_code(
    db: &DatabaseConnection,
    storage: &Storage,
    form: UploadForm,
) -> AppResult<AccountView> {
    let mut errs = FieldErrors::default();
    let unit_name = form.text("unit_name").unwrap_or_default().to_owned();
    if !(2..=200).contains(&unit_name.chars().count()) {
        errs.push("unit_name", "单位名称应为2到200个字符");
    }
    let certificate_no = form.text("certificate_no").map(str::to_owned);
    if certificate_no
        .as_ref()
        .is_some_and(|c| c.chars().count() > 60)
    {
        errs.push("certificate_no", "证件号码不能超过60个字符");
    }
    let operator = form.text("operator_name").unwrap_or_default().to_owned();
    if !(1..=50).contains(&operator.chars().count()) {
        errs.push("operator_name", "账户使用人姓名应为1到50个字符");
    }
    let phone = errs.take(
        "phone",
        Phone::parse(form.text("phone").unwrap_or_default()),
    );
    let password = errs.take(
        "password",
        Password::parse(
            form.fields
                .get("password")
                .map(String::as_str)
                .unwrap_or_default(),
        ),
    );
    if form.text("agreed") != Some("true") {
        errs.push("agreed", "请阅读并同意《用户注册协议》");
    }
    let hrss = match form.text("hrss_unit_id").map(Uuid::parse_str) {
        Some(Ok(id)) => org_unit::Entity::find_by_id(id)
            .one(db)
            .await?
            .filter(|u| u.kind == OrgKind::Hrss),
        _ => None,
    };
    if hrss.is_none() {
        errs.push("hrss_unit_id", "请选择属地人社部门");
    }
    if form.file.is_none() {
        errs.push("file", "请上传单位证件");
    }
    errs.finish()?;
    let (phone, password, hrss) = (phone.unwrap(), password.unwrap(), hrss.unwrap());
    accounts::ensure_employer_phone_free(db, &phone).await?;
    let (name, bytes) = form.file.unwrap();
    let hash = hash_password(password.expose());
    let new = files::NewFile {
        owner: None,
        purpose: crate::entities::file::FilePurpose::Registration,
        original_name: &name,
        bytes,
    };
    let stored = files::store(storage, new, &[FileKind::Jpeg], CERTIFICATE_MAX).await?;
    let key = stored.storage_key.clone();
    let write = db.write_txn(|txn| {
        Box::pin(async move {
            let f = file::ActiveModel::from(stored).insert(txn).await?;
            let unit = orgs::insert_unit(
                txn,
                &unit_name,
                OrgKind::Employer,
                Some(hrss.id),
                None,
                UnitStatus::registered(false),
            )
            .await?;
            let now = Utc::now();
            let acc = account::ActiveModel {
                id: Set(Uuid::now_v7()),
                role: Set(Role::Employer),
                username: Set(format!("u{}", unit.id.simple())),
                name: Set(operator),
                phone: Set(phone.as_str().to_owned()),
                password_hash: Set(hash),
                org_unit_id: Set(Some(unit.id)),
                id_number: Set(None),
                gender: Set(None),
                birth_date: Set(None),
                status: Set(AccountStatus::Active),
                failed_logins: Set(0),
                locked_until: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(txn)
            .await?;
            employer_application::ActiveModel {
                id: Set(Uuid::now_v7()),
                unit_id: Set(unit.id),
                account_id: Set(acc.id),
                kind: Set(ApplicationKind::Registration),
                affiliation_id: Set(hrss.id),
                certificate_no: Set(certificate_no),
                file_id: Set(f.id),
                status: Set(ApplicationStatus::Pending),
                opinion: Set(None),
                decided_by: Set(None),
                decided_at: Set(None),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
            Ok((acc, unit))
        })
    });
    let (acc, unit) = discard_on_error(storage, &key, write).await?;
    Ok(accounts::view(&acc, Some(&unit)))
}
