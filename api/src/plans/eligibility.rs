//! 申报对象资格, machine-checkable: the rules a plan sets, a typed summary of an applicant, and
//! the pure evaluation the declaration wizard calls (every rule: met or not, and why).
use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use sea_orm::{DeriveActiveEnum, EnumIter, sea_query::StringLen};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use crate::archive::categories::{AssessmentResult, EducationLevel};
use crate::error::FieldErrors;

/// Rank of an education level, lowest first.
pub fn education_rank(e: EducationLevel) -> u8 {
    match e {
        EducationLevel::HighSchool => 0,
        EducationLevel::Secondary => 1,
        EducationLevel::College => 2,
        EducationLevel::Bachelor => 3,
        EducationLevel::Master => 4,
        EducationLevel::Doctor => 5,
    }
}

/// Whether an annual assessment is 合格 or better.
pub fn assessment_passes(r: AssessmentResult) -> bool {
    matches!(r, AssessmentResult::Excellent | AssessmentResult::Pass)
}

/// 职称层级, lowest first (the `level` names of the reference catalogue).
// Stored as the snake_case name in `plans.level`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
    EnumIter,
    DeriveActiveEnum,
)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
pub enum TitleGrade {
    /// 员级
    #[sea_orm(string_value = "junior")]
    Junior,
    /// 助理级
    #[sea_orm(string_value = "assistant")]
    Assistant,
    /// 中级
    #[sea_orm(string_value = "intermediate")]
    Intermediate,
    /// 副高级
    #[sea_orm(string_value = "associate_senior")]
    AssociateSenior,
    /// 正高级
    #[sea_orm(string_value = "senior")]
    Senior,
}

impl TitleGrade {
    pub const ALL: [TitleGrade; 5] = [
        TitleGrade::Junior,
        TitleGrade::Assistant,
        TitleGrade::Intermediate,
        TitleGrade::AssociateSenior,
        TitleGrade::Senior,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            TitleGrade::Junior => "junior",
            TitleGrade::Assistant => "assistant",
            TitleGrade::Intermediate => "intermediate",
            TitleGrade::AssociateSenior => "associate_senior",
            TitleGrade::Senior => "senior",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.as_str() == s)
    }
    /// The catalogue's name of this level.
    pub fn label(self) -> &'static str {
        match self {
            TitleGrade::Junior => "员级",
            TitleGrade::Assistant => "助理级",
            TitleGrade::Intermediate => "中级",
            TitleGrade::AssociateSenior => "副高级",
            TitleGrade::Senior => "正高级",
        }
    }
}

/// The current title an applicant must hold, and for how long.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TitleRequirement {
    /// At least this level (a higher one also counts).
    pub level: TitleGrade,
    /// Full years held since it was obtained.
    #[schema(minimum = 0, maximum = 50, example = 5)]
    pub min_years_held: u32,
}

/// 继续教育: at least `hours_per_year` hours in each of the last `years` calendar years.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ContinuingEducationRequirement {
    #[schema(minimum = 1, maximum = 1000, example = 90)]
    pub hours_per_year: u32,
    #[schema(minimum = 1, maximum = 10, example = 5)]
    pub years: u32,
}

/// 年度考核: 合格 or better in each of the last `years` calendar years.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AssessmentRequirement {
    #[schema(minimum = 1, maximum = 10, example = 3)]
    pub years: u32,
}

/// 申报对象资格 as rules; an absent rule is not checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EligibilityRules {
    /// Minimum full years in the profession (从事本专业技术工作年限).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 0, maximum = 50, example = 10, nullable = false)]
    pub min_years_in_profession: Option<u32>,
    /// Minimum education (最低学历).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub min_education: Option<EducationLevel>,
    /// Current title level and minimum years held (现职称及任职年限).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub current_title: Option<TitleRequirement>,
    /// Continuing-education hours (继续教育学时).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub continuing_education: Option<ContinuingEducationRequirement>,
    /// Annual assessments (年度考核).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub assessments: Option<AssessmentRequirement>,
}

impl EligibilityRules {
    /// Range checks, each error under `rules.…`.
    pub fn validate(&self, errs: &mut FieldErrors) {
        if self.min_years_in_profession.is_some_and(|y| y > 50) {
            errs.push(
                "rules.min_years_in_profession",
                "专业工作年限要求应在0到50年之间",
            );
        }
        if let Some(t) = &self.current_title
            && t.min_years_held > 50
        {
            errs.push(
                "rules.current_title.min_years_held",
                "任职年限要求应在0到50年之间",
            );
        }
        if let Some(c) = &self.continuing_education {
            if !(1..=1000).contains(&c.hours_per_year) {
                errs.push(
                    "rules.continuing_education.hours_per_year",
                    "每年继续教育学时要求应在1到1000之间",
                );
            }
            if !(1..=10).contains(&c.years) {
                errs.push(
                    "rules.continuing_education.years",
                    "继续教育考查年数应在1到10之间",
                );
            }
        }
        if let Some(a) = &self.assessments
            && !(1..=10).contains(&a.years)
        {
            errs.push("rules.assessments.years", "年度考核考查年数应在1到10之间");
        }
    }
}

