//! `/pengaturan`: administrators set the matching weights (staff may read them).

use crate::api::suggestions::{matching_weights, SaveMatchingWeights};
use crate::domain::account::Role;
use crate::domain::matching::score::{Factor, Weights};
use crate::i18n::*;
use crate::ui::app::use_session;
use crate::ui::components::form::{field_error, FormAlert};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::wire::outcome::Outcome;
use leptos::prelude::*;

#[component]
pub fn Settings() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveMatchingWeights>::new();
    let weights = Resource::new(|| (), |_| matching_weights());
    let admin = move || {
        use_session().info.get().and_then(|r| r.ok()).and_then(|i| i.user).is_some_and(|u| u.role == Role::Admin)
    };
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, matching.weights_title).to_string())
            description=Signal::derive(move || t_string!(i18n, matching.weights_intro).to_string())
        />
        <h1>{t!(i18n, matching.weights_title)}</h1>
        <p class="lead">{t!(i18n, matching.weights_intro)}</p>
        <Suspense fallback=Loading>
            {move || weights.get().map(|result| match result {
                Ok(weights) => view! { <WeightsForm weights action editable=admin()/> }.into_any(),
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn WeightsForm(weights: Weights, action: ServerAction<SaveMatchingWeights>, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let value = Signal::derive(move || action.value().get());
    let outcome = Resource::new(|| (), |_| crate::api::outcome::last_outcome());
    view! {
        <Suspense fallback=|| ()>
            {move || matches!(outcome.get(), Some(Ok(Some(Outcome::WeightsSaved)))).then(|| view! {
                <p class="alert alert-success" role="status">{t!(i18n, matching.weights_saved)}</p>
            })}
        </Suspense>
        <FormAlert value/>
        <ActionForm action attr:class="stack weights" attr:novalidate=true>
            {Factor::ALL.iter().map(|factor| {
                let factor = *factor;
                let id = format!("f-{}", factor.as_str());
                let error = field_error(value, factor.as_str());
                view! {
                    <div class="field field-inline" class:has-error=move || error.get().is_some()>
                        <label for=id.clone()>{move || crate::wire::text::factor_name(i18n.get_locale(), factor)}</label>
                        <input id=id type="number" min="0" max="1" step="0.05" inputmode="decimal"
                            name=format!("weights[{}]", factor.as_str()) value=weights.of(factor).to_string()
                            disabled=!editable/>
                        {move || error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                    </div>
                }
            }).collect_view()}
            {editable.then(|| view! { <button type="submit" class="button">{t!(i18n, need_form.save)}</button> })}
        </ActionForm>
    }
}
