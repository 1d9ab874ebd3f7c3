//! `/kebutuhan/baru` and `/kebutuhan/:id/ubah`: a village operator writes or edits a need.

use crate::api::need_posting::SaveNeed;
use crate::api::needs::get_need;
use crate::domain::account::Role;
use crate::domain::lifecycle::PostingStatus;
use crate::domain::need::NeedInput;
use crate::domain::posting::{ResourceKind, Sector, SupportType};
use crate::i18n::*;
use crate::text;
use crate::ui::app::use_session;
use crate::ui::components::form::{action_result, field_error, form_value, Field, FormAlert, SelectField, TextArea};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::ui::pages::dashboard::SignInPrompt;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn NewNeed() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, need_form.title_new).to_string())
            description=Signal::derive(move || t_string!(i18n, need_form.intro).to_string())
        />
        <h1>{t!(i18n, need_form.title_new)}</h1>
        <OperatorsOnly>
            <p class="lead">{t!(i18n, need_form.intro)}</p>
            <NeedForm need_id=None initial=NeedInput::default() published=false/>
        </OperatorsOnly>
    }
}

#[component]
pub fn EditNeed() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let need_id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let need = Resource::new(need_id, |id| async move {
        match id {
            Some(id) => get_need(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, need_form.title_edit).to_string())
            description=Signal::derive(move || t_string!(i18n, need_form.intro).to_string())
        />
        <h1>{t!(i18n, need_form.title_edit)}</h1>
        <OperatorsOnly>
            <Suspense fallback=Loading>
                {move || need.get().map(|result| match result {
                    Ok(need) if need.can_edit => {
                        let published = need.status == PostingStatus::Published;
                        // A pending revision is what the operator last proposed: edit that.
                        let initial = need.pending_revision.map(|r| r.content).unwrap_or(need.content);
                        view! { <NeedForm need_id=Some(need.need_id) initial published/> }.into_any()
                    }
                    Ok(_) => view! { <p class="alert alert-error">{t!(i18n, errors.forbidden)}</p> }.into_any(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                })}
            </Suspense>
        </OperatorsOnly>
    }
}

/// Shows its children to village operators, a sign-in prompt to visitors and a notice to others.
#[component]
pub fn OperatorsOnly(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <Transition fallback=Loading>
            {move || {
                let user = session.info.get().and_then(|r| r.ok()).map(|info| info.user);
                match user {
                    None => None,
                    Some(None) => Some(view! { <SignInPrompt/> }.into_any()),
                    Some(Some(user)) if user.role == Role::VillageOperator => Some(children().into_any()),
                    Some(Some(_)) => Some(view! { <p class="notice">{t!(i18n, need_form.operators_only)}</p> }.into_any()),
                }
            }}
        </Transition>
    }
}

#[component]
fn NeedForm(need_id: Option<i64>, initial: NeedInput, published: bool) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveNeed>::new();
    let value = action_result(action);
    let initial = StoredValue::new(initial);
    let shown = move |field: &'static str, get: fn(&NeedInput) -> String| {
        form_value(value, field, move || initial.with_value(get))
    };
    let choose = Signal::derive(move || t_string!(i18n, need_form.choose).to_string());
    let cancel = need_id.map(|id| format!("/peluang/{id}")).unwrap_or_else(|| "/dasbor".to_owned());
    view! {
        {published.then(|| view! { <p class="notice" role="note">{t!(i18n, need_form.revision_note)}</p> })}
        <FormAlert value/>
        <ActionForm action attr:class="stack" attr:novalidate=true>
            <input type="hidden" name="need_id" value=need_id.map(|id| id.to_string()).unwrap_or_default()/>
            <Field
                label=Signal::derive(move || t_string!(i18n, need_form.title).to_string())
                name="title" post_as="need[title]"
                hint=Signal::derive(move || t_string!(i18n, need_form.title_hint, min = NeedInput::TITLE.0, max = NeedInput::TITLE.1))
                error=field_error(value, "title")
                value=shown("title", |n| n.title.clone())
            />
            <TextArea
                label=Signal::derive(move || t_string!(i18n, need_form.description).to_string())
                name="description" post_as="need[description]" rows=8
                hint=Signal::derive(move || t_string!(i18n, need_form.description_hint, min = NeedInput::DESCRIPTION.0))
                error=field_error(value, "description")
                value=shown("description", |n| n.description.clone())
            />
            <div class="field-row">
                <SelectField
                    label=Signal::derive(move || t_string!(i18n, need_form.support_type).to_string())
                    name="support_type" post_as="need[support_type]"
                    options=SupportType::ALL.iter().map(|s| s.as_str()).collect()
                    name_of=text::support placeholder=choose
                    error=field_error(value, "support_type")
                    value=shown("support_type", |n| n.support_type.clone())
                />
                <SelectField
                    label=Signal::derive(move || t_string!(i18n, need_form.resource_kind).to_string())
                    name="resource_kind" post_as="need[resource_kind]" required=false
                    options=ResourceKind::ALL.iter().map(|s| s.as_str()).collect()
                    name_of=text::resource
                    placeholder=Signal::derive(move || t_string!(i18n, need_form.not_applicable).to_string())
                    hint=Signal::derive(move || t_string!(i18n, need_form.resource_hint).to_string())
                    error=field_error(value, "resource_kind")
                    value=shown("resource_kind", |n| n.resource_kind.clone())
                />
            </div>
            <SelectField
                label=Signal::derive(move || t_string!(i18n, need_form.sector).to_string())
                name="sector" post_as="need[sector]"
                options=Sector::ALL.iter().map(|s| s.as_str()).collect()
                name_of=text::sector placeholder=choose
                error=field_error(value, "sector")
                value=shown("sector", |n| n.sector.clone())
            />
            <Field
                label=Signal::derive(move || t_string!(i18n, need_form.beneficiaries).to_string())
                name="beneficiaries" post_as="need[beneficiaries]" required=false
                hint=Signal::derive(move || t_string!(i18n, need_form.beneficiaries_hint).to_string())
                error=field_error(value, "beneficiaries")
                value=shown("beneficiaries", |n| n.beneficiaries.clone())
            />
            <div class="field-row">
                <Field
                    label=Signal::derive(move || t_string!(i18n, need_form.window_start).to_string())
                    name="window_start" post_as="need[window_start]" kind="date" required=false
                    error=field_error(value, "window_start")
                    value=shown("window_start", |n| n.window_start.clone())
                />
                <Field
                    label=Signal::derive(move || t_string!(i18n, need_form.window_end).to_string())
                    name="window_end" post_as="need[window_end]" kind="date" required=false
                    error=field_error(value, "window_end")
                    value=shown("window_end", |n| n.window_end.clone())
                />
            </div>
            <Field
                label=Signal::derive(move || t_string!(i18n, need_form.value_idr).to_string())
                name="value_idr" post_as="need[value_idr]" required=false
                hint=Signal::derive(move || t_string!(i18n, need_form.value_hint).to_string())
                error=field_error(value, "value_idr")
                value=shown("value_idr", |n| n.value_idr.clone())
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
