//! Generated PDF documents. For now one: the template 《用人单位委托证明》 that an employer
//! downloads on first login, stamps, scans and uploads back (SPEC §4.2).
//!
//! The CJK font is read once at start-up ([`load_cjk_font`]) and kept in application state:
//! [`PdfFonts`] is cheap to clone and `Send + Sync`. Each document embeds only the subset of
//! glyphs it uses (a few tens of kilobytes).
//!
//! Layout is computed first (pure and testable: every line is measured with the
//! font's real glyph advances and wrapped CJK-style so that nothing crosses the margins), then
//! drawn with krilla.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::{Data, Document};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// Where Debian's `fonts-noto-cjk` puts Noto Sans CJK.
pub const NOTO_SANS_CJK_PATH: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
/// The Simplified Chinese face in `NotoSansCJK-Regular.ttc` (0 = JP, 1 = KR, 2 = SC, 3 = TC).
pub const NOTO_SANS_CJK_SC_INDEX: u32 = 2;

/// A CJK font, loaded once and shared. Cloning is cheap (reference-counted).
#[derive(Clone)]
pub struct PdfFonts {
    font: Font,
    data: Arc<Vec<u8>>,
    index: u32,
}

impl fmt::Debug for PdfFonts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PdfFonts")
            .field("bytes", &self.data.len())
            .field("index", &self.index)
            .finish()
    }
}

/// Read a CJK font file (`.ttf`, `.otf`, or a `.ttc` collection with the face `index`;
/// for Noto Sans CJK use [`NOTO_SANS_CJK_PATH`] and [`NOTO_SANS_CJK_SC_INDEX`]).
/// Fails if the file can't be read, isn't a font, or lacks common Chinese characters.
pub fn load_cjk_font(path: &Path, index: u32) -> Result<PdfFonts, PdfError> {
    let bytes = std::fs::read(path).map_err(|source| PdfError::FontUnreadable {
        path: path.to_path_buf(),
        source: Arc::new(source),
    })?;
    PdfFonts::from_bytes(bytes, index)
}

impl PdfFonts {
    /// A font from bytes already in memory (see [`load_cjk_font`]).
    pub fn from_bytes(bytes: Vec<u8>, index: u32) -> Result<Self, PdfError> {
        let data = Arc::new(bytes);
        // skrifa refuses a bad file or index with an error; krilla would `unwrap` later.
        FontRef::from_index(&data, index).map_err(|_| PdfError::FontInvalid { index })?;
        let font =
            Font::new(Data::from(data.clone()), index).ok_or(PdfError::FontInvalid { index })?;
        let fonts = PdfFonts { font, data, index };
        // The template's own text (with sample values) must be fully covered.
        let probe = texts(&AuthorisationTemplate {
            unit_name: "某某单位",
            credit_code: None,
            account: "account_01",
            operator_name: "张三",
            platform_name: "",
            date: NaiveDate::default(),
        });
        if !fonts.measurer()?.missing(&probe.all()).is_empty() {
            return Err(PdfError::FontLacksChinese);
        }
        Ok(fonts)
    }

    fn measurer(&self) -> Result<Measurer<'_>, PdfError> {
        Measurer::new(&self.data, self.index)
    }
}

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

/// Why a PDF could not be made. [`PdfError::code`] is stable; [`PdfError::message`] is Chinese.
#[derive(Debug, Clone)]
pub enum PdfError {
    /// The font file could not be read (a deployment problem).
    FontUnreadable {
        path: PathBuf,
        source: Arc<std::io::Error>,
    },
    /// The bytes are not a font, or the collection has no face `index`.
    FontInvalid { index: u32 },
    /// The font has no glyphs for common Chinese characters.
    FontLacksChinese,
    /// The input has characters the font can't show (listed once each, in order).
    UnsupportedCharacters(String),
    /// The input is too long to fit the page even at the smallest text size.
    TooLong,
    /// krilla failed to write the PDF.
    Render(String),
}

impl PdfError {
    /// Stable error code.
    pub fn code(&self) -> crate::error::ErrorCode {
        match self {
            PdfError::FontUnreadable { .. } => crate::error::ErrorCode::PdfFontUnreadable,
            PdfError::FontInvalid { .. } => crate::error::ErrorCode::PdfFontInvalid,
            PdfError::FontLacksChinese => crate::error::ErrorCode::PdfFontLacksChinese,
            PdfError::UnsupportedCharacters(_) => crate::error::ErrorCode::PdfUnsupportedCharacters,
            PdfError::TooLong => crate::error::ErrorCode::PdfTextTooLong,
            PdfError::Render(_) => crate::error::ErrorCode::PdfRenderFailed,
        }
    }

