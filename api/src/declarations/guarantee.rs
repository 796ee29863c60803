//! 《专业技术资格申报材料真实性保证书》: the text the applicant signs, and how long a signature
//! stays good for submitting.
use chrono::{DateTime, Duration, Utc};

use super::dto::Guarantee;
use crate::entities::declaration;

pub const TITLE: &str = "专业技术资格申报材料真实性保证书";

/// A signature is good for submitting for this long; an older one is signed again.
pub const VALID_DAYS: i64 = 30;

/// The paragraphs the applicant signs for `plan_name`.
pub fn paragraphs(applicant: &str, plan_name: &str) -> Vec<String> {
    vec![
        format!("本人{applicant}，参加“{plan_name}”专业技术资格申报，郑重承诺："),
        "一、本人所提交的个人基本信息、学历学位、工作经历、专业技术资格、业绩成果、论文论著及其他申报材料均真实、准确、完整，不存在弄虚作假、伪造、涂改等情况。".into(),
        "二、本人申报材料中所列业绩成果均为本人参与完成，排名及贡献表述属实，不存在侵占他人成果的情况。".into(),
        "三、本人自愿接受所在单位、主管部门、人力资源社会保障部门及评审委员会的审查与监督。".into(),
        "四、如有不实，本人愿意承担由此产生的一切后果，接受取消申报资格、撤销已取得专业技术资格等处理，并记入诚信档案。".into(),
    ]
}

/// The guarantee as the applicant and the reviewers see it.
pub fn view(
    d: &declaration::Model,
    applicant: &str,
    plan_name: &str,
    now: DateTime<Utc>,
) -> Guarantee {
    let signed_at = d.signature_file_id.and(d.guarantee_signed_at);
    let valid_until = signed_at.map(|t| t + Duration::days(VALID_DAYS));
    Guarantee {
        title: TITLE.to_owned(),
        paragraphs: paragraphs(applicant, plan_name),
        signed: signed_at.is_some(),
        signed_at,
        valid_until,
        expired: valid_until.is_some_and(|v| v <= now),
    }
}

/// Signed and still good for submitting at `now`.
pub fn valid(d: &declaration::Model, now: DateTime<Utc>) -> bool {
    d.signature_file_id.is_some()
        && d.guarantee_signed_at
            .is_some_and(|t| t + Duration::days(VALID_DAYS) > now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_names_the_applicant_and_plan() {
        let p = paragraphs("张明", "关于2026年度高级工程师申报通知");
        assert!(p[0].contains("张明") && p[0].contains("关于2026年度高级工程师申报通知"));
        assert!(p.len() >= 4);
    }
}
