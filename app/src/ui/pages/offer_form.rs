//! `/tawarkan` and `/penawaran/:id/ubah`: a partner member writes or edits an offer.

use crate::api::offer_posting::{get_offer_detail, SaveOffer};
use crate::domain::account::Role;
use crate::domain::lifecycle::PostingStatus;
use crate::domain::offer::OfferInput;
use crate::domain::posting::{DevelopmentStatus, ResourceKind, Sector, SupportType};
use crate::i18n::*;
use crate::text;
use crate::ui::app::use_session;
use crate::ui::components::choices::{area_groups, AreaPicker, CheckboxGroup, RegionGroups};
use crate::ui::components::form::{action_result, field_error, form_value, Field, FormAlert, SelectField, TextArea};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::ui::pages::dashboard::SignInPrompt;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn NewOffer() -> impl IntoView {
    let i18n = use_i18n();
    let groups = area_groups();
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, offer_form.title_new).to_string())
            description=Signal::derive(move || t_string!(i18n, offer_form.intro).to_string())
        />
        <h1>{t!(i18n, offer_form.title_new)}</h1>
        <PartnersOnly>
            <p class="lead">{t!(i18n, offer_form.intro)}</p>
            <OfferForm offer_id=None initial=OfferInput::default() published=false groups/>
        </PartnersOnly>
    }
}

#[component]
pub fn EditOffer() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let offer_id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let offer = Resource::new(offer_id, |id| async move {
        match id {
            Some(id) => get_offer_detail(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    let groups = area_groups();
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, offer_form.title_edit).to_string())
            description=Signal::derive(move || t_string!(i18n, offer_form.intro).to_string())
        />
        <h1>{t!(i18n, offer_form.title_edit)}</h1>
        <PartnersOnly>
            <Suspense fallback=Loading>
                {move || offer.get().map(|result| match result {
                    Ok(offer) if offer.can_edit => {
                        let published = offer.status == PostingStatus::Published;
                        let initial = offer.pending_revision.map(|r| r.content).unwrap_or(offer.content);
                        view! { <OfferForm offer_id=Some(offer.card.offer_id) initial published groups/> }.into_any()
                    }
                    Ok(_) => view! { <p class="alert alert-error">{t!(i18n, errors.forbidden)}</p> }.into_any(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                })}
            </Suspense>
        </PartnersOnly>
    }
}

/// Shows its children to partner members, a sign-in prompt to visitors and a notice to others.
#[component]
pub fn PartnersOnly(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <Transition fallback=Loading>
            {move || {
                let user = session.info.get().and_then(|r| r.ok()).map(|info| info.user);
                match user {
                    None => None,
                    Some(None) => Some(view! { <SignInPrompt/> }.into_any()),
                    Some(Some(user)) if user.role == Role::PartnerMember => Some(children().into_any()),
                    Some(Some(_)) => Some(view! { <p class="notice">{t!(i18n, offer_form.partners_only)}</p> }.into_any()),
                }
            }}
        </Transition>
    }
}

