//! Import of papers (业绩档案 category 9 论文) from BibTeX and RIS files.
//!
//! Both parsers are forgiving: they never panic, a malformed entry is skipped (and named in
//! [`Import::skipped`]) and an entry that lacks something the form needs comes back with a
//! Chinese note in [`ParsedPaper::warnings`], so the person can complete it before saving.
//! Dates keep only year and month: the form asks the person for the exact day.
//!
//! BibTeX goes through the `biblatex` crate (braces, `@string` macros, `#` concatenation,
//! month macros, LaTeX accents); each entry is parsed on its own so that one bad entry does
//! not sink the file. RIS is a simple line format and is parsed here.

use std::borrow::Cow;
use std::fmt;

use biblatex::{Bibliography, Chunk, Entry};
use serde::Serialize;

/// One paper as read from an import file, to be shown for the person to complete and confirm.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct ParsedPaper {
    pub title: String,
    pub journal: Option<String>,
    pub year: Option<i32>,
    /// 1–12.
    pub month: Option<u32>,
    pub volume: Option<String>,
    pub issue: Option<String>,
    /// `"123-130"` or a single page / article number.
    pub pages: Option<String>,
    pub issn: Option<String>,
    /// Bare DOI (`10.xxxx/...`), without a `https://doi.org/` prefix.
    pub doi: Option<String>,
    /// In file order; Chinese names as written ("张明"), others as "Given Family".
    pub authors: Vec<String>,
    /// Chinese notes for the person, e.g. "缺少期刊名称".
    pub warnings: Vec<String>,
}

/// The outcome of an import: the papers found and, in Chinese, the entries that had to be
/// skipped because they could not be read at all.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Import {
    pub papers: Vec<ParsedPaper>,
    pub skipped: Vec<String>,
}

/// Which format a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CitationFormat {
    Bibtex,
    Ris,
}

/// Why an import yielded nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CitationError {
    /// No entry could be read from the file.
    NoEntries,
    /// The bytes are not UTF-8 / UTF-16 text (see [`decode_text`]).
    Encoding,
}

impl CitationError {
    /// Stable error code for the API's problem responses.
    pub fn code(&self) -> crate::error::ErrorCode {
        match self {
            CitationError::NoEntries => crate::error::ErrorCode::CitationNoEntries,
            CitationError::Encoding => crate::error::ErrorCode::CitationBadEncoding,
        }
    }

    /// The message for the person.
    pub fn message(&self) -> &'static str {
        match self {
            CitationError::NoEntries => "未识别到任何论文条目，请确认文件为 BibTeX 或 RIS 格式",
            CitationError::Encoding => "无法识别文件编码，请将文件以 UTF-8 编码保存后重新上传",
        }
    }
}

impl fmt::Display for CitationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for CitationError {}

const W_NO_TITLE: &str = "缺少论文题目";
const W_NO_JOURNAL: &str = "缺少期刊名称";
const W_NO_YEAR: &str = "缺少发表年份";
const W_NO_MONTH: &str = "缺少发表月份";
const W_NO_AUTHORS: &str = "缺少作者";

// ---------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------

/// Papers from a BibTeX (or BibLaTeX) file. Entries that cannot be parsed are skipped.
pub fn parse_bibtex(input: &str) -> Vec<ParsedPaper> {
    import_bibtex(input).papers
}

/// Papers from a RIS file. Records with nothing usable in them are skipped.
pub fn parse_ris(input: &str) -> Vec<ParsedPaper> {
    import_ris(input).papers
}

/// Papers from an uploaded file, choosing the format by the file name's extension (`.bib`,
/// `.ris`) or else by the content. Fails with [`CitationError::NoEntries`] if nothing is found.
pub fn parse_auto(filename: Option<&str>, input: &str) -> Result<Vec<ParsedPaper>, CitationError> {
    import_auto(filename, input).map(|(_, import)| import.papers)
}

/// Like [`parse_auto`], also telling which format was used and which entries were skipped.
pub fn import_auto(
    filename: Option<&str>,
    input: &str,
) -> Result<(CitationFormat, Import), CitationError> {
    let first = format_by_extension(filename).unwrap_or_else(|| sniff_format(input));
    let second = match first {
        CitationFormat::Bibtex => CitationFormat::Ris,
        CitationFormat::Ris => CitationFormat::Bibtex,
    };
    // A wrongly named file (RIS saved as .bib) still imports: try the other format too.
    for format in [first, second] {
        let import = match format {
            CitationFormat::Bibtex => import_bibtex(input),
            CitationFormat::Ris => import_ris(input),
        };
        if !import.papers.is_empty() {
            return Ok((format, import));
        }
    }
    Err(CitationError::NoEntries)
}

/// Decode an uploaded file to text: UTF-8 (with or without BOM) or UTF-16 with a BOM.
/// Anything else (e.g. GBK) fails with [`CitationError::Encoding`].
pub fn decode_text(bytes: &[u8]) -> Result<String, CitationError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8(rest.to_vec()).map_err(|_| CitationError::Encoding);
    }
    let utf16 = |rest: &[u8], be: bool| -> Result<String, CitationError> {
        if !rest.len().is_multiple_of(2) {
            return Err(CitationError::Encoding);
        }
        let units = rest.chunks_exact(2).map(|p| {
            if be {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| CitationError::Encoding)
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, false);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, true);
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| CitationError::Encoding)
}

fn format_by_extension(filename: Option<&str>) -> Option<CitationFormat> {
    let name = filename?;
    let (_, ext) = name.rsplit_once('.')?;
    match ext.to_ascii_lowercase().as_str() {
        "bib" | "bibtex" => Some(CitationFormat::Bibtex),
        "ris" => Some(CitationFormat::Ris),
        _ => None,
    }
}

fn sniff_format(input: &str) -> CitationFormat {
    let input = input.trim_start_matches('\u{feff}');
    for line in input.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if ris_line(line).is_some() {
            return CitationFormat::Ris;
        }
        if line.starts_with('@') {
            return CitationFormat::Bibtex;
        }
    }
    // No clear first line: whichever marker appears first.
    match (input.find('@'), input.find("TY  -")) {
        (Some(_), None) => CitationFormat::Bibtex,
        (None, Some(_)) => CitationFormat::Ris,
        (Some(a), Some(r)) if r < a => CitationFormat::Ris,
        _ => CitationFormat::Bibtex,
    }
}

