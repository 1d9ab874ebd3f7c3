use crate::domain::account::{CurrentUser, Scope};
use crate::domain::organisation::OrganisationStatus;
use crate::i18n::*;
use crate::text;
use crate::ui::app::use_session;
use crate::ui::components::page_meta::PageMeta;
use leptos::prelude::*;

#[component]
pub fn Dashboard() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, dashboard.title).to_string())
            description=Signal::derive(move || t_string!(i18n, dashboard.description).to_string())
        />
        <h1>{t!(i18n, dashboard.title)}</h1>
        <Transition fallback=move || view! { <p class="loading" aria-busy="true">{t!(i18n, common.loading)}</p> }>
            {move || session.info.get().map(|result| match result {
                Ok(info) => match info.user {
                    Some(user) => view! { <Overview user office=info.office_label/> }.into_any(),
                    None => view! { <SignInPrompt/> }.into_any(),
                },
                Err(_) => view! { <p class="alert alert-error">{t!(i18n, errors.network)}</p> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
pub fn SignInPrompt() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice">
            <p>{t!(i18n, dashboard.sign_in_first)}</p>
            <p><a class="button" href="/masuk">{t!(i18n, nav.sign_in)}</a></p>
        </div>
    }
}

#[component]
fn Overview(user: CurrentUser, office: String) -> impl IntoView {
    let i18n = use_i18n();
    let role = user.role;
    let scope_text = {
        let (scope, office) = (user.scope.clone(), office.clone());
        move || text::scope(i18n.get_locale(), &office, &scope)
    };
    let organisation_status = match &user.scope {
        Scope::Organisation { status, .. } => Some(*status),
        _ => None,
    };
    view! {
        <p class="lead">{t!(i18n, dashboard.greeting, name = user.display_name.clone())}</p>
        <dl class="facts">
            <div><dt>{t!(i18n, dashboard.role)}</dt><dd data-testid="role">{move || text::role(i18n.get_locale(), role)}</dd></div>
            <div><dt>{t!(i18n, dashboard.scope)}</dt><dd data-testid="scope">{scope_text}</dd></div>
            <div><dt>{t!(i18n, fields.email)}</dt><dd>{user.email.clone()}</dd></div>
            {organisation_status.map(|status| view! {
                <div>
                    <dt>{t!(i18n, dashboard.organisation_status)}</dt>
                    <dd><span class=format!("badge badge-{}", status.as_str())>{move || text::organisation_status(i18n.get_locale(), status)}</span></dd>
                </div>
            })}
        </dl>
        {(organisation_status == Some(OrganisationStatus::Pending)).then(|| view! {
            <div class="notice" role="status">
                <p>{t!(i18n, dashboard.pending_note, office = office.clone())}</p>
            </div>
        })}
        {role.is_staff().then(|| view! {
            <section>
                <h2>{t!(i18n, dashboard.staff_tools)}</h2>
                <ul class="link-list">
                    <li><a href="/akun">{t!(i18n, nav.accounts)}</a></li>
                </ul>
            </section>
        })}
    }
}
