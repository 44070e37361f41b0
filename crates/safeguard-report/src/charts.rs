//! Inline SVG charts for the HTML report: no script, no external resource, readable in print.
//! Every label goes through the HTML escaper; every chart has a title and a text fallback in
//! the page next to it.

use crate::html::esc;
use std::fmt::Write;

/// One bar segment: value, CSS colour, label.
pub struct Segment<'a> {
    pub value: usize,
    pub color: &'a str,
    pub label: &'a str,
}

/// Horizontal stacked bars, one row per `(label, segments)`, with a legend.
pub fn stacked_bars(title: &str, rows: &[(String, Vec<Segment>)]) -> String {
    let width = 640.0;
    let label_w = 250.0;
    let bar_w = width - label_w - 50.0;
    let row_h = 26.0;
    let legend_h = 24.0;
    let height = rows.len() as f64 * row_h + legend_h + 8.0;
    let max = rows
        .iter()
        .map(|(_, s)| s.iter().map(|x| x.value).sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut o = String::new();
    let _ = write!(
        o,
        "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\"><title>{}</title>",
        esc(title)
    );
    for (i, (label, segs)) in rows.iter().enumerate() {
        let y = i as f64 * row_h;
        let _ = write!(
            o,
            "<text x=\"0\" y=\"{:.1}\" font-size=\"12\">{}</text>",
            y + 16.0,
            esc(label)
        );
        let mut x = label_w;
        let total: usize = segs.iter().map(|s| s.value).sum();
        for s in segs.iter().filter(|s| s.value > 0) {
            let w = s.value as f64 / max as f64 * bar_w;
            let _ = write!(
                o,
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"18\" fill=\"{}\"><title>{}: {}</title></rect>",
                y + 3.0,
                esc(s.color),
                esc(s.label),
                s.value
            );
            x += w;
        }
        let _ = write!(
            o,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\">{total}</text>",
            x + 4.0,
            y + 16.0
        );
    }
    // Legend from the first row's segments.
    if let Some((_, segs)) = rows.first() {
        let y = rows.len() as f64 * row_h + 6.0;
        let mut x = 0.0;
        for s in segs {
            let _ = write!(
                o,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\">{}</text>",
                esc(s.color),
                x + 16.0,
                y + 10.0,
                esc(s.label)
            );
            x += 24.0 + s.label.len() as f64 * 6.5;
        }
    }
    o.push_str("</svg>");
    o
}

/// Simple horizontal bars: `(label, value, colour)`.
pub fn bars(title: &str, rows: &[(String, usize, &str)]) -> String {
    let data: Vec<(String, Vec<Segment>)> = rows
        .iter()
        .map(|(l, v, c)| {
            (
                l.clone(),
                vec![Segment {
                    value: *v,
                    color: c,
                    label: "findings",
                }],
            )
        })
        .collect();
    let mut s = stacked_bars(title, &data);
    // A single-series chart needs no legend: drop the legend drawn after the last row.
    if let Some(i) = s.rfind("<rect x=\"0.0\"") {
        if let Some(j) = s[i..].find("</text>") {
            s.replace_range(i..i + j + 7, "");
        }
    }
    s
}

/// A line of scores (0–100) over time: `(label, score)`, oldest first.
pub fn trend(title: &str, points: &[(String, f64)]) -> String {
    let (width, height, left, bottom) = (640.0, 200.0, 40.0, 30.0);
    let plot_w = width - left - 20.0;
    let plot_h = height - bottom - 10.0;
    let mut o = String::new();
    let _ = write!(
        o,
        "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\"><title>{}</title>",
        esc(title)
    );
    for v in [0.0, 50.0, 100.0] {
        let y = 10.0 + plot_h * (1.0 - v / 100.0);
        let _ = write!(
            o,
            "<line x1=\"{left}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#d0d5dd\"/><text x=\"0\" y=\"{:.1}\" font-size=\"11\">{v}</text>",
            left + plot_w,
            y + 4.0
        );
    }
    let n = points.len().max(2) - 1;
    let xy: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .map(|(i, (_, s))| {
            (
                left + plot_w * i as f64 / n as f64,
                10.0 + plot_h * (1.0 - s.clamp(0.0, 100.0) / 100.0),
            )
        })
        .collect();
    let path: Vec<String> = xy.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
    let _ = write!(
        o,
        "<polyline fill=\"none\" stroke=\"#1849a9\" stroke-width=\"2\" points=\"{}\"/>",
        path.join(" ")
    );
    for ((x, y), (label, score)) in xy.iter().zip(points) {
        let _ = write!(
            o,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\" fill=\"#1849a9\"><title>{}: {score:.1}</title></circle><text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
            esc(label),
            height - 8.0,
            esc(label)
        );
    }
    o.push_str("</svg>");
    o
}
