//! `/desa/:kode` (a village's public profile and published needs) and `/profil-desa`
//! (its operator edits the profile).

use crate::api::villages::{get_village, my_village_profile, SaveVillageProfile};
use crate::domain::posting::PostingKind;
use crate::domain::posting::{DevelopmentStatus, Sector};
use crate::domain::village::{StatusIndexKind, VillageProfileInput};
use crate::i18n::*;
use crate::ui::components::choices::CheckboxGroup;
use crate::ui::components::form::{action_result, field_error, form_value, Field, FormAlert, SelectField, TextArea};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::posting_form::OwnersOnly;
use crate::ui::components::status::{ErrorNotice, Loading, PageError};
use crate::ui::pages::organisation_form::ContactFields;
use crate::wire::error::AppError;
use crate::wire::format;
use crate::wire::text;
use crate::wire::villages::VillagePage;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn VillagePageView() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.with(|p| p.get("kode").unwrap_or_default());
    let village = Resource::new(code, get_village);
    let cooperations = Resource::new(code, |desa| {
        crate::api::cooperations::public_cooperations(crate::domain::cooperation_query::CooperationQuery {
            desa,
            ..Default::default()
        })
    });
    let operations = Resource::new(code, crate::api::ppm::get_village_operations);
    view! {
        <Suspense fallback=Loading>
            {move || village.get().map(|result| match result {
                Ok(village) => view! {
                    <Profile village/>
                    {move || operations.get().and_then(Result::ok).filter(|found| !found.is_empty()).map(|found| view! {
                        <Operations found/>
                    })}
                    {move || cooperations.get().and_then(Result::ok).map(|found| view! {
                        <crate::ui::components::cooperation::CooperationsOf lines=found.items/>
                    })}
                }.into_any(),
                Err(AppError::NotFound) => view! { <crate::ui::pages::not_found::NotFound/> }.into_any(),
                Err(err) => view! { <PageError err/> }.into_any(),
            })}
        </Suspense>
    }
}

