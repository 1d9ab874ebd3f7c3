use crate::api::accounts::list_accounts;
use crate::i18n::*;
use crate::ui::app::use_session;
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::wire::accounts::AccountSummary;
use crate::wire::format;
use crate::wire::text;
use leptos::prelude::*;

/// Accounts in the staff member's jurisdiction.
#[component]
pub fn Accounts() -> impl IntoView {
    let i18n = use_i18n();
    let accounts = Resource::new(|| (), |_| list_accounts());
    let invite = crate::ui::pages::invitation::InviteData::load();
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, accounts.title).to_string())
            description=Signal::derive(move || t_string!(i18n, accounts.description).to_string())
        />
        <h1>{t!(i18n, accounts.title)}</h1>
        <Transition fallback=|| ()>
            {move || use_session().info.get().and_then(|r| r.ok()).and_then(|info| info.user)
                .filter(|user| user.role.is_staff())
                .map(|user| view! { <crate::ui::pages::invitation::InviteForm scope=user.scope data=invite/> })}
        </Transition>
        <Suspense fallback=Loading>
            {move || accounts.get().map(|result| match result {
                Ok(list) if list.is_empty() => view! { <p class="empty">{t!(i18n, accounts.empty)}</p> }.into_any(),
                Ok(list) => view! { <AccountTable list/> }.into_any(),
                Err(err) => view! {
                    <ErrorNotice err/>
                }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn AccountTable(list: Vec<AccountSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let office = move || use_session().info.get().and_then(|r| r.ok()).map(|i| i.office_label).unwrap_or_default();
    let count = list.len();
    view! {
        <p class="muted">{t!(i18n, accounts.count, count = count)}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, accounts.title)>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, fields.display_name)}</th>
                        <th scope="col">{t!(i18n, fields.email)}</th>
                        <th scope="col">{t!(i18n, dashboard.role)}</th>
                        <th scope="col">{t!(i18n, dashboard.scope)}</th>
                        <th scope="col" class="nowrap">{t!(i18n, accounts.created)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|account| {
                        let role = account.role;
                        let scope = account.scope.clone();
                        view! {
                            <tr>
                                <td>{account.display_name}</td>
                                <td>{account.email}</td>
                                <td>{move || text::role(i18n.get_locale(), role)}</td>
                                <td>{move || text::scope(i18n.get_locale(), &office(), &scope)}</td>
                                <td class="nowrap">{format::date(&account.created_at)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
