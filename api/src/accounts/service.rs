use crate::error::ErrorCode;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::*,
    lockout::{self, LOCK_MINUTES, MAX_FAILED_LOGINS, Reservation},
    tokens::{self, Sessions},
};
use crate::db::WriteTxn;
use crate::{
    auth::{AuthUser, Role, hash_password, verify_password},
    domain::{CreditCode, IdNumber, LoginName, Password, Phone, mask_id_number, mask_phone},
    entities::{
        account::{self, AccountStatus},
        org_unit,
    },
    error::{AppError, AppResult, FieldErrors},
    orgs::{self, dto::OrgUnitRef},
    pagination::PageParams,
};

/// A precomputed hash so that an unknown username costs the same time as a wrong password.
fn dummy_hash() -> &'static str {
    static H: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    H.get_or_init(|| hash_password("dummy-password-0"))
}

/// Units without a credit code log in with their phone, so an employer phone belongs to one
/// employer account only (409 `phone_taken` otherwise).
pub async fn ensure_employer_phone_free<C: sea_orm::ConnectionTrait>(
    db: &C,
    phone: &Phone,
) -> AppResult<()> {
    let taken = account::Entity::find()
        .filter(account::Column::Role.eq(Role::Employer))
        .filter(account::Column::Phone.eq(phone.as_str()))
        .count(db)
        .await?;
    if taken > 0 {
        return Err(AppError::conflict(
            ErrorCode::PhoneTaken,
            "该手机号已绑定其他单位账号，请更换手机号",
        ));
    }
    Ok(())
}

