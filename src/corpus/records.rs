//! Reads corpora stored as records, one article per record: JSON Lines (`.jsonl`, `.ndjson`) and
//! CSV or TSV with a header row (`.csv`, `.tsv`). The fields that hold the text, title, date,
//! URL, author, id and section are found by their usual names (`body`, `headline`,
//! `datePublished`, …, any case) or by the names the user gives in [`FieldNames`].
//!
//! A record that cannot be read (invalid JSON, a row of the wrong length, no text) is reported as
//! a [`BadRecord`] with its line and the rest of the file is still read; only a problem with the
//! whole file (no text field anywhere, a named field that does not exist) is an error.

use serde_json::Value;

/// Usual names of the text field, in order of preference.
const TEXT_NAMES: &[&str] = &[
    "text",
    "body",
    "content",
    "article",
    "articleBody",
    "maintext",
    "story",
];
/// Usual names of the title field, in order of preference.
const TITLE_NAMES: &[&str] = &["title", "headline", "name"];
/// Usual names of the date field, in order of preference.
const DATE_NAMES: &[&str] = &[
    "date",
    "published",
    "pubdate",
    "published_at",
    "publish_date",
    "datePublished",
    "date_publish",
    "time",
];
/// Usual names of the URL field, in order of preference.
const URL_NAMES: &[&str] = &["url", "link", "source_url"];
/// Usual names of the author field, in order of preference.
const AUTHOR_NAMES: &[&str] = &["author", "authors", "byline", "creator"];
/// Usual names of the id field, in order of preference.
const ID_NAMES: &[&str] = &["id", "guid", "uuid"];
/// Usual names of the section field, in order of preference.
const SECTION_NAMES: &[&str] = &["section", "category", "topic"];

/// Number of kinds of field; index 0 is the text, then the order of [`FieldNames`].
const KINDS: usize = 7;
/// Usual names of each kind of field, in the order of [`FieldNames`].
const USUAL_NAMES: [&[&str]; KINDS] = [
    TEXT_NAMES,
    TITLE_NAMES,
    DATE_NAMES,
    URL_NAMES,
    AUTHOR_NAMES,
    ID_NAMES,
    SECTION_NAMES,
];
/// Index of the text field in the arrays indexed by kind.
const TEXT: usize = 0;

/// Field names listed at most in an error message.
const MAX_LISTED: usize = 30;
/// Characters of one field name shown at most in an error message.
const MAX_NAME_CHARS: usize = 40;

/// Which record fields hold what; `None` means "recognise the usual names".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldNames {
    /// Field holding the article's text (`--text-field`).
    pub text: Option<String>,
    /// Field holding the title.
    pub title: Option<String>,
    /// Field holding the publication date.
    pub date: Option<String>,
    /// Field holding the article's URL.
    pub url: Option<String>,
    /// Field holding the author or authors.
    pub author: Option<String>,
    /// Field holding the record's id.
    pub id: Option<String>,
    /// Field holding the section or category.
    pub section: Option<String>,
}

/// One article read from a record. Every field is trimmed; a field the record lacks is empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// 1-based line of the record's start in the file.
    pub line: usize,
    /// Id, as given.
    pub id: String,
    /// Title, as given.
    pub title: String,
    /// Article text, never empty.
    pub text: String,
    /// Date as given (not parsed).
    pub date: String,
    /// URL, as given.
    pub url: String,
    /// Author; several authors are joined with `, `.
    pub author: String,
    /// Section or category.
    pub section: String,
}

/// A record that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRecord {
    /// 1-based line of the record's start in the file.
    pub line: usize,
    /// Why it could not be read, such as `no text field`.
    pub reason: String,
}

/// What a file gave: its articles and the records that could not be read, each in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Records {
    /// The articles read.
    pub records: Vec<Record>,
    /// The records that could not be read.
    pub bad: Vec<BadRecord>,
}

impl Records {
    /// Notes a record that could not be read.
    fn bad(&mut self, line: usize, reason: impl Into<String>) {
        self.bad.push(BadRecord {
            line,
            reason: reason.into(),
        });
    }

