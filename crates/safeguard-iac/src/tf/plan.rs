//! `terraform show -json` plans.

use crate::Partial;

pub fn looks_like_plan(text: &str) -> bool {
    text.contains("\"format_version\"") && text.contains("\"planned_values\"")
}

pub fn scan_text(_rel: &str, _text: &str) -> Partial {
    Partial::default()
}
