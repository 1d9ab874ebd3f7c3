//! `/tawarkan` and `/penawaran/:id/ubah`: a partner member writes or edits an offer.

use crate::api::offer_posting::{get_offer_detail, SaveOffer};
use crate::domain::lifecycle::PostingStatus;
use crate::domain::offer::OfferInput;
use crate::domain::posting::{DevelopmentStatus, PostingKind, Sector};
use crate::i18n::*;
use crate::ui::components::choices::{area_groups, AreaPicker, CheckboxGroup, RegionGroups};
use crate::ui::components::form::{action_result, Field, SelectField};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::posting::PostForm;
use crate::ui::components::posting_form::{post_name, FormValues, OwnersOnly, PostingFields, PostingFormHead};
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::wire::text;
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
        <OwnersOnly kind=PostingKind::Offer>
            <p class="lead">{t!(i18n, offer_form.intro)}</p>
            <OfferForm offer_id=None initial=OfferInput::default() published=false groups/>
        </OwnersOnly>
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
            None => Err(crate::wire::error::AppError::NotFound),
        }
    });
    let groups = area_groups();
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, offer_form.title_edit).to_string())
            description=Signal::derive(move || t_string!(i18n, offer_form.intro).to_string())
        />
        <h1>{t!(i18n, offer_form.title_edit)}</h1>
        <OwnersOnly kind=PostingKind::Offer>
            <Suspense fallback=Loading>
                {move || offer.get().map(|result| match result {
                    Ok(offer) if offer.state.can_edit => {
                        let published = offer.state.status == PostingStatus::Published;
                        // A pending revision is what the partner last proposed: edit that.
                        let initial = offer.pending_revision.map(|r| r.content.content).unwrap_or(offer.content);
                        view! { <OfferForm offer_id=Some(offer.card.offer_id) initial published groups/> }.into_any()
                    }
                    Ok(_) => view! { <p class="alert alert-error">{t!(i18n, errors.forbidden)}</p> }.into_any(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                })}
            </Suspense>
        </OwnersOnly>
    }
}

#[component]
fn OfferForm(offer_id: Option<i64>, initial: OfferInput, published: bool, groups: RegionGroups) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveOffer>::new();
    let values = FormValues::new(action_result(action), initial.fields());
    let kind = PostingKind::Offer;
    let optional = Signal::derive(move || t_string!(i18n, need_form.not_applicable).to_string());
    view! {
        <PostingFormHead published values/>
        <PostForm action class="stack" novalidate=true>
        <PostingFields kind id=offer_id values pending=action.pending() title_length=OfferInput::TITLE
            description_hint=Signal::derive(move || t_string!(i18n, offer_form.description_hint, min = OfferInput::DESCRIPTION.0))
        >
            <CheckboxGroup
                legend=Signal::derive(move || t_string!(i18n, offer_form.sectors).to_string())
                name="sectors" post_as=format!("{}[]", post_name(kind, "sectors"))
                options=Sector::ALL.iter().map(|s| s.as_str()).collect()
                name_of=text::sector
                error=values.error("sectors")
                value=values.shown("sectors")
            />
            <AreaPicker prefix="offer"
                legend=Signal::derive(move || t_string!(i18n, offer_form.regions).to_string())
                error=values.error("regions")
                whole_province=values.shown("whole_province")
                regencies=values.shown("regencies")
                districts=values.shown("districts")
                groups
            />
            <div class="field-row">
                <Field
                    label=Signal::derive(move || t_string!(i18n, offer_form.capacity).to_string())
                    name="capacity" post_as=post_name(kind, "capacity") kind="number"
                    hint=Signal::derive(move || t_string!(i18n, offer_form.capacity_hint).to_string())
                    error=values.error("capacity")
                    value=values.shown("capacity")
                />
                <SelectField
                    label=Signal::derive(move || t_string!(i18n, offers.preferred).to_string())
                    name="preferred_status" post_as=post_name(kind, "preferred_status") required=false
                    options=DevelopmentStatus::ALL.iter().map(|s| s.as_str()).collect()
                    name_of=text::development_status placeholder=optional
                    error=values.error("preferred_status")
                    value=values.shown("preferred_status")
                />
            </div>
            <fieldset class="choices">
                <legend>{t!(i18n, offer_form.cohort_legend)}</legend>
                <label>
                    <input type="checkbox" name=post_name(kind, "cohort") value="1"
                        checked=move || values.shown("cohort").get() == "1"/>
                    " " {t!(i18n, offer_form.cohort)}
                </label>
                <p class="hint">{t!(i18n, offer_form.cohort_hint)}</p>
                <Field
                    label=Signal::derive(move || t_string!(i18n, offer_form.group_size).to_string())
                    name="group_size" post_as=post_name(kind, "group_size") kind="number" required=false
                    hint=Signal::derive(move || t_string!(i18n, offer_form.group_size_hint).to_string())
                    error=values.error("group_size")
                    value=values.shown("group_size")
                />
            </fieldset>
        </PostingFields>
        </PostForm>
    }
}
