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
//!
//! - [`fonts`]: loading and checking the font;
//! - [`layout`]: measuring, line breaking, the page model and drawing it — shared by every
//!   document;
//! - one file per document, e.g. [`authorisation`]: its texts, its layout on the page, and the
//!   function that renders it. A new document is a new file of that kind, plus its sample text
//!   in [`probe_text`].

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

pub mod authorisation;
pub mod fonts;
pub mod layout;

pub use authorisation::{AuthorisationTemplate, authorisation_template};
pub use fonts::{NOTO_SANS_CJK_PATH, NOTO_SANS_CJK_SC_INDEX, PdfFonts, load_cjk_font};
pub use layout::chinese_date;

/// What every document prints whatever its input (with sample values): a font that lacks any
/// of it is refused at start-up ([`PdfError::FontLacksChinese`]).
fn probe_text() -> String {
    authorisation::probe_text()
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
