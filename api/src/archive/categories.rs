//! The seventeen archive categories 业绩档案类别 with their typed fields, and the
//! cross-field rules each record must satisfy (SPEC Appendix A).
use chrono::{Datelike, NaiveDate};
use sea_orm::{DeriveActiveEnum, EnumIter, sea_query::StringLen};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::FieldErrors;

macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $label:tt),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
        pub enum $name {
            $(#[serde(rename = $label)] $variant),+
        }
        impl $name {
            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }
        }
    };
}

labelled_enum!(EducationLevel { Doctor = "博士研究生", Master = "硕士研究生", Bachelor = "大学本科", College = "大学专科", Secondary = "中专", HighSchool = "高中及以下" });
labelled_enum!(Degree { Doctor = "博士", Master = "硕士", Bachelor = "学士", None = "无" });
labelled_enum!(StudyMode { FullTime = "全日制", PartTime = "非全日制" });
labelled_enum!(TrainingKind { Public = "公需科目", Professional = "专业科目" });
labelled_enum!(TrainingMode { Online = "线上", Offline = "线下" });
labelled_enum!(PostLevel { National = "国家级", Provincial = "省级", City = "市级", Other = "其他" });
labelled_enum!(AwardGrade { Special = "特等", First = "一等", Second = "二等", Third = "三等", Other = "其他" });
labelled_enum!(AwardLevel { National = "国家级", Provincial = "省部级", Municipal = "市厅级", County = "县处级", Other = "其他" });
labelled_enum!(ProjectRole { Lead = "主持", Participant = "参与" });
labelled_enum!(ProjectState { Ongoing = "在研", Concluded = "结题" });
labelled_enum!(IndexedBy { Sci = "SCI", Ei = "EI", Ssci = "SSCI", Cssci = "CSSCI", PkuCore = "北大核心", SciTechCore = "科技核心", General = "一般" });
labelled_enum!(BookKind { Monograph = "专著", Compiled = "编著", Translation = "译著", Textbook = "教材" });
labelled_enum!(BookRole { Sole = "独著", Editor = "主编", DeputyEditor = "副主编", Contributor = "参编" });
labelled_enum!(PatentKind { Invention = "发明专利", UtilityModel = "实用新型", Design = "外观设计", Software = "软件著作权", OtherCopyright = "其他著作权" });
labelled_enum!(StandardLevel { International = "国际", National = "国家", Industry = "行业", Local = "地方", Group = "团体", Enterprise = "企业" });
labelled_enum!(AdoptionForm { Instruction = "批示", Adoption = "采纳", Application = "应用", Promotion = "推广" });
labelled_enum!(ObtainedBy { Exam = "考试", Review = "评审", Recognition = "认定" });
labelled_enum!(RewardKind { Reward = "奖励", Punishment = "处分" });
labelled_enum!(AssessmentResult { Excellent = "优秀", Pass = "合格", BasicPass = "基本合格", Fail = "不合格" });

/// 1 教育经历
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Education {
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// 学校名称 / 学位授予单位
    pub school: String,
    /// 所学专业
    pub major: String,
    pub education_level: EducationLevel,
    pub degree: Option<Degree>,
    /// 学制（年）
    pub schooling_years: Option<f64>,
    pub study_mode: Option<StudyMode>,
    /// 毕业证书编号
    pub diploma_no: Option<String>,
    /// 学位证书编号
    pub degree_certificate_no: Option<String>,
    /// 是否最高学历
    #[serde(default)]
    pub highest: bool,
}

/// 2 工作经历
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct WorkHistory {
    pub start_date: NaiveDate,
    /// Empty for 至今 (up to now).
    pub end_date: Option<NaiveDate>,
    pub unit: String,
    /// 职务 / 岗位
    pub post: String,
    /// 从事专业技术工作
    pub work_content: String,
    /// 证明人
    pub referee: Option<String>,
}

/// 3 继续教育（培训）
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Training {
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// 课程 / 培训内容
    pub course: String,
    /// 主办单位
    pub organiser: String,
    /// 学时 (> 0)
    pub hours: f64,
    pub kind: TrainingKind,
    pub mode: Option<TrainingMode>,
    pub certificate_no: Option<String>,
}

/// 4 学术技术兼职
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PartTimePost {
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    /// 兼职组织
    pub organisation: String,
    /// 兼任职务
    pub post: String,
    pub level: Option<PostLevel>,
}