    /// Keeps a record whose fields are `values` (indexed by kind), or notes it as bad when it has
    /// no text (`has_text` tells whether the text field exists at all).
    fn add(&mut self, line: usize, has_text: bool, values: [String; KINDS]) {
        let [text, title, date, url, author, id, section] = values;
        if !has_text {
            self.bad(line, "no text field");
        } else if text.is_empty() {
            self.bad(line, "empty text field");
        } else {
            self.records.push(Record {
                line,
                id,
                title,
                text,
                date,
                url,
                author,
                section,
            });
        }
    }
}

/// Reads JSON Lines text. Errors for the whole file (e.g. no record has a text field) are
/// returned as Err(message).
///
/// Blank lines are skipped. A line that is not a JSON object, or whose text is missing or empty,
/// is a [`BadRecord`]. Strings are taken as they are, numbers and booleans written out, arrays
/// joined with `, ` (a list of authors) and objects replaced by their `name` (JSON-LD's
/// `"author": {"name": …}`).
pub fn read_jsonl(text: &str, fields: &FieldNames) -> Result<Records, String> {
    let user = user_names(fields);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Records::default();
    // Every field name met, in order of first appearance, for error messages.
    let mut seen: Vec<String> = Vec::new();
    let mut seen_set = std::collections::HashSet::new();
    let mut found = [false; KINDS];
    let mut objects = 0usize;
    let mut any_line = false;
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        if raw.trim().is_empty() {
            continue;
        }
        any_line = true;
        let map = match serde_json::from_str::<Value>(raw) {
            Ok(Value::Object(map)) => map,
            Ok(other) => {
                out.bad(
                    line,
                    format!("not a JSON object: found {}", json_kind(&other)),
                );
                continue;
            }
            Err(e) => {
                out.bad(line, json_error(&e));
                continue;
            }
        };
        objects += 1;
        let names: Vec<&str> = map.keys().map(String::as_str).collect();
        for name in &names {
            if !seen_set.contains(*name) {
                seen_set.insert(name.to_string());
                seen.push(name.to_string());
            }
        }
        let columns = resolve(&names, &user);
        let values: Vec<&Value> = map.values().collect();
        for (kind, column) in columns.iter().enumerate() {
            found[kind] |= column.is_some();
        }
        let field = |kind: usize| {
            columns[kind]
                .and_then(|c| values.get(c))
                .map_or_else(String::new, |v| json_text(v))
        };
        out.add(line, columns[TEXT].is_some(), std::array::from_fn(field));
    }
    if !any_line {
        return Err("no records: the file is empty".into());
    }
    if objects == 0 {
        // Every line is bad: this is not JSON Lines at all (a JSON array, another format).
        let first = &out.bad[0];
        return Err(format!(
            "no line is a JSON object (line {}: {})",
            first.line, first.reason
        ));
    }
    check_named(&user, &found, &seen)?;
    if !found[TEXT] {
        return Err(format!(
            "no text field: expected one of {}; name it with --text-field",
            TEXT_NAMES.join(", ")
        ));
    }
    Ok(out)
}

/// Reads CSV (delimiter b',') or TSV (b'\t') text with a header row.
///
/// Fields may be quoted (`"`, with `""` for a quote) and span lines. A row with another number
/// of fields than the header, or with an empty text, is a [`BadRecord`] whose line is where the
/// row starts. A byte-order mark before the header is ignored.
pub fn read_csv(text: &str, delimiter: u8, fields: &FieldNames) -> Result<Records, String> {
    let user = user_names(fields);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // Byte records, decoded here: a field split inside a character by an odd delimiter must not
    // stop the reading.
    let mut row = csv::ByteRecord::new();
    let header: Vec<String> = match reader.read_byte_record(&mut row) {
        Ok(true) => row.iter().map(|f| decode(f).trim().to_string()).collect(),
        Ok(false) => return Err("no header row: the file is empty".into()),
        Err(e) => return Err(format!("cannot read the header row: {e}")),
    };
    let names: Vec<&str> = header.iter().map(String::as_str).collect();
    let columns = resolve(&names, &user);
    let found = columns.map(|c| c.is_some());
    check_named(&user, &found, &header)?;
    if !found[TEXT] {
        return Err(format!(
            "no text column: the header has {}; name it with --text-field",
            list_names(&header)
        ));
    }
    let mut out = Records::default();
    let mut lines = LineCounter::new(text);
    loop {
        let before = reader.position().byte();
        match reader.read_byte_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {
                let line = lines.line_at(row.position().map_or(before, |p| p.byte()));
                if row.len() != header.len() {
                    out.bad(
                        line,
                        format!("expected {} fields, found {}", header.len(), row.len()),
                    );
                    continue;
                }
                let field = |kind: usize| {
                    columns[kind]
                        .and_then(|c| row.get(c))
                        .map_or_else(String::new, |f| decode(f).trim().to_string())
                };
                out.add(line, true, std::array::from_fn(field));
            }
            Err(e) => {
                let line = lines.line_at(e.position().map_or(before, |p| p.byte()));
                out.bad(line, format!("unreadable row: {e}"));
                if reader.position().byte() == before {
                    break; // no progress: stop rather than loop
                }
            }
        }
    }
    Ok(out)
}

