//! Articles as plain files: `.txt`, `.md` and `.html` each become one new document without spans.
//!
//! * `.txt`: the text as it is (line endings normalised to `\n`, a byte-order mark dropped).
//! * `.md`: the text as it is (Markdown is readable as text); the title is the first heading.
//! * `.html`: readable text. Block elements (`p`, `div`, headings, `li`, `br`, …) become paragraph or
//!   line breaks, other whitespace collapses to one space (kept inside `pre`), `script`, `style`,
//!   `template`, `noscript`, `svg`, `head` and comments are dropped, character references (named and
//!   numeric) are decoded. Nothing is rendered or run. The title is `og:title`, else `<title>`, else
//!   the first `<h1>`. The page's `<meta>` and `<link>` tags fill the document's details: the source
//!   from `<link rel="canonical">` (else `og:url`), the publication date from
//!   `article:published_time` (else `datePublished`, `date`, `pubdate`, `DC.date.issued`; its date
//!   part, `YYYY-MM-DD`), the byline from `author` (else `byl`, `article:author` when it is not a
//!   URL, `parsely-author`, `dc.creator`), a leading "By " removed.
//!
//! The document id is the file name without its extension; `added_at` is 0 (the app stamps the time
//! of the import).

use super::{derived_title, file_stem, ImportError, Imported};
use crate::model::{Document, DocumentId};
use crate::text::normalise_line_endings;

/// Which kind of plain file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `.txt`
    Text,
    /// `.md`, `.markdown`
    Markdown,
    /// `.html`, `.htm`
    Html,
}

impl Kind {
    /// The kind a file name's extension says, if any.
    pub fn from_file_name(name: &str) -> Option<Kind> {
        let lower = name.to_ascii_lowercase();
        let ext = lower.rsplit_once('.')?.1;
        match ext {
            "txt" | "text" => Some(Kind::Text),
            "md" | "markdown" => Some(Kind::Markdown),
            "html" | "htm" | "xhtml" => Some(Kind::Html),
            _ => None,
        }
    }
}

/// Reads one plain file as one document.
pub fn import(kind: Kind, file_name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    let raw = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) if kind == Kind::Html => {
            // Old pages are often Windows-1252/Latin-1; decode bytes as Latin-1 rather than fail.
            let _ = e;
            bytes.iter().map(|&b| b as char).collect()
        }
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            return Err(ImportError::at_line(
                line,
                format!("not UTF-8 (invalid byte at offset {})", e.valid_up_to()),
            ));
        }
    };
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
    let stem = file_stem(file_name);
    let mut details = Details::default();
    let (text, title) = match kind {
        Kind::Text => (raw.to_string(), None),
        Kind::Markdown => {
            let title = raw
                .lines()
                .map(str::trim)
                .find(|l| l.starts_with('#'))
                .map(|l| l.trim_start_matches('#').trim().to_string())
                .filter(|t| !t.is_empty());
            (raw.to_string(), title)
        }
        Kind::Html => {
            let page = html_to_text(raw);
            details = page.details;
            (page.text, page.title)
        }
    };
    let (text, normalised) = normalise_line_endings(&text);
    let title = title.unwrap_or_else(|| derived_title(&text, &stem));
    let mut doc = Document::new(DocumentId(stem), title, text, 0);
    doc.line_endings_normalised = normalised;
    doc.source = details.source;
    doc.published = details.published;
    doc.byline = details.byline;
    Ok(Imported {
        documents: vec![doc],
        warnings: vec![],
    })
}

/// Readable text, title and details of an HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Paragraphs separated by a blank line.
    pub text: String,
    /// `og:title`, else `<title>`, else the first `<h1>`.
    pub title: Option<String>,
    /// What the page's `<meta>` and `<link>` tags say about it.
    pub details: Details,
}

/// A page's details as its `<meta>` and `<link>` tags give them (see the module doc).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Details {
    /// `og:title`.
    pub title: Option<String>,
    /// The canonical URL, else `og:url`.
    pub source: Option<String>,
    /// The publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The author(s), without a leading "By ".
    pub byline: Option<String>,
}

