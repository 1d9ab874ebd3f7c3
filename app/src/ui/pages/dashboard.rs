use crate::api::matches::MatchLine;
use crate::api::need_posting::my_needs;
use crate::api::notifications::{my_notifications, MarkNotificationsRead};
use crate::api::offer_posting::my_offers;
use crate::domain::account::{CurrentUser, Role, Scope};
use crate::domain::organisation::OrganisationStatus;
use crate::i18n::*;
use crate::text;
use crate::ui::app::use_session;
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::ui::components::suggestions::SuggestionList;
use crate::ui::format;
use leptos::prelude::*;

#[component]
pub fn Dashboard() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, dashboard.title).to_string())
            description=Signal::derive(move || t_string!(i18n, dashboard.description).to_string())
        />
        <h1>{t!(i18n, dashboard.title)}</h1>
        <Transition fallback=Loading>
            {move || session.info.get().map(|result| match result {
                Ok(info) => match info.user {
                    Some(user) => view! { <Overview user office=info.office_label/> }.into_any(),
                    None => view! { <SignInPrompt/> }.into_any(),
                },
                Err(_) => view! { <p class="alert alert-error">{t!(i18n, errors.network)}</p> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
pub fn SignInPrompt() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice">
            <p>{t!(i18n, dashboard.sign_in_first)}</p>
            <p><a class="button" href="/masuk">{t!(i18n, nav.sign_in)}</a></p>
        </div>
    }
}

#[component]
fn Overview(user: CurrentUser, office: String) -> impl IntoView {
    let i18n = use_i18n();
    let role = user.role;
    let scope_text = {
        let (scope, office) = (user.scope.clone(), office.clone());
        move || text::scope(i18n.get_locale(), &office, &scope)
    };
    let organisation_status = match &user.scope {
        Scope::Organisation { status, .. } => Some(*status),
        _ => None,
    };
    view! {
        <p class="lead">{t!(i18n, dashboard.greeting, name = user.display_name.clone())}</p>
        <dl class="facts">
            <div><dt>{t!(i18n, dashboard.role)}</dt><dd data-testid="role">{move || text::role(i18n.get_locale(), role)}</dd></div>
            <div><dt>{t!(i18n, dashboard.scope)}</dt><dd data-testid="scope">{scope_text}</dd></div>
            <div><dt>{t!(i18n, fields.email)}</dt><dd>{user.email.clone()}</dd></div>
            {organisation_status.map(|status| view! {
                <div>
                    <dt>{t!(i18n, dashboard.organisation_status)}</dt>
                    <dd><span class=format!("badge badge-{}", status.as_str())>{move || text::organisation_status(i18n.get_locale(), status)}</span></dd>
                </div>
            })}
        </dl>
        {(organisation_status == Some(OrganisationStatus::Pending)).then(|| view! {
            <div class="notice" role="status">
                <p>{t!(i18n, dashboard.pending_note, office = office.clone())}</p>
            </div>
        })}
        {role.is_staff().then(|| view! {
            <section>
                <h2>{t!(i18n, dashboard.staff_tools)}</h2>
                <ul class="link-list">
                    <li><a href="/moderasi">{t!(i18n, nav.moderation)}</a></li>
                    <li><a href="/akun">{t!(i18n, nav.accounts)}</a></li>
                    {role.is_province_staff().then(|| view! { <li><a href="/audit">{t!(i18n, audit.title)}</a></li> })}
                    <li><a href="/pengaturan">{t!(i18n, matching.weights_title)}</a></li>
                </ul>
            </section>
        })}
        {(role == Role::VillageOperator).then(|| view! { <VillageNeeds/> <VillageSuggestions/> })}
        {(role == Role::PartnerMember).then(|| view! { <PartnerOffers/> <PartnerOpportunities/> })}
        {(!role.is_staff()).then(|| view! { <MyMatches/> })}
        <Notifications/>
    }
}

/// The operator's needs in every state, with the way to write a new one.
#[component]
fn VillageNeeds() -> impl IntoView {
    let i18n = use_i18n();
    let needs = Resource::new(|| (), |_| my_needs());
    view! {
        <section aria-labelledby="my-needs">
            <h2 id="my-needs">{t!(i18n, my_needs.title)}</h2>
            <p class="link-row">
                <a class="button" href="/kebutuhan/baru">{t!(i18n, my_needs.write_new)}</a>
                <a class="button button-secondary" href="/profil-desa">{t!(i18n, village.edit)}</a>
            </p>
            <Suspense fallback=Loading>
                {move || needs.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{t!(i18n, my_needs.empty)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="queue" data-testid="my-needs">
                            {list.into_iter().map(|need| {
                                let status = need.status;
                                let since = format::date(&need.since);
                                view! {
                                    <li>
                                        <a href=format!("/peluang/{}", need.need_id)>{need.title}</a>
                                        <span class=format!("badge badge-{}", status.as_str())>
                                            {move || text::posting_status(i18n.get_locale(), status)}
                                        </span>
                                        <span class="muted small">{move || t_string!(i18n, my_needs.changed, date = since.clone())}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// The partner's offers in every state, with the ways to write one and to keep the profile.
#[component]
fn PartnerOffers() -> impl IntoView {
    let i18n = use_i18n();
    let offers = Resource::new(|| (), |_| my_offers());
    view! {
        <section aria-labelledby="my-offers">
            <h2 id="my-offers">{t!(i18n, my_offers.title)}</h2>
            <p class="link-row">
                <a class="button" href="/tawarkan">{t!(i18n, my_offers.write_new)}</a>
                <a class="button button-secondary" href="/organisasi">{t!(i18n, my_offers.profile)}</a>
            </p>
            <Suspense fallback=Loading>
                {move || offers.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{t!(i18n, my_offers.empty)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="queue" data-testid="my-offers">
                            {list.into_iter().map(|offer| {
                                let status = offer.status;
                                let since = format::date(&offer.since);
                                view! {
                                    <li>
                                        <a href=format!("/penawaran/{}", offer.offer_id)>{offer.title}</a>
                                        <span class=format!("badge badge-{}", status.as_str())>
                                            {move || text::posting_status(i18n.get_locale(), status)}
                                        </span>
                                        <span class="muted small">{move || t_string!(i18n, my_needs.changed, date = since.clone())}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// "Opportunities for you": the best needs across the partner's published offers.
#[component]
fn PartnerOpportunities() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| crate::api::suggestions::my_opportunities());
    view! {
        <section aria-labelledby="opportunities-for-you">
            <h2 id="opportunities-for-you">{t!(i18n, matching.opportunities_for_you)}</h2>
            <Suspense fallback=Loading>
                {move || list.get().map(|result| match result {
                    Ok(list) => view! { <SuggestionList suggestions=list link_to="need"/> }.into_any(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// Suggested partners for each of the village's published needs.
#[component]
fn VillageSuggestions() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| crate::api::suggestions::village_suggestions());
    view! {
        <Suspense fallback=Loading>
            {move || list.get().map(|result| match result {
                Ok(list) if list.is_empty() => ().into_any(),
                Ok(list) => view! {
                    <section aria-labelledby="suggested-partners">
                        <h2 id="suggested-partners">{t!(i18n, matching.suggested_offers)}</h2>
                        {list.into_iter().map(|(need, suggestions)| view! {
                            <h3><a href=format!("/peluang/{}", need.need_id)>{need.title}</a></h3>
                            <SuggestionList suggestions link_to="offer"/>
                        }).collect_view()}
                    </section>
                }.into_any(),
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn MyMatches() -> impl IntoView {
    let i18n = use_i18n();
    let live = crate::ui::components::live::use_live();
    let list =
        Resource::new(move || live.matches.get() + live.notifications.get(), |_| crate::api::matches::my_matches());
    view! {
        <Transition fallback=Loading>
            {move || list.get().map(|result| match result {
                Ok(list) => view! { <MatchList list heading=Signal::derive(move || t_string!(i18n, matching.my_matches).to_string()) testid="my-matches"/> }.into_any(),
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Transition>
    }
}

/// Matches as a list with their status and score (dashboard and moderation queue).
#[component]
pub fn MatchList(list: Vec<MatchLine>, heading: Signal<String>, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    (!list.is_empty()).then(|| {
        let count = list.len();
        view! {
            <section data-testid=testid>
                <h2>{heading} " " <span class="count">{count}</span></h2>
                <ul class="queue">
                    {list.into_iter().map(|m| {
                        let status = m.status;
                        view! {
                            <li>
                                <a href=format!("/kecocokan/{}", m.match_id)>{m.need_title}</a>
                                <span class="muted">{m.village_name} " · " {m.organisation_name}
                                    {m.score.map(|s| format!(" · {}%", crate::ui::components::suggestions::percent(s)))}</span>
                                <span class=format!("badge badge-{}", status.as_str())>{move || text::match_status(i18n.get_locale(), status)}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn Notifications() -> impl IntoView {
    let i18n = use_i18n();
    let live = crate::ui::components::live::use_live();
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let notifications = Resource::new(move || (live.notifications.get(), mark.version().get()), |_| my_notifications());
    view! {
        <section aria-labelledby="notifications">
            <h2 id="notifications">{t!(i18n, notifications.title)}</h2>
            <ActionForm action=mark attr:class="inline-form">
                <button type="submit" class="link-button">{t!(i18n, notifications.mark_read)}</button>
            </ActionForm>
            <Transition fallback=Loading>
                {move || notifications.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{t!(i18n, notifications.empty)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="notifications" data-testid="notifications">
                            {list.into_iter().map(|item| {
                                let sentence = {
                                    let (kind, title, reason) = (item.kind.clone(), item.title.clone(), item.reason.clone());
                                    move || text::notification(i18n.get_locale(), &kind, &title, &reason)
                                };
                                let date = format::date(&item.created_at);
                                view! {
                                    <li class:unread=item.unread>
                                        {match item.link {
                                            Some(link) => view! { <a href=link>{sentence}</a> }.into_any(),
                                            None => view! { <span>{sentence}</span> }.into_any(),
                                        }}
                                        " " <span class="muted small">{date}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