/// The title an applicant holds now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct HeldTitle {
    pub level: TitleGrade,
    /// 取得时间
    pub since: NaiveDate,
}

/// What the rules are checked against; `None` / a missing year means "not known".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ApplicantSummary {
    pub years_in_profession: Option<u32>,
    pub highest_education: Option<EducationLevel>,
    pub current_title: Option<HeldTitle>,
    /// Continuing-education hours by calendar year.
    pub ce_hours: BTreeMap<i32, u32>,
    /// Annual assessment result by calendar year.
    pub assessments: BTreeMap<i32, AssessmentResult>,
}

/// Which rule an outcome is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    YearsInProfession,
    Education,
    CurrentTitle,
    ContinuingEducation,
    Assessments,
}

/// One rule checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RuleOutcome {
    pub rule: RuleKind,
    pub met: bool,
    /// Why, in Chinese.
    pub reason: String,
}

/// Full years from `since` to `as_of` (0 when `since` is later).
pub fn full_years(since: NaiveDate, as_of: NaiveDate) -> u32 {
    let mut y = as_of.year() - since.year();
    if (as_of.month(), as_of.day()) < (since.month(), since.day()) {
        y -= 1;
    }
    y.max(0) as u32
}

/// The calendar years "the last `n` years" means on `as_of`: the `n` completed years before it.
fn last_years(as_of: NaiveDate, n: u32) -> std::ops::Range<i32> {
    (as_of.year() - n as i32)..as_of.year()
}

/// Checks every rule `rules` sets against `who` on the day `as_of`, in a fixed order.
pub fn evaluate(
    rules: &EligibilityRules,
    who: &ApplicantSummary,
    as_of: NaiveDate,
) -> Vec<RuleOutcome> {
    let mut out = Vec::new();
    let mut push = |rule, met, reason: String| out.push(RuleOutcome { rule, met, reason });
    if let Some(min) = rules.min_years_in_profession {
        match who.years_in_profession {
            None => push(
                RuleKind::YearsInProfession,
                false,
                format!("缺少从事本专业工作年限信息，要求不少于{min}年"),
            ),
            Some(y) if y >= min => push(
                RuleKind::YearsInProfession,
                true,
                format!("从事本专业工作{y}年，要求不少于{min}年"),
            ),
            Some(y) => push(
                RuleKind::YearsInProfession,
                false,
                format!("从事本专业工作{y}年，不足要求的{min}年"),
            ),
        }
    }
    if let Some(min) = rules.min_education {
        match who.highest_education {
            None => push(
                RuleKind::Education,
                false,
                format!("缺少学历信息，要求{}及以上", min.label()),
            ),
            Some(e) if education_rank(e) >= education_rank(min) => push(
                RuleKind::Education,
                true,
                format!("最高学历{}，要求{}及以上", e.label(), min.label()),
            ),
            Some(e) => push(
                RuleKind::Education,
                false,
                format!("最高学历{}，低于要求的{}", e.label(), min.label()),
            ),
        }
    }
    if let Some(req) = &rules.current_title {
        let need = format!("{}及以上职称满{}年", req.level.label(), req.min_years_held);
        match &who.current_title {
            None => push(
                RuleKind::CurrentTitle,
                false,
                format!("缺少现职称信息，要求{need}"),
            ),
            Some(t) if t.level < req.level => push(
                RuleKind::CurrentTitle,
                false,
                format!("现职称为{}，要求{need}", t.level.label()),
            ),
            Some(t) => {
                let held = full_years(t.since, as_of);
                if held >= req.min_years_held {
                    push(
                        RuleKind::CurrentTitle,
                        true,
                        format!("现职称{}，已任职{held}年，要求{need}", t.level.label()),
                    )
                } else {
                    push(
                        RuleKind::CurrentTitle,
                        false,
                        format!("现职称{}仅任职{held}年，要求{need}", t.level.label()),
                    )
                }
            }
        }
    }
    if let Some(req) = &rules.continuing_education {
        let years = last_years(as_of, req.years);
        let mut missing = Vec::new();
        let mut short = Vec::new();
        for y in years.clone() {
            match who.ce_hours.get(&y) {
                None => missing.push(y.to_string()),
                Some(h) if *h < req.hours_per_year => short.push(format!("{y}年{h}学时")),
                Some(_) => {}
            }
        }
        let need = format!(
            "{}—{}年每年继续教育不少于{}学时",
            years.start,
            years.end - 1,
            req.hours_per_year
        );
        if missing.is_empty() && short.is_empty() {
            push(RuleKind::ContinuingEducation, true, format!("已满足{need}"));
        } else {
            let mut why = Vec::new();
            if !missing.is_empty() {
                why.push(format!("缺少{}年的学时记录", missing.join("、")));
            }
            if !short.is_empty() {
                why.push(format!("学时不足：{}", short.join("、")));
            }
            push(
                RuleKind::ContinuingEducation,
                false,
                format!("要求{need}；{}", why.join("；")),
            );
        }
    }
    if let Some(req) = &rules.assessments {
        let years = last_years(as_of, req.years);
        let mut missing = Vec::new();
        let mut below = Vec::new();
        for y in years.clone() {
            match who.assessments.get(&y) {
                None => missing.push(y.to_string()),
                Some(r) if !assessment_passes(*r) => below.push(format!("{y}年{}", r.label())),
                Some(_) => {}
            }
        }
        let need = format!("{}—{}年年度考核均为合格及以上", years.start, years.end - 1);
        if missing.is_empty() && below.is_empty() {
            push(RuleKind::Assessments, true, format!("已满足{need}"));
        } else {
            let mut why = Vec::new();
            if !missing.is_empty() {
                why.push(format!("缺少{}年的考核结果", missing.join("、")));
            }
            if !below.is_empty() {
                why.push(format!("考核未达合格：{}", below.join("、")));
            }
            push(
                RuleKind::Assessments,
                false,
                format!("要求{need}；{}", why.join("；")),
            );
        }
    }
    out
}

