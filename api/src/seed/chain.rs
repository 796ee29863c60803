//! Demo declarations at every stage of the review chain (demo mode only), so that every role's
//! review screens show something real: a second competent level (宁波市水务环境集团有限公司,
//! between 宁波市水利局 and the demo employer), and eight applicants with approved archives whose
//! declarations wait at the employer, are returned, passed with a publicity, recommended up to
//! each level, accepted by the committee office, or (认定) waiting at the employer. Submission
//! is written directly (the wizard's uploads are not replayed); every later step goes through
//! the review services themselves. Runs once: skipped when the first demo applicant exists.
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use super::{
    DEMO_PASSWORD, complete_demo_profile, demo_credit_code, demo_profile, demo_staff_id_number,
    insert_account, insert_demo_record, zhang_ming_archive,
};
use crate::{
    accounts::profile::load_of,
    auth::{AuthUser, Role},
    db::WriteTxn,
    declarations::{
        self, Event,
        dto::{DeclarationInfo, RecognitionKind},
        preview::eligibility_of,
        status::{DeclarationStatus, EventAction},
    },
    domain::IdNumber,
    entities::{account, declaration, declaration_record, org_unit, plan},
    error::AppError,
    onboarding::status::UnitStatus,
    orgs::dto::OrgKind,
    plans::dto::PlanType,
    review::{
        self,
        dto::{
            ChainDecision, DecideRequest, PublicityInput, PublicityOutcome, RecommendRequest,
            ReturnItem, VersionedId,
        },
    },
};

/// The second competent level of the demo tree.
pub const GROUP_NAME: &str = "宁波市水务环境集团有限公司";
/// Its reviewer's login.
pub const GROUP_LOGIN: &str = "nb_swjt";

/// Where each demo applicant's declaration ends up.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Goal {
    /// 待审查 at the employer
    AtEmployer,
    /// returned by the employer with two items
    Returned,
    /// passed by the employer, publicity ended without objection: ready to recommend
    Publicised,
    /// pending at 宁波市水务环境集团有限公司
    AtGroup,
    /// pending at 宁波市人社局
    AtCityHrss,
    /// 受理 by the committee office
    Accepted,
}

/// Demo applicants: name, first 17 digits of the ID number, phone, plan type, goal.
const APPLICANTS: [(&str, &str, &str, PlanType, Goal); 8] = [
    (
        "赵磊",
        "33020319870412006",
        "13900000006",
        PlanType::Review,
        Goal::AtEmployer,
    ),
    (
        "孙悦",
        "33020419890623007",
        "13900000007",
        PlanType::Review,
        Goal::Publicised,
    ),
    (
        "周杰",
        "33020519860117008",
        "13900000008",
        PlanType::Review,
        Goal::Returned,
    ),
    (
        "吴敏",
        "33021119880305009",
        "13900000009",
        PlanType::Review,
        Goal::AtGroup,
    ),
    (
        "郑强",
        "33021219850914010",
        "13900000010",
        PlanType::Review,
        Goal::AtCityHrss,
    ),
    (
        "冯丽",
        "33028119870826011",
        "13900000011",
        PlanType::Review,
        Goal::Accepted,
    ),
    (
        "钱芳",
        "33020619900218012",
        "13900000012",
        PlanType::Recognition,
        Goal::AtEmployer,
    ),
    (
        "何军",
        "33020319910707013",
        "13900000013",
        PlanType::Recognition,
        Goal::Returned,
    ),
];

/// The demo applicants, for the printed list of demo accounts.
pub fn applicants() -> impl Iterator<Item = (&'static str, String, &'static str, &'static str)> {
    APPLICANTS.iter().map(|(name, first17, phone, _, goal)| {
        let note = match goal {
            Goal::AtEmployer => "申报待单位审查",
            Goal::Returned => "申报被单位退回修改",
            Goal::Publicised => "单位审查通过、公示期满，待推荐",
            Goal::AtGroup => "申报在水务环境集团审查",
            Goal::AtCityHrss => "申报在市人社局审查",
            Goal::Accepted => "申报已被评委会受理",
        };
        (*name, demo_staff_id_number(first17), *phone, note)
    })
}

async fn unit_named(
    db: &DatabaseConnection,
    name: &str,
) -> Result<Option<org_unit::Model>, AppError> {
    Ok(org_unit::Entity::find()
        .filter(org_unit::Column::Name.eq(name))
        .one(db)
        .await?)
}