#[component]
fn OfferForm(offer_id: Option<i64>, initial: OfferInput, published: bool, groups: RegionGroups) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveOffer>::new();
    let value = action_result(action);
    let initial = StoredValue::new(initial);
    let shown = move |field: &'static str, get: fn(&OfferInput) -> String| {
        form_value(value, field, move || initial.with_value(get))
    };
    let choose = Signal::derive(move || t_string!(i18n, need_form.choose).to_string());
    let optional = Signal::derive(move || t_string!(i18n, need_form.not_applicable).to_string());
    let cancel = offer_id.map(|id| format!("/penawaran/{id}")).unwrap_or_else(|| "/dasbor".to_owned());
    view! {
        {published.then(|| view! { <p class="notice" role="note">{t!(i18n, need_form.revision_note)}</p> })}
        <FormAlert value/>
        <ActionForm action attr:class="stack" attr:novalidate=true>
            <input type="hidden" name="offer_id" value=offer_id.map(|id| id.to_string()).unwrap_or_default()/>
            <Field
                label=Signal::derive(move || t_string!(i18n, need_form.title).to_string())
                name="title" post_as="offer[title]"
                hint=Signal::derive(move || t_string!(i18n, need_form.title_hint, min = OfferInput::TITLE.0, max = OfferInput::TITLE.1))
                error=field_error(value, "title")
                value=shown("title", |o| o.title.clone())
            />
            <TextArea
                label=Signal::derive(move || t_string!(i18n, need_form.description).to_string())
                name="description" post_as="offer[description]" rows=8
                hint=Signal::derive(move || t_string!(i18n, offer_form.description_hint, min = OfferInput::DESCRIPTION.0))
                error=field_error(value, "description")
                value=shown("description", |o| o.description.clone())
            />
            <div class="field-row">
                <SelectField
                    label=Signal::derive(move || t_string!(i18n, need_form.support_type).to_string())
                    name="support_type" post_as="offer[support_type]"
                    options=SupportType::ALL.iter().map(|s| s.as_str()).collect()
                    name_of=text::support placeholder=choose
                    error=field_error(value, "support_type")
                    value=shown("support_type", |o| o.support_type.clone())
                />
                <SelectField
                    label=Signal::derive(move || t_string!(i18n, need_form.resource_kind).to_string())
                    name="resource_kind" post_as="offer[resource_kind]" required=false
                    options=ResourceKind::ALL.iter().map(|s| s.as_str()).collect()
                    name_of=text::resource placeholder=optional
                    hint=Signal::derive(move || t_string!(i18n, need_form.resource_hint).to_string())
                    error=field_error(value, "resource_kind")
                    value=shown("resource_kind", |o| o.resource_kind.clone())
                />
            </div>
            <CheckboxGroup
                legend=Signal::derive(move || t_string!(i18n, offer_form.sectors).to_string())
                name="sectors" post_as="offer[sectors][]"
                options=Sector::ALL.iter().map(|s| s.as_str()).collect()
                name_of=text::sector
                error=field_error(value, "sectors")
                value=shown("sectors", |o| o.sectors.join(","))
            />
            <AreaPicker prefix="offer"
                legend=Signal::derive(move || t_string!(i18n, offer_form.regions).to_string())
                error=field_error(value, "regions")
                whole_province=shown("whole_province", |o| o.whole_province.clone())
                regencies=shown("regencies", |o| o.regencies.join(","))
                districts=shown("districts", |o| o.districts.join(","))
                groups
            />
            <div class="field-row">
                <Field
                    label=Signal::derive(move || t_string!(i18n, offer_form.capacity).to_string())
                    name="capacity" post_as="offer[capacity]" kind="number"
                    hint=Signal::derive(move || t_string!(i18n, offer_form.capacity_hint).to_string())
                    error=field_error(value, "capacity")
                    value=shown("capacity", |o| o.capacity.clone())
                />
                <SelectField
                    label=Signal::derive(move || t_string!(i18n, offers.preferred).to_string())
                    name="preferred_status" post_as="offer[preferred_status]" required=false
                    options=DevelopmentStatus::ALL.iter().map(|s| s.as_str()).collect()
                    name_of=text::development_status placeholder=optional
                    error=field_error(value, "preferred_status")
                    value=shown("preferred_status", |o| o.preferred_status.clone())
                />
            </div>
            <div class="field-row">
                <Field
                    label=Signal::derive(move || t_string!(i18n, need_form.window_start).to_string())
                    name="window_start" post_as="offer[window_start]" kind="date" required=false
                    error=field_error(value, "window_start")
                    value=shown("window_start", |o| o.window_start.clone())
                />
                <Field
                    label=Signal::derive(move || t_string!(i18n, need_form.window_end).to_string())
                    name="window_end" post_as="offer[window_end]" kind="date" required=false
                    error=field_error(value, "window_end")
                    value=shown("window_end", |o| o.window_end.clone())
                />
            </div>
            <Field
                label=Signal::derive(move || t_string!(i18n, need_form.value_idr).to_string())
                name="value_idr" post_as="offer[value_idr]" required=false
                hint=Signal::derive(move || t_string!(i18n, need_form.value_hint).to_string())
                error=field_error(value, "value_idr")
                value=shown("value_idr", |o| o.value_idr.clone())
            />
            <div class="form-actions">
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { t_string!(i18n, need_form.saving) } else { t_string!(i18n, need_form.save) }}
                </button>
                <a href=cancel>{t!(i18n, need_form.cancel)}</a>
            </div>
        </ActionForm>
    }
}