/// The details `<meta>` and `<link>` tags anywhere in `html` give.
pub fn page_details(html: &str) -> Details {
    let lower = html.to_ascii_lowercase();
    // (key, value) of every meta tag: its `property`, `name` or `itemprop`, and its `content`.
    let mut metas: Vec<(String, String)> = vec![];
    let mut canonical = None;
    let mut from = 0;
    while let Some(i) = lower[from..].find('<') {
        let at = from + i;
        from = at + 1;
        let is = |tag: &str| {
            lower[at + 1..].starts_with(tag)
                && lower[at + 1 + tag.len()..]
                    .starts_with(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        };
        let (meta, link) = (is("meta"), is("link"));
        if !meta && !link {
            continue;
        }
        let Some(end) = tag_end(&html[at..]) else {
            continue;
        };
        let attrs = tag_attributes(&html[at + 1..at + end]);
        let get = |name: &str| {
            attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.trim().to_string())
        };
        if meta {
            let key = get("property")
                .or_else(|| get("name"))
                .or_else(|| get("itemprop"));
            if let (Some(key), Some(content)) = (key, get("content")) {
                if !content.is_empty() {
                    metas.push((key.to_ascii_lowercase(), content));
                }
            }
        } else if get("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) {
            canonical = canonical.or_else(|| get("href").filter(|h| !h.is_empty()));
        }
    }
    let first = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        })
    };
    let published = [
        "article:published_time",
        "datepublished",
        "date",
        "pubdate",
        "dc.date.issued",
    ]
    .iter()
    .find_map(|k| {
        let v = first(&[k])?;
        crate::model::parse_iso_date(v.get(..10)?).ok()
    });
    let byline = [
        "author",
        "byl",
        "article:author",
        "parsely-author",
        "dc.creator",
    ]
    .iter()
    .filter_map(|k| first(&[k]))
    .find(|v| !v.starts_with("http://") && !v.starts_with("https://"))
    .map(|v| {
        let v = v.trim();
        let stripped = v.strip_prefix("By ").or_else(|| v.strip_prefix("by "));
        stripped.unwrap_or(v).trim().to_string()
    })
    .filter(|v| !v.is_empty());
    Details {
        title: first(&["og:title"]).map(|t| collapse(&t)),
        source: canonical.or_else(|| first(&["og:url"])),
        published,
        byline,
    }
}

/// The attributes of a tag's inside (`meta name="x" content='y'`), names lower-cased, values with
/// character references decoded.
fn tag_attributes(inner: &str) -> Vec<(String, String)> {
    let mut out = vec![];
    let mut rest = inner
        .trim_start_matches(|c: char| c.is_ascii_alphanumeric())
        .trim_end_matches('/');
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        let name_len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        if name_len == 0 {
            break;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        rest = rest[name_len..].trim_start();
        let Some(after_eq) = rest.strip_prefix('=') else {
            out.push((name, String::new()));
            continue;
        };
        let after_eq = after_eq.trim_start();
        let (value, next) = match after_eq.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &after_eq[1..];
                match body.find(q) {
                    Some(i) => (&body[..i], &body[i + 1..]),
                    None => (body, ""),
                }
            }
            _ => {
                let i = after_eq.find(char::is_whitespace).unwrap_or(after_eq.len());
                (&after_eq[..i], &after_eq[i..])
            }
        };
        out.push((name, decode_entities(value)));
        rest = next;
    }
    out
}

const DROPPED: &[&str] = &[
    "script", "style", "template", "noscript", "svg", "head", "iframe", "object", "canvas", "math",
];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "table",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "figure",
    "figcaption",
    "address",
    "pre",
    "hr",
    "form",
    "fieldset",
    "details",
    "summary",
    "body",
    "html",
    "caption",
    "td",
    "th",
];

