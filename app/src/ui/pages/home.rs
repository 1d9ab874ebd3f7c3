use crate::api::home::home_figures;
use crate::i18n::*;
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{ErrorNotice, Loading};
use crate::wire::stats::HeadlineFigures;
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let figures = Resource::new(|| (), |_| home_figures());
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, home.title).to_string())
            description=Signal::derive(move || t_string!(i18n, home.description).to_string())
        />
        <section class="hero">
            <h1>{t!(i18n, home.heading)}</h1>
            <p class="lead">{t!(i18n, home.lead)}</p>
            <p class="actions">
                <a class="button" href="/daftar">{t!(i18n, home.cta_partner)}</a>
                <a class="button button-secondary" href="/masuk">{t!(i18n, home.cta_sign_in)}</a>
            </p>
        </section>
        <section aria-labelledby="angka">
            <h2 id="angka">{t!(i18n, home.figures)}</h2>
            <Suspense fallback=Loading>
                {move || figures.get().map(|result| match result {
                    Ok(f) => view! { <Figures f/> }.into_any(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Figures(f: HeadlineFigures) -> impl IntoView {
    let i18n = use_i18n();
    let number = move |n: i64| crate::wire::format::thousands(i18n.get_locale(), n);
    view! {
        <dl class="figures">
            <div><dt>{t!(i18n, home.regencies)}</dt><dd>{move || number(f.regencies)}</dd></div>
            <div><dt>{t!(i18n, home.districts)}</dt><dd>{move || number(f.districts)}</dd></div>
            <div><dt>{t!(i18n, home.desa)}</dt><dd>{move || number(f.desa)}</dd></div>
            <div><dt>{t!(i18n, home.kelurahan)}</dt><dd>{move || number(f.kelurahan)}</dd></div>
            <div><dt>{t!(i18n, home.partners)}</dt><dd>{move || number(f.verified_partners)}</dd></div>
            <div><dt>{t!(i18n, home.needs)}</dt><dd>{move || number(f.published_needs)}</dd></div>
            <div><dt>{t!(i18n, home.offers)}</dt><dd>{move || number(f.published_offers)}</dd></div>
        </dl>
    }
}