/// 5 获奖
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Award {
    pub date: NaiveDate,
    /// 获奖项目 / 作品名称
    pub project_title: String,
    /// 奖项名称
    pub award_name: String,
    pub grade: AwardGrade,
    pub level: AwardLevel,
    /// 授奖单位
    pub awarding_body: Option<String>,
    /// 本人排名
    pub rank: u32,
    /// 总人数
    pub total: u32,
}

/// 6 获得荣誉称号
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Honor {
    pub date: NaiveDate,
    pub title: String,
    pub awarding_body: String,
    pub level: AwardLevel,
}

/// 7 主持参与科研项目（基金）
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ResearchProject {
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub name: String,
    /// 项目来源
    pub source: String,
    pub level: AwardLevel,
    pub project_no: Option<String>,
    /// 经费（万元）
    pub funding: Option<f64>,
    pub role: ProjectRole,
    pub rank: Option<u32>,
    pub state: Option<ProjectState>,
    /// 验收（结题）结论
    pub acceptance_result: Option<String>,
}

/// 8 主持参与工程技术项目
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct EngineeringProject {
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub name: String,
    /// 规模 / 投资额（万元）
    pub scale: Option<String>,
    /// 建设（业主）单位
    pub owner_unit: Option<String>,
    /// 本人角色及承担的工作
    pub role_and_duties: String,
    pub rank: Option<u32>,
    pub acceptance_result: Option<String>,
    pub acceptance_date: Option<NaiveDate>,
}

/// 9 论文
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Paper {
    pub title: String,
    /// 刊物名称
    pub journal: String,
    pub publication_date: NaiveDate,
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub pages: Option<String>,
    pub issn: Option<String>,
    /// 国内统一刊号 CN
    pub cn_number: Option<String>,
    /// 本人排名
    pub author_rank: u32,
    /// 作者总数
    pub author_total: u32,
    #[serde(default)]
    pub first_author: bool,
    #[serde(default)]
    pub corresponding_author: bool,
    /// 收录情况
    pub indexed_by: IndexedBy,
    pub doi: Option<String>,
    /// 代表作
    #[serde(default)]
    pub representative: bool,
}

/// 10 著（译）作（教材）
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Book {
    pub title: String,
    pub publisher: String,
    pub publication_date: NaiveDate,
    pub isbn: String,
    pub kind: BookKind,
    pub role: BookRole,
    /// 本人撰写字数（万字）
    pub words_written: Option<f64>,
}

/// 11 专利（著作权）
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Patent {
    pub kind: PatentKind,
    pub title: String,
    /// 专利号 / 登记号
    pub number: String,
    /// 授权 / 登记日期
    pub grant_date: NaiveDate,
    /// 专利权人
    pub patentee: Option<String>,
    pub rank: u32,
    pub total: u32,
    /// 是否已转化
    #[serde(default)]
    pub commercialised: bool,
}

/// 12 主持（参与）制定标准
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Standard {
    pub name: String,
    pub number: String,
    pub level: StandardLevel,
    pub publication_date: NaiveDate,
    pub role: ProjectRole,
    pub rank: Option<u32>,
}

/// 13 成果被批示、采纳、运用和推广
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AdoptedResult {
    pub name: String,
    /// 批示 / 采纳单位
    pub adopter: String,
    pub date: NaiveDate,
    pub form: AdoptionForm,
    /// 取得成效
    pub effect: Option<String>,
    /// 批示（采纳）层级
    pub endorsement_level: Option<AwardLevel>,
}

/// 14 专业技术资格证书（考试）
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Qualification {
    pub name: String,
    /// 资格级别
    pub level: String,
    pub specialty: String,
    pub obtained_date: NaiveDate,
    pub certificate_no: String,
    pub issuer: Option<String>,
    pub obtained_by: ObtainedBy,
}

/// 15 资质证书
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Licence {
    pub name: String,
    pub number: String,
    pub specialty: String,
    pub issuer: String,
    pub issue_date: NaiveDate,
    pub valid_until: Option<NaiveDate>,
}

/// 16 奖惩情况
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RewardPunishment {
    pub date: NaiveDate,
    pub kind: RewardKind,
    pub content: String,
    /// 决定单位
    pub decided_by: String,
    pub document_no: Option<String>,
}

