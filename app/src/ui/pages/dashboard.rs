use crate::api::matches::my_matches;
use crate::api::need_posting::my_needs;
use crate::api::notifications::{my_notifications, MarkNotificationsRead};
use crate::api::offer_posting::my_offers;
use crate::api::suggestions::{my_opportunities, village_suggestions};
use crate::domain::account::{CurrentUser, Role, Scope};
use crate::domain::organisation::OrganisationStatus;
use crate::domain::posting::PostingKind;
use crate::i18n::*;
use crate::ui::app::{use_session, SessionContext};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::posting::PostingList;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::ui::components::suggestions::SuggestionList;
use crate::wire::error::AppError;
use crate::wire::format;
use crate::wire::matches::MatchLine;
use crate::wire::notifications::NotificationItem;
use crate::wire::postings::PostingLine;
use crate::wire::suggestions::{NeedSuggestions, Suggestion};
use crate::wire::text;
use leptos::prelude::*;

#[component]
pub fn Dashboard() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let data = DashboardData::new(session);
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, dashboard.title).to_string())
            description=Signal::derive(move || t_string!(i18n, dashboard.description).to_string())
        />
        <h1>{t!(i18n, dashboard.title)}</h1>
        <Transition fallback=Loading>
            {move || session.info.get().map(|result| match result {
                Ok(info) => match info.user {
                    Some(user) => view! { <Overview user office=info.office_label data/> }.into_any(),
                    None => view! { <SignInPrompt/> }.into_any(),
                },
                Err(_) => view! { <p class="alert alert-error">{t!(i18n, errors.network)}</p> }.into_any(),
            })}
        </Transition>
    }
}

/// A list the dashboard shows to some roles only: `None` for the others.
type RoleList<T> = Resource<Option<Result<T, AppError>>>;

/// Everything the dashboard loads, created once at the top of the page: a resource created
/// inside the session-dependent branch would get another hydration id on the server than in
/// the browser. Each list asks the server only if the caller's role shows it.
#[derive(Clone, Copy)]
struct DashboardData {
    needs: RoleList<Vec<PostingLine>>,
    village_suggestions: RoleList<Vec<NeedSuggestions>>,
    offers: RoleList<Vec<PostingLine>>,
    opportunities: RoleList<Vec<Suggestion>>,
    clusters: RoleList<Vec<crate::wire::clusters::ClusterCard>>,
    matches: RoleList<Vec<MatchLine>>,
    notifications: RoleList<Vec<NotificationItem>>,
    stale: RoleList<Vec<crate::wire::postings::StaleLine>>,
    cooperations: RoleList<Vec<crate::wire::cooperations::CooperationTask>>,
    email: RoleList<String>,
    set_email: ServerAction<crate::api::notifications::SetEmailFrequency>,
    mark_read: ServerAction<MarkNotificationsRead>,
}

impl DashboardData {
    fn new(session: SessionContext) -> DashboardData {
        let mark_read = ServerAction::<MarkNotificationsRead>::new();
        let role = move || async move { session.info.await.ok().and_then(|info| info.user).map(|user| user.role) };
        let operator = |role: Role| role == Role::VillageOperator;
        let partner = |role: Role| role == Role::PartnerMember;
        DashboardData {
            needs: Resource::new(|| (), move |_| async move { for_role(role().await, operator, my_needs).await }),
            village_suggestions: Resource::new(
                || (),
                move |_| async move { for_role(role().await, operator, village_suggestions).await },
            ),
            offers: Resource::new(|| (), move |_| async move { for_role(role().await, partner, my_offers).await }),
            opportunities: Resource::new(
                || (),
                move |_| async move { for_role(role().await, partner, my_opportunities).await },
            ),
            clusters: Resource::new(
                || (),
                move |_| async move { for_role(role().await, partner, crate::api::clusters::my_clusters).await },
            ),
            matches: Resource::new(
                || (),
                move |_| async move { for_role(role().await, |role| !role.is_staff(), my_matches).await },
            ),
            notifications: Resource::new(
                || (),
                move |_| async move { for_role(role().await, |_| true, my_notifications).await },
            ),
            stale: Resource::new(
                || (),
                move |_| async move {
                    let owners = |role| matches!(role, Role::VillageOperator | Role::PartnerMember);
                    for_role(role().await, owners, crate::api::staleness::stale_postings).await
                },
            ),
            cooperations: Resource::new(
                || (),
                move |_| async move { for_role(role().await, |_| true, crate::api::cooperations::cooperation_tasks).await },
            ),
            email: Resource::new(
                || (),
                move |_| async move { for_role(role().await, |_| true, crate::api::notifications::email_frequency).await },
            ),
            set_email: ServerAction::new(),
            mark_read,
        }
    }
}

