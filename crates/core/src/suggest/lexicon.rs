//! Word lists the rules consult. Every function takes a lower-cased word (apostrophes folded to `'`).
//!
//! English first, with the common French, German, Persian and Arabic equivalents; lists are short
//! on purpose: a missing word costs recall, a wrong one costs precision everywhere.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a: a small, fast hash for short words.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type WordMap = HashMap<&'static str, u32, BuildHasherDefault<WordHasher>>;

/// A hash set or map keyed by short words or lines, with [`WordHasher`].
pub(crate) type FastHash = BuildHasherDefault<WordHasher>;

pub(crate) const F_REPORTING_VERB: u32 = 1 << 0;
pub(crate) const F_ACCORDING: u32 = 1 << 1;
pub(crate) const F_CLAIM_VERB: u32 = 1 << 2;
pub(crate) const F_VERB_FILLER: u32 = 1 << 3;
pub(crate) const F_PRONOUN: u32 = 1 << 4;
pub(crate) const F_FUNCTION_WORD: u32 = 1 << 5;
pub(crate) const F_JOB_TITLE: u32 = 1 << 6;
/// Titles that may precede a name, written with a full stop ("Dr.", "M.").
pub(crate) const F_TITLE_ABBREV: u32 = 1 << 7;
pub(crate) const F_ORG_WORD: u32 = 1 << 8;
pub(crate) const F_SPEAKER_NOUN: u32 = 1 << 9;
pub(crate) const F_STATEMENT_NOUN: u32 = 1 << 10;
pub(crate) const F_DETERMINER: u32 = 1 << 11;
pub(crate) const F_NAMING_VERB: u32 = 1 << 12;
pub(crate) const F_NAME_PARTICLE: u32 = 1 << 13;
pub(crate) const F_MONTH: u32 = 1 << 14;
pub(crate) const F_TIME_WORD: u32 = 1 << 15;
pub(crate) const F_IDENTIFIER_LABEL: u32 = 1 << 16;
pub(crate) const F_YEAR_PREPOSITION: u32 = 1 << 17;
pub(crate) const F_STOPWORD: u32 = 1 << 18;
pub(crate) const F_PERCENT_WORD: u32 = 1 << 19;
pub(crate) const F_ABBREVIATION: u32 = 1 << 20;
pub(crate) const F_FINAL_ABBREVIATION: u32 = 1 << 21;
pub(crate) const F_SENTENCE_OPENER: u32 = 1 << 22;
pub(crate) const F_NUMBER_WORD: u32 = 1 << 23;
pub(crate) const F_INDEFINITE: u32 = 1 << 24;
pub(crate) const F_PLATFORM: u32 = 1 << 25;
pub(crate) const F_PREPOSITION: u32 = 1 << 26;
pub(crate) const F_WEAK_REPORT: u32 = 1 << 27;
pub(crate) const F_CHROME_OPENER: u32 = 1 << 28;
pub(crate) const F_ADVERBIAL_OPENER: u32 = 1 << 29;
pub(crate) const F_CHANGE_VERB: u32 = 1 << 30;
/// The last word of a qualifier ("least" of "at least").
pub(crate) const F_QUALIFIER_END: u32 = 1 << 31;

