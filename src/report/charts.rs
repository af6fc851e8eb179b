//! PNG charts drawn with plotters and an embedded DejaVu Sans font (no system fonts needed).
//!
//! The rest of the project only sees plain Rust data ([`BarChart`], [`PanelChart`],
//! [`StackedBarChart`], [`LineChart`]), `draw_*` functions that write a PNG file, and each
//! chart's `drawn()` data (exactly what the PNG shows, for the chart's CSV). All text uses the
//! DejaVu Sans fonts shipped in `assets/`, embedded at compile time and registered once with
//! plotters under the family name `"sans-serif"`.
//!
//! Values that are NaN or infinite are drawn as 0 and negative values are clamped to 0.
//! Labels are cleaned up (control characters become spaces) and truncated with an ellipsis
//! so that they always fit. Empty inputs produce a valid PNG showing the title and "No data".

use std::path::Path;
use std::sync::OnceLock;

use anyhow::{anyhow, Context, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{register_font, FontStyle};

/// One labelled bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Text shown on the category axis (left of the bar).
    pub label: String,
    /// Length of the bar (NaN is drawn as 0, negative values are clamped to 0).
    pub value: f64,
}

/// A horizontal bar chart: bars drawn top to bottom in the order given.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// Title printed in bold above the chart.
    pub title: String,
    /// Name of the value (horizontal) axis.
    pub value_label: String,
    /// The bars, drawn top to bottom in this order.
    pub bars: Vec<Bar>,
}

/// One small chart of a grid ("small multiples").
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    /// Title printed in bold above the panel (truncated to the panel width).
    pub title: String,
    /// The bars of this panel, drawn top to bottom in this order.
    pub bars: Vec<Bar>,
}

/// A grid of horizontal bar charts sharing one title, e.g. the top keywords of each article.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelChart {
    /// Title printed in bold above the grid.
    pub title: String,
    /// Name of the value axis, printed once under the title.
    pub value_label: String,
    /// The panels, laid out left to right, top to bottom (at most 12 are drawn).
    pub panels: Vec<Panel>,
}

/// One series (e.g. one article) of a stacked bar chart: one value per category.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Name shown in the legend.
    pub name: String,
    /// One value per category, in the order of [`StackedBarChart::categories`];
    /// missing values count as 0 and extra values are ignored.
    pub values: Vec<f64>,
}

/// A horizontal stacked bar chart: one bar per category (e.g. actor), one coloured segment per series (e.g. article), with a legend.
#[derive(Debug, Clone, PartialEq)]
pub struct StackedBarChart {
    /// Title printed in bold above the chart.
    pub title: String,
    /// Name of the value (horizontal) axis.
    pub value_label: String,
    /// The categories, one bar each, drawn top to bottom in this order.
    pub categories: Vec<String>,
    /// The series, one coloured segment each, stacked left to right in this order.
    pub series: Vec<Series>,
}

/// One panel of a line chart: a few series over the chart's x labels.
#[derive(Debug, Clone, PartialEq)]
pub struct LinePanel {
    /// Title printed in bold above the panel.
    pub title: String,
    /// The lines, one value per x label each (at most 10 are drawn).
    pub series: Vec<Series>,
}

/// Line panels stacked vertically, sharing one x axis (e.g. periods of time).
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    /// Title printed in bold above the chart.
    pub title: String,
    /// What the values are (not drawn: say it in the panel titles).
    pub value_label: String,
    /// The x labels, left to right.
    pub x_labels: Vec<String>,
    /// The panels, top to bottom.
    pub panels: Vec<LinePanel>,
}

impl BarChart {
    /// The bars as drawn: at most 200, values sanitised (see the module documentation).
    pub fn drawn(&self) -> BarChart {
        BarChart {
            title: self.title.clone(),
            value_label: self.value_label.clone(),
            bars: self.bars[..self.bars.len().min(MAX_BARS)]
                .iter()
                .map(|b| Bar {
                    label: b.label.clone(),
                    value: sanitize(b.value),
                })
                .collect(),
        }
    }
}