async fn for_role<T, Fut>(
    role: Option<Role>,
    shows: impl Fn(Role) -> bool,
    fetch: impl Fn() -> Fut,
) -> Option<Result<T, AppError>>
where
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    match role {
        Some(role) if shows(role) => Some(fetch().await),
        _ => None,
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
fn Overview(user: CurrentUser, office: String, data: DashboardData) -> impl IntoView {
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
        {matches!(role, Role::VillageOperator | Role::PartnerMember).then(|| view! {
            <crate::ui::components::staleness::StalePostings staff=false lines=data.stale/>
        })}
        {(role == Role::VillageOperator).then(|| view! {
            <OwnPostings kind=PostingKind::Need list=data.needs/>
            {crate::ui::pages::need_form::own_village().map(|village| view! {
                <crate::ui::components::offline_draft::NeedDrafts village with_form=false/>
            })}
            <VillageSuggestions list=data.village_suggestions/>
        })}
        {(role == Role::PartnerMember).then(|| view! {
            <OwnPostings kind=PostingKind::Offer list=data.offers/>
            <PartnerOpportunities list=data.opportunities/>
            <Suspense fallback=|| ()>
                {move || data.clusters.get().flatten().and_then(Result::ok).map(|cards| view! {
                    <crate::ui::components::clusters::ClusterCards cards testid="my-clusters"
                        heading=Signal::derive(move || t_string!(i18n, clusters.for_you).to_string())/>
                })}
            </Suspense>
        })}
        <CooperationTasks list=data.cooperations/>
        {(!role.is_staff()).then(|| view! { <MyMatches list=data.matches/> })}
        <Notifications notifications=data.notifications mark=data.mark_read/>
        <EmailSetting current=data.email action=data.set_email/>
    }
}