/// 17 考核情况
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Assessment {
    /// 考核年度
    pub year: i32,
    pub result: AssessmentResult,
    /// 考核单位
    pub assessing_unit: Option<String>,
}

/// A record's content: the category and its typed fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "category", content = "data", rename_all = "snake_case")]
pub enum ArchiveData {
    Education(Education),
    WorkHistory(WorkHistory),
    Training(Training),
    PartTimePost(PartTimePost),
    Award(Award),
    Honor(Honor),
    ResearchProject(ResearchProject),
    EngineeringProject(EngineeringProject),
    Paper(Paper),
    Book(Book),
    Patent(Patent),
    Standard(Standard),
    AdoptedResult(AdoptedResult),
    Qualification(Qualification),
    Licence(Licence),
    RewardPunishment(RewardPunishment),
    Assessment(Assessment),
}

/// The seventeen categories in the order of the manuals.
// Stored as the snake_case name in `archive_records.category`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
    EnumIter,
    DeriveActiveEnum,
)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum Category {
    #[sea_orm(string_value = "education")]
    Education,
    #[sea_orm(string_value = "work_history")]
    WorkHistory,
    #[sea_orm(string_value = "training")]
    Training,
    #[sea_orm(string_value = "part_time_post")]
    PartTimePost,
    #[sea_orm(string_value = "award")]
    Award,
    #[sea_orm(string_value = "honor")]
    Honor,
    #[sea_orm(string_value = "research_project")]
    ResearchProject,
    #[sea_orm(string_value = "engineering_project")]
    EngineeringProject,
    #[sea_orm(string_value = "paper")]
    Paper,
    #[sea_orm(string_value = "book")]
    Book,
    #[sea_orm(string_value = "patent")]
    Patent,
    #[sea_orm(string_value = "standard")]
    Standard,
    #[sea_orm(string_value = "adopted_result")]
    AdoptedResult,
    #[sea_orm(string_value = "qualification")]
    Qualification,
    #[sea_orm(string_value = "licence")]
    Licence,
    #[sea_orm(string_value = "reward_punishment")]
    RewardPunishment,
    #[sea_orm(string_value = "assessment")]
    Assessment,
}

impl Category {
    pub const ALL: [Category; 17] = [
        Category::Education,
        Category::WorkHistory,
        Category::Training,
        Category::PartTimePost,
        Category::Award,
        Category::Honor,
        Category::ResearchProject,
        Category::EngineeringProject,
        Category::Paper,
        Category::Book,
        Category::Patent,
        Category::Standard,
        Category::AdoptedResult,
        Category::Qualification,
        Category::Licence,
        Category::RewardPunishment,
        Category::Assessment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Education => "education",
            Category::WorkHistory => "work_history",
            Category::Training => "training",
            Category::PartTimePost => "part_time_post",
            Category::Award => "award",
            Category::Honor => "honor",
            Category::ResearchProject => "research_project",
            Category::EngineeringProject => "engineering_project",
            Category::Paper => "paper",
            Category::Book => "book",
            Category::Patent => "patent",
            Category::Standard => "standard",
            Category::AdoptedResult => "adopted_result",
            Category::Qualification => "qualification",
            Category::Licence => "licence",
            Category::RewardPunishment => "reward_punishment",
            Category::Assessment => "assessment",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// 1-based number as in the manuals.
    pub fn number(self) -> usize {
        Self::ALL.iter().position(|c| *c == self).unwrap() + 1
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::Education => "教育经历",
            Category::WorkHistory => "工作经历",
            Category::Training => "继续教育（培训）情况",
            Category::PartTimePost => "学术技术兼职情况",
            Category::Award => "获奖情况",
            Category::Honor => "获得荣誉称号情况",
            Category::ResearchProject => "主持参与科研项目（基金）情况",
            Category::EngineeringProject => "主持参与工程技术项目情况",
            Category::Paper => "论文",
            Category::Book => "著（译）作（教材）",
            Category::Patent => "专利（著作权）情况",
            Category::Standard => "主持（参与）制定标准情况",
            Category::AdoptedResult => "成果被批示、采纳、运用和推广情况",
            Category::Qualification => "专业技术资格证书（考试）",
            Category::Licence => "资质证书",
            Category::RewardPunishment => "奖惩情况",
            Category::Assessment => "考核情况",
        }
    }

