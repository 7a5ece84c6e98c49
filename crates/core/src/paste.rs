//! Reading text pasted from a news page: its headline, byline and date, and the page's chrome
//! (a close button's word, menu and share rows, photo labels, captions repeated, newsletter
//! prompts), which it proposes to leave out of the article.
//!
//! Nothing is dropped unseen: [`read_paste`] only proposes, naming each line and why;
//! [`article_text`] leaves out the proposed lines except those the user keeps. Line numbers are
//! 0-based indices into `text.split('\n')`.

use crate::model::parse_iso_date;
use crate::text::MONTHS;

/// Why a line is proposed to be left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Chrome {
    /// A button's word: "Close", "Menu", "Skip to content", "×".
    Button,
    /// A row of section names ("Home News Sport Business").
    Menu,
    /// A share row ("Share", "Facebook Twitter WhatsApp Email").
    Share,
    /// A photo label ("Photo: Reuters", "Image source, Getty Images").
    PhotoLabel,
    /// A caption (or other line) repeated from earlier on the page.
    Repeated,
    /// A newsletter or subscription prompt.
    Newsletter,
    /// An advertisement marker or a "Read more" / "Related" teaser line.
    Teaser,
    /// The byline, which becomes the document's byline.
    Byline,
    /// The date line, which becomes the document's publication date.
    Date,
}

impl Chrome {
    /// What the paste panel says about such a line.
    pub fn describe(self) -> &'static str {
        match self {
            Chrome::Button => "a button's word",
            Chrome::Menu => "a menu row",
            Chrome::Share => "a share row",
            Chrome::PhotoLabel => "a photo label",
            Chrome::Repeated => "repeated from above (a caption shown twice)",
            Chrome::Newsletter => "a newsletter prompt",
            Chrome::Teaser => "an advert or teaser",
            Chrome::Byline => "the byline (kept as the document's byline)",
            Chrome::Date => "the date (kept as the document's publication date)",
        }
    }
}

/// One line proposed to be left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// Its index among the pasted lines.
    pub line: usize,
    /// The line as pasted.
    pub text: String,
    /// Why.
    pub why: Chrome,
}

/// What [`read_paste`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PasteReading {
    /// The headline: the first line near the top that is neither chrome, byline nor date and
    /// reads as a headline (a few words, no closing full stop).
    pub title: Option<String>,
    /// The byline's names, without "By ".
    pub byline: Option<String>,
    /// The publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Lines proposed to be left out, in line order.
    pub left_out: Vec<LeftOut>,
}

/// How many lines from the top the headline, byline and date are looked for in.
const TOP: usize = 25;

/// Reads pasted page text (line endings `\n`; a trailing `\r` on a line is ignored).
pub fn read_paste(text: &str) -> PasteReading {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l).trim())
        .collect();
    let mut reading = PasteReading::default();
    let mut seen: Vec<&str> = vec![];
    for (i, &line) in lines.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        let why = chrome(line).or_else(|| {
            // A line of some length met before is a repeat (a caption under a photo and again in
            // a gallery); short lines ("Yes.", "Photo") may repeat in any article.
            (line.split_whitespace().count() >= 4 && seen.contains(&line))
                .then_some(Chrome::Repeated)
        });
        let why = why.or_else(|| {
            if i >= TOP {
                return None;
            }
            if reading.byline.is_none() {
                if let Some(names) = byline(line) {
                    reading.byline = Some(names);
                    return Some(Chrome::Byline);
                }
            }
            if reading.published.is_none() {
                if let Some(date) = date_line(line) {
                    reading.published = Some(date);
                    return Some(Chrome::Date);
                }
            }
            None
        });
        match why {
            Some(why) => reading.left_out.push(LeftOut {
                line: i,
                text: line.to_string(),
                why,
            }),
            None => {
                if reading.title.is_none() && i < TOP && looks_like_headline(line) {
                    reading.title = Some(line.to_string());
                }
            }
        }
        seen.push(line);
    }
    reading
}