/// The caller's own needs (operators) or offers (partners) in every state, with the ways
/// to write a new one and to keep the profile.
#[component]
fn OwnPostings(kind: PostingKind, list: RoleList<Vec<PostingLine>>) -> impl IntoView {
    let i18n = use_i18n();
    let (heading_id, testid) = match kind {
        PostingKind::Need => ("my-needs", "my-needs"),
        PostingKind::Offer => ("my-offers", "my-offers"),
    };
    let heading = move || match kind {
        PostingKind::Need => t_string!(i18n, my_needs.title),
        PostingKind::Offer => t_string!(i18n, my_offers.title),
    };
    let (write_new, profile, profile_path) = match kind {
        PostingKind::Need => (
            Signal::derive(move || t_string!(i18n, my_needs.write_new).to_string()),
            Signal::derive(move || t_string!(i18n, village.edit).to_string()),
            "/profil-desa",
        ),
        PostingKind::Offer => (
            Signal::derive(move || t_string!(i18n, my_offers.write_new).to_string()),
            Signal::derive(move || t_string!(i18n, my_offers.profile).to_string()),
            "/organisasi",
        ),
    };
    let empty = move || match kind {
        PostingKind::Need => t_string!(i18n, my_needs.empty),
        PostingKind::Offer => t_string!(i18n, my_offers.empty),
    };
    view! {
        <section aria-labelledby=heading_id>
            <h2 id=heading_id>{heading}</h2>
            <p class="link-row">
                <a class="button" href=kind.new_path()>{write_new}</a>
                <a class="button button-secondary" href=profile_path>{profile}</a>
            </p>
            <Suspense fallback=Loading>
                {move || list.get().flatten().map(|result| match result {
                    Ok(lines) if lines.is_empty() => view! { <p class="empty">{empty}</p> }.into_any(),
                    Ok(lines) => view! { <PostingList lines testid/> }.into_any(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// "Opportunities for you": the best needs across the partner's published offers.
#[component]
fn PartnerOpportunities(list: RoleList<Vec<Suggestion>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="opportunities-for-you">
            <h2 id="opportunities-for-you">{t!(i18n, matching.opportunities_for_you)}</h2>
            <Suspense fallback=Loading>
                {move || list.get().flatten().map(|result| match result {
                    Ok(list) => view! { <SuggestionList suggestions=list link_to="need"/> }.into_any(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// Suggested partners for each of the village's published needs.
#[component]
fn VillageSuggestions(list: RoleList<Vec<NeedSuggestions>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense fallback=Loading>
            {move || list.get().flatten().map(|result| match result {
                Ok(list) if list.is_empty() => ().into_any(),
                Ok(list) => view! {
                    <section aria-labelledby="suggested-partners">
                        <h2 id="suggested-partners">{t!(i18n, matching.suggested_offers)}</h2>
                        {list.into_iter().map(|(need, suggestions)| view! {
                            <h3><a href=need.kind.path(need.posting_id)>{need.title}</a></h3>
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
fn MyMatches(list: RoleList<Vec<MatchLine>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Transition fallback=Loading>
            {move || list.get().flatten().map(|result| match result {
                Ok(list) => view! { <MatchList list heading=Signal::derive(move || t_string!(i18n, matching.my_matches).to_string()) testid="my-matches"/> }.into_any(),
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Transition>
    }
}

/// Matches as a list with their status and score (dashboard and moderation queue).
#[component]
pub fn MatchList(
    list: Vec<MatchLine>,
    heading: Signal<String>,
    testid: &'static str,
    /// How many there are in all, when `list` is one page of them.
    #[prop(optional)]
    total: Option<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    (!list.is_empty()).then(|| {
        let count = total.unwrap_or(list.len() as i64);
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
fn Notifications(
    notifications: RoleList<Vec<NotificationItem>>,
    mark: ServerAction<MarkNotificationsRead>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="notifications">
            <h2 id="notifications">{t!(i18n, notifications.title)}</h2>
            <ActionForm action=mark attr:class="inline-form">
                <button type="submit" class="link-button">{t!(i18n, notifications.mark_read)}</button>
            </ActionForm>
            <Transition fallback=Loading>
                {move || notifications.get().flatten().map(|result| match result {
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

/// The cooperations that wait for the caller (sign, register, report progress, report to
/// the BPD), each with what to do; nothing when none waits.
#[component]
fn CooperationTasks(list: RoleList<Vec<crate::wire::cooperations::CooperationTask>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Transition fallback=|| ()>
            {move || list.get().flatten().and_then(Result::ok).filter(|tasks| !tasks.is_empty()).map(|tasks| view! {
                <section aria-labelledby="cooperation-tasks">
                    <h2 id="cooperation-tasks">{t!(i18n, cooperation.tasks_title)}</h2>
                    <ul class="cards" data-testid="cooperation-tasks">
                        {tasks.into_iter().map(|task| {
                            let step = task.step;
                            let note = text::cooperation_step(i18n.get_locale_untracked(), step).to_owned();
                            view! { <crate::ui::components::cooperation::CooperationItem line=task.line note/> }
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </Transition>
    }
}

/// How often the caller gets e-mail of what they must act on (in-app notifications always).
#[component]
fn EmailSetting(
    current: RoleList<String>,
    action: ServerAction<crate::api::notifications::SetEmailFrequency>,
) -> impl IntoView {
    let i18n = use_i18n();
    let value = crate::ui::components::form::action_result(action);
    let choices = crate::domain::email::EmailFrequency::ALL.iter().map(|f| f.as_str()).collect::<Vec<_>>();
    view! {
        <Transition fallback=|| ()>
            {move || current.get().flatten().and_then(Result::ok).map(|frequency| {
                let choices = choices.clone();
                view! {
                    <section aria-labelledby="email-setting">
                        <h2 id="email-setting">{t!(i18n, notifications.email_title)}</h2>
                        <crate::ui::components::form::FormAlert value/>
                        <ActionForm action attr:class="inline-form">
                            <crate::ui::components::form::SelectField
                                label=Signal::derive(move || t_string!(i18n, notifications.email_label).to_string())
                                name="frequency" post_as="frequency" options=choices
                                name_of=crate::wire::text::email_frequency
                                placeholder=Signal::derive(move || t_string!(i18n, cooperation.choose).to_string())
                                hint=Signal::derive(move || t_string!(i18n, notifications.email_hint).to_string())
                                error=crate::ui::components::form::field_error(value, "frequency")
                                value=Signal::derive(move || frequency.clone())/>
                            <button type="submit" class="button button-secondary">{t!(i18n, cooperation.save)}</button>
                        </ActionForm>
                    </section>
                }
            })}
        </Transition>
    }
}