    /// Categories that need at least one approved record before the person can declare.
    pub fn required_for_declaration(self) -> bool {
        matches!(
            self,
            Category::Education | Category::WorkHistory | Category::Assessment
        )
    }
}

/// Cross-field checks with Chinese messages, field names as `data.<field>`.
struct Check<'a> {
    errs: &'a mut FieldErrors,
    today: NaiveDate,
}

impl Check<'_> {
    fn text(&mut self, field: &str, v: &str, max: usize) {
        let n = v.trim().chars().count();
        if n == 0 {
            self.errs.push(&format!("data.{field}"), "此项为必填项");
        } else if n > max {
            self.errs
                .push(&format!("data.{field}"), format!("不能超过{max}个字符"));
        }
    }
    fn opt_text(&mut self, field: &str, v: &Option<String>, max: usize) {
        if let Some(v) = v
            && v.chars().count() > max
        {
            self.errs
                .push(&format!("data.{field}"), format!("不能超过{max}个字符"));
        }
    }
    fn past(&mut self, field: &str, d: NaiveDate) {
        if d > self.today {
            self.errs.push(&format!("data.{field}"), "日期不能晚于今天");
        } else if d.year() < 1900 {
            self.errs.push(&format!("data.{field}"), "日期不正确");
        }
    }
    fn opt_past(&mut self, field: &str, d: Option<NaiveDate>) {
        if let Some(d) = d {
            self.past(field, d);
        }
    }
    fn order(&mut self, start: NaiveDate, end: Option<NaiveDate>, end_field: &str) {
        self.past("start_date", start);
        if let Some(end) = end {
            self.past(end_field, end);
            if end < start {
                self.errs
                    .push(&format!("data.{end_field}"), "结束日期不能早于开始日期");
            }
        }
    }
    fn rank(&mut self, rank_field: &str, rank: u32, total_field: &str, total: u32) {
        if rank == 0 {
            self.errs
                .push(&format!("data.{rank_field}"), "排名应从1开始");
        }
        if total == 0 {
            self.errs
                .push(&format!("data.{total_field}"), "总人数应至少为1");
        } else if rank > total {
            self.errs
                .push(&format!("data.{rank_field}"), "本人排名不能大于总人数");
        }
    }
    fn opt_rank(&mut self, field: &str, rank: Option<u32>) {
        if rank == Some(0) {
            self.errs.push(&format!("data.{field}"), "排名应从1开始");
        }
    }
    fn non_negative(&mut self, field: &str, v: Option<f64>, positive: bool) {
        if let Some(v) = v {
            let bad = !v.is_finite() || v < 0.0 || (positive && v == 0.0) || v > 1.0e7;
            if bad {
                let msg = if positive {
                    "应为大于0的数"
                } else {
                    "不能为负数"
                };
                self.errs.push(&format!("data.{field}"), msg);
            }
        }
    }
}

const SHORT: usize = 100;
const LONG: usize = 300;
const TEXT: usize = 2000;

impl ArchiveData {
    pub fn category(&self) -> Category {
        match self {
            ArchiveData::Education(_) => Category::Education,
            ArchiveData::WorkHistory(_) => Category::WorkHistory,
            ArchiveData::Training(_) => Category::Training,
            ArchiveData::PartTimePost(_) => Category::PartTimePost,
            ArchiveData::Award(_) => Category::Award,
            ArchiveData::Honor(_) => Category::Honor,
            ArchiveData::ResearchProject(_) => Category::ResearchProject,
            ArchiveData::EngineeringProject(_) => Category::EngineeringProject,
            ArchiveData::Paper(_) => Category::Paper,
            ArchiveData::Book(_) => Category::Book,
            ArchiveData::Patent(_) => Category::Patent,
            ArchiveData::Standard(_) => Category::Standard,
            ArchiveData::AdoptedResult(_) => Category::AdoptedResult,
            ArchiveData::Qualification(_) => Category::Qualification,
            ArchiveData::Licence(_) => Category::Licence,
            ArchiveData::RewardPunishment(_) => Category::RewardPunishment,
            ArchiveData::Assessment(_) => Category::Assessment,
        }
    }