async fn login(db: &DatabaseConnection, username: &str) -> Result<Option<AuthUser>, AppError> {
    Ok(account::Entity::find()
        .filter(account::Column::Username.eq(username))
        .one(db)
        .await?
        .map(|a| AuthUser {
            id: a.id,
            role: a.role,
            org: a.org_unit_id,
        }))
}

async fn version(db: &DatabaseConnection, id: Uuid) -> Result<i32, AppError> {
    Ok(declaration::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|d| d.version)
        .unwrap_or(0))
}

async fn pass(
    db: &DatabaseConnection,
    who: &AuthUser,
    id: Uuid,
    opinion: &str,
) -> Result<(), AppError> {
    let v = version(db, id).await?;
    review::decide::decide(
        db,
        who,
        id,
        DecideRequest {
            decision: ChainDecision::Pass,
            version: v,
            opinion: (!opinion.is_empty()).then(|| opinion.to_owned()),
            items: vec![],
        },
    )
    .await?;
    Ok(())
}

async fn recommend(db: &DatabaseConnection, who: &AuthUser, id: Uuid) -> Result<(), AppError> {
    let v = version(db, id).await?;
    let out = review::recommend::recommend(
        db,
        who,
        RecommendRequest {
            items: vec![VersionedId {
                declaration_id: id,
                version: v,
            }],
        },
    )
    .await?;
    match out.items.first() {
        Some(i) if i.ok => Ok(()),
        Some(i) => Err(AppError::new(
            actix_web::http::StatusCode::INTERNAL_SERVER_ERROR,
            crate::error::ErrorCode::InternalError,
            i.message.clone().unwrap_or_default(),
        )),
        None => Err(AppError::internal()),
    }
}

/// A publicity of at least 5 working days that ended yesterday (or earlier), or None when the
/// calendar does not know the dates.
async fn past_publicity(db: &DatabaseConnection) -> Option<(NaiveDate, NaiveDate)> {
    let end = declarations::preview::today() - Duration::days(1);
    let mut start = end;
    for _ in 0..30 {
        match crate::calendar::working_days_between(db, start, end).await {
            Ok(n) if n >= review::publicity::MIN_WORKING_DAYS => return Some((start, end)),
            Ok(_) => start -= Duration::days(1),
            Err(_) => return None,
        }
    }
    None
}