/// Every word list with its flag; a word may be in several.
#[rustfmt::skip]
const LISTS: &[(u32, &[&str])] = &[
    (F_INDEFINITE, &["a", "an"]),
    (F_PLATFORM, &["x", "twitter", "facebook", "instagram", "telegram", "linkedin", "tiktok", "youtube", "whatsapp", "bluesky", "threads", "weibo", "mastodon", "snapchat", "reddit", "signal", "truth"]),
    (F_PREPOSITION, &["of", "in", "at", "from", "near", "to", "on", "into", "across", "outside", "for", "by", "with", "toward", "towards", "inside", "around", "through", "de", "des", "du", "à", "en", "von", "aus", "bei", "nach", "über", "zu"]),
    (F_WEAK_REPORT, &["posted", "posting", "wrote", "writes", "tweeted", "read", "asked", "replied", "continued", "shouted", "commented", "recalled", "posts"]),
    (F_CHROME_OPENER, &["sign", "subscribe", "follow", "read", "click", "share", "download", "watch", "listen", "join", "get", "register", "log", "tap", "see", "visit", "welcome", "good", "advertisement", "skip", "abonnez-vous", "teilen", "photo", "photograph", "image", "caption", "copyright", "refresh"]),
    (F_ADVERBIAL_OPENER, &["last", "on", "in", "at", "later", "earlier", "speaking", "meanwhile", "however", "after", "before", "during", "yesterday", "today", "this", "writing", "separately", "also", "but", "and", "lors", "am", "im"]),
    (F_CHANGE_VERB, &["rose", "risen", "rise", "rises", "fell", "fallen", "fall", "falls", "increased", "decreased", "dropped", "grew", "grown", "climbed", "jumped", "reached", "reach", "hit", "stood", "declined", "slipped", "soared", "surged", "plunged", "up", "down", "passed", "pass", "passes", "topped", "exceeded", "augmenté", "baissé", "progressé", "reculé", "grimpé", "chuté", "diminué", "stieg", "stiegen", "gestiegen", "sank", "sanken", "gesunken", "fiel", "fielen", "gefallen"]),
    (F_REPORTING_VERB, &["said", "says", "say", "told", "tells", "added", "adds", "wrote", "writes", "stated", "states", "announced", "declared", "explained", "noted", "insisted", "argued", "warned", "claimed", "asked", "replied", "continued", "recalled", "acknowledged", "admitted", "conceded", "tweeted", "posted", "commented", "stressed", "emphasised", "emphasized", "urged", "vowed", "promised", "denied", "confirmed", "estimated", "reported", "read", "shouted", "concluded", "dit", "déclaré", "affirmé", "ajouté", "expliqué", "indiqué", "estimé", "souligné", "assuré", "précisé", "annoncé", "écrit", "raconté", "confié", "répondu", "averti", "dénoncé", "déclare", "affirme", "affirment", "estiment", "indiquent", "ajoute", "explique", "estime", "souligne", "assure", "précise", "raconte", "dénonce", "sagte", "sagt", "mitteilte", "mitteilt", "erklärte", "erklärt", "schrieb", "betonte", "warnte", "fügte", "teilte", "berichtete", "kritisierte", "meinte", "گفت", "افزود", "نوشت", "گفته", "قال", "قالت", "أضاف", "أضافت", "وقال", "وقالت", "وأضاف", "وأضافت"]),
    (F_ACCORDING, &["according", "selon", "laut", "بحسب", "وبحسب"]),
    (F_CLAIM_VERB, &["recorded", "counted", "registered", "called", "described", "dubbed", "termed", "labelled", "labeled", "branded", "criticised", "criticized", "condemned", "announces", "estimates", "reports", "claims", "accused", "accuses", "blamed", "blames", "denies", "according", "confirms", "alleged", "alleges", "selon", "laut", "accusé", "démenti", "schätzt", "schätzte", "bestritt", "kündigte", "warf", "اعلام", "تخمین", "کرد"]),
    (F_VERB_FILLER, &["has", "had", "have", "also", "later", "then", "again", "previously", "earlier", "further", "a", "ont", "avait", "hat", "hatte", "sind", "ist", "auch", "bereits", "همچنین"]),
    (F_PRONOUN, &["he", "she", "they", "his", "her", "their", "it", "its", "il", "elle", "ils", "elles", "er", "sie", "او", "وی", "هو", "هي"]),
    (F_FUNCTION_WORD, &["the", "a", "an", "in", "on", "at", "but", "and", "or", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "according", "after", "before", "when", "while", "as", "if", "le", "la", "les", "der", "die", "das", "ein", "eine", "un", "une", "selon", "so", "laut", "yet", "still", "meanwhile", "however", "also", "earlier", "later", "last", "for", "from", "by", "with", "to", "of", "there", "what", "why", "how", "who", "not", "no", "asked", "speaking", "writing", "in’", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "dans", "pour", "mais", "et", "am", "im", "und", "aber", "doch", "then", "since", "until", "during", "once", "each", "every", "all", "some", "many", "most", "both", "because", "although", "though", "we’re", "it’s"]),
    (F_JOB_TITLE, &["nurse", "teacher", "professor", "lawyer", "activist", "officer", "minister", "president", "mayor", "leader", "spokesman", "spokeswoman", "spokesperson", "secretary", "chancellor", "governor", "senator", "general", "colonel", "captain", "chief", "director", "chairman", "chairwoman", "chair", "foreign", "prime", "transport", "health", "interior", "defence", "defense", "finance", "deputy", "opposition", "union", "rebel", "promoter", "guitarist", "manager", "singer", "judge", "commander", "ambassador", "envoy", "vice", "bürgermeister", "bürgermeisterin", "fraktionschef", "fraktionschefin", "ministerin", "präsident", "präsidentin", "sprecher", "sprecherin", "kanzler", "kanzlerin", "ministre", "maire", "président", "présidente", "porte-parole", "resident", "challenger", "incumbent", "mp", "premier", "justice", "agriculture", "trade", "environment", "economy", "labour", "energy", "education", "fire", "executive", "economist", "correspondent", "reporter", "coach", "councillor", "engineer", "analyst", "sprinter", "prosecutor", "bausenatorin", "bausenator", "vereinschef", "vereinschefin", "officer", "ms", "mr", "mrs", "wirtschaftsminister", "wirtschaftsministerin", "finanzminister", "finanzministerin", "innenminister", "innenministerin", "außenminister", "außenministerin", "gesundheitsminister", "gesundheitsministerin", "verkehrsminister", "verkehrsministerin", "umweltminister", "umweltministerin", "justizminister", "justizministerin", "verteidigungsminister", "verteidigungsministerin", "arbeitsminister", "arbeitsministerin", "bauminister", "bauministerin", "ministerpräsident", "ministerpräsidentin", "bundeskanzler", "bundeskanzlerin", "bundespräsident", "bundespräsidentin", "regierungssprecher", "regierungssprecherin", "polizeisprecher", "polizeisprecherin", "parteichef", "parteichefin", "oberbürgermeister", "oberbürgermeisterin", "landrat", "landrätin", "verbraucherschützer", "verbraucherschützerin"]),
    (F_TITLE_ABBREV, &["dr", "mr", "mrs", "ms", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "st", "m", "mme", "mlle", "hr", "fr", "pres", "rev", "maj", "cmdr"]),
    (F_ORG_WORD, &["college", "board", "alliance", "association", "observatory", "foundation", "society", "coalition", "ministry", "nations", "council", "university", "agency", "news", "reuters", "street", "city", "republic", "party", "committee", "organisation", "organization", "company", "bank", "fund", "office", "department", "union", "court", "house", "times", "post", "press", "associated", "institute", "hospital", "airport", "province", "county", "state", "states", "kingdom", "federation", "assembly", "parliament", "senate", "congress", "army", "forces", "corps", "guard", "police", "group", "centre", "center", "school", "river", "sea", "gulf", "mountains", "island", "islands", "red", "crescent", "cross", "star", "ledger", "herald", "gazette", "tribune", "journal", "daily", "bbc", "service", "services", "authority", "commission", "embassy", "television", "tv", "radio", "agence", "france", "gmbh", "inc", "ltd", "corp", "bureau", "network", "watch", "international", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "york", "tehran", "paris", "berlin", "london", "washington", "tokyo", "beirut", "cairo", "gaza", "iran", "israel", "lebanon", "syria", "iraq", "europe", "african", "european", "american", "world"]),
    (F_SPEAKER_NOUN, &["ministers", "figures", "data", "statistics", "survey", "poll", "study", "commission", "board", "service", "centre", "center", "spokesman", "spokeswoman", "spokesperson", "official", "officials", "police", "ministry", "minister", "president", "witnesses", "witness", "residents", "resident", "analysts", "analyst", "army", "military", "government", "agency", "agencies", "authority", "department", "traders", "source", "sources", "doctor", "doctors", "authorities", "prosecutors", "prosecutor", "lawyer", "researchers", "experts", "expert", "report", "company", "council", "committee", "embassy", "office", "mayor", "governor", "director", "chief", "leader", "commander", "statement", "organisers", "organizers", "union", "activists", "campaigners", "ngo", "charity", "regulator", "court", "judge", "minister’s", "survivors", "survivor", "official’s", "studie", "sprecher", "sprecherin", "ministerin", "ministère", "porte-parole", "gouvernement", "sources’"]),
    (F_STATEMENT_NOUN, &["post", "statement", "tweet", "message", "letter", "note", "email", "blog", "video", "speech", "op-ed", "column", "account", "page", "posts"]),
    (F_DETERMINER, &["the", "a", "an", "its", "le", "la", "les", "l'", "der", "die", "das", "ein", "eine", "un", "une", "یک", "ある"]),
    (F_NAMING_VERB, &["called", "described", "dubbed", "termed", "labelled", "labeled", "branded"]),
    (F_NAME_PARTICLE, &["al", "bin", "ibn", "de", "da", "van", "von", "der", "del", "du", "ben", "el", "la", "le", "di", "dos", "das"]),
    (F_MONTH, &["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre", "januar", "februar", "märz", "juni", "juli", "oktober", "dezember", "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند", "ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"]),
    (F_TIME_WORD, &["am", "pm", "gmt", "utc", "est", "edt", "cet", "cest", "bst", "pst", "h", "uhr", "o'clock", "hrs"]),
    (F_IDENTIFIER_LABEL, &["article", "section", "resolution", "flight", "room", "route", "chapter", "paragraph", "no", "number", "nr", "act", "highway", "bus", "line", "gate", "platform", "building", "apartment", "unit", "phase", "level", "page", "item", "vol", "volume", "episode", "season", "part", "category", "ward", "block", "district", "zone", "version", "windows", "iphone", "galaxy", "covid", "terminal", "floor", "apollo", "pope", "louis", "henry", "ii", "tel", "fax", "phone", "kilometre", "km", "mile", "exit", "artikel", "paragraf", "n°", "ligne", "vol.", "sure", "surah", "verse", "call", "dial", "hotline", "boeing", "airbus", "ftse", "nasdaq", "nikkei", "dax", "cac", "stoxx", "sensex", "nifty", "war", "channel", "tier", "type", "game", "formula", "stage", "grade"]),
    (F_YEAR_PREPOSITION, &["in", "since", "by", "until", "from", "of", "year", "before", "after", "during", "en", "im", "seit", "depuis", "jahr", "année", "سال", "early", "late", "mid", "through", "till", "and", "to", "the"]),
    (F_STOPWORD, &["of", "in", "on", "at", "to", "and", "or", "but", "the", "a", "an", "was", "were", "is", "are", "be", "been", "have", "has", "had", "for", "from", "by", "with", "as", "that", "this", "it", "its", "than", "per", "which", "who", "while", "when", "after", "before", "since", "into", "out", "up", "down", "over", "under", "more", "less", "times", "they", "we", "he", "she", "will", "would", "could", "can", "may", "did", "do", "does", "not", "so", "if", "then", "there", "their", "his", "her", "said", "says", "de", "du", "des", "le", "la", "les", "et", "à", "en", "sur", "dans", "par", "pour", "ont", "sont", "est", "und", "der", "die", "das", "im", "am", "zu", "von", "mit", "auf", "für", "ist", "sind", "wurden", "و", "در", "از", "به", "که", "را", "با", "این", "آن", "تا", "یا", "هم", "برای", "بر", "own", "percent", "each", "all", "among", "against", "between", "because", "about", "around", "through", "during", "until", "across", "toward", "towards", "ago", "later", "earlier", "apiece", "alone", "only", "too", "again", "also", "people’s", "now", "left", "such"]),
    (F_PERCENT_WORD, &["percent", "prozent", "درصد", "pct"]),
    (F_ABBREVIATION, &["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vs", "approx", "est", "dept", "fig", "ca", "cf", "gov", "mt", "ft", "ave", "blvd", "art", "nr", "bzw", "z", "etc"]),
    (F_FINAL_ABBREVIATION, &["etc", "inc", "ltd", "co", "corp", "jr", "sr", "plc", "mrd", "mio"]),
    (F_SENTENCE_OPENER, &["the", "he", "she", "it", "they", "we", "i", "but", "in", "on", "this", "that", "a", "an", "there", "his", "her", "their", "its", "officials", "after", "while", "when", "however", "meanwhile", "some", "many", "no", "according"]),
    (F_NUMBER_WORD, &["two", "deux", "zwei", "three", "trois", "drei", "four", "quatre", "vier", "five", "cinq", "fünf", "six", "sechs", "seven", "sept", "sieben", "eight", "huit", "acht", "nine", "neuf", "neun", "ten", "dix", "zehn", "eleven", "twelve", "dozen", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "one", "un", "une", "d'un", "d'une", "ein", "eine", "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths", "moitié", "hälfte"]),
];