/// The names the user gave, indexed by kind; a blank name counts as none.
fn user_names(fields: &FieldNames) -> [Option<&str>; KINDS] {
    [
        &fields.text,
        &fields.title,
        &fields.date,
        &fields.url,
        &fields.author,
        &fields.id,
        &fields.section,
    ]
    .map(|name| name.as_deref().map(str::trim).filter(|n| !n.is_empty()))
}

/// For each kind of field, the index in `names` of the field that holds it. A name the user gave
/// is matched exactly, else ignoring case; the usual names are tried in order of preference,
/// each exactly then ignoring case, skipping the fields the user named for another kind.
fn resolve(names: &[&str], user: &[Option<&str>; KINDS]) -> [Option<usize>; KINDS] {
    let mut columns = [None; KINDS];
    for (column, wanted) in columns.iter_mut().zip(user) {
        if let Some(wanted) = wanted {
            *column = find(names, wanted, |_| true);
        }
    }
    let claimed: Vec<usize> = columns.iter().flatten().copied().collect();
    for kind in 0..KINDS {
        if user[kind].is_none() {
            columns[kind] = USUAL_NAMES[kind]
                .iter()
                .find_map(|wanted| find(names, wanted, |i| !claimed.contains(&i)));
        }
    }
    columns
}

/// Index of the first of `names` (for which `allowed` holds) equal to `wanted`, else equal to it
/// ignoring case. Names are compared trimmed.
fn find(names: &[&str], wanted: &str, allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let position = |same: &dyn Fn(&str) -> bool| {
        (0..names.len()).find(|&i| allowed(i) && same(names[i].trim()))
    };
    position(&|name| name == wanted).or_else(|| position(&|name| same_name(name, wanted)))
}

/// Whether two field names are the same ignoring case.
fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
        || (!(a.is_ascii() && b.is_ascii()) && a.to_lowercase() == b.to_lowercase())
}

/// Fails when a field the user named is in no record.
fn check_named(
    user: &[Option<&str>; KINDS],
    found: &[bool; KINDS],
    available: &[String],
) -> Result<(), String> {
    for (wanted, found) in user.iter().zip(found) {
        if let (Some(wanted), false) = (wanted, found) {
            return Err(format!(
                "field \"{wanted}\" not found: the file has {}",
                list_names(available)
            ));
        }
    }
    Ok(())
}

/// Lists field names for an error message: `a, b, c`, shortened when there are many or long ones.
fn list_names(names: &[String]) -> String {
    let shown: Vec<String> = names
        .iter()
        .filter(|n| !n.trim().is_empty())
        .map(|n| {
            let n = n.trim();
            match n.char_indices().nth(MAX_NAME_CHARS) {
                Some((cut, _)) => format!("{}…", &n[..cut]),
                None => n.to_string(),
            }
        })
        .collect();
    match shown.len() {
        0 => "no named fields".to_string(),
        n if n > MAX_LISTED => format!(
            "{}, … and {} more",
            shown[..MAX_LISTED].join(", "),
            n - MAX_LISTED
        ),
        _ => shown.join(", "),
    }
}