/// The companies whose operation area the village lies in (PPM / TJSL).
#[component]
fn Operations(found: Vec<crate::wire::ppm::VillageOperation>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <section aria-labelledby="wilayah-operasi">
            <h2 id="wilayah-operasi">{t!(i18n, ppm.on_village)}</h2>
            <ul>
                {found.into_iter().map(|o| {
                    let ring = if o.ring == crate::domain::ppm::Ring::Ring1.as_str() {
                        td_string!(locale, ppm.ring_1)
                    } else {
                        td_string!(locale, ppm.ring_2)
                    };
                    view! { <li><a href=format!("/mitra/{}", o.organisation_id)>{o.name}</a>{format!(" — {ring}")}</li> }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Profile(village: VillagePage) -> impl IntoView {
    let i18n = use_i18n();
    let VillagePage {
        village_code, name, kind, district_name, regency_name, profile, contact, needs, can_edit, ..
    } = village;
    let kind_label = text::village_kind(i18n.get_locale_untracked(), &kind);
    let title = format!("{kind_label} {name}");
    let description = {
        let summary: String = profile.description.clone().unwrap_or_default().chars().take(160).collect();
        format!("{title}, {district_name}, {regency_name}. {summary}")
    };
    let sectors = profile.sectors.clone();
    let status = profile.development_status.clone();
    let index = profile.status_index_value.map(|value| {
        let kind = profile.status_index_kind.as_deref().and_then(StatusIndexKind::parse);
        move || format!(" · {} {value}", text::status_index(i18n.get_locale(), kind, false))
    });
    let year = profile.status_year;
    view! {
        <PageMeta title=Signal::derive({ let t = title.clone(); move || t.clone() }) description=Signal::derive(move || description.clone())/>
        <p class="breadcrumb"><a href="/peluang">{t!(i18n, opportunities.title)}</a></p>
        <h1>{title.clone()}</h1>
        <p class="card-meta">{district_name.clone()} " · " {regency_name.clone()} " · " <span class="muted">{village_code.clone()}</span></p>
        {can_edit.then(|| view! { <p><a class="button button-secondary" href="/profil-desa">{t!(i18n, village.edit)}</a></p> })}
        <dl class="facts">
            <div>
                <dt>{t!(i18n, village.status)}</dt>
                <dd data-testid="village-status">{match status {
                    Some(status) => (move || {
                        let mut text = text::development_status(i18n.get_locale(), &status);
                        if let Some(year) = year { text.push_str(&format!(" ({year})")); }
                        text
                    }).into_any(),
                    None => (move || t_string!(i18n, village.unknown)).into_any(),
                }}{index}</dd>
            </div>
            {profile.population.map(|n| view! {
                <div><dt>{t!(i18n, village.population)}</dt><dd>{move || format::thousands(i18n.get_locale(), n)}</dd></div>
            })}
            {(!sectors.is_empty()).then(|| view! {
                <div>
                    <dt>{t!(i18n, village.potentials)}</dt>
                    <dd>{move || sectors.iter().map(|s| text::sector(i18n.get_locale(), s)).collect::<Vec<_>>().join(", ")}</dd>
                </div>
            })}
        </dl>
        {match profile.description {
            Some(text) => view! { <div class="prose">{text.split("\n\n").map(|p| view! { <p class="pre-line">{p.to_owned()}</p> }).collect_view()}</div> }.into_any(),
            None => view! { <p class="muted">{t!(i18n, village.no_description)}</p> }.into_any(),
        }}
        {contact.map(|c| view! {
            <section class="private" aria-labelledby="contact-title" data-testid="village-contact">
                <h2 id="contact-title">{t!(i18n, contact.legend)}</h2>
                <p class="muted small">{t!(i18n, contact.private_note)}</p>
                {match (c.name, c.phone, c.email) {
                    (None, None, None) => view! { <p class="muted">{t!(i18n, village.no_contact)}</p> }.into_any(),
                    (name, phone, email) => view! {
                        <p>
                            {name.unwrap_or_default()}
                            {phone.map(|p| view! { " · " <a href=format!("tel:{}", p.replace([' ', '-'], ""))>{p.clone()}</a> })}
                            {email.map(|e| view! { " · " <a href=format!("mailto:{e}")>{e.clone()}</a> })}
                        </p>
                    }.into_any(),
                }}
            </section>
        })}
        <section aria-labelledby="village-needs">
            <h2 id="village-needs">{t!(i18n, village.needs)}</h2>
            {if needs.is_empty() {
                view! { <p class="empty">{t!(i18n, village.no_needs)}</p> }.into_any()
            } else {
                view! {
                    <ul class="queue" data-testid="village-needs">
                        {needs.into_iter().map(|need| view! {
                            <li><a href=need.kind.path(need.posting_id)>{need.title}</a></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn VillageProfileEdit() -> impl IntoView {
    let i18n = use_i18n();
    let current = Resource::new(|| (), |_| my_village_profile());
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, village.edit).to_string())
            description=Signal::derive(move || t_string!(i18n, village.edit_intro).to_string())
        />
        <h1>{t!(i18n, village.edit)}</h1>
        <OwnersOnly kind=PostingKind::Need>
            <p class="lead">{t!(i18n, village.edit_intro)}</p>
            <Suspense fallback=Loading>
                {move || current.get().map(|result| match result {
                    Ok((page, input)) => view! { <ProfileForm code=page.village_code initial=input/> }.into_any(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                })}
            </Suspense>
        </OwnersOnly>
    }
}

#[component]
fn ProfileForm(code: String, initial: VillageProfileInput) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveVillageProfile>::new();
    let value = action_result(action);
    let initial = StoredValue::new(initial);
    let shown = move |field: &'static str, get: fn(&VillageProfileInput) -> String| {
        form_value(value, field, move || initial.with_value(get))
    };
    let optional = Signal::derive(move || t_string!(i18n, need_form.not_applicable).to_string());
    let index_kind =
        |locale: Locale, name: &str| text::status_index(locale, StatusIndexKind::parse(name), true).to_owned();
    view! {
        <FormAlert value/>
        <ActionForm action attr:class="stack" attr:novalidate=true>
            <TextArea
                label=Signal::derive(move || t_string!(i18n, village.description).to_string())
                name="description" post_as="profile[description]" required=false rows=6
                error=field_error(value, "description")
                value=shown("description", |p| p.description.clone())
            />
            <CheckboxGroup
                legend=Signal::derive(move || t_string!(i18n, village.potentials).to_string())
                name="sectors" post_as="profile[sectors][]"
                options=Sector::ALL.iter().map(|s| s.as_str()).collect()
                name_of=text::sector
                error=field_error(value, "sectors")
                value=shown("sectors", |p| p.sectors.join(","))
            />
            <div class="field-row">
                <SelectField
                    label=Signal::derive(move || t_string!(i18n, village.status).to_string())
                    name="development_status" post_as="profile[development_status]" required=false
                    options=DevelopmentStatus::ALL.iter().map(|s| s.as_str()).collect()
                    name_of=text::development_status placeholder=optional
                    error=field_error(value, "development_status")
                    value=shown("development_status", |p| p.development_status.clone())
                />
                <Field
                    label=Signal::derive(move || t_string!(i18n, village.status_year).to_string())
                    name="status_year" post_as="profile[status_year]" kind="number" required=false
                    error=field_error(value, "status_year")
                    value=shown("status_year", |p| p.status_year.clone())
                />
            </div>
            <div class="field-row">
                <SelectField
                    label=Signal::derive(move || t_string!(i18n, village.index_kind).to_string())
                    name="status_index_kind" post_as="profile[status_index_kind]" required=false
                    options=StatusIndexKind::ALL.iter().map(|s| s.as_str()).collect()
                    name_of=index_kind placeholder=optional
                    error=field_error(value, "status_index_kind")
                    value=shown("status_index_kind", |p| p.status_index_kind.clone())
                />
                <Field
                    label=Signal::derive(move || t_string!(i18n, village.index_value).to_string())
                    name="status_index_value" post_as="profile[status_index_value]" required=false
                    hint=Signal::derive(move || t_string!(i18n, village.index_hint).to_string())
                    error=field_error(value, "status_index_value")
                    value=shown("status_index_value", |p| p.status_index_value.clone())
                />
            </div>
            <Field
                label=Signal::derive(move || t_string!(i18n, village.population).to_string())
                name="population" post_as="profile[population]" required=false
                error=field_error(value, "population")
                value=shown("population", |p| p.population.clone())
            />
            <ContactFields value
                names=["profile[contact_name]", "profile[contact_phone]", "profile[contact_email]"]
                initial=initial.with_value(|p| (p.contact_name.clone(), p.contact_phone.clone(), p.contact_email.clone()))
            />
            <div class="form-actions">
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { t_string!(i18n, need_form.saving) } else { t_string!(i18n, need_form.save) }}
                </button>
                <a href=format!("/desa/{code}")>{t!(i18n, need_form.cancel)}</a>
            </div>
        </ActionForm>
    }
}
