//! What the pages of needs and offers share: the status badge and note, the owner's
//! actions, the pending revision and the staff's decision panel, the lists of postings.

use crate::api::moderation::{DecideNeed, DecideNeedRevision, DecideOffer, DecideOfferRevision};
use crate::api::need_posting::{SubmitNeed, WithdrawNeed};
use crate::api::offer_posting::{SubmitOffer, WithdrawOffer};
use crate::domain::lifecycle::PostingStatus;
use crate::domain::posting::PostingKind;
use crate::i18n::*;
use crate::ui::components::form::{action_result, field_error, form_value, ActionResult, FormAlert};
use crate::wire::error::AppError;
use crate::wire::format;
use crate::wire::postings::{PostingLine, PostingState};
use crate::wire::text;
use leptos::prelude::*;
use leptos::server_fn::client::Client;
use leptos::server_fn::codec::PostUrl;
use leptos::server_fn::request::ClientReq;
use leptos::server_fn::{Http, ServerFn};
use serde::de::DeserializeOwned;

/// A form posting to a server function that answers nothing but success or an error:
/// `<ActionForm>` for any such action, so that one component can serve needs and offers.
#[component]
pub fn PostForm<A, Output>(
    action: ServerAction<A>,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] novalidate: bool,
    children: Children,
) -> impl IntoView
where
    A: DeserializeOwned + ServerFn<Protocol = Http<PostUrl, Output>, Output = (), Error = AppError>,
    A: Clone + Send + Sync + 'static,
    <<A::Client as Client<AppError>>::Request as ClientReq<AppError>>::FormData: From<leptos::web_sys::FormData>,
    A::Client: Client<AppError>,
{
    view! {
        <ActionForm action attr:class=class attr:novalidate=novalidate>
            {children()}
        </ActionForm>
    }
}

/// The status of a posting as a badge.
#[component]
pub fn StatusBadge(status: PostingStatus, #[prop(optional)] testid: Option<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("badge badge-{}", status.as_str()) data-testid=testid>
            {move || text::posting_status(i18n.get_locale(), status)}
        </span>
    }
}

/// What the owner and the moderators read about the state of a posting: that a draft is
/// not public yet, that it is being reviewed, why staff returned or rejected it.
#[component]
pub fn StatusNote(state: PostingState) -> impl IntoView {
    let i18n = use_i18n();
    let reason = state.status_reason.clone().unwrap_or_default();
    if !state.insider {
        return ().into_any();
    }
    match state.status {
        PostingStatus::Draft => match state.kind {
            PostingKind::Need => view! { <p class="notice">{t!(i18n, need.draft_note)}</p> }.into_any(),
            PostingKind::Offer => view! { <p class="notice">{t!(i18n, offer.draft_note)}</p> }.into_any(),
        },
        PostingStatus::Submitted => view! { <p class="notice">{t!(i18n, need.submitted_note)}</p> }.into_any(),
        PostingStatus::Returned => view! {
            <p class="alert alert-warning" data-testid="status-reason">
                {move || t_string!(i18n, need.returned_note, reason = reason.clone())}
            </p>
        }
        .into_any(),
        PostingStatus::Rejected => view! {
            <p class="alert alert-error" data-testid="status-reason">
                {move || t_string!(i18n, need.rejected_note, reason = reason.clone())}
            </p>
        }
        .into_any(),
        _ => ().into_any(),
    }
}

/// The owner's submit and withdraw actions of a posting page, created once by the page
/// (its resource refetches on their versions).
#[derive(Clone, Copy)]
pub enum OwnerActionSet {
    Need { submit: ServerAction<SubmitNeed>, withdraw: ServerAction<WithdrawNeed> },
    Offer { submit: ServerAction<SubmitOffer>, withdraw: ServerAction<WithdrawOffer> },
}

impl OwnerActionSet {
    pub fn new(kind: PostingKind) -> OwnerActionSet {
        match kind {
            PostingKind::Need => OwnerActionSet::Need { submit: ServerAction::new(), withdraw: ServerAction::new() },
            PostingKind::Offer => OwnerActionSet::Offer { submit: ServerAction::new(), withdraw: ServerAction::new() },
        }
    }
}

