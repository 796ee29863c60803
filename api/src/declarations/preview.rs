//! The 18-section view (申报信息预览): 1 基本信息; 2–17 the archive categories in the order of
//! the manuals, 14 and 15 together as 资格与资质证书; 18 申报材料附件信息 — with the eligibility
//! outcome of every rule and, for a draft, what submission still needs. One view for the
//! applicant, every reviewer and the review-form PDF.
use chrono::{NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait};

use super::{access, dto::*, guarantee, records, views};
use crate::{
    accounts::profile::{Profile, load_of},
    archive::categories::{ArchiveData, Category},
    auth::AuthUser,
    entities::{declaration, plan},
    error::{AppError, AppResult},
    plans::{
        dto::PlanType,
        eligibility::{RuleOutcome, evaluate, summary_from_archive},
    },
};

/// Sections 2–17: (number, title, categories).
pub fn section_layout() -> Vec<(u32, &'static str, Vec<Category>)> {
    let mut out = Vec::new();
    let mut no = 2;
    let mut iter = Category::ALL.iter().peekable();
    while let Some(c) = iter.next() {
        if *c == Category::Qualification {
            // 14 专业技术资格证书 and 15 资质证书 share one section
            iter.next();
            out.push((
                no,
                "资格与资质证书",
                vec![Category::Qualification, Category::Licence],
            ));
        } else {
            out.push((no, c.label(), vec![*c]));
        }
        no += 1;
    }
    out
}

/// 申报类型 as reviewers' lists show it.
pub fn declaration_type(plan_type: PlanType, info: &DeclarationInfo) -> String {
    match plan_type {
        PlanType::Review => "职称评审".into(),
        PlanType::Initial => "大中专毕业生职称初定".into(),
        PlanType::Recognition => info
            .recognition_kind
            .map(|k| k.label().to_owned())
            .unwrap_or_else(|| "职称认定".into()),
    }
}

/// Today in China.
pub fn today() -> NaiveDate {
    Utc::now()
        .with_timezone(&crate::domain::china_tz())
        .date_naive()
}

/// The eligibility of `snapshots` against `plan`'s rules on `as_of`.
pub fn eligibility_of(
    plan: &plan::Model,
    snapshots: &[RecordSnapshot],
    as_of: NaiveDate,
) -> Vec<RuleOutcome> {
    let rules = serde_json::from_value(plan.rules.clone()).unwrap_or_default();
    let data: Vec<ArchiveData> = snapshots.iter().map(|s| s.content.clone()).collect();
    evaluate(&rules, &summary_from_archive(&data, as_of), as_of)
}

/// What submitting `d` still needs: every requirement, met or not.
pub fn checks(
    d: &declaration::Model,
    plan: &plan::Model,
    open_to_employer: bool,
    info: &DeclarationInfo,
    snapshots: &[RecordSnapshot],
    attachments: &[AttachmentItem],
) -> Vec<SubmitCheck> {
    let now = Utc::now();
    let mut out = Vec::new();
    let mut push = |kind, field: &str, met: bool, message: String| {
        out.push(SubmitCheck {
            kind,
            field: field.to_owned(),
            met,
            message,
        })
    };
    let window = super::create::require_open(plan);
    push(
        CheckKind::Window,
        "plan",
        window.is_ok(),
        window
            .err()
            .map(|e| e.detail)
            .unwrap_or_else(|| "申报计划在申报时间内".into()),
    );
    if !open_to_employer {
        push(
            CheckKind::Window,
            "plan",
            false,
            "该申报计划不对您现在所在的工作单位开放，不能提交".into(),
        );
    }
    push(
        CheckKind::Photo,
        "photo",
        d.photo_file_id.is_some(),
        if d.photo_file_id.is_some() {
            "已上传证件照"
        } else {
            "请上传证件照"
        }
        .into(),
    );
    let signed = guarantee::valid(d, now);
    push(
        CheckKind::Guarantee,
        "guarantee",
        signed,
        if signed {
            "已签署真实性保证书".into()
        } else if d.signature_file_id.is_some() {
            format!(
                "真实性保证书签署已超过{}天，请重新签署",
                guarantee::VALID_DAYS
            )
        } else {
            "请扫码签署《专业技术资格申报材料真实性保证书》".into()
        },
    );
    let info_ok = views::info_complete(info);
    push(
        CheckKind::Info,
        "info",
        info_ok,
        if info_ok {
            "已填写个人申报信息"
        } else {
            "请填写现从事专业和专业工作年限"
        }
        .into(),
    );
    let specialties: Vec<String> =
        serde_json::from_value(plan.specialties.clone()).unwrap_or_default();
    if !specialties.is_empty() {
        push(
            CheckKind::Info,
            "info.specialty",
            info.specialty.is_some(),
            if info.specialty.is_some() {
                "已选择申报专业"
            } else {
                "请选择申报专业"
            }
            .into(),
        );
    }
    let acceptor_word = if plan.plan_type == PlanType::Review {
        "受理评审委员会"
    } else {
        "受理部门"
    };
    push(
        CheckKind::Acceptor,
        "acceptor_id",
        d.acceptor_id.is_some(),
        if d.acceptor_id.is_some() {
            format!("已选择{acceptor_word}")
        } else {
            format!("请选择{acceptor_word}")
        },
    );
    for (kind, field, cat) in [
        (
            CheckKind::Education,
            "records.education",
            Category::Education,
        ),
        (
            CheckKind::WorkHistory,
            "records.work_history",
            Category::WorkHistory,
        ),
        (
            CheckKind::Assessment,
            "records.assessment",
            Category::Assessment,
        ),
    ] {
        let met = snapshots.iter().any(|s| s.category == cat);
        push(
            kind,
            field,
            met,
            if met {
                format!("已提取审核通过的{}", cat.label())
            } else {
                format!(
                    "请提取至少一条审核通过的{}（业绩档案中尚无时请先填写并经单位审核通过）",
                    cat.label()
                )
            },
        );
    }
    for a in attachments {
        if a.requirement.required {
            let met = !a.files.is_empty();
            push(
                CheckKind::Attachment,
                &format!("attachments.{}", a.item),
                met,
                if met {
                    format!("已上传{}", a.requirement.name)
                } else {
                    format!("请上传{}", a.requirement.name)
                },
            );
        }
    }
    out
}