/// Seeds the demo declarations (see the module documentation).
pub async fn seed(db: &DatabaseConnection) -> Result<(), AppError> {
    let code = demo_credit_code();
    let (Some(slj), Some(employer), Some(employer_acc)) = (
        unit_named(db, "宁波市水利局").await?,
        org_unit::Entity::find()
            .filter(org_unit::Column::CreditCode.eq(&code))
            .one(db)
            .await?,
        login(db, &code).await?,
    ) else {
        return Ok(());
    };
    let first = demo_staff_id_number(APPLICANTS[0].1);
    if login(db, &first).await?.is_some() {
        return Ok(());
    }
    let year = chrono::Datelike::year(&Utc::now());
    let review_plan = plan::Entity::find()
        .filter(plan::Column::PlanType.eq(PlanType::Review))
        .filter(plan::Column::Year.eq(year))
        .one(db)
        .await?;
    let recognition_plan = plan::Entity::find()
        .filter(plan::Column::PlanType.eq(PlanType::Recognition))
        .filter(plan::Column::Year.eq(year))
        .one(db)
        .await?;
    let (Some(review_plan), Some(recognition_plan)) = (review_plan, recognition_plan) else {
        return Ok(());
    };

    // the second competent level, its reviewer, the employer moved under it, and the people
    let employer_id = employer.id;
    let slj_id = slj.id;
    let reviewer_name = format!("{}（{}）", employer.name, "王诚");
    let people = db
        .write_txn(|txn| {
            Box::pin(async move {
                let group = match org_unit::Entity::find()
                    .filter(org_unit::Column::Name.eq(GROUP_NAME))
                    .one(txn)
                    .await?
                {
                    Some(g) => g,
                    None => {
                        crate::orgs::service::insert_unit(
                            txn,
                            GROUP_NAME,
                            OrgKind::Competent,
                            Some(slj_id),
                            None,
                            UnitStatus::Active,
                        )
                        .await?
                    }
                };
                if account::Entity::find()
                    .filter(account::Column::Username.eq(GROUP_LOGIN))
                    .one(txn)
                    .await?
                    .is_none()
                {
                    insert_account(
                        txn,
                        Role::Competent,
                        GROUP_LOGIN,
                        "集团审核员",
                        "13800000006",
                        DEMO_PASSWORD,
                        Some(group.id),
                        None,
                    )
                    .await?;
                }
                crate::orgs::service::reparent_leaf(txn, employer_id, group.id).await?;
                let now = Utc::now();
                let today = now.date_naive();
                let mut people = Vec::new();
                for (name, first17, phone, plan_type, goal) in APPLICANTS {
                    let id =
                        IdNumber::parse(&demo_staff_id_number(first17)).expect("valid demo id");
                    let person = insert_account(
                        txn,
                        Role::Individual,
                        id.as_str(),
                        name,
                        phone,
                        DEMO_PASSWORD,
                        Some(employer_id),
                        Some(&id),
                    )
                    .await?;
                    complete_demo_profile(txn, person.id, employer_id, demo_profile(None), now)
                        .await?;
                    for rec in zhang_ming_archive(today) {
                        insert_demo_record(
                            txn,
                            &person,
                            employer_id,
                            (employer_acc.id, reviewer_name.as_str()),
                            rec,
                            now,
                        )
                        .await?;
                    }
                    people.push((person, plan_type, goal));
                }
                Ok(people)
            })
        })
        .await?;

    let group_user = login(db, GROUP_LOGIN)
        .await?
        .ok_or_else(AppError::internal)?;
    let slj_user = login(db, "nb_slj").await?.ok_or_else(AppError::internal)?;
    let hrss_user = login(db, "nb_hrss").await?.ok_or_else(AppError::internal)?;
    let committee_user = login(db, "nb_committee")
        .await?
        .ok_or_else(AppError::internal)?;
    let publicity = past_publicity(db).await;
    for (n, (person, plan_type, goal)) in people.into_iter().enumerate() {
        let p = if plan_type == PlanType::Review {
            review_plan.clone()
        } else {
            recognition_plan.clone()
        };
        let acceptor: Uuid = declarations::views::list_of::<Uuid>(&p.acceptors)
            .into_iter()
            .next()
            .ok_or_else(AppError::internal)?;
        let id = submitted(db, &person, &p, employer_id, acceptor, n).await?;
        if goal == Goal::AtEmployer {
            continue;
        }
        if goal == Goal::Returned {
            let v = version(db, id).await?;
            review::decide::decide(
                db,
                &employer_acc,
                id,
                DecideRequest {
                    decision: ChainDecision::Return,
                    version: v,
                    opinion: Some("请按以下意见修改后重新提交".into()),
                    items: vec![
                        ReturnItem {
                            section: 1,
                            attachment: None,
                            comment: "“主要工作成绩及奖惩情况”过于简略，请补充近五年的主要业绩"
                                .into(),
                            title: None,
                        },
                        ReturnItem {
                            section: 18,
                            attachment: Some(0),
                            comment: "请上传加盖单位公章的单位推荐意见表".into(),
                            title: None,
                        },
                    ],
                },
            )
            .await?;
            continue;
        }
        pass(db, &employer_acc, id, "").await?;
        let Some((starts_on, ends_on)) = publicity else {
            tracing::warn!("演示数据：公示日期超出已知的节假日安排，申报停在单位审查通过");
            continue;
        };
        review::publicity::record(
            db,
            &employer_acc,
            PublicityInput {
                items: vec![VersionedId {
                    declaration_id: id,
                    version: version(db, id).await?,
                }],
                starts_on,
                ends_on,
                method: "单位公告栏及内网公示".into(),
                outcome: Some(PublicityOutcome::NoObjection),
                note: Some("公示期内未收到异议".into()),
            },
        )
        .await?;
        if goal == Goal::Publicised {
            continue;
        }
        recommend(db, &employer_acc, id).await?;
        if goal == Goal::AtGroup {
            continue;
        }
        for who in [&group_user, &slj_user] {
            pass(
                db,
                who,
                id,
                "经审查，申报材料齐全，符合申报条件，同意推荐。",
            )
            .await?;
            recommend(db, who, id).await?;
        }
        if goal == Goal::AtCityHrss {
            continue;
        }
        pass(
            db,
            &hrss_user,
            id,
            "经审查，符合申报条件，同意报送评审委员会。",
        )
        .await?;
        recommend(db, &hrss_user, id).await?;
        pass(db, &committee_user, id, "材料齐全，予以受理。").await?;
    }
    Ok(())
}

