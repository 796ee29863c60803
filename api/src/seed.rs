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

pub mod chain;
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
                "宁波市水利工程技术人员高级专业技术职务任职资格评审委员会",
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

/// What a demo plan differs in; the rest (series 工程技术, window, description, attachments)
/// is the same for every demo plan.
struct DemoPlan {
    plan_type: crate::plans::dto::PlanType,
    level: crate::plans::eligibility::TitleGrade,
    name: String,
    acceptors: Vec<uuid::Uuid>,
    qualification: &'static str,
    rules: crate::plans::eligibility::EligibilityRules,
    fee_fen: i64,
}

const DEMO_QUALIFICATION: &str = "遵守国家法律法规，具有良好的职业道德，近年度考核合格及以上。";

/// Inserts one published demo plan of `publisher`, open from ten days ago for sixty days, for
/// `affiliation`'s subtree.
async fn insert_demo_plan<C: sea_orm::ConnectionTrait>(
    txn: &C,
    publisher: uuid::Uuid,
    created_by: uuid::Uuid,
    affiliation: uuid::Uuid,
    p: DemoPlan,
) -> Result<(), AppError> {
    use crate::entities::{plan, plan_affiliation};
    use crate::plans::{
        dto::{AttachmentRequirement, FileKind},
        status::PlanStatus,
    };
    let now = chrono::Utc::now();
    let id = uuid::Uuid::now_v7();
    plan::ActiveModel {
        id: Set(id),
        publisher_id: Set(publisher),
        year: Set(chrono::Datelike::year(&now)),
        name: Set(p.name),
        plan_type: Set(p.plan_type),
        series: Set("engineering".into()),
        level: Set(p.level),
        specialties: Set(serde_json::json!([
            "水利工程",
            "水文水资源",
            "水利水电建筑"
        ])),
        acceptors: Set(serde_json::json!(p.acceptors)),
        opens_at: Set(now - chrono::Duration::days(10)),
        closes_at: Set(now + chrono::Duration::days(60)),
        description: Set(
            "申报人须在申报时间内通过本平台提交申报材料，经单位推荐、主管部门审核后报送受理单位。"
                .into(),
        ),
        attachments: Set(serde_json::json!([
            AttachmentRequirement {
                name: "单位推荐意见表".into(),
                required: true,
                types: vec![FileKind::Pdf]
            },
            AttachmentRequirement {
                name: "其他证明材料".into(),
                required: false,
                types: vec![FileKind::Pdf, FileKind::Jpg, FileKind::Png]
            },
        ])),
        qualification: Set(p.qualification.into()),
        rules: Set(serde_json::json!(p.rules)),
        fee_fen: Set(p.fee_fen),
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
    Ok(())
}

/// 申报对象资格 of the demo 评审 plan (高级工程师).
fn review_plan_rules() -> crate::plans::eligibility::EligibilityRules {
    use crate::plans::eligibility::*;
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
    }
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
    use crate::plans::{dto::PlanType, eligibility::*};
    let year = chrono::Datelike::year(&chrono::Utc::now());
    let plans = [
        DemoPlan {
            plan_type: PlanType::Review,
            level: TitleGrade::AssociateSenior,
            name: format!("关于{year}年度高级工程师申报通知"),
            acceptors: vec![committee],
            qualification: DEMO_QUALIFICATION,
            rules: review_plan_rules(),
            fee_fen: 45_000,
        },
        DemoPlan {
            plan_type: PlanType::Recognition,
            level: TitleGrade::Intermediate,
            name: format!("关于{year}年度工程师职称认定通知"),
            acceptors: vec![publisher],
            qualification: DEMO_QUALIFICATION,
            rules: EligibilityRules {
                min_education: Some(EducationLevel::Master),
                ..Default::default()
            },
            fee_fen: 0,
        },
    ];
    for p in plans {
        insert_demo_plan(txn, publisher, created_by, affiliation, p).await?;
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
    let mut out = vec![
        DemoAccount {
            password: admin_pw,
            ..staff("管理员", "admin", "组织机构、账号分配、基础数据")
        },
        staff("人社部门", "zj_hrss", "浙江省人力资源和社会保障厅"),
        staff("人社部门", "nb_hrss", "宁波市人力资源和社会保障局"),
        staff("主管部门", "nb_slj", "宁波市水利局"),
        staff("主管部门", chain::GROUP_LOGIN, chain::GROUP_NAME),
        staff(
            "评委会办公室",
            "nb_committee",
            "宁波市水利工程技术人员高级专业技术职务任职资格评审委员会",
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
            note: "张明（也可用手机号 13900000001 登录；业绩档案已审核通过）".into(),
        },
    ];
    out.extend(DEMO_STAFF.iter().map(|(name, first17, phone)| DemoAccount {
        role: "个人",
        login: "个人登录",
        username: demo_staff_id_number(first17),
        password: DEMO_PASSWORD.to_owned(),
        note: format!("{name}（手机号 {phone}；有待单位审核的业绩）"),
    }));
    out.extend(
        chain::applicants().map(|(name, username, phone, stage)| DemoAccount {
            role: "个人",
            login: "个人登录",
            username,
            password: DEMO_PASSWORD.to_owned(),
            note: format!("{name}（手机号 {phone}；{stage}）"),
        }),
    );
    out
}

// ---- Demo content (`ZCPS_DEMO=1` only; not part of `seed_demo`, which the tests use) ----

/// The staff of the demo employer besides 张明 (name, first 17 digits of the ID number, phone),
/// each with records waiting in 业绩档案审核.
const DEMO_STAFF: [(&str, &str, &str); 4] = [
    ("李娜", "33020319920315002", "13900000002"),
    ("陈浩", "33021219880722003", "13900000003"),
    ("王静", "33028119950508004", "13900000004"),
    ("刘洋", "33020619910911005", "13900000005"),
];

/// The ID number of the n-th demo staff member (see [`DEMO_STAFF`]).
pub fn demo_staff_id_number(first17: &str) -> String {
    format!("{first17}{}", IdNumber::check_char(first17).expect("valid"))
}

/// One demo archive record: its content, when it was submitted and what the employer decided
/// (`None`: still pending).
struct DemoRecord {
    content: crate::archive::categories::ArchiveData,
    submitted_days_ago: i64,
    decision: Option<(crate::archive::status::Decision, Option<&'static str>)>,
}

fn approved(content: crate::archive::categories::ArchiveData, days_ago: i64) -> DemoRecord {
    DemoRecord {
        content,
        submitted_days_ago: days_ago,
        decision: Some((crate::archive::status::Decision::Approve, None)),
    }
}

fn pending(content: crate::archive::categories::ArchiveData, days_ago: i64) -> DemoRecord {
    DemoRecord {
        content,
        submitted_days_ago: days_ago,
        decision: None,
    }
}

fn ymd(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).expect("valid demo date")
}

/// 张明's archive, every record approved, meeting every rule of the demo 评审 plan on `today`:
/// 硕士 (本科 before it), work since July 2015, 工程师 (中级) since December 2020, at least 90
/// training hours in each of the last five completed years, 合格 or better in each of the last
/// five years, one paper and one engineering project.
fn zhang_ming_archive(today: chrono::NaiveDate) -> Vec<DemoRecord> {
    use crate::archive::categories::*;
    let year = chrono::Datelike::year(&today);
    let unit = "宁波市水利规划设计研究院有限公司";
    let mut out = vec![
        approved(
            ArchiveData::Education(Education {
                start_date: ymd(2008, 9, 1),
                end_date: ymd(2012, 6, 30),
                school: "浙江大学".into(),
                major: "水利水电工程".into(),
                education_level: EducationLevel::Bachelor,
                degree: Some(Degree::Bachelor),
                schooling_years: Some(4.0),
                study_mode: Some(StudyMode::FullTime),
                diploma_no: Some("103351201205002134".into()),
                degree_certificate_no: Some("1033542012002134".into()),
                highest: false,
            }),
            40,
        ),
        approved(
            ArchiveData::Education(Education {
                start_date: ymd(2012, 9, 1),
                end_date: ymd(2015, 6, 30),
                school: "浙江大学".into(),
                major: "水工结构工程".into(),
                education_level: EducationLevel::Master,
                degree: Some(Degree::Master),
                schooling_years: Some(3.0),
                study_mode: Some(StudyMode::FullTime),
                diploma_no: Some("103351201502000871".into()),
                degree_certificate_no: Some("1033532015000871".into()),
                highest: true,
            }),
            40,
        ),
        approved(
            ArchiveData::WorkHistory(WorkHistory {
                start_date: ymd(2015, 7, 1),
                end_date: None,
                unit: unit.into(),
                post: "水利工程设计".into(),
                work_content: "从事水库、堤防、水闸及排涝泵站工程的水工结构设计与计算，参与区域防洪排涝规划编制和施工图审核。".into(),
                referee: Some("王诚".into()),
            }),
            40,
        ),
        approved(
            ArchiveData::Qualification(Qualification {
                name: "助理工程师".into(),
                level: "助理级".into(),
                specialty: "水利水电工程".into(),
                obtained_date: ymd(2016, 9, 30),
                certificate_no: "甬人社初定〔2016〕0412".into(),
                issuer: Some("宁波市人力资源和社会保障局".into()),
                obtained_by: ObtainedBy::Recognition,
            }),
            38,
        ),
        approved(
            ArchiveData::Qualification(Qualification {
                name: "工程师".into(),
                level: "中级".into(),
                specialty: "水利水电工程".into(),
                obtained_date: ymd(2020, 12, 18),
                certificate_no: "甬水中评〔2020〕0356".into(),
                issuer: Some("宁波市人力资源和社会保障局".into()),
                obtained_by: ObtainedBy::Review,
            }),
            38,
        ),
        approved(
            ArchiveData::Paper(Paper {
                title: "基于BIM的中小型水闸结构协同设计方法".into(),
                journal: "浙江水利科技".into(),
                publication_date: ymd(2023, 5, 20),
                volume: Some("51".into()),
                issue: Some("3".into()),
                pages: Some("45-49".into()),
                issn: None,
                cn_number: None,
                author_rank: 1,
                author_total: 3,
                first_author: true,
                corresponding_author: false,
                indexed_by: IndexedBy::General,
                doi: None,
                representative: true,
            }),
            35,
        ),
        approved(
            ArchiveData::EngineeringProject(EngineeringProject {
                start_date: ymd(2019, 3, 1),
                end_date: Some(ymd(2021, 10, 31)),
                name: "宁波市东部片区排涝泵站及配套水闸工程设计".into(),
                scale: Some("总投资1.2亿元，泵站设计流量60立方米每秒".into()),
                owner_unit: Some("宁波市水利工程建设管理中心".into()),
                role_and_duties: "项目设计负责人：主持泵站及配套水闸的水工结构设计，组织施工图编制与技术交底。".into(),
                rank: Some(1),
                acceptance_result: Some("合格".into()),
                acceptance_date: Some(ymd(2022, 5, 20)),
            }),
            35,
        ),
    ];
    // 继续教育: a 公需科目 course online and a 专业科目 course on site, 94 hours a year.
    let courses = [
        "水利工程质量与安全管理",
        "水工建筑物抗震设计新规范解读",
        "数字孪生流域建设技术",
        "BIM在水利工程设计中的应用",
        "水利工程生态设计与河湖治理",
    ];
    for (i, y) in (year - 5..year).enumerate() {
        out.push(approved(
            ArchiveData::Training(Training {
                start_date: ymd(y, 3, 1),
                end_date: ymd(y, 5, 31),
                course: format!("{y}年度专业技术人员公需科目"),
                organiser: "宁波市人力资源和社会保障局".into(),
                hours: 30.0,
                kind: TrainingKind::Public,
                mode: Some(TrainingMode::Online),
                certificate_no: None,
            }),
            30,
        ));
        out.push(approved(
            ArchiveData::Training(Training {
                start_date: ymd(y, 9, 15),
                end_date: ymd(y, 9, 22),
                course: courses[i % courses.len()].into(),
                organiser: "浙江省水利学会".into(),
                hours: 64.0,
                kind: TrainingKind::Professional,
                mode: Some(TrainingMode::Offline),
                certificate_no: Some(format!("ZJSL{y}{:04}", 130 + i)),
            }),
            30,
        ));
    }
    // 年度考核 of the last five years.
    for y in year - 5..year {
        let result = if y == year - 2 {
            AssessmentResult::Excellent
        } else {
            AssessmentResult::Pass
        };
        out.push(approved(
            ArchiveData::Assessment(Assessment {
                year: y,
                result,
                assessing_unit: Some(unit.into()),
            }),
            30,
        ));
    }
    out
}

/// What each of [`DEMO_STAFF`] has submitted: a few pending records in different categories,
/// and one record returned for changes.
fn staff_archive(n: usize, today: chrono::NaiveDate) -> Vec<DemoRecord> {
    use crate::archive::{categories::*, status::Decision};
    let year = chrono::Datelike::year(&today);
    let unit = "宁波市水利规划设计研究院有限公司";
    match n {
        0 => vec![
            pending(
                ArchiveData::Education(Education {
                    start_date: ymd(2010, 9, 1),
                    end_date: ymd(2014, 6, 30),
                    school: "河海大学".into(),
                    major: "水文与水资源工程".into(),
                    education_level: EducationLevel::Bachelor,
                    degree: Some(Degree::Bachelor),
                    schooling_years: Some(4.0),
                    study_mode: Some(StudyMode::FullTime),
                    diploma_no: None,
                    degree_certificate_no: None,
                    highest: true,
                }),
                3,
            ),
            pending(
                ArchiveData::WorkHistory(WorkHistory {
                    start_date: ymd(2014, 7, 1),
                    end_date: None,
                    unit: unit.into(),
                    post: "水文水资源分析".into(),
                    work_content: "承担流域水文分析计算、水资源论证及防洪影响评价报告编制。".into(),
                    referee: Some("王诚".into()),
                }),
                3,
            ),
            pending(
                ArchiveData::Assessment(Assessment {
                    year: year - 1,
                    result: AssessmentResult::Pass,
                    assessing_unit: Some(unit.into()),
                }),
                2,
            ),
        ],
        1 => vec![
            pending(
                ArchiveData::Paper(Paper {
                    title: "土石坝渗流监测数据异常识别方法研究".into(),
                    journal: "水利规划与设计".into(),
                    publication_date: ymd(year - 1, 8, 15),
                    volume: None,
                    issue: Some("8".into()),
                    pages: Some("112-117".into()),
                    issn: None,
                    cn_number: None,
                    author_rank: 1,
                    author_total: 2,
                    first_author: true,
                    corresponding_author: true,
                    indexed_by: IndexedBy::General,
                    doi: None,
                    representative: false,
                }),
                1,
            ),
            pending(
                ArchiveData::Training(Training {
                    start_date: ymd(year - 1, 10, 10),
                    end_date: ymd(year - 1, 10, 14),
                    course: "水库大坝安全鉴定技术培训".into(),
                    organiser: "浙江省水利学会".into(),
                    hours: 40.0,
                    kind: TrainingKind::Professional,
                    mode: Some(TrainingMode::Offline),
                    certificate_no: None,
                }),
                1,
            ),
            DemoRecord {
                content: ArchiveData::EngineeringProject(EngineeringProject {
                    start_date: ymd(2020, 4, 1),
                    end_date: Some(ymd(2022, 12, 31)),
                    name: "余姚市某小型水库除险加固工程".into(),
                    scale: Some("总投资2800万元".into()),
                    owner_unit: None,
                    role_and_duties: "参与大坝渗流稳定复核及防渗加固设计。".into(),
                    rank: None,
                    acceptance_result: None,
                    acceptance_date: None,
                }),
                submitted_days_ago: 6,
                decision: Some((
                    Decision::Return,
                    Some("请补充建设单位、本人排名和竣工验收结论，并上传验收证明材料。"),
                )),
            },
        ],
        2 => vec![
            pending(
                ArchiveData::Education(Education {
                    start_date: ymd(2017, 9, 1),
                    end_date: ymd(2020, 6, 30),
                    school: "浙江工业大学".into(),
                    major: "水利工程".into(),
                    education_level: EducationLevel::Master,
                    degree: Some(Degree::Master),
                    schooling_years: Some(3.0),
                    study_mode: Some(StudyMode::FullTime),
                    diploma_no: None,
                    degree_certificate_no: None,
                    highest: true,
                }),
                2,
            ),
            pending(
                ArchiveData::Qualification(Qualification {
                    name: "助理工程师".into(),
                    level: "助理级".into(),
                    specialty: "水利工程".into(),
                    obtained_date: ymd(2021, 9, 30),
                    certificate_no: "甬人社初定〔2021〕0788".into(),
                    issuer: Some("宁波市人力资源和社会保障局".into()),
                    obtained_by: ObtainedBy::Recognition,
                }),
                2,
            ),
        ],
        _ => vec![
            pending(
                ArchiveData::WorkHistory(WorkHistory {
                    start_date: ymd(2013, 7, 1),
                    end_date: None,
                    unit: unit.into(),
                    post: "岩土工程勘察".into(),
                    work_content: "负责水利工程地质勘察、岩土试验成果分析和勘察报告编写。".into(),
                    referee: None,
                }),
                4,
            ),
            pending(
                ArchiveData::Award(Award {
                    date: ymd(year - 2, 12, 20),
                    project_title: "平原河网区堤防软基处理关键技术研究与应用".into(),
                    award_name: "宁波市科学技术进步奖".into(),
                    grade: AwardGrade::Third,
                    level: AwardLevel::Municipal,
                    awarding_body: Some("宁波市人民政府".into()),
                    rank: 3,
                    total: 7,
                }),
                1,
            ),
            pending(
                ArchiveData::Assessment(Assessment {
                    year: year - 1,
                    result: AssessmentResult::Excellent,
                    assessing_unit: Some(unit.into()),
                }),
                0,
            ),
        ],
    }
}

/// 个人基本信息 of a demo individual, completed, so that the first login skips the profile
/// gate: the values come from the reference lists, as `PUT /profile` requires.
struct DemoProfile {
    political_status: &'static str,
    highest_education: &'static str,
    current_title: Option<&'static str>,
    work_start_date: chrono::NaiveDate,
}

/// Saves `p` as `accounts::profile::update` would (once: an existing profile is kept) and
/// records the binding to `employer` in the employment history when none is open.
async fn complete_demo_profile<C: sea_orm::ConnectionTrait>(
    txn: &C,
    account_id: uuid::Uuid,
    employer: uuid::Uuid,
    p: DemoProfile,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    use crate::entities::{employment_history, profile};
    if profile::Entity::find_by_id(account_id)
        .one(txn)
        .await?
        .is_none()
    {
        profile::ActiveModel {
            account_id: Set(account_id),
            former_name: Set(None),
            ethnicity: Set(Some("汉族".into())),
            birthplace: Set(Some("浙江宁波".into())),
            political_status: Set(Some(p.political_status.into())),
            party_join_date: Set(None),
            work_start_date: Set(Some(p.work_start_date)),
            health: Set(Some("健康".into())),
            email: Set(None),
            highest_education: Set(Some(p.highest_education.into())),
            current_title: Set(p.current_title.map(str::to_owned)),
            completed_at: Set(Some(now)),
            updated_at: Set(now),
        }
        .insert(txn)
        .await?;
    }
    let open = employment_history::Entity::find()
        .filter(employment_history::Column::AccountId.eq(account_id))
        .filter(employment_history::Column::UnboundAt.is_null())
        .count(txn)
        .await?;
    if open == 0 {
        employment_history::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            account_id: Set(account_id),
            employer_id: Set(employer),
            bound_at: Set(now - chrono::Duration::days(60)),
            unbound_at: Set(None),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// The profiles of 张明 (`None`) and of [`DEMO_STAFF`] (`Some(n)`).
fn demo_profile(n: Option<usize>) -> DemoProfile {
    let (political_status, highest_education, current_title, start) = match n {
        None => ("中共党员", "硕士研究生", Some("工程师"), ymd(2015, 7, 1)),
        Some(0) => ("群众", "大学本科", Some("助理工程师"), ymd(2014, 7, 1)),
        Some(1) => ("中共党员", "大学本科", Some("工程师"), ymd(2010, 7, 1)),
        Some(2) => (
            "共青团员",
            "硕士研究生",
            Some("助理工程师"),
            ymd(2020, 7, 1),
        ),
        Some(_) => ("中共党员", "大学本科", Some("工程师"), ymd(2013, 7, 1)),
    };
    DemoProfile {
        political_status,
        highest_education,
        current_title,
        work_start_date: start,
    }
}

/// Inserts `rec` for `owner` as the applicant's save and the employer's decision would: the
/// same checks, list title and date as `archive::records`, a 提交 line in the review log and,
/// when decided, the decision's line (as `archive::review`). Returns the row.
async fn insert_demo_record<C: sea_orm::ConnectionTrait>(
    txn: &C,
    owner: &account::Model,
    employer_unit: uuid::Uuid,
    reviewer: (uuid::Uuid, &str),
    rec: DemoRecord,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<crate::entities::archive_record::Model, AppError> {
    use crate::archive::status::RecordStatus;
    use crate::entities::{archive_record, archive_review_log};
    let mut errs = crate::error::FieldErrors::default();
    rec.content.check(&mut errs, now.date_naive());
    let (title, date) = rec.content.summary();
    let title: String = title.chars().take(400).collect();
    errs.finish().map_err(|e| {
        let why: Vec<String> = e
            .errors
            .iter()
            .map(|f| format!("{} {}", f.field, f.message))
            .collect();
        AppError {
            detail: format!("演示记录「{title}」未通过校验：{}", why.join("；")),
            ..e
        }
    })?;
    let value = serde_json::to_value(&rec.content).expect("serialises");
    let submitted = now - chrono::Duration::days(rec.submitted_days_ago);
    let decided = rec.decision.map(|(d, comment)| {
        let at = (submitted + chrono::Duration::days(1)).min(now);
        let to = RecordStatus::Pending
            .decide(d)
            .expect("pending can be decided");
        (d, comment, to, at)
    });
    let row = archive_record::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        owner_id: Set(owner.id),
        employer_id: Set(Some(employer_unit)),
        category: Set(rec.content.category()),
        status: Set(decided.map_or(RecordStatus::Pending, |d| d.2)),
        data: Set(value["data"].clone()),
        title: Set(title),
        record_date: Set(date),
        review_comment: Set(decided.and_then(|d| d.1.map(str::to_owned))),
        version: Set(if decided.is_some() { 2 } else { 1 }),
        submitted_at: Set(submitted),
        reviewed_at: Set(decided.map(|d| d.3)),
        created_at: Set(submitted),
        updated_at: Set(decided.map_or(submitted, |d| d.3)),
    }
    .insert(txn)
    .await?;
    let log = |actor: (uuid::Uuid, &str), action, from, to, comment: Option<&str>, at| {
        archive_review_log::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            record_id: Set(row.id),
            actor_id: Set(actor.0),
            actor_name: Set(actor.1.to_owned()),
            action: Set(action),
            from_status: Set(from),
            to_status: Set(to),
            comment: Set(comment.map(str::to_owned)),
            created_at: Set(at),
        }
    };
    log(
        (owner.id, &owner.name),
        crate::archive::status::ReviewAction::Submit,
        None,
        RecordStatus::Pending,
        None,
        submitted,
    )
    .insert(txn)
    .await?;
    if let Some((d, comment, to, at)) = decided {
        log(
            reviewer,
            d.action(),
            Some(RecordStatus::Pending),
            to,
            comment,
            at,
        )
        .insert(txn)
        .await?;
    }
    Ok(row)
}

/// The notices `archive::review` sends for decided records: one per applicant and outcome.
async fn notify_decisions<C: sea_orm::ConnectionTrait>(
    txn: &C,
    owner: uuid::Uuid,
    rows: &[crate::entities::archive_record::Model],
) -> Result<(), AppError> {
    use crate::archive::status::RecordStatus;
    for target in [RecordStatus::Approved, RecordStatus::Returned] {
        let recs: Vec<_> = rows.iter().filter(|r| r.status == target).collect();
        let opinion = |r: &crate::entities::archive_record::Model| {
            r.review_comment
                .as_deref()
                .map(|c| format!("审核意见：{c}"))
                .unwrap_or_default()
        };
        let body = match recs.as_slice() {
            [] => continue,
            [one] => format!(
                "您的{}「{}」审核结果为：{}。{}",
                one.category.label(),
                one.title,
                target.label(),
                opinion(one)
            ),
            many => format!(
                "您的{}条业绩档案审核结果为：{}。",
                many.len(),
                target.label()
            ),
        };
        crate::notify::notify(
            txn,
            owner,
            &format!("业绩档案审核结果：{}", target.label()),
            &body,
        )
        .await?;
    }
    Ok(())
}

/// What `make run` shows a newcomer on top of [`seed_demo`] (demo mode only; the tests'
/// `seed_demo` stays small): a third plan (初定, accepted by the city HRSS or 宁波市水利局)
/// and a second accepting department for the 认定 plan; 张明's completed profile and
/// approved archive, which meets every rule of the demo 评审 plan; four more staff of the demo employer with records
/// waiting in 业绩档案审核 (one returned). Runs once: skipped when 张明 has any archive record
/// (or when the demo tree is not there).
pub async fn seed_demo_content(db: &DatabaseConnection) -> Result<(), AppError> {
    use crate::entities::{archive_record, plan};
    use crate::plans::{dto::PlanType, eligibility::*};
    use sea_orm::QuerySelect;

    let find_unit = |name: &'static str, kind: OrgKind| {
        org_unit::Entity::find()
            .filter(org_unit::Column::Name.eq(name))
            .filter(org_unit::Column::Kind.eq(kind))
            .one(db)
    };
    let code = demo_credit_code();
    let (Some(nb), Some(slj), Some(employer), Some(nb_hrss), Some(employer_acc), Some(zhang)) = (
        find_unit("宁波市人力资源和社会保障局", OrgKind::Hrss).await?,
        find_unit("宁波市水利局", OrgKind::Competent).await?,
        org_unit::Entity::find()
            .filter(org_unit::Column::CreditCode.eq(&code))
            .one(db)
            .await?,
        account::Entity::find()
            .filter(account::Column::Username.eq("nb_hrss"))
            .one(db)
            .await?,
        account::Entity::find()
            .filter(account::Column::Username.eq(&code))
            .filter(account::Column::Role.eq(Role::Employer))
            .one(db)
            .await?,
        account::Entity::find()
            .filter(account::Column::Username.eq(demo_id_number()))
            .filter(account::Column::Role.eq(Role::Individual))
            .one(db)
            .await?,
    ) else {
        tracing::warn!("演示数据：未找到演示组织机构或账号，跳过演示业绩与计划");
        return Ok(());
    };
    let reviewer_name = format!("{}（{}）", employer.name, employer_acc.name);
    db.write_txn(|txn| {
        Box::pin(async move {
            // Locks 张明 (PostgreSQL; SQLite's write transaction holds the lock already), so
            // two servers starting at once seed once.
            account::Entity::find_by_id(zhang.id)
                .lock_exclusive()
                .one(txn)
                .await?;
            let done = archive_record::Entity::find()
                .filter(archive_record::Column::OwnerId.eq(zhang.id))
                .count(txn)
                .await?
                > 0;
            if done {
                return Ok(());
            }
            let now = chrono::Utc::now();
            let today = now.date_naive();
            let year = chrono::Datelike::year(&today);

            // Plans: the 初定 plan, and 宁波市水利局 as a second department for 认定.
            insert_demo_plan(
                txn,
                nb.id,
                nb_hrss.id,
                slj.id,
                DemoPlan {
                    plan_type: PlanType::Initial,
                    level: TitleGrade::Assistant,
                    name: format!("关于{year}年度大中专毕业生职称初定通知"),
                    acceptors: vec![nb.id, slj.id],
                    qualification: "全日制大中专毕业生，毕业后从事本专业技术工作满规定年限（大学本科满1年、大学专科满3年），年度考核合格。",
                    rules: EligibilityRules {
                        min_years_in_profession: Some(1),
                        min_education: Some(EducationLevel::College),
                        ..Default::default()
                    },
                    fee_fen: 0,
                },
            )
            .await?;
            for p in plan::Entity::find()
                .filter(plan::Column::PublisherId.eq(nb.id))
                .filter(plan::Column::PlanType.eq(PlanType::Recognition))
                .filter(plan::Column::Name.like("%年度工程师职称认定通知"))
                .all(txn)
                .await?
            {
                if p.acceptors == serde_json::json!([nb.id]) {
                    let mut row: plan::ActiveModel = p.into();
                    row.acceptors = Set(serde_json::json!([nb.id, slj.id]));
                    row.updated_at = Set(now);
                    row.update(txn).await?;
                }
            }

            // 张明's profile and approved archive.
            complete_demo_profile(txn, zhang.id, employer.id, demo_profile(None), now).await?;
            let reviewer = (employer_acc.id, reviewer_name.as_str());
            let mut rows = Vec::new();
            for rec in zhang_ming_archive(today) {
                rows.push(insert_demo_record(txn, &zhang, employer.id, reviewer, rec, now).await?);
            }
            notify_decisions(txn, zhang.id, &rows).await?;

            // More staff with records waiting for the employer.
            for (n, (name, first17, phone)) in DEMO_STAFF.into_iter().enumerate() {
                let id = IdNumber::parse(&demo_staff_id_number(first17)).expect("valid demo id");
                let taken = account::Entity::find()
                    .filter(
                        sea_orm::Condition::any()
                            .add(account::Column::Username.eq(id.as_str()))
                            .add(
                                sea_orm::Condition::all()
                                    .add(account::Column::Role.eq(Role::Individual))
                                    .add(account::Column::Phone.eq(phone)),
                            ),
                    )
                    .count(txn)
                    .await?
                    > 0;
                if taken {
                    continue;
                }
                let person = insert_account(
                    txn,
                    Role::Individual,
                    id.as_str(),
                    name,
                    phone,
                    DEMO_PASSWORD,
                    Some(employer.id),
                    Some(&id),
                )
                .await?;
                complete_demo_profile(txn, person.id, employer.id, demo_profile(Some(n)), now)
                    .await?;
                let mut rows = Vec::new();
                for rec in staff_archive(n, today) {
                    rows.push(
                        insert_demo_record(txn, &person, employer.id, reviewer, rec, now).await?,
                    );
                }
                notify_decisions(txn, person.id, &rows).await?;
            }
            Ok(())
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plans::eligibility::{all_met, evaluate, summary_from_archive};

    /// Every demo record passes the checks a save runs, on any day from 2026 on.
    #[test]
    fn demo_records_are_valid() {
        for today in [
            ymd(2026, 1, 2),
            chrono::Utc::now().date_naive(),
            ymd(2030, 12, 31),
        ] {
            let mut all = zhang_ming_archive(today);
            for n in 0..DEMO_STAFF.len() {
                all.extend(staff_archive(n, today));
            }
            for r in &all {
                let mut errs = crate::error::FieldErrors::default();
                r.content.check(&mut errs, today);
                assert!(errs.finish().is_ok(), "{today}: {:?}", r.content);
            }
            assert!(all.iter().any(|r| r.decision.is_none()));
        }
    }

    /// 张明's archive meets every rule of the demo 评审 plan (5 years of 中级 are full on
    /// 2025-12-18; everything else is counted back from the day).
    #[test]
    fn zhang_ming_meets_the_review_plan() {
        for today in [
            ymd(2026, 1, 2),
            chrono::Utc::now().date_naive(),
            ymd(2030, 6, 30),
        ] {
            let records: Vec<_> = zhang_ming_archive(today)
                .into_iter()
                .map(|r| r.content)
                .collect();
            let out = evaluate(
                &review_plan_rules(),
                &summary_from_archive(&records, today),
                today,
            );
            assert_eq!(out.len(), 5);
            assert!(all_met(&out), "{today}: {out:#?}");
        }
    }

    /// What `PUT /profile` would accept: every value from the reference lists.
    #[test]
    fn demo_profiles_use_reference_values() {
        use crate::reference::data;
        let names = |l: Vec<data::RefItem>| l.into_iter().map(|i| i.name).collect::<Vec<_>>();
        let (political, education) = (
            names(data::political_statuses()),
            names(data::education_levels()),
        );
        assert!(names(data::ethnicities()).contains(&"汉族".to_owned()));
        for n in std::iter::once(None).chain((0..DEMO_STAFF.len()).map(Some)) {
            let p = demo_profile(n);
            assert!(political.contains(&p.political_status.to_owned()), "{n:?}");
            assert!(education.contains(&p.highest_education.to_owned()), "{n:?}");
        }
    }

    #[test]
    fn demo_staff_id_numbers_are_valid_and_distinct() {
        let mut seen = std::collections::HashSet::new();
        for (_, first17, phone) in DEMO_STAFF {
            let id = IdNumber::parse(&demo_staff_id_number(first17)).unwrap();
            assert!(seen.insert(id.as_str().to_owned()));
            assert!(seen.insert(phone.to_owned()));
        }
        assert!(!seen.contains(&demo_id_number()));
    }
}