/// Loads accounts by id in one query (no N+1 in list views).
pub async fn accounts_by_id<C: sea_orm::ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> AppResult<std::collections::HashMap<Uuid, account::Model>> {
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(account::Entity::find()
        .filter(account::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect())
}

pub fn view(a: &account::Model, unit: Option<&org_unit::Model>) -> AccountView {
    AccountView {
        id: a.id,
        role: a.role,
        username: if a.role == Role::Individual {
            mask_id_number(&a.username)
        } else {
            a.username.clone()
        },
        name: a.name.clone(),
        phone_masked: mask_phone(&a.phone),
        id_number_masked: a.id_number.as_deref().map(mask_id_number),
        gender: a.gender.clone(),
        birth_date: a.birth_date,
        org_unit: unit.map(OrgUnitRef::from),
        status: a.status,
        created_at: a.created_at,
    }
}

fn new_account(
    role: Role,
    username: &str,
    name: &str,
    phone: &Phone,
    password: &Password,
) -> account::ActiveModel {
    let now = Utc::now();
    account::ActiveModel {
        id: Set(Uuid::now_v7()),
        role: Set(role),
        username: Set(username.to_owned()),
        name: Set(name.trim().to_owned()),
        phone: Set(phone.as_str().to_owned()),
        password_hash: Set(hash_password(password.expose())),
        org_unit_id: Set(None),
        id_number: Set(None),
        gender: Set(None),
        birth_date: Set(None),
        status: Set(AccountStatus::Active),
        failed_logins: Set(0),
        locked_until: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
}

pub async fn register_individual(
    db: &DatabaseConnection,
    req: RegisterIndividual,
) -> AppResult<AccountView> {
    let mut errs = FieldErrors::from_validator(req.validate());
    let id = errs.take("id_number", IdNumber::parse(&req.id_number));
    let phone = errs.take("phone", Phone::parse(&req.phone));
    let password = errs.take("password", Password::parse(&req.password));
    errs.finish()?;
    let (id, phone, password) = (id.unwrap(), phone.unwrap(), password.unwrap());

    if account::Entity::find()
        .filter(account::Column::Username.eq(id.as_str()))
        .count(db)
        .await?
        > 0
    {
        return Err(AppError::conflict(
            ErrorCode::IdNumberTaken,
            "该身份证号码已注册，请直接登录",
        ));
    }
    if account::Entity::find()
        .filter(account::Column::Role.eq(Role::Individual))
        .filter(account::Column::Phone.eq(phone.as_str()))
        .count(db)
        .await?
        > 0
    {
        return Err(AppError::conflict(
            ErrorCode::PhoneTaken,
            "该手机号码已被其他个人账号使用",
        ));
    }
    let mut model = new_account(Role::Individual, id.as_str(), &req.name, &phone, &password);
    model.id_number = Set(Some(id.as_str().to_owned()));
    model.gender = Set(Some(id.gender().label().to_owned()));
    model.birth_date = Set(Some(id.birth_date()));
    let saved = model.insert(db).await.map_err(|e| {
        dup(
            e,
            ErrorCode::IdNumberTaken,
            "该身份证号码已注册，请直接登录",
        )
    })?;
    Ok(view(&saved, None))
}

fn dup(e: sea_orm::DbErr, code: ErrorCode, msg: &'static str) -> AppError {
    match AppError::from(e) {
        err if err.code == ErrorCode::Duplicate => AppError::conflict(code, msg),
        err => err,
    }
}

pub async fn register_employer(
    db: &DatabaseConnection,
    req: RegisterEmployer,
) -> AppResult<AccountView> {
    let mut errs = FieldErrors::from_validator(req.validate());
    let code = errs.take("credit_code", CreditCode::parse(&req.credit_code));
    let phone = errs.take("phone", Phone::parse(&req.phone));
    let password = errs.take("password", Password::parse(&req.password));
    errs.finish()?;
    let (code, phone, password) = (code.unwrap(), phone.unwrap(), password.unwrap());

    let taken = account::Entity::find()
        .filter(account::Column::Username.eq(code.as_str()))
        .count(db)
        .await?
        + org_unit::Entity::find()
            .filter(org_unit::Column::CreditCode.eq(code.as_str()))
            .count(db)
            .await?;
    if taken > 0 {
        return Err(AppError::conflict(
            ErrorCode::CreditCodeTaken,
            "该统一社会信用代码已注册，请直接登录",
        ));
    }
    ensure_employer_phone_free(db, &phone).await?;
    let hash_model = new_account(
        Role::Employer,
        code.as_str(),
        &req.operator_name,
        &phone,
        &password,
    );
    let unit_name = req.unit_name.trim().to_owned();
    let (acc, unit) = db
        .write_txn(|txn| {
            Box::pin(async move {
                // The affiliation (parent) is chosen with the authorisation proof.
                let unit = orgs::service::insert_unit(
                    txn,
                    &unit_name,
                    orgs::dto::OrgKind::Employer,
                    None,
                    Some(code.as_str()),
                    crate::onboarding::UnitStatus::registered(true),
                )
                .await?;
                let mut model = hash_model;
                model.org_unit_id = Set(Some(unit.id));
                let acc = model.insert(txn).await?;
                Ok((acc, unit))
            })
        })
        .await
        .map_err(|e| match e {
            err if err.code == ErrorCode::Duplicate => AppError::conflict(
                ErrorCode::CreditCodeTaken,
                "该统一社会信用代码已注册，请直接登录",
            ),
            err => err,
        })?;
    Ok(view(&acc, Some(&unit)))
}

/// The one account `username` names for a login of `kind` (ID number, credit code or phone
/// for individuals and employers; the login name for staff), if exactly one does.
pub async fn find_login_account<C: sea_orm::ConnectionTrait>(
    db: &C,
    kind: AccountKind,
    username: &str,
) -> AppResult<Option<account::Model>> {
    let username = username.trim();
    let by_name_or_phone = || {
        Condition::any()
            .add(account::Column::Username.eq(username.to_ascii_uppercase()))
            .add(account::Column::Phone.eq(username))
    };
    let cond = match kind {
        AccountKind::Individual => Condition::all()
            .add(account::Column::Role.eq(Role::Individual))
            .add(by_name_or_phone()),
        AccountKind::Employer => Condition::all()
            .add(account::Column::Role.eq(Role::Employer))
            .add(by_name_or_phone()),
        AccountKind::Staff => Condition::all()
            .add(account::Column::Role.is_not_in([Role::Individual, Role::Employer]))
            .add(account::Column::Username.eq(username)),
    };
    let found = account::Entity::find()
        .filter(cond)
        .limit(2)
        .all(db)
        .await?;
    Ok(match <[account::Model; 1]>::try_from(found) {
        Ok([acc]) => Some(acc),
        Err(_) => None,
    })
}

fn wrong_password(remaining: Option<u32>) -> AppError {
    let detail = match remaining {
        Some(n) => format!(
            "用户名或密码错误，还可尝试 {n} 次（连续 {MAX_FAILED_LOGINS} 次错误将锁定账户 {LOCK_MINUTES} 分钟）"
        ),
        None => "用户名或密码错误".to_owned(),
    };
    let mut e = AppError::new(
        actix_web::http::StatusCode::UNAUTHORIZED,
        ErrorCode::InvalidCredentials,
        detail,
    );
    e.remaining_attempts = remaining;
    e
}

pub async fn login(
    db: &DatabaseConnection,
    sessions: Sessions<'_>,
    req: LoginRequest,
) -> AppResult<TokenPair> {
    let Some(acc) = find_login_account(db, req.account_kind, &req.username).await? else {
        verify_password(&req.password, dummy_hash());
        return Err(wrong_password(None));
    };
    let try_no = match lockout::reserve(db, acc.id, Utc::now()).await? {
        Reservation::Granted(n) => n,
        Reservation::Locked(minutes) => return Err(locked(minutes)),
    };
    if !verify_password(&req.password, &acc.password_hash) {
        lockout::failed(db, acc.id, try_no, Utc::now()).await?;
        return Err(if try_no >= MAX_FAILED_LOGINS {
            locked(LOCK_MINUTES)
        } else {
            wrong_password(Some(lockout::remaining_after(try_no)))
        });
    }
    if !lockout::succeeded(db, acc.id, Utc::now()).await? {
        return Err(locked(LOCK_MINUTES));
    }
    if acc.role == Role::Employer
        && let Some(unit) = acc.org_unit_id
        && let Some(unit) = org_unit::Entity::find_by_id(unit).one(db).await?
        && let Some(refusal) = unit.status.login_refusal()
    {
        return Err(refusal.into());
    }
    if acc.status == AccountStatus::Disabled {
        return Err(AppError::new(
            actix_web::http::StatusCode::FORBIDDEN,
            ErrorCode::AccountDisabled,
            "账号已停用，请联系管理员",
        ));
    }
    issue_pair(db, sessions, &acc, Uuid::now_v7()).await
}

fn locked(minutes: i64) -> AppError {
    AppError::new(
        actix_web::http::StatusCode::LOCKED,
        ErrorCode::AccountLocked,
        format!("连续{MAX_FAILED_LOGINS}次登录失败，账户已锁定，请在 {minutes} 分钟后重试"),
    )
}

async fn issue_pair(
    db: &DatabaseConnection,
    sessions: Sessions<'_>,
    acc: &account::Model,
    family: Uuid,
) -> AppResult<TokenPair> {
    let refresh_token = tokens::issue(db, acc.id, family, sessions.refresh_ttl_hours).await?;
    Ok(TokenPair {
        access_token: sessions.jwt.issue(acc.id, acc.role, acc.org_unit_id),
        refresh_token,
        token_type: "Bearer".to_owned(),
        expires_in: sessions.jwt.access_ttl_seconds,
    })
}

fn check_refresh(req: &RefreshRequest) -> AppResult<()> {
    let n = req.refresh_token.trim().len();
    if n == 0 || n > 200 {
        let mut e = FieldErrors::default();
        e.push("refresh_token", "刷新凭证不能为空且不超过200个字符");
        e.finish()?;
    }
    Ok(())
}

pub async fn refresh(
    db: &DatabaseConnection,
    sessions: Sessions<'_>,
    req: RefreshRequest,
) -> AppResult<TokenPair> {
    check_refresh(&req)?;
    let (account_id, family) = tokens::consume(db, req.refresh_token.trim()).await?;
    let acc = account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .filter(|a| a.status != AccountStatus::Disabled)
        .ok_or_else(|| AppError::unauthorized("账号不存在或已停用"))?;
    issue_pair(db, sessions, &acc, family).await
}

pub async fn logout(db: &DatabaseConnection, req: RefreshRequest) -> AppResult<()> {
    check_refresh(&req)?;
    if let Some(family) = tokens::family_of(db, req.refresh_token.trim()).await? {
        tokens::revoke_family(db, family).await?;
    }
    Ok(())
}

pub async fn me(db: &DatabaseConnection, user: &AuthUser) -> AppResult<AccountView> {
    let acc = account::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::unauthorized("账号不存在，请重新登录"))?;
    let unit = match acc.org_unit_id {
        Some(id) => org_unit::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    Ok(view(&acc, unit.as_ref()))
}

pub async fn create_staff(
    db: &DatabaseConnection,
    user: &AuthUser,
    req: CreateStaffAccount,
) -> AppResult<AccountView> {
    user.require(&[Role::Admin])?;
    let mut errs = FieldErrors::from_validator(req.validate());
    let login = errs.take("username", LoginName::parse(&req.username));
    let phone = errs.take("phone", Phone::parse(&req.phone));
    let password = errs.take("password", Password::parse(&req.password));
    if req.role.staff_unit_kind().is_none() {
        errs.push(
            "role",
            "只能分配主管部门、人力社保部门、评委会办公室或评委账号",
        );
    }
    let unit = org_unit::Entity::find_by_id(req.org_unit_id)
        .one(db)
        .await?;
    match (&unit, req.role.staff_unit_kind()) {
        (None, _) => errs.push("org_unit_id", "所选机构不存在"),
        (Some(u), Some(kind)) if u.kind.as_str() != kind => {
            errs.push("org_unit_id", "所选机构的类型与账号角色不符")
        }
        _ => {}
    }
    errs.finish()?;
    let (login, phone, password) = (login.unwrap(), phone.unwrap(), password.unwrap());
    let mut model = new_account(req.role, login.as_str(), &req.name, &phone, &password);
    model.org_unit_id = Set(Some(req.org_unit_id));
    let saved = model
        .insert(db)
        .await
        .map_err(|e| dup(e, ErrorCode::UsernameTaken, "该登录名已被使用"))?;
    Ok(view(&saved, unit.as_ref()))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StaffQuery {
    /// Fuzzy search on login name or name.
    #[param(max_length = 50)]
    pub q: Option<String>,
    pub role: Option<Role>,
}

pub async fn list_staff(
    db: &DatabaseConnection,
    user: &AuthUser,
    q: StaffQuery,
    page: PageParams,
) -> AppResult<StaffAccountPage> {
    user.require(&[Role::Admin])?;
    let (page_no, per_page) = page.resolve()?;
    let mut query = account::Entity::find()
        .filter(account::Column::Role.is_not_in([Role::Individual, Role::Employer]));
    if let Some(role) = q.role {
        query = query.filter(account::Column::Role.eq(role));
    }
    if let Some(text) = crate::pagination::search_text(&q.q, 50)? {
        query = query.filter(
            Condition::any()
                .add(orgs::service::fuzzy(account::Column::Username, text))
                .add(orgs::service::fuzzy(account::Column::Name, text)),
        );
    }
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_asc(account::Column::Username)
        .offset(crate::pagination::offset(page_no, per_page))
        .limit(per_page as u64)
        .all(db)
        .await?;
    let units = orgs::service::units_by_id(db, rows.iter().filter_map(|a| a.org_unit_id)).await?;
    let items = rows
        .iter()
        .map(|a| view(a, a.org_unit_id.and_then(|id| units.get(&id))))
        .collect();
    Ok(StaffAccountPage {
        items,
        total,
        page: page_no,
        per_page,
    })
}
