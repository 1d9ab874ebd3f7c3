//! `/statistik/kamus-data`: the data dictionary of the exports, for anyone — every column
//! of every data set with its type, meaning and allowed values in both languages (the
//! same list is `kamus-data.csv` and each XLSX's "Kamus data" sheet).

use crate::domain::export::Dataset;
use crate::i18n::*;
use crate::ui::components::page_meta::PageMeta;
use crate::wire::dictionary;
use leptos::prelude::*;

/// The name of a data set in the page's language.
pub fn dataset_name(locale: Locale, dataset: Dataset) -> &'static str {
    match dataset {
        Dataset::Needs => td_string!(locale, export.data_kebutuhan),
        Dataset::Offers => td_string!(locale, export.data_penawaran),
        Dataset::Matches => td_string!(locale, export.data_kecocokan),
        Dataset::Cooperations => td_string!(locale, export.data_kerja_sama),
        Dataset::Villages => td_string!(locale, export.data_desa),
        Dataset::Audit => td_string!(locale, export.data_audit),
    }
}

#[component]
pub fn DataDictionary() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, export.dictionary).to_string())
            description=Signal::derive(move || t_string!(i18n, export.dictionary_lead).to_string())
        />
        <h1>{t!(i18n, export.dictionary)}</h1>
        <p class="lead">{t!(i18n, export.dictionary_lead)}</p>
        <p><a href="/statistik/kamus-data.csv" download>{t!(i18n, export.dictionary_csv)}</a></p>
        {Dataset::ALL.iter().map(|dataset| {
            let heading = format!("data-{}", dataset.as_str());
            let name = dataset_name(locale, *dataset);
            view! {
                <section aria-labelledby=heading.clone()>
                    <h2 id=heading.clone()>{name}" ("<code>{dataset.as_str()}</code>")"</h2>
                    <div class="table-scroll" tabindex="0" role="region" aria-label=name>
                        <table class="dictionary">
                            <thead><tr>
                                <th scope="col">{t!(i18n, export.column)}</th>
                                <th scope="col">{t!(i18n, export.kind)}</th>
                                <th scope="col">{t!(i18n, export.meaning_id)}</th>
                                <th scope="col">{t!(i18n, export.meaning_en)}</th>
                                <th scope="col">{t!(i18n, export.values)}</th>
                            </tr></thead>
                            <tbody>
                                {dictionary::columns(*dataset).into_iter().map(|c| view! {
                                    <tr>
                                        <th scope="row"><code>{c.column}</code></th>
                                        <td><code>{c.kind}</code></td>
                                        <td lang="id">{c.id}</td>
                                        <td lang="en">{c.en}</td>
                                        <td>
                                            {(!c.values.is_empty()).then(|| view! {
                                                <ul class="plain">
                                                    {c.values.into_iter().map(|v| view! {
                                                        <li><code>{v.value}</code>": "<span lang="id">{v.id}</span>" / "<span lang="en">{v.en}</span></li>
                                                    }).collect_view()}
                                                </ul>
                                            })}
                                        </td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </section>
            }
        }).collect_view()}
    }
}
