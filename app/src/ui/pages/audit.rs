//! `/audit`: the audit log for province staff, filterable by actor, record and date.

use crate::api::audit::audit_log;
use crate::domain::audit::{AuditQuery, ENTITY_TYPES};
use crate::i18n::*;
use crate::ui::components::filters::{FilterForm, Pager};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::wire::audit::AuditLine;
use crate::wire::format;
use crate::wire::page::Page;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Audit() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| {
            let get = |key: &str| p.get(key).unwrap_or_default();
            AuditQuery {
                pelaku: get("pelaku"),
                entitas: get("entitas"),
                id: get("id"),
                dari: get("dari"),
                sampai: get("sampai"),
                halaman: get("halaman"),
            }
        })
    });
    let page = Resource::new(move || query.get(), audit_log);
    let current = move |get: fn(&AuditQuery) -> String| move || query.with(get);
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, audit.title).to_string())
            description=Signal::derive(move || t_string!(i18n, audit.description).to_string())
        />
        <h1>{t!(i18n, audit.title)}</h1>
        <p class="lead">{t!(i18n, audit.description)}</p>
        <FilterForm action="/audit" label=Signal::derive(move || t_string!(i18n, opportunities.filters).to_string())>
            <div class="field">
                <label for="f-pelaku">{t!(i18n, audit.actor)}</label>
                <input id="f-pelaku" name="pelaku" type="search" prop:value=current(|q| q.pelaku.clone())/>
            </div>
            <div class="field">
                <label for="f-entitas">{t!(i18n, audit.entity)}</label>
                <select id="f-entitas" name="entitas">
                    <option value="">{t!(i18n, opportunities.all)}</option>
                    {ENTITY_TYPES.iter().map(|entity| view! {
                        <option value=*entity selected=move || query.with(|q| q.entitas == *entity)>{*entity}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-id">{t!(i18n, audit.entity_id)}</label>
                <input id="f-id" name="id" inputmode="numeric" prop:value=current(|q| q.id.clone())/>
            </div>
            <div class="field">
                <label for="f-dari">{t!(i18n, audit.from)}</label>
                <input id="f-dari" name="dari" type="date" prop:value=current(|q| q.dari.clone())/>
            </div>
            <div class="field">
                <label for="f-sampai">{t!(i18n, audit.to)}</label>
                <input id="f-sampai" name="sampai" type="date" prop:value=current(|q| q.sampai.clone())/>
            </div>
            <div class="filter-actions">
                <button type="submit" class="button">{t!(i18n, opportunities.apply)}</button>
                <a href="/audit">{t!(i18n, opportunities.reset)}</a>
            </div>
        </FilterForm>
        <Suspense fallback=Loading>
            {move || page.get().map(|result| match result {
                Ok(page) => view! { <Entries page query=query.get_untracked()/> }.into_any(),
                Err(err) => view! { <ErrorNotice err/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Entries(page: Page<AuditLine>, query: AuditQuery) -> impl IntoView {
    let i18n = use_i18n();
    let Page { items: entries, total, page, pages } = page;
    if entries.is_empty() {
        return view! { <p class="empty" role="status">{t!(i18n, audit.empty)}</p> }.into_any();
    }
    let previous = (page > 1).then(|| format!("/audit{}", query.with_page(page - 1)));
    let next = (page < pages).then(|| format!("/audit{}", query.with_page(page + 1)));
    view! {
        <p class="muted" role="status">{move || t_string!(i18n, audit.count, count = format::thousands(i18n.get_locale(), total))}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, audit.title)>
            <table data-testid="audit-table">
                <thead>
                    <tr>
                        <th scope="col" class="nowrap">{t!(i18n, audit.when)}</th>
                        <th scope="col">{t!(i18n, audit.actor)}</th>
                        <th scope="col">{t!(i18n, audit.action)}</th>
                        <th scope="col">{t!(i18n, audit.entity)}</th>
                        <th scope="col">{t!(i18n, audit.change)}</th>
                        <th scope="col">{t!(i18n, audit.reason)}</th>
                    </tr>
                </thead>
                <tbody>{entries.into_iter().map(|line| view! { <Entry line/> }).collect_view()}</tbody>
            </table>
        </div>
        <Pager page pages previous next/>
    }
    .into_any()
}

#[component]
fn Entry(line: AuditLine) -> impl IntoView {
    let link = crate::wire::format::entity_link(&line.entity_type, &line.entity_id);
    let entity = format!("{} {}", line.entity_type, line.entity_id);
    let change = match (line.before_state, line.after_state) {
        (Some(before), Some(after)) => format!("{before} → {after}"),
        (None, Some(after)) => after,
        (Some(before), None) => before,
        (None, None) => String::new(),
    };
    let actor = if line.actor_name.is_empty() { "—".to_owned() } else { line.actor_name };
    view! {
        <tr>
            <td class="nowrap">{format::date_time(&line.created_at)}</td>
            <td>{actor} <span class="muted small">{line.actor_email}</span></td>
            <td><code>{line.action}</code></td>
            <td>{match link {
                Some(href) => view! { <a href=href>{entity}</a> }.into_any(),
                None => view! { <span>{entity}</span> }.into_any(),
            }}</td>
            <td>{change}</td>
            <td>{line.reason.unwrap_or_default()}</td>
        </tr>
    }
}