/// The view of `d` (any caller already authorised to read it).
pub async fn build<C: ConnectionTrait>(
    db: &C,
    d: &declaration::Model,
) -> AppResult<DeclarationView> {
    let plan_row = views::plan_of(db, d).await?;
    let units = views::units(
        db,
        [Some(d.employer_id), d.acceptor_id, d.holder_id]
            .into_iter()
            .flatten(),
    )
    .await?;
    let info: DeclarationInfo = serde_json::from_value(d.info.clone()).unwrap_or_default();
    // copied at submission; a draft (also a withdrawn one) shows the person as they are now
    let person: Profile = match (&d.profile, !d.status.is_editable()) {
        (Some(p), true) => serde_json::from_value(p.clone()).map_err(|_| AppError::internal())?,
        _ => load_of(db, d.applicant_id).await?,
    };
    let snapshots = records::extracted(db, d.id).await?;
    let attachments =
        views::attachment_items(db, d, &views::list_of(&plan_row.attachments)).await?;
    let submitted = !d.status.is_editable();
    let eligibility = match (&d.eligibility, submitted) {
        (Some(e), true) => serde_json::from_value(e.clone()).unwrap_or_default(),
        _ => eligibility_of(&plan_row, &snapshots, today()),
    };
    let checks = if submitted {
        vec![]
    } else {
        // a draft's person was loaded as they are now, with their current employer
        let open = match person.employer.as_ref().map(|e| e.id) {
            Some(e) if e != d.employer_id => super::submit::open_to(db, e, d.plan_id).await?,
            _ => true,
        };
        checks(d, &plan_row, open, &info, &snapshots, &attachments)
    };
    let summary = views::summary_of(&plan_row);
    let sections = section_layout()
        .into_iter()
        .map(|(no, title, categories)| PreviewSection {
            no,
            title: title.to_owned(),
            records: snapshots
                .iter()
                .filter(|s| categories.contains(&s.category))
                .cloned()
                .collect(),
            categories,
        })
        .collect();
    Ok(DeclarationView {
        id: d.id,
        stage: views::stage(d, d.holder_id.and_then(|h| units.get(&h))),
        basic: BasicInfo {
            plan_name: plan_row.name.clone(),
            plan_type: plan_row.plan_type,
            declaration_type: declaration_type(plan_row.plan_type, &info),
            acceptor: d.acceptor_id.and_then(|a| units.get(&a).cloned()),
            title_name: summary.title_name,
            employer: units
                .get(&d.employer_id)
                .cloned()
                .ok_or_else(AppError::internal)?,
            person,
            info,
        },
        sections,
        attachments: attachments
            .into_iter()
            .map(|a| AttachmentRow {
                no: a.item as u32 + 1,
                required: a.requirement.required,
                name: a.requirement.name,
                files: a.files,
            })
            .collect(),
        eligibility,
        checks,
        version: d.version,
    })
}

/// `GET /declarations/{id}/preview`, for the applicant and the units of the review chain that
/// hold or have handled it.
pub async fn get(
    db: &DatabaseConnection,
    user: &AuthUser,
    id: uuid::Uuid,
) -> AppResult<DeclarationView> {
    let d = access::readable(db, user, id).await?;
    build(db, &d).await
}

/// `GET /plans/{id}/eligibility`: the caller's approved archive against a plan open to them.
pub async fn plan_eligibility(
    db: &DatabaseConnection,
    user: &AuthUser,
    plan_id: uuid::Uuid,
) -> AppResult<Vec<RuleOutcome>> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let employer = crate::plans::open::employer_of(db, user).await?;
    let p = super::create::visible_plan(db, employer, plan_id)
        .await
        .map_err(|_| AppError::not_found())?;
    let rows = crate::entities::archive_record::Entity::find()
        .filter(crate::entities::archive_record::Column::OwnerId.eq(user.id))
        .filter(
            crate::entities::archive_record::Column::Status
                .eq(crate::archive::status::RecordStatus::Approved),
        )
        .all(db)
        .await?;
    let data = rows
        .iter()
        .map(crate::archive::views::content_of)
        .collect::<AppResult<Vec<ArchiveData>>>()?;
    let rules = serde_json::from_value(p.rules.clone()).unwrap_or_default();
    let as_of = today();
    Ok(evaluate(&rules, &summary_from_archive(&data, as_of), as_of))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_archive_sections_numbered_2_to_17() {
        let l = section_layout();
        assert_eq!(l.len(), 16);
        assert_eq!(l.first().unwrap().0, 2);
        assert_eq!(l.last().unwrap().0, 17);
        assert_eq!(l[0].2, vec![Category::Education]);
        let q = l
            .iter()
            .find(|s| s.2.contains(&Category::Qualification))
            .unwrap();
        assert_eq!(q.0, 15);
        assert_eq!(q.2, vec![Category::Qualification, Category::Licence]);
        assert_eq!(l.last().unwrap().2, vec![Category::Assessment]);
        let all: Vec<Category> = l.iter().flat_map(|s| s.2.clone()).collect();
        assert_eq!(all, Category::ALL.to_vec());
    }
}