// ---------------------------------------------------------------------------------------------
// BibTeX
// ---------------------------------------------------------------------------------------------

/// A top-level `@kind{...}` or `@kind(...)` block in a BibTeX file.
struct Block<'s> {
    kind: String,
    text: Cow<'s, str>,
    line: usize,
}

/// Papers from a BibTeX file, and which entries were skipped.
pub fn import_bibtex(input: &str) -> Import {
    let input = input.trim_start_matches('\u{feff}');
    let mut import = Import::default();
    // `@string` definitions, in order, as source text put before every entry.
    let mut strings = String::new();
    for block in split_bibtex(input) {
        match block.kind.as_str() {
            "comment" | "preamble" => {}
            "string" => {
                let candidate = format!("{strings}{}\n", block.text);
                if Bibliography::parse(&candidate).is_ok() {
                    strings = candidate;
                } else {
                    import.skipped.push(format!(
                        "第 {} 行的 @string 定义格式有误，已忽略",
                        block.line
                    ));
                }
            }
            _ => {
                let source = format!("{strings}{}", block.text);
                match Bibliography::parse(&source) {
                    Ok(bib) => {
                        for entry in bib.iter() {
                            if let Some(paper) = paper_from_bibtex(entry) {
                                import.papers.push(paper);
                            } else {
                                import.skipped.push(format!(
                                    "第 {} 行的条目没有可用的论文信息，已跳过",
                                    block.line
                                ));
                            }
                        }
                    }
                    Err(_) => import
                        .skipped
                        .push(format!("第 {} 行的条目格式有误，已跳过", block.line)),
                }
            }
        }
    }
    import
}

/// Split a BibTeX file into its top-level `@` blocks, matching braces (or the parentheses of
/// `@kind( ... )`). Text between blocks is a comment in BibTeX and is ignored. A block whose
/// braces never close is cut before the next `@` at the start of a line, so one unterminated
/// entry does not swallow the rest of the file.
fn split_bibtex(input: &str) -> Vec<Block<'_>> {
    let bytes = input.as_bytes();
    let mut blocks = Vec::new();
    let mut i = 0;
    // Line number of `counted_to`, advanced as we go so that counting stays linear.
    let (mut line, mut counted_to) = (1, 0);
    while let Some(off) = input[i..].find('@') {
        let start = i + off;
        line += input[counted_to..start].matches('\n').count();
        counted_to = start;
        // @kind
        let mut j = start + 1;
        while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_') {
            j += 1;
        }
        let kind = input[start + 1..j].to_ascii_lowercase();
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if kind.is_empty() || j >= bytes.len() || !(bytes[j] == b'{' || bytes[j] == b'(') {
            // A stray '@' (an e-mail address in a comment, garbage): not a block.
            i = start + 1;
            continue;
        }
        let parens = bytes[j] == b'(';
        let close = if parens { b')' } else { b'}' };
        let (end, text) = match block_end(bytes, j, close) {
            // biblatex reads only the brace form: rewrite `@kind( ... )` as `@kind{ ... }`.
            Some(end) if parens => (
                end,
                Cow::Owned(format!(
                    "{}{{{}}}",
                    &input[start..j],
                    &input[j + 1..end - 1]
                )),
            ),
            Some(end) => (end, Cow::Borrowed(&input[start..end])),
            None => {
                let end = next_line_start_at(input, j).unwrap_or(input.len());
                (end, Cow::Borrowed(&input[start..end]))
            }
        };
        blocks.push(Block { kind, text, line });
        i = end;
    }
    blocks
}

/// The index just past the delimiter that closes the block opened at `open`.
fn block_end(bytes: &[u8], open: usize, close: u8) -> Option<usize> {
    let mut depth = 0usize;
    let mut k = open + 1;
    while k < bytes.len() {
        let b = bytes[k];
        match b {
            b'\\' => k += 1, // skip the escaped character (\{, \})
            b'{' => depth += 1,
            b'}' if depth > 0 => depth -= 1,
            _ if b == close && depth == 0 => return Some(k + 1),
            _ => {}
        }
        k += 1;
    }
    None
}

/// The start of the first line after `from` whose first non-blank character is `@`.
fn next_line_start_at(input: &str, from: usize) -> Option<usize> {
    let mut pos = from;
    while let Some(nl) = input[pos..].find('\n') {
        let line_start = pos + nl + 1;
        let rest = &input[line_start..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        if trimmed.starts_with('@') {
            return Some(line_start + (rest.len() - trimmed.len()));
        }
        pos = line_start;
    }
    None
}

fn field(entry: &Entry, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| {
        entry
            .fields
            .get(*name)
            .map(|chunks| clean(&plain_text(chunks)))
            .filter(|s| !s.is_empty())
    })
}

/// Field text without TeX markup: biblatex has already resolved accents, escapes and
/// protective braces; drop formatting commands (`\textit{in situ}` → "in situ") and write
/// simple math as text (`CO$_2$` → "CO2").
fn plain_text(chunks: &[biblatex::Spanned<Chunk>]) -> String {
    let mut out = String::new();
    for chunk in chunks {
        match &chunk.v {
            Chunk::Normal(s) | Chunk::Verbatim(s) => out.push_str(&strip_commands(s)),
            Chunk::Math(s) => out.push_str(&math_text(s)),
        }
    }
    out
}

/// Commands that only style their argument.
const STYLE_COMMANDS: &[&str] = &[
    "textit",
    "textbf",
    "textsc",
    "textrm",
    "textsf",
    "texttt",
    "textup",
    "textmd",
    "textsl",
    "emph",
    "mbox",
    "text",
    "textnormal",
    "underline",
    "uline",
    "textsuperscript",
    "textsubscript",
    "mathrm",
    "mathit",
    "mathbf",
    "mathsf",
    "mathtt",
    "mathcal",
    "ensuremath",
    "url",
    "MakeUppercase",
    "MakeLowercase",
    "bf",
    "it",
    "em",
    "rm",
    "sc",
    "sf",
    "tt",
    "small",
    "large",
    "noopsort",
    "relax",
];

