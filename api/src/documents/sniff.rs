//! Upload content checks: what a file really is, judged by its first bytes.
//!
//! The file name (and its extension) and the client's `Content-Type` are never trusted: a PNG
//! renamed to `.jpg` is a PNG. Call [`check_upload`] on the complete body of an upload, after the
//! multipart reader has already stopped reading at `max_bytes + 1` bytes.

use std::fmt;

/// A file type the platform accepts for attachments and proofs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
}

impl FileKind {
    /// The MIME type to store and to send back in `Content-Type`.
    pub fn mime(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
        }
    }

    /// The canonical extension (without the dot) for stored and downloaded files.
    pub fn ext(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Jpeg => "jpg",
            FileKind::Png => "png",
        }
    }

    /// The extensions a person knows this type by, as named in messages.
    fn names(self) -> &'static [&'static str] {
        match self {
            FileKind::Pdf => &["pdf"],
            FileKind::Jpeg => &["jpg", "jpeg"],
            FileKind::Png => &["png"],
        }
    }

    fn is_image(self) -> bool {
        matches!(self, FileKind::Jpeg | FileKind::Png)
    }
}

const PDF_MAGIC: &[u8] = b"%PDF-";
const JPEG_MAGIC: &[u8] = &[0xFF, 0xD8, 0xFF];
const PNG_MAGIC: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// The type of a file judged by its magic bytes alone, or `None` if it is none of [`FileKind`].
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    if bytes.starts_with(PDF_MAGIC) {
        Some(FileKind::Pdf)
    } else if bytes.starts_with(JPEG_MAGIC) {
        Some(FileKind::Jpeg)
    } else if bytes.starts_with(PNG_MAGIC) {
        Some(FileKind::Png)
    } else {
        None
    }
}

/// Why an upload was refused. [`UploadError::code`] is stable and machine-readable;
/// [`UploadError::message`] is the Chinese text to show the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadError {
    /// The upload has no bytes at all.
    Empty,
    /// The upload is larger than `max_bytes`.
    TooLarge { max_bytes: usize },
    /// The content is not one of `allowed` (`detected` is what it really is, if known).
    TypeNotAllowed {
        allowed: Vec<FileKind>,
        detected: Option<FileKind>,
    },
}

impl UploadError {
    /// Stable error code for the API's problem responses.
    pub fn code(&self) -> crate::error::ErrorCode {
        match self {
            UploadError::Empty => crate::error::ErrorCode::FileEmpty,
            UploadError::TooLarge { .. } => crate::error::ErrorCode::FileTooLarge,
            UploadError::TypeNotAllowed { .. } => crate::error::ErrorCode::FileTypeNotAllowed,
        }
    }

    /// The message for the person, naming the limit or the allowed types.
    pub fn message(&self) -> String {
        match self {
            UploadError::Empty => "文件内容为空，请重新选择文件".to_string(),
            UploadError::TooLarge { max_bytes } => {
                format!("文件大小不能超过 {}", human_size(*max_bytes))
            }
            UploadError::TypeNotAllowed { allowed, .. } => {
                let mut names: Vec<&str> = Vec::new();
                for kind in allowed {
                    for name in kind.names() {
                        if !names.contains(name) {
                            names.push(name);
                        }
                    }
                }
                let noun = if !allowed.is_empty() && allowed.iter().all(|k| k.is_image()) {
                    "图片"
                } else {
                    "文件"
                };
                if names.is_empty() {
                    "当前不允许上传文件".to_string()
                } else {
                    format!(
                        "仅支持 {} 格式的{noun}，文件内容与格式不符",
                        names.join("、")
                    )
                }
            }
        }
    }
}

impl fmt::Display for UploadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for UploadError {}

/// `1048576` → "1 MB", `512000` → "500 KB", `1572864` → "1.5 MB", `100` → "100 字节".
fn human_size(bytes: usize) -> String {
    const KB: usize = 1024;
    const MB: usize = 1024 * 1024;
    if bytes >= MB {
        format_unit(bytes, MB, "MB")
    } else if bytes >= KB {
        format_unit(bytes, KB, "KB")
    } else {
        format!("{bytes} 字节")
    }
}

fn format_unit(bytes: usize, unit: usize, name: &str) -> String {
    if bytes.is_multiple_of(unit) {
        format!("{} {name}", bytes / unit)
    } else {
        // One decimal, rounded down so the stated limit is never more than the real one.
        let tenths = bytes * 10 / unit;
        if tenths.is_multiple_of(10) {
            format!("{} {name}", tenths / 10)
        } else {
            format!("{}.{} {name}", tenths / 10, tenths % 10)
        }
    }
}

