use crate::domain::organisation::OrganisationKind;
use crate::domain::validation::NewPassword;
use crate::i18n::*;
use crate::ui::app::use_session;
use crate::ui::components::form::{action_result, field_error, Field, FormAlert};
use crate::ui::components::page_meta::PageMeta;
use crate::wire::text;
use leptos::prelude::*;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = use_session().sign_up;
    let value = action_result(action);
    let kind_error = field_error(value, "organisation_kind");
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, sign_up.title).to_string())
            description=Signal::derive(move || t_string!(i18n, sign_up.description).to_string())
        />
        <div class="narrow">
            <h1>{t!(i18n, sign_up.title)}</h1>
            <p class="lead">{t!(i18n, sign_up.intro)}</p>
            <FormAlert value/>
            <ActionForm action attr:class="stack" attr:novalidate=true>
                <fieldset>
                    <legend>{t!(i18n, sign_up.you)}</legend>
                    <Field
                        label=Signal::derive(move || t_string!(i18n, fields.display_name).to_string())
                        name="display_name" autocomplete="name"
                        error=field_error(value, "display_name")
                    />
                    <Field
                        label=Signal::derive(move || t_string!(i18n, fields.email).to_string())
                        name="email" kind="email" autocomplete="email"
                        error=field_error(value, "email")
                    />
                    <Field
                        label=Signal::derive(move || t_string!(i18n, fields.password).to_string())
                        name="password" kind="password" autocomplete="new-password"
                        hint=Signal::derive(move || t_string!(i18n, sign_up.password_hint, min = NewPassword::MIN))
                        error=field_error(value, "password")
                    />
                </fieldset>
                <fieldset>
                    <legend>{t!(i18n, sign_up.organisation)}</legend>
                    <Field
                        label=Signal::derive(move || t_string!(i18n, fields.organisation_name).to_string())
                        name="organisation_name" autocomplete="organization"
                        error=field_error(value, "organisation_name")
                    />
                    <div class="field" class:has-error=move || kind_error.get().is_some()>
                        <label for="f-organisation_kind">{t!(i18n, fields.organisation_kind)}</label>
                        <select
                            id="f-organisation_kind" name="organisation_kind" required=true
                            aria-invalid=move || kind_error.get().is_some().then_some("true")
                            aria-describedby=move || kind_error.get().is_some().then_some("f-organisation_kind-error")
                        >
                            <option value="">{t!(i18n, sign_up.choose_kind)}</option>
                            {OrganisationKind::ALL.iter().copied().map(|kind| view! {
                                <option value=kind.as_str()>{move || text::organisation_kind(i18n.get_locale(), kind)}</option>
                            }).collect_view()}
                        </select>
                        {move || kind_error.get().map(|m| view! { <p class="field-error" id="f-organisation_kind-error">{m}</p> })}
                    </div>
                </fieldset>
                <p class="muted small">{t!(i18n, sign_up.verification_note)}</p>
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { t_string!(i18n, sign_up.submitting) } else { t_string!(i18n, sign_up.submit) }}
                </button>
            </ActionForm>
            <p>{t!(i18n, sign_up.have_account)} " " <a href="/masuk">{t!(i18n, sign_up.sign_in_link)}</a></p>
        </div>
    }
}
