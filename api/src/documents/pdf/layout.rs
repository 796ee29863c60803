//! What every generated document shares: measuring text with the font's own glyph advances,
//! CJK line breaking (禁则), the page model (runs of text and rules at absolute positions on
//! A4), drawing it with krilla, and writing the PDF.
use chrono::{Datelike, NaiveDate};
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use super::{PdfError, PdfFonts};

// ---------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------

/// Glyph advances from the font's own tables, in em.
pub struct Measurer<'a> {
    charmap: skrifa::charmap::Charmap<'a>,
    metrics: skrifa::metrics::GlyphMetrics<'a>,
}

impl<'a> Measurer<'a> {
    pub(super) fn new(data: &'a [u8], index: u32) -> Result<Self, PdfError> {
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

    pub fn has(&self, c: char) -> bool {
        self.charmap.map(c).is_some_and(|g| g.to_u32() != 0)
    }

    /// Width of `c` at 1 pt. Characters without a glyph count as one em (never too narrow).
    pub fn advance(&self, c: char) -> f32 {
        self.charmap
            .map(c)
            .and_then(|g| self.metrics.advance_width(g))
            .unwrap_or(1.0)
    }

    pub fn width(&self, s: &str, size: f32) -> f32 {
        s.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// Characters of `s` without a glyph, each once, in order (whitespace is ignored).
    pub fn missing(&self, s: &str) -> String {
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
pub fn wrap(m: &Measurer, text: &str, size: f32, first_width: f32, width: f32) -> Vec<String> {
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
// The page
// ---------------------------------------------------------------------------------------------

/// A4 in PDF points.
pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
/// 28 mm side margins, as in GB/T 9704 official documents.
pub const MARGIN_X: f32 = 79.37;
pub const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tone {
    Text,
    Watermark,
    Footer,
}

/// A run of text; `(x, y)` is the start of its baseline, y measured from the top.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub text: String,
    pub width: f32,
    pub tone: Tone,
    /// Faux bold (fill and a thin stroke), for the title: one regular font file is enough.
    pub bold: bool,
    /// Degrees, about the run's centre.
    pub rotate: f32,
}

impl TextRun {
    /// Upright, regular `text` starting at `(x, y)`, its width measured with `m`.
    pub fn measured(m: &Measurer, x: f32, y: f32, size: f32, text: String, tone: Tone) -> Self {
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
    }
}

/// A signature underline from `(x1, y)` to `(x2, y)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x1: f32,
    pub x2: f32,
    pub y: f32,
}

#[derive(Debug, Clone, PartialEq)]
/// One page: what to draw where.
pub struct Layout {
    pub runs: Vec<TextRun>,
    pub rules: Vec<Rule>,
    pub body_size: f32,
}

/// Collapse whitespace and control characters; a blank value prints as a blank to fill in.
pub fn tidy(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn blank_or(s: String, blank: &str) -> String {
    if s.is_empty() { blank.to_string() } else { s }
}

/// `2026-11-02` → "2026年11月2日".
pub fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
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

pub fn draw(surface: &mut Surface, font: &Font, layout: &Layout) {
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

/// Document-level facts written into the PDF's metadata.
pub struct DocumentInfo<'a> {
    pub title: &'a str,
    /// The generating platform.
    pub creator: &'a str,
    pub date: NaiveDate,
}

/// Draws `pages` (A4 each) with `fonts` and writes the PDF.
pub fn render(
    fonts: &PdfFonts,
    info: &DocumentInfo,
    pages: &[Layout],
) -> Result<Vec<u8>, PdfError> {
    let mut document = Document::new();
    let d = info.date;
    document.set_metadata(
        Metadata::new()
            .title(info.title.to_string())
            .creator(tidy(info.creator))
            .language("zh-CN".to_string())
            .creation_date(
                DateTime::new(d.year().clamp(0, 9999) as u16)
                    .month(d.month() as u8)
                    .day(d.day() as u8),
            ),
    );
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
        .ok_or_else(|| PdfError::Render("invalid page size".into()))?;
    for layout in pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        draw(&mut surface, &fonts.font, layout);
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

    fn fonts() -> &'static PdfFonts {
        super::super::fonts::test_fonts()
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
}
