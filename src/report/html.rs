//! `report.html`: the run as one self-contained page for people who will not open a terminal.
//!
//! One file, no network: the CSS and the little JavaScript that sorts and filters tables are
//! inline, the charts are embedded as `data:` URIs (base64 PNG). Sections: the corpus summary
//! (files read and skipped with reasons, articles, words, run time), the top terms, the actors,
//! the trends, every article with its metadata, keywords and actors, then any other table or
//! chart the run wrote (co-mentions, topics, …: rendered generically from the staged CSV and PNG
//! files), and links to every file. All corpus text is HTML-escaped. The page prints well
//! (filters hidden, table headers repeated, rows and charts not split across pages).
//!
//! The only part of the page that differs between two identical runs is the run time, inside
//! `<span class="run-time">`.

use crate::analysis::trends::Trends;
use crate::config::Config;
use crate::pipeline::RunSummary;
use anyhow::Context;
use base64::Engine;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

/// The file name of the report.
pub const REPORT_FILE: &str = "report.html";

/// Rows of the top-terms table.
const TOP_TERMS_ROWS: usize = 50;
/// Articles listed at most (the rest are in `articles.csv`).
const MAX_ARTICLES: usize = 5000;
/// Rows shown at most of a table rendered from a CSV file.
const MAX_EXTRA_ROWS: usize = 500;
/// Keywords shown per article.
const ARTICLE_KEYWORDS: usize = 5;
/// Actors shown per article.
const ARTICLE_ACTORS: usize = 5;

/// Tables and charts the report shows in its own sections; any other staged CSV or PNG gets a
/// generic section.
const KNOWN_FILES: &[&str] = &[
    "files.csv",
    "articles.csv",
    "terms.csv",
    "corpus_terms.csv",
    "keywords.csv",
    "actors.csv",
    "actor_matrix.csv",
    "trends.csv",
    "charts/top_terms.png",
    "charts/keywords.png",
    "charts/actor_mentions.png",
    "charts/trends.png",
];