/// Converts HTML to readable text (see the module doc). Never fails; malformed markup is read as
/// far as it makes sense.
pub fn html_to_text(html: &str) -> Page {
    let mut paragraphs: Vec<String> = vec![];
    let mut current = String::new();
    let mut title: Option<String> = None;
    let mut h1: Option<String> = None;
    let mut in_h1: Option<String> = None;
    let mut pre_depth = 0usize;
    let mut rest = html;
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let p = current.trim_matches(|c: char| c.is_whitespace() && c != '\u{a0}');
        if !p.is_empty() {
            paragraphs.push(p.to_string());
        }
        current.clear();
    };
    let push_text = |current: &mut String, raw: &str, pre: bool| {
        let decoded = decode_entities(raw);
        if pre {
            current.push_str(&decoded);
            return;
        }
        for ch in decoded.chars() {
            if ch.is_whitespace() && ch != '\u{a0}' {
                if !current.is_empty() && !current.ends_with([' ', '\n']) {
                    current.push(' ');
                }
            } else {
                current.push(ch);
            }
        }
    };
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut current, rest, pre_depth > 0);
            if let Some(h) = in_h1.as_mut() {
                h.push_str(&decode_entities(rest));
            }
            break;
        };
        let (text, after) = rest.split_at(lt);
        push_text(&mut current, text, pre_depth > 0);
        if let Some(h) = in_h1.as_mut() {
            h.push_str(&decode_entities(text));
        }
        rest = after;
        if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.find("-->").map_or("", |i| &r[i + 3..]);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            rest = rest.find('>').map_or("", |i| &rest[i + 1..]);
            continue;
        }
        let tag_end = tag_end(rest);
        let Some(tag_end) = tag_end else {
            // A lone "<" that opens no tag is text.
            push_text(&mut current, "<", pre_depth > 0);
            rest = &rest[1..];
            continue;
        };
        let inner = &rest[1..tag_end];
        rest = &rest[tag_end + 1..];
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            push_text(&mut current, &format!("<{inner}>"), pre_depth > 0);
            continue;
        }
        if !closing && (DROPPED.contains(&name.as_str()) || name == "title") {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            let end = lower.find(&close);
            let content = &rest[..end.unwrap_or(rest.len())];
            if name == "title" && title.is_none() {
                let t = collapse(&decode_entities(content));
                if !t.is_empty() {
                    title = Some(t);
                }
            } else if name == "head" {
                // <title> lives in <head>: look for it before dropping the rest.
                let inner_page = html_to_text(content);
                if title.is_none() {
                    title = inner_page.title;
                }
            }
            rest = match end {
                Some(i) => rest[i..].find('>').map_or("", |j| &rest[i + j + 1..]),
                None => "",
            };
            continue;
        }
        match name.as_str() {
            "br" => {
                let t = current.trim_end_matches(' ').len();
                current.truncate(t);
                current.push('\n');
            }
            "pre" => {
                flush(&mut current, &mut paragraphs);
                pre_depth = if closing {
                    pre_depth.saturating_sub(1)
                } else {
                    pre_depth + 1
                };
            }
            "h1" => {
                flush(&mut current, &mut paragraphs);
                if closing {
                    if let Some(h) = in_h1.take() {
                        if h1.is_none() && !collapse(&h).is_empty() {
                            h1 = Some(collapse(&h));
                        }
                    }
                } else {
                    in_h1 = Some(String::new());
                }
            }
            n if BLOCKS.contains(&n) => flush(&mut current, &mut paragraphs),
            _ => {}
        }
    }
    flush(&mut current, &mut paragraphs);
    let paragraphs: Vec<String> = paragraphs
        .into_iter()
        .map(|p| {
            p.lines()
                .map(|l| l.trim_matches(' '))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    let details = page_details(html);
    Page {
        text: paragraphs.join("\n\n"),
        title: details.title.clone().or(title).or(h1),
        details,
    }
}

/// The index of the `>` closing a tag that starts at `s[0] == '<'`, skipping quoted attribute
/// values; `None` when `<` does not start a tag.
fn tag_end(s: &str) -> Option<usize> {
    let second = s[1..].chars().next()?;
    if !(second.is_ascii_alphabetic() || second == '/') {
        return None;
    }
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '>' => return Some(i),
            None => {}
        }
    }
    None
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes HTML character references: numeric (`&#233;`, `&#xE9;`) and the named ones news pages
/// use. Unknown or malformed references are kept as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest
            .char_indices()
            .take(34)
            .find(|&(_, c)| c == ';')
            .map(|(j, _)| j);
        let decoded = end.and_then(|j| {
            let name = &rest[1..j];
            let ch = if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse::<u32>().ok(),
                };
                code.map(|c| char::from_u32(c).unwrap_or('\u{fffd}'))
                    .map(|c| if c == '\0' { '\u{fffd}' } else { c })
            } else {
                named_entity(name)
            };
            ch.map(|c| (c, j + 1))
        });
        match decoded {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "shy" => '\u{ad}',
        "zwj" => '\u{200d}',
        "zwnj" => '\u{200c}',
        "lrm" => '\u{200e}',
        "rlm" => '\u{200f}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "bull" => '•',
        "middot" => '·',
        "prime" => '′',
        "Prime" => '″',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "minus" => '−',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "permil" => '‰',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "sect" => '§',
        "para" => '¶',
        "dagger" => '†',
        "Dagger" => '‡',
        "iexcl" => '¡',
        "iquest" => '¿',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "auml" => 'ä',
        "atilde" => 'ã',
        "aring" => 'å',
        "ccedil" => 'ç',
        "egrave" => 'è',
        "eacute" => 'é',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "igrave" => 'ì',
        "iacute" => 'í',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ntilde" => 'ñ',
        "ograve" => 'ò',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "ouml" => 'ö',
        "otilde" => 'õ',
        "oslash" => 'ø',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "szlig" => 'ß',
        "Agrave" => 'À',
        "Aacute" => 'Á',
        "Auml" => 'Ä',
        "Ccedil" => 'Ç',
        "Eacute" => 'É',
        "Egrave" => 'È',
        "Ntilde" => 'Ñ',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "aelig" => 'æ',
        "AElig" => 'Æ',
        "oelig" => 'œ',
        "OElig" => 'Œ',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_keeps_paragraphs_drops_scripts_and_decodes_entities() {
        let html = "<html><head><title>Budget &amp; Co</title><style>p{}</style></head>\
                    <body><script>alert('x')</script><h1>Headline</h1>\
                    <p>The  minister\n said &laquo;no&raquo;&#x21;</p><!-- c --><p>Second<br>line &nbsp;x &bogus; 5 &lt; 6</p></body></html>";
        let page = html_to_text(html);
        assert_eq!(page.title.as_deref(), Some("Budget & Co"));
        assert_eq!(
            page.text,
            "Headline\n\nThe minister said «no»!\n\nSecond\nline \u{a0}x &bogus; 5 < 6"
        );
    }

    /// A synthetic article page with the `<meta>` tags news sites write.
    const ARTICLE: &str = r#"<!doctype html><html><head>
        <title>Harbour plan approved - The Example Gazette</title>
        <meta charset="utf-8">
        <meta property="og:title" content="Harbour council approves &quot;green quay&quot; plan">
        <meta property="og:url" content="https://gazette.example/harbour?utm=x">
        <link rel="canonical" href="https://gazette.example/news/harbour-plan">
        <meta property="article:published_time" content="2024-05-01T09:30:00+02:00">
        <meta name="author" content="By Noor Haddad and Lea Park">
        <meta property="article:author" content="https://gazette.example/staff/noor">
        </head><body><h1>Harbour council approves green quay plan</h1><p>The council voted.</p></body></html>"#;

    #[test]
    fn html_meta_tags_fill_the_document_details() {
        let got = import(Kind::Html, "harbour.html", ARTICLE.as_bytes()).unwrap();
        let d = &got.documents[0];
        assert_eq!(d.title, "Harbour council approves \"green quay\" plan");
        assert_eq!(
            d.source.as_deref(),
            Some("https://gazette.example/news/harbour-plan")
        );
        assert_eq!(d.published.as_deref(), Some("2024-05-01"));
        assert_eq!(d.byline.as_deref(), Some("Noor Haddad and Lea Park"));
        assert_eq!(
            d.text,
            "Harbour council approves green quay plan\n\nThe council voted."
        );
    }

    #[test]
    fn html_details_fall_back_and_stay_empty_when_absent() {
        let html = "<head><META PROPERTY='og:url' CONTENT='https://x.example/a'>\
                    <meta itemprop=datePublished content=2023-11-30>\
                    <meta name=author content=\"https://x.example/me\">\
                    <meta name=\"byl\" content=\"by Ana Ruiz\"></head><p>x</p>";
        let details = page_details(html);
        assert_eq!(details.source.as_deref(), Some("https://x.example/a"));
        assert_eq!(details.published.as_deref(), Some("2023-11-30"));
        assert_eq!(details.byline.as_deref(), Some("Ana Ruiz"));
        assert_eq!(page_details("<p>no head</p>"), Details::default());
        let bad_date = page_details(r#"<meta property="article:published_time" content="May 1">"#);
        assert_eq!(bad_date.published, None);
    }

    #[test]
    fn plain_files_become_documents_named_after_the_file() {
        let got = import(
            Kind::Text,
            "dir/news-1.txt",
            "Title line\r\nbody".as_bytes(),
        )
        .unwrap();
        let d = &got.documents[0];
        assert_eq!(d.id.0, "news-1");
        assert_eq!(d.title, "Title line");
        assert_eq!(d.text, "Title line\nbody");
        assert!(d.line_endings_normalised);
        let md = import(Kind::Markdown, "a.md", b"intro\n\n# The Head\ntext").unwrap();
        assert_eq!(md.documents[0].title, "The Head");
    }
}
