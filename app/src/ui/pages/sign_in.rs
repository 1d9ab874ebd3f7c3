use crate::i18n::*;
use crate::ui::app::use_session;
use crate::ui::components::form::{action_result, field_error, Field, FormAlert};
use crate::ui::components::page_meta::PageMeta;
use leptos::prelude::*;

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = use_session().sign_in;
    let value = action_result(action);
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, sign_in.title).to_string())
            description=Signal::derive(move || t_string!(i18n, sign_in.description).to_string())
        />
        <div class="narrow">
            <h1>{t!(i18n, sign_in.title)}</h1>
            <FormAlert value/>
            <ActionForm action attr:class="stack" attr:novalidate=true>
                <Field
                    label=Signal::derive(move || t_string!(i18n, fields.email).to_string())
                    name="email" kind="email" autocomplete="username"
                    error=field_error(value, "email")
                />
                <Field
                    label=Signal::derive(move || t_string!(i18n, fields.password).to_string())
                    name="password" kind="password" autocomplete="current-password"
                    error=field_error(value, "password")
                />
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { t_string!(i18n, sign_in.submitting) } else { t_string!(i18n, sign_in.submit) }}
                </button>
            </ActionForm>
            <p>{t!(i18n, sign_in.no_account)} " " <a href="/daftar">{t!(i18n, sign_in.sign_up_link)}</a></p>
            <p class="muted small">{t!(i18n, sign_in.operators_note)}</p>
        </div>
    }
}