/// What each output file holds, for the list of files.
fn describe(name: &str) -> &'static str {
    match name {
        "files.csv" => "what became of every input file",
        "articles.csv" => {
            "one row per article: source, title, section, author, date, address, words"
        }
        "articles.jsonl" => "every article's text exactly as analysed, with its metadata",
        "terms.csv" => "term counts, frequencies and TF-IDF per article",
        "corpus_terms.csv" => "term counts over the corpus",
        "keywords.csv" => "the keywords of each article",
        "actors.csv" => "actor mentions per article",
        "actor_matrix.csv" => "articles × actors: mentions",
        "trends.csv" => "dated articles, actor mentions and term counts per period",
        "manifest.json" => "version, options, timings, input checksums, stop list, warnings",
        n if n.ends_with(".parquet") => "the table as Parquet (typed columns)",
        n if n.starts_with("charts/") && n.ends_with(".csv") => "the numbers drawn in the chart",
        n if n.starts_with("charts/") => "chart",
        _ => "",
    }
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A number with thousands separators: 12345 -> `12,345`.
fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 file`, `2 files`, `1,234 files`.
fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// Only http(s) addresses become links.
fn is_web_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// An `<img>` of a staged PNG, embedded as a data URI; empty when the file is absent.
fn embedded_image(dir: &Path, name: &str, alt: &str) -> String {
    match std::fs::read(dir.join(name)) {
        Ok(bytes) => format!(
            "<figure><img src=\"data:image/png;base64,{}\" alt=\"{}\"><figcaption><a href=\"{}\">{}</a>{}</figcaption></figure>\n",
            base64::engine::general_purpose::STANDARD.encode(bytes),
            escape(alt),
            escape(name),
            escape(name),
            if dir.join(name.replace(".png", ".csv")).exists() {
                format!(
                    " · data: <a href=\"{0}\">{0}</a>",
                    escape(&name.replace(".png", ".csv"))
                )
            } else {
                String::new()
            }
        ),
        Err(_) => String::new(),
    }
}

/// A sortable, filterable table: a filter box, the table, and a row count.
struct Table {
    id: String,
    headers: Vec<(String, bool)>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table whose columns are named `headers` (with `true` for numeric columns).
    fn new(id: &str, headers: &[(&str, bool)]) -> Table {
        Table {
            // Prefixed so a table's id never clashes with a section's.
            id: format!("table-{id}"),
            headers: headers.iter().map(|(h, n)| (h.to_string(), *n)).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row of cells that are already HTML.
    fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    fn render(&self, caption: &str) -> String {
        let mut h = String::new();
        let filter = self.rows.len() > 5;
        if filter {
            let _ = writeln!(
                h,
                "<div class=\"table-tools\"><input type=\"search\" class=\"filter\" data-table=\"{0}\" placeholder=\"Filter {1} rows…\" aria-label=\"Filter {2}\"><span class=\"count\" id=\"{0}-count\">{1} rows</span></div>",
                self.id,
                thousands(self.rows.len() as u64),
                escape(caption)
            );
        }
        let _ = write!(
            h,
            "<div class=\"table-wrap\"><table id=\"{}\" class=\"data{}\"><caption>{}</caption><thead><tr>",
            self.id,
            if filter { " sortable" } else { "" },
            escape(caption)
        );
        for (name, numeric) in &self.headers {
            let _ = write!(
                h,
                "<th{}>{}</th>",
                if *numeric { " class=\"num\"" } else { "" },
                escape(name)
            );
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        for row in &self.rows {
            h.push_str("<tr>");
            for (cell, (_, numeric)) in row.iter().zip(&self.headers) {
                if *numeric {
                    let _ = write!(h, "<td class=\"num\">{cell}</td>");
                } else {
                    let _ = write!(h, "<td>{cell}</td>");
                }
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody></table></div>\n");
        h
    }
}

/// Writes `report.html` into `dir`, where the other outputs (`files`, relative names) are
/// already staged; `report_time` is the time spent writing them so far.
pub fn write(
    summary: &RunSummary,
    config: &Config,
    trends: Option<&Trends>,
    files: &[String],
    report_time: Duration,
    dir: &Path,
) -> anyhow::Result<()> {
    let page = render(summary, config, trends, files, report_time, dir);
    let path = dir.join(REPORT_FILE);
    std::fs::write(&path, page).with_context(|| format!("cannot write {}", path.display()))
}

/// The page.
pub fn render(
    summary: &RunSummary,
    config: &Config,
    trends: Option<&Trends>,
    files: &[String],
    report_time: Duration,
    dir: &Path,
) -> String {
    let r = &summary.results;
    let input_name = config
        .input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| config.input.display().to_string());
    let run_time = summary.analysis_time + report_time;
    let mut body = String::new();

    // Summary.
    let _ = writeln!(
        body,
        "<header><p class=\"kicker\">newslens {} report</p><h1>{}</h1>\n<p class=\"lede\">{} from {}, {} words, {} actor mentions. Analysed in <span class=\"run-time\">{:.2} s</span>.</p></header>",
        env!("CARGO_PKG_VERSION"),
        escape(&input_name),
        plural(summary.articles as u64, "article", "articles"),
        plural(summary.files_read as u64, "file", "files"),
        thousands(summary.words),
        thousands(summary.mentions),
        run_time.as_secs_f64()
    );
    body.push_str("<nav><a href=\"#summary\">Summary</a><a href=\"#terms\">Top terms</a><a href=\"#actors\">Actors</a>");
    if trends.is_some() {
        body.push_str("<a href=\"#trends\">Trends</a>");
    }
    body.push_str("<a href=\"#articles\">Articles</a>");
    let extra_csv: Vec<&String> = files
        .iter()
        .filter(|f| {
            f.ends_with(".csv") && !f.starts_with("charts/") && !KNOWN_FILES.contains(&f.as_str())
        })
        .collect();
    let extra_png: Vec<&String> = files
        .iter()
        .filter(|f| f.ends_with(".png") && !KNOWN_FILES.contains(&f.as_str()))
        .collect();
    if !extra_csv.is_empty() || !extra_png.is_empty() {
        body.push_str("<a href=\"#more\">More tables</a>");
    }
    body.push_str("<a href=\"#files\">Files</a></nav>\n<main>\n");

    body.push_str("<section id=\"summary\"><h2>Corpus</h2>\n<div class=\"cards\">");
    let distinct = r.corpus_terms.len() as u64;
    for (label, value) in [
        ("files read", thousands(summary.files_read as u64)),
        ("files skipped", thousands(summary.skipped.len() as u64)),
        ("files read in part", thousands(summary.partial as u64)),
        ("articles", thousands(summary.articles as u64)),
        ("words", thousands(summary.words)),
        ("distinct terms", thousands(distinct)),
        ("actor mentions", thousands(summary.mentions)),
    ] {
        let _ = write!(
            body,
            "<div class=\"card\"><span class=\"value\">{value}</span><span class=\"label\">{label}</span></div>"
        );
    }
    let _ = writeln!(
        body,
        "<div class=\"card\"><span class=\"value\"><span class=\"run-time\">{:.2} s</span></span><span class=\"label\">run time</span></div></div>",
        run_time.as_secs_f64()
    );
    if !summary.skipped.is_empty() || !summary.warnings.is_empty() {
        body.push_str("<div class=\"warnings\"><h3>Left out</h3><ul>");
        for s in &summary.skipped {
            let _ = write!(
                body,
                "<li><code>{}</code>: {}</li>",
                escape(&s.path),
                escape(&s.reason)
            );
        }
        for w in &summary.warnings {
            let _ = write!(body, "<li>bad record: <code>{}</code></li>", escape(w));
        }
        body.push_str("</ul></div>\n");
    }
    let mut t = Table::new(
        "files",
        &[
            ("file", false),
            ("format", false),
            ("encoding", false),
            ("articles", true),
            ("status", false),
        ],
    );
    for f in &r.files {
        t.row(vec![
            format!("<code>{}</code>", escape(&f.path)),
            escape(&f.format),
            escape(&f.encoding),
            thousands(u64::from(f.articles)),
            if f.status == "ok" {
                "ok".to_string()
            } else {
                format!("<span class=\"bad\">{}</span>", escape(&f.status))
            },
        ]);
    }
    body.push_str(&t.render("Input files"));
    body.push_str("</section>\n");

    // Top terms.
    let _ = writeln!(
        body,
        "<section id=\"terms\"><h2>Top terms</h2><p class=\"note\">Words that are not stop words, counted after stemming (<em>protests</em> and <em>protest</em> are one term), shown in their most frequent form. All {} terms are in <a href=\"corpus_terms.csv\">corpus_terms.csv</a>; per article in <a href=\"terms.csv\">terms.csv</a>.</p>",
        thousands(distinct)
    );
    let mut t = Table::new(
        "top-terms",
        &[
            ("rank", true),
            ("word", false),
            ("stem", false),
            ("count", true),
            ("articles", true),
        ],
    );
    for (i, term) in r.corpus_terms.iter().take(TOP_TERMS_ROWS).enumerate() {
        t.row(vec![
            (i + 1).to_string(),
            escape(&term.word),
            format!("<code>{}</code>", escape(&term.term)),
            thousands(term.count),
            thousands(u64::from(term.articles)),
        ]);
    }
    let _ = writeln!(
        body,
        "{}{}</section>",
        embedded_image(dir, "charts/top_terms.png", "Top words in the corpus"),
        t.render(&format!(
            "Top {} terms",
            r.corpus_terms.len().min(TOP_TERMS_ROWS)
        ))
    );

    // Actors.
    body.push_str("<section id=\"actors\"><h2>Actors</h2><p class=\"note\">People, countries and organisations found under any of their names (<a href=\"actors.csv\">actors.csv</a>; articles × actors in <a href=\"actor_matrix.csv\">actor_matrix.csv</a>).</p>\n");
    if !config.actors {
        body.push_str("<p class=\"note\">Actor analysis was off for this run (<code>--no-actors</code>): the actor tables are empty.</p>\n");
    }
    let mut kinds: HashMap<&str, &str> = HashMap::new();
    let mut per_actor_articles: HashMap<&str, u64> = HashMap::new();
    for a in &r.actors {
        kinds.insert(a.actor.as_str(), a.kind.as_str());
        *per_actor_articles.entry(a.actor.as_str()).or_insert(0) += 1;
    }
    let mut t = Table::new(
        "actors",
        &[
            ("rank", true),
            ("actor", false),
            ("type", false),
            ("mentions", true),
            ("articles", true),
        ],
    );
    // Every actor's mentions: the matrix's column sums, added a row at a time.
    let mut totals: Vec<u64> = vec![0; r.matrix_actors.len()];
    for row in &r.matrix {
        for (total, &m) in totals.iter_mut().zip(row) {
            *total += u64::from(m);
        }
    }
    for (j, (actor, &total)) in r.matrix_actors.iter().zip(&totals).enumerate() {
        t.row(vec![
            (j + 1).to_string(),
            escape(actor),
            escape(kinds.get(actor.as_str()).copied().unwrap_or("")),
            thousands(total),
            thousands(per_actor_articles.get(actor.as_str()).copied().unwrap_or(0)),
        ]);
    }
    if r.matrix_actors.is_empty() {
        body.push_str("<p>No actor of the dictionary is mentioned.</p>");
    } else {
        body.push_str(&t.render("Actors by mentions"));
    }
    body.push_str(&embedded_image(
        dir,
        "charts/actor_mentions.png",
        "Mentions of the top actors",
    ));
    body.push_str("</section>\n");

    // Trends.
    if let Some(tr) = trends {
        let _ = write!(
            body,
            "<section id=\"trends\"><h2>Trends</h2><p class=\"note\">Mentions of the top actors and occurrences of the top terms per {} of publication, from {} to {} (<a href=\"trends.csv\">trends.csv</a>). {} of {} articles have a date.",
            tr.period.name(),
            tr.periods.first().map(|d| d.to_string()).unwrap_or_default(),
            tr.periods.last().map(|d| d.to_string()).unwrap_or_default(),
            thousands(tr.dated as u64),
            thousands((tr.dated + tr.undated) as u64),
        );
        if tr.undated > 0 {
            let _ = write!(
                body,
                " <strong>{} without a date are left out of the trends.</strong>",
                thousands(tr.undated as u64)
            );
        }
        body.push_str("</p>\n");
        body.push_str(&embedded_image(
            dir,
            "charts/trends.png",
            "Mentions and terms over time",
        ));
        body.push_str("</section>\n");
    } else {
        body.push_str("<section id=\"trends\"><h2>Trends</h2><p class=\"note\">No article has a publication date, so there are no trends over time.</p></section>\n");
    }

    // Articles.
    let _ = writeln!(
        body,
        "<section id=\"articles\"><h2>Articles</h2><p class=\"note\">In corpus order. Every article's text, exactly as analysed, is in {}; metadata in <a href=\"articles.csv\">articles.csv</a>, all keywords in <a href=\"keywords.csv\">keywords.csv</a>.</p>",
        if config.texts {
            "<a href=\"articles.jsonl\">articles.jsonl</a>"
        } else {
            "<code>articles.jsonl</code> (not written: <code>--no-texts</code>)"
        }
    );
    let mut keywords: Vec<Vec<&str>> = vec![Vec::new(); r.articles.len()];
    for k in &r.keywords {
        if let Some(list) = keywords.get_mut(k.article_id as usize - 1) {
            if list.len() < ARTICLE_KEYWORDS {
                list.push(k.keyword.as_str());
            }
        }
    }
    let mut actors: Vec<Vec<(&str, u32)>> = vec![Vec::new(); r.articles.len()];
    for a in &r.actors {
        if let Some(list) = actors.get_mut(a.article_id as usize - 1) {
            if list.len() < ARTICLE_ACTORS {
                list.push((a.actor.as_str(), a.mentions));
            }
        }
    }
    let mut t = Table::new(
        "article-list",
        &[
            ("#", true),
            ("article", false),
            ("published", false),
            ("words", true),
            ("keywords", false),
            ("actors", false),
        ],
    );
    for (i, a) in r.articles.iter().take(MAX_ARTICLES).enumerate() {
        let title = if a.title.is_empty() {
            "<em>(no title)</em>".to_string()
        } else if is_web_address(&a.url) {
            format!(
                "<a href=\"{}\" rel=\"noreferrer\">{}</a>",
                escape(&a.url),
                escape(&a.title)
            )
        } else {
            escape(&a.title)
        };
        let mut meta = vec![format!("<code>{}</code>", escape(&a.source))];
        if !a.section.is_empty() {
            meta.push(escape(&a.section));
        }
        if !a.author.is_empty() {
            meta.push(format!("by {}", escape(&a.author)));
        }
        t.row(vec![
            a.article_id.to_string(),
            format!(
                "<span class=\"title\">{title}</span><span class=\"meta\">{}</span>",
                meta.join(" · ")
            ),
            escape(&a.published),
            thousands(u64::from(a.words)),
            keywords[i]
                .iter()
                .map(|k| format!("<span class=\"chip\">{}</span>", escape(k)))
                .collect::<Vec<_>>()
                .join(" "),
            actors[i]
                .iter()
                .map(|(name, m)| format!("{} <span class=\"n\">{m}</span>", escape(name)))
                .collect::<Vec<_>>()
                .join(", "),
        ]);
    }
    if r.articles.len() > MAX_ARTICLES {
        let _ = write!(
            body,
            "<p class=\"note\">The first {} of {} articles; all are in <a href=\"articles.csv\">articles.csv</a>.</p>",
            thousands(MAX_ARTICLES as u64),
            thousands(r.articles.len() as u64)
        );
    }
    body.push_str(&t.render("Articles"));
    body.push_str(&embedded_image(
        dir,
        "charts/keywords.png",
        "Top keywords per article",
    ));
    body.push_str("</section>\n");

    // Any other table or chart (co-mentions, topics, …).
    if !extra_csv.is_empty() || !extra_png.is_empty() {
        body.push_str("<section id=\"more\"><h2>More tables</h2>\n");
        for (k, name) in extra_csv.iter().enumerate() {
            let _ = writeln!(
                body,
                "<h3>{}</h3><p class=\"note\"><a href=\"{}\">{}</a></p>",
                escape(&heading(name)),
                escape(name),
                escape(name)
            );
            body.push_str(&csv_table(
                &format!("extra-{k}"),
                &dir.join(name.as_str()),
                name,
            ));
            let png = name.replace(".csv", ".png");
            for chart in [png.clone(), format!("charts/{png}")] {
                if extra_png.iter().any(|p| **p == chart) {
                    body.push_str(&embedded_image(dir, &chart, &heading(name)));
                }
            }
        }
        for name in &extra_png {
            let stem = name.trim_start_matches("charts/").replace(".png", ".csv");
            if !extra_csv.iter().any(|c| **c == stem) {
                body.push_str(&embedded_image(dir, name, &heading(name)));
            }
        }
        body.push_str("</section>\n");
    }

    // Files.
    body.push_str("<section id=\"files\"><h2>Files</h2><p class=\"note\">Every file of this run, beside this page. CSV files are UTF-8 with a byte-order mark and open by double-click in Excel, LibreOffice and Google Sheets. <code>manifest.json</code> says how the numbers were made.</p><ul class=\"files\">");
    let mut listed: Vec<&str> = files.iter().map(String::as_str).collect();
    listed.push("manifest.json");
    for name in listed {
        let _ = write!(
            body,
            "<li><a href=\"{0}\">{0}</a> <span class=\"meta\">{1}</span></li>",
            escape(name),
            describe(name)
        );
    }
    body.push_str("</ul></section>\n</main>\n");
    let _ = writeln!(
        body,
        "<footer>Made by newslens {} from <code>{}</code>.</footer>",
        env!("CARGO_PKG_VERSION"),
        escape(&config.input.display().to_string())
    );

    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>newslens report: {}</title>\n<style>\n{}</style>\n</head>\n<body>\n{}<script>\n{}</script>\n</body>\n</html>\n",
        escape(&input_name),
        STYLE,
        body,
        SCRIPT
    )
}

/// `co_mentions.csv` -> `Co mentions`.
fn heading(name: &str) -> String {
    let stem = name
        .trim_start_matches("charts/")
        .trim_end_matches(".csv")
        .trim_end_matches(".png")
        .replace(['_', '-'], " ");
    let mut chars = stem.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => stem,
    }
}

/// A staged CSV file as a sortable table (its first rows).
fn csv_table(id: &str, path: &Path, name: &str) -> String {
    let mut reader = match csv::ReaderBuilder::new().flexible(true).from_path(path) {
        Ok(r) => r,
        Err(_) => return String::new(),
    };
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|s| s.trim_start_matches('\u{feff}').to_string())
            .collect(),
        Err(_) => return String::new(),
    };
    let rows: Vec<Vec<String>> = reader
        .records()
        .take(MAX_EXTRA_ROWS + 1)
        .filter_map(Result::ok)
        .map(|r| r.iter().map(str::to_string).collect())
        .collect();
    let numeric: Vec<bool> = (0..headers.len())
        .map(|j| {
            rows.iter()
                .filter_map(|r| r.get(j))
                .all(|c| c.is_empty() || c.parse::<f64>().is_ok())
                && !rows.is_empty()
        })
        .collect();
    let header_refs: Vec<(&str, bool)> = headers
        .iter()
        .zip(&numeric)
        .map(|(h, n)| (h.as_str(), *n))
        .collect();
    let mut t = Table::new(id, &header_refs);
    for r in rows.iter().take(MAX_EXTRA_ROWS) {
        t.row(
            (0..headers.len())
                .map(|j| escape(r.get(j).map(String::as_str).unwrap_or("")))
                .collect(),
        );
    }
    let mut h = t.render(&heading(name));
    if rows.len() > MAX_EXTRA_ROWS {
        let _ = write!(
            h,
            "<p class=\"note\">The first {MAX_EXTRA_ROWS} rows; all are in <a href=\"{0}\">{0}</a>.</p>",
            escape(name)
        );
    }
    h
}

/// The page's style: readable type, clear headings, tables that scroll sideways on narrow
/// screens, and print rules.
const STYLE: &str = r#":root { --ink: #1f2328; --muted: #5b636e; --line: #d8dee4; --soft: #f5f7f9; --accent: #2f5d8a; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
header, nav, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 28px; }
header { padding-top: 36px; }
.kicker { margin: 0; color: var(--muted); text-transform: uppercase; letter-spacing: .08em; font-size: 13px; font-weight: 600; }
h1 { margin: 4px 0 8px; font-size: 34px; line-height: 1.2; }
.lede { margin: 0 0 12px; font-size: 18px; color: var(--muted); }
nav { position: sticky; top: 0; z-index: 2; background: rgba(255,255,255,.96); border-bottom: 1px solid var(--line); padding-top: 10px; padding-bottom: 10px; }
nav a { margin-right: 18px; color: var(--accent); text-decoration: none; font-weight: 600; font-size: 15px; }
nav a:hover { text-decoration: underline; }
section { margin: 34px 0 10px; }
h2 { font-size: 25px; margin: 0 0 6px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 18px; margin: 22px 0 6px; }
.note { color: var(--muted); margin: 6px 0 14px; max-width: 80ch; }
a { color: var(--accent); }
code { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; background: var(--soft); padding: 1px 4px; border-radius: 3px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(125px, 1fr)); gap: 12px; margin: 14px 0 18px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: var(--soft); }
.card .value { display: block; font-size: 24px; font-weight: 700; font-variant-numeric: tabular-nums; }
.card .label { color: var(--muted); font-size: 14px; }
.warnings { border-left: 4px solid #c0392b; background: #fdf3f2; padding: 8px 16px; margin: 0 0 18px; }
.warnings h3 { margin: 4px 0; }
.bad { color: #a12a1d; }
.table-tools { display: flex; align-items: center; gap: 12px; margin: 8px 0; }
.filter { font: inherit; font-size: 15px; padding: 6px 10px; border: 1px solid var(--line); border-radius: 6px; width: min(360px, 100%); }
.count { color: var(--muted); font-size: 14px; }
.table-wrap { overflow-x: auto; max-height: 640px; overflow-y: auto; border: 1px solid var(--line); border-radius: 6px; }
table.data { border-collapse: collapse; width: 100%; font-size: 14.5px; }
table.data caption { text-align: left; font-weight: 600; padding: 8px 10px; caption-side: top; }
table.data th { position: sticky; top: 0; background: #eef1f4; text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); white-space: nowrap; }
table.sortable th { cursor: pointer; user-select: none; }
table.sortable th::after { content: " ↕"; color: #9aa3ad; font-weight: 400; }
table.sortable th.asc::after { content: " ↑"; color: var(--ink); }
table.sortable th.desc::after { content: " ↓"; color: var(--ink); }
table.data td { padding: 6px 10px; border-bottom: 1px solid #eceff2; vertical-align: top; }
table.data tbody tr:nth-child(even) { background: #fafbfc; }
table.data tbody tr:hover { background: #f0f5fa; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.title { display: block; font-weight: 600; }
.meta { display: block; color: var(--muted); font-size: 13px; }
.meta code { font-size: 12px; word-break: break-all; }
.files .meta { display: inline; margin-left: 6px; }
.chip { display: inline-block; background: #e8f0f8; color: #1d3f61; border-radius: 10px; padding: 0 8px; margin: 1px 0; font-size: 13px; white-space: nowrap; }
.n { color: var(--muted); font-size: 12px; }
figure { margin: 16px 0; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
ul.files { columns: 2; padding-left: 18px; }
@media (max-width: 700px) { ul.files { columns: 1; } }
footer { color: var(--muted); font-size: 13px; padding-top: 20px; padding-bottom: 40px; border-top: 1px solid var(--line); margin-top: 30px; }
@media print {
  body { font-size: 11pt; }
  nav, .table-tools { display: none; }
  header, main, footer { max-width: none; padding: 0; }
  .table-wrap { max-height: none; overflow: visible; border: none; }
  table.data th { position: static; }
  table.sortable th::after { content: ""; }
  thead { display: table-header-group; }
  tr, figure, .card { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  figure img { max-height: 24cm; width: auto; }
  a { color: inherit; text-decoration: none; }
  section { margin-top: 18px; }
}
"#;

/// Sorting (click a header; numbers sort as numbers) and filtering (rows containing the text
/// typed, in any cell) of the tables.
const SCRIPT: &str = r#"(function () {
  function cellValue(row, i) {
    var c = row.cells[i];
    return c ? c.textContent.trim() : "";
  }
  function asNumber(s) {
    var t = s.replace(/,/g, "");
    return t !== "" && !isNaN(t) ? parseFloat(t) : null;
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var body = table.tBodies[0];
    table.querySelectorAll("th").forEach(function (th, i) {
      th.addEventListener("click", function () {
        var desc = !th.classList.contains("desc");
        table.querySelectorAll("th").forEach(function (h) { h.classList.remove("asc", "desc"); });
        th.classList.add(desc ? "desc" : "asc");
        var rows = Array.prototype.slice.call(body.rows);
        var numeric = rows.every(function (r) { var v = cellValue(r, i); return v === "" || asNumber(v) !== null; });
        rows.sort(function (a, b) {
          var x = cellValue(a, i), y = cellValue(b, i), d;
          if (numeric) { d = (asNumber(x) || 0) - (asNumber(y) || 0); }
          else { d = x.localeCompare(y, undefined, { sensitivity: "base", numeric: true }); }
          return desc ? -d : d;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  document.querySelectorAll("input.filter").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-table"));
    var count = document.getElementById(input.getAttribute("data-table") + "-count");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase(), shown = 0;
      rows.forEach(function (r) {
        var hit = q === "" || r.textContent.toLowerCase().indexOf(q) >= 0;
        r.style.display = hit ? "" : "none";
        if (hit) { shown++; }
      });
      count.textContent = (q === "" ? rows.length : shown + " of " + rows.length) + " rows";
    });
  });
  document.documentElement.setAttribute("data-ready", "1");
  window.addEventListener("load", function () {
    var shown = 0;
    document.querySelectorAll("img").forEach(function (img) {
      if (img.complete && img.naturalWidth > 0) { shown++; }
    });
    document.documentElement.setAttribute("data-images-rendered", String(shown));
  });
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert!(!is_web_address("javascript:alert(1)"));
        assert!(is_web_address("https://example.org/a"));
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(heading("co_mentions.csv"), "Co mentions");
    }
}