/// The lists `w` belongs to, as flags: one hash lookup however many lists are asked about.
#[inline]
pub(crate) fn flags(w: &str) -> u32 {
    static MAP: OnceLock<WordMap> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut map = WordMap::default();
        for (flag, words) in LISTS {
            for w in *words {
                *map.entry(w).or_insert(0) |= flag;
            }
        }
        for q in QUALIFIERS {
            let last = q.rsplit(' ').next().unwrap_or(q);
            *map.entry(last).or_insert(0) |= F_QUALIFIER_END;
        }
        map
    });
    map.get(w).copied().unwrap_or(0)
}

/// Verbs (and verb forms) that report speech, in the position "X said" / "said X".
pub(crate) fn is_reporting_verb(w: &str) -> bool {
    flags(w) & F_REPORTING_VERB != 0
}

/// Words that introduce a source after them: "according to X", "selon X", "laut X", "so X".
pub(crate) fn is_according(w: &str) -> bool {
    flags(w) & F_ACCORDING != 0
}

/// Subject pronouns and possessives that carry a speaker from an earlier mention.
pub(crate) fn is_pronoun(w: &str) -> bool {
    flags(w) & F_PRONOUN != 0
}

/// French inverted forms such as "a-t-il", "ajoute-t-elle", "dit-il".
pub(crate) fn is_inverted_pronoun(w: &str) -> bool {
    ["-t-il", "-t-elle", "-t-ils", "-il", "-elle", "-ils"]
        .iter()
        .any(|s| w.ends_with(s) && w.len() > s.len())
}