/// Check an upload: not empty, at most `max_bytes`, and really one of `allowed`.
/// Returns the detected kind, which decides the stored extension and MIME type.
pub fn check_upload(
    bytes: &[u8],
    allowed: &[FileKind],
    max_bytes: usize,
) -> Result<FileKind, UploadError> {
    if bytes.is_empty() {
        return Err(UploadError::Empty);
    }
    if bytes.len() > max_bytes {
        return Err(UploadError::TooLarge { max_bytes });
    }
    let detected = sniff(bytes);
    match detected {
        Some(kind) if allowed.contains(&kind) => Ok(kind),
        _ => Err(UploadError::TypeNotAllowed {
            allowed: allowed.to_vec(),
            detected,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MB: usize = 1024 * 1024;

    fn png() -> Vec<u8> {
        let mut v = PNG_MAGIC.to_vec();
        v.extend_from_slice(b"\0\0\0\rIHDR rest of a png");
        v
    }
    fn jpeg() -> Vec<u8> {
        vec![
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0,
        ]
    }
    fn pdf() -> Vec<u8> {
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n".to_vec()
    }

    #[test]
    fn sniffs_by_magic_bytes() {
        assert_eq!(sniff(&png()), Some(FileKind::Png));
        assert_eq!(sniff(&jpeg()), Some(FileKind::Jpeg));
        assert_eq!(sniff(&pdf()), Some(FileKind::Pdf));
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"GIF89a...."), None);
        assert_eq!(sniff(b"PK\x03\x04 docx"), None);
        assert_eq!(sniff(b"<html>"), None);
    }

    #[test]
    fn magic_must_be_at_offset_zero_and_complete() {
        assert_eq!(sniff(b" %PDF-1.4"), None);
        assert_eq!(sniff(b"%PDF"), None);
        assert_eq!(sniff(&[0xFF, 0xD8]), None);
        assert_eq!(sniff(&PNG_MAGIC[..7]), None);
        // A PNG signature with a corrupted byte (e.g. text-mode transfer turned \r\n into \n).
        assert_eq!(sniff(b"\x89PNG\n\x1a\n\0\0\0"), None);
    }

    #[test]
    fn mime_and_ext() {
        assert_eq!(FileKind::Pdf.mime(), "application/pdf");
        assert_eq!(FileKind::Jpeg.mime(), "image/jpeg");
        assert_eq!(FileKind::Png.mime(), "image/png");
        assert_eq!(FileKind::Pdf.ext(), "pdf");
        assert_eq!(FileKind::Jpeg.ext(), "jpg");
        assert_eq!(FileKind::Png.ext(), "png");
    }

    #[test]
    fn png_renamed_jpg_fails_when_only_jpeg_allowed() {
        // Whatever the name said ("photo.jpg"), the content is a PNG.
        let err = check_upload(&png(), &[FileKind::Jpeg], MB).unwrap_err();
        assert_eq!(err.code().as_str(), "file_type_not_allowed");
        assert_eq!(
            err.message(),
            "仅支持 jpg、jpeg 格式的图片，文件内容与格式不符"
        );
        assert_eq!(
            err,
            UploadError::TypeNotAllowed {
                allowed: vec![FileKind::Jpeg],
                detected: Some(FileKind::Png)
            }
        );
    }

    #[test]
    fn accepts_allowed_kinds() {
        let images = [FileKind::Jpeg, FileKind::Png];
        assert_eq!(check_upload(&jpeg(), &images, MB), Ok(FileKind::Jpeg));
        assert_eq!(check_upload(&png(), &images, MB), Ok(FileKind::Png));
        assert_eq!(
            check_upload(&pdf(), &[FileKind::Pdf], MB),
            Ok(FileKind::Pdf)
        );
    }

    #[test]
    fn pdf_only_rejects_images_and_unknown() {
        for bytes in [jpeg(), png(), b"hello world".to_vec()] {
            let err = check_upload(&bytes, &[FileKind::Pdf], MB).unwrap_err();
            assert_eq!(err.code().as_str(), "file_type_not_allowed");
            assert_eq!(err.message(), "仅支持 pdf 格式的文件，文件内容与格式不符");
        }
    }

    #[test]
    fn mixed_allowed_list_names_every_type_once() {
        let err = check_upload(
            b"GIF89a",
            &[FileKind::Pdf, FileKind::Jpeg, FileKind::Png, FileKind::Jpeg],
            MB,
        )
        .unwrap_err();
        assert_eq!(
            err.message(),
            "仅支持 pdf、jpg、jpeg、png 格式的文件，文件内容与格式不符"
        );
        let err = check_upload(b"GIF89a", &[FileKind::Jpeg, FileKind::Png], MB).unwrap_err();
        assert_eq!(
            err.message(),
            "仅支持 jpg、jpeg、png 格式的图片，文件内容与格式不符"
        );
        let err = check_upload(b"GIF89a", &[], MB).unwrap_err();
        assert_eq!(err.code().as_str(), "file_type_not_allowed");
        assert_eq!(err.message(), "当前不允许上传文件");
    }

    #[test]
    fn empty_file() {
        let err = check_upload(b"", &[FileKind::Pdf], MB).unwrap_err();
        assert_eq!(err, UploadError::Empty);
        assert_eq!(err.code().as_str(), "file_empty");
        assert_eq!(err.message(), "文件内容为空，请重新选择文件");
    }

    #[test]
    fn size_limit_is_inclusive_and_checked_before_type() {
        let mut exact = jpeg();
        exact.resize(MB, 0);
        assert_eq!(
            check_upload(&exact, &[FileKind::Jpeg], MB),
            Ok(FileKind::Jpeg)
        );

        let mut over = jpeg();
        over.resize(MB + 1, 0);
        let err = check_upload(&over, &[FileKind::Jpeg], MB).unwrap_err();
        assert_eq!(err.code().as_str(), "file_too_large");
        assert_eq!(err.message(), "文件大小不能超过 1 MB");
        assert_eq!(err.to_string(), "文件大小不能超过 1 MB");

        // Too large wins over wrong type: the person fixes the size first either way.
        let big_garbage = vec![0u8; 11];
        let err = check_upload(&big_garbage, &[FileKind::Pdf], 10).unwrap_err();
        assert_eq!(err, UploadError::TooLarge { max_bytes: 10 });
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human_size(MB), "1 MB");
        assert_eq!(human_size(20 * MB), "20 MB");
        assert_eq!(human_size(MB + MB / 2), "1.5 MB");
        assert_eq!(human_size(500 * 1024), "500 KB");
        assert_eq!(human_size(1000), "1000 字节");
        assert_eq!(human_size(1_000_000), "976.5 KB");
        assert_eq!(human_size(MB + 1), "1 MB");
        assert_eq!(human_size(0), "0 字节");
    }
}
