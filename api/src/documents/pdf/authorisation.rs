//! 《用人单位委托证明》: the one-page authorisation an employer prints, stamps, scans and uploads
//! back (SPEC §4.2).
use chrono::NaiveDate;

use super::{
    PdfError, PdfFonts,
    layout::{
        DocumentInfo, Layout, MARGIN_X, Measurer, PAGE_H, PAGE_W, Rule, TEXT_W, TextRun, Tone,
        blank_or, chinese_date, render, tidy, wrap,
    },
};

/// What goes into 《用人单位委托证明》.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorisationTemplate<'a> {
    pub unit_name: &'a str,
    /// 统一社会信用代码; `None` (or blank) prints "无".
    pub credit_code: Option<&'a str>,
    /// The unit's 政务服务网法人账号 (login name).
    pub account: &'a str,
    /// The person the unit authorises to use the account.
    pub operator_name: &'a str,
    /// The platform's name, quoted in the text and used as the watermark.
    pub platform_name: &'a str,
    /// The date printed under the signatures and from which the authorisation runs.
    pub date: NaiveDate,
}

/// Lowest baseline for the signature block (footer and watermark live below it).
const BOTTOM_LIMIT: f32 = PAGE_H - 100.0;
const TITLE: &str = "用人单位委托证明";
const SIGNATURE_LABELS: [&str; 2] = ["单位（公章）：", "法定代表人（签字）："];

struct Texts {
    paragraphs: Vec<String>,
    date: String,
    platform: String,
    footer: String,
}

impl Texts {
    /// Everything that will be printed, to check the font has a glyph for each character.
    fn all(&self) -> String {
        let mut all = format!("{TITLE}{}", SIGNATURE_LABELS.concat());
        for s in self
            .paragraphs
            .iter()
            .chain([&self.date, &self.platform, &self.footer])
        {
            all.push_str(s);
        }
        all
    }
}

fn texts(input: &AuthorisationTemplate) -> Texts {
    let blank = "________________";
    let unit = blank_or(tidy(input.unit_name), blank);
    let code = blank_or(tidy(input.credit_code.unwrap_or("")), "无");
    let account = blank_or(tidy(input.account), blank);
    let operator = blank_or(tidy(input.operator_name), "__________");
    let platform = blank_or(tidy(input.platform_name), "职称申报与评审管理服务平台");
    let date = chinese_date(input.date);
    Texts {
        paragraphs: vec![
            format!(
                "兹委托{operator}作为我单位（{unit}，统一社会信用代码：{code}）“{platform}”账号\
                 （{account}）的使用人，负责本单位专业技术人员业绩档案审核、职称申报资格审查及推荐\
                 等相关工作。被委托人在上述平台中的操作行为视同本单位行为，由本单位承担相应责任。"
            ),
            format!("委托期限：自{date}起至本单位书面撤销委托之日止。"),
            "特此证明。".to_string(),
        ],
        date,
        footer: format!("本模板由“{platform}”生成，加盖单位公章后扫描上传"),
        platform,
    }
}

fn layout(m: &Measurer, input: &AuthorisationTemplate) -> Result<Layout, PdfError> {
    let t = texts(input);
    let missing = m.missing(&t.all());
    if !missing.is_empty() {
        return Err(PdfError::UnsupportedCharacters(missing));
    }
    // Shrink the body until it and the signatures fit on one page.
    for body_size in [16.0, 15.0, 14.0, 13.0, 12.0] {
        if let Some(layout) = layout_at(m, &t, body_size) {
            return Ok(layout);
        }
    }
    Err(PdfError::TooLong)
}

