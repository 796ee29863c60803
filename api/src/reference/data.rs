use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A coded reference item.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RefItem {
    #[schema(example = "01")]
    pub code: String,
    #[schema(example = "汉族")]
    pub name: String,
}

/// One level of a title series and the title names at that level.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TitleLevel {
    /// 员级 / 助理级 / 中级 / 副高级 / 正高级
    #[schema(example = "副高级")]
    pub level: String,
    #[schema(example = json!(["高级工程师"]))]
    pub titles: Vec<String>,
}

/// A professional-title series 职称系列 with its levels.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TitleSeries {
    #[schema(example = "engineering")]
    pub code: String,
    #[schema(example = "工程技术")]
    pub name: String,
    pub levels: Vec<TitleLevel>,
}

type Levels = &'static [(&'static str, &'static [&'static str])];

const SERIES: &[(&str, &str, Levels)] = &[
    (
        "engineering",
        "工程技术",
        &[
            ("员级", &["技术员"]),
            ("助理级", &["助理工程师"]),
            ("中级", &["工程师"]),
            ("副高级", &["高级工程师"]),
            ("正高级", &["正高级工程师"]),
        ],
    ),
    (
        "health",
        "卫生技术",
        &[
            ("员级", &["医士", "药士", "护士", "技士"]),
            ("助理级", &["医师", "药师", "护师", "技师"]),
            (
                "中级",
                &["主治（主管）医师", "主管药师", "主管护师", "主管技师"],
            ),
            (
                "副高级",
                &["副主任医师", "副主任药师", "副主任护师", "副主任技师"],
            ),
            ("正高级", &["主任医师", "主任药师", "主任护师", "主任技师"]),
        ],
    ),
    (
        "university_teacher",
        "高等学校教师",
        &[
            ("助理级", &["助教"]),
            ("中级", &["讲师"]),
            ("副高级", &["副教授"]),
            ("正高级", &["教授"]),
        ],
    ),
    (
        "school_teacher",
        "中小学教师",
        &[
            ("员级", &["三级教师"]),
            ("助理级", &["二级教师"]),
            ("中级", &["一级教师"]),
            ("副高级", &["高级教师"]),
            ("正高级", &["正高级教师"]),
        ],
    ),
    (
        "economics",
        "经济",
        &[
            ("助理级", &["助理经济师"]),
            ("中级", &["经济师"]),
            ("副高级", &["高级经济师"]),
            ("正高级", &["正高级经济师"]),
        ],
    ),
    (
        "accounting",
        "会计",
        &[
            ("助理级", &["助理会计师"]),
            ("中级", &["会计师"]),
            ("副高级", &["高级会计师"]),
            ("正高级", &["正高级会计师"]),
        ],
    ),
    (
        "agriculture",
        "农业技术",
        &[
            ("员级", &["农业技术员"]),
            ("助理级", &["助理农艺师", "助理畜牧师", "助理兽医师"]),
            ("中级", &["农艺师", "畜牧师", "兽医师"]),
            ("副高级", &["高级农艺师", "高级畜牧师", "高级兽医师"]),
            ("正高级", &["正高级农艺师", "正高级畜牧师", "正高级兽医师"]),
        ],
    ),
    (
        "natural_science",
        "自然科学研究",
        &[
            ("助理级", &["研究实习员"]),
            ("中级", &["助理研究员"]),
            ("副高级", &["副研究员"]),
            ("正高级", &["研究员"]),
        ],
    ),
];

pub fn title_series() -> Vec<TitleSeries> {
    SERIES
        .iter()
        .map(|(code, name, levels)| TitleSeries {
            code: (*code).to_owned(),
            name: (*name).to_owned(),
            levels: levels
                .iter()
                .map(|(level, titles)| TitleLevel {
                    level: (*level).to_owned(),
                    titles: titles.iter().map(|t| (*t).to_owned()).collect(),
                })
                .collect(),
        })
        .collect()
}

/// The 56 ethnicities with their GB 3304-91 codes.
const ETHNICITIES: [&str; 56] = [
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
];

/// Political statuses, GB/T 4762-1984 codes.
const POLITICAL_STATUSES: [&str; 13] = [
    "中共党员",
    "中共预备党员",
    "共青团员",
    "民革党员",
    "民盟盟员",
    "民建会员",
    "民进会员",
    "农工党党员",
    "致公党党员",
    "九三学社社员",
    "台盟盟员",
    "无党派人士",
    "群众",
];

const EDUCATION_LEVELS: [(&str, &str); 6] = [
    ("doctor", "博士研究生"),
    ("master", "硕士研究生"),
    ("bachelor", "大学本科"),
    ("college", "大学专科"),
    ("secondary_vocational", "中专"),
    ("high_school_or_below", "高中及以下"),
];

fn numbered(names: &[&str]) -> Vec<RefItem> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| RefItem {
            code: format!("{:02}", i + 1),
            name: (*n).to_owned(),
        })
        .collect()
}

pub fn ethnicities() -> Vec<RefItem> {
    numbered(&ETHNICITIES)
}

pub fn political_statuses() -> Vec<RefItem> {
    numbered(&POLITICAL_STATUSES)
}

pub fn education_levels() -> Vec<RefItem> {
    EDUCATION_LEVELS
        .iter()
        .map(|(c, n)| RefItem {
            code: (*c).to_owned(),
            name: (*n).to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_complete() {
        let series = title_series();
        for name in [
            "工程技术",
            "卫生技术",
            "高等学校教师",
            "中小学教师",
            "经济",
            "会计",
            "农业技术",
            "自然科学研究",
        ] {
            let s = series
                .iter()
                .find(|s| s.name == name)
                .unwrap_or_else(|| panic!("{name} missing"));
            assert!(
                s.levels.iter().any(|l| l.level == "正高级"),
                "{name} has no 正高级"
            );
        }
        let eng = &series[0];
        assert_eq!(eng.levels[3].titles, ["高级工程师"]);
        let e = ethnicities();
        assert_eq!(e.len(), 56);
        assert_eq!((e[0].code.as_str(), e[0].name.as_str()), ("01", "汉族"));
        assert_eq!(e[55].name, "基诺族");
        let mut names: Vec<_> = e.iter().map(|x| &x.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 56);
        assert_eq!(political_statuses()[12].name, "群众");
        assert_eq!(education_levels().len(), 6);
    }
}