/// Whether every rule is met.
pub fn all_met(outcomes: &[RuleOutcome]) -> bool {
    outcomes.iter().all(|o| o.met)
}

/// The summary of an applicant's (approved) archive records on `as_of`: the highest
/// education; years in the profession counted from the earliest work-history start; the
/// highest 专业技术资格 whose 资格级别 is a catalogue level, held since it was first obtained at
/// that level; training hours summed by the year a course ended (whole hours); the annual
/// assessment of each year (the worst when a year has several).
pub fn summary_from_archive(
    records: &[crate::archive::categories::ArchiveData],
    as_of: NaiveDate,
) -> ApplicantSummary {
    use crate::archive::categories::ArchiveData;
    let mut out = ApplicantSummary::default();
    let mut first_work: Option<NaiveDate> = None;
    for r in records {
        match r {
            ArchiveData::Education(e)
                if out
                    .highest_education
                    .is_none_or(|h| education_rank(e.education_level) > education_rank(h)) =>
            {
                out.highest_education = Some(e.education_level);
            }
            ArchiveData::WorkHistory(w) => {
                first_work = Some(first_work.map_or(w.start_date, |f| f.min(w.start_date)));
            }
            ArchiveData::Training(t) => {
                *out.ce_hours.entry(t.end_date.year()).or_default() += t.hours.max(0.0) as u32;
            }
            ArchiveData::Qualification(q) => {
                if let Some(level) = TitleGrade::ALL.into_iter().find(|g| g.label() == q.level) {
                    let better = match &out.current_title {
                        None => true,
                        Some(h) => {
                            level > h.level || (level == h.level && q.obtained_date < h.since)
                        }
                    };
                    if better {
                        out.current_title = Some(HeldTitle {
                            level,
                            since: q.obtained_date,
                        });
                    }
                }
            }
            ArchiveData::Assessment(a) => {
                let rank = |r: AssessmentResult| match r {
                    AssessmentResult::Fail => 0,
                    AssessmentResult::BasicPass => 1,
                    AssessmentResult::Pass => 2,
                    AssessmentResult::Excellent => 3,
                };
                let slot = out.assessments.entry(a.year).or_insert(a.result);
                if rank(a.result) < rank(*slot) {
                    *slot = a.result;
                }
            }
            _ => {}
        }
    }
    out.years_in_profession = first_work.map(|f| full_years(f, as_of));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    const TODAY: (i32, u32, u32) = (2026, 11, 27);
    fn today() -> NaiveDate {
        d(TODAY.0, TODAY.1, TODAY.2)
    }
    fn one(rules: EligibilityRules, who: &ApplicantSummary) -> RuleOutcome {
        let out = evaluate(&rules, who, today());
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(!out[0].reason.is_empty());
        out.into_iter().next().unwrap()
    }

    #[test]
    fn no_rules_nothing_checked() {
        assert!(
            evaluate(
                &EligibilityRules::default(),
                &ApplicantSummary::default(),
                today()
            )
            .is_empty()
        );
        assert!(all_met(&[]));
    }

    #[test]
    fn years_in_profession_boundaries() {
        let rules = EligibilityRules {
            min_years_in_profession: Some(10),
            ..Default::default()
        };
        let who = |y| ApplicantSummary {
            years_in_profession: y,
            ..Default::default()
        };
        assert!(one(rules.clone(), &who(Some(10))).met);
        assert!(one(rules.clone(), &who(Some(11))).met);
        let below = one(rules.clone(), &who(Some(9)));
        assert!(!below.met && below.reason.contains("不足"));
        let missing = one(rules, &who(None));
        assert!(!missing.met && missing.reason.contains("缺少"));
    }

    #[test]
    fn education_boundaries() {
        let rules = EligibilityRules {
            min_education: Some(EducationLevel::Bachelor),
            ..Default::default()
        };
        let who = |e| ApplicantSummary {
            highest_education: e,
            ..Default::default()
        };
        assert!(one(rules.clone(), &who(Some(EducationLevel::Bachelor))).met);
        assert!(one(rules.clone(), &who(Some(EducationLevel::Doctor))).met);
        let below = one(rules.clone(), &who(Some(EducationLevel::College)));
        assert!(!below.met && below.reason.contains("大学专科"));
        assert!(!one(rules, &who(None)).met);
    }

    #[test]
    fn current_title_level_and_years_boundaries() {
        let rules = EligibilityRules {
            current_title: Some(TitleRequirement {
                level: TitleGrade::Intermediate,
                min_years_held: 5,
            }),
            ..Default::default()
        };
        let who = |level, since| ApplicantSummary {
            current_title: Some(HeldTitle { level, since }),
            ..Default::default()
        };
        // exactly five years today
        assert!(
            one(
                rules.clone(),
                &who(TitleGrade::Intermediate, d(2021, 11, 27))
            )
            .met
        );
        // one day short of five years
        let short = one(
            rules.clone(),
            &who(TitleGrade::Intermediate, d(2021, 11, 28)),
        );
        assert!(
            !short.met && short.reason.contains("仅任职4年"),
            "{short:?}"
        );
        // a higher level counts
        assert!(
            one(
                rules.clone(),
                &who(TitleGrade::AssociateSenior, d(2020, 1, 1))
            )
            .met
        );
        // one level below
        let low = one(rules.clone(), &who(TitleGrade::Assistant, d(2000, 1, 1)));
        assert!(!low.met && low.reason.contains("助理级"));
        let missing = one(rules, &ApplicantSummary::default());
        assert!(!missing.met && missing.reason.contains("缺少"));
    }

    #[test]
    fn continuing_education_boundaries() {
        let rules = EligibilityRules {
            continuing_education: Some(ContinuingEducationRequirement {
                hours_per_year: 90,
                years: 3,
            }),
            ..Default::default()
        };
        let who = |hours: &[(i32, u32)]| ApplicantSummary {
            ce_hours: hours.iter().copied().collect(),
            ..Default::default()
        };
        // the last three completed years are 2023–2025; 2026 does not count
        assert!(one(rules.clone(), &who(&[(2023, 90), (2024, 90), (2025, 120)])).met);
        let short = one(rules.clone(), &who(&[(2023, 90), (2024, 89), (2025, 90)]));
        assert!(
            !short.met && short.reason.contains("2024年89学时"),
            "{short:?}"
        );
        let missing = one(rules.clone(), &who(&[(2024, 90), (2025, 90), (2026, 200)]));
        assert!(
            !missing.met && missing.reason.contains("缺少2023年"),
            "{missing:?}"
        );
        assert!(!one(rules, &ApplicantSummary::default()).met);
    }

    #[test]
    fn assessment_boundaries() {
        let rules = EligibilityRules {
            assessments: Some(AssessmentRequirement { years: 2 }),
            ..Default::default()
        };
        let who = |r: &[(i32, AssessmentResult)]| ApplicantSummary {
            assessments: r.iter().copied().collect(),
            ..Default::default()
        };
        use AssessmentResult::*;
        assert!(one(rules.clone(), &who(&[(2024, Pass), (2025, Excellent)])).met);
        let below = one(rules.clone(), &who(&[(2024, BasicPass), (2025, Pass)]));
        assert!(
            !below.met && below.reason.contains("2024年基本合格"),
            "{below:?}"
        );
        let missing = one(rules.clone(), &who(&[(2025, Pass)]));
        assert!(!missing.met && missing.reason.contains("缺少2024年"));
        assert!(!one(rules, &ApplicantSummary::default()).met);
    }

    #[test]
    fn all_rules_in_order_and_range_checks() {
        let rules = EligibilityRules {
            min_years_in_profession: Some(51),
            min_education: Some(EducationLevel::College),
            current_title: Some(TitleRequirement {
                level: TitleGrade::Intermediate,
                min_years_held: 51,
            }),
            continuing_education: Some(ContinuingEducationRequirement {
                hours_per_year: 0,
                years: 11,
            }),
            assessments: Some(AssessmentRequirement { years: 0 }),
        };
        let out = evaluate(&rules, &ApplicantSummary::default(), today());
        let kinds: Vec<_> = out.iter().map(|o| o.rule).collect();
        assert_eq!(
            kinds,
            [
                RuleKind::YearsInProfession,
                RuleKind::Education,
                RuleKind::CurrentTitle,
                RuleKind::ContinuingEducation,
                RuleKind::Assessments
            ]
        );
        assert!(!all_met(&out));
        let mut errs = FieldErrors::default();
        rules.validate(&mut errs);
        let e = errs.finish().unwrap_err();
        assert_eq!(e.errors.len(), 5, "{:?}", e.errors);
        let mut ok = FieldErrors::default();
        EligibilityRules::default().validate(&mut ok);
        assert!(ok.finish().is_ok());
    }

    #[test]
    fn full_years_counts_anniversaries() {
        assert_eq!(full_years(d(2020, 2, 29), d(2021, 2, 28)), 0);
        assert_eq!(full_years(d(2020, 2, 29), d(2021, 3, 1)), 1);
        assert_eq!(full_years(d(2030, 1, 1), today()), 0);
    }

    #[test]
    fn summary_from_archive_records() {
        use crate::archive::categories::ArchiveData;
        let recs: Vec<ArchiveData> = serde_json::from_value(serde_json::json!([
            {"category": "education", "data": {"start_date": "2008-09-01", "end_date": "2012-06-30", "school": "河海大学", "major": "水利工程", "education_level": "大学本科"}},
            {"category": "education", "data": {"start_date": "2012-09-01", "end_date": "2015-06-30", "school": "河海大学", "major": "水利工程", "education_level": "硕士研究生"}},
            {"category": "work_history", "data": {"start_date": "2016-07-01", "unit": "甲", "post": "技术员", "work_content": "设计"}},
            {"category": "work_history", "data": {"start_date": "2015-07-01", "end_date": "2016-06-30", "unit": "乙", "post": "技术员", "work_content": "设计"}},
            {"category": "training", "data": {"start_date": "2025-03-01", "end_date": "2025-03-05", "course": "甲", "organiser": "乙", "hours": 60.0, "kind": "专业科目"}},
            {"category": "training", "data": {"start_date": "2025-05-01", "end_date": "2025-05-05", "course": "丙", "organiser": "乙", "hours": 30.5, "kind": "公需科目"}},
            {"category": "qualification", "data": {"name": "助理工程师", "level": "助理级", "specialty": "水利", "obtained_date": "2016-12-01", "certificate_no": "1", "obtained_by": "认定"}},
            {"category": "qualification", "data": {"name": "工程师", "level": "中级", "specialty": "水利", "obtained_date": "2020-12-01", "certificate_no": "2", "obtained_by": "评审"}},
            {"category": "assessment", "data": {"year": 2024, "result": "优秀"}},
            {"category": "assessment", "data": {"year": 2024, "result": "基本合格"}},
            {"category": "assessment", "data": {"year": 2025, "result": "合格"}}
        ]))
        .unwrap();
        let s = summary_from_archive(&recs, today());
        assert_eq!(s.highest_education, Some(EducationLevel::Master));
        assert_eq!(s.years_in_profession, Some(11));
        assert_eq!(
            s.current_title,
            Some(HeldTitle {
                level: TitleGrade::Intermediate,
                since: d(2020, 12, 1)
            })
        );
        assert_eq!(s.ce_hours.get(&2025), Some(&90));
        assert_eq!(s.assessments.get(&2024), Some(&AssessmentResult::BasicPass));
        assert_eq!(s.assessments.get(&2025), Some(&AssessmentResult::Pass));
        assert_eq!(
            summary_from_archive(&[], today()),
            ApplicantSummary::default()
        );
    }
}