/// The article text: `text` without the lines in `left_out` other than those listed in `keep`,
/// runs of blank lines closed up to one and the ends trimmed of blank lines.
pub fn article_text(text: &str, left_out: &[LeftOut], keep: &[usize]) -> String {
    let dropped: std::collections::HashSet<usize> = left_out
        .iter()
        .map(|l| l.line)
        .filter(|l| !keep.contains(l))
        .collect();
    let mut out: Vec<&str> = vec![];
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if dropped.contains(&i) {
            continue;
        }
        let blank = line.trim().is_empty();
        if blank && out.last().is_none_or(|l| l.trim().is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// Lower-cased words of a line, without punctuation around them.
fn words(line: &str) -> Vec<String> {
    line.split(|c: char| c.is_whitespace() || matches!(c, '|' | '•' | '·' | '/' | ','))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

const BUTTONS: &[&str] = &[
    "close",
    "×",
    "✕",
    "x",
    "menu",
    "search",
    "open menu",
    "close menu",
    "skip to content",
    "skip to main content",
    "sign in",
    "log in",
    "back to top",
    "accept",
    "accept all",
    "listen",
    "listen to this article",
    "save",
    "bookmark",
    "comments",
    "show more",
    "expand",
];

const SECTIONS: &[&str] = &[
    "home",
    "news",
    "sport",
    "sports",
    "business",
    "politics",
    "world",
    "uk",
    "us",
    "europe",
    "opinion",
    "culture",
    "lifestyle",
    "tech",
    "technology",
    "science",
    "health",
    "travel",
    "video",
    "videos",
    "podcasts",
    "weather",
    "local",
    "entertainment",
    "arts",
    "money",
    "climate",
    "education",
    "food",
    "live",
    "games",
    "puzzles",
    "more",
    "latest",
    "magazine",
];

const SHARE: &[&str] = &[
    "share",
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "linkedin",
    "email",
    "e-mail",
    "mail",
    "reddit",
    "pinterest",
    "telegram",
    "messenger",
    "print",
    "bluesky",
    "threads",
    "copy",
    "link",
    "this",
    "article",
    "on",
    "via",
];

/// The chrome a line is, if it is some (byline and date aside).
fn chrome(line: &str) -> Option<Chrome> {
    let lower = line.to_lowercase();
    let lower = lower.trim_end_matches(['.', ':']).trim();
    if BUTTONS.contains(&lower) {
        return Some(Chrome::Button);
    }
    let w = words(line);
    let sentence = line.contains(['.', '?', '!', ';', '"', '“', '«']) && w.len() > 3;
    let networks = w
        .iter()
        .filter(|x| {
            SHARE.contains(&x.as_str())
                && !matches!(
                    x.as_str(),
                    "this" | "article" | "on" | "via" | "copy" | "link"
                )
        })
        .count();
    if !w.is_empty()
        && w.len() <= 12
        && w.iter().all(|x| SHARE.contains(&x.as_str()))
        && (networks >= 2 || w[0] == "share" || lower == "copy link")
    {
        return Some(Chrome::Share);
    }
    let sections = w.iter().filter(|x| SECTIONS.contains(&x.as_str())).count();
    if !sentence && w.len() >= 3 && w.len() <= 14 && sections >= 3 && sections * 2 >= w.len() {
        return Some(Chrome::Menu);
    }
    let first = w.first().map(String::as_str).unwrap_or("");
    let label_word = matches!(
        first,
        "photo" | "photograph" | "image" | "picture" | "illustration" | "graphic" | "video"
    );
    let after_label = line
        .trim_start()
        .get(first.len()..)
        .map(str::trim_start)
        .unwrap_or("");
    if label_word && (w.len() == 1 || after_label.starts_with([':', ','])) {
        return Some(Chrome::PhotoLabel);
    }
    if (lower.starts_with("image source")
        || lower.starts_with("image caption")
        || lower.starts_with("photograph:"))
        || (w.len() <= 6
            && (lower.ends_with("/getty images")
                || lower.ends_with("/ reuters")
                || lower.ends_with("/reuters")
                || lower.ends_with("/ap")
                || lower.ends_with("/ afp")))
    {
        return Some(Chrome::PhotoLabel);
    }
    // A prompt is short; a sentence of the article may well mention a newsletter.
    let prompt = (lower.starts_with("sign up")
        || lower.starts_with("subscribe")
        || lower.contains("in your inbox"))
        && w.len() <= 25
        || lower.contains("newsletter") && w.len() <= 12;
    if prompt {
        return Some(Chrome::Newsletter);
    }
    let teaser = matches!(
        lower,
        "advertisement"
            | "advert"
            | "ad"
            | "sponsored"
            | "most read"
            | "related"
            | "related articles"
            | "more on this story"
            | "continue reading"
            | "read more"
            | "top stories"
    ) || lower.starts_with("read more:")
        || lower.starts_with("related:")
        || lower.starts_with("also read:")
        || lower.starts_with("watch:")
        || (w.len() <= 4
            && (lower.ends_with("min read")
                || lower.ends_with("minute read")
                || lower.ends_with("minutes read")));
    teaser.then_some(Chrome::Teaser)
}

/// The names of a byline line ("By Lea Park", "By Lea Park and Ana Ruiz, Health reporters").
fn byline(line: &str) -> Option<String> {
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
        .or_else(|| line.strip_prefix("by "))?
        .trim();
    let names = rest.split(['|', '•']).next().unwrap_or(rest).trim();
    let w: Vec<&str> = names.split_whitespace().collect();
    let capitalised = w
        .iter()
        .filter(|x| x.chars().next().is_some_and(char::is_uppercase))
        .count();
    let ok = (1..=12).contains(&w.len())
        && capitalised * 2 >= w.len()
        && !names.ends_with('.')
        && line.chars().count() <= 120;
    ok.then(|| names.to_string())
}

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            *m == w || (w.len() >= 3 && m.starts_with(&w) && (w.len() == 3 || w == "sept"))
        })
        .map(|i| i as u32 + 1)
}