/// Drop style commands; the braces around their arguments go too.
fn strip_commands(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    // Brace depths whose closing brace belongs to a dropped command.
    let mut dropped: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let mut name = String::new();
                while let Some(&n) = chars.peek() {
                    if n.is_ascii_alphabetic() {
                        name.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                if name.is_empty() {
                    // An escaped symbol that biblatex left alone (e.g. "\\"): keep the symbol.
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                } else if STYLE_COMMANDS.contains(&name.as_str()) {
                    while chars.peek().is_some_and(|c| *c == ' ') {
                        chars.next();
                    }
                    if chars.peek() == Some(&'{') {
                        chars.next();
                        depth += 1;
                        dropped.push(depth);
                    }
                } else {
                    out.push('\\');
                    out.push_str(&name);
                }
            }
            '{' => {
                depth += 1;
                out.push(c);
            }
            '}' => {
                if dropped.last() == Some(&depth) {
                    dropped.pop();
                } else {
                    out.push(c);
                }
                depth = depth.saturating_sub(1);
            }
            _ => out.push(c),
        }
    }
    out
}

/// `_2` → "2", `^{13}C` → "13C", `\alpha` → "α"; other commands lose their backslash.
fn math_text(s: &str) -> String {
    const GREEK: &[(&str, &str)] = &[
        ("alpha", "α"),
        ("beta", "β"),
        ("gamma", "γ"),
        ("delta", "δ"),
        ("epsilon", "ε"),
        ("varepsilon", "ε"),
        ("zeta", "ζ"),
        ("eta", "η"),
        ("theta", "θ"),
        ("kappa", "κ"),
        ("lambda", "λ"),
        ("mu", "μ"),
        ("nu", "ν"),
        ("xi", "ξ"),
        ("pi", "π"),
        ("rho", "ρ"),
        ("sigma", "σ"),
        ("tau", "τ"),
        ("phi", "φ"),
        ("varphi", "φ"),
        ("chi", "χ"),
        ("psi", "ψ"),
        ("omega", "ω"),
        ("Gamma", "Γ"),
        ("Delta", "Δ"),
        ("Theta", "Θ"),
        ("Lambda", "Λ"),
        ("Pi", "Π"),
        ("Sigma", "Σ"),
        ("Phi", "Φ"),
        ("Psi", "Ψ"),
        ("Omega", "Ω"),
        ("times", "×"),
        ("pm", "±"),
        ("le", "≤"),
        ("leq", "≤"),
        ("ge", "≥"),
        ("geq", "≥"),
        ("circ", "°"),
        ("cdot", "·"),
        ("sim", "~"),
        ("infty", "∞"),
    ];
    let stripped = strip_commands(s);
    let mut out = String::new();
    let mut chars = stripped.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '_' | '^' | '{' | '}' => {}
            '\\' => {
                let mut name = String::new();
                while let Some(&n) = chars.peek() {
                    if n.is_ascii_alphabetic() {
                        name.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                match GREEK.iter().find(|(n, _)| *n == name) {
                    Some((_, g)) => out.push_str(g),
                    None if name.is_empty() => out.extend(chars.next()),
                    None => out.push_str(&name),
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn paper_from_bibtex(entry: &Entry) -> Option<ParsedPaper> {
    let kind = entry.entry_type.to_string().to_ascii_lowercase();
    let title = field(entry, &["title"]).unwrap_or_default();
    let journal = field(entry, &["journal", "journaltitle", "booktitle"]);
    let mut warnings = Vec::new();

    let (mut year, mut month) = (None, None);
    if let Some(date) = field(entry, &["date"]) {
        (year, month) = year_month(&date);
    }
    if year.is_none()
        && let Some(text) = field(entry, &["year"])
    {
        let (y, m) = year_month(&text);
        year = y;
        month = month.or(m);
        if year.is_none() {
            warnings.push(format!("发表年份“{text}”无法识别"));
        }
    }
    if month.is_none()
        && let Some(m) = field(entry, &["month"])
    {
        month = parse_month(&m);
        if month.is_none() {
            warnings.push(format!("发表月份“{m}”无法识别"));
        }
    }

    let authors = match entry.author() {
        Ok(people) => people
            .iter()
            // "and others" is BibTeX's et al.
            .filter(|p| !(p.name == "others" && p.given_name.is_empty()))
            .map(|p| {
                person_name(
                    &strip_commands(&p.name),
                    &strip_commands(&p.given_name),
                    &p.prefix,
                    &p.suffix,
                )
            })
            .filter(|s| !s.is_empty())
            .collect(),
        Err(_) => field(entry, &["author"])
            .map(|raw| {
                raw.split(" and ")
                    .map(clean)
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
    };

    let paper = ParsedPaper {
        title,
        journal,
        year,
        month,
        volume: field(entry, &["volume"]),
        issue: field(entry, &["number", "issue"]),
        pages: field(entry, &["pages"]).map(|p| normalise_pages(&p)),
        issn: field(entry, &["issn"]).map(|s| normalise_issn(&s)),
        doi: field(entry, &["doi"]).map(|s| normalise_doi(&s)),
        authors,
        warnings,
    };
    if !matches!(kind.as_str(), "article" | "periodical") && is_useful(&paper) {
        let mut paper = paper;
        paper
            .warnings
            .insert(0, format!("条目类型为 @{kind}，可能不是期刊论文，请核对"));
        return Some(finish(paper));
    }
    is_useful(&paper).then(|| finish(paper))
}

// ---------------------------------------------------------------------------------------------
// RIS
// ---------------------------------------------------------------------------------------------

/// `TAG  - value` → (TAG, value). Lenient about the spaces around the dash.
fn ris_line(line: &str) -> Option<(&str, &str)> {
    let b = line.as_bytes();
    if b.len() < 3
        || !b[0].is_ascii_uppercase()
        || !(b[1].is_ascii_uppercase() || b[1].is_ascii_digit())
    {
        return None;
    }
    let rest = &line[2..];
    let after_spaces = rest.trim_start_matches(' ');
    if after_spaces.len() == rest.len() || rest.len() - after_spaces.len() > 3 {
        return None;
    }
    let value = after_spaces.strip_prefix('-')?;
    Some((&line[..2], value.trim()))
}

#[derive(Default)]
struct RisRecord {
    kind: String,
    line: usize,
    fields: Vec<(String, String)>,
}

impl RisRecord {
    fn first(&self, tags: &[&str]) -> Option<String> {
        tags.iter().find_map(|tag| {
            self.fields
                .iter()
                .find(|(t, v)| t == tag && !v.trim().is_empty())
                .map(|(_, v)| clean(v))
        })
    }
    fn all(&self, tags: &[&str]) -> Vec<String> {
        self.fields
            .iter()
            .filter(|(t, v)| tags.contains(&t.as_str()) && !v.trim().is_empty())
            .map(|(_, v)| clean(v))
            .collect()
    }
}

/// Papers from a RIS file, and which records were skipped.
pub fn import_ris(input: &str) -> Import {
    let input = input.trim_start_matches('\u{feff}');
    let mut records: Vec<RisRecord> = Vec::new();
    let mut current: Option<RisRecord> = None;
    for (n, raw) in input.lines().enumerate() {
        let line = raw.trim_end_matches('\r').trim_start_matches('\u{feff}');
        match ris_line(line.trim_start()) {
            Some(("TY", kind)) => {
                // A new record; the previous one lacked its ER line.
                records.extend(current.take());
                current = Some(RisRecord {
                    kind: kind.to_ascii_uppercase(),
                    line: n + 1,
                    fields: Vec::new(),
                });
            }
            Some(("ER", _)) => records.extend(current.take()),
            Some((tag, value)) => {
                if let Some(rec) = current.as_mut() {
                    rec.fields.push((tag.to_string(), value.to_string()));
                }
            }
            None => {
                // A wrapped continuation of the previous field (some exporters wrap long
                // titles and abstracts).
                let text = line.trim();
                if let Some(rec) = current.as_mut()
                    && !text.is_empty()
                    && let Some((_, value)) = rec.fields.last_mut()
                {
                    value.push(' ');
                    value.push_str(text);
                }
            }
        }
    }
    records.extend(current.take());

    let mut import = Import::default();
    for rec in records {
        match paper_from_ris(&rec) {
            Some(p) => import.papers.push(p),
            None => import.skipped.push(format!(
                "第 {} 行的条目没有可用的论文信息，已跳过",
                rec.line
            )),
        }
    }
    import
}

fn paper_from_ris(rec: &RisRecord) -> Option<ParsedPaper> {
    let mut warnings = Vec::new();
    let title = rec.first(&["TI", "T1", "CT", "BT"]).unwrap_or_default();
    // Full journal names before abbreviations.
    let journal = rec.first(&["JF", "JO", "T2", "JA", "J2", "J1"]);
    let (mut year, mut month) = (None, None);
    for tag in ["PY", "Y1", "DA", "Y2"] {
        if let Some(value) = rec.first(&[tag]) {
            let (y, m) = year_month(&value);
            if year.is_none() {
                year = y;
                if y.is_none() {
                    warnings.push(format!("发表日期“{value}”无法识别"));
                }
            }
            if month.is_none() && (y.is_none() || y == year) {
                month = m;
            }
        }
    }
    if year.is_some() {
        warnings.retain(|w| !w.starts_with("发表日期"));
    }
    let pages = match (rec.first(&["SP"]), rec.first(&["EP"])) {
        (Some(sp), Some(ep)) if !sp.contains(['-', '–', '—']) && sp != ep => {
            Some(format!("{sp}-{ep}"))
        }
        (Some(sp), _) => Some(normalise_pages(&sp)),
        (None, Some(ep)) => Some(ep),
        (None, None) => None,
    };
    let authors = rec
        .all(&["AU", "A1"])
        .iter()
        .map(|a| match a.split_once(',') {
            Some((family, rest)) => {
                // "Family, Given" or "Family, Given, Suffix"
                let (given, suffix) = rest.split_once(',').unwrap_or((rest, ""));
                person_name(family, given, "", suffix)
            }
            None => clean(a),
        })
        .filter(|s| !s.is_empty())
        .collect();
    let mut paper = ParsedPaper {
        title,
        journal,
        year,
        month,
        volume: rec.first(&["VL"]),
        issue: rec.first(&["IS", "CP"]),
        pages,
        issn: rec.first(&["SN"]).map(|s| normalise_issn(&s)),
        doi: rec.first(&["DO"]).map(|s| normalise_doi(&s)),
        authors,
        warnings,
    };
    if !is_useful(&paper) {
        return None;
    }
    if !matches!(rec.kind.as_str(), "JOUR" | "JFULL" | "EJOUR" | "MGZN" | "") {
        paper.warnings.insert(
            0,
            format!("条目类型为 {}，可能不是期刊论文，请核对", rec.kind),
        );
    }
    Some(finish(paper))
}

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

/// Something worth showing: a title, or at least a DOI or authors with a journal.
fn is_useful(p: &ParsedPaper) -> bool {
    !p.title.is_empty() || p.doi.is_some() || (p.journal.is_some() && !p.authors.is_empty())
}

/// Add the "missing" warnings after the format-specific ones.
fn finish(mut p: ParsedPaper) -> ParsedPaper {
    let mut missing = Vec::new();
    if p.title.is_empty() {
        missing.push(W_NO_TITLE);
    }
    if p.journal.is_none() {
        missing.push(W_NO_JOURNAL);
    }
    if p.year.is_none() {
        missing.push(W_NO_YEAR);
    } else if p.month.is_none() {
        missing.push(W_NO_MONTH);
    }
    if p.authors.is_empty() {
        missing.push(W_NO_AUTHORS);
    }
    p.warnings.extend(missing.into_iter().map(String::from));
    p
}

/// Collapse runs of whitespace (including newlines) into one space and trim.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF | 0x3000..=0x30FF)
}

/// A display name from BibTeX-style parts. Chinese (CJK) names are written family name first
/// without spaces ("张, 明" → "张明"); others as "Given prefix Family, Suffix".
fn person_name(family: &str, given: &str, prefix: &str, suffix: &str) -> String {
    let (family, given, prefix, suffix) =
        (clean(family), clean(given), clean(prefix), clean(suffix));
    if format!("{family}{given}").chars().any(is_cjk) {
        return format!("{prefix}{family}{given}{suffix}");
    }
    let mut name = [given.as_str(), prefix.as_str(), family.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if !suffix.is_empty() {
        name.push_str(", ");
        name.push_str(&suffix);
    }
    name
}

/// Year and month from free-form date text: "2023", "2023-03-15", "2023/03/15/", "2023/03",
/// "2023年3月", "March 2023", "2023, Mar". Years outside 1000–2999 are not accepted.
fn year_month(text: &str) -> (Option<i32>, Option<u32>) {
    let text = text.trim();
    let digits: Vec<(usize, &str)> = number_runs(text);
    // "20230315" / "202303": compact forms.
    if let [(_, d)] = digits.as_slice()
        && (d.len() == 8 || d.len() == 6)
        && matches!(d.as_bytes()[0], b'1' | b'2')
    {
        let month = d[4..6].parse::<u32>().ok().filter(|m| (1..=12).contains(m));
        return (d[..4].parse().ok(), month);
    }
    let year_pos = digits
        .iter()
        .position(|(_, d)| d.len() == 4 && matches!(d.as_bytes()[0], b'1' | b'2'));
    let Some(year_pos) = year_pos else {
        return (None, None);
    };
    let year = digits[year_pos].1.parse::<i32>().ok();
    // A month number right after the year ("2023-03", "2023/3/", "2023年3月").
    let month = digits
        .get(year_pos + 1)
        .and_then(|(_, d)| d.parse::<u32>().ok())
        .filter(|m| (1..=12).contains(m))
        // ... or a month name anywhere ("March 2023", "2023, Mar").
        .or_else(|| {
            text.split(|c: char| !c.is_alphabetic())
                .find_map(month_from_name)
        });
    (year, month)
}

fn number_runs(text: &str) -> Vec<(usize, &str)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push((s, &text[s..]));
    }
    runs
}

fn month_from_name(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let w = word.to_lowercase();
    if w.len() < 3 || !w.is_ascii() {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    NAMES
        .iter()
        .zip(full)
        .position(|(abbr, full)| w == *abbr || w == full || (w == "sept" && *abbr == "sep"))
        .map(|i| i as u32 + 1)
}

/// Month from a BibTeX `month` field: "mar" (already expanded to "March" by biblatex), "3",
/// "03", "3月", "三月" is not supported.
fn parse_month(text: &str) -> Option<u32> {
    let t = text.trim().trim_end_matches('月').trim();
    if let Ok(m) = t.parse::<u32>() {
        return (1..=12).contains(&m).then_some(m);
    }
    t.split(|c: char| !c.is_alphabetic())
        .find_map(month_from_name)
}

/// "123--130", "123–130", "123 - 130" → "123-130".
fn normalise_pages(p: &str) -> String {
    let p = p.replace(['–', '—', '−'], "-");
    let parts: Vec<&str> = p
        .split('-')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if parts.is_empty() {
        clean(&p)
    } else {
        parts.join("-")
    }
}

/// The first ISSN-shaped code ("0559-9350", "05599350" → "0559-9350"); otherwise the text.
fn normalise_issn(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    for start in 0..chars.len() {
        let mut code = String::new();
        let mut k = start;
        while k < chars.len() && code.len() < 8 {
            let c = chars[k];
            if c.is_ascii_digit() || (code.len() == 7 && (c == 'X' || c == 'x')) {
                code.push(c.to_ascii_uppercase());
            } else if !(c == '-' && code.len() == 4) {
                break;
            }
            k += 1;
        }
        let before_ok = start == 0 || !chars[start - 1].is_ascii_alphanumeric();
        let after_ok = k >= chars.len() || !chars[k].is_ascii_alphanumeric();
        if code.len() == 8 && before_ok && after_ok {
            return format!("{}-{}", &code[..4], &code[4..]);
        }
    }
    clean(s)
}

/// Strip `https://doi.org/`, `doi:` and the like.
fn normalise_doi(s: &str) -> String {
    let t = s.trim();
    match t.find("10.") {
        Some(i) if i > 0 => t[i..].trim().to_string(),
        _ => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZH_BIB: &str = r#"
% exported by hand
@string{slxb = "水利学报"}

@article{zhang2023dam,
  title   = {{基于深度学习的大坝变形预测方法研究}},
  author  = {张明 and 李华},
  journal = slxb,
  year    = {2023},
  month   = mar,
  volume  = {54},
  number  = {3},
  pages   = {123--130},
  issn    = {0559-9350},
  doi     = {https://doi.org/10.13243/j.cnki.slxb.20230001}
}
"#;

    fn zh_paper() -> ParsedPaper {
        ParsedPaper {
            title: "基于深度学习的大坝变形预测方法研究".into(),
            journal: Some("水利学报".into()),
            year: Some(2023),
            month: Some(3),
            volume: Some("54".into()),
            issue: Some("3".into()),
            pages: Some("123-130".into()),
            issn: Some("0559-9350".into()),
            doi: Some("10.13243/j.cnki.slxb.20230001".into()),
            authors: vec!["张明".into(), "李华".into()],
            warnings: vec![],
        }
    }

    #[test]
    fn bibtex_chinese_article_with_string_macro() {
        assert_eq!(parse_bibtex(ZH_BIB), vec![zh_paper()]);
    }

    #[test]
    fn bibtex_latex_accents_braces_and_names() {
        let src = r#"@Article{m,
  title = {A {NASA} Study of {D}am {S}afety in {\"U}bersee and Caf\'e},
  author = {M{\"u}ller, J{\"u}rgen and van der Berg, Anna and Smith, Jr., John and {World Bank} and 王, 小明},
  journal = "Journal of " # "Hydraulic Engineering",
  date = {2021-07-15}, volume = 12, issue = {Suppl. 1}, pages = {e2021001}
}"#;
        let papers = parse_bibtex(src);
        assert_eq!(papers.len(), 1);
        let p = &papers[0];
        assert_eq!(p.title, "A NASA Study of Dam Safety in Übersee and Café");
        assert_eq!(
            p.authors,
            vec![
                "Jürgen Müller",
                "Anna van der Berg",
                "John Smith, Jr.",
                "World Bank",
                "王小明"
            ]
        );
        assert_eq!(
            p.journal.as_deref(),
            Some("Journal of Hydraulic Engineering")
        );
        assert_eq!((p.year, p.month), (Some(2021), Some(7)));
        assert_eq!(p.volume.as_deref(), Some("12"));
        assert_eq!(p.issue.as_deref(), Some("Suppl. 1"));
        assert_eq!(p.pages.as_deref(), Some("e2021001"));
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    }

    #[test]
    fn bibtex_month_forms() {
        for (month, want) in [
            ("month = dec", Some(12)),
            ("month = {December}", Some(12)),
            ("month = {Sept.}", Some(9)),
            ("month = {05}", Some(5)),
            ("month = {5月}", Some(5)),
        ] {
            let src = format!(
                "@article{{k, title={{T}}, journal={{J}}, author={{A}}, year=2020, {month}}}"
            );
            let p = &parse_bibtex(&src)[0];
            assert_eq!(p.month, want, "{month}");
            assert_eq!(p.year, Some(2020));
            assert!(p.warnings.is_empty(), "{month}: {:?}", p.warnings);
        }
        let p = &parse_bibtex("@article{k, title={T}, journal={J}, author={A}, year={2020/05}}")[0];
        assert_eq!((p.year, p.month), (Some(2020), Some(5)));
    }

    #[test]
    fn bibtex_warnings_for_missing_fields() {
        let p = &parse_bibtex("@article{k, title = {只有题目}}")[0];
        assert_eq!(p.title, "只有题目");
        assert_eq!(p.warnings, vec![W_NO_JOURNAL, W_NO_YEAR, W_NO_AUTHORS]);

        let p = &parse_bibtex("@article{k, title={T}, journal={J}, author={A}, year={2020}}")[0];
        assert_eq!(p.warnings, vec![W_NO_MONTH]);

        let p = &parse_bibtex("@article{k, title={T}, journal={J}, author={A}, year={unknown}}")[0];
        assert_eq!(p.year, None);
        assert_eq!(p.warnings, vec!["发表年份“unknown”无法识别", W_NO_YEAR]);

        let p = &parse_bibtex("@article{k, doi={10.1/x}}")[0];
        assert_eq!(p.title, "");
        assert!(p.warnings.contains(&W_NO_TITLE.to_string()));
    }

    #[test]
    fn bibtex_non_article_types_are_flagged_and_booktitle_used() {
        let src = "@inproceedings{c, title={会议论文}, booktitle={第十届全国水利学术会议}, author={张明}, year=2022, month=oct}";
        let p = &parse_bibtex(src)[0];
        assert_eq!(p.journal.as_deref(), Some("第十届全国水利学术会议"));
        assert_eq!(
            p.warnings,
            vec!["条目类型为 @inproceedings，可能不是期刊论文，请核对"]
        );
    }

    #[test]
    fn bibtex_bad_entries_are_skipped_not_fatal() {
        let src = r#"
@article{good1, title={第一篇}, journal={J}, author={张明}, year=2020, month=1}
@article{bad1, title=undefinedmacro, year=2020}
@article{bad2 title={missing comma}}
@article{good1, title={重复键也能读}, journal={J}, author={李华}, year=2021, month=2}
@article{bad3, title={unterminated brace, year=2020,
@article{good2, title={第三篇}, journal={J}, author={王五}, year=2022, month=3}
@comment{ anything {here} }
@preamble{"\newcommand{\noop}[1]{}"}
"#;
        let import = import_bibtex(src);
        let titles: Vec<_> = import.papers.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, vec!["第一篇", "重复键也能读", "第三篇"]);
        assert_eq!(
            import.skipped,
            vec![
                "第 3 行的条目格式有误，已跳过",
                "第 4 行的条目格式有误，已跳过",
                "第 6 行的条目格式有误，已跳过",
            ]
        );
    }

    #[test]
    fn bibtex_parenthesised_entries_and_crlf() {
        let src = "@article(k,\r\n  title = {圆括号条目},\r\n  journal = {水利学报},\r\n  author = {张明},\r\n  year = 2019, month = {11}\r\n)\r\n";
        let p = &parse_bibtex(src)[0];
        assert_eq!(p.title, "圆括号条目");
        assert_eq!((p.year, p.month), (Some(2019), Some(11)));
    }

    #[test]
    fn bibtex_garbage_never_panics() {
        for src in [
            "",
            "@",
            "@@@@",
            "@article",
            "@article{",
            "@article{k,",
            "@article{k, title={",
            "@article{k, title={}}}}}}",
            "}}}}{{{{",
            "@string{x = }",
            "@string{x = \"a\"} @article{k, title = x # y}",
            "\u{feff}@article{k, title={BOM}}",
            "@article{k, title={\\}",
            "@article{k, title={$unterminated math}}",
            "@article{k, author={and and and}, title={T}}",
            "@article{k, author={, , ,}, title={T}}",
            "@article{k, pages={--}, title={T}}",
            "@article{k, issn={X}, title={T}}",
            "@article{k, year={99999999999999999999}, title={T}}",
            "\0\u{1}\u{2}@\u{7f}{}",
            "日本語 @文章{k, title={T}}",
        ] {
            let _ = parse_bibtex(src);
            let _ = parse_auto(Some("x.bib"), src);
        }
        assert_eq!(
            parse_bibtex("\u{feff}@article{k, title={BOM}}")[0].title,
            "BOM"
        );
        assert_eq!(
            parse_bibtex("@article{k, year={99999999999999999999}, title={T}}")[0].year,
            None
        );
    }

    #[test]
    fn bibtex_string_macros_chain_and_bad_string_ignored() {
        let src = r#"
@string{pre = "中国"}
@string{j = pre # "水利"}
@string{broken = }
@article{k, title={T}, journal = j # "学报", author={A}, year=2020, month=jan}
"#;
        let import = import_bibtex(src);
        assert_eq!(import.papers[0].journal.as_deref(), Some("中国水利学报"));
        assert_eq!(
            import.skipped,
            vec!["第 4 行的 @string 定义格式有误，已忽略"]
        );
    }

    const ZH_RIS: &str = "TY  - JOUR\nTI  - 基于深度学习的大坝变形预测方法研究\nAU  - 张明\nAU  - 李华\nJO  - 水利学报\nPY  - 2023/03/15/\nVL  - 54\nIS  - 3\nSP  - 123\nEP  - 130\nSN  - 0559-9350\nDO  - 10.13243/j.cnki.slxb.20230001\nER  - \n";

    #[test]
    fn ris_chinese_article() {
        assert_eq!(parse_ris(ZH_RIS), vec![zh_paper()]);
    }

    #[test]
    fn ris_crlf_bom_and_missing_er() {
        let src = format!(
            "\u{feff}{}TY  - JOUR\r\nT1  - Second paper\r\nA1  - Smith, John\r\nA1  - García Márquez, Gabriel\r\nJA  - J. Hydraul. Eng.\r\nY1  - 2020///\r\n",
            ZH_RIS.replace('\n', "\r\n").replace("ER  - \r\n", "")
        );
        let papers = parse_ris(&src);
        assert_eq!(papers.len(), 2);
        assert_eq!(papers[0], zh_paper());
        let p = &papers[1];
        assert_eq!(p.title, "Second paper");
        assert_eq!(p.authors, vec!["John Smith", "Gabriel García Márquez"]);
        assert_eq!(p.journal.as_deref(), Some("J. Hydraul. Eng."));
        assert_eq!((p.year, p.month), (Some(2020), None));
        assert_eq!(p.warnings, vec![W_NO_MONTH]);
    }

    #[test]
    fn ris_field_variants() {
        let src = "TY  - JOUR\nTI  - A very long title that an exporter\n      wrapped onto a second line\nAU  - 王, 小明\nJA  - Abbrev\nJF  - Full Journal Name\nDA  - 2018-11\nSP  - 45–52\nSN  - 1234-567x (Print); 2345-6789 (Online)\nDO  - doi:10.1000/182\nKW  - ignored\nER  -\n";
        let p = &parse_ris(src)[0];
        assert_eq!(
            p.title,
            "A very long title that an exporter wrapped onto a second line"
        );
        assert_eq!(p.authors, vec!["王小明"]);
        assert_eq!(p.journal.as_deref(), Some("Full Journal Name"));
        assert_eq!((p.year, p.month), (Some(2018), Some(11)));
        assert_eq!(p.pages.as_deref(), Some("45-52"));
        assert_eq!(p.issn.as_deref(), Some("1234-567X"));
        assert_eq!(p.doi.as_deref(), Some("10.1000/182"));
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    }

    #[test]
    fn ris_date_fallbacks_and_warnings() {
        let p = &parse_ris("TY  - JOUR\nTI  - T\nPY  - n.d.\nDA  - 2017/06/01\nER  - \n")[0];
        assert_eq!((p.year, p.month), (Some(2017), Some(6)));
        assert_eq!(p.warnings, vec![W_NO_JOURNAL, W_NO_AUTHORS]);

        let p = &parse_ris("TY  - JOUR\nTI  - T\nPY  - n.d.\nER  - \n")[0];
        assert_eq!(p.year, None);
        assert_eq!(
            p.warnings,
            vec![
                "发表日期“n.d.”无法识别",
                W_NO_JOURNAL,
                W_NO_YEAR,
                W_NO_AUTHORS
            ]
        );
    }

    #[test]
    fn ris_non_journal_type_flagged() {
        let p = &parse_ris(
            "TY  - CONF\nTI  - 会议论文\nT2  - 学术会议\nAU  - 张明\nPY  - 2022\nER  - \n",
        )[0];
        assert_eq!(p.journal.as_deref(), Some("学术会议"));
        assert_eq!(p.warnings[0], "条目类型为 CONF，可能不是期刊论文，请核对");
    }

    #[test]
    fn ris_garbage_never_panics_and_empty_records_skipped() {
        for src in [
            "",
            "ER  - ",
            "TY  -",
            "TY  - ",
            "TY  - JOUR",
            "TY  - JOUR\nER  - \nER  - \n",
            "TI  - outside any record\n",
            "TY  - JOUR\nSP  - -\nEP  - -\nTI  - x\n",
            "TY  - JOUR\nAU  - ,\nAU  - ,,,\nTI  - x\n",
            "TY  - JOUR\nPY  - 99999999999999999999999\nTI  - x\n",
            "TY  - JOUR\n\u{0}\u{1}\nTI  - 🦀\n",
            "AB\nXY - \nTY- JOUR\n",
            "é - \nTY  - JOUR\nTI  - 多字节 ✓\n",
        ] {
            let _ = parse_ris(src);
            let _ = parse_auto(Some("x.ris"), src);
        }
        let import =
            import_ris("TY  - JOUR\nKW  - only keywords\nER  - \nTY  - JOUR\nTI  - ok\nER  - \n");
        assert_eq!(import.papers.len(), 1);
        assert_eq!(
            import.skipped,
            vec!["第 1 行的条目没有可用的论文信息，已跳过"]
        );
    }

    #[test]
    fn auto_by_extension_and_by_sniffing() {
        assert_eq!(
            parse_auto(Some("论文.bib"), ZH_BIB).unwrap(),
            vec![zh_paper()]
        );
        assert_eq!(
            parse_auto(Some("论文.RIS"), ZH_RIS).unwrap(),
            vec![zh_paper()]
        );
        assert_eq!(parse_auto(None, ZH_BIB).unwrap(), vec![zh_paper()]);
        assert_eq!(parse_auto(None, ZH_RIS).unwrap(), vec![zh_paper()]);
        assert_eq!(
            parse_auto(Some("export.txt"), ZH_RIS).unwrap(),
            vec![zh_paper()]
        );
        // Misnamed files still import.
        assert_eq!(
            parse_auto(Some("wrong.bib"), ZH_RIS).unwrap(),
            vec![zh_paper()]
        );
        assert_eq!(
            parse_auto(Some("wrong.ris"), ZH_BIB).unwrap(),
            vec![zh_paper()]
        );
        let (format, _) = import_auto(Some("wrong.bib"), ZH_RIS).unwrap();
        assert_eq!(format, CitationFormat::Ris);
        // An e-mail address before the RIS records does not make it BibTeX.
        let with_note = format!("exported by a@b.cn\n{ZH_RIS}");
        assert_eq!(parse_auto(None, &with_note).unwrap(), vec![zh_paper()]);
    }

    #[test]
    fn auto_with_no_entries_is_a_chinese_error() {
        for (name, src) in [
            (None, ""),
            (Some("a.bib"), "just some text"),
            (Some("a.ris"), "TY  - JOUR\nER  - \n"),
            (Some("a.pdf"), "%PDF-1.7 binary junk"),
            (None, "@comment{nothing}"),
        ] {
            let err = parse_auto(name, src).unwrap_err();
            assert_eq!(err, CitationError::NoEntries);
            assert_eq!(err.code().as_str(), "citation_no_entries");
            assert_eq!(
                err.to_string(),
                "未识别到任何论文条目，请确认文件为 BibTeX 或 RIS 格式"
            );
        }
    }

    #[test]
    fn decode_text_handles_boms_and_rejects_gbk() {
        assert_eq!(decode_text("水利".as_bytes()).unwrap(), "水利");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("水利".as_bytes());
        assert_eq!(decode_text(&bom).unwrap(), "水利");
        let mut le = vec![0xFF, 0xFE];
        le.extend("TY水".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_text(&le).unwrap(), "TY水");
        let mut be = vec![0xFE, 0xFF];
        be.extend("TY水".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode_text(&be).unwrap(), "TY水");
        // "水利" in GBK.
        let err = decode_text(&[0xCB, 0xAE, 0xC0, 0xFB]).unwrap_err();
        assert_eq!(err.code().as_str(), "citation_bad_encoding");
        assert!(decode_text(&[0xFF, 0xFE, 0x00]).is_err());
    }

    #[test]
    fn bibtex_markup_and_et_al() {
        let src = r#"@article{wang2020deep,
  title={Deep learning for \textit{in situ} monitoring of {CO}$_2$ \& $\delta^{18}$O in \emph{\textbf{dams}}: \LaTeX{} a review},
  author={Wang, Xiaoming and Li, Hua and others},
  journal={Journal of Hydrology}, volume={590}, pages={125--140}, year={2020}, month=jun
}"#;
        let p = &parse_bibtex(src)[0];
        assert_eq!(
            p.title,
            "Deep learning for in situ monitoring of CO2 & δ18O in dams: LaTeX a review"
        );
        assert_eq!(p.authors, vec!["Xiaoming Wang", "Hua Li"]);
    }

    /// Deterministic mutation of real inputs (cut, duplicate, drop and insert bytes from an
    /// alphabet of delimiters): neither parser, nor biblatex under them, may panic.
    #[test]
    fn mutated_inputs_never_panic() {
        let seeds = [
            ZH_BIB,
            ZH_RIS,
            "@article(k, title = \"a\" # x, month = jan)",
        ];
        let alphabet: Vec<char> = "@{}()\"#,=\\$%\n\r -TYERAU水".chars().collect();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..3000 {
            let mut chars: Vec<char> = seeds[round % seeds.len()].chars().collect();
            for _ in 0..(1 + next() % 6) {
                let len = chars.len().max(1);
                let at = (next() as usize) % len;
                match next() % 4 {
                    0 => chars.truncate(at),
                    1 if at < chars.len() => {
                        chars.remove(at);
                    }
                    2 => chars.insert(
                        at.min(chars.len()),
                        alphabet[(next() as usize) % alphabet.len()],
                    ),
                    _ => {
                        let tail: Vec<char> = chars[at.min(chars.len())..].to_vec();
                        chars.extend(tail);
                    }
                }
            }
            let src: String = chars.into_iter().collect();
            let _ = parse_auto(None, &src);
            let _ = parse_bibtex(&src);
            let _ = parse_ris(&src);
        }
    }

    #[test]
    fn helpers() {
        assert_eq!(year_month("2023年3月"), (Some(2023), Some(3)));
        assert_eq!(year_month("March 2023"), (Some(2023), Some(3)));
        assert_eq!(year_month("2023, Mar"), (Some(2023), Some(3)));
        assert_eq!(year_month("2023/13/01"), (Some(2023), None));
        assert_eq!(year_month("15/03/2023"), (Some(2023), None));
        assert_eq!(year_month("in press"), (None, None));
        assert_eq!(year_month("20230315"), (Some(2023), Some(3)));
        assert_eq!(year_month("202313"), (Some(2023), None));
        assert_eq!(normalise_pages("123 -- 130"), "123-130");
        assert_eq!(normalise_pages("12"), "12");
        assert_eq!(normalise_issn("ISSN 05599350"), "0559-9350");
        assert_eq!(normalise_issn("123456789"), "123456789");
        assert_eq!(normalise_issn("CN 11-1882/TV"), "CN 11-1882/TV");
        assert_eq!(normalise_doi("DOI: 10.1/abc"), "10.1/abc");
        assert_eq!(person_name("Smith", "John", "", ""), "John Smith");
        assert_eq!(person_name("张", "明", "", ""), "张明");
    }

    #[test]
    fn serialises_for_the_api() {
        let json = serde_json::to_value(zh_paper()).unwrap();
        assert_eq!(json["title"], "基于深度学习的大坝变形预测方法研究");
        assert_eq!(json["month"], 3);
        assert_eq!(json["authors"][1], "李华");
        assert_eq!(json["warnings"], serde_json::json!([]));
    }
}