/// Capitalised words that are not names even when they start a name-like run.
pub(crate) fn is_function_word(w: &str) -> bool {
    flags(w) & F_FUNCTION_WORD != 0
}

/// Common nouns that name a speaker: "the ministry said", "a police spokesman told".
pub(crate) fn is_speaker_noun(w: &str) -> bool {
    flags(w) & F_SPEAKER_NOUN != 0
}

/// Nouns for a written statement: "X’s post continued", "her statement read".
pub(crate) fn is_statement_noun(w: &str) -> bool {
    flags(w) & F_STATEMENT_NOUN != 0
}

/// Determiners skipped at the front of a noun-phrase speaker.
pub(crate) fn is_determiner(w: &str) -> bool {
    flags(w) & F_DETERMINER != 0
}

/// Verbs that attribute a short partial quote: "called it “reckless”", "described it as “grim”".
pub(crate) fn is_naming_verb(w: &str) -> bool {
    flags(w) & F_NAMING_VERB != 0
}

/// Month names and their abbreviations (English, French, German, Persian solar, Persian
/// Gregorian).
pub(crate) fn is_month(w: &str) -> bool {
    flags(w) & F_MONTH != 0
}

/// Words after a number that make it a clock time or a time zone.
pub(crate) fn is_time_word(w: &str) -> bool {
    flags(w) & F_TIME_WORD != 0
}