    /// `true` when the input is at fault (answer 422), `false` for a server fault (500).
    pub fn is_input_error(&self) -> bool {
        matches!(self, PdfError::UnsupportedCharacters(_) | PdfError::TooLong)
    }

    /// The message for the person (server faults get a generic text; log the `Display` form).
    pub fn message(&self) -> String {
        match self {
            PdfError::UnsupportedCharacters(chars) => {
                format!("以下字符无法在文件中显示：{chars}，请核对单位名称等信息或联系管理员")
            }
            PdfError::TooLong => "单位名称等信息过长，无法生成一页的委托证明，请核对后重试".into(),
            _ => "文件生成失败，请稍后重试或联系管理员".into(),
        }
    }
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::FontUnreadable { path, source } => {
                write!(f, "无法读取字体文件 {}：{source}", path.display())
            }
            PdfError::FontInvalid { index } => {
                write!(f, "字体文件无效或不含第 {index} 个字体")
            }
            PdfError::FontLacksChinese => f.write_str("字体不含常用汉字，请配置中文字体"),
            PdfError::Render(e) => write!(f, "PDF 生成失败：{e}"),
            other => f.write_str(&other.message()),
        }
    }
}

impl std::error::Error for PdfError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PdfError::FontUnreadable { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------

/// Glyph advances from the font's own tables, in em.
struct Measurer<'a> {
    charmap: skrifa::charmap::Charmap<'a>,
    metrics: skrifa::metrics::GlyphMetrics<'a>,
}

impl<'a> Measurer<'a> {
    fn new(data: &'a [u8], index: u32) -> Result<Self, PdfError> {
        let font = FontRef::from_index(data, index).map_err(|_| PdfError::FontInvalid { index })?;
        if font
            .metrics(Size::unscaled(), LocationRef::default())
            .units_per_em
            == 0
        {
            return Err(PdfError::FontInvalid { index });
        }
        Ok(Measurer {
            charmap: font.charmap(),
            // Unscaled advances are in font units; scale to 1 pt per em.
            metrics: font.glyph_metrics(Size::new(1.0), LocationRef::default()),
        })
    }

    fn has(&self, c: char) -> bool {
        self.charmap.map(c).is_some_and(|g| g.to_u32() != 0)
    }

    /// Width of `c` at 1 pt. Characters without a glyph count as one em (never too narrow).
    fn advance(&self, c: char) -> f32 {
        self.charmap
            .map(c)
            .and_then(|g| self.metrics.advance_width(g))
            .unwrap_or(1.0)
    }

