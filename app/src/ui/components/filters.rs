//! The pieces of a filter form whose values live in the URL, and the pager under a list.

use crate::i18n::*;
use crate::wire::error::AppError;
use crate::wire::regions::RegencyOption;
use leptos::prelude::*;

/// A filter form: a GET form whose fields become the page's URL. The link it makes carries
/// only what was chosen: the server redirects a query with empty parameters to the same one
/// without them (`canonical_query` in the server), with JavaScript as without it.
#[component]
pub fn FilterForm(action: &'static str, #[prop(into)] label: Signal<String>, children: Children) -> impl IntoView {
    view! {
        <form method="get" action=action class="filters" aria-label=label>
            {children()}
        </form>
    }
}

/// A select of regions loaded from the server, with an "all" option first.
#[component]
pub fn RegionSelect(
    id: &'static str,
    label: Signal<String>,
    all: Signal<String>,
    options: Resource<Result<Vec<RegencyOption>, AppError>>,
    current: Signal<String>,
) -> impl IntoView {
    let field_id = format!("f-{id}");
    view! {
        <div class="field">
            <label for=field_id.clone()>{label}</label>
            <select id=field_id name=id>
                <option value="">{all}</option>
                <Suspense fallback=|| ()>
                    {move || options.get().and_then(|r| r.ok()).map(|list| {
                        list.into_iter().map(|region| {
                            let selected = current.get_untracked() == region.code;
                            view! { <option value=region.code.clone() selected=selected>{region.name}</option> }
                        }).collect_view()
                    })}
                </Suspense>
            </select>
        </div>
    }
}

/// A select of fixed choices with an "all" option.
#[component]
pub fn Choice(
    id: &'static str,
    label: Signal<String>,
    current: Signal<String>,
    options: Vec<&'static str>,
    name_of: fn(Locale, &str) -> String,
) -> impl IntoView {
    let i18n = use_i18n();
    let field_id = format!("f-{id}");
    view! {
        <div class="field">
            <label for=field_id.clone()>{label}</label>
            <select id=field_id name=id>
                <option value="">{t!(i18n, opportunities.all)}</option>
                {options.into_iter().map(|value| view! {
                    <option value=value selected=move || current.get() == value>
                        {move || name_of(i18n.get_locale(), value)}
                    </option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// The previous and next links of a list's page at `path`, its query made by `with_page`.
pub fn page_links(
    path: &str,
    page: u32,
    pages: u32,
    with_page: impl Fn(u32) -> String,
) -> (Option<String>, Option<String>) {
    let previous = (page > 1).then(|| format!("{path}{}", with_page(page - 1)));
    let next = (page < pages).then(|| format!("{path}{}", with_page(page + 1)));
    (previous, next)
}

/// Previous and next links around "page N of M".
/// The two checkboxes of the posting searches: only those whose window is still open, and
/// also those no longer open (closed, fulfilled, taken up).
#[component]
pub fn OpenClosedChecks(open_only: Signal<bool>, include_closed: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field field-check">
            <label>
                <input type="checkbox" name="terbuka" value="1" checked=open_only/>
                " " {t!(i18n, opportunities.open_only)}
            </label>
        </div>
        <div class="field field-check">
            <label>
                <input type="checkbox" name="ditutup" value="1" checked=include_closed/>
                " " {t!(i18n, opportunities.include_closed)}
            </label>
        </div>
    }
}

#[component]
pub fn Pager(page: u32, pages: u32, previous: Option<String>, next: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="pager" aria-label=move || t_string!(i18n, opportunities.pages)>
            {previous.map(|href| view! { <a href=href rel="prev">{t!(i18n, opportunities.previous)}</a> })}
            <span>{t!(i18n, opportunities.page_of, page = page, pages = pages)}</span>
            {next.map(|href| view! { <a href=href rel="next">{t!(i18n, opportunities.next)}</a> })}
        </nav>
    }
}