/// Words before a number that make it an identifier, not a quantity: "Article 5", "Flight 752".
pub(crate) fn is_identifier_label(w: &str) -> bool {
    flags(w) & F_IDENTIFIER_LABEL != 0
}

/// Words before a year that show it is used as a date ("in 2023", "since 1990").
pub(crate) fn is_year_preposition(w: &str) -> bool {
    flags(w) & F_YEAR_PREPOSITION != 0
}

/// Words that never serve as the counted noun after a number.
pub(crate) fn is_stopword(w: &str) -> bool {
    flags(w) & F_STOPWORD != 0
}

/// Multipliers after a number, with their factor.
pub(crate) fn multiplier(w: &str) -> Option<f64> {
    Some(match w {
        "thousand" | "thousands" | "mille" | "tausend" | "هزار" | "ألف" => 1e3,
        "million" | "millions" | "mn" | "millionen" | "mio" | "میلیون" | "مليون" => 1e6,
        "lakh" | "lakhs" => 1e5,
        "crore" | "crores" => 1e7,
        "billion" | "billions" | "bn" | "milliard" | "milliards" | "milliarde" | "milliarden"
        | "mrd" | "میلیارد" | "مليار" => 1e9,
        "trillion" | "trillions" | "tn" | "billionen" | "هزارمیلیارد" => 1e12,
        _ => return None,
    })
}

/// Multipliers glued to a number ("3.5bn", "£40m", "20k").
pub(crate) fn glued_multiplier(w: &str) -> Option<f64> {
    Some(match w {
        "k" => 1e3,
        "m" | "mn" => 1e6,
        "bn" | "b" => 1e9,
        "tn" | "t" => 1e12,
        _ => return None,
    })
}