/// The text of a JSON value: strings as they are, numbers and booleans written out, arrays joined
/// with `, `, objects by their `name`, null as empty. Trimmed.
fn json_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.trim().to_string(),
        Value::Array(items) => items
            .iter()
            .map(json_text)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(map) => {
            let names: Vec<&str> = map.keys().map(String::as_str).collect();
            find(&names, "name", |_| true)
                .and_then(|i| map.values().nth(i))
                .map_or_else(String::new, json_text)
        }
    }
}

/// What kind of JSON value this is, for a message.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Describes a JSON syntax error on one line: `not valid JSON: expected value at column 1`.
fn json_error(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let place = format!(" at line {} column {}", e.line(), e.column());
    match message.strip_suffix(&place) {
        Some(what) => format!("not valid JSON: {what} at column {}", e.column()),
        None => format!("not valid JSON: {message}"),
    }
}

/// Decodes a CSV field, replacing invalid UTF-8.
fn decode(field: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(field)
}

/// Turns the byte offsets where CSV records start, in increasing order, into 1-based line
/// numbers. The `csv` crate's own line numbers are off after `\r\n` line ends and blank lines,
/// and its offset is where the previous record's terminator ended, so line breaks after the
/// offset are skipped (an unquoted record never starts with one; a quoted one starts with `"`).
/// A line ends at `\n`, `\r\n` or a lone `\r`.
struct LineCounter<'t> {
    /// The text the offsets point into.
    text: &'t [u8],
    /// Offset up to which line breaks have been counted.
    offset: usize,
    /// Line number at `offset`.
    line: usize,
}

