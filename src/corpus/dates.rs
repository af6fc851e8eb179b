//! Publication dates as news sources write them, normalised to ISO 8601.
//!
//! Understood: ISO 8601 dates and date-times (`2022-01-10`, `2022-01-10T08:30:00Z`,
//! `2022-01-10 08:30`), `2022/01/10`, RFC 2822 (`Mon, 10 Jan 2022 08:30:00 GMT`), and English
//! dates with month names, with or without weekday, ordinal or comma (`January 10, 2022`,
//! `10 January 2022`, `Jan. 10th, 2022`, `Monday 10 January 2022`). Numeric day/month forms
//! such as `01/02/2022` are ambiguous (1 February or 2 January) and are not guessed.

/// English month names and abbreviations, by month number minus one.
const MONTHS: [&[&str]; 12] = [
    &["january", "jan"],
    &["february", "feb"],
    &["march", "mar"],
    &["april", "apr"],
    &["may"],
    &["june", "jun"],
    &["july", "jul"],
    &["august", "aug"],
    &["september", "sep", "sept"],
    &["october", "oct"],
    &["november", "nov"],
    &["december", "dec"],
];

/// Normalises a date as written to ISO 8601: `YYYY-MM-DD`, or the ISO date-time itself when
/// the source gave an ISO date-time. `None` when it is not a date newslens understands.
pub fn normalize_date(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() || t.len() > 64 {
        return None;
    }
    iso(t).or_else(|| worded(t))
}

/// A line that is only a date, possibly after `Published`, `Published on`, `Updated` or
/// `Date:` (`Published on January 10, 2022`): the date, normalised.
pub fn date_line(line: &str) -> Option<String> {
    let lower = line.trim().to_ascii_lowercase();
    let mut rest = lower.as_str();
    for prefix in [
        "published on",
        "published:",
        "published",
        "posted on",
        "posted:",
        "date:",
        "updated:",
    ] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r;
            break;
        }
    }
    normalize_date(rest)
}

/// ISO forms: `2022-01-10`, `2022/01/10`, `2022-01-10T08:30:00Z`, `2022-01-10 08:30`.
fn iso(t: &str) -> Option<String> {
    let b = t.as_bytes();
    if b.len() < 10 || !b[..4].iter().all(u8::is_ascii_digit) || !matches!(b[4], b'-' | b'/') {
        return None;
    }
    if b[7] != b[4]
        || !b[5..7].iter().all(u8::is_ascii_digit)
        || !b[8..10].iter().all(u8::is_ascii_digit)
    {
        return None;
    }
    let year: u32 = t[..4].parse().ok()?;
    let month: u32 = t[5..7].parse().ok()?;
    let day: u32 = t[8..10].parse().ok()?;
    let date = ymd(year, month, day)?;
    let rest = &t[10..];
    if rest.is_empty() {
        return Some(date);
    }
    // A time part: keep the ISO date-time as given (with `T`), if it looks like one.
    let time = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '))?;
    let tb = time.as_bytes();
    if tb.len() >= 5
        && tb[..2].iter().all(u8::is_ascii_digit)
        && tb[2] == b':'
        && tb[3..5].iter().all(u8::is_ascii_digit)
    {
        let ok = time
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | '+' | '-' | 'Z' | 'z'));
        return ok.then(|| format!("{date}T{time}"));
    }
    None
}

/// Dates with an English month name, in any order of day, month and year.
fn worded(t: &str) -> Option<String> {
    let words: Vec<String> = t
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.' || c == '-' || c == '/')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .collect();
    let (mut year, mut month, mut day) = (None, None, None);
    for w in &words {
        if let Some(m) = MONTHS.iter().position(|names| names.contains(&w.as_str())) {
            month.get_or_insert(m as u32 + 1);
            continue;
        }
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &w[digits.len()..];
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            if is_weekday(w) || matches!(w.as_str(), "gmt" | "utc" | "bst" | "on" | "the" | "of") {
                continue;
            }
            if w.contains(':') || w.starts_with('+') {
                continue; // a time or zone offset, ignored
            }
            return None;
        }
        let n: u32 = digits.parse().ok()?;
        if digits.len() == 4 && suffix.is_empty() {
            year.get_or_insert(n);
        } else if digits.len() <= 2 && matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
            if day.replace(n).is_some() {
                return None;
            }
        } else {
            return None;
        }
    }
    ymd(year?, month?, day?)
}

/// True for an English weekday name or abbreviation.
fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "mon"
            | "tue"
            | "tues"
            | "wed"
            | "thu"
            | "thur"
            | "thurs"
            | "fri"
            | "sat"
            | "sun"
    )
}

/// `YYYY-MM-DD` for a real calendar date.
fn ymd(year: u32, month: u32, day: u32) -> Option<String> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1000..=2999).contains(&year) && (1..=days).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_forms() {
        assert_eq!(normalize_date("2022-01-10").as_deref(), Some("2022-01-10"));
        assert_eq!(normalize_date("2022/01/10").as_deref(), Some("2022-01-10"));
        assert_eq!(
            normalize_date("2022-01-10T08:30:00Z").as_deref(),
            Some("2022-01-10T08:30:00Z")
        );
        assert_eq!(
            normalize_date("2022-01-10 08:30").as_deref(),
            Some("2022-01-10T08:30")
        );
        assert_eq!(normalize_date("2022-02-30"), None);
    }

    #[test]
    fn worded_forms() {
        for t in [
            "January 10, 2022",
            "10 January 2022",
            "Jan. 10th, 2022",
            "Monday 10 January 2022",
            "Mon, 10 Jan 2022 08:30:00 GMT",
            "10-Jan-2022",
        ] {
            assert_eq!(normalize_date(t).as_deref(), Some("2022-01-10"), "{t}");
        }
        assert_eq!(
            normalize_date("29 February 2024").as_deref(),
            Some("2024-02-29")
        );
    }

    #[test]
    fn non_dates_and_ambiguous_dates_are_refused() {
        for t in [
            "",
            "on",
            "01/02/2022",
            "January 2022",
            "The wave of protests in 2022",
            "32 January 2022",
        ] {
            assert_eq!(normalize_date(t), None, "{t}");
        }
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            date_line("Published on January 10, 2022").as_deref(),
            Some("2022-01-10")
        );
        assert_eq!(
            date_line("Published: 2022-01-10").as_deref(),
            Some("2022-01-10")
        );
        assert_eq!(date_line("10 January 2022").as_deref(), Some("2022-01-10"));
        assert_eq!(date_line("Published"), None);
    }
}