/// Currency symbols before a number, with their ISO code.
pub(crate) fn currency_symbol(c: char) -> Option<&'static str> {
    Some(match c {
        '$' => "USD",
        '€' => "EUR",
        '£' => "GBP",
        '¥' => "JPY",
        '₹' => "INR",
        '₽' => "RUB",
        '﷼' => "IRR",
        '₺' => "TRY",
        '₦' => "NGN",
        '₴' => "UAH",
        '₩' => "KRW",
        '₱' => "PHP",
        '₪' => "ILS",
        '฿' => "THB",
        _ => return None,
    })
}

/// Currency words and codes (before or after a number), with their ISO code.
pub(crate) fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "usd" | "dollars" | "dollar" | "us$" => "USD",
        "eur" | "euros" | "euro" | "d'euros" | "euro-" => "EUR",
        "gbp" | "pounds" | "sterling" => "GBP",
        "jpy" | "yen" | "円" => "JPY",
        "rials" | "rial" | "ریال" => "IRR",
        "tomans" | "toman" | "تومان" => "IRT",
        "chf" | "francs" => "CHF",
        "rupees" | "inr" => "INR",
        "roubles" | "rubles" => "RUB",
        "dinars" => "DIN",
        "rs" => "INR",
        "naira" => "NGN",
        "rand" => "ZAR",
        "lira" | "liras" => "TRY",
        "shekels" => "ILS",
        "yuan" | "renminbi" => "CNY",
        "riyals" => "SAR",
        "dirhams" => "AED",
        "دولار" | "دولارا" => "USD",
        "يورو" => "EUR",
        "d'dollars" | "dollars'" => "USD",
        _ => return None,
    })
}

/// Words (or their endings) after a number that make it a percentage.
pub(crate) fn is_percent_word(w: &str) -> bool {
    flags(w) & F_PERCENT_WORD != 0
}

/// The qualifiers whose last word is `last`, each with its words, in [`QUALIFIERS`] order
/// (longest first): one lookup instead of a pass over the whole list for every number after
/// "of", "to" or "than".
pub(crate) fn qualifiers_ending_with(last: &str) -> &'static [(&'static str, Vec<&'static str>)] {
    type ByLast = HashMap<&'static str, Vec<(&'static str, Vec<&'static str>)>, FastHash>;
    static MAP: OnceLock<ByLast> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut map = ByLast::default();
        for q in QUALIFIERS {
            let words: Vec<&'static str> = q.split(' ').collect();
            let last = words.last().copied().unwrap_or(q);
            map.entry(last).or_default().push((q, words));
        }
        map
    });
    map.get(last).map_or(&[], Vec::as_slice)
}

/// Qualifiers before a figure, longest first within each language.
pub(crate) const QUALIFIERS: &[&str] = &[
    "a little more than",
    "a little less than",
    "slightly more than",
    "slightly less than",
    "little more than",
    "little less than",
    "in the region of",
    "not more than",
    "not less than",
    "a maximum of",
    "a minimum of",
    "no more than",
    "no fewer than",
    "as many as",
    "as much as",
    "as few as",
    "in excess of",
    "at least",
    "at most",
    "more than",
    "less than",
    "fewer than",
    "up to",
    "close to",
    "upwards of",
    "just over",
    "just under",
    "just above",
    "just below",
    "well over",
    "well above",
    "an estimated",
    "nearly",
    "almost",
    "around",
    "about",
    "approximately",
    "roughly",
    "some",
    "over",
    "under",
    "below",
    "above",
    "estimated",
    "only",
    "au moins",
    "au plus",
    "pas moins de",
    "un peu plus de",
    "plus de",
    "moins de",
    "près de",
    "environ",
    "quelque",
    "quelques",
    "jusqu'à",
    "weit über",
    "mehr als",
    "weniger als",
    "bis zu",
    "mindestens",
    "rund",
    "etwa",
    "fast",
    "knapp",
    "über",
    "gut",
    "nahezu",
    "beinahe",
    "annähernd",
    "ungefähr",
    "circa",
    "höchstens",
    "ما لا يقل عن",
    "ما يقرب من",
    "أكثر من",
    "أقل من",
    "نحو",
    "بنحو",
    "حوالي",
    "حوالى",
    "بحوالي",
    "قرابة",
    "زهاء",
    "دست‌کم",
    "دستکم",
    "حدود",
    "بیش از",
    "نزدیک به",
    "کمتر از",
    "تقریبا",
    "تقریباً",
    "حدودا",
    "حدوداً",
    "قریب به",
    "حداقل",
    "حداکثر",
];

