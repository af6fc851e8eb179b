//! Trends over time: mentions of the top actors and occurrences of the top terms per day, week
//! or month of publication.
//!
//! Articles are put in the period holding their publication date (the date part of
//! `published`); articles without a date are counted and left out. The period is chosen from
//! the span of the dates unless the user sets it: a day up to [`DAY_SPAN`] days, a week (from
//! Monday) up to [`WEEK_SPAN`] days, a month beyond, and a year when months would be more than
//! [`MAX_PERIODS`]. Every period from the first date to the last is present, empty ones with
//! zeros, so a chart of the counts has an even time axis.

use super::Results;
use chrono::{Datelike, Days, NaiveDate};

/// Spans of the dates (first to last, in days) up to which days are the period.
pub const DAY_SPAN: i64 = 62;
/// Spans up to which weeks are the period (two years); months beyond.
pub const WEEK_SPAN: i64 = 731;
/// Periods at most: a finer period that would give more is replaced by the next coarser one.
pub const MAX_PERIODS: usize = 5000;

/// The length of one trend bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Period {
    /// A calendar day.
    Day,
    /// A week from Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year (only when months would be too many).
    Year,
}

impl Period {
    /// Parses `day`, `week`, `month` or `year`.
    pub fn parse(s: &str) -> Option<Period> {
        match s.trim().to_ascii_lowercase().as_str() {
            "day" | "daily" => Some(Period::Day),
            "week" | "weekly" => Some(Period::Week),
            "month" | "monthly" => Some(Period::Month),
            "year" | "yearly" => Some(Period::Year),
            _ => None,
        }
    }

    /// The period's name: `day`, `week`, `month` or `year`.
    pub fn name(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
        }
    }

    /// The period chosen for dates from `first` to `last`.
    pub fn choose(first: NaiveDate, last: NaiveDate) -> Period {
        let span = (last - first).num_days();
        if span <= DAY_SPAN {
            Period::Day
        } else if span <= WEEK_SPAN {
            Period::Week
        } else {
            Period::Month
        }
    }

    /// The first day of the period holding `date`.
    pub fn start_of(self, date: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => date,
            Period::Week => date - Days::new(u64::from(date.weekday().num_days_from_monday())),
            Period::Month => date.with_day(1).unwrap_or(date),
            Period::Year => NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date),
        }
    }

    /// The number of the period holding `date`, counted from the one holding `first`.
    fn index(self, first: NaiveDate, date: NaiveDate) -> usize {
        let n = match self {
            Period::Day => (date - first).num_days(),
            Period::Week => (self.start_of(date) - self.start_of(first)).num_days() / 7,
            Period::Month => {
                i64::from(date.year() - first.year()) * 12 + i64::from(date.month())
                    - i64::from(first.month())
            }
            Period::Year => i64::from(date.year() - first.year()),
        };
        n.max(0) as usize
    }

    /// The first day of period number `i` counted from the one holding `first`.
    fn nth_start(self, first: NaiveDate, i: usize) -> NaiveDate {
        let start = self.start_of(first);
        let moved = match self {
            Period::Day => start.checked_add_days(Days::new(i as u64)),
            Period::Week => start.checked_add_days(Days::new(7 * i as u64)),
            Period::Month => start.checked_add_months(chrono::Months::new(i as u32)),
            Period::Year => start.checked_add_months(chrono::Months::new(12 * i as u32)),
        };
        moved.unwrap_or(start)
    }

    /// The next coarser period.
    fn coarser(self) -> Period {
        match self {
            Period::Day => Period::Week,
            Period::Week => Period::Month,
            Period::Month | Period::Year => Period::Year,
        }
    }
}

/// What a series counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesKind {
    /// Mentions of an actor.
    Actor,
    /// Occurrences of a term.
    Term,
}

impl SeriesKind {
    /// `actor` or `term`.
    pub fn name(self) -> &'static str {
        match self {
            SeriesKind::Actor => "actor",
            SeriesKind::Term => "term",
        }
    }
}

