//! The CJK font of generated PDFs: read once, checked, shared.
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use krilla::Data;
use krilla::text::Font;
use skrifa::FontRef;

use super::{PdfError, layout::Measurer};

/// Where Debian's `fonts-noto-cjk` puts Noto Sans CJK.
pub const NOTO_SANS_CJK_PATH: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
/// The Simplified Chinese face in `NotoSansCJK-Regular.ttc` (0 = JP, 1 = KR, 2 = SC, 3 = TC).
pub const NOTO_SANS_CJK_SC_INDEX: u32 = 2;

/// A CJK font, loaded once and shared. Cloning is cheap (reference-counted).
#[derive(Clone)]
pub struct PdfFonts {
    pub(super) font: Font,
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
        // The documents' own text (with sample values) must be fully covered.
        if !fonts.measurer()?.missing(&super::probe_text()).is_empty() {
            return Err(PdfError::FontLacksChinese);
        }
        Ok(fonts)
    }

    /// Glyph advances of this font, for layout.
    pub fn measurer(&self) -> Result<Measurer<'_>, PdfError> {
        Measurer::new(&self.data, self.index)
    }
}

/// The shared test font (Debian's `fonts-noto-cjk`), loaded once per test binary.
#[cfg(test)]
pub(super) fn test_fonts() -> &'static PdfFonts {
    static FONTS: std::sync::OnceLock<PdfFonts> = std::sync::OnceLock::new();
    FONTS.get_or_init(|| {
        load_cjk_font(Path::new(NOTO_SANS_CJK_PATH), NOTO_SANS_CJK_SC_INDEX)
            .expect("fonts-noto-cjk must be installed for these tests")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_are_shareable_across_threads() {
        fn assert_send_sync_clone<T: Send + Sync + Clone + 'static>() {}
        assert_send_sync_clone::<PdfFonts>();
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
}
