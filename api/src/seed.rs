//! First-start administrator and the demo data set (`ZCPS_DEMO=1`).
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};

use crate::db::WriteTxn;
use crate::{
    auth::{Role, hash_password},
    config::Config,
    domain::{CreditCode, IdNumber},
    entities::{account, org_unit},
    error::AppError,
    onboarding::UnitStatus,
    orgs::{dto::OrgKind, service::insert_unit},
};

pub const DEMO_PASSWORD: &str = "Demo12345";
pub const DEMO_ADMIN_PASSWORD: &str = "Admin12345";

/// One line of the demo-account table printed at start-up.
pub struct DemoAccount {
    pub role: &'static str,
    pub login: &'static str,
    pub username: String,
    pub password: String,
    pub note: String,
}

/// Creates the administrator on first start. Outside demo mode the password must come
/// from `ZCPS_ADMIN_PASSWORD`.
pub async fn ensure_admin(db: &DatabaseConnection, config: &Config) -> Result<(), String> {
    let exists = account::Entity::find()
        .filter(account::Column::Role.eq("admin"))
        .count(db)
        .await
        .map_err(|e| e.to_string())?
        > 0;
    if exists {
        return Ok(());
    }
    let password = match (&config.admin_password, config.demo) {
        (Some(p), _) => p.expose().to_owned(),
        (None, true) => DEMO_ADMIN_PASSWORD.to_owned(),
        (None, false) => {
            return Err("配置错误 ZCPS_ADMIN_PASSWORD: 首次启动须设置管理员初始密码（至少8位，含字母和数字）".into());
        }
    };
    insert_account(
        db,
        Role::Admin,
        "admin",
        "系统管理员",
        "13800000000",
        &password,
        None,
        None,
    )
    .await
    .map_err(|e| e.detail)?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn insert_account<C: sea_orm::ConnectionTrait>(
    db: &C,
    role: Role,
    username: &str,
    name: &str,
    phone: &str,
    password: &str,
    org: Option<uuid::Uuid>,
    id_number: Option<&IdNumber>,
) -> Result<account::Model, AppError> {
    let now = chrono::Utc::now();
    Ok(account::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        role: Set(role),
        username: Set(username.to_owned()),
        name: Set(name.to_owned()),
        phone: Set(phone.to_owned()),
        password_hash: Set(hash_password(password)),
        org_unit_id: Set(org),
        id_number: Set(id_number.map(|i| i.as_str().to_owned())),
        gender: Set(id_number.map(|i| i.gender().label().to_owned())),
        birth_date: Set(id_number.map(IdNumber::birth_date)),
        status: Set(crate::entities::account::AccountStatus::Active),
        failed_logins: Set(0),
        locked_until: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?)
}

pub fn demo_credit_code() -> String {
    let first = "91330203MA2H00001";
    format!("{first}{}", CreditCode::check_char(first).expect("valid"))
}

pub fn demo_id_number() -> String {
    let first = "33020319900101002";
    format!("{first}{}", IdNumber::check_char(first).expect("valid"))
}

/// Seeds the demo organisation tree and one account a role, once (skipped when org units exist).
pub async fn seed_demo(db: &DatabaseConnection) -> Result<(), AppError> {
    if org_unit::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    db.write_txn(|txn| {
        Box::pin(async move {
            let zj = insert_unit(
                txn,
                "浙江省人力资源和社会保障厅",
                OrgKind::Hrss,
                None,
                None,
                UnitStatus::Active,
            )
            .await?;
            let nb = insert_unit(
                txn,
                "宁波市人力资源和社会保障局",
                OrgKind::Hrss,
                Some(zj.id),
                None,
                UnitStatus::Active,
            )
            .await?;
            let slj = insert_unit(
                txn,
                "宁波市水利局",
                OrgKind::Competent,
                Some(nb.id),
                None,
                UnitStatus::Active,
            )
            .await?;
            let committee = insert_unit(
                txn,
                "宁波市水利工程技术人员中级专业技术职务任职资格评审委员会",
                OrgKind::Committee,
                Some(nb.id),
                None,
                UnitStatus::Active,
            )
            .await?;
            let code = demo_credit_code();
            let employer = insert_unit(
                txn,
                "宁波市水利规划设计研究院有限公司",
                OrgKind::Employer,
                Some(slj.id),
                Some(&code),
                UnitStatus::Active,
            )
            .await?;
            let p = DEMO_PASSWORD;
            insert_account(
                txn,
                Role::Hrss,
                "zj_hrss",
                "省人社厅审核员",
                "13800000001",
                p,
                Some(zj.id),
                None,
            )
            .await?;
            let nb_hrss = insert_account(
                txn,
                Role::Hrss,
                "nb_hrss",
                "市人社局审核员",
                "13800000002",
                p,
                Some(nb.id),
                None,
            )
            .await?;
            insert_account(
                txn,
                Role::Competent,
                "nb_slj",
                "水利局审核员",
                "13800000003",
                p,
                Some(slj.id),
                None,
            )
            .await?;
            insert_account(
                txn,
                Role::CommitteeOffice,
                "nb_committee",
                "评委会办公室",
                "13800000004",
                p,
                Some(committee.id),
                None,
            )
            .await?;
            insert_account(
                txn,
                Role::Expert,
                "nb_expert",
                "评审专家",
                "13800000005",
                p,
                Some(committee.id),
                None,
            )
            .await?;
            insert_account(
                txn,
                Role::Employer,
                &code,
                "王诚",
                "15712346340",
                p,
                Some(employer.id),
                None,
            )
            .await?;
            let id = IdNumber::parse(&demo_id_number()).expect("valid demo id");
            insert_account(
                txn,
                Role::Individual,
                id.as_str(),
                "张明",
                "13900000001",
                p,
                Some(employer.id),
                Some(&id),
            )
            .await?;
            seed_demo_plans(txn, nb.id, nb_hrss.id, slj.id, committee.id).await?;
            Ok(())
        })
    })
    .await?;
    Ok(())
}

/// Two published plans of the city HRSS, open from ten days ago for sixty days: a 评审 plan for
/// 高级工程师 open to 宁波市水利局's subtree and accepted by the demo committee, and a 认定 plan
/// accepted by the city HRSS.
async fn seed_demo_plans<C: sea_orm::ConnectionTrait>(
    txn: &C,
    publisher: uuid::Uuid,
    created_by: uuid::Uuid,
    affiliation: uuid::Uuid,
    committee: uuid::Uuid,
) -> Result<(), AppError> {
    use crate::entities::{plan, plan_affiliation};
    use crate::plans::{
        dto::{AttachmentRequirement, FileKind, PlanType},
        eligibility::*,
        status::PlanStatus,
    };
    let now = chrono::Utc::now();
    let year = chrono::Datelike::year(&now);
    let plans = [
        (
            PlanType::Review,
            TitleGrade::AssociateSenior,
            format!("关于{year}年度高级工程师申报通知"),
            committee,
            EligibilityRules {
                min_years_in_profession: Some(10),
                min_education: Some(EducationLevel::Bachelor),
                current_title: Some(TitleRequirement {
                    level: TitleGrade::Intermediate,
                    min_years_held: 5,
                }),
                continuing_education: Some(ContinuingEducationRequirement {
                    hours_per_year: 90,
                    years: 5,
                }),
                assessments: Some(AssessmentRequirement { years: 3 }),
            },
            45_000,
        ),
        (
            PlanType::Recognition,
            TitleGrade::Intermediate,
            format!("关于{year}年度工程师职称认定通知"),
            publisher,
            EligibilityRules {
                min_education: Some(EducationLevel::Master),
                ..Default::default()
            },
            0,
        ),
    ];
    for (plan_type, level, name, acceptor, rules, fee) in plans {
        let id = uuid::Uuid::now_v7();
        plan::ActiveModel {
            id: Set(id),
            publisher_id: Set(publisher),
            year: Set(year),
            name: Set(name),
            plan_type: Set(plan_type),
            series: Set("engineering".into()),
            level: Set(level),
            specialties: Set(serde_json::json!(["水利工程", "水文水资源", "水利水电建筑"])),
            acceptors: Set(serde_json::json!([acceptor])),
            opens_at: Set(now - chrono::Duration::days(10)),
            closes_at: Set(now + chrono::Duration::days(60)),
            description: Set("申报人须在申报时间内通过本平台提交申报材料，经单位推荐、主管部门审核后报送受理单位。".into()),
            attachments: Set(serde_json::json!([
                AttachmentRequirement { name: "单位推荐意见表".into(), required: true, types: vec![FileKind::Pdf] },
                AttachmentRequirement { name: "其他证明材料".into(), required: false, types: vec![FileKind::Pdf, FileKind::Jpg, FileKind::Png] },
            ])),
            qualification: Set("遵守国家法律法规，具有良好的职业道德，近年度考核合格及以上。".into()),
            rules: Set(serde_json::json!(rules)),
            fee_fen: Set(fee),
            status: Set(PlanStatus::Published),
            created_by: Set(created_by),
            published_at: Set(Some(now)),
            closed_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(txn)
        .await?;
        plan_affiliation::ActiveModel {
            plan_id: Set(id),
            org_unit_id: Set(affiliation),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

pub fn demo_accounts(config: &Config) -> Vec<DemoAccount> {
    let admin_pw = config
        .admin_password
        .as_ref()
        .map_or(DEMO_ADMIN_PASSWORD, |p| p.expose())
        .to_owned();
    let staff = |role, user: &str, note: &str| DemoAccount {
        role,
        login: "部门登录",
        username: user.to_owned(),
        password: DEMO_PASSWORD.to_owned(),
        note: note.to_owned(),
    };
    vec![
        DemoAccount {
            password: admin_pw,
            ..staff("管理员", "admin", "组织机构、账号分配、基础数据")
        },
        staff("人社部门", "zj_hrss", "浙江省人力资源和社会保障厅"),
        staff("人社部门", "nb_hrss", "宁波市人力资源和社会保障局"),
        staff("主管部门", "nb_slj", "宁波市水利局"),
        staff(
            "评委会办公室",
            "nb_committee",
            "宁波市水利工程技术人员中级专业技术职务任职资格评审委员会",
        ),
        staff("评委", "nb_expert", "同上评委会"),
        DemoAccount {
            role: "用人单位",
            login: "法人登录",
            username: demo_credit_code(),
            password: DEMO_PASSWORD.to_owned(),
            note: "宁波市水利规划设计研究院有限公司".into(),
        },
        DemoAccount {
            role: "个人",
            login: "个人登录",
            username: demo_id_number(),
            password: DEMO_PASSWORD.to_owned(),
            note: "张明（也可用手机号 13900000001 登录）".into(),
        },
    ]
}