/// One line of the trends: an actor's mentions or a term's occurrences per period.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendSeries {
    /// Actor or term.
    pub kind: SeriesKind,
    /// The actor's canonical name, or the term's most frequent form.
    pub name: String,
    /// One count per period.
    pub counts: Vec<u64>,
}

/// The trends of a corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Trends {
    /// The period of the buckets.
    pub period: Period,
    /// First day of every period, from the first date to the last.
    pub periods: Vec<NaiveDate>,
    /// Dated articles per period.
    pub articles: Vec<u64>,
    /// The top actors' series (by mentions in the corpus), then the top terms' (by count).
    pub series: Vec<TrendSeries>,
    /// Articles with a publication date.
    pub dated: usize,
    /// Articles without one, left out of the trends.
    pub undated: usize,
}

/// The date part of an ISO 8601 `published` value (`2022-01-10` or `2022-01-10T08:30:00Z`).
pub fn publication_date(published: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(published.get(..10)?, "%Y-%m-%d").ok()
}

impl Trends {
    /// The trends of `top` actors and `top` terms; `None` when no article has a date.
    /// `period` forces the period (`None` chooses it from the span of the dates).
    pub fn build(results: &Results, period: Option<Period>, top: usize) -> Option<Trends> {
        let dates: Vec<Option<NaiveDate>> = results
            .articles
            .iter()
            .map(|a| publication_date(&a.published))
            .collect();
        let first = dates.iter().flatten().min().copied()?;
        let last = dates.iter().flatten().max().copied()?;
        let mut period = period.unwrap_or_else(|| Period::choose(first, last));
        while period != Period::Year && period.index(first, last) + 1 > MAX_PERIODS {
            period = period.coarser();
        }
        let n = period.index(first, last) + 1;
        // The period of each article (by index), or None.
        let bucket: Vec<Option<usize>> = dates
            .iter()
            .map(|d| d.map(|d| period.index(first, d).min(n - 1)))
            .collect();
        let mut articles = vec![0u64; n];
        for b in bucket.iter().flatten() {
            articles[*b] += 1;
        }
        let mut series = Vec::new();
        for (j, actor) in results.matrix_actors.iter().enumerate().take(top) {
            let mut counts = vec![0u64; n];
            for (row, b) in results.matrix.iter().zip(&bucket) {
                if let (Some(b), Some(&m)) = (b, row.get(j)) {
                    counts[*b] += u64::from(m);
                }
            }
            series.push(TrendSeries {
                kind: SeriesKind::Actor,
                name: actor.clone(),
                counts,
            });
        }
        let shown_terms = results.corpus_terms.len().min(top);
        let mut term_counts = vec![vec![0u64; n]; shown_terms];
        for t in &results.terms {
            let (term, article) = (t.term as usize, t.article_id as usize);
            if term < shown_terms {
                if let Some(Some(b)) = bucket.get(article.wrapping_sub(1)) {
                    term_counts[term][*b] += u64::from(t.count);
                }
            }
        }
        for (t, counts) in results.corpus_terms.iter().zip(term_counts) {
            series.push(TrendSeries {
                kind: SeriesKind::Term,
                name: t.word.clone(),
                counts,
            });
        }
        let dated = bucket.iter().filter(|b| b.is_some()).count();
        Some(Trends {
            period,
            periods: (0..n).map(|i| period.nth_start(first, i)).collect(),
            articles,
            series,
            dated,
            undated: dates.len() - dated,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::corpus::{ArticleRow, CorpusTermRow, TermRow};

    fn date(s: &str) -> NaiveDate {
        publication_date(s).unwrap()
    }

    #[test]
    fn period_is_chosen_from_the_span() {
        assert_eq!(
            Period::choose(date("2022-01-01"), date("2022-03-04")),
            Period::Day
        );
        assert_eq!(
            Period::choose(date("2022-01-01"), date("2022-03-05")),
            Period::Week
        );
        assert_eq!(
            Period::choose(date("2022-01-01"), date("2024-01-01")),
            Period::Week
        );
        assert_eq!(
            Period::choose(date("2022-01-01"), date("2024-01-03")),
            Period::Month
        );
    }

    #[test]
    fn periods_start_on_mondays_and_firsts() {
        // 2022-01-13 is a Thursday.
        assert_eq!(
            Period::Week.start_of(date("2022-01-13")),
            date("2022-01-10")
        );
        assert_eq!(
            Period::Month.start_of(date("2022-01-13")),
            date("2022-01-01")
        );
        assert_eq!(
            Period::Week.index(date("2022-01-13"), date("2022-01-17")),
            1
        );
        assert_eq!(
            Period::Month.index(date("2021-12-31"), date("2022-02-01")),
            2
        );
        assert_eq!(
            publication_date("2022-01-10T08:30:00Z"),
            Some(date("2022-01-10"))
        );
        assert_eq!(publication_date("Jan 2022"), None);
        assert_eq!(publication_date(""), None);
        assert_eq!(Period::parse("Week"), Some(Period::Week));
        assert_eq!(Period::parse("fortnight"), None);
    }

    fn article(id: u32, published: &str) -> ArticleRow {
        ArticleRow {
            article_id: id,
            source: "a.jsonl".into(),
            title: String::new(),
            section: String::new(),
            author: String::new(),
            published: published.into(),
            url: String::new(),
            words: 10,
            terms: 5,
        }
    }

    #[test]
    fn counts_go_to_the_period_of_their_article() {
        let results = Results {
            articles: vec![
                article(1, "2022-01-10"),
                article(2, ""),
                article(3, "2022-01-12T10:00:00Z"),
                article(4, "2022-01-14"),
            ],
            matrix_actors: vec!["Russia".into(), "China".into()],
            matrix: vec![vec![2, 1], vec![5, 5], vec![1, 0], vec![0, 3]],
            corpus_terms: vec![CorpusTermRow {
                term: "oil".into(),
                word: "oil".into(),
                count: 9,
                articles: 3,
            }],
            terms: [(1, 4), (2, 2), (4, 3)]
                .iter()
                .map(|&(article_id, count)| TermRow {
                    article_id,
                    term: 0,
                    count,
                })
                .collect(),
            ..Results::default()
        };
        let t = Trends::build(&results, None, 5).unwrap();
        assert_eq!(t.period, Period::Day);
        assert_eq!(
            t.periods,
            [
                "2022-01-10",
                "2022-01-11",
                "2022-01-12",
                "2022-01-13",
                "2022-01-14"
            ]
            .map(date)
        );
        assert_eq!(t.articles, [1, 0, 1, 0, 1]);
        assert_eq!((t.dated, t.undated), (3, 1));
        assert_eq!(t.series[0].name, "Russia");
        assert_eq!(t.series[0].counts, [2, 0, 1, 0, 0]);
        assert_eq!(t.series[1].counts, [1, 0, 0, 0, 3]);
        assert_eq!(t.series[2].kind, SeriesKind::Term);
        assert_eq!(t.series[2].counts, [4, 0, 0, 0, 3]);

        let weekly = Trends::build(&results, Some(Period::Week), 1).unwrap();
        assert_eq!(weekly.periods, [date("2022-01-10")]);
        assert_eq!(weekly.series.len(), 2);
        assert_eq!(weekly.series[0].counts, [3]);

        let undated = Results {
            articles: vec![article(1, "")],
            ..Results::default()
        };
        assert_eq!(Trends::build(&undated, None, 5), None);
    }

    #[test]
    fn a_huge_span_of_days_becomes_coarser() {
        let results = Results {
            articles: vec![article(1, "1900-01-01"), article(2, "2020-01-01")],
            matrix: vec![vec![], vec![]],
            ..Results::default()
        };
        let t = Trends::build(&results, Some(Period::Day), 5).unwrap();
        assert_eq!(t.period, Period::Month);
        assert_eq!(t.periods.len(), 120 * 12 + 1);
    }
}
