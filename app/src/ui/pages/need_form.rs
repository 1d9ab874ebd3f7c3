//! `/kebutuhan/baru` and `/kebutuhan/:id/ubah`: a village operator writes or edits a need.

use crate::api::need_posting::SaveNeed;
use crate::api::needs::get_need;
use crate::domain::lifecycle::PostingStatus;
use crate::domain::need::NeedInput;
use crate::domain::posting::{PostingKind, Sector};
use crate::i18n::*;
use crate::ui::components::form::{action_result, Field, SelectField};
use crate::ui::components::offline_draft::NeedDrafts;
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::posting::PostForm;
use crate::ui::components::posting_form::{post_name, FormValues, OwnersOnly, PostingFields, PostingFormHead};
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::wire::text;
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
        <OwnersOnly kind=PostingKind::Need>
            <p class="lead">{t!(i18n, need_form.intro)}</p>
            <NeedForm need_id=None initial=NeedInput::default() published=false/>
        </OwnersOnly>
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
            None => Err(crate::wire::error::AppError::NotFound),
        }
    });
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, need_form.title_edit).to_string())
            description=Signal::derive(move || t_string!(i18n, need_form.intro).to_string())
        />
        <h1>{t!(i18n, need_form.title_edit)}</h1>
        <OwnersOnly kind=PostingKind::Need>
            <Suspense fallback=Loading>
                {move || need.get().map(|result| match result {
                    Ok(need) if need.state.can_edit => {
                        let published = need.state.status == PostingStatus::Published;
                        // A pending revision is what the operator last proposed: edit that.
                        let initial = need.pending_revision.map(|r| r.content).unwrap_or(need.content);
                        view! { <NeedForm need_id=Some(need.need_id) initial published/> }.into_any()
                    }
                    Ok(_) => view! { <p class="alert alert-error">{t!(i18n, errors.forbidden)}</p> }.into_any(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                })}
            </Suspense>
        </OwnersOnly>
    }
}

/// The signed-in operator's village.
pub fn own_village() -> Option<String> {
    use crate::domain::account::Scope;
    let info = crate::ui::app::use_session().info.get_untracked()?.ok()?;
    match info.user?.scope {
        Scope::Village { code, .. } => Some(code),
        _ => None,
    }
}

#[component]
fn NeedForm(need_id: Option<i64>, initial: NeedInput, published: bool) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveNeed>::new();
    let values = FormValues::new(action_result(action), initial.fields());
    let kind = PostingKind::Need;
    // A new need may be written without a signal: the phone keeps it and sends it once.
    let offline = need_id.is_none().then(own_village).flatten().map(|village| {
        view! {
            <input type="hidden" name="client_id" value=""/>
            <NeedDrafts village with_form=true/>
        }
    });
    view! {
        <PostingFormHead published values/>
        <PostForm action class="stack" novalidate=true>
        {offline}
        <PostingFields kind id=need_id values pending=action.pending() title_length=NeedInput::TITLE
            description_hint=Signal::derive(move || t_string!(i18n, need_form.description_hint, min = NeedInput::DESCRIPTION.0))
        >
            <SelectField
                label=Signal::derive(move || t_string!(i18n, need_form.sector).to_string())
                name="sector" post_as=post_name(kind, "sector")
                options=Sector::ALL.iter().map(|s| s.as_str()).collect()
                name_of=text::sector
                placeholder=Signal::derive(move || t_string!(i18n, need_form.choose).to_string())
                error=values.error("sector")
                value=values.shown("sector")
            />
            <Field
                label=Signal::derive(move || t_string!(i18n, need_form.beneficiaries).to_string())
                name="beneficiaries" post_as=post_name(kind, "beneficiaries") required=false
                hint=Signal::derive(move || t_string!(i18n, need_form.beneficiaries_hint).to_string())
                error=values.error("beneficiaries")
                value=values.shown("beneficiaries")
            />
        </PostingFields>
        </PostForm>
    }
}
