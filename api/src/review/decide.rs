//! A unit's decision on the declaration it holds: 通过 (at the last unit: 受理, or 认定通过),
//! 不通过 (with the reason), 退回 (every item to fix at once). One transaction: the declaration
//! is locked, the version the reviewer saw is checked (a stale decision is a 409 naming who
//! acted first), the state machine allows the step, and the declaration, the unit's row, the
//! counters, the 审查日志, the applicant's notification and the SMS commit together.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::{
    access, chain,
    counters::{Deltas, RETURNED},
    dto::{ChainDecision, DecideRequest, ReturnItem},
    route::{self, PassKind},
};
use crate::{
    auth::AuthUser,
    db::WriteTxn,
    declarations::{
        self, Event,
        preview::section_layout,
        status::{DeclarationAction, DeclarationStatus, EventAction, ReviewState},
        views,
    },
    entities::{account, declaration, declaration_return, fee_setting, org_unit, plan},
    error::{AppError, AppResult, ErrorCode, FieldError},
    plans::dto::AttachmentRequirement,
};

/// The unit declaration a pass is prefilled with.
pub const UNIT_DECLARATION: &str = "本单位声明：申报人员无违法乱纪、无重大工作失误，所报评审材料真实可靠，经审核属实。如有失实，愿承担相应责任。";

const MAX_OPINION: usize = 1000;
const MAX_ITEMS: usize = 50;

/// The title of section `no` (1–18), and of attachment `item` in section 18.
pub fn item_title(
    no: i32,
    attachment: Option<i32>,
    requirements: &[AttachmentRequirement],
) -> Result<String, String> {
    let section = match no {
        1 => "基本信息".to_owned(),
        18 => "申报材料附件信息".to_owned(),
        n => section_layout()
            .into_iter()
            .find(|(s, _, _)| i64::from(*s) == i64::from(n))
            .map(|(_, t, _)| t.to_owned())
            .ok_or_else(|| format!("没有第{n}部分，请选择 1–18 中的一项"))?,
    };
    match (no, attachment) {
        (18, Some(i)) => {
            let req = usize::try_from(i)
                .ok()
                .and_then(|i| requirements.get(i))
                .ok_or_else(|| "该附件不在申报计划的附件要求中".to_owned())?;
            Ok(format!("18. {section} · {}", req.name))
        }
        (_, Some(_)) => Err("只有第18部分（申报材料附件信息）可以指定附件".to_owned()),
        (n, None) => Ok(format!("{n}. {section}")),
    }
}