    /// Checks the record's fields and cross-field rules as of `today`.
    pub fn check(&self, errs: &mut FieldErrors, today: NaiveDate) {
        let mut c = Check { errs, today };
        match self {
            ArchiveData::Education(d) => {
                c.order(d.start_date, Some(d.end_date), "end_date");
                c.text("school", &d.school, SHORT);
                c.text("major", &d.major, SHORT);
                c.non_negative("schooling_years", d.schooling_years, true);
                c.opt_text("diploma_no", &d.diploma_no, 60);
                c.opt_text("degree_certificate_no", &d.degree_certificate_no, 60);
            }
            ArchiveData::WorkHistory(d) => {
                c.order(d.start_date, d.end_date, "end_date");
                c.text("unit", &d.unit, SHORT);
                c.text("post", &d.post, SHORT);
                c.text("work_content", &d.work_content, TEXT);
                c.opt_text("referee", &d.referee, 50);
            }
            ArchiveData::Training(d) => {
                c.order(d.start_date, Some(d.end_date), "end_date");
                c.text("course", &d.course, LONG);
                c.text("organiser", &d.organiser, SHORT);
                c.non_negative("hours", Some(d.hours), true);
                c.opt_text("certificate_no", &d.certificate_no, 60);
            }
            ArchiveData::PartTimePost(d) => {
                c.order(d.start_date, d.end_date, "end_date");
                c.text("organisation", &d.organisation, SHORT);
                c.text("post", &d.post, SHORT);
            }
            ArchiveData::Award(d) => {
                c.past("date", d.date);
                c.text("project_title", &d.project_title, LONG);
                c.text("award_name", &d.award_name, SHORT);
                c.opt_text("awarding_body", &d.awarding_body, SHORT);
                c.rank("rank", d.rank, "total", d.total);
            }
            ArchiveData::Honor(d) => {
                c.past("date", d.date);
                c.text("title", &d.title, SHORT);
                c.text("awarding_body", &d.awarding_body, SHORT);
            }
            ArchiveData::ResearchProject(d) => {
                c.order(d.start_date, d.end_date, "end_date");
                c.text("name", &d.name, LONG);
                c.text("source", &d.source, SHORT);
                c.opt_text("project_no", &d.project_no, 60);
                c.non_negative("funding", d.funding, false);
                c.opt_rank("rank", d.rank);
                c.opt_text("acceptance_result", &d.acceptance_result, SHORT);
            }
            ArchiveData::EngineeringProject(d) => {
                c.order(d.start_date, d.end_date, "end_date");
                c.text("name", &d.name, LONG);
                c.opt_text("scale", &d.scale, SHORT);
                c.opt_text("owner_unit", &d.owner_unit, SHORT);
                c.text("role_and_duties", &d.role_and_duties, TEXT);
                c.opt_rank("rank", d.rank);
                c.opt_text("acceptance_result", &d.acceptance_result, SHORT);
                c.opt_past("acceptance_date", d.acceptance_date);
                if let (Some(a), Some(e)) = (d.acceptance_date, Some(d.start_date))
                    && a < e
                {
                    c.errs
                        .push("data.acceptance_date", "验收日期不能早于项目开始日期");
                }
            }
            ArchiveData::Paper(d) => {
                c.text("title", &d.title, LONG);
                c.text("journal", &d.journal, SHORT);
                c.past("publication_date", d.publication_date);
                for (f, v) in [
                    ("volume", &d.volume),
                    ("issue", &d.issue),
                    ("pages", &d.pages),
                    ("issn", &d.issn),
                    ("cn_number", &d.cn_number),
                ] {
                    c.opt_text(f, v, 40);
                }
                c.opt_text("doi", &d.doi, 200);
                c.rank("author_rank", d.author_rank, "author_total", d.author_total);
                if d.first_author && d.author_rank != 1 {
                    c.errs.push("data.first_author", "第一作者的排名应为1");
                }
            }
            ArchiveData::Book(d) => {
                c.text("title", &d.title, LONG);
                c.text("publisher", &d.publisher, SHORT);
                c.past("publication_date", d.publication_date);
                c.text("isbn", &d.isbn, 20);
                c.non_negative("words_written", d.words_written, true);
            }
            ArchiveData::Patent(d) => {
                c.text("title", &d.title, LONG);
                c.text("number", &d.number, 60);
                c.past("grant_date", d.grant_date);
                c.opt_text("patentee", &d.patentee, SHORT);
                c.rank("rank", d.rank, "total", d.total);
            }
            ArchiveData::Standard(d) => {
                c.text("name", &d.name, LONG);
                c.text("number", &d.number, 60);
                c.past("publication_date", d.publication_date);
                c.opt_rank("rank", d.rank);
            }
            ArchiveData::AdoptedResult(d) => {
                c.text("name", &d.name, LONG);
                c.text("adopter", &d.adopter, SHORT);
                c.past("date", d.date);
                c.opt_text("effect", &d.effect, TEXT);
            }
            ArchiveData::Qualification(d) => {
                c.text("name", &d.name, SHORT);
                c.text("level", &d.level, 30);
                c.text("specialty", &d.specialty, SHORT);
                c.past("obtained_date", d.obtained_date);
                c.text("certificate_no", &d.certificate_no, 60);
                c.opt_text("issuer", &d.issuer, SHORT);
            }
            ArchiveData::Licence(d) => {
                c.text("name", &d.name, SHORT);
                c.text("number", &d.number, 60);
                c.text("specialty", &d.specialty, SHORT);
                c.text("issuer", &d.issuer, SHORT);
                c.past("issue_date", d.issue_date);
                if let Some(until) = d.valid_until
                    && until < d.issue_date
                {
                    c.errs.push("data.valid_until", "有效期不能早于发证日期");
                }
            }
            ArchiveData::RewardPunishment(d) => {
                c.past("date", d.date);
                c.text("content", &d.content, TEXT);
                c.text("decided_by", &d.decided_by, SHORT);
                c.opt_text("document_no", &d.document_no, 60);
            }
            ArchiveData::Assessment(d) => {
                if d.year < 1950 || d.year > c.today.year() {
                    c.errs.push("data.year", "考核年度不正确");
                }
                c.opt_text("assessing_unit", &d.assessing_unit, SHORT);
            }
        }
    }