    fn width(&self, s: &str, size: f32) -> f32 {
        s.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// Characters of `s` without a glyph, each once, in order (whitespace is ignored).
    fn missing(&self, s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            if !c.is_whitespace() && !self.has(c) && !out.contains(c) {
                out.push(c);
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Line breaking
// ---------------------------------------------------------------------------------------------

/// Characters after which a line may break (CJK ideographs, kana, fullwidth forms).
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x3100..=0x312F | 0x3190..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

/// May not start a line (禁则: closing brackets and punctuation).
fn no_line_start(c: char) -> bool {
    "，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}%".contains(c)
}

/// May not end a line (opening brackets and quotes).
fn no_line_end(c: char) -> bool {
    "（《「『【〔〈“‘([{".contains(c)
}

/// Split `text` into pieces that must stay together: one CJK character (with any closing
/// punctuation after it and opening punctuation before it), a run of Latin letters / digits,
/// or a run of spaces.
fn tokens(text: &str) -> Vec<String> {
    let mut raw: Vec<String> = Vec::new();
    for c in text.chars() {
        let joins = raw.last().is_some_and(|last| {
            let l = last.chars().last().unwrap_or(' ');
            if c.is_whitespace() {
                l.is_whitespace()
            } else {
                !l.is_whitespace() && !is_cjk(l) && !is_cjk(c) && !no_line_end(l)
            }
        });
        if joins {
            if let Some(last) = raw.last_mut() {
                last.push(c);
            }
        } else {
            raw.push(c.to_string());
        }
    }
    // Glue the 禁则 characters to their neighbours.
    let mut out: Vec<String> = Vec::new();
    for tok in raw {
        let first = tok.chars().next().unwrap_or(' ');
        let glue_to_prev = out.last().is_some_and(|prev: &String| {
            let last = prev.chars().last().unwrap_or(' ');
            !last.is_whitespace() && (no_line_start(first) || no_line_end(last))
        });
        match out.last_mut() {
            Some(prev) if glue_to_prev => prev.push_str(&tok),
            _ => out.push(tok),
        }
    }
    out
}

/// Greedy line filling. The first line has `first_width` (for the paragraph indent), the rest
/// `width`. A piece wider than a whole line is broken between characters.
fn wrap(m: &Measurer, text: &str, size: f32, first_width: f32, width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0.0f32;
    let avail = |lines: &Vec<String>| if lines.is_empty() { first_width } else { width };
    for tok in tokens(text) {
        let is_space = tok.chars().all(char::is_whitespace);
        if is_space && line.is_empty() {
            continue;
        }
        let w = m.width(&tok, size);
        if used + w <= avail(&lines) {
            line.push_str(&tok);
            used += w;
            continue;
        }
        if is_space {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            used = 0.0;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            used = 0.0;
        }
        if w <= avail(&lines) {
            line.push_str(&tok);
            used = w;
            continue;
        }
        // Too wide even for an empty line: break it between characters.
        for c in tok.chars() {
            let cw = m.advance(c) * size;
            if used + cw > avail(&lines) && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0.0;
            }
            line.push(c);
            used += cw;
        }
    }
    let last = line.trim_end();
    if !last.is_empty() {
        lines.push(last.to_string());
    }
    lines
}

// ---------------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------------

/// A4 in PDF points.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
/// 28 mm side margins, as in GB/T 9704 official documents.
const MARGIN_X: f32 = 79.37;
const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
/// Lowest baseline for the signature block (footer and watermark live below it).
const BOTTOM_LIMIT: f32 = PAGE_H - 100.0;
const TITLE: &str = "用人单位委托证明";
const SIGNATURE_LABELS: [&str; 2] = ["单位（公章）：", "法定代表人（签字）："];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tone {
    Text,
    Watermark,
    Footer,
}

/// A run of text; `(x, y)` is the start of its baseline, y measured from the top.
#[derive(Debug, Clone, PartialEq)]
struct TextRun {
    x: f32,
    y: f32,
    size: f32,
    text: String,
    width: f32,
    tone: Tone,
    /// Faux bold (fill and a thin stroke), for the title: one regular font file is enough.
    bold: bool,
    /// Degrees, about the run's centre.
    rotate: f32,
}

/// A signature underline from `(x1, y)` to `(x2, y)`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rule {
    x1: f32,
    x2: f32,
    y: f32,
}

#[derive(Debug, Clone, PartialEq)]
struct Layout {
    runs: Vec<TextRun>,
    rules: Vec<Rule>,
    body_size: f32,
}

/// Collapse whitespace and control characters; a blank value prints as a blank to fill in.
fn tidy(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn blank_or(s: String, blank: &str) -> String {
    if s.is_empty() { blank.to_string() } else { s }
}

/// `2026-11-02` → "2026年11月2日".
pub fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

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
        let width = m.width(&text, size);
        TextRun {
            x,
            y,
            size,
            text,
            width,
            tone,
            bold: false,
            rotate: 0.0,
        }
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

// ---------------------------------------------------------------------------------------------
// Drawing
// ---------------------------------------------------------------------------------------------

fn fill(r: u8, g: u8, b: u8) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn draw(surface: &mut Surface, font: &Font, layout: &Layout) {
    for run in &layout.runs {
        let colour = match run.tone {
            Tone::Text => fill(0, 0, 0),
            Tone::Watermark => fill(226, 226, 226),
            Tone::Footer => fill(140, 140, 140),
        };
        surface.set_fill(Some(colour));
        surface.set_stroke(run.bold.then(|| Stroke {
            width: run.size / 40.0,
            ..Default::default()
        }));
        let rotated = run.rotate != 0.0;
        if rotated {
            let (cx, cy) = (run.x + run.width / 2.0, run.y - run.size / 3.0);
            surface.push_transform(&Transform::from_rotate_at(run.rotate, cx, cy));
        }
        surface.draw_text(
            Point::from_xy(run.x, run.y),
            font.clone(),
            run.size,
            &run.text,
            // The watermark is drawn as glyph outlines, not text: it stays out of copy, search
            // and text extraction, where a diagonal line would interleave with the body.
            run.tone == Tone::Watermark,
            TextDirection::Auto,
        );
        if rotated {
            surface.pop();
        }
    }
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        width: 0.8,
        ..Default::default()
    }));
    for rule in &layout.rules {
        let mut pb = PathBuilder::new();
        pb.move_to(rule.x1, rule.y);
        pb.line_to(rule.x2, rule.y);
        if let Some(path) = pb.finish() {
            surface.draw_path(&path);
        }
    }
    surface.set_stroke(None);
}