/// The checked return items, with their titles; every problem named by its field.
pub fn check_items(
    items: &[ReturnItem],
    requirements: &[AttachmentRequirement],
) -> Result<Vec<ReturnItem>, Vec<FieldError>> {
    let mut errors = Vec::new();
    if items.is_empty() {
        errors.push(FieldError {
            field: "items".into(),
            message: "请逐项写明需要修改的内容（至少一项）".into(),
        });
    }
    if items.len() > MAX_ITEMS {
        errors.push(FieldError {
            field: "items".into(),
            message: format!("退回事项最多 {MAX_ITEMS} 项"),
        });
    }
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item_title(item.section, item.attachment, requirements) {
            Ok(title) => out.push(ReturnItem {
                title: Some(title),
                comment: item.comment.trim().to_owned(),
                ..item.clone()
            }),
            Err(m) => errors.push(FieldError {
                field: format!("items[{i}].section"),
                message: m,
            }),
        }
        let comment = item.comment.trim();
        if comment.is_empty() {
            errors.push(FieldError {
                field: format!("items[{i}].comment"),
                message: "请写明需要修改的内容".into(),
            });
        } else if comment.chars().count() > MAX_OPINION {
            errors.push(FieldError {
                field: format!("items[{i}].comment"),
                message: format!("每项意见最多 {MAX_OPINION} 字"),
            });
        }
    }
    let mut keys: Vec<_> = out.iter().map(|i| (i.section, i.attachment)).collect();
    keys.sort();
    if keys.windows(2).any(|w| w[0] == w[1]) {
        errors.push(FieldError {
            field: "items".into(),
            message: "同一部分（或附件）只能写一项，请把意见合并".into(),
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn opinion_of(req: &DecideRequest) -> AppResult<Option<String>> {
    let opinion = req
        .opinion
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_owned);
    if opinion
        .as_ref()
        .is_some_and(|o| o.chars().count() > MAX_OPINION)
    {
        return Err(AppError::field(
            "opinion",
            format!("审查意见最多 {MAX_OPINION} 字"),
        ));
    }
    if req.decision == ChainDecision::Fail && opinion.is_none() {
        return Err(AppError::field("opinion", "请填写审查不通过的理由"));
    }
    Ok(opinion)
}

/// `POST /reviews/{id}/decision`.
pub async fn decide(
    db: &DatabaseConnection,
    user: &AuthUser,
    id: Uuid,
    req: DecideRequest,
) -> AppResult<super::dto::ReviewDetail> {
    let unit = access::unit_of(user)?;
    access::row_to_act(db, id, unit).await?;
    let opinion = opinion_of(&req)?;
    if req.decision != ChainDecision::Return && !req.items.is_empty() {
        return Err(AppError::field("items", "只有退回需要填写修改事项"));
    }
    let actor = user.clone();
    db.write_txn(|txn| {
        Box::pin(async move {
            let d = access::lock(txn, id).await?;
            let row = access::row_to_act(txn, id, unit).await?;
            if d.holder_id != Some(unit)
                || !d.status.is_pending_review() && d.status != DeclarationStatus::Passed
            {
                return Err(access::stale(txn, &d).await?);
            }
            if d.version != req.version {
                return Err(access::stale(txn, &d).await?);
            }
            access::not_own(txn, &actor, &d).await?;
            let p = views::plan_of(txn, &d).await?;
            let target =
                route::target(txn, &p, d.acceptor_id.ok_or_else(AppError::internal)?).await?;
            let action = match (req.decision, target.pass_at(unit)) {
                (ChainDecision::Pass, PassKind::Pass) => DeclarationAction::Pass,
                (ChainDecision::Pass, PassKind::Accept) => DeclarationAction::Accept,
                (ChainDecision::Pass, PassKind::Approve) => DeclarationAction::Approve,
                (ChainDecision::Fail, _) => DeclarationAction::Fail,
                (ChainDecision::Return, _) => DeclarationAction::Return,
            };
            let to = declarations::access::allow(&d, action)?;
            let items = if req.decision == ChainDecision::Return {
                let reqs: Vec<AttachmentRequirement> = views::list_of(&p.attachments);
                let items = check_items(&req.items, &reqs).map_err(|errors| {
                    let mut e = AppError::validation(errors);
                    e.code = ErrorCode::ReturnItemsRequired;
                    e
                })?;
                Some(items)
            } else {
                None
            };
            let now = Utc::now();
            let waive = if action == DeclarationAction::Pass && d.fee_waived_by.is_none() {
                fee_setting::Entity::find_by_id((unit, p.id))
                    .one(txn)
                    .await?
                    .is_some_and(|f| !f.charge)
            } else {
                false
            };
            let mut update = declaration::Entity::update_many()
                .col_expr(declaration::Column::Status, Expr::value(to.as_str()))
                .col_expr(
                    declaration::Column::Version,
                    Expr::col(declaration::Column::Version).add(1),
                )
                .col_expr(declaration::Column::UpdatedAt, Expr::value(now));
            if to == DeclarationStatus::Returned {
                // back with the applicant
                update = update
                    .col_expr(
                        declaration::Column::HolderId,
                        Expr::value(Option::<Uuid>::None),
                    )
                    .col_expr(declaration::Column::HeldSince, Expr::value(now));
            }
            if waive {
                update = update.col_expr(declaration::Column::FeeWaivedBy, Expr::value(unit));
            }
            let done = update
                .filter(declaration::Column::Id.eq(id))
                .filter(declaration::Column::Version.eq(d.version))
                .exec(txn)
                .await?;
            if done.rows_affected != 1 {
                return Err(access::stale(txn, &d).await?);
            }
            let mut deltas = Deltas::default();
            let state = match to {
                DeclarationStatus::Failed => ReviewState::Failed,
                DeclarationStatus::Returned => ReviewState::Returned,
                DeclarationStatus::Accepted | DeclarationStatus::Approved => ReviewState::Accepted,
                _ => ReviewState::Passed,
            };
            let kept_opinion = match (req.decision, &opinion) {
                (ChainDecision::Pass, None) if row.unit_id == d.employer_id => {
                    Some(UNIT_DECLARATION.to_owned())
                }
                _ => opinion.clone(),
            };
            chain::decide(
                txn,
                &row,
                state,
                actor.id,
                kept_opinion.clone(),
                now,
                &mut deltas,
            )
            .await?;
            let event = match action {
                DeclarationAction::Accept => EventAction::Accepted,
                DeclarationAction::Approve => EventAction::Approved,
                DeclarationAction::Fail => EventAction::Failed,
                DeclarationAction::Return => EventAction::Returned,
                _ => EventAction::Passed,
            };
            let mut comment = kept_opinion.clone();
            if let Some(items) = &items {
                deltas.add(&row, RETURNED, 1);
                declaration_return::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    declaration_id: Set(id),
                    unit_id: Set(unit),
                    actor_id: Set(actor.id),
                    comment: Set(opinion.clone().unwrap_or_default()),
                    items: Set(serde_json::to_value(items).map_err(|_| AppError::internal())?),
                    at: Set(now),
                }
                .insert(txn)
                .await?;
                let listed = items
                    .iter()
                    .map(|i| format!("{}：{}", i.title.as_deref().unwrap_or(""), i.comment))
                    .collect::<Vec<_>>()
                    .join("；");
                comment = Some(match &opinion {
                    Some(o) => format!("{o}（需修改：{listed}）"),
                    None => format!("需修改：{listed}"),
                });
            }
            deltas.apply(txn).await?;
            declarations::log(
                txn,
                Event {
                    declaration: id,
                    action: event,
                    actor: actor.id,
                    // the deciding unit, also for a return (the applicant holds it then)
                    unit: Some(unit),
                    change: Some((d.status, to)),
                    comment,
                    at: now,
                },
            )
            .await?;
            tell_applicant(txn, &d, &p, unit, to, opinion.as_deref()).await?;
            let fresh = declaration::Entity::find_by_id(id)
                .one(txn)
                .await?
                .ok_or_else(AppError::internal)?;
            super::detail::build(txn, &fresh, unit).await
        })
    })
    .await
}

/// The in-app notice of every decision, and a 12333 SMS on return, fail and final pass.
pub async fn tell_applicant<C: ConnectionTrait>(
    txn: &C,
    d: &declaration::Model,
    p: &plan::Model,
    unit: Uuid,
    to: DeclarationStatus,
    opinion: Option<&str>,
) -> AppResult<()> {
    let unit_name = org_unit::Entity::find_by_id(unit)
        .one(txn)
        .await?
        .map(|u| u.name)
        .unwrap_or_default();
    let why = opinion.map(|o| format!("意见：{o}")).unwrap_or_default();
    let (title, body, sms) = match to {
        DeclarationStatus::Passed => (
            "申报审查通过",
            format!(
                "您的“{}”申报已通过{unit_name}的审查，待推荐上一级。",
                p.name
            ),
            false,
        ),
        DeclarationStatus::Failed => (
            "申报审查不通过",
            format!("您的“{}”申报未通过{unit_name}的审查。{why}", p.name),
            true,
        ),
        DeclarationStatus::Returned => (
            "申报被退回修改",
            format!(
                "您的“{}”申报被{unit_name}退回修改，请登录系统按退回意见逐项修改后重新提交。",
                p.name
            ),
            true,
        ),
        DeclarationStatus::Accepted => (
            "申报已受理",
            format!("您的“{}”申报已由{unit_name}受理。", p.name),
            true,
        ),
        DeclarationStatus::Approved => (
            "职称认定通过",
            format!(
                "您的“{}”申报已由{unit_name}审核通过，职称认定完成。",
                p.name
            ),
            true,
        ),
        DeclarationStatus::InReview => (
            "申报已推荐上一级",
            format!("您的“{}”申报已推荐至{unit_name}审查。", p.name),
            false,
        ),
        _ => return Ok(()),
    };
    crate::notify::notify(txn, d.applicant_id, title, &body).await?;
    if sms {
        let phone = account::Entity::find_by_id(d.applicant_id)
            .one(txn)
            .await?
            .map(|a| a.phone)
            .unwrap_or_default();
        if !phone.is_empty() {
            crate::notify::outbox::enqueue_sms(txn, &phone, &body).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plans::dto::FileKind;

    fn reqs() -> Vec<AttachmentRequirement> {
        vec![AttachmentRequirement {
            name: "单位推荐意见表".into(),
            required: true,
            types: vec![FileKind::Pdf],
        }]
    }

    fn item(section: i32, attachment: Option<i32>, comment: &str) -> ReturnItem {
        ReturnItem {
            section,
            attachment,
            comment: comment.into(),
            title: None,
        }
    }

    #[test]
    fn items_name_sections_and_attachments() {
        let out = check_items(
            &[item(1, None, "出生日期有误"), item(18, Some(0), "未盖章")],
            &reqs(),
        )
        .unwrap();
        assert_eq!(out[0].title.as_deref(), Some("1. 基本信息"));
        assert_eq!(
            out[1].title.as_deref(),
            Some("18. 申报材料附件信息 · 单位推荐意见表")
        );
        let s2 = check_items(&[item(2, None, "学历证书不清晰")], &reqs()).unwrap();
        assert!(s2[0].title.as_deref().unwrap().starts_with("2. "));
    }

    #[test]
    fn bad_items_are_named_by_field() {
        let errors = check_items(&[], &reqs()).unwrap_err();
        assert_eq!(errors[0].field, "items");
        for (bad, field) in [
            (item(0, None, "x"), "items[0].section"),
            (item(19, None, "x"), "items[0].section"),
            (item(18, Some(3), "x"), "items[0].section"),
            (item(5, Some(0), "x"), "items[0].section"),
            (item(5, None, "  "), "items[0].comment"),
        ] {
            let errors = check_items(&[bad], &reqs()).unwrap_err();
            assert!(errors.iter().any(|e| e.field == field), "{errors:?}");
        }
        let dup = check_items(&[item(3, None, "a"), item(3, None, "b")], &reqs()).unwrap_err();
        assert_eq!(dup[0].field, "items");
    }
}
