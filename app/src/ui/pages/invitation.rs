//! `/undangan/:token`: an invited village operator sets a password; and the invitation
//! form staff use on `/akun`.

use crate::api::invitations::{get_invitation, invitable_villages, InviteOperator};
use crate::api::needs::list_regencies;
use crate::domain::account::Scope;
use crate::i18n::*;
use crate::ui::app::use_session;
use crate::ui::components::form::{action_result, field_error, Field, FormAlert};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::wire::error::AppError;
use crate::wire::format;
use crate::wire::invitations::VillageChoice;
use crate::wire::outcome::Outcome;
use crate::wire::regions::RegencyOption;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn InvitationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let invitation = Resource::new(token, get_invitation);
    let action = use_session().accept_invitation;
    let value = action_result(action);
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, invitation.title).to_string())
            description=Signal::derive(move || t_string!(i18n, invitation.title).to_string())
        />
        <div class="narrow">
            <h1>{t!(i18n, invitation.title)}</h1>
            <Suspense fallback=Loading>
                {move || invitation.get().map(|result| match result {
                    Ok((name, email, village)) => view! {
                        <p class="lead">{t!(i18n, invitation.greeting, name = name.clone(), village = village.clone())}</p>
                        <FormAlert value/>
                        <ActionForm action attr:class="stack" attr:novalidate=true>
                            <input type="hidden" name="token" value=token()/>
                            <input type="email" name="username" value=email.clone() autocomplete="username" hidden=true readonly=true/>
                            <Field
                                label=Signal::derive(move || t_string!(i18n, invitation.password).to_string())
                                name="password" kind="password" autocomplete="new-password"
                                hint=Signal::derive(move || t_string!(i18n, invitation.password_hint).to_string())
                                error=field_error(value, "password")
                            />
                            <button type="submit" class="button" disabled=move || action.pending().get()>{t!(i18n, invitation.submit)}</button>
                        </ActionForm>
                    }.into_any(),
                    Err(AppError::NotFound) => view! {
                        <p class="alert alert-error" role="alert">{t!(i18n, invitation.invalid)}</p>
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

/// What the invitation form loads: the villages staff may invite for (of their regency,
/// or of the regency province staff chose, `?kabupaten=`) and, for province staff, the
/// regencies. `/akun` creates it at its top: the form renders in a session branch, where a
/// resource would not keep its hydration id.
#[derive(Clone, Copy)]
pub struct InviteData {
    villages: Resource<Result<Vec<VillageChoice>, AppError>>,
    regencies: Resource<Result<Vec<RegencyOption>, AppError>>,
}

impl InviteData {
    pub fn load() -> InviteData {
        let session = use_session();
        let query = use_query_map();
        let staff = move || async move {
            session.info.await.ok().and_then(|info| info.user).filter(|user| user.role.is_staff())
        };
        let villages = Resource::new(
            move || query.with(|q| q.get("kabupaten").unwrap_or_default()),
            move |chosen| async move {
                let regency = match staff().await.map(|user| user.scope) {
                    Some(Scope::Regency { code, .. }) => code,
                    Some(_) => chosen,
                    None => String::new(),
                };
                if regency.is_empty() {
                    Ok(Vec::new())
                } else {
                    invitable_villages(regency).await
                }
            },
        );
        let regencies = Resource::new(
            || (),
            move |_| async move {
                match staff().await {
                    Some(user) if user.role.is_province_staff() => list_regencies().await,
                    _ => Ok(Vec::new()),
                }
            },
        );
        InviteData { villages, regencies }
    }
}

/// On `/akun`: staff invite an operator for a village of their jurisdiction and get the
/// link to pass on. Province staff first choose the regency (`?kabupaten=`).
#[component]
pub fn InviteForm(scope: Scope, data: InviteData) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let own_regency = match &scope {
        Scope::Regency { code, .. } => Some(code.clone()),
        _ => None,
    };
    let InviteData { villages, regencies } = data;
    let action = ServerAction::<InviteOperator>::new();
    let value = Signal::derive(move || action.value().get().map(|r| r.map(|_| ())));
    let outcome = Resource::new(|| (), |_| crate::api::outcome::last_outcome());
    let created = move || match outcome.get() {
        Some(Ok(Some(Outcome::InvitationCreated(link)))) => Some(link),
        _ => None,
    };
    view! {
        <section aria-labelledby="invite-title" class="panel">
            <h2 id="invite-title">{t!(i18n, invitation.invite_title)}</h2>
            <p class="muted">{t!(i18n, invitation.invite_intro)}</p>
            {own_regency.is_none().then(|| view! {
                <form method="get" action="/akun" class="filters">
                    <div class="field">
                        <label for="f-kabupaten">{t!(i18n, opportunities.regency)}</label>
                        <select id="f-kabupaten" name="kabupaten">
                            <Suspense fallback=|| ()>
                                {move || regencies.get().and_then(|r| r.ok()).map(|list| list.into_iter().map(|r| {
                                    let code = r.code.clone();
                                    view! { <option value=r.code selected=move || query.with(|q| q.get("kabupaten").as_deref() == Some(code.as_str()))>{r.name}</option> }
                                }).collect_view())}
                            </Suspense>
                        </select>
                    </div>
                    <div class="filter-actions"><button type="submit" class="button button-secondary">{t!(i18n, invitation.choose_regency)}</button></div>
                </form>
            })}
            <Suspense fallback=|| ()>{move || created().map(|link| view! {
                <div class="alert alert-success" role="status" data-testid="invite-link">
                    <p>{t!(i18n, invitation.created, email = link.email.clone(), date = format::date(&link.expires_at))}</p>
                    <p><input type="text" readonly=true class="copy-field" value=link.url.clone() aria-label=move || t_string!(i18n, invitation.link)/></p>
                </div>
            })}</Suspense>
            <FormAlert value/>
            <ActionForm action attr:class="stack" attr:novalidate=true>
                <div class="field" class:has-error=move || field_error(value, "village_code").get().is_some()>
                    <label for="f-village_code">{t!(i18n, invitation.village)}</label>
                    <Suspense fallback=Loading>
                        {move || villages.get().map(|result| match result {
                            Ok(list) if list.is_empty() => view! { <p class="muted">{t!(i18n, invitation.choose_regency_first)}</p> }.into_any(),
                            Ok(list) => view! {
                                <select id="f-village_code" name="village_code" required=true>
                                    <option value="">{t!(i18n, need_form.choose)}</option>
                                    {list.into_iter().map(|v| view! {
                                        <option value=v.code.clone()>{format!("{} — {} ({})", v.name, v.district, v.code)}</option>
                                    }).collect_view()}
                                </select>
                            }.into_any(),
                            Err(err) => view! { <ErrorNotice err/> }.into_any(),
                        })}
                    </Suspense>
                    {move || field_error(value, "village_code").get().map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <Field
                    label=Signal::derive(move || t_string!(i18n, fields.display_name).to_string())
                    name="display_name" autocomplete="off"
                    error=field_error(value, "display_name")
                />
                <Field
                    label=Signal::derive(move || t_string!(i18n, fields.email).to_string())
                    name="email" kind="email" autocomplete="off"
                    error=field_error(value, "email")
                />
                <button type="submit" class="button" disabled=move || action.pending().get()>{t!(i18n, invitation.invite)}</button>
            </ActionForm>
        </section>
    }
}
