//! `/moderasi`: what waits for a staff decision, oldest first, each queue paged on its own
//! with its page in the URL (`?kebutuhan=2`).

use crate::api::matches::IntroduceGroup;
use crate::api::moderation::{moderation_queue, ApproveSelected, DecideIdentityChange, DecideOrganisation};
use crate::i18n::*;
use crate::ui::components::filters::Pager;
use crate::ui::components::form::{action_result, FormAlert};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::posting::PostingList;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::ui::pages::dashboard::MatchList;
use crate::wire::format;
use crate::wire::moderation::{ModerationQueues, OrganisationLine, Queue, QueuePages};
use crate::wire::organisations::IdentityChange;
use crate::wire::outcome::Outcome;
use crate::wire::page::Page;
use crate::wire::postings::PostingLine;
use crate::wire::text;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Moderation() -> impl IntoView {
    let i18n = use_i18n();
    let decide = ServerAction::<DecideOrganisation>::new();
    let identity = ServerAction::<DecideIdentityChange>::new();
    let bulk = ServerAction::<ApproveSelected>::new();
    let query = use_query_map();
    let pages = Memo::new(move |_| query.with(|q| QueuePages::from_query(|key| q.get(key))));
    let queues = Resource::new(move || pages.get(), moderation_queue);
    let stale = Resource::new(|| (), |_| async { Some(crate::api::staleness::stale_postings().await) });
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, moderation.title).to_string())
            description=Signal::derive(move || t_string!(i18n, moderation.description).to_string())
        />
        <h1>{t!(i18n, moderation.title)}</h1>
        <p class="lead">{t!(i18n, moderation.description)}</p>
        <crate::ui::components::staleness::StalePostings staff=true lines=stale/>
        <Transition fallback=Loading>
            {move || queues.get().map(|result| match result {
                Ok(queues) => view! { <Queues queues pages=pages.get_untracked() decide identity bulk/> }.into_any(),
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Queues(
    queues: ModerationQueues,
    pages: QueuePages,
    decide: ServerAction<DecideOrganisation>,
    identity: ServerAction<DecideIdentityChange>,
    bulk: ServerAction<ApproveSelected>,
) -> impl IntoView {
    let i18n = use_i18n();
    if queues.total() == 0 {
        return view! { <p class="empty" role="status">{t!(i18n, moderation.empty)}</p> }.into_any();
    }
    let ModerationQueues {
        needs,
        need_revisions,
        offers,
        offer_revisions,
        matches,
        organisations,
        identity_changes,
        groups,
    } = queues;
    let selectable = !needs.items.is_empty() || !offers.items.is_empty();
    let last = Resource::new(|| (), |_| crate::api::outcome::last_outcome());
    let outcome = move || {
        let kept = last.get().and_then(|r| r.ok()).flatten();
        let introduced = kept.clone().and_then(|outcome| match outcome {
            Outcome::GroupIntroduced(done) => Some(done),
            _ => None,
        });
        let done = kept.and_then(|outcome| match outcome {
            Outcome::BulkApproved(done) => Some(done),
            _ => None,
        });
        let failed = bulk.value().get().and_then(|r| r.err());
        view! {
            {introduced.map(|done| view! {
                <p class="alert alert-success" role="status" data-testid="group-introduced">
                    {move || t_string!(i18n, clusters.introduced, done = done.done, skipped = done.skipped)}
                </p>
            })}
            {done.map(|done| view! {
                <p class="alert alert-success" role="status">
                    {move || t_string!(i18n, moderation.bulk_done, approved = done.approved, skipped = done.skipped)}
                </p>
            })}
            {failed.map(|err| view! { <ErrorNotice err/> })}
        }
    };
    let pager = move |queue: Queue, page: u32, of: u32| {
        let link = move |n: u32| format!("/moderasi{}", pages.with(queue, n));
        (of > 1).then(|| {
            view! {
                <Pager page pages=of previous=(page > 1).then(|| link(page - 1)) next=(page < of).then(|| link(page + 1))/>
            }
            .into_any()
        })
    };
    let needs_pager = pager(Queue::Needs, needs.page, needs.pages);
    let offers_pager = pager(Queue::Offers, offers.page, offers.pages);
    let need_revisions_pager = pager(Queue::NeedRevisions, need_revisions.page, need_revisions.pages);
    let offer_revisions_pager = pager(Queue::OfferRevisions, offer_revisions.page, offer_revisions.pages);
    view! {
        {(!groups.is_empty()).then(|| view! { <GroupQueue groups/> })}
        {(!matches.items.is_empty()).then(|| {
            let (page, of) = (matches.page, matches.pages);
            view! {
                <MatchList list=matches.items total=matches.total
                    heading=Signal::derive(move || t_string!(i18n, matching.queue).to_string()) testid="queue-matches"/>
                {pager(Queue::Matches, page, of)}
            }
        })}
        {outcome}
        <ActionForm action=bulk attr:class="bulk-form" attr:aria-label=move || t_string!(i18n, moderation.bulk_approve)>
            <input type="hidden" name="selection[confirm]" value="1"/>
            <QueueSection heading=Signal::derive(move || t_string!(i18n, moderation.needs).to_string())
                page=needs testid="queue-needs" select="selection[needs][]" pager=needs_pager/>
            <QueueSection heading=Signal::derive(move || t_string!(i18n, moderation.offers).to_string())
                page=offers testid="queue-offers" select="selection[offers][]" pager=offers_pager/>
            {selectable.then(|| view! {
                <div class="form-actions sticky-actions">
                    <button type="submit" class="button" disabled=move || bulk.pending().get()>{t!(i18n, moderation.bulk_approve)}</button>
                    <span class="muted small">{t!(i18n, moderation.bulk_hint)}</span>
                </div>
            })}
        </ActionForm>
        <QueueSection heading=Signal::derive(move || t_string!(i18n, moderation.revisions).to_string())
            page=need_revisions testid="queue-revisions" pager=need_revisions_pager/>
        <QueueSection heading=Signal::derive(move || t_string!(i18n, moderation.offer_revisions).to_string())
            page=offer_revisions testid="queue-offer-revisions" pager=offer_revisions_pager/>
        {(!organisations.items.is_empty()).then(|| {
            let (page, of) = (organisations.page, organisations.pages);
            view! { <OrganisationQueue organisations decide/> {pager(Queue::Organisations, page, of)} }
        })}
        {(!identity_changes.items.is_empty()).then(|| {
            let (page, of) = (identity_changes.page, identity_changes.pages);
            view! { <IdentityQueue changes=identity_changes identity/> {pager(Queue::IdentityChanges, page, of)} }
        })}
    }
    .into_any()
}

/// One queue of postings: its heading with how many wait in all, a page of them, its pager.
#[component]
fn QueueSection(
    heading: Signal<String>,
    page: Page<PostingLine>,
    testid: &'static str,
    /// The checkbox name for bulk approval, if the queue takes part in it.
    #[prop(optional)]
    select: Option<&'static str>,
    pager: Option<AnyView>,
) -> impl IntoView {
    (!page.items.is_empty()).then(|| {
        let total = page.total;
        view! {
            <section data-testid=testid>
                <h2>{heading} " " <span class="count">{total}</span></h2>
                <PostingList lines=page.items show_by=true select/>
                {pager}
            </section>
        }
    })
}

/// An approving form and a refusing one with its reason, for one item of a queue that is
/// decided in place (organisations, their changes of name). `$action` is the server
/// action, `$field` and `$id` the item's parameter, `$yes` the approving decision.
macro_rules! quick_decision {
    ($i18n:expr, $action:expr, $field:literal, $id:expr, $yes:literal, $yes_label:expr) => {{
        let (i18n, action, id) = ($i18n, $action, $id.to_string());
        let reason_id = format!("reason-{}-{id}", $field);
        let yes_id = id.clone();
        view! {
            <div class="queue-actions">
                <ActionForm action attr:class="inline-form">
                    <input type="hidden" name=$field value=yes_id/>
                    <input type="hidden" name="decision" value=$yes/>
                    <input type="hidden" name="reason" value=""/>
                    <button type="submit" class="button">{$yes_label}</button>
                </ActionForm>
                <ActionForm action attr:class="inline-form">
                    <input type="hidden" name=$field value=id/>
                    <input type="hidden" name="decision" value="reject"/>
                    <label class="visually-hidden" for=reason_id.clone()>{t!(i18n, moderation.reason)}</label>
                    <input id=reason_id name="reason" type="text" placeholder=move || t_string!(i18n, moderation.reason)/>
                    <button type="submit" class="button button-quiet">{t!(i18n, moderation.reject)}</button>
                </ActionForm>
            </div>
        }
    }};
}

#[component]
fn OrganisationQueue(organisations: Page<OrganisationLine>, decide: ServerAction<DecideOrganisation>) -> impl IntoView {
    let i18n = use_i18n();
    let value = action_result(decide);
    let count = organisations.total;
    view! {
        <section data-testid="queue-organisations">
            <h2>{t!(i18n, moderation.organisations)} " " <span class="count">{count}</span></h2>
            <FormAlert value/>
            <ul class="queue">
                {organisations.items.into_iter().map(|org| {
                    let since = format::date(&org.created_at);
                    let kind = org.kind.clone();
                    view! {
                        <li>
                            <strong>{org.name.clone()}</strong>
                            <span class="muted">
                                {move || kind_name(i18n.get_locale(), &kind)}
                                " · " {move || t_string!(i18n, moderation.submitted_on, date = since.clone())}
                            </span>
                            {quick_decision!(i18n, decide, "organisation_id", org.organisation_id, "verify", t!(i18n, moderation.verify))}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

fn kind_name(locale: Locale, kind: &str) -> String {
    crate::domain::organisation::OrganisationKind::parse(kind)
        .map(|k| text::organisation_kind(locale, k).to_owned())
        .unwrap_or_default()
}

/// Verified organisations' changes of name or type, for province staff.
#[component]
fn IdentityQueue(changes: Page<IdentityChange>, identity: ServerAction<DecideIdentityChange>) -> impl IntoView {
    let i18n = use_i18n();
    let value = action_result(identity);
    let count = changes.total;
    view! {
        <section data-testid="queue-identity-changes">
            <h2>{t!(i18n, moderation.identity_changes)} " " <span class="count">{count}</span></h2>
            <FormAlert value/>
            <ul class="queue">
                {changes.items.into_iter().map(|change| {
                    let since = format::date(&change.created_at);
                    let (from_kind, to_kind) = (change.current_kind.clone(), change.kind.clone());
                    let (from, to) = (change.current_name.clone(), change.name.clone());
                    view! {
                        <li>
                            <strong>{move || format!("{from} ({}) → {to} ({})",
                                kind_name(i18n.get_locale(), &from_kind), kind_name(i18n.get_locale(), &to_kind))}</strong>
                            <span class="muted">{move || t_string!(i18n, moderation.submitted_on, date = since.clone())}</span>
                            {quick_decision!(i18n, identity, "change_id", change.change_id, "approve", t!(i18n, moderation.approve_change))}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Partners' interest in clusters of needs: each group's waiting matches, introduced together.
#[component]
fn GroupQueue(groups: Vec<crate::wire::clusters::GroupLine>) -> impl IntoView {
    let i18n = use_i18n();
    let introduce = ServerAction::<IntroduceGroup>::new();
    let value = action_result(introduce);
    view! {
        <section data-testid="queue-groups">
            <h2>{t!(i18n, clusters.queue)} " " <span class="count">{groups.len()}</span></h2>
            <FormAlert value/>
            <ul class="queue">
                {groups.into_iter().map(|group| {
                    let since = format::date(&group.created_at);
                    let waiting = group.waiting;
                    view! {
                        <li>
                            <strong>{group.organisation_name.clone()}</strong>
                            <span class="muted">
                                {move || t_string!(i18n, clusters.group_line, count = waiting, example = group.example.clone(),
                                    regency = group.regency_name.clone())}
                                " · " {move || t_string!(i18n, moderation.submitted_on, date = since.clone())}
                            </span>
                            <ActionForm action=introduce attr:class="inline-form">
                                <input type="hidden" name="group_id" value=group.group_id.to_string()/>
                                <button type="submit" class="button">{t!(i18n, clusters.introduce_all)}</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
