//! `/organisasi`: a partner member keeps the organisation profile.

use crate::api::organisation_profile::{my_organisation, SaveOrganisation};
use crate::domain::organisation::{OrganisationInput, OrganisationKind, OrganisationStatus};
use crate::domain::posting::PostingKind;
use crate::domain::posting::Sector;
use crate::i18n::*;
use crate::ui::components::choices::{area_groups, AreaPicker, CheckboxGroup, RegionGroups};
use crate::ui::components::form::{action_result, field_error, form_value, Field, FormAlert, SelectField, TextArea};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::posting_form::OwnersOnly;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::wire::organisations::OrganisationProfile;
use crate::wire::text;
use leptos::prelude::*;

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let i18n = use_i18n();
    let profile = Resource::new(|| (), |_| my_organisation());
    let groups = area_groups();
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, organisation_form.title).to_string())
            description=Signal::derive(move || t_string!(i18n, organisation_form.intro).to_string())
        />
        <h1>{t!(i18n, organisation_form.title)}</h1>
        <OwnersOnly kind=PostingKind::Offer>
            <p class="lead">{t!(i18n, organisation_form.intro)}</p>
            <Suspense fallback=Loading>
                {move || profile.get().map(|result| match result {
                    Ok(profile) => view! { <OrganisationForm profile groups/> }.into_any(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                })}
            </Suspense>
        </OwnersOnly>
    }
}

#[component]
fn OrganisationForm(profile: OrganisationProfile, groups: RegionGroups) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveOrganisation>::new();
    let value = action_result(action);
    let status = profile.status;
    let checked = matches!(status, OrganisationStatus::Verified | OrganisationStatus::Suspended);
    let pending = profile.pending_change.clone();
    let initial = StoredValue::new(profile.content);
    let shown = move |field: &'static str, get: fn(&OrganisationInput) -> String| {
        form_value(value, field, move || initial.with_value(get))
    };
    let kind_name = |locale: Locale, name: &str| {
        OrganisationKind::parse(name).map(|k| text::organisation_kind(locale, k).to_owned()).unwrap_or_default()
    };
    view! {
        <p>
            {t!(i18n, dashboard.organisation_status)} ": "
            <span class=format!("badge badge-{}", status.as_str())>{move || text::organisation_status(i18n.get_locale(), status)}</span>
        </p>
        {pending.map(|change| {
            let name = change.name.clone();
            view! {
                <p class="notice" role="status" data-testid="identity-pending">
                    {move || t_string!(i18n, organisation_form.identity_pending, name = name.clone())}
                </p>
            }
        })}
        {checked.then(|| view! { <p class="muted small">{t!(i18n, organisation_form.identity_hint)}</p> })}
        <FormAlert value/>
        <ActionForm action attr:class="stack" attr:novalidate=true>
            <Field
                label=Signal::derive(move || t_string!(i18n, fields.organisation_name).to_string())
                name="name" post_as="organisation[name]"
                error=field_error(value, "name")
                value=shown("name", |o| o.name.clone())
            />
            <SelectField
                label=Signal::derive(move || t_string!(i18n, fields.organisation_kind).to_string())
                name="kind" post_as="organisation[kind]"
                options=OrganisationKind::ALL.iter().map(|k| k.as_str()).collect()
                name_of=kind_name
                placeholder=Signal::derive(move || t_string!(i18n, need_form.choose).to_string())
                error=field_error(value, "kind")
                value=shown("kind", |o| o.kind.clone())
            />
            <TextArea
                label=Signal::derive(move || t_string!(i18n, organisation_form.description).to_string())
                name="description" post_as="organisation[description]" rows=5 required=false
                error=field_error(value, "description")
                value=shown("description", |o| o.description.clone())
            />
            <Field
                label=Signal::derive(move || t_string!(i18n, organisation_form.website).to_string())
                name="website" post_as="organisation[website]" kind="url" required=false
                hint=Signal::derive(move || t_string!(i18n, organisation_form.website_hint).to_string())
                error=field_error(value, "website")
                value=shown("website", |o| o.website.clone())
            />
            <CheckboxGroup
                legend=Signal::derive(move || t_string!(i18n, organisation_form.sectors).to_string())
                name="sectors" post_as="organisation[sectors][]"
                options=Sector::ALL.iter().map(|s| s.as_str()).collect()
                name_of=text::sector
                error=field_error(value, "sectors")
                value=shown("sectors", |o| o.sectors.join(","))
            />
            <AreaPicker prefix="organisation"
                legend=Signal::derive(move || t_string!(i18n, offer_form.regions).to_string())
                error=field_error(value, "regions")
                whole_province=shown("whole_province", |o| o.whole_province.clone())
                regencies=shown("regencies", |o| o.regencies.join(","))
                districts=shown("districts", |o| o.districts.join(","))
                groups
            />
            <ContactFields value
                names=["organisation[contact_name]", "organisation[contact_phone]", "organisation[contact_email]"]
                initial=initial.with_value(|o| (o.contact_name.clone(), o.contact_phone.clone(), o.contact_email.clone()))
            />
            <div class="form-actions">
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { t_string!(i18n, need_form.saving) } else { t_string!(i18n, need_form.save) }}
                </button>
                <a href="/dasbor">{t!(i18n, need_form.cancel)}</a>
            </div>
        </ActionForm>
    }
}

/// The private contact person: name, telephone, e-mail, posted under `names`.
#[component]
pub fn ContactFields(
    value: crate::ui::components::form::ActionResult,
    names: [&'static str; 3],
    initial: (String, String, String),
) -> impl IntoView {
    let i18n = use_i18n();
    let (name, phone, email) = initial;
    let post = |field: &str| match field {
        "contact_name" => names[0],
        "contact_phone" => names[1],
        _ => names[2],
    };
    view! {
        <fieldset>
            <legend>{t!(i18n, contact.legend)}</legend>
            <p class="hint">{t!(i18n, contact.private_note)}</p>
            <Field
                label=Signal::derive(move || t_string!(i18n, contact.name).to_string())
                name="contact_name" post_as=post("contact_name") required=false autocomplete="name"
                error=field_error(value, "contact_name")
                value=form_value(value, "contact_name", move || name.clone())
            />
            <div class="field-row">
                <Field
                    label=Signal::derive(move || t_string!(i18n, contact.phone).to_string())
                    name="contact_phone" post_as=post("contact_phone") kind="tel" required=false autocomplete="tel"
                    error=field_error(value, "contact_phone")
                    value=form_value(value, "contact_phone", move || phone.clone())
                />
                <Field
                    label=Signal::derive(move || t_string!(i18n, fields.email).to_string())
                    name="contact_email" post_as=post("contact_email") kind="email" required=false autocomplete="email"
                    error=field_error(value, "contact_email")
                    value=form_value(value, "contact_email", move || email.clone())
                />
            </div>
        </fieldset>
    }
}