/// Edit, submit (again) and withdraw, as far as the caller may.
#[component]
pub fn OwnerActions(state: PostingState, actions: OwnerActionSet) -> impl IntoView {
    let i18n = use_i18n();
    if !(state.can_edit || state.can_submit || state.can_withdraw) {
        return ().into_any();
    }
    let (kind, id) = (state.kind, state.posting_id);
    let returned = state.status == PostingStatus::Returned;
    // The same forms for either kind; only the actions' types differ.
    macro_rules! forms {
        ($submit:expr, $withdraw:expr) => {{
            let (submit, withdraw) = ($submit, $withdraw);
            view! {
                <div class="owner-actions">
                    <FormAlert value=action_result(submit)/>
                    <FormAlert value=action_result(withdraw)/>
                    {state.can_edit.then(|| view! {
                        <a class="button button-secondary" href=kind.edit_path(id)>{t!(i18n, need.edit)}</a>
                    })}
                    {state.can_submit.then(|| view! {
                        <PostForm action=submit class="inline-form">
                            <input type="hidden" name=kind.id_column() value=id.to_string()/>
                            <button type="submit" class="button">
                                {move || if returned { t_string!(i18n, need.resubmit) } else { t_string!(i18n, need.submit) }}
                            </button>
                        </PostForm>
                    })}
                    {state.can_withdraw.then(|| view! {
                        <PostForm action=withdraw class="inline-form">
                            <input type="hidden" name=kind.id_column() value=id.to_string()/>
                            <button type="submit" class="button button-quiet">{t!(i18n, need.withdraw)}</button>
                        </PostForm>
                    })}
                </div>
            }
            .into_any()
        }};
    }
    match actions {
        OwnerActionSet::Need { submit, withdraw } => forms!(submit, withdraw),
        OwnerActionSet::Offer { submit, withdraw } => forms!(submit, withdraw),
    }
}

/// What staff decide about: a submitted posting, or a pending revision of a published one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecisionTarget {
    Posting(PostingKind, i64),
    Revision(PostingKind, i64),
}

/// Approve, return or reject, with a reason: the same panel for needs, offers and their
/// revisions (only the server function it posts to differs).
#[component]
pub fn DecisionForm(target: DecisionTarget) -> impl IntoView {
    use DecisionTarget::*;
    let i18n = use_i18n();
    macro_rules! panel {
        ($action:ty, $field:literal, $id:expr) => {{
            let action = ServerAction::<$action>::new();
            let value = action_result(action);
            view! {
                <section class="moderation-panel" aria-labelledby="decision-title">
                    <h2 id="decision-title">{t!(i18n, need.moderate)}</h2>
                    <FormAlert value/>
                    <PostForm action class="stack decision-form" novalidate=true>
                        <input type="hidden" name=$field value=$id.to_string()/>
                        <DecisionInputs value/>
                    </PostForm>
                </section>
            }
            .into_any()
        }};
    }
    match target {
        Posting(PostingKind::Need, id) => panel!(DecideNeed, "need_id", id),
        Posting(PostingKind::Offer, id) => panel!(DecideOffer, "offer_id", id),
        Revision(PostingKind::Need, id) => panel!(DecideNeedRevision, "revision_id", id),
        Revision(PostingKind::Offer, id) => panel!(DecideOfferRevision, "revision_id", id),
    }
}