/// The date of a line that is a date (with perhaps "Published", "Updated", a weekday and a
/// time), as `YYYY-MM-DD`: "5 March 2024", "March 5, 2024", "Tue 5 Mar 2024 10.03 GMT",
/// "2024-03-05", "Published: 2024-03-05T10:00". `None` for a line that says more than a date.
fn date_line(line: &str) -> Option<String> {
    if line.chars().count() > 60 {
        return None;
    }
    let cleaned: String = line
        .chars()
        .map(|c| if c == ',' { ' ' } else { c })
        .collect();
    let tokens: Vec<&str> = cleaned.split_whitespace().collect();
    let filler = |t: &str| {
        let l = t.to_lowercase();
        let l = l.trim_end_matches([':', '.']);
        matches!(
            l,
            "published"
                | "updated"
                | "posted"
                | "first"
                | "last"
                | "on"
                | "at"
                | "gmt"
                | "bst"
                | "utc"
                | "cet"
                | "cest"
                | "est"
                | "edt"
                | "pst"
                | "pdt"
                | "am"
                | "pm"
                | "-"
                | "|"
        ) || ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .iter()
            .any(|d| l.starts_with(d) && l.len() <= 9)
            || l.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.'))
                && l.contains([':', '.'])
    };
    // ISO first: a token starting YYYY-MM-DD.
    for t in &tokens {
        if let Some(d) = t.get(..10).and_then(|d| parse_iso_date(d).ok()) {
            let others = tokens.iter().filter(|x| *x != t).all(|x| filler(x));
            return others.then_some(d);
        }
    }
    let (mut day, mut mon, mut year) = (None, None, None);
    for t in &tokens {
        let bare = t.trim_end_matches(['.', ',']);
        let digits = bare.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if let Some(m) = month(bare) {
            mon = mon.or(Some(m));
        } else if bare.len() == 4 && bare.chars().all(|c| c.is_ascii_digit()) {
            year = year.or(bare.parse::<u32>().ok());
        } else if !digits.is_empty()
            && digits.len() <= 2
            && digits.chars().all(|c| c.is_ascii_digit())
            && matches!(&bare[digits.len()..], "" | "st" | "nd" | "rd" | "th")
        {
            day = day.or(digits.parse::<u32>().ok());
        } else if !filler(t) {
            return None;
        }
    }
    let date = format!("{:04}-{:02}-{:02}", year?, mon?, day?);
    parse_iso_date(&date).ok()
}