/// 《用人单位委托证明》 as a one-page A4 PDF.
pub fn authorisation_template(
    fonts: &PdfFonts,
    input: &AuthorisationTemplate,
) -> Result<Vec<u8>, PdfError> {
    let layout = layout(&fonts.measurer()?, input)?;

    let mut document = Document::new();
    let d = input.date;
    document.set_metadata(
        Metadata::new()
            .title(TITLE.to_string())
            .creator(tidy(input.platform_name))
            .language("zh-CN".to_string())
            .creation_date(
                DateTime::new(d.year().clamp(0, 9999) as u16)
                    .month(d.month() as u8)
                    .day(d.day() as u8),
            ),
    );
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
        .ok_or_else(|| PdfError::Render("invalid page size".into()))?;
    {
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        draw(&mut surface, &fonts.font, &layout);
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| PdfError::Render(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;
    use std::sync::OnceLock;

    fn fonts() -> &'static PdfFonts {
        static FONTS: OnceLock<PdfFonts> = OnceLock::new();
        FONTS.get_or_init(|| {
            load_cjk_font(Path::new(NOTO_SANS_CJK_PATH), NOTO_SANS_CJK_SC_INDEX)
                .expect("fonts-noto-cjk must be installed for these tests")
        })
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
    fn fonts_are_shareable_across_threads() {
        fn assert_send_sync_clone<T: Send + Sync + Clone + 'static>() {}
        assert_send_sync_clone::<PdfFonts>();
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
    fn missing_font_file_is_an_error_not_a_panic() {
        let err = load_cjk_font(Path::new("/nonexistent/NoSuchFont.ttc"), 2).unwrap_err();
        assert_eq!(err.code().as_str(), "pdf_font_unreadable");
        assert!(!err.is_input_error());
        assert!(
            err.to_string().contains("/nonexistent/NoSuchFont.ttc"),
            "{err}"
        );
        assert_eq!(err.message(), "文件生成失败，请稍后重试或联系管理员");
    }

    #[test]
    fn bad_font_bytes_and_index_are_errors() {
        let err = PdfFonts::from_bytes(b"not a font at all".to_vec(), 0).unwrap_err();
        assert_eq!(err.code().as_str(), "pdf_font_invalid");
        let bytes = std::fs::read(NOTO_SANS_CJK_PATH).unwrap();
        let err = PdfFonts::from_bytes(bytes, 99).unwrap_err();
        assert_eq!(err.code().as_str(), "pdf_font_invalid");
    }

    #[test]
    fn latin_only_font_is_refused() {
        let latin = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"]
            .into_iter()
            .find(|p| Path::new(p).exists());
        if let Some(path) = latin {
            let err = load_cjk_font(Path::new(path), 0).unwrap_err();
            assert_eq!(err.code().as_str(), "pdf_font_lacks_chinese");
        }
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

    #[test]
    fn cjk_line_breaking_rules() {
        let m = fonts().measurer().unwrap();
        // 10 ideographs per line at 10 pt in 100 pt.
        let lines = wrap(&m, "一二三四五六七八九十，一二三", 10.0, 100.0, 100.0);
        // The comma may not start a line: it goes with 十 onto the next line.
        assert_eq!(lines, vec!["一二三四五六七八九", "十，一二三"]);
        let lines = wrap(&m, "一二三四五六七八九（十）", 10.0, 100.0, 100.0);
        assert_eq!(lines, vec!["一二三四五六七八九", "（十）"]);
        // Latin words are not split; spaces at a break disappear.
        let lines = wrap(&m, "abc defgh ijk", 10.0, 40.0, 40.0);
        assert!(
            lines
                .iter()
                .all(|l| !l.starts_with(' ') && !l.ends_with(' '))
        );
        assert_eq!(lines.concat().replace(' ', ""), "abcdefghijk");
        assert!(lines.contains(&"defgh".to_string()) || lines.iter().any(|l| l.contains("defgh")));
        // A word longer than a line is broken by characters.
        let lines = wrap(&m, &"W".repeat(50), 10.0, 100.0, 100.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| m.width(l, 10.0) <= 100.0));
        // First-line indent.
        let lines = wrap(&m, "一二三四五六七八九十一二", 10.0, 80.0, 100.0);
        assert_eq!(lines, vec!["一二三四五六七八", "九十一二"]);
        assert!(wrap(&m, "", 10.0, 80.0, 100.0).is_empty());
        assert!(wrap(&m, "   ", 10.0, 80.0, 100.0).is_empty());
    }

    #[test]
    fn chinese_dates() {
        assert_eq!(
            chinese_date(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()),
            "2026年1月5日"
        );
        assert_eq!(
            chinese_date(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()),
            "2026年12月31日"
        );
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