/// The decision and its reason.
#[component]
fn DecisionInputs(value: ActionResult) -> impl IntoView {
    let i18n = use_i18n();
    let decision_error = field_error(value, "decision");
    let reason_error = field_error(value, "reason");
    // After a refused decision the page is rendered again: it shows what was chosen.
    let chosen = form_value(value, "decision", String::new);
    let reason = form_value(value, "reason", String::new);
    let checked = move |option: &'static str| move || chosen.get() == option;
    view! {
        <fieldset class="choices" aria-describedby=move || decision_error.get().map(|_| "f-decision-error")>
            <legend>{t!(i18n, need.decision)}</legend>
            <label><input type="radio" name="decision" value="approve" required=true checked=checked("approve")/> " " {t!(i18n, need.approve)}</label>
            <label><input type="radio" name="decision" value="return" checked=checked("return")/> " " {t!(i18n, need.send_back)}</label>
            <label><input type="radio" name="decision" value="reject" checked=checked("reject")/> " " {t!(i18n, need.reject)}</label>
            {move || decision_error.get().map(|m| view! { <p class="field-error" id="f-decision-error">{m}</p> })}
        </fieldset>
        <div class="field" class:has-error=move || reason_error.get().is_some()>
            <label for="f-reason">{t!(i18n, need.reason)}</label>
            <p class="hint" id="f-reason-hint">{t!(i18n, need.reason_hint)}</p>
            <textarea id="f-reason" name="reason" rows="3"
                aria-invalid=move || reason_error.get().is_some().then_some("true")
                aria-describedby=move || if reason_error.get().is_some() { "f-reason-hint f-reason-error" } else { "f-reason-hint" }
            >{move || reason.get()}</textarea>
            {move || reason_error.get().map(|m| view! { <p class="field-error" id="f-reason-error">{m}</p> })}
        </div>
        <button type="submit" class="button">{t!(i18n, need.decide)}</button>
    }
}

/// A change waiting for moderation: the proposed version (its facts are the page's, given
/// as children) and, for its moderators, the decision panel.
#[component]
pub fn PendingRevision(
    kind: PostingKind,
    revision_id: i64,
    title: String,
    description: String,
    can_moderate: bool,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="revision" aria-labelledby="revision-title">
            <h2 id="revision-title">{t!(i18n, need.pending_revision)}</h2>
            <p class="muted">{t!(i18n, need.pending_revision_note)}</p>
            <h3>{title}</h3>
            {children()}
            <p class="pre-line">{description}</p>
            {can_moderate.then(|| view! { <DecisionForm target=DecisionTarget::Revision(kind, revision_id)/> })}
        </section>
    }
}

/// The part of a posting page below its facts: the owner's actions, the pending revision
/// and the decision panel for a submitted posting.
#[component]
pub fn PostingControls(state: PostingState, actions: OwnerActionSet) -> impl IntoView {
    let decide = (state.can_moderate && state.status == PostingStatus::Submitted)
        .then_some(DecisionTarget::Posting(state.kind, state.posting_id));
    view! {
        <OwnerActions state actions/>
        {decide.map(|target| view! { <DecisionForm target/> })}
    }
}

/// Postings in a list: title linking to the page, who posted it, status and date.
#[component]
pub fn PostingList(
    lines: Vec<PostingLine>,
    #[prop(optional)] testid: Option<&'static str>,
    /// Show who posted each (queues) or not (the owner's own list).
    #[prop(optional)]
    show_by: bool,
    /// The name of a checkbox per line (bulk approval), if any.
    #[prop(optional_no_strip)]
    select: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="queue" data-testid=testid>
            {lines.into_iter().map(|line| {
                let since = format::date(&line.since);
                let title = line.title.clone();
                let href = line.kind.path(line.posting_id);
                let in_queue = select.is_some() || show_by;
                view! {
                    <li>
                        {select.map(|name| view! {
                            <input type="checkbox" name=name value=line.posting_id.to_string()
                                aria-label=move || t_string!(i18n, moderation.select_item, title = title.clone())/>
                        })}
                        <a href=href>{line.title.clone()}</a>
                        {show_by.then(|| view! { <span class="muted">{line.by.clone()}</span> })}
                        {(!in_queue).then(|| view! { <StatusBadge status=line.status/> })}
                        <span class="muted small">
                            {move || if in_queue {
                                t_string!(i18n, moderation.submitted_on, date = since.clone())
                            } else {
                                t_string!(i18n, my_needs.changed, date = since.clone())
                            }}
                        </span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
