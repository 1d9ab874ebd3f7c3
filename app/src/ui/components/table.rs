//! A data table that scrolls sideways on a phone instead of widening the page: its caption
//! (for screen readers, hidden by default), its column headings, and its rows.

use leptos::prelude::*;

#[component]
pub fn ScrollTable(
    #[prop(into)] caption: Signal<String>,
    /// Column headings, in order.
    headings: Vec<String>,
    #[prop(optional)] testid: Option<&'static str>,
    /// Show the caption (not only to screen readers).
    #[prop(optional)]
    visible_caption: bool,
    /// The rows (`<tr>`s).
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="data" data-testid=testid>
                <caption class:visually-hidden=!visible_caption>{caption}</caption>
                <thead><tr>
                    {headings.into_iter().map(|heading| view! { <th scope="col">{heading}</th> }).collect_view()}
                </tr></thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
