//! The frame of the need and offer forms: who may use them, what a failed submission
//! shows again, and the fields both kinds have (title, description, support type,
//! window, value). Each form adds its own fields inside the frame.

use crate::domain::account::Role;
use crate::domain::posting::{PostingKind, ResourceKind, SupportType};
use crate::i18n::*;
use crate::ui::app::use_session;
use crate::ui::components::form::{field_error, form_value, ActionResult, Field, FormAlert, SelectField, TextArea};
use crate::ui::components::status::Loading;
use crate::ui::pages::dashboard::SignInPrompt;
use crate::wire::text;
use leptos::prelude::*;

/// What a form's fields show: what was submitted if the last submission failed, else the
/// stored content (as the form's `fields()`, lists joined by commas).
#[derive(Clone, Copy)]
pub struct FormValues {
    value: ActionResult,
    initial: StoredValue<Vec<(String, String)>>,
}

impl FormValues {
    pub fn new(value: ActionResult, initial: Vec<(String, String)>) -> FormValues {
        FormValues { value, initial: StoredValue::new(initial) }
    }

    pub fn shown(self, field: &'static str) -> Signal<String> {
        let initial = self.initial;
        form_value(self.value, field, move || {
            initial
                .with_value(|fields| fields.iter().find(|(k, _)| k == field).map(|(_, v)| v.clone()))
                .unwrap_or_default()
        })
    }

    pub fn error(self, field: &'static str) -> Signal<Option<String>> {
        field_error(self.value, field)
    }

    pub fn result(self) -> ActionResult {
        self.value
    }
}

/// The name a posting form posts a field as: `need[title]`, `offer[sectors][]`.
pub fn post_name(kind: PostingKind, field: &str) -> String {
    format!("{}[{field}]", kind.table())
}

/// Shows its children to the owners of a kind of posting (operators for needs, partner
/// members for offers), a sign-in prompt to visitors and a notice to others.
#[component]
pub fn OwnersOnly(kind: PostingKind, children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let role = match kind {
        PostingKind::Need => Role::VillageOperator,
        PostingKind::Offer => Role::PartnerMember,
    };
    view! {
        <Transition fallback=Loading>
            {move || {
                let user = session.info.get().and_then(|r| r.ok()).map(|info| info.user);
                match user {
                    None => None,
                    Some(None) => Some(view! { <SignInPrompt/> }.into_any()),
                    Some(Some(user)) if user.role == role => Some(children().into_any()),
                    Some(Some(_)) => Some(match kind {
                        PostingKind::Need => view! { <p class="notice">{t!(i18n, need_form.operators_only)}</p> }.into_any(),
                        PostingKind::Offer => view! { <p class="notice">{t!(i18n, offer_form.partners_only)}</p> }.into_any(),
                    }),
                }
            }}
        </Transition>
    }
}

/// Inside a posting form (the page's `<PostForm>` of its save action): the posting's id and
/// the fields both kinds share, around the kind's own fields (`children`, between the
/// support type and the window), then save and cancel.
#[component]
pub fn PostingFields(
    kind: PostingKind,
    id: Option<i64>,
    values: FormValues,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] description_hint: Signal<String>,
    /// The limits of the title.
    title_length: (usize, usize),
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let choose = Signal::derive(move || t_string!(i18n, need_form.choose).to_string());
    let cancel = id.map(|id| kind.path(id)).unwrap_or_else(|| "/dasbor".to_owned());
    let (min, max) = title_length;
    let post = move |field: &str| post_name(kind, field);
    view! {
        <input type="hidden" name=kind.id_column() value=id.map(|id| id.to_string()).unwrap_or_default()/>
        <Field
            label=Signal::derive(move || t_string!(i18n, need_form.title).to_string())
            name="title" post_as=post("title")
            hint=Signal::derive(move || t_string!(i18n, need_form.title_hint, min = min, max = max))
            error=values.error("title")
            value=values.shown("title")
        />
        <TextArea
            label=Signal::derive(move || t_string!(i18n, need_form.description).to_string())
            name="description" post_as=post("description") rows=8
            hint=description_hint
            error=values.error("description")
            value=values.shown("description")
        />
        <div class="field-row">
            <SelectField
                label=Signal::derive(move || t_string!(i18n, need_form.support_type).to_string())
                name="support_type" post_as=post("support_type")
                options=SupportType::ALL.iter().map(|s| s.as_str()).collect()
                name_of=text::support placeholder=choose
                error=values.error("support_type")
                value=values.shown("support_type")
            />
            <SelectField
                label=Signal::derive(move || t_string!(i18n, need_form.resource_kind).to_string())
                name="resource_kind" post_as=post("resource_kind") required=false
                options=ResourceKind::ALL.iter().map(|s| s.as_str()).collect()
                name_of=text::resource
                placeholder=Signal::derive(move || t_string!(i18n, need_form.not_applicable).to_string())
                hint=Signal::derive(move || t_string!(i18n, need_form.resource_hint).to_string())
                error=values.error("resource_kind")
                value=values.shown("resource_kind")
            />
        </div>
        {children()}
        <div class="field-row">
            <Field
                label=Signal::derive(move || t_string!(i18n, need_form.window_start).to_string())
                name="window_start" post_as=post("window_start") kind="date" required=false
                error=values.error("window_start")
                value=values.shown("window_start")
            />
            <Field
                label=Signal::derive(move || t_string!(i18n, need_form.window_end).to_string())
                name="window_end" post_as=post("window_end") kind="date" required=false
                error=values.error("window_end")
                value=values.shown("window_end")
            />
        </div>
        <Field
            label=Signal::derive(move || t_string!(i18n, need_form.value_idr).to_string())
            name="value_idr" post_as=post("value_idr") required=false
            hint=Signal::derive(move || t_string!(i18n, need_form.value_hint).to_string())
            error=values.error("value_idr")
            value=values.shown("value_idr")
        />
        <div class="form-actions">
            <button type="submit" class="button" disabled=move || pending.get()>
                {move || if pending.get() { t_string!(i18n, need_form.saving) } else { t_string!(i18n, need_form.save) }}
            </button>
            <a href=cancel>{t!(i18n, need_form.cancel)}</a>
        </div>
    }
}

/// Above a posting form: the notice that a published posting's change waits for
/// moderation, and the error of the last submission.
#[component]
pub fn PostingFormHead(published: bool, values: FormValues) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {published.then(|| view! { <p class="notice" role="note">{t!(i18n, need_form.revision_note)}</p> })}
        <FormAlert value=values.result()/>
    }
}