    /// The title and date shown in lists (学校名称 / 项目名称 …, 日期).
    pub fn summary(&self) -> (String, Option<NaiveDate>) {
        match self {
            ArchiveData::Education(d) => (
                format!(
                    "{} · {}{}",
                    d.school,
                    d.education_level.label(),
                    d.degree
                        .map(|g| format!("/{}", g.label()))
                        .unwrap_or_default()
                ),
                Some(d.end_date),
            ),
            ArchiveData::WorkHistory(d) => (format!("{} · {}", d.unit, d.post), Some(d.start_date)),
            ArchiveData::Training(d) => {
                (format!("{}（{}学时）", d.course, d.hours), Some(d.end_date))
            }
            ArchiveData::PartTimePost(d) => (
                format!("{} · {}", d.organisation, d.post),
                Some(d.start_date),
            ),
            ArchiveData::Award(d) => (
                format!("{} · {}{}", d.project_title, d.award_name, d.grade.label()),
                Some(d.date),
            ),
            ArchiveData::Honor(d) => (d.title.clone(), Some(d.date)),
            ArchiveData::ResearchProject(d) => (d.name.clone(), Some(d.start_date)),
            ArchiveData::EngineeringProject(d) => (d.name.clone(), Some(d.start_date)),
            ArchiveData::Paper(d) => (
                format!("{} · {}", d.title, d.journal),
                Some(d.publication_date),
            ),
            ArchiveData::Book(d) => (
                format!("{} · {}", d.title, d.publisher),
                Some(d.publication_date),
            ),
            ArchiveData::Patent(d) => (
                format!("{} · {}", d.title, d.kind.label()),
                Some(d.grant_date),
            ),
            ArchiveData::Standard(d) => {
                (format!("{} {}", d.name, d.number), Some(d.publication_date))
            }
            ArchiveData::AdoptedResult(d) => (format!("{} · {}", d.name, d.adopter), Some(d.date)),
            ArchiveData::Qualification(d) => (
                format!("{} · {}", d.name, d.specialty),
                Some(d.obtained_date),
            ),
            ArchiveData::Licence(d) => (format!("{} · {}", d.name, d.number), Some(d.issue_date)),
            ArchiveData::RewardPunishment(d) => {
                (format!("{} · {}", d.kind.label(), d.content), Some(d.date))
            }
            ArchiveData::Assessment(d) => (
                format!("{}年度 · {}", d.year, d.result.label()),
                NaiveDate::from_ymd_opt(d.year, 12, 31),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn errors(v: serde_json::Value) -> Vec<String> {
        let data: ArchiveData = serde_json::from_value(v).unwrap();
        let mut errs = FieldErrors::default();
        data.check(&mut errs, today());
        match errs.finish() {
            Ok(()) => vec![],
            Err(e) => e
                .errors
                .into_iter()
                .map(|f| format!("{}: {}", f.field, f.message))
                .collect(),
        }
    }

    #[test]
    fn categories_round_trip_in_manual_order() {
        assert_eq!(Category::ALL.len(), 17);
        assert_eq!(Category::Paper.number(), 9);
        assert_eq!(Category::Assessment.number(), 17);
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(c));
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
            // the stored value is the API value
            assert_eq!(sea_orm::ActiveEnum::to_value(&c), c.as_str());
        }
        let required: Vec<_> = Category::ALL
            .into_iter()
            .filter(|c| c.required_for_declaration())
            .collect();
        assert_eq!(
            required,
            [
                Category::Education,
                Category::WorkHistory,
                Category::Assessment
            ]
        );
    }

    #[test]
    fn valid_records_pass() {
        assert!(errors(json!({"category": "education", "data": {"start_date": "2014-09-01", "end_date": "2018-06-30", "school": "浙江大学", "major": "水利工程", "education_level": "大学本科", "degree": "学士"}})).is_empty());
        assert!(errors(json!({"category": "work_history", "data": {"start_date": "2018-07-01", "end_date": null, "unit": "宁波市水利规划设计研究院有限公司", "post": "技术员", "work_content": "水工结构设计"}})).is_empty());
        assert!(
            errors(json!({"category": "assessment", "data": {"year": 2025, "result": "优秀"}}))
                .is_empty()
        );
        assert!(errors(json!({"category": "paper", "data": {"title": "大坝变形预测", "journal": "水利学报", "publication_date": "2024-05-01", "author_rank": 1, "author_total": 3, "first_author": true, "indexed_by": "EI"}})).is_empty());
    }

    #[test]
    fn cross_field_rules() {
        assert_eq!(
            errors(
                json!({"category": "education", "data": {"start_date": "2018-09-01", "end_date": "2014-06-30", "school": " ", "major": "水利", "education_level": "大学本科"}})
            ),
            [
                "data.end_date: 结束日期不能早于开始日期",
                "data.school: 此项为必填项"
            ]
        );
        assert_eq!(
            errors(
                json!({"category": "work_history", "data": {"start_date": "2027-01-01", "unit": "某单位", "post": "岗位", "work_content": "内容"}})
            ),
            ["data.start_date: 日期不能晚于今天"]
        );
        assert_eq!(
            errors(
                json!({"category": "training", "data": {"start_date": "2024-01-01", "end_date": "2024-01-02", "course": "公需课", "organiser": "人社局", "hours": 0, "kind": "公需科目"}})
            ),
            ["data.hours: 应为大于0的数"]
        );
        assert_eq!(
            errors(
                json!({"category": "award", "data": {"date": "2024-01-01", "project_title": "项目", "award_name": "科技进步奖", "grade": "一等", "level": "省部级", "rank": 4, "total": 3}})
            ),
            ["data.rank: 本人排名不能大于总人数"]
        );
        assert_eq!(
            errors(
                json!({"category": "paper", "data": {"title": "t", "journal": "j", "publication_date": "2024-05-01", "author_rank": 2, "author_total": 3, "first_author": true, "indexed_by": "一般"}})
            ),
            ["data.first_author: 第一作者的排名应为1"]
        );
        assert_eq!(
            errors(json!({"category": "assessment", "data": {"year": 2030, "result": "合格"}})),
            ["data.year: 考核年度不正确"]
        );
    }

    #[test]
    fn unknown_values_do_not_parse() {
        assert!(
            serde_json::from_value::<ArchiveData>(
                json!({"category": "assessment", "data": {"year": 2025, "result": "很好"}})
            )
            .is_err()
        );
        assert!(
            serde_json::from_value::<ArchiveData>(json!({"category": "weather", "data": {}}))
                .is_err()
        );
    }

    #[test]
    fn summaries() {
        let d: ArchiveData = serde_json::from_value(json!({"category": "education", "data": {"start_date": "2014-09-01", "end_date": "2018-06-30", "school": "测试", "major": "m", "education_level": "大学本科", "degree": "学士"}})).unwrap();
        assert_eq!(
            d.summary(),
            (
                "测试 · 大学本科/学士".to_owned(),
                NaiveDate::from_ymd_opt(2018, 6, 30)
            )
        );
    }
}
