//! Several-of-many choices as plain checkboxes (they post `name[]` and work without
//! JavaScript): a vocabulary group and the served-area picker.

use crate::api::offer_posting::region_groups;
use crate::wire::error::AppError;
use crate::wire::regions::RegionGroup;

/// The regencies with their districts, for `AreaPicker`. The page creates it at its top
/// (see `area_groups`): a resource created inside the form, which renders in a session
/// branch, would not keep its hydration id.
pub type RegionGroups = Resource<Result<Vec<RegionGroup>, AppError>>;

pub fn area_groups() -> RegionGroups {
    Resource::new(|| (), |_| region_groups())
}
use crate::i18n::*;
use crate::ui::components::status::{ErrorNotice, Loading};
use leptos::prelude::*;

/// `true` if `value` is one of the comma-separated `list`.
fn listed(list: &str, value: &str) -> bool {
    list.split(',').any(|v| v == value)
}

/// A fieldset of checkboxes over a vocabulary's stored names, each shown translated.
/// `value` is the chosen names joined by commas.
#[component]
pub fn CheckboxGroup(
    #[prop(into)] legend: Signal<String>,
    /// Field name for errors and ids (`sectors`).
    name: &'static str,
    /// The name the browser posts (`offer[sectors][]`).
    #[prop(into)]
    post_as: String,
    options: Vec<&'static str>,
    name_of: fn(Locale, &str) -> String,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into)] value: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("f-{name}-error");
    view! {
        <fieldset class="choices checkbox-grid" id=format!("f-{name}") class:has-error=move || error.get().is_some()
            aria-describedby=move || error.get().map(|_| error_id.clone())>
            <legend>{legend}</legend>
            {options.into_iter().map(|option| view! {
                <label>
                    <input type="checkbox" name=post_as.clone() value=option checked=move || listed(&value.get(), option)/>
                    " " {move || name_of(i18n.get_locale(), option)}
                </label>
            }).collect_view()}
            {move || error.get().map(|m| view! { <p class="field-error" id=format!("f-{name}-error")>{m}</p> })}
        </fieldset>
    }
}

/// Whole province, whole regencies, or districts. `prefix` is the form's struct name
/// (`offer` posts `offer[whole_province]`, `offer[regencies][]`, `offer[districts][]`).
#[component]
pub fn AreaPicker(
    prefix: &'static str,
    #[prop(into)] legend: Signal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into)] whole_province: Signal<String>,
    #[prop(into)] regencies: Signal<String>,
    #[prop(into)] districts: Signal<String>,
    groups: RegionGroups,
) -> impl IntoView {
    let i18n = use_i18n();
    let names = StoredValue::new((
        format!("{prefix}[whole_province]"),
        format!("{prefix}[regencies][]"),
        format!("{prefix}[districts][]"),
    ));
    let list = move |groups: Vec<RegionGroup>| {
        groups
            .into_iter()
            .map(|group| {
                let code = group.code.clone();
                let open = {
                    let codes: Vec<String> = group.districts.iter().map(|(c, _)| c.clone()).collect();
                    move || codes.iter().any(|c| listed(&districts.get(), c))
                };
                view! {
                    <li>
                        <label>
                            <input type="checkbox" name=names.with_value(|n| n.1.clone()) value=code.clone()
                                checked={let code = code.clone(); move || listed(&regencies.get(), &code)}/>
                            " " {group.name.clone()}
                        </label>
                        <details open=open>
                            <summary>{t!(i18n, area.some_districts)}</summary>
                            <div class="checkbox-grid">
                                {group.districts.into_iter().map(|(code, name)| view! {
                                    <label>
                                        <input type="checkbox" name=names.with_value(|n| n.2.clone()) value=code.clone()
                                            checked=move || listed(&districts.get(), &code)/>
                                        " " {name}
                                    </label>
                                }).collect_view()}
                            </div>
                        </details>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="choices area-picker" id="f-regions" class:has-error=move || error.get().is_some()
            aria-describedby=move || error.get().map(|_| "f-regions-error")>
            <legend>{legend}</legend>
            <p class="hint">{t!(i18n, area.hint)}</p>
            <label class="strong">
                <input type="checkbox" name=names.with_value(|n| n.0.clone()) value="1"
                    checked=move || matches!(whole_province.get().as_str(), "1" | "true" | "on")/>
                " " {t!(i18n, area.whole_province)}
            </label>
            <Suspense fallback=Loading>
                {move || groups.get().map(|result| match result {
                    Ok(groups) => view! { <ul class="area-list">{list(groups)}</ul> }.into_any(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                })}
            </Suspense>
            {move || error.get().map(|m| view! { <p class="field-error" id="f-regions-error">{m}</p> })}
        </fieldset>
    }
}