fn layout_at(m: &Measurer, t: &Texts, size: f32) -> Option<Layout> {
    let mut runs = Vec::new();
    let mut rules = Vec::new();
    let run = |x: f32, y: f32, size: f32, text: String, tone: Tone| {
        TextRun::measured(m, x, y, size, text, tone)
    };

    // Watermark first, so everything else is drawn over it: one diagonal line across the page.
    let wm_size = (PAGE_W * 0.95 / m.width(&t.platform, 1.0)).clamp(8.0, 40.0);
    let mut wm = run(0.0, 0.0, wm_size, t.platform.clone(), Tone::Watermark);
    wm.x = (PAGE_W - wm.width) / 2.0;
    wm.y = PAGE_H / 2.0 + wm_size / 3.0;
    wm.rotate = -35.0;
    runs.push(wm);

    // Title, centred, bold.
    let title_size = 26.0;
    let title_w = m.width(TITLE, title_size);
    let mut title = run(
        (PAGE_W - title_w) / 2.0,
        150.0,
        title_size,
        TITLE.into(),
        Tone::Text,
    );
    title.bold = true;
    runs.push(title);

    // Body paragraphs, first line indented two characters.
    let line_h = size * 1.9;
    let indent = 2.0 * size;
    let mut y = 150.0 + 70.0;
    for (i, para) in t.paragraphs.iter().enumerate() {
        for (j, line) in wrap(m, para, size, TEXT_W - indent, TEXT_W)
            .into_iter()
            .enumerate()
        {
            let x = if j == 0 { MARGIN_X + indent } else { MARGIN_X };
            runs.push(run(x, y, size, line, Tone::Text));
            y += line_h;
        }
        if i == 0 {
            y += line_h * 0.3;
        }
    }

    // Signature block at the bottom right: labels right-aligned on their colons, then equal
    // lines to the right margin, with room between the rows for the seal.
    let rule_len = 8.0 * size;
    let right = PAGE_W - MARGIN_X;
    let colon_x = right - rule_len;
    let row_h = size * 3.2;
    let mut y = (y + 2.0 * line_h).max(PAGE_H * 0.66);
    for label in SIGNATURE_LABELS {
        let w = m.width(label, size);
        runs.push(run(colon_x - w, y, size, label.into(), Tone::Text));
        rules.push(Rule {
            x1: colon_x + size * 0.25,
            x2: right,
            y: y + 3.0,
        });
        y += row_h;
    }
    let date_w = m.width(&t.date, size);
    runs.push(run(right - date_w, y, size, t.date.clone(), Tone::Text));
    if y > BOTTOM_LIMIT {
        return None;
    }

    // Footer: what this is and what to do with it, small and grey.
    let footer = t.footer.clone();
    let footer_size = (TEXT_W / m.width(&footer, 1.0)).min(9.0);
    let fw = m.width(&footer, footer_size);
    runs.push(run(
        (PAGE_W - fw) / 2.0,
        PAGE_H - 40.0,
        footer_size,
        footer,
        Tone::Footer,
    ));

    Some(Layout {
        runs,
        rules,
        body_size: size,
    })
}

/// The template's own text with sample values (see [`super::probe_text`]).
pub(super) fn probe_text() -> String {
    texts(&AuthorisationTemplate {
        unit_name: "某某单位",
        credit_code: None,
        account: "account_01",
        operator_name: "张三",
        platform_name: "",
        date: NaiveDate::default(),
    })
    .all()
}

