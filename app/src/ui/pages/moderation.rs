//! `/moderasi`: what waits for a staff decision, oldest first.

use crate::api::moderation::{
    moderation_queue, ApproveSelected, DecideOrganisation, ModerationQueues, OrganisationLine,
};
use crate::api::needs::NeedLine;
use crate::api::offer_posting::OfferLine;
use crate::i18n::*;
use crate::text;
use crate::ui::components::form::{action_result, FormAlert};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::ui::format;
use leptos::prelude::*;

#[component]
pub fn Moderation() -> impl IntoView {
    let i18n = use_i18n();
    let decide = ServerAction::<DecideOrganisation>::new();
    let bulk = ServerAction::<ApproveSelected>::new();
    let live = crate::ui::components::live::use_live();
    let queues =
        Resource::new(move || (decide.version().get(), bulk.version().get(), live.queue.get()), |_| moderation_queue());
    let matches = Resource::new(move || live.queue.get(), |_| crate::api::matches::my_matches());
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, moderation.title).to_string())
            description=Signal::derive(move || t_string!(i18n, moderation.description).to_string())
        />
        <h1>{t!(i18n, moderation.title)}</h1>
        <p class="lead">{t!(i18n, moderation.description)}</p>
        <Transition fallback=Loading>
            {move || matches.get().map(|result| match result {
                Ok(list) => view! { <crate::ui::pages::dashboard::MatchList list heading=Signal::derive(move || t_string!(i18n, matching.queue).to_string()) testid="queue-matches"/> }.into_any(),
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Transition>
        <Transition fallback=Loading>
            {move || queues.get().map(|result| match result {
                Ok(queues) => view! { <Queues queues decide bulk/> }.into_any(),
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Queues(
    queues: ModerationQueues,
    decide: ServerAction<DecideOrganisation>,
    bulk: ServerAction<ApproveSelected>,
) -> impl IntoView {
    let i18n = use_i18n();
    if queues.total() == 0 {
        return view! { <p class="empty" role="status">{t!(i18n, moderation.empty)}</p> }.into_any();
    }
    let ModerationQueues { needs, revisions, offers, offer_revisions, organisations } = queues;
    let selectable = !needs.is_empty() || !offers.is_empty();
    let outcome = move || {
        bulk.value().get().map(|result| match result {
            Ok(done) => view! {
                <p class="alert alert-success" role="status">
                    {move || t_string!(i18n, moderation.bulk_done, approved = done.approved, skipped = done.skipped)}
                </p>
            }
            .into_any(),
            Err(err) => view! { <ErrorNotice err/> }.into_any(),
        })
    };
    view! {
        {outcome}
        <ActionForm action=bulk attr:class="bulk-form" attr:aria-label=move || t_string!(i18n, moderation.bulk_approve)>
            <input type="hidden" name="selection[confirm]" value="1"/>
            <NeedQueue heading=Signal::derive(move || t_string!(i18n, moderation.needs).to_string()) lines=needs testid="queue-needs" select=true/>
            <OfferQueue heading=Signal::derive(move || t_string!(i18n, moderation.offers).to_string()) lines=offers testid="queue-offers" select=true/>
            {selectable.then(|| view! {
                <div class="form-actions sticky-actions">
                    <button type="submit" class="button" disabled=move || bulk.pending().get()>{t!(i18n, moderation.bulk_approve)}</button>
                    <span class="muted small">{t!(i18n, moderation.bulk_hint)}</span>
                </div>
            })}
        </ActionForm>
        <NeedQueue heading=Signal::derive(move || t_string!(i18n, moderation.revisions).to_string()) lines=revisions testid="queue-revisions" select=false/>
        <OfferQueue heading=Signal::derive(move || t_string!(i18n, moderation.offer_revisions).to_string()) lines=offer_revisions testid="queue-offer-revisions" select=false/>
        {(!organisations.is_empty()).then(|| view! { <OrganisationQueue organisations decide/> })}
    }
    .into_any()
}

#[component]
fn NeedQueue(heading: Signal<String>, lines: Vec<NeedLine>, testid: &'static str, select: bool) -> impl IntoView {
    let i18n = use_i18n();
    (!lines.is_empty()).then(|| {
        let count = lines.len();
        view! {
            <section data-testid=testid>
                <h2>{heading} " " <span class="count">{count}</span></h2>
                <ul class="queue">
                    {lines.into_iter().map(|line| {
                        let since = format::date(&line.since);
                        let title = line.title.clone();
                        view! {
                            <li>
                                {select.then(|| view! {
                                    <input type="checkbox" name="selection[needs][]" value=line.need_id.to_string()
                                        aria-label=move || t_string!(i18n, moderation.select_item, title = title.clone())/>
                                })}
                                <a href=format!("/peluang/{}", line.need_id)>{line.title}</a>
                                <span class="muted">
                                    {line.village_name} " · " {line.regency_name} " · "
                                    {move || t_string!(i18n, moderation.submitted_on, date = since.clone())}
                                </span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn OfferQueue(heading: Signal<String>, lines: Vec<OfferLine>, testid: &'static str, select: bool) -> impl IntoView {
    let i18n = use_i18n();
    (!lines.is_empty()).then(|| {
        let count = lines.len();
        view! {
            <section data-testid=testid>
                <h2>{heading} " " <span class="count">{count}</span></h2>
                <ul class="queue">
                    {lines.into_iter().map(|line| {
                        let since = format::date(&line.since);
                        let title = line.title.clone();
                        view! {
                            <li>
                                {select.then(|| view! {
                                    <input type="checkbox" name="selection[offers][]" value=line.offer_id.to_string()
                                        aria-label=move || t_string!(i18n, moderation.select_item, title = title.clone())/>
                                })}
                                <a href=format!("/penawaran/{}", line.offer_id)>{line.title}</a>
                                <span class="muted">
                                    {line.organisation_name} " · "
                                    {move || t_string!(i18n, moderation.submitted_on, date = since.clone())}
                                </span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn OrganisationQueue(organisations: Vec<OrganisationLine>, decide: ServerAction<DecideOrganisation>) -> impl IntoView {
    let i18n = use_i18n();
    let value = action_result(decide);
    let count = organisations.len();
    view! {
        <section data-testid="queue-organisations">
            <h2>{t!(i18n, moderation.organisations)} " " <span class="count">{count}</span></h2>
            <FormAlert value/>
            <ul class="queue">
                {organisations.into_iter().map(|org| {
                    let since = format::date(&org.created_at);
                    let kind = org.kind.clone();
                    let (verify_id, reject_id) = (org.organisation_id.to_string(), org.organisation_id.to_string());
                    let reason_id = format!("reason-{verify_id}");
                    view! {
                        <li>
                            <strong>{org.name.clone()}</strong>
                            <span class="muted">
                                {move || crate::domain::organisation::OrganisationKind::parse(&kind)
                                    .map(|k| text::organisation_kind(i18n.get_locale(), k).to_owned())
                                    .unwrap_or_default()}
                                " · " {move || t_string!(i18n, moderation.submitted_on, date = since.clone())}
                            </span>
                            <div class="queue-actions">
                                <ActionForm action=decide attr:class="inline-form">
                                    <input type="hidden" name="organisation_id" value=verify_id/>
                                    <input type="hidden" name="decision" value="verify"/>
                                    <input type="hidden" name="reason" value=""/>
                                    <button type="submit" class="button">{t!(i18n, moderation.verify)}</button>
                                </ActionForm>
                                <ActionForm action=decide attr:class="inline-form">
                                    <input type="hidden" name="organisation_id" value=reject_id/>
                                    <input type="hidden" name="decision" value="reject"/>
                                    <label class="visually-hidden" for=reason_id.clone()>{t!(i18n, moderation.reason)}</label>
                                    <input id=reason_id name="reason" type="text"
                                        placeholder=move || t_string!(i18n, moderation.reason)/>
                                    <button type="submit" class="button button-quiet">{t!(i18n, moderation.reject)}</button>
                                </ActionForm>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