/// English (and a few French/German) number words below twenty and the tens, with their values.
pub(crate) fn number_word(w: &str) -> Option<f64> {
    if flags(w) & F_NUMBER_WORD == 0 {
        return None;
    }
    Some(match w {
        "two" | "deux" | "zwei" | "دو" => 2.0,
        "three" | "trois" | "drei" | "سه" => 3.0,
        "four" | "quatre" | "vier" | "چهار" => 4.0,
        "five" | "cinq" | "fünf" | "پنج" => 5.0,
        "six" | "sechs" | "شش" => 6.0,
        "seven" | "sept" | "sieben" | "هفت" => 7.0,
        "eight" | "huit" | "acht" | "هشت" => 8.0,
        "nine" | "neuf" | "neun" => 9.0,
        "ten" | "dix" | "zehn" => 10.0,
        "eleven" => 11.0,
        "twelve" | "dozen" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "hundred" => 100.0,
        _ => return None,
    })
}

/// The qualifier vocabulary a figure's raw qualifier belongs to: "exact" (no qualifier), "about",
/// "at least", "at most", "more than", "less than", "up to" or "between".
pub(crate) fn qualifier_class(raw: &str) -> &'static str {
    match raw {
        "at least"
        | "au moins"
        | "mindestens"
        | "دست‌کم"
        | "دستکم"
        | "حداقل"
        | "少なくとも"
        | "no fewer than"
        | "not less than"
        | "a minimum of"
        | "pas moins de"
        | "ما لا يقل عن" => "at least",
        "at most" | "no more than" | "not more than" | "a maximum of" | "au plus" | "höchstens"
        | "حداکثر" => "at most",
        "more than" | "over" | "upwards of" | "in excess of" | "just over" | "just above"
        | "well over" | "well above" | "a little more than" | "little more than"
        | "slightly more than" | "plus de" | "un peu plus de" | "mehr als" | "über"
        | "weit über" | "gut" | "بیش از" | "أكثر من" | "above" => "more than",
        "less than" | "fewer than" | "under" | "just under" | "just below" | "below"
        | "a little less than" | "little less than" | "slightly less than" | "moins de"
        | "weniger als" | "کمتر از" | "أقل من" | "knapp" => "less than",
        "up to" | "as many as" | "as much as" | "bis zu" | "jusqu'à" | "最大" => "up to",
        "between" => "between",
        "" | "only" | "as few as" => "exact",
        _ => "about",
    }
}

/// What a figure counts when a nearby word names an event: "killed" makes it deaths.
pub(crate) fn event_quantity(w: &str) -> Option<&'static str> {
    Some(match w {
        "killed" | "killing" | "died" | "dead" | "deaths" | "death" | "perished" | "fatalities"
        | "lives" | "tués" | "morts" | "getötet" | "tote" | "toten" | "کشته" | "جان" | "قتلى"
        | "القتلى" | "حتفهم" | "حتفه" | "قتيلا" | "死亡" => "deaths",
        "injured" | "injuring" | "treated" | "wounded" | "wounding" | "hurt" | "injuries"
        | "blessés" | "verletzt" | "verletzte" | "زخمی" | "مجروح" | "جرحى" => {
            "injured"
        }
        "arrested" | "detained" | "arrests" | "arresting" | "interpellés" | "festgenommen"
        | "بازداشت" | "اعتقلت" | "اعتقل" => "arrests",
        "missing" | "disparus" | "vermisst" | "مفقود" => "missing",
        "evacuated" | "évacués" | "evakuiert" | "أجلت" | "أجلى" | "إجلاء" => {
            "evacuated"
        }
        "displaced" | "homeless" | "déplacés" => "displaced",
        "rescued" | "secourus" | "gerettet" => "rescued",
        _ => return None,
    })
}

/// The length in characters of the longest word in the abbreviation lists (sentence splitting
/// relies on it to skip look-ups for longer words).
#[cfg(test)]
pub(crate) fn longest_abbreviation() -> usize {
    LISTS
        .iter()
        .filter(|(flag, _)| *flag & (F_ABBREVIATION | F_TITLE_ABBREV | F_FINAL_ABBREVIATION) != 0)
        .flat_map(|(_, words)| words.iter())
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0)
}