/// Whether a line reads as a headline: 3 to 30 words, mostly letters, not ending in a full stop.
fn looks_like_headline(line: &str) -> bool {
    let n = line.split_whitespace().count();
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    (3..=30).contains(&n) && !line.ends_with('.') && letters * 2 >= line.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A synthetic page as a browser copies it: a close button's word, the site's menu, the
    /// headline, byline and date, a share row, a photo label, the caption twice, a newsletter
    /// prompt in the body, then the end of the page.
    const PAGE: &str = "Close\n\
        Home News Sport Business Climate Culture\n\
        Harbour council approves green quay plan\n\
        By Noor Haddad and Lea Park\n\
        Published 1 May 2024\n\
        Share\n\
        Facebook Twitter WhatsApp Email\n\
        Photo: Gazette staff\n\
        Workers unload saplings at the east quay on Tuesday\n\
        \n\
        The council voted 9 to 4 on Tuesday to plant 1,200 trees along the quay.\n\
        \n\
        Workers unload saplings at the east quay on Tuesday\n\
        \n\
        Sign up for our morning newsletter\n\
        \n\
        «We will plant every one of them by 2026,» the mayor said.\n\
        Critics say the plan costs too much.\n\
        Advertisement\n\
        Read more: Ferry fares rise again\n";

    #[test]
    fn a_pasted_page_gives_headline_byline_date_and_its_chrome() {
        let r = read_paste(PAGE);
        assert_eq!(
            r.title.as_deref(),
            Some("Harbour council approves green quay plan")
        );
        assert_eq!(r.byline.as_deref(), Some("Noor Haddad and Lea Park"));
        assert_eq!(r.published.as_deref(), Some("2024-05-01"));
        let out: Vec<(usize, Chrome)> = r.left_out.iter().map(|l| (l.line, l.why)).collect();
        assert_eq!(
            out,
            [
                (0, Chrome::Button),
                (1, Chrome::Menu),
                (3, Chrome::Byline),
                (4, Chrome::Date),
                (5, Chrome::Share),
                (6, Chrome::Share),
                (7, Chrome::PhotoLabel),
                (12, Chrome::Repeated),
                (14, Chrome::Newsletter),
                (18, Chrome::Teaser),
                (19, Chrome::Teaser),
            ]
        );
        assert_eq!(r.left_out[0].text, "Close");
    }

    #[test]
    fn the_article_keeps_the_text_and_whatever_the_user_keeps() {
        let r = read_paste(PAGE);
        assert_eq!(
            article_text(PAGE, &r.left_out, &[]),
            "Harbour council approves green quay plan\n\
             Workers unload saplings at the east quay on Tuesday\n\
             \n\
             The council voted 9 to 4 on Tuesday to plant 1,200 trees along the quay.\n\
             \n\
             «We will plant every one of them by 2026,» the mayor said.\n\
             Critics say the plan costs too much."
        );
        let kept = article_text(PAGE, &r.left_out, &[4]);
        assert!(kept.contains("Published 1 May 2024\n"), "{kept}");
    }

    #[test]
    fn a_clean_article_loses_nothing() {
        let text = "Ferry fares rise\n\nFares rise 5 % in May, the operator says.\n\
                    Owners of the café object: «Share the cost,» one said.\n\
                    The newsletter of the ferry union, published monthly, called the rise unfair and asked members to write to the council about it.";
        let r = read_paste(text);
        assert!(r.left_out.is_empty(), "{:?}", r.left_out);
        assert_eq!(r.title.as_deref(), Some("Ferry fares rise"));
        assert_eq!((r.byline, r.published), (None, None));
        assert_eq!(article_text(text, &r.left_out, &[]), text);
    }

    #[test]
    fn dates_are_read_in_the_ways_pages_write_them() {
        for (line, date) in [
            ("5 March 2024", "2024-03-05"),
            ("March 5, 2024", "2024-03-05"),
            ("Tue 5 Mar 2024 10.03 GMT", "2024-03-05"),
            ("Updated: 2024-03-05T10:00:00Z", "2024-03-05"),
            ("Published on Sept 30th, 2023", "2023-09-30"),
            ("1 May 2024, 09:30", "2024-05-01"),
        ] {
            assert_eq!(date_line(line).as_deref(), Some(date), "{line}");
        }
        for line in [
            "30 February 2024",
            "In March 2024 the council met",
            "5 March",
            "The vote on 5 March 2024 was close",
        ] {
            assert_eq!(date_line(line), None, "{line}");
        }
    }

    #[test]
    fn bylines_need_names() {
        assert_eq!(byline("By Ana Ruiz").as_deref(), Some("Ana Ruiz"));
        assert_eq!(
            byline("By Ana Ruiz | Health correspondent").as_deref(),
            Some("Ana Ruiz")
        );
        assert_eq!(byline("By the end of the year, prices rose."), None);
        assert_eq!(byline("Bypass opens"), None);
    }

    #[test]
    fn windows_line_endings_are_read_the_same() {
        let crlf = PAGE.replace('\n', "\r\n");
        let r = read_paste(&crlf);
        assert_eq!(r.left_out.len(), read_paste(PAGE).left_out.len());
        assert_eq!(
            article_text(&crlf, &r.left_out, &[]),
            article_text(PAGE, &read_paste(PAGE).left_out, &[])
        );
    }

    /// A second page, in another site's manner.
    #[test]
    fn another_site_s_chrome_is_found_too() {
        let page = "Skip to content\n\
            News | Politics | World | Business | Opinion\n\
            Ferry fares to rise 5% in May\n\
            5 min read\n\
            March 28, 2024\n\
            By Ana Ruiz • Transport correspondent\n\
            Image source, Getty Images\n\
            Image caption, The morning ferry leaves the harbour\n\
            Fares will rise 5% in May, the operator said on Thursday.\n\
            More on this story\n\
            Copy link\n\
            X\n";
        let r = read_paste(page);
        assert_eq!(r.title.as_deref(), Some("Ferry fares to rise 5% in May"));
        assert_eq!(r.published.as_deref(), Some("2024-03-28"));
        assert_eq!(r.byline.as_deref(), Some("Ana Ruiz"));
        let kept = article_text(page, &r.left_out, &[]);
        assert_eq!(
            kept,
            "Ferry fares to rise 5% in May\nFares will rise 5% in May, the operator said on Thursday."
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Whatever is pasted: proposals name real lines with their text, and keeping every
        /// proposed line gives the text as it would be with nothing proposed.
        #[test]
        fn proposals_are_lines_of_the_text_and_keeping_them_restores_it(
            lines in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::Just("Close".to_string()),
                    proptest::prelude::Just("Share".to_string()),
                    proptest::prelude::Just("By Lea Park".to_string()),
                    proptest::prelude::Just("5 March 2024".to_string()),
                    proptest::prelude::Just("The minister said the plan works well.".to_string()),
                    proptest::prelude::Just(String::new()),
                    ".{0,30}",
                ],
                0..20,
            ),
        ) {
            let text = lines.join("\n");
            let r = read_paste(&text);
            let all: Vec<&str> = text.split('\n').collect();
            for l in &r.left_out {
                proptest::prop_assert_eq!(all[l.line].trim(), l.text.as_str());
            }
            let every: Vec<usize> = r.left_out.iter().map(|l| l.line).collect();
            proptest::prop_assert_eq!(
                article_text(&text, &r.left_out, &every),
                article_text(&text, &[], &[])
            );
        }
    }
}