/// 《用人单位委托证明》 as a one-page A4 PDF.
pub fn authorisation_template(
    fonts: &PdfFonts,
    input: &AuthorisationTemplate,
) -> Result<Vec<u8>, PdfError> {
    let layout = layout(&fonts.measurer()?, input)?;
    let info = DocumentInfo {
        title: TITLE,
        creator: input.platform_name,
        date: input.date,
    };
    render(fonts, &info, &[layout])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    fn fonts() -> &'static PdfFonts {
        super::super::fonts::test_fonts()
    }

    const PLATFORM: &str = "浙江省专业技术职务任职资格申报与评审管理服务平台";
    const LONG_UNIT: &str = "浙江省杭州市西湖区水利水电勘测设计研究院有限公司第二分公司大坝安全监测与智慧水利工程技术研究中心（杭州）";

    fn sample(unit: &str) -> AuthorisationTemplate<'_> {
        AuthorisationTemplate {
            unit_name: unit,
            credit_code: Some("91330106MA2H000018"),
            account: "zjsl_hr_admin",
            operator_name: "王晓燕",
            platform_name: PLATFORM,
            date: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        }
    }

    fn pdftotext(pdf: &[u8], name: &str) -> String {
        let dir = std::env::temp_dir().join("zcps-pdf-tests");
        std::fs::create_dir_all(&dir).unwrap();
        // The process id keeps concurrent test runs (two checkouts, CI) apart.
        let path = dir.join(format!("{}-{name}", std::process::id()));
        std::fs::write(&path, pdf).unwrap();
        let out = Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) must be installed");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn squash(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn long_unit_name_round_trips_through_pdftotext() {
        let pdf = authorisation_template(fonts(), &sample(LONG_UNIT)).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(
            pdf.len() < 200_000,
            "subset font expected, got {} bytes",
            pdf.len()
        );
        let text = pdftotext(&pdf, "long.pdf");
        let flat = squash(&text);
        for want in [
            "用人单位委托证明",
            LONG_UNIT,
            "兹委托王晓燕作为我单位",
            "统一社会信用代码：91330106MA2H000018",
            "账号（zjsl_hr_admin）的使用人",
            "由本单位承担相应责任。",
            "委托期限：自2026年11月2日起至本单位书面撤销委托之日止。",
            "单位（公章）：",
            "法定代表人（签字）：",
        ] {
            assert!(flat.contains(want), "missing {want:?} in:\n{text}");
        }
        assert!(
            flat.contains(PLATFORM),
            "watermark / platform name missing:\n{text}"
        );
    }

    #[test]
    fn no_credit_code_prints_wu_and_blank_fields_leave_blanks() {
        let mut input = sample("测试单位");
        input.credit_code = None;
        input.operator_name = "  ";
        let pdf = authorisation_template(fonts(), &input).unwrap();
        let flat = squash(&pdftotext(&pdf, "nocode.pdf"));
        assert!(
            flat.contains("（测试单位，统一社会信用代码：无）"),
            "{flat}"
        );
        assert!(flat.contains("兹委托__________作为"), "{flat}");
    }

    #[test]
    fn characters_outside_the_font_are_an_input_error() {
        let err = authorisation_template(fonts(), &sample("单位\u{E000}😀😀")).unwrap_err();
        assert_eq!(err.code().as_str(), "pdf_unsupported_characters");
        assert!(err.is_input_error());
        assert_eq!(
            err.message(),
            "以下字符无法在文件中显示：\u{E000}😀，请核对单位名称等信息或联系管理员"
        );
    }

    fn assert_inside_margins(layout: &Layout) {
        for run in layout.runs.iter().filter(|r| r.tone != Tone::Watermark) {
            assert!(run.x >= MARGIN_X - 0.01, "{run:?}");
            assert!(run.x + run.width <= PAGE_W - MARGIN_X + 0.01, "{run:?}");
            assert!(run.y <= PAGE_H - 30.0, "{run:?}");
        }
        for rule in &layout.rules {
            assert!(rule.x1 >= MARGIN_X && rule.x2 <= PAGE_W - MARGIN_X + 0.01);
        }
    }

    #[test]
    fn every_line_stays_inside_the_margins() {
        let m = fonts().measurer().unwrap();
        let long_latin = "A".repeat(300);
        let spaced =
            "Zhejiang Provincial Institute of Water Resources and Hydropower Design ".repeat(3);
        for unit in [LONG_UNIT, "短", long_latin.as_str(), spaced.as_str()] {
            let mut input = sample(unit);
            input.account = "an-extremely-long-account-name-without-any-spaces@zjzwfw.gov.cn";
            let layout = layout(&m, &input).unwrap();
            assert_inside_margins(&layout);
            // Nothing is lost in wrapping (spaces aside).
            let body: String = layout
                .runs
                .iter()
                .filter(|r| r.tone == Tone::Text)
                .map(|r| r.text.as_str())
                .collect();
            assert!(squash(&body).contains(&squash(unit)), "{unit}");
            let watermark = layout
                .runs
                .iter()
                .find(|r| r.tone == Tone::Watermark)
                .unwrap();
            assert_eq!(watermark.text, PLATFORM);
            assert!(watermark.rotate != 0.0);
        }
    }

    #[test]
    fn very_long_input_shrinks_then_fails_cleanly() {
        let m = fonts().measurer().unwrap();
        let longer = LONG_UNIT.repeat(3);
        let layout = layout(&m, &sample(&longer)).unwrap();
        assert!(layout.body_size < 16.0);
        assert_inside_margins(&layout);

        let absurd = LONG_UNIT.repeat(40);
        let err = authorisation_template(fonts(), &sample(&absurd)).unwrap_err();
        assert_eq!(err.code().as_str(), "pdf_text_too_long");
        assert!(err.is_input_error());
    }

    /// Writes the sample to `$ZCPS_PDF_OUT` for a person to look at; skipped when unset.
    #[test]
    fn write_sample_for_inspection() {
        if let Ok(path) = std::env::var("ZCPS_PDF_OUT") {
            let pdf = authorisation_template(fonts(), &sample(LONG_UNIT)).unwrap();
            std::fs::write(path, pdf).unwrap();
        }
    }
}
