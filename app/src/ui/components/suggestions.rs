//! Suggestions with their explanation ("why this match"): the score as a percentage and
//! every factor's part as a bar with a sentence.

use crate::domain::matching::score::{FactorScore, Score};
use crate::i18n::*;
use crate::wire::suggestions::Suggestion;
use crate::wire::text;
use leptos::prelude::*;

/// A score in whole percent.
pub fn percent(value: f64) -> u32 {
    (value.clamp(0.0, 1.0) * 100.0).round() as u32
}

/// The per-factor explanation of a score.
#[component]
pub fn ScoreExplanation(score: Score) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="factors">
            {score.factors.into_iter().filter(|f| f.weight > 0.0).map(|f: FactorScore| {
                // An SVG bar: its length is an attribute, not an inline style, which the
                // pages' Content-Security-Policy refuses.
                let width = percent(f.value).to_string();
                view! {
                    <li>
                        <svg class="factor-bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">
                            <rect width=width height="1"></rect>
                        </svg>
                        <span>{move || text::factor(i18n.get_locale(), f.factor, f.value)}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// Suggested offers (for a need) or needs (for an offer), best first.
#[component]
pub fn SuggestionList(
    suggestions: Vec<Suggestion>,
    /// `offer` links to the offers, `need` to the needs.
    link_to: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    if suggestions.is_empty() {
        return view! { <p class="empty">{t!(i18n, matching.none)}</p> }.into_any();
    }
    view! {
        <ol class="suggestions" data-testid="suggestions">
            {suggestions.into_iter().map(|s| {
                let href = if link_to == "offer" { format!("/penawaran/{}", s.offer_id) } else { format!("/peluang/{}", s.need_id) };
                let total = percent(s.score.total);
                view! {
                    <li class="suggestion">
                        <div class="suggestion-head">
                            <a href=href>{s.title.clone()}</a>
                            <span class="score" aria-label=move || t_string!(i18n, matching.score_label, score = total)>{format!("{total}%")}</span>
                        </div>
                        <p class="muted small">{s.by.clone()}</p>
                        {s.match_id.map(|id| view! {
                            <p class="small"><a href=format!("/kecocokan/{id}")>{t!(i18n, matching.open_match)}</a></p>
                        })}
                        <details>
                            <summary>{t!(i18n, matching.why)}</summary>
                            <ScoreExplanation score=s.score.clone()/>
                        </details>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}
