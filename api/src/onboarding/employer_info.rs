//! 本单位基本信息: the employer's unit, bound phone (changed with an SMS code sent to the new
//! phone) and account operator, with the history of changes.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, sea_query::Expr,
};
use uuid::Uuid;

use super::{
    AccountChange, AccountChangeField, ChangeOperator, ChangePhone, EmployerInfo, PhoneCodeRequest,
    PhoneCodeSent,
};
use crate::{
    auth::{AuthUser, Role},
    db::WriteTxn,
    domain::{Phone, mask_phone},
    entities::{account, account_change, org_unit, sms_code::CodePurpose},
    error::{AppError, AppResult},
    notify::codes,
    orgs::dto::OrgUnitRef,
};

/// The caller's employer account and its unit (403 for any other role).
pub(super) async fn employer_of<C: ConnectionTrait>(
    db: &C,
    user: &AuthUser,
) -> AppResult<(account::Model, org_unit::Model)> {
    user.require(&[Role::Employer])?;
    let acc = account::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::unauthorized("账号不存在"))?;
    let unit = org_unit::Entity::find_by_id(acc.org_unit_id.ok_or_else(AppError::forbidden)?)
        .one(db)
        .await?
        .ok_or_else(AppError::forbidden)?;
    Ok((acc, unit))
}

/// The employer's login: its credit code, or for a unit without one its bound phone.
pub(super) fn login_of(acc: &account::Model, unit: &org_unit::Model) -> String {
    unit.credit_code
        .clone()
        .unwrap_or_else(|| acc.phone.clone())
}

pub async fn employer_info<C: ConnectionTrait>(db: &C, user: &AuthUser) -> AppResult<EmployerInfo> {
    let (acc, unit) = employer_of(db, user).await?;
    let affiliation = match unit.parent_id {
        Some(p) => org_unit::Entity::find_by_id(p).one(db).await?,
        None => None,
    };
    let changes = account_change::Entity::find()
        .filter(account_change::Column::AccountId.eq(acc.id))
        .order_by_desc(account_change::Column::CreatedAt)
        .limit(50)
        .all(db)
        .await?;
    Ok(EmployerInfo {
        unit_name: unit.name.clone(),
        credit_code: unit.credit_code.clone(),
        account: login_of(&acc, &unit),
        affiliation: affiliation.as_ref().map(OrgUnitRef::from),
        operator_name: acc.name.clone(),
        phone_masked: mask_phone(&acc.phone),
        status: unit.status,
        changes: changes
            .into_iter()
            .map(|c| {
                let mask = |v: &str| {
                    if c.field == AccountChangeField::Phone {
                        mask_phone(v)
                    } else {
                        v.to_owned()
                    }
                };
                AccountChange {
                    old_value: mask(&c.old_value),
                    new_value: mask(&c.new_value),
                    field: c.field,
                    created_at: c.created_at,
                }
            })
            .collect(),
    })
}

pub async fn send_phone_code(
    db: &DatabaseConnection,
    user: &AuthUser,
    req: PhoneCodeRequest,
) -> AppResult<PhoneCodeSent> {
    let (acc, _) = employer_of(db, user).await?;
    let phone = Phone::parse(&req.phone).map_err(|m| AppError::field("phone", m))?;
    if phone.as_str() == acc.phone {
        return Err(AppError::field("phone", "新手机号与当前绑定手机号相同"));
    }
    crate::accounts::service::ensure_employer_phone_free(db, &phone).await?;
    let issued = db
        .write_txn(|txn| {
            let phone = phone.as_str().to_owned();
            Box::pin(async move {
                codes::issue(txn, acc.id, &phone, CodePurpose::ChangePhone, |code| {
                    format!("您正在修改职称申报平台单位账号的绑定手机号，验证码 {code}，10分钟内有效。如非本人操作请忽略。")
                })
                .await
            })
        })
        .await?;
    Ok(PhoneCodeSent {
        expires_in: issued.expires_in,
        message: format!("验证码已通过12333短信发送至 {}", mask_phone(phone.as_str())),
    })
}

pub async fn change_phone(
    db: &DatabaseConnection,
    user: &AuthUser,
    req: ChangePhone,
) -> AppResult<EmployerInfo> {
    let (acc, _) = employer_of(db, user).await?;
    let phone = Phone::parse(&req.phone).map_err(|m| AppError::field("phone", m))?;
    let ticket = codes::check(
        db,
        acc.id,
        phone.as_str(),
        CodePurpose::ChangePhone,
        &req.code,
    )
    .await?;
    crate::accounts::service::ensure_employer_phone_free(db, &phone).await?;
    db.write_txn(|txn| {
        let acc = acc.clone();
        let phone = phone.as_str().to_owned();
        let actor = user.id;
        Box::pin(async move {
            ticket.consume(txn).await?;
            record_change(
                txn,
                &acc,
                AccountChangeField::Phone,
                &acc.phone,
                &phone,
                actor,
            )
            .await?;
            account::Entity::update_many()
                .col_expr(account::Column::Phone, Expr::value(phone))
                .col_expr(account::Column::UpdatedAt, Expr::value(Utc::now()))
                .filter(account::Column::Id.eq(acc.id))
                .exec(txn)
                .await?;
            Ok(())
        })
    })
    .await?;
    employer_info(db, user).await
}

pub async fn change_operator(
    db: &DatabaseConnection,
    user: &AuthUser,
    req: ChangeOperator,
) -> AppResult<EmployerInfo> {
    let (acc, _) = employer_of(db, user).await?;
    let name = req.operator_name.trim();
    if !(1..=50).contains(&name.chars().count()) {
        return Err(AppError::field(
            "operator_name",
            "账户使用人姓名应为1到50个字符",
        ));
    }
    if name != acc.name {
        let (name, actor) = (name.to_owned(), user.id);
        db.write_txn(|txn| {
            Box::pin(async move {
                record_change(
                    txn,
                    &acc,
                    AccountChangeField::Operator,
                    &acc.name,
                    &name,
                    actor,
                )
                .await?;
                account::Entity::update_many()
                    .col_expr(account::Column::Name, Expr::value(name))
                    .col_expr(account::Column::UpdatedAt, Expr::value(Utc::now()))
                    .filter(account::Column::Id.eq(acc.id))
                    .exec(txn)
                    .await?;
                Ok(())
            })
        })
        .await?;
    }
    employer_info(db, user).await
}

async fn record_change<C: ConnectionTrait>(
    db: &C,
    acc: &account::Model,
    field: AccountChangeField,
    old: &str,
    new: &str,
    actor: Uuid,
) -> AppResult<()> {
    account_change::ActiveModel {
        id: Set(Uuid::now_v7()),
        account_id: Set(acc.id),
        field: Set(field),
        old_value: Set(old.to_owned()),
        new_value: Set(new.to_owned()),
        actor_id: Set(actor),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}