impl<'t> LineCounter<'t> {
    /// Counts lines in `text` from its start.
    fn new(text: &'t str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// Line of the record that starts at `offset` (or at the first line break after it).
    fn line_at(&mut self, offset: u64) -> usize {
        let text = self.text;
        let mut start = usize::try_from(offset).map_or(text.len(), |o| o.min(text.len()));
        while start < text.len() && matches!(text[start], b'\r' | b'\n') {
            start += 1;
        }
        if start > self.offset {
            let breaks = text[self.offset..start]
                .iter()
                .enumerate()
                .filter(|&(i, &b)| {
                    b == b'\n' || (b == b'\r' && text.get(self.offset + i + 1) != Some(&b'\n'))
                })
                .count();
            self.line += breaks;
            self.offset = start;
        }
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(text: Option<&str>, author: Option<&str>) -> FieldNames {
        FieldNames {
            text: text.map(String::from),
            author: author.map(String::from),
            ..FieldNames::default()
        }
    }

    fn lines(records: &Records) -> (Vec<usize>, Vec<(usize, &str)>) {
        (
            records.records.iter().map(|r| r.line).collect(),
            records
                .bad
                .iter()
                .map(|b| (b.line, b.reason.as_str()))
                .collect(),
        )
    }

    #[test]
    fn jsonl_usual_names_any_case() {
        let text = r#"{"Body": " The text. ", "HEADLINE": "A title", "datePublished": " 2024-03-01 ", "link": "https://x.test/a", "Byline": "Ann Lee", "guid": 42, "category": "World", "extra": true}"#;
        let got = read_jsonl(text, &FieldNames::default()).unwrap();
        assert_eq!(
            got,
            Records {
                records: vec![Record {
                    line: 1,
                    id: "42".into(),
                    title: "A title".into(),
                    text: "The text.".into(),
                    date: "2024-03-01".into(),
                    url: "https://x.test/a".into(),
                    author: "Ann Lee".into(),
                    section: "World".into(),
                }],
                bad: vec![],
            }
        );
    }

    #[test]
    fn usual_names_first_in_order_wins() {
        let text = r#"{"story": "s", "content": "c", "name": "n", "headline": "h", "time": "t", "pubdate": "p"}"#;
        let r = &read_jsonl(text, &FieldNames::default()).unwrap().records[0];
        assert_eq!(
            (r.text.as_str(), r.title.as_str(), r.date.as_str()),
            ("c", "h", "p")
        );
        let csv = "Story,CONTENT,name\ns,c,n\n";
        let r = &read_csv(csv, b',', &FieldNames::default()).unwrap().records[0];
        assert_eq!((r.text.as_str(), r.title.as_str()), ("c", "n"));
    }

    #[test]
    fn user_named_fields_are_used() {
        let text = r#"{"text": "usual", "summary": "named", "writer": "Bo"}"#;
        let r = &read_jsonl(text, &named(Some("summary"), Some("Writer")))
            .unwrap()
            .records[0];
        assert_eq!((r.text.as_str(), r.author.as_str()), ("named", "Bo"));
        let csv = "text,summary\nusual,named\n";
        let r = &read_csv(csv, b',', &named(Some("summary"), None))
            .unwrap()
            .records[0];
        assert_eq!(r.text, "named");
    }

    #[test]
    fn a_field_named_for_one_kind_is_not_taken_for_another() {
        let text = r#"{"title": "Headline as text", "name": "Site"}"#;
        let r = &read_jsonl(text, &named(Some("title"), None))
            .unwrap()
            .records[0];
        assert_eq!(
            (r.text.as_str(), r.title.as_str()),
            ("Headline as text", "Site")
        );
    }

    #[test]
    fn user_named_field_missing_is_an_error() {
        let text = "{\"text\": \"a\", \"title\": \"t\"}\n{\"text\": \"b\", \"url\": \"u\"}\n";
        assert_eq!(
            read_jsonl(text, &named(Some("summary"), None)),
            Err("field \"summary\" not found: the file has text, title, url".into())
        );
        assert_eq!(
            read_jsonl(text, &named(None, Some("writer"))),
            Err("field \"writer\" not found: the file has text, title, url".into())
        );
        assert_eq!(
            read_csv("text,title\na,b\n", b',', &named(Some("summary"), None)),
            Err("field \"summary\" not found: the file has text, title".into())
        );
    }

    #[test]
    fn jsonl_malformed_line_in_the_middle() {
        let text =
            "{\"text\": \"one\"}\r\noops\r\n\r\n{\"text\": \"three\"}\n{\"text\": \"four\"\n";
        let got = read_jsonl(text, &FieldNames::default()).unwrap();
        assert_eq!(
            got.records
                .iter()
                .map(|r| (r.line, r.text.as_str()))
                .collect::<Vec<_>>(),
            vec![(1, "one"), (4, "three")]
        );
        assert_eq!(
            got.bad,
            vec![
                BadRecord {
                    line: 2,
                    reason: "not valid JSON: expected value at column 1".into()
                },
                BadRecord {
                    line: 5,
                    reason: "not valid JSON: EOF while parsing an object at column 15".into()
                },
            ]
        );
    }

    #[test]
    fn jsonl_non_object_and_textless_lines() {
        let text = "[1, 2]\n\"just a string\"\n{\"title\": \"no text\"}\n{\"text\": \"  \"}\n{\"text\": null}\n{\"text\": \"ok\"}\n";
        let got = read_jsonl(text, &FieldNames::default()).unwrap();
        assert_eq!(
            lines(&got),
            (
                vec![6],
                vec![
                    (1, "not a JSON object: found an array"),
                    (2, "not a JSON object: found a string"),
                    (3, "no text field"),
                    (4, "empty text field"),
                    (5, "empty text field"),
                ]
            )
        );
    }

    #[test]
    fn jsonl_whole_file_errors() {
        assert_eq!(
            read_jsonl("{\"title\": \"a\"}\n{\"headline\": \"b\"}\n", &FieldNames::default()),
            Err("no text field: expected one of text, body, content, article, articleBody, maintext, story; name it with --text-field".into())
        );
        assert_eq!(
            read_jsonl("\n\nheadline,body\nh,b\n", &FieldNames::default()),
            Err(
                "no line is a JSON object (line 3: not valid JSON: expected value at column 1)"
                    .into()
            )
        );
        assert_eq!(
            read_jsonl(" \n\n", &FieldNames::default()),
            Err("no records: the file is empty".into())
        );
    }

    #[test]
    fn json_values_become_text() {
        let text = r#"{"text": "t", "authors": ["Ann Lee", "Bo Chen", "", null], "id": 7.5, "section": false, "date": 20240301}
{"text": "t", "author": {"@type": "Person", "name": "Cy Dee"}, "title": {"headline": "no name"}}
{"text": "t", "author": [{"name": "Ann"}, {"Name": "Bo"}]}"#;
        let got = read_jsonl(text, &FieldNames::default()).unwrap().records;
        let authors: Vec<&str> = got.iter().map(|r| r.author.as_str()).collect();
        assert_eq!(authors, ["Ann Lee, Bo Chen", "Cy Dee", "Ann, Bo"]);
        assert_eq!(
            (
                got[0].id.as_str(),
                got[0].section.as_str(),
                got[0].date.as_str()
            ),
            ("7.5", "false", "20240301")
        );
        assert_eq!(got[1].title, "");
    }

    #[test]
    fn csv_usual_names_and_all_fields() {
        let csv = "ID,Headline,body,published,url,authors,topic,other\n\
                   a1, Title one ,Text one, 2024-01-02 ,https://x.test,Ann,Tech,z\n";
        let got = read_csv(csv, b',', &FieldNames::default()).unwrap();
        assert_eq!(
            got.records,
            vec![Record {
                line: 2,
                id: "a1".into(),
                title: "Title one".into(),
                text: "Text one".into(),
                date: "2024-01-02".into(),
                url: "https://x.test".into(),
                author: "Ann".into(),
                section: "Tech".into(),
            }]
        );
    }

    #[test]
    fn csv_without_text_column_is_an_error() {
        assert_eq!(
            read_csv("a,b,c\n1,2,3\n", b',', &FieldNames::default()),
            Err("no text column: the header has a, b, c; name it with --text-field".into())
        );
        assert_eq!(
            read_csv("", b',', &FieldNames::default()),
            Err("no header row: the file is empty".into())
        );
    }

    #[test]
    fn csv_short_and_long_rows_are_bad() {
        let csv = "title,text\nt1,x1\nshort\nt3,x3,extra\nt4,\nt5,x5\n";
        let got = read_csv(csv, b',', &FieldNames::default()).unwrap();
        assert_eq!(
            lines(&got),
            (
                vec![2, 6],
                vec![
                    (3, "expected 2 fields, found 1"),
                    (4, "expected 2 fields, found 3"),
                    (5, "empty text field"),
                ]
            )
        );
    }

    #[test]
    fn csv_quoted_multiline_field_keeps_line_numbers() {
        let csv = "title,text\r\n\"A \"\"quoted\"\" title\",\"para one\r\n\r\npara two,\nthree\"\r\nt2,x2\r\nshort\r\nt4,x4\r\n";
        let got = read_csv(csv, b',', &FieldNames::default()).unwrap();
        assert_eq!(got.records[0].title, "A \"quoted\" title");
        assert_eq!(got.records[0].text, "para one\r\n\r\npara two,\nthree");
        assert_eq!(
            lines(&got),
            (vec![2, 6, 8], vec![(7, "expected 2 fields, found 1")])
        );
    }

    #[test]
    fn csv_line_numbers_count_blank_lines_and_any_line_end() {
        let csv = "text\r\na\r\n\r\n\r\nb\n\nc\rd\r\n\"e\r\n\"\r\n";
        let got = read_csv(csv, b',', &FieldNames::default()).unwrap();
        let got: Vec<(usize, &str)> = got
            .records
            .iter()
            .map(|r| (r.line, r.text.as_str()))
            .collect();
        assert_eq!(got, vec![(2, "a"), (5, "b"), (7, "c"), (8, "d"), (9, "e")]);
    }

    #[test]
    fn tsv_is_read() {
        let tsv = "id\tcontent\tsection\n1\tA, with commas\tUK\n2\t\"quoted\ttab\"\tWorld\n";
        let got = read_csv(tsv, b'\t', &FieldNames::default()).unwrap();
        let got: Vec<(usize, &str, &str, &str)> = got
            .records
            .iter()
            .map(|r| (r.line, r.id.as_str(), r.text.as_str(), r.section.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "1", "A, with commas", "UK"),
                (3, "2", "quoted\ttab", "World")
            ]
        );
    }

    #[test]
    fn byte_order_mark_is_ignored() {
        let csv = "\u{feff}text,title\nx,t\n";
        let got = read_csv(csv, b',', &FieldNames::default()).unwrap();
        assert_eq!(
            (got.records[0].line, got.records[0].text.as_str()),
            (2, "x")
        );
        let got = read_jsonl("\u{feff}{\"text\": \"x\"}\n", &FieldNames::default()).unwrap();
        assert_eq!(lines(&got), (vec![1], vec![]));
    }

    #[test]
    fn header_only_csv_has_no_records() {
        assert_eq!(
            read_csv("text\n", b',', &FieldNames::default()),
            Ok(Records::default())
        );
    }

    #[test]
    fn deep_nesting_and_huge_lines_do_not_panic() {
        let deep = format!(
            "{{\"text\": {}1{}}}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let got = read_jsonl(
            &format!("{deep}{{\"text\": \"ok\"}}"),
            &FieldNames::default(),
        );
        let got = got.unwrap();
        assert_eq!(got.records.len(), 1);
        assert_eq!(got.bad.len(), 1);
        assert!(got.bad[0]
            .reason
            .starts_with("not valid JSON: recursion limit exceeded"));
        let huge = format!("{{\"text\": \"{}\"}}", "word ".repeat(400_000));
        assert_eq!(
            read_jsonl(&huge, &FieldNames::default()).unwrap().records[0]
                .text
                .len(),
            400_000 * 5 - 1
        );
        let csv = format!("text\n\"{}", "a\n".repeat(100_000));
        assert!(read_csv(&csv, b',', &FieldNames::default()).is_ok());
    }

    /// SplitMix64: a small deterministic generator for the property test.
    struct SplitMix64(u64);

    impl SplitMix64 {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn random_bytes_never_panic() {
        const PIECES: &[&[u8]] = &[
            b"{",
            b"}",
            b"[",
            b"]",
            b"\"",
            b":",
            b",",
            b"\n",
            b"\r\n",
            b"\r",
            b"\t",
            b" ",
            b"\"text\"",
            b"\"title\"",
            b"\"author\"",
            b"\"name\"",
            b"text",
            b"body",
            b"title",
            b"null",
            b"true",
            b"-1.5e999",
            b"0",
            b"\\",
            b"\\u00e9",
            b"\\ud800",
            b"\xEF\xBB\xBF",
            b"\xC3\xA9",
            b"\xFF",
            b"\"\"",
            b"{\"text\": \"a\"}\n",
            b"text,title\n",
        ];
        let mut rng = SplitMix64(0x5EED);
        let user = named(Some("body"), Some("name"));
        let (mut read, mut bad) = (0, 0);
        for _ in 0..3000 {
            let mut bytes = Vec::new();
            for _ in 0..rng.below(120) {
                if rng.below(3) == 0 {
                    bytes.push(rng.next() as u8);
                } else {
                    bytes.extend_from_slice(PIECES[rng.below(PIECES.len())]);
                }
            }
            let text = String::from_utf8_lossy(&bytes);
            // Lines end at `\n`, `\r\n` or a lone `\r`: this many at most.
            let max_line = text.matches(['\n', '\r']).count() + 1;
            let delimiter = [b',', b'\t', b';', rng.next() as u8][rng.below(4)];
            let results = [
                read_jsonl(&text, &FieldNames::default()),
                read_jsonl(&text, &user),
                read_csv(&text, b',', &FieldNames::default()),
                read_csv(&text, delimiter, &user),
            ];
            for records in results.iter().flatten() {
                read += records.records.len();
                bad += records.bad.len();
                for r in &records.records {
                    let ok = !r.text.is_empty() && (1..=max_line).contains(&r.line);
                    assert!(ok, "{r:?} from {text:?}");
                }
                for b in &records.bad {
                    let ok = !b.reason.is_empty() && (1..=max_line).contains(&b.line);
                    assert!(ok, "{b:?} from {text:?}");
                }
            }
        }
        // The generator reaches both paths (620 records and 3,242 bad ones with this seed).
        assert!(read > 100 && bad > 100, "read {read}, bad {bad}");
    }
}
