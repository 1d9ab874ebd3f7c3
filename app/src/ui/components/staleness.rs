//! Postings that do not go stale, as pages show it: the owners' question "still needed?"
//! with its four one-action answers, the note on a closed posting's page, and the list of
//! postings asked about and not answered (the owner's dashboard, the staff's queue).

use crate::api::staleness::AnswerQuestion;
use crate::domain::lifecycle::PostingStatus;
use crate::domain::posting::PostingKind;
use crate::i18n::*;
use crate::ui::components::form::{action_result, field_error, FormAlert};
use crate::ui::components::posting::StatusBadge;
use crate::ui::components::status::ErrorNotice;
use crate::wire::error::AppError;
use crate::wire::format;
use crate::wire::postings::{OpenQuestion, PostingState, StaleLine};
use leptos::prelude::*;

/// The question to the owners of a published posting, when one is open.
#[component]
pub fn StillCurrent(state: PostingState) -> impl IntoView {
    let i18n = use_i18n();
    let Some(OpenQuestion { window_end, extend_from, .. }) = state.question.clone() else {
        return ().into_any();
    };
    let action = ServerAction::<AnswerQuestion>::new();
    let date_error = field_error(action_result(action), "window_end");
    let (kind, id) = (state.kind, state.posting_id);
    let heading = move || match kind {
        PostingKind::Need => t_string!(i18n, stale.question_need),
        PostingKind::Offer => t_string!(i18n, stale.question_offer),
    };
    let why = match window_end {
        Some(end) => {
            let date = format::date(&end);
            Signal::derive(move || t_string!(i18n, stale.window_ending, date = date.clone()))
        }
        None => Signal::derive(move || t_string!(i18n, stale.inactive).to_string()),
    };
    // One form per answer: each posts its own `answer` (a submit button's value is not
    // posted by every client).
    let hidden = move |answer: &'static str| {
        view! {
            <input type="hidden" name="kind" value=kind.table()/>
            <input type="hidden" name="posting_id" value=id.to_string()/>
            <input type="hidden" name="answer" value=answer/>
        }
    };
    view! {
        <section class="question" aria-labelledby="still-current" data-testid="still-current">
            <h2 id="still-current">{heading}</h2>
            <p>{why}</p>
            <FormAlert value=action_result(action)/>
            <div class="question-actions">
                <ActionForm action attr:class="inline-form">
                    {hidden("confirm")}
                    <button type="submit" class="button">{t!(i18n, stale.confirm)}</button>
                </ActionForm>
                <ActionForm action attr:class="inline-form extend-form">
                    {hidden("extend")}
                    <label for="extend-until">{t!(i18n, stale.extend_until)}</label>
                    <input id="extend-until" type="date" name="window_end" min=extend_from.clone() value=extend_from.clone()
                        required aria-describedby="extend-error"
                        aria-invalid=move || if date_error.get().is_some() { "true" } else { "false" }/>
                    <button type="submit" class="button button-secondary">{t!(i18n, stale.extend)}</button>
                    <p id="extend-error" class="field-error">{move || date_error.get()}</p>
                </ActionForm>
                <ActionForm action attr:class="inline-form">
                    {hidden("fulfilled")}
                    <button type="submit" class="button button-secondary">{t!(i18n, stale.fulfilled)}</button>
                </ActionForm>
                <ActionForm action attr:class="inline-form">
                    {hidden("withdraw")}
                    <button type="submit" class="button button-quiet">{t!(i18n, stale.withdraw)}</button>
                </ActionForm>
            </div>
        </section>
    }
    .into_any()
}

/// On the page of an expired or fulfilled posting, for everyone: since when it is closed.
/// What follows it on the page is shown greyed (`style/`).
#[component]
pub fn ClosedNote(state: PostingState) -> impl IntoView {
    let i18n = use_i18n();
    let Some(day) = state.closed_on.clone() else { return ().into_any() };
    let date = format::date(&day);
    let text = move || match state.status {
        PostingStatus::Fulfilled => t_string!(i18n, stale.closed_fulfilled, date = date.clone()),
        _ => t_string!(i18n, stale.closed_expired, date = date.clone()),
    };
    view! { <p class="notice closed-note" role="note" data-testid="closed-note">{text}</p> }.into_any()
}

/// In a list of search results that includes closed postings: the status of one that is
/// no longer open, and the card's class (closed ones are greyed).
pub fn card_status(status: &str) -> (&'static str, Option<impl IntoView>) {
    match PostingStatus::parse(status).filter(|s| *s != PostingStatus::Published) {
        Some(status) => ("card card-closed", Some(view! { <p><StatusBadge status/></p> })),
        None => ("card", None),
    }
}

/// Postings asked about and not answered: the caller's own (owners) or their
/// jurisdiction's (staff), as `stale_postings` answers (`None`: not for this caller).
/// Nothing when there are none. The page creates the resource at its top.
#[component]
pub fn StalePostings(staff: bool, lines: Resource<Option<Result<Vec<StaleLine>, AppError>>>) -> impl IntoView {
    let i18n = use_i18n();
    let heading = move || if staff { t_string!(i18n, stale.queue_title) } else { t_string!(i18n, stale.mine_title) };
    let hint = move || if staff { t_string!(i18n, stale.queue_hint) } else { t_string!(i18n, stale.mine_hint) };
    view! {
        <Suspense fallback=|| ()>
            {move || lines.get().flatten().map(|result| match result {
                Ok(lines) if lines.is_empty() => ().into_any(),
                Ok(lines) => view! {
                    <section aria-labelledby="stale-postings" data-testid="stale-postings">
                        <h2 id="stale-postings">{heading} " " <span class="count">{lines.len()}</span></h2>
                        <p class="muted">{hint}</p>
                        <ul class="queue">
                            {lines.into_iter().map(|line| {
                                let asked = format::date(&line.asked_on);
                                let owner = line.owner_name.clone();
                                view! {
                                    <li>
                                        <a href=line.kind.path(line.posting_id)>{line.title.clone()}</a>
                                        {staff.then(|| view! { <span class="muted">{owner}</span> })}
                                        <span class="muted small">{move || t_string!(i18n, stale.asked_on, date = asked.clone())}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                }.into_any(),
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Suspense>
    }
}
