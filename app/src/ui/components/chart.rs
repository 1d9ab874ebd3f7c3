//! Charts drawn on the server as SVG: nothing of them reaches the WASM, they read without
//! JavaScript, and each comes with its text alternative and the same figures as a table
//! for screen readers.

use crate::i18n::*;
use crate::wire::format;
use leptos::prelude::*;

/// One row of a chart: its label, one value per series, and where the label leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartRow {
    pub label: String,
    pub values: Vec<i64>,
    pub href: Option<String>,
}

impl ChartRow {
    pub fn new(label: impl Into<String>, values: Vec<i64>) -> ChartRow {
        ChartRow { label: label.into(), values, href: None }
    }
}

/// The width of the drawing, in its own units (it scales to the page's width).
const WIDTH: i64 = 360;
/// Room kept right of the longest bar for its value.
const VALUE_ROOM: i64 = 64;
const LABEL_HEIGHT: i64 = 16;
const BAR_HEIGHT: i64 = 10;
const BAR_GAP: i64 = 3;
const ROW_GAP: i64 = 10;

/// How long a bar of `value` is when the greatest is `max` (a value above 0 always shows).
fn bar_length(value: i64, max: i64) -> i64 {
    if value <= 0 || max <= 0 {
        0
    } else {
        ((value * (WIDTH - VALUE_ROOM)) / max).max(2)
    }
}

/// A horizontal bar chart: for each row its label above one bar per series, the value at
/// the bar's end. `summary` is its text alternative (what it shows, in a sentence).
#[component]
pub fn BarChart(
    id: &'static str,
    #[prop(into)] title: String,
    #[prop(into)] summary: String,
    /// The heading of the rows' column in the table.
    #[prop(into)]
    label_header: String,
    /// The names of the series (one to three), as the legend and the table's headings.
    series: Vec<String>,
    rows: Vec<ChartRow>,
) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! {
            <figure class="chart" id=id>
                <figcaption>{title}</figcaption>
                <p class="empty">{t!(i18n, statistics.no_data)}</p>
            </figure>
        }
        .into_any();
    }
    let locale = i18n.get_locale_untracked();
    let max = rows.iter().flat_map(|r| r.values.iter().copied()).max().unwrap_or(0);
    let per_row = LABEL_HEIGHT + series.len() as i64 * (BAR_HEIGHT + BAR_GAP) + ROW_GAP;
    let height = rows.len() as i64 * per_row;
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let drawn = rows
        .iter()
        .enumerate()
        .map(|(n, row)| {
            let top = n as i64 * per_row;
            let bars = row
                .values
                .iter()
                .enumerate()
                .map(|(k, value)| {
                    let y = top + LABEL_HEIGHT + k as i64 * (BAR_HEIGHT + BAR_GAP);
                    let length = bar_length(*value, max);
                    view! {
                        <rect class=format!("bar bar-{k}") x="0" y=y.to_string() width=length.to_string()
                            height=BAR_HEIGHT.to_string()/>
                        <text class="chart-value" x=(length + 4).to_string() y=(y + BAR_HEIGHT - 1).to_string()>
                            {format::thousands(locale, *value)}
                        </text>
                    }
                })
                .collect_view();
            view! {
                <g>
                    <text class="chart-label" x="0" y=(top + LABEL_HEIGHT - 4).to_string()>{row.label.clone()}</text>
                    {bars}
                </g>
            }
        })
        .collect_view();
    let legend = (series.len() > 1).then(|| {
        view! {
            <ul class="chart-legend" aria-hidden="true">
                {series.iter().enumerate().map(|(k, name)| view! {
                    <li><span class=format!("swatch bar-{k}")></span>{name.clone()}</li>
                }).collect_view()}
            </ul>
        }
    });
    let headings = series.iter().map(|name| view! { <th scope="col">{name.clone()}</th> }).collect_view();
    let table_rows = rows
        .into_iter()
        .map(|row| {
            let label = match row.href {
                Some(href) => view! { <a href=href>{row.label}</a> }.into_any(),
                None => row.label.into_any(),
            };
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    {row.values.into_iter().map(|v| view! { <td>{format::thousands(locale, v)}</td> }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" id=id>
            <figcaption id=title_id.clone()>{title.clone()}</figcaption>
            {legend}
            <svg role="img" aria-labelledby=format!("{title_id} {desc_id}") viewBox=format!("0 0 {WIDTH} {height}")
                preserveAspectRatio="xMinYMin meet" class="chart-drawing">
                <title>{title.clone()}</title>
                <desc id=desc_id.clone()>{summary}</desc>
                {drawn}
            </svg>
            // A table cannot be narrower than its content: the box around it hides it.
            <div class="visually-hidden">
                <table>
                    <caption>{title}</caption>
                    <thead><tr><th scope="col">{label_header}</th>{headings}</tr></thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </div>
        </figure>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_proportional_and_a_small_value_still_shows() {
        assert_eq!(bar_length(0, 10), 0);
        assert_eq!(bar_length(10, 10), WIDTH - VALUE_ROOM);
        assert_eq!(bar_length(5, 10), (WIDTH - VALUE_ROOM) / 2);
        assert_eq!(bar_length(1, 100_000), 2);
        assert_eq!(bar_length(3, 0), 0);
    }
}