/// Writes `person`'s declaration on `p` as submitted to `employer`: info, the approved records
/// as snapshots, the basic information and eligibility at submission, the timeline, and the
/// employer's 待审查 row.
async fn submitted(
    db: &DatabaseConnection,
    person: &account::Model,
    p: &plan::Model,
    employer: Uuid,
    acceptor: Uuid,
    n: usize,
) -> Result<Uuid, AppError> {
    let person = person.clone();
    let p = p.clone();
    db.write_txn(|txn| {
        Box::pin(async move {
            let now = Utc::now() - Duration::days(7) + Duration::minutes(n as i64 * 37);
            let id = Uuid::now_v7();
            let info = DeclarationInfo {
                specialty: Some("水利工程".into()),
                current_specialty: Some("水利水电工程设计".into()),
                years_in_specialty: Some(10),
                archive_location: Some("宁波市人才服务中心".into()),
                foreign_language: Some("英语 大学英语六级".into()),
                achievements: Some("主持完成宁波市东部片区排涝泵站及配套水闸工程设计等项目，获宁波市科学技术进步奖。".into()),
                specialities: Some("水工结构设计与计算".into()),
                societies: Some("宁波市水利学会会员".into()),
                recognition_kind: (p.plan_type == PlanType::Recognition).then_some(RecognitionKind::TransferIn),
            };
            let records = crate::entities::archive_record::Entity::find()
                .filter(crate::entities::archive_record::Column::OwnerId.eq(person.id))
                .filter(crate::entities::archive_record::Column::Status.eq(crate::archive::status::RecordStatus::Approved))
                .all(txn)
                .await?;
            let snaps = declarations::records::snapshots(txn, &records).await?;
            let profile = load_of(txn, person.id).await?;
            let eligibility = eligibility_of(&p, &snaps, now.date_naive());
            declaration::ActiveModel {
                id: Set(id),
                applicant_id: Set(person.id),
                plan_id: Set(p.id),
                employer_id: Set(employer),
                status: Set(DeclarationStatus::Submitted),
                last_step: Set(7),
                acceptor_id: Set(Some(acceptor)),
                info: Set(serde_json::to_value(&info).map_err(|_| AppError::internal())?),
                photo_file_id: Set(None),
                signature_file_id: Set(None),
                guarantee_signed_at: Set(Some(now - Duration::hours(1))),
                signing_token_hash: Set(None),
                signing_token_expires_at: Set(None),
                profile: Set(Some(serde_json::to_value(&profile).map_err(|_| AppError::internal())?)),
                eligibility: Set(Some(serde_json::to_value(&eligibility).map_err(|_| AppError::internal())?)),
                holder_id: Set(Some(employer)),
                held_since: Set(Some(now)),
                submitted_at: Set(Some(now)),
                fee_waived_by: Set(None),
                version: Set(1),
                created_at: Set(now - Duration::days(1)),
                updated_at: Set(now),
            }
            .insert(txn)
            .await?;
            for s in snaps {
                declaration_record::ActiveModel {
                    declaration_id: Set(id),
                    record_id: Set(s.record_id),
                    category: Set(s.category),
                    extracted_at: Set(s.extracted_at),
                    snapshot: Set(serde_json::to_value(&s).map_err(|_| AppError::internal())?),
                }
                .insert(txn)
                .await?;
            }
            for (action, at, change) in [
                (EventAction::Created, now - Duration::days(1), None),
                (EventAction::GuaranteeSigned, now - Duration::hours(1), None),
                (EventAction::Submitted, now, Some((DeclarationStatus::Draft, DeclarationStatus::Submitted))),
            ] {
                declarations::log(
                    txn,
                    Event {
                        declaration: id,
                        action,
                        actor: person.id,
                        unit: (action == EventAction::Submitted).then_some(employer),
                        change,
                        comment: None,
                        at,
                    },
                )
                .await?;
            }
            let row = declaration::Entity::find_by_id(id)
                .one(txn)
                .await?
                .ok_or_else(AppError::internal)?;
            review::chain::arrive(txn, &row, &p, employer, now).await?;
            Ok(id)
        })
    })
    .await
}
