//! `/kecocokan/:id`: one match for its two sides and staff: the score explanation, the
//! history, the decision, and once introduced both contacts and a message thread. It
//! updates live when the other side or staff act (`components::live`).

use crate::api::cooperations::StartCooperation;
use crate::api::matches::{get_match, DecideMatch, DeclineMatch, PostMatchMessage};
use crate::i18n::*;
use crate::ui::components::form::{field_error, FormAlert, SelectField};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{Loading, PageError};
use crate::ui::components::suggestions::{percent, ScoreExplanation};
use crate::wire::error::AppError;
use crate::wire::format;
use crate::wire::matches::MatchDetail;
use crate::wire::text;
use crate::wire::villages::Contact;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn MatchPage() -> impl IntoView {
    let params = use_params_map();
    let match_id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let decide = ServerAction::<DecideMatch>::new();
    let decline = ServerAction::<DeclineMatch>::new();
    let post = ServerAction::<PostMatchMessage>::new();
    let start = ServerAction::<StartCooperation>::new();
    let detail = Resource::new(match_id, |id| async move {
        match id {
            Some(id) => get_match(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Transition fallback=Loading>
            {move || detail.get().map(|result| match result {
                Ok(detail) => view! { <MatchView detail decide decline post start/> }.into_any(),
                Err(AppError::NotFound) => view! { <crate::ui::pages::not_found::NotFound/> }.into_any(),
                Err(err) => view! { <PageError err/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn MatchView(
    detail: MatchDetail,
    decide: ServerAction<DecideMatch>,
    decline: ServerAction<DeclineMatch>,
    post: ServerAction<PostMatchMessage>,
    start: ServerAction<StartCooperation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = detail.status;
    let match_id = detail.match_id.to_string();
    let decide_value = Signal::derive(move || decide.value().get());
    let decline_value = Signal::derive(move || decline.value().get());
    let post_value = Signal::derive(move || post.value().get());
    let title = detail.need_title.clone();
    view! {
        <PageMeta title=Signal::derive(move || t_string!(i18n, matching.page_title, title = title.clone()))
            description=Signal::derive(move || t_string!(i18n, matching.page_title, title = String::new()))/>
        <p class="breadcrumb"><a href="/dasbor">{t!(i18n, nav.dashboard)}</a></p>
        <h1>{t!(i18n, matching.heading)}</h1>
        <dl class="facts">
            <div><dt>{t!(i18n, matching.need)}</dt><dd>
                <a href=format!("/peluang/{}", detail.need_id)>{detail.need_title.clone()}</a>
                " · " {detail.village_name.clone()} ", " {detail.regency_name.clone()}
            </dd></div>
            <div><dt>{t!(i18n, matching.partner)}</dt><dd>
                {detail.organisation_name.clone()}
                {detail.offer_id.zip(detail.offer_title.clone()).map(|(id, title)| view! {
                    " · " <a href=format!("/penawaran/{id}")>{title}</a>
                })}
            </dd></div>
            <div><dt>{t!(i18n, matching.status)}</dt><dd>
                <span class=format!("badge badge-{}", status.as_str()) data-testid="match-status">
                    {move || text::match_status(i18n.get_locale(), status)}
                </span>
            </dd></div>
            {detail.score.clone().map(|score| {
                let total = percent(score.total);
                view! { <div><dt>{t!(i18n, matching.score)}</dt><dd>{format!("{total}%")}</dd></div> }
            })}
        </dl>
        {detail.message.clone().map(|m| view! { <blockquote class="pre-line">{m}</blockquote> })}
        {detail.decline_reason.clone().map(|r| view! {
            <p class="alert alert-warning" data-testid="decline-reason">{move || t_string!(i18n, matching.declined_because, reason = r.clone())}</p>
        })}
        {detail.score.clone().map(|score| view! {
            <section aria-labelledby="why-title">
                <h2 id="why-title">{t!(i18n, matching.why)}</h2>
                <ScoreExplanation score/>
            </section>
        })}
        {match (detail.village_contact.clone(), detail.organisation_contact.clone()) {
            (Some(village), Some(organisation)) => view! {
                <section class="private" aria-labelledby="contacts-title" data-testid="match-contacts">
                    <h2 id="contacts-title">{t!(i18n, matching.contacts)}</h2>
                    <ContactLine heading=detail.village_name.clone() contact=village/>
                    <ContactLine heading=detail.organisation_name.clone() contact=organisation/>
                </section>
            }.into_any(),
            _ => view! { <p class="notice" data-testid="contacts-hidden">{t!(i18n, matching.contacts_hidden)}</p> }.into_any(),
        }}
        {detail.agreement_id.map(|id| view! {
            <p class="notice" data-testid="match-cooperation">
                <a href=format!("/kerja-sama/{id}")>{t!(i18n, cooperation.open)}</a>
            </p>
        })}
        {detail.can_start_cooperation.then(|| {
            let id = match_id.clone();
            let value = Signal::derive(move || start.value().get().map(|r| r.map(|_| ())));
            view! {
                <section class="moderation-panel" aria-labelledby="start-title">
                    <h2 id="start-title">{t!(i18n, cooperation.start)}</h2>
                    <p class="hint">{t!(i18n, cooperation.start_hint)}</p>
                    <FormAlert value/>
                    <ActionForm action=start attr:class="stack">
                        <input type="hidden" name="need_match_id" value=id/>
                        <SelectField label=Signal::derive(move || t_string!(i18n, cooperation.initiated_by).to_string())
                            name="initiated_by" post_as="initiated_by" options=vec!["village", "third_party"]
                            name_of=crate::wire::text::cooperation_choice
                            placeholder=Signal::derive(move || t_string!(i18n, cooperation.choose).to_string())
                            error=field_error(value, "initiated_by") value=Signal::derive(String::new)/>
                        <button type="submit" class="button">{t!(i18n, cooperation.start)}</button>
                    </ActionForm>
                </section>
            }
        })}
        {detail.can_introduce.then(|| {
            let id = match_id.clone();
            view! {
                <section class="moderation-panel" aria-labelledby="decide-title">
                    <h2 id="decide-title">{t!(i18n, matching.decide)}</h2>
                    <FormAlert value=decide_value/>
                    <ActionForm action=decide attr:class="inline-form">
                        <input type="hidden" name="match_id" value=id.clone()/>
                        <input type="hidden" name="decision" value="introduce"/>
                        <input type="hidden" name="reason" value=""/>
                        <button type="submit" class="button">{t!(i18n, matching.introduce)}</button>
                    </ActionForm>
                </section>
            }
        })}
        {detail.can_decline.then(|| {
            let id = match_id.clone();
            let error = field_error(decline_value, "reason");
            view! {
                <details class="decline">
                    <summary>{t!(i18n, matching.decline)}</summary>
                    <FormAlert value=decline_value/>
                    <ActionForm action=decline attr:class="stack">
                        <input type="hidden" name="match_id" value=id/>
                        <div class="field" class:has-error=move || error.get().is_some()>
                            <label for="f-decline-reason">{t!(i18n, need.reason)}</label>
                            <textarea id="f-decline-reason" name="reason" rows="3"></textarea>
                            {move || error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                        </div>
                        <button type="submit" class="button button-quiet">{t!(i18n, matching.decline)}</button>
                    </ActionForm>
                </details>
            }
        })}
        {(!detail.messages.is_empty() || detail.can_write).then(|| {
            let id = match_id.clone();
            let error = field_error(post_value, "body");
            view! {
                <section aria-labelledby="thread-title">
                    <h2 id="thread-title">{t!(i18n, matching.thread)}</h2>
                    <ul class="thread" data-testid="thread">
                        {detail.messages.clone().into_iter().map(|m| view! {
                            <li><strong>{m.author}</strong> " " <span class="muted small">{format::date_time(&m.created_at)}</span>
                                <p class="pre-line">{m.body}</p></li>
                        }).collect_view()}
                    </ul>
                    {detail.can_write.then(|| view! {
                        <ActionForm action=post attr:class="stack">
                            <input type="hidden" name="match_id" value=id/>
                            <div class="field" class:has-error=move || error.get().is_some()>
                                <label for="f-body">{t!(i18n, matching.message)}</label>
                                <textarea id="f-body" name="body" rows="3"></textarea>
                                {move || error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                            </div>
                            <button type="submit" class="button">{t!(i18n, matching.send)}</button>
                        </ActionForm>
                    })}
                </section>
            }
        })}
        <section aria-labelledby="history-title">
            <h2 id="history-title">{t!(i18n, matching.history)}</h2>
            <ol class="history" data-testid="history">
                {detail.history.clone().into_iter().map(|step| view! {
                    <li>
                        <span class="muted small">{format::date_time(&step.at)}</span> " "
                        {step.actor.clone()} " — " {let action = step.action.clone(); move || text::match_action(i18n.get_locale(), &action)}
                        {step.reason.clone().map(|r| format!(": {r}"))}
                    </li>
                }).collect_view()}
            </ol>
            {(!detail.earlier.is_empty()).then(|| view! {
                <p class="muted small">{t!(i18n, matching.earlier)} " "
                    {detail.earlier.clone().into_iter().map(|id| view! { <a href=format!("/kecocokan/{id}")>{format!("#{id}")}</a> " " }).collect_view()}
                </p>
            })}
        </section>
    }
}

#[component]
fn ContactLine(heading: String, contact: Contact) -> impl IntoView {
    let i18n = use_i18n();
    let Contact { name, phone, email } = contact;
    let empty = name.is_none() && phone.is_none() && email.is_none();
    view! {
        <p>
            <strong>{heading}</strong> ": "
            {empty.then(|| view! { <span class="muted">{t!(i18n, village.no_contact)}</span> })}
            {name.unwrap_or_default()}
            {phone.map(|p| view! { " · " <a href=format!("tel:{}", p.replace([' ', '-'], ""))>{p.clone()}</a> })}
            {email.map(|e| view! { " · " <a href=format!("mailto:{e}")>{e.clone()}</a> })}
        </p>
    }
}