impl PanelChart {
    /// The panels as drawn: at most 12 panels of at most 30 bars, values sanitised.
    pub fn drawn(&self) -> PanelChart {
        PanelChart {
            title: self.title.clone(),
            value_label: self.value_label.clone(),
            panels: self.panels[..self.panels.len().min(MAX_PANELS)]
                .iter()
                .map(|p| Panel {
                    title: p.title.clone(),
                    bars: p.bars[..p.bars.len().min(PANEL_MAX_BARS)]
                        .iter()
                        .map(|b| Bar {
                            label: b.label.clone(),
                            value: sanitize(b.value),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

impl StackedBarChart {
    /// The chart as drawn: at most 200 categories, at most 10 series (the smallest merged into
    /// "Other"), values sanitised.
    pub fn drawn(&self) -> StackedBarChart {
        let n = self.categories.len().min(MAX_BARS);
        StackedBarChart {
            title: self.title.clone(),
            value_label: self.value_label.clone(),
            categories: self.categories[..n].to_vec(),
            series: prepare_series(&self.series, n).0,
        }
    }
}

impl LineChart {
    /// The chart as drawn: at most 10 series per panel, one value per x label (missing values
    /// are 0), values sanitised.
    pub fn drawn(&self) -> LineChart {
        let n = self.x_labels.len();
        LineChart {
            title: self.title.clone(),
            value_label: self.value_label.clone(),
            x_labels: self.x_labels.clone(),
            panels: self
                .panels
                .iter()
                .map(|p| LinePanel {
                    title: p.title.clone(),
                    series: p.series[..p.series.len().min(MAX_SERIES)]
                        .iter()
                        .map(|s| Series {
                            name: s.name.clone(),
                            values: (0..n)
                                .map(|i| s.values.get(i).copied().map(sanitize).unwrap_or(0.0))
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// A square heatmap: one row and one column per label (e.g. actors), a value per cell (e.g.
/// articles mentioning both). Columns are numbered; row labels carry the same numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Heatmap {
    /// Title printed in bold above the chart.
    pub title: String,
    /// What a cell counts, printed under the title.
    pub value_label: String,
    /// Row and column labels, top to bottom and left to right (at most 30 are drawn).
    pub labels: Vec<String>,
    /// `values[i][j]`: the cell of row `i`, column `j`; missing values count as 0.
    pub values: Vec<Vec<f64>>,
}

// ---------------------------------------------------------------------------------------------
// Fonts
// ---------------------------------------------------------------------------------------------

const FAMILY: &str = "sans-serif";
static FONT_REGULAR: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/DejaVuSans.ttf"
));
static FONT_BOLD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/DejaVuSans-Bold.ttf"
));

/// Registers the embedded fonts with plotters, exactly once per process.
fn ensure_fonts() -> Result<()> {
    static REGISTERED: OnceLock<std::result::Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            register_font(FAMILY, FontStyle::Normal, FONT_REGULAR)
                .map_err(|_| "invalid embedded font DejaVuSans.ttf".to_string())?;
            register_font(FAMILY, FontStyle::Bold, FONT_BOLD)
                .map_err(|_| "invalid embedded font DejaVuSans-Bold.ttf".to_string())?;
            Ok(())
        })
        .clone()
        .map_err(|e| anyhow!(e))
}

fn font(size: f64, bold: bool) -> FontDesc<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    FontDesc::new(FontFamily::Name(FAMILY), size, style)
}

/// Width in pixels of `text` rendered at `size`; falls back to an estimate if measuring fails.
fn text_width(text: &str, size: f64, bold: bool) -> u32 {
    match font(size, bold).box_size(text) {
        Ok((w, _)) => w,
        Err(_) => {
            let per_char = if bold { 0.68 } else { 0.62 };
            (text.chars().count() as f64 * size * per_char).ceil() as u32
        }
    }
}

/// The image encoder picks the format from the file extension, so insist on `.png`.
fn check_png_path(path: &Path) -> Result<()> {
    let is_png = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("png"));
    if is_png {
        Ok(())
    } else {
        Err(anyhow!(
            "cannot draw chart {}: the file name must end in .png",
            path.display()
        ))
    }
}

/// Replaces control characters by spaces and collapses runs of whitespace.
fn clean_text(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Cleans `text`, truncates it to at most `max_chars` characters and then shortens it further
/// until it is at most `max_px` pixels wide; truncation is marked with an ellipsis.
fn fit_text(text: &str, max_chars: usize, max_px: u32, size: f64, bold: bool) -> String {
    let chars: Vec<char> = clean_text(text).chars().collect();
    let shorten = |keep: usize| -> String {
        let head: String = chars[..keep].iter().collect();
        format!("{}…", head.trim_end())
    };
    let mut keep = chars.len();
    let mut out: String = chars.iter().collect();
    if keep > max_chars {
        keep = max_chars.saturating_sub(1);
        out = shorten(keep);
    }
    while keep > 0 && text_width(&out, size, bold) > max_px {
        keep -= 1;
        out = shorten(keep);
    }
    if keep == 0 && text_width(&out, size, bold) > max_px {
        out = "…".to_string();
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Style
// ---------------------------------------------------------------------------------------------

const WIDTH: u32 = 1200;
const TITLE_SIZE: f64 = 28.0;
const AXIS_DESC_SIZE: f64 = 18.0;
const BAR_LABEL_SIZE: f64 = 16.0;
const TICK_SIZE: f64 = 14.0;
const VALUE_SIZE: f64 = 14.0;
const LABEL_MAX_CHARS: usize = 40;
const LEGEND_MAX_CHARS: usize = 50;
const TITLE_MAX_CHARS: usize = 150;

/// Height of the title band at the top of every chart.
const TITLE_H: u32 = 60;
/// Gap between the title band and the plot area.
const PLOT_TOP_GAP: u32 = 10;
/// Pixels per bar in the single and stacked bar charts.
const BAR_PITCH: u32 = 36;
/// Height of the value axis (tick labels and axis name) under a plot.
const X_AREA_H: u32 = 56;
/// Space left free at the right of a plot.
const RIGHT_MARGIN: u32 = 40;
/// Space left free at the bottom of every chart.
const BOTTOM_PAD: u32 = 14;
/// Height of an image that only says "No data".
const EMPTY_H: u32 = 300;
/// At most this many bars (or stacked categories) are drawn.
const MAX_BARS: usize = 200;

const MAX_PANELS: usize = 12;
const PANEL_COLS: usize = 3;
const PANEL_OUTER: u32 = 20;
const PANEL_HEADER_H: u32 = 92;
const PANEL_GAP: u32 = 16;
const PANEL_TITLE_H: u32 = 34;
const PANEL_BAR_PITCH: u32 = 28;
const PANEL_X_AREA_H: u32 = 30;
const PANEL_PAD: u32 = 10;
const PANEL_MAX_BARS: usize = 30;
const PANEL_TITLE_SIZE: f64 = 16.0;
const PANEL_LABEL_SIZE: f64 = 14.0;
const PANEL_TICK_SIZE: f64 = 12.0;
const PANEL_VALUE_SIZE: f64 = 12.0;

const MAX_SERIES: usize = 10;
const LEGEND_ROW_H: u32 = 24;
const LEGEND_SIZE: f64 = 14.0;
const LEGEND_SWATCH: u32 = 14;

const TEXT: RGBColor = RGBColor(33, 33, 33);
const TEXT_MUTED: RGBColor = RGBColor(96, 96, 96);
const AXIS: RGBColor = RGBColor(150, 150, 150);
const GRID: RGBColor = RGBColor(222, 222, 222);
const GRID_LIGHT: RGBColor = RGBColor(242, 242, 242);
const PANEL_BORDER: RGBColor = RGBColor(215, 215, 215);
const BAR_COLOR: RGBColor = RGBColor(78, 121, 167);
const OTHER_COLOR: RGBColor = RGBColor(186, 176, 172);

/// Tableau 10, a colour-blind-friendly categorical palette (grey last).
const PALETTE: [RGBColor; 10] = [
    RGBColor(78, 121, 167),
    RGBColor(242, 142, 43),
    RGBColor(225, 87, 89),
    RGBColor(118, 183, 178),
    RGBColor(89, 161, 79),
    RGBColor(237, 201, 72),
    RGBColor(176, 122, 161),
    RGBColor(255, 157, 167),
    RGBColor(156, 117, 95),
    RGBColor(186, 176, 172),
];

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/// NaN and infinities become 0, negative values become 0 and huge values are capped at 1e12
/// (so that axis ranges stay finite).
fn sanitize(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v.min(1e12)
    } else {
        0.0
    }
}

fn is_whole(v: f64) -> bool {
    (v - v.round()).abs() < 1e-9
}

/// Inserts thousands separators into a formatted non-negative number: "12345.50" -> "12,345.50".
fn group_thousands(s: &str) -> String {
    let (int, frac) = match s.find('.') {
        Some(i) => s.split_at(i),
        None => (s, ""),
    };
    if int.len() <= 3 || !int.bytes().all(|b| b.is_ascii_digit()) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out + frac
}

/// Values printed next to bars: integers without decimals, otherwise 2 decimals.
fn format_value(v: f64, integers: bool) -> String {
    if integers {
        group_thousands(&format!("{v:.0}"))
    } else {
        group_thousands(&format!("{v:.2}"))
    }
}

/// Tick labels: as few decimals as needed (at most 3).
fn format_tick(v: f64) -> String {
    if is_whole(v) {
        return group_thousands(&format!("{:.0}", v.round().abs()));
    }
    let s = format!("{v:.3}");
    group_thousands(s.trim_end_matches('0').trim_end_matches('.'))
}

// ---------------------------------------------------------------------------------------------
// Drawing helpers
// ---------------------------------------------------------------------------------------------

type Area<'a> = DrawingArea<BitMapBackend<'a>, Shift>;

/// Draws text anchored at `(x, y)`, where `y` is the visual middle of the text: plotters'
/// ab_glyph backend places glyphs a little high, so the anchor point is corrected here.
fn draw_text(
    area: &Area<'_>,
    text: &str,
    (x, y): (i32, i32),
    size: f64,
    bold: bool,
    color: &RGBColor,
    h: HPos,
) -> Result<()> {
    if text.is_empty() {
        return Ok(());
    }
    let style = font(size, bold).color(color).pos(Pos::new(h, VPos::Center));
    let dy = (size * 0.18).round() as i32;
    area.draw_text(text, &style, (x, y + dy))?;
    Ok(())
}

/// Draws the chart title centred in the title band.
fn draw_title(area: &Area<'_>, title: &str, width: u32) -> Result<()> {
    let title = fit_text(
        title,
        TITLE_MAX_CHARS,
        width.saturating_sub(40),
        TITLE_SIZE,
        true,
    );
    draw_text(
        area,
        &title,
        (width as i32 / 2, (TITLE_H / 2 + 4) as i32),
        TITLE_SIZE,
        true,
        &TEXT,
        HPos::Center,
    )
}

/// Writes an image that only holds the title and a centred "No data" message.
fn draw_empty(title: &str, path: &Path) -> Result<()> {
    let root = BitMapBackend::new(path, (WIDTH, EMPTY_H)).into_drawing_area();
    root.fill(&WHITE)?;
    draw_title(&root, title, WIDTH)?;
    let cy = (TITLE_H + (EMPTY_H - TITLE_H) / 2) as i32;
    draw_text(
        &root,
        "No data",
        (WIDTH as i32 / 2, cy),
        22.0,
        false,
        &TEXT_MUTED,
        HPos::Center,
    )?;
    root.present()?;
    Ok(())
}

/// Everything needed to draw one horizontal (possibly stacked) bar plot into a region.
struct HBarPlot<'s> {
    /// Already fitted labels, one per bar, top to bottom.
    labels: &'s [String],
    /// Per bar, the segment values (one segment for a plain bar chart), already sanitized.
    segments: &'s [Vec<f64>],
    /// Colour of segment `j`.
    colors: &'s [RGBColor],
    /// Name of the value axis (empty: none).
    value_label: &'s str,
    /// Print values as integers.
    integers: bool,
    /// Print segment values inside segments that are wide enough.
    segment_values: bool,
    /// Width reserved for the labels, gap included.
    label_area: u32,
    label_size: f64,
    tick_size: f64,
    value_size: f64,
    x_area: u32,
    right_margin: u32,
}

/// Relative luminance, to choose black or white text on a coloured segment.
fn is_dark(c: &RGBColor) -> bool {
    let l = 0.2126 * c.0 as f64 + 0.7152 * c.1 as f64 + 0.0722 * c.2 as f64;
    l < 150.0
}

/// Draws the plot into `region` of `root` (`(x, y, width, height)` in pixels); the plot area
/// itself is `region` minus the label area at the left, the right margin and the axis below.
fn draw_hbars(root: &Area<'_>, region: (u32, u32, u32, u32), plot: &HBarPlot<'_>) -> Result<()> {
    let (rx, ry, rw, rh) = region;
    let n = plot.labels.len();
    if n == 0 {
        return Ok(());
    }
    let totals: Vec<f64> = plot.segments.iter().map(|s| s.iter().sum()).collect();
    let value_texts: Vec<String> = totals
        .iter()
        .map(|&t| format_value(t, plot.integers))
        .collect();
    let plot_w = rw
        .saturating_sub(plot.label_area + plot.right_margin)
        .max(20) as f64;
    let max_total = totals.iter().cloned().fold(0.0, f64::max);

    // Extend the value axis so that the value printed after every bar fits inside the plot.
    let mut x_max = if max_total > 0.0 {
        max_total * 1.02
    } else {
        1.0
    };
    for (t, s) in totals.iter().zip(&value_texts) {
        let room = plot_w - 8.0 - text_width(s, plot.value_size, false) as f64;
        if room > plot_w * 0.3 {
            x_max = x_max.max(t * plot_w / room);
        }
    }

    let sub = root.clone().shrink((rx, ry), (rw, rh));
    let y_range = -0.5..(n as f64 - 0.5);
    let mut chart = ChartBuilder::on(&sub)
        .margin_right(plot.right_margin)
        .x_label_area_size(plot.x_area)
        .y_label_area_size(plot.label_area)
        .build_cartesian_2d(0.0..x_max, y_range)?;

    let tick_style = font(plot.tick_size, false).color(&TEXT_MUTED);
    let desc_style = font(AXIS_DESC_SIZE, false).color(&TEXT);
    let formatter = |v: &f64| format_tick(*v);
    let mut mesh = chart.configure_mesh();
    // With whole values only, ask for at most one tick per unit so ticks stay whole.
    let n_ticks = if plot.integers {
        (x_max.floor() as usize + 1).clamp(2, 8)
    } else {
        8
    };
    mesh.disable_y_mesh()
        .y_labels(0)
        .x_labels(n_ticks)
        .x_max_light_lines(1)
        .x_label_formatter(&formatter)
        .label_style(tick_style)
        .axis_desc_style(desc_style)
        .bold_line_style(GRID)
        .light_line_style(GRID_LIGHT)
        .axis_style(AXIS);
    if !plot.value_label.trim().is_empty() {
        mesh.x_desc(clean_text(plot.value_label));
    }
    mesh.draw()?;

    for (i, segs) in plot.segments.iter().enumerate() {
        let c = (n - 1 - i) as f64;
        let mut acc = 0.0;
        for (j, &v) in segs.iter().enumerate() {
            if v <= 0.0 {
                continue;
            }
            let color = plot.colors[j % plot.colors.len()];
            let corners = [(acc, c - 0.34), (acc + v, c + 0.34)];
            chart.draw_series(std::iter::once(Rectangle::new(corners, color.filled())))?;
            if segs.len() > 1 {
                // A thin white outline separates neighbouring segments.
                chart.draw_series(std::iter::once(Rectangle::new(
                    corners,
                    WHITE.stroke_width(1),
                )))?;
            }
            if plot.segment_values && segs.len() > 1 {
                let (x0, yc) = chart.backend_coord(&(acc, c));
                let (x1, _) = chart.backend_coord(&(acc + v, c));
                let text = format_value(v, plot.integers);
                let tw = text_width(&text, plot.value_size - 1.0, false) as i32;
                if x1 - x0 >= tw + 8 {
                    let fg = if is_dark(&color) { WHITE } else { TEXT };
                    draw_text(
                        root,
                        &text,
                        ((x0 + x1) / 2, yc),
                        plot.value_size - 1.0,
                        false,
                        &fg,
                        HPos::Center,
                    )?;
                }
            }
            acc += v;
        }
        let (xe, yc) = chart.backend_coord(&(totals[i], c));
        draw_text(
            root,
            &value_texts[i],
            (xe + 6, yc),
            plot.value_size,
            false,
            &TEXT,
            HPos::Left,
        )?;
        let (x0, _) = chart.backend_coord(&(0.0, c));
        draw_text(
            root,
            &plot.labels[i],
            (x0 - 8, yc),
            plot.label_size,
            false,
            &TEXT,
            HPos::Right,
        )?;
    }
    Ok(())
}

/// Fits the labels and returns them with the width of the label area (gap included).
fn fit_labels(labels: &[&str], size: f64, max_px: u32) -> (Vec<String>, u32) {
    let fitted: Vec<String> = labels
        .iter()
        .map(|l| fit_text(l, LABEL_MAX_CHARS, max_px, size, false))
        .collect();
    let widest = fitted
        .iter()
        .map(|l| text_width(l, size, false))
        .max()
        .unwrap_or(0);
    (fitted, widest + 18)
}

fn title_with_limit(title: &str, shown: usize, total: usize) -> String {
    let title = clean_text(title);
    if total > shown {
        format!("{title} (first {shown} of {total})")
    } else {
        title
    }
}

fn all_whole<'a>(values: impl IntoIterator<Item = &'a f64>) -> bool {
    values.into_iter().all(|v| is_whole(*v))
}

// ---------------------------------------------------------------------------------------------
// Bar chart
// ---------------------------------------------------------------------------------------------

/// Image size of a bar chart with `n` (> 0) bars.
fn bar_chart_size(n: usize) -> (u32, u32) {
    (
        WIDTH,
        TITLE_H + PLOT_TOP_GAP + n as u32 * BAR_PITCH + X_AREA_H + BOTTOM_PAD,
    )
}

/// Draws a horizontal bar chart as a PNG at `path`.
///
/// The image is 1200 px wide and about 36 px high per bar; at most 200 bars are drawn (the title
/// then says "(first 200 of N)"). Labels longer than 40 characters are truncated with "…".
pub fn draw_bar_chart(chart: &BarChart, path: &Path) -> Result<()> {
    check_png_path(path)?;
    ensure_fonts()?;
    render_bar_chart(chart, path)
        .with_context(|| format!("failed to draw bar chart {}", path.display()))
}

fn render_bar_chart(chart: &BarChart, path: &Path) -> Result<()> {
    let bars = &chart.bars[..chart.bars.len().min(MAX_BARS)];
    let title = title_with_limit(&chart.title, bars.len(), chart.bars.len());
    if bars.is_empty() {
        return draw_empty(&title, path);
    }
    let labels: Vec<&str> = bars.iter().map(|b| b.label.as_str()).collect();
    let (labels, label_area) = fit_labels(&labels, BAR_LABEL_SIZE, WIDTH / 3);
    let segments: Vec<Vec<f64>> = bars.iter().map(|b| vec![sanitize(b.value)]).collect();
    let integers = all_whole(segments.iter().flatten());

    let (w, h) = bar_chart_size(bars.len());
    let root = BitMapBackend::new(path, (w, h)).into_drawing_area();
    root.fill(&WHITE)?;
    draw_title(&root, &title, w)?;
    let plot = HBarPlot {
        labels: &labels,
        segments: &segments,
        colors: &[BAR_COLOR],
        value_label: &chart.value_label,
        integers,
        segment_values: false,
        label_area: label_area.max(60) + 10,
        label_size: BAR_LABEL_SIZE,
        tick_size: TICK_SIZE,
        value_size: VALUE_SIZE,
        x_area: X_AREA_H,
        right_margin: RIGHT_MARGIN,
    };
    let top = TITLE_H + PLOT_TOP_GAP;
    draw_hbars(
        &root,
        (0, top, w, bars.len() as u32 * BAR_PITCH + X_AREA_H),
        &plot,
    )?;
    root.present()?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Panel chart
// ---------------------------------------------------------------------------------------------

/// Column count and panel width for `n` (> 0) panels.
fn panel_grid(n: usize) -> (usize, u32) {
    let cols = n.clamp(1, PANEL_COLS);
    let panel_w = if cols == PANEL_COLS { 400 } else { 560 };
    (cols, panel_w)
}

/// Height of a grid row whose tallest panel has `bars` bars.
fn panel_row_height(bars: usize) -> u32 {
    PANEL_TITLE_H + bars.max(2) as u32 * PANEL_BAR_PITCH + PANEL_X_AREA_H + PANEL_PAD
}

/// Image size of a panel chart whose drawn panels have these bar counts (non-empty list).
fn panel_chart_size(bar_counts: &[usize]) -> (u32, u32) {
    let (cols, panel_w) = panel_grid(bar_counts.len());
    let width = cols as u32 * panel_w + (cols as u32 - 1) * PANEL_GAP + 2 * PANEL_OUTER;
    let rows: u32 = bar_counts
        .chunks(cols)
        .map(|row| panel_row_height(row.iter().copied().max().unwrap_or(0)))
        .sum();
    let n_rows = bar_counts.len().div_ceil(cols) as u32;
    let height = PANEL_HEADER_H + rows + (n_rows - 1) * PANEL_GAP + BOTTOM_PAD + 6;
    (width, height)
}

/// Draws a grid of small horizontal bar charts (3 columns, at most 12 panels) as a PNG at `path`.
///
/// Each panel is about 400 px wide and 40 + 28 px per bar high, with its own value scale; at
/// most 30 bars are drawn per panel. If more than 12 panels are given, the title says
/// "(first 12 of N)". The value axis name is printed once, under the title.
pub fn draw_panel_chart(chart: &PanelChart, path: &Path) -> Result<()> {
    check_png_path(path)?;
    ensure_fonts()?;
    render_panel_chart(chart, path)
        .with_context(|| format!("failed to draw panel chart {}", path.display()))
}

fn render_panel_chart(chart: &PanelChart, path: &Path) -> Result<()> {
    let panels = &chart.panels[..chart.panels.len().min(MAX_PANELS)];
    let title = title_with_limit(&chart.title, panels.len(), chart.panels.len());
    if panels.is_empty() {
        return draw_empty(&title, path);
    }
    let bar_counts: Vec<usize> = panels
        .iter()
        .map(|p| p.bars.len().min(PANEL_MAX_BARS))
        .collect();
    let (cols, panel_w) = panel_grid(panels.len());
    let (w, h) = panel_chart_size(&bar_counts);

    let root = BitMapBackend::new(path, (w, h)).into_drawing_area();
    root.fill(&WHITE)?;
    draw_title(&root, &title, w)?;
    let subtitle = fit_text(&chart.value_label, TITLE_MAX_CHARS, w - 40, 16.0, false);
    draw_text(
        &root,
        &subtitle,
        (w as i32 / 2, TITLE_H as i32 + 10),
        16.0,
        false,
        &TEXT_MUTED,
        HPos::Center,
    )?;

    let integers = all_whole(
        panels
            .iter()
            .flat_map(|p| p.bars.iter().take(PANEL_MAX_BARS))
            .map(|b| sanitize(b.value))
            .collect::<Vec<_>>()
            .iter(),
    );

    let mut y = PANEL_HEADER_H;
    for (row_idx, row) in panels.chunks(cols).enumerate() {
        let row_bars = bar_counts[row_idx * cols..]
            .iter()
            .take(row.len())
            .copied()
            .max()
            .unwrap_or(0);
        let row_h = panel_row_height(row_bars);
        for (col, panel) in row.iter().enumerate() {
            let x = PANEL_OUTER + col as u32 * (panel_w + PANEL_GAP);
            draw_panel(&root, (x, y, panel_w, row_h), panel, integers)?;
        }
        y += row_h + PANEL_GAP;
    }
    root.present()?;
    Ok(())
}

fn draw_panel(
    root: &Area<'_>,
    (x, y, w, h): (u32, u32, u32, u32),
    panel: &Panel,
    integers: bool,
) -> Result<()> {
    let (xi, yi) = (x as i32, y as i32);
    root.draw(&Rectangle::new(
        [(xi, yi), (xi + w as i32 - 1, yi + h as i32 - 1)],
        PANEL_BORDER.stroke_width(1),
    ))?;

    let bars = &panel.bars[..panel.bars.len().min(PANEL_MAX_BARS)];
    let suffix = if panel.bars.len() > bars.len() {
        format!(" (first {} of {})", bars.len(), panel.bars.len())
    } else {
        String::new()
    };
    let suffix_w = text_width(&suffix, PANEL_TITLE_SIZE, true);
    let title_px = w.saturating_sub(2 * PANEL_PAD + suffix_w);
    let title = fit_text(
        &panel.title,
        TITLE_MAX_CHARS,
        title_px,
        PANEL_TITLE_SIZE,
        true,
    ) + &suffix;
    draw_text(
        root,
        &title,
        (xi + PANEL_PAD as i32, yi + PANEL_TITLE_H as i32 / 2 + 2),
        PANEL_TITLE_SIZE,
        true,
        &TEXT,
        HPos::Left,
    )?;

    if bars.is_empty() {
        let cy = yi + (PANEL_TITLE_H + (h - PANEL_TITLE_H) / 2) as i32;
        return draw_text(
            root,
            "No data",
            (xi + w as i32 / 2, cy),
            16.0,
            false,
            &TEXT_MUTED,
            HPos::Center,
        );
    }

    let labels: Vec<&str> = bars.iter().map(|b| b.label.as_str()).collect();
    let (labels, label_area) = fit_labels(&labels, PANEL_LABEL_SIZE, w * 2 / 5);
    let segments: Vec<Vec<f64>> = bars.iter().map(|b| vec![sanitize(b.value)]).collect();
    let plot = HBarPlot {
        labels: &labels,
        segments: &segments,
        colors: &[BAR_COLOR],
        value_label: "",
        integers,
        segment_values: false,
        label_area: label_area + PANEL_PAD,
        label_size: PANEL_LABEL_SIZE,
        tick_size: PANEL_TICK_SIZE,
        value_size: PANEL_VALUE_SIZE,
        x_area: PANEL_X_AREA_H,
        right_margin: PANEL_PAD + 6,
    };
    let plot_h = bars.len() as u32 * PANEL_BAR_PITCH + PANEL_X_AREA_H;
    draw_hbars(root, (x, y + PANEL_TITLE_H, w, plot_h), &plot)
}

// ---------------------------------------------------------------------------------------------
// Stacked bar chart
// ---------------------------------------------------------------------------------------------

/// Sanitizes the values (one per category) and, if there are more than 10 series, keeps the 9
/// largest by total (in their original order) and merges the rest into "Other (N articles)".
/// Returns the series and whether the last one is the merged "Other" series.
fn prepare_series(series: &[Series], n_categories: usize) -> (Vec<Series>, bool) {
    let clean: Vec<Series> = series
        .iter()
        .map(|s| Series {
            name: s.name.clone(),
            values: (0..n_categories)
                .map(|i| s.values.get(i).copied().map(sanitize).unwrap_or(0.0))
                .collect(),
        })
        .collect();
    if clean.len() <= MAX_SERIES {
        return (clean, false);
    }
    let totals: Vec<f64> = clean.iter().map(|s| s.values.iter().sum()).collect();
    let mut order: Vec<usize> = (0..clean.len()).collect();
    order.sort_by(|&a, &b| totals[b].total_cmp(&totals[a]).then(a.cmp(&b)));
    let mut keep = vec![false; clean.len()];
    for &i in &order[..MAX_SERIES - 1] {
        keep[i] = true;
    }
    let merged = clean.len() - (MAX_SERIES - 1);
    let mut other = Series {
        name: format!("Other ({merged} articles)"),
        values: vec![0.0; n_categories],
    };
    let mut out = Vec::with_capacity(MAX_SERIES);
    for (s, k) in clean.into_iter().zip(keep) {
        if k {
            out.push(s);
        } else {
            for (o, v) in other.values.iter_mut().zip(&s.values) {
                *o += v;
            }
        }
    }
    out.push(other);
    (out, true)
}

/// Legend layout: fitted names, column width, number of columns and rows.
struct Legend {
    names: Vec<String>,
    col_w: u32,
    cols: usize,
    rows: usize,
}

fn legend_layout(series: &[Series], avail: u32) -> Legend {
    let names: Vec<String> = series
        .iter()
        .map(|s| {
            fit_text(
                &s.name,
                LEGEND_MAX_CHARS,
                avail.saturating_sub(LEGEND_SWATCH + 8),
                LEGEND_SIZE,
                false,
            )
        })
        .collect();
    let widest = names
        .iter()
        .map(|n| text_width(n, LEGEND_SIZE, false))
        .max()
        .unwrap_or(0);
    let col_w = (LEGEND_SWATCH + 8 + widest + 28).min(avail).max(1);
    let cols = ((avail / col_w) as usize).clamp(1, names.len().max(1));
    let rows = names.len().div_ceil(cols);
    Legend {
        names,
        col_w,
        cols,
        rows,
    }
}

fn legend_height(rows: usize) -> u32 {
    rows as u32 * LEGEND_ROW_H + 12
}

/// Draws a horizontal stacked bar chart with a legend below it as a PNG at `path`.
///
/// One bar per category (at most 200), one coloured segment per series (Tableau 10 palette);
/// with more than 10 series, all but the 9 largest are merged into "Other (N articles)". The
/// total is printed after each bar and segment values inside segments wide enough for them.
pub fn draw_stacked_bar_chart(chart: &StackedBarChart, path: &Path) -> Result<()> {
    check_png_path(path)?;
    ensure_fonts()?;
    render_stacked_bar_chart(chart, path)
        .with_context(|| format!("failed to draw stacked bar chart {}", path.display()))
}

fn render_stacked_bar_chart(chart: &StackedBarChart, path: &Path) -> Result<()> {
    let n = chart.categories.len().min(MAX_BARS);
    let title = title_with_limit(&chart.title, n, chart.categories.len());
    if n == 0 || chart.series.is_empty() {
        return draw_empty(&title, path);
    }
    let (series, has_other) = prepare_series(&chart.series, n);
    let labels: Vec<&str> = chart.categories[..n].iter().map(|c| c.as_str()).collect();
    let (labels, label_area) = fit_labels(&labels, BAR_LABEL_SIZE, WIDTH / 3);
    let segments: Vec<Vec<f64>> = (0..n)
        .map(|i| series.iter().map(|s| s.values[i]).collect())
        .collect();
    let integers = all_whole(segments.iter().flatten());
    let mut colors: Vec<RGBColor> = (0..series.len())
        .map(|j| PALETTE[j % PALETTE.len()])
        .collect();
    if has_other {
        if let Some(last) = colors.last_mut() {
            *last = OTHER_COLOR;
        }
    }

    let label_area = label_area.max(60) + 10;
    let legend = legend_layout(&series, WIDTH - label_area - RIGHT_MARGIN);
    let plot_h = n as u32 * BAR_PITCH;
    let top = TITLE_H + PLOT_TOP_GAP;
    let (w, h) = (
        WIDTH,
        top + plot_h + X_AREA_H + legend_height(legend.rows) + BOTTOM_PAD,
    );

    let root = BitMapBackend::new(path, (w, h)).into_drawing_area();
    root.fill(&WHITE)?;
    draw_title(&root, &title, w)?;
    let plot = HBarPlot {
        labels: &labels,
        segments: &segments,
        colors: &colors,
        value_label: &chart.value_label,
        integers,
        segment_values: true,
        label_area,
        label_size: BAR_LABEL_SIZE,
        tick_size: TICK_SIZE,
        value_size: VALUE_SIZE,
        x_area: X_AREA_H,
        right_margin: RIGHT_MARGIN,
    };
    draw_hbars(&root, (0, top, w, plot_h + X_AREA_H), &plot)?;

    // Legend, left-aligned with the plot area, row by row.
    let ly = top + plot_h + X_AREA_H + 12;
    for (k, name) in legend.names.iter().enumerate() {
        let (row, col) = (k / legend.cols, k % legend.cols);
        let x = (label_area + col as u32 * legend.col_w) as i32;
        let yc = (ly + row as u32 * LEGEND_ROW_H) as i32 + LEGEND_ROW_H as i32 / 2;
        let s = LEGEND_SWATCH as i32;
        root.draw(&Rectangle::new(
            [(x, yc - s / 2), (x + s, yc - s / 2 + s)],
            colors[k].filled(),
        ))?;
        draw_text(
            &root,
            name,
            (x + s + 8, yc),
            LEGEND_SIZE,
            false,
            &TEXT,
            HPos::Left,
        )?;
    }
    root.present()?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Line chart
// ---------------------------------------------------------------------------------------------

/// Height of the plot area of one line panel.
const LINE_PLOT_H: u32 = 260;
/// Width of the legend at the right of a line panel.
const LINE_LEGEND_W: u32 = 250;
/// Left margin of a line panel (the value ticks).
const LINE_Y_AREA: u32 = 70;
/// At most this many periods are labelled on the time axis.
const LINE_MAX_X_LABELS: usize = 12;

/// Draws one or more line panels sharing the x labels (e.g. mentions over time) as a PNG at
/// `path`: 1200 px wide, about 370 px per panel, at most 10 series per panel (one colour each,
/// named in a legend at the right). Points are marked when there are at most 60.
pub fn draw_line_chart(chart: &LineChart, path: &Path) -> Result<()> {
    check_png_path(path)?;
    ensure_fonts()?;
    render_line_chart(chart, path)
        .with_context(|| format!("failed to draw line chart {}", path.display()))
}

fn render_line_chart(chart: &LineChart, path: &Path) -> Result<()> {
    let drawn = chart.drawn();
    let n = drawn.x_labels.len();
    if n == 0 || drawn.panels.iter().all(|p| p.series.is_empty()) {
        return draw_empty(&drawn.title, path);
    }
    let panel_h = PANEL_TITLE_H + LINE_PLOT_H + X_AREA_H + PANEL_GAP;
    let (w, h) = (
        WIDTH,
        TITLE_H + drawn.panels.len() as u32 * panel_h + BOTTOM_PAD,
    );
    let root = BitMapBackend::new(path, (w, h)).into_drawing_area();
    root.fill(&WHITE)?;
    draw_title(&root, &drawn.title, w)?;
    let step = n.div_ceil(LINE_MAX_X_LABELS).max(1);
    for (k, panel) in drawn.panels.iter().enumerate() {
        let top = TITLE_H + k as u32 * panel_h;
        draw_text(
            &root,
            &fit_text(
                &panel.title,
                TITLE_MAX_CHARS,
                w - 40,
                BAR_LABEL_SIZE + 2.0,
                true,
            ),
            (LINE_Y_AREA as i32, (top + PANEL_TITLE_H / 2) as i32),
            BAR_LABEL_SIZE + 2.0,
            true,
            &TEXT,
            HPos::Left,
        )?;
        let plot_w = w - LINE_LEGEND_W;
        let sub = root
            .clone()
            .shrink((0, top + PANEL_TITLE_H), (plot_w, LINE_PLOT_H + X_AREA_H));
        let max = panel
            .series
            .iter()
            .flat_map(|s| s.values.iter())
            .cloned()
            .fold(0.0, f64::max);
        let integers = all_whole(panel.series.iter().flat_map(|s| s.values.iter()));
        let y_max = if max > 0.0 { max * 1.1 } else { 1.0 };
        let x_max = (n as f64 - 1.0).max(1.0);
        let mut plot = ChartBuilder::on(&sub)
            .margin_right(RIGHT_MARGIN + 10)
            .x_label_area_size(X_AREA_H)
            .y_label_area_size(LINE_Y_AREA)
            .build_cartesian_2d(-0.3..x_max + 0.3, 0.0..y_max)?;
        let labels = &drawn.x_labels;
        let x_formatter = |v: &f64| {
            let i = v.round();
            if (v - i).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            let i = i as usize;
            if i.is_multiple_of(step) {
                labels.get(i).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        };
        let y_formatter = |v: &f64| format_tick(*v);
        let y_ticks = if integers {
            (y_max.floor() as usize + 1).clamp(2, 6)
        } else {
            6
        };
        let mut mesh = plot.configure_mesh();
        mesh.disable_x_mesh()
            .x_labels(n.min(200) + 1)
            .y_labels(y_ticks)
            .y_max_light_lines(1)
            .x_label_formatter(&x_formatter)
            .y_label_formatter(&y_formatter)
            .label_style(font(TICK_SIZE, false).color(&TEXT_MUTED))
            .axis_desc_style(font(AXIS_DESC_SIZE, false).color(&TEXT))
            .bold_line_style(GRID)
            .light_line_style(GRID_LIGHT)
            .axis_style(AXIS);
        mesh.draw()?;
        for (j, s) in panel.series.iter().enumerate() {
            let color = PALETTE[j % PALETTE.len()];
            let points: Vec<(f64, f64)> = s
                .values
                .iter()
                .enumerate()
                .map(|(i, &v)| (i as f64, v))
                .collect();
            plot.draw_series(LineSeries::new(
                points.iter().copied(),
                color.stroke_width(3),
            ))?;
            if n <= 60 {
                plot.draw_series(points.iter().map(|&p| Circle::new(p, 4, color.filled())))?;
            }
            // Legend entry at the right of the plot.
            let x = (plot_w + 10) as i32;
            let yc = (top + PANEL_TITLE_H + 20 + j as u32 * LEGEND_ROW_H) as i32;
            root.draw(&Rectangle::new(
                [(x, yc - 2), (x + 22, yc + 2)],
                color.filled(),
            ))?;
            let name = fit_text(
                &s.name,
                LEGEND_MAX_CHARS,
                LINE_LEGEND_W - 44,
                LEGEND_SIZE,
                false,
            );
            draw_text(
                &root,
                &name,
                (x + 30, yc),
                LEGEND_SIZE,
                false,
                &TEXT,
                HPos::Left,
            )?;
        }
    }
    root.present()?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A fresh, unique directory under the system temp dir.
    fn temp_dir(name: &str) -> PathBuf {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "newslens-charts-{}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst),
            name
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Checks the PNG signature and returns the IHDR width and height.
    fn png_size(path: &Path) -> (u32, u32) {
        let bytes = std::fs::read(path).unwrap();
        assert!(bytes.len() > 24, "PNG too short");
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
        assert_eq!(&bytes[12..16], b"IHDR");
        let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
        (w, h)
    }

    fn bar(label: &str, value: f64) -> Bar {
        Bar {
            label: label.to_string(),
            value,
        }
    }

    fn sample_bars() -> Vec<Bar> {
        vec![
            bar("Kazakhstan", 120.0),
            bar("Russia", 95.0),
            bar("China", 90.0),
            bar("Russian", 60.0),
            bar("Tokayev", 22.0),
        ]
    }

    #[test]
    fn bar_chart_has_expected_size() {
        let dir = temp_dir("bar");
        let path = dir.join("bars.png");
        let chart = BarChart {
            title: "Most mentioned actors".into(),
            value_label: "Mentions".into(),
            bars: sample_bars(),
        };
        draw_bar_chart(&chart, &path).unwrap();
        assert_eq!(png_size(&path), (1200, 60 + 10 + 5 * 36 + 56 + 14));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn bar_chart_edge_cases_do_not_panic() {
        let dir = temp_dir("bar-edge");
        let long = "Kazakhstan, like Ukraine, spotlights the swapping of the rule of law";
        let cases = vec![
            vec![bar("Only one", 3.0)],
            vec![bar("a", 0.0), bar("b", 0.0)],
            vec![
                bar("nan", f64::NAN),
                bar("neg", -5.0),
                bar("inf", f64::INFINITY),
            ],
            vec![
                bar("Токаев", 1.5),
                bar("Ελλάδα", 0.25),
                bar("“Café” déjà vu", 2.0),
            ],
            vec![bar(long, 10.0), bar(&"x".repeat(5000), 1.0), bar("", 2.0)],
        ];
        for (i, bars) in cases.into_iter().enumerate() {
            let n = bars.len();
            let path = dir.join(format!("case{i}.png"));
            let chart = BarChart {
                title: format!("Case {i}"),
                value_label: String::new(),
                bars,
            };
            draw_bar_chart(&chart, &path).unwrap();
            assert_eq!(png_size(&path), bar_chart_size(n));
        }
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn empty_charts_say_no_data() {
        let dir = temp_dir("empty");
        let p1 = dir.join("bar.png");
        let p2 = dir.join("panel.png");
        let p3 = dir.join("stacked.png");
        let p4 = dir.join("stacked-no-series.png");
        draw_bar_chart(
            &BarChart {
                title: "Empty".into(),
                value_label: "x".into(),
                bars: vec![],
            },
            &p1,
        )
        .unwrap();
        draw_panel_chart(
            &PanelChart {
                title: "Empty".into(),
                value_label: "x".into(),
                panels: vec![],
            },
            &p2,
        )
        .unwrap();
        draw_stacked_bar_chart(
            &StackedBarChart {
                title: "Empty".into(),
                value_label: "x".into(),
                categories: vec![],
                series: vec![],
            },
            &p3,
        )
        .unwrap();
        draw_stacked_bar_chart(
            &StackedBarChart {
                title: "Empty".into(),
                value_label: "x".into(),
                categories: vec!["a".into()],
                series: vec![],
            },
            &p4,
        )
        .unwrap();
        for p in [&p1, &p2, &p3, &p4] {
            assert_eq!(png_size(p), (WIDTH, EMPTY_H));
        }
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn panel_chart_draws_at_most_twelve_panels() {
        let dir = temp_dir("panel");
        let path = dir.join("panels.png");
        let panels: Vec<Panel> = (0..14)
            .map(|i| Panel {
                title: format!(
                    "{i}. Kazakhstan, like Ukraine, spotlights the swapping of the rule of law \
                     for the law of the jungle"
                ),
                bars: (0..(i % 4 + 2))
                    .map(|k| bar(&format!("keyword {k}"), 1.0 / (k as f64 + 1.0)))
                    .collect(),
            })
            .collect();
        let chart = PanelChart {
            title: "Top keywords per article".into(),
            value_label: "TF-IDF".into(),
            panels,
        };
        draw_panel_chart(&chart, &path).unwrap();
        // 12 panels in 4 rows of 3; bar counts 2,3,4,5 | 2,3,4,5 | ... -> row maxima 4, 5, 5, 5.
        let counts: Vec<usize> = (0..12).map(|i| i % 4 + 2).collect();
        let expected = panel_chart_size(&counts);
        assert_eq!(expected.0, 3 * 400 + 2 * 16 + 2 * 20);
        let rows = [4u32, 5, 5, 5]
            .iter()
            .map(|&b| 34 + b * 28 + 30 + 10)
            .sum::<u32>();
        assert_eq!(expected.1, 92 + rows + 3 * 16 + 14 + 6);
        assert_eq!(png_size(&path), expected);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn panel_chart_with_empty_and_nan_panels() {
        let dir = temp_dir("panel-edge");
        let path = dir.join("panels.png");
        let chart = PanelChart {
            title: "Edge cases".into(),
            value_label: String::new(),
            panels: vec![
                Panel {
                    title: "Empty".into(),
                    bars: vec![],
                },
                Panel {
                    title: "NaN".into(),
                    bars: vec![bar("nan", f64::NAN), bar("neg", -1.0)],
                },
            ],
        };
        draw_panel_chart(&chart, &path).unwrap();
        assert_eq!(png_size(&path), panel_chart_size(&[0, 2]));
        assert_eq!(png_size(&path).0, 2 * 560 + 16 + 40);
        std::fs::remove_dir_all(dir).unwrap();
    }

    fn series(name: &str, values: &[f64]) -> Series {
        Series {
            name: name.to_string(),
            values: values.to_vec(),
        }
    }

    #[test]
    fn stacked_chart_has_expected_size() {
        let dir = temp_dir("stacked");
        let path = dir.join("stacked.png");
        let chart = StackedBarChart {
            title: "Actor mentions by article".into(),
            value_label: "Mentions".into(),
            categories: vec!["Kazakhstan".into(), "Russia".into(), "China".into()],
            series: vec![
                series("Article one", &[50.0, 40.0, 30.0]),
                series("Article two", &[70.0, f64::NAN, 60.0]),
                series("Article three", &[-3.0]),
            ],
        };
        draw_stacked_bar_chart(&chart, &path).unwrap();
        let (w, h) = png_size(&path);
        assert_eq!(w, 1200);
        // Three short legend names fit on one row.
        assert_eq!(h, 60 + 10 + 3 * 36 + 56 + (24 + 12) + 14);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn stacked_chart_merges_small_series() {
        let many: Vec<Series> = (0..13)
            .map(|i| series(&format!("s{i}"), &[i as f64, 1.0]))
            .collect();
        let (merged, has_other) = prepare_series(&many, 2);
        assert!(has_other);
        assert_eq!(merged.len(), 10);
        assert_eq!(merged[9].name, "Other (4 articles)");
        // s0..s3 are the smallest: 0+1 + 1+1 + 2+1 + 3+1 = 10.
        assert_eq!(merged[9].values.iter().sum::<f64>(), 10.0);
        assert_eq!(merged[0].name, "s4");

        let dir = temp_dir("stacked-many");
        let path = dir.join("stacked.png");
        let chart = StackedBarChart {
            title: "Many".into(),
            value_label: "Mentions".into(),
            categories: vec!["a".into(), "b".into()],
            series: many,
        };
        draw_stacked_bar_chart(&chart, &path).unwrap();
        assert_eq!(png_size(&path).0, 1200);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn unwritable_path_is_an_error() {
        let dir = temp_dir("unwritable");
        let path = dir.join("missing-subdir").join("chart.png");
        let chart = BarChart {
            title: "t".into(),
            value_label: "v".into(),
            bars: sample_bars(),
        };
        let err = draw_bar_chart(&chart, &path).unwrap_err();
        assert!(format!("{err:#}").contains("chart.png"), "{err:#}");
        assert!(!path.exists());
        let err = draw_bar_chart(&chart, &dir.join("chart.svg")).unwrap_err();
        assert!(format!("{err:#}").contains(".png"), "{err:#}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn text_helpers() {
        assert_eq!(format_value(3.0, true), "3");
        assert_eq!(format_value(0.256, false), "0.26");
        assert_eq!(format_tick(0.5), "0.5");
        assert_eq!(format_tick(20.0), "20");
        assert_eq!(format_tick(25000.0), "25,000");
        assert_eq!(format_value(1234567.0, true), "1,234,567");
        assert_eq!(format_value(30862.5, false), "30,862.50");
        assert_eq!(format_value(999.0, true), "999");
        assert_eq!(sanitize(f64::NAN), 0.0);
        assert_eq!(sanitize(-2.0), 0.0);
        ensure_fonts().unwrap();
        let long = "a".repeat(100);
        let fitted = fit_text(&long, 40, 10_000, 16.0, false);
        assert_eq!(fitted.chars().count(), 40);
        assert!(fitted.ends_with('…'));
        assert_eq!(clean_text(" a\n\tb  c "), "a b c");
        let narrow = fit_text(&long, 40, 50, 16.0, false);
        assert!(text_width(&narrow, 16.0, false) <= 50);
    }
}

// ---------------------------------------------------------------------------------------------
// Heatmap
// ---------------------------------------------------------------------------------------------

/// Rows and columns of a heatmap drawn at most.
pub const MAX_HEATMAP: usize = 30;
/// Height of the band under the title holding the value label and the column numbers.
const HEATMAP_HEADER_H: u32 = 64;
/// The colour of the largest value (the smallest is white).
const HEAT_COLOR: RGBColor = RGBColor(31, 86, 150);

/// Draws a square heatmap as a PNG at `path`: 1200 px wide, cells up to 48 px, each holding
/// its value when it fits; the shade of a cell is its value over the largest off-diagonal value.
pub fn draw_heatmap(chart: &Heatmap, path: &Path) -> Result<()> {
    check_png_path(path)?;
    ensure_fonts()?;
    render_heatmap(chart, path)
        .with_context(|| format!("failed to draw heatmap {}", path.display()))
}

fn render_heatmap(chart: &Heatmap, path: &Path) -> Result<()> {
    let n = chart.labels.len().min(MAX_HEATMAP);
    let title = title_with_limit(&chart.title, n, chart.labels.len());
    if n == 0 {
        return draw_empty(&title, path);
    }
    let numbered: Vec<String> = chart.labels[..n]
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{}. {}", i + 1, clean_text(l)))
        .collect();
    let refs: Vec<&str> = numbered.iter().map(String::as_str).collect();
    let (labels, label_area) = fit_labels(&refs, PANEL_LABEL_SIZE, WIDTH / 3);
    let cell = ((WIDTH - label_area - RIGHT_MARGIN) / n as u32).clamp(12, 48);
    let value = |i: usize, j: usize| {
        sanitize(
            chart
                .values
                .get(i)
                .and_then(|r| r.get(j))
                .copied()
                .unwrap_or(0.0),
        )
    };
    let max = (0..n)
        .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
        .map(|(i, j)| value(i, j))
        .fold(0.0, f64::max)
        .max(1.0);
    let top = TITLE_H + HEATMAP_HEADER_H;
    let (w, h) = (WIDTH, top + n as u32 * cell + BOTTOM_PAD * 2);
    let root = BitMapBackend::new(path, (w, h)).into_drawing_area();
    root.fill(&WHITE)?;
    draw_title(&root, &title, w)?;
    draw_text(
        &root,
        &fit_text(
            &chart.value_label,
            TITLE_MAX_CHARS,
            w - 40,
            TICK_SIZE,
            false,
        ),
        (w as i32 / 2, (TITLE_H + 12) as i32),
        TICK_SIZE,
        false,
        &TEXT_MUTED,
        HPos::Center,
    )?;
    let x0 = label_area as i32;
    let size = if cell >= 30 { PANEL_VALUE_SIZE } else { 9.0 };
    for j in 0..n {
        let cx = x0 + (j as u32 * cell + cell / 2) as i32;
        draw_text(
            &root,
            &(j + 1).to_string(),
            (cx, (top - 14) as i32),
            size,
            true,
            &TEXT,
            HPos::Center,
        )?;
    }
    for (i, label) in labels.iter().enumerate() {
        let y = top as i32 + (i as u32 * cell) as i32;
        draw_text(
            &root,
            label,
            (x0 - 8, y + cell as i32 / 2),
            PANEL_LABEL_SIZE,
            false,
            &TEXT,
            HPos::Right,
        )?;
        for j in 0..n {
            let v = value(i, j);
            let t = if i == j { 0.0 } else { (v / max).min(1.0) };
            let mix = |white: u8, full: u8| {
                (f64::from(white) + (f64::from(full) - f64::from(white)) * t).round() as u8
            };
            let color = if i == j {
                RGBColor(230, 230, 230)
            } else {
                RGBColor(
                    mix(255, HEAT_COLOR.0),
                    mix(255, HEAT_COLOR.1),
                    mix(255, HEAT_COLOR.2),
                )
            };
            let x = x0 + (j as u32 * cell) as i32;
            root.draw(&Rectangle::new(
                [(x, y), (x + cell as i32 - 1, y + cell as i32 - 1)],
                color.filled(),
            ))?;
            let text = format_value(v, true);
            if v > 0.0 && text_width(&text, size, false) + 4 < cell {
                let ink = if is_dark(&color) { WHITE } else { TEXT };
                draw_text(
                    &root,
                    &text,
                    (x + cell as i32 / 2, y + cell as i32 / 2),
                    size,
                    false,
                    &ink,
                    HPos::Center,
                )?;
            }
        }
    }
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod heatmap_tests {
    use super::*;

    #[test]
    fn heatmaps_draw_and_empty_ones_say_no_data() {
        let dir = tempfile::tempdir().unwrap();
        let chart = Heatmap {
            title: "Co-mentions".into(),
            value_label: "articles mentioning both".into(),
            labels: vec!["Kazakhstan".into(), "Russia".into(), "China".into()],
            values: vec![vec![4.0, 4.0, 3.0], vec![4.0, 4.0, f64::NAN], vec![3.0]],
        };
        let path = dir.path().join("h.png");
        draw_heatmap(&chart, &path).unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() > 1000);
        let empty = Heatmap {
            labels: Vec::new(),
            values: Vec::new(),
            ..chart
        };
        draw_heatmap(&empty, &dir.path().join("e.png")).unwrap();
    }
}
