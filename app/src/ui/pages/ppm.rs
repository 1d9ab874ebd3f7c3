//! `/laporan-ppm`: "Laporan PPM/TJSL". A company's members see their report — the villages
//! of ring 1 and ring 2 (recorded by them, confirmed by staff), their open needs, the
//! company's cooperations there with value, progress and outcome, and the ring villages it
//! has not served yet; staff see ring-1 coverage of their jurisdiction and the villages
//! waiting for confirmation, and each company's report at `/laporan-ppm/{id}`. The page
//! prints as it is (the print stylesheet drops the navigation).

use crate::api::ppm::{
    get_ppm_coverage, get_ppm_report, ConfirmOperationArea, RecordOperationArea, RemoveOperationArea,
};
use crate::domain::ppm::{AreaStatus, Ring};
use crate::i18n::*;
use crate::ui::app::use_session;
use crate::ui::components::form::{action_result, field_error, form_value, Field, FormAlert, SelectField};
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{Loading, PageError};
use crate::wire::error::AppError;
use crate::wire::ppm::{PpmCoverage, PpmReport};
use crate::wire::{format, text};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PpmPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, ppm.title).to_string())
            description=Signal::derive(move || t_string!(i18n, ppm.lead).to_string())
        />
        <Suspense fallback=Loading>
            {move || session.info.get().map(|info| {
                let user = info.ok().and_then(|i| i.user);
                match user {
                    Some(user) if user.role.is_staff() => view! { <Coverage/> }.into_any(),
                    Some(_) => view! { <Report mitra=None/> }.into_any(),
                    None => view! {
                        <h1>{t!(i18n, ppm.title)}</h1>
                        <p class="empty">{t!(i18n, ppm.sign_in)}" "<a href="/masuk">{t!(i18n, nav.sign_in)}</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/laporan-ppm/{id}`: a company's report, for staff.
#[component]
pub fn PpmCompanyPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    view! {
        <PageMeta
            title=Signal::derive(move || t_string!(i18n, ppm.title).to_string())
            description=Signal::derive(move || t_string!(i18n, ppm.lead).to_string())
        />
        {move || match id() {
            Some(id) => view! { <Report mitra=Some(id)/> }.into_any(),
            None => view! { <crate::ui::pages::not_found::NotFound/> }.into_any(),
        }}
    }
}

#[component]
fn Report(mitra: Option<i64>) -> impl IntoView {
    let record = ServerAction::<RecordOperationArea>::new();
    let report = Resource::new(move || (mitra, record.version().get()), move |(mitra, _)| get_ppm_report(mitra));
    view! {
        <Suspense fallback=Loading>
            {move || report.get().map(|result| match result {
                Ok(report) => view! { <ReportView report record/> }.into_any(),
                Err(AppError::NotFound) if mitra.is_none() => view! {
                    <h1>{t!(use_i18n(), ppm.title)}</h1>
                    <p class="empty">{t!(use_i18n(), ppm.not_company)}</p>
                }.into_any(),
                Err(err) => view! { <PageError err/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn ReportView(report: PpmReport, record: ServerAction<RecordOperationArea>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let number = move |n: i64| format::thousands(locale, n);
    let confirmed: Vec<_> = report.villages.iter().filter(|v| v.status == AreaStatus::Confirmed.as_str()).collect();
    let ring_1 = confirmed.iter().filter(|v| v.ring == Ring::Ring1.as_str()).count() as i64;
    let ring_2 = confirmed.len() as i64 - ring_1;
    let not_served: Vec<_> = confirmed.iter().filter(|v| v.cooperations == 0).map(|v| (*v).clone()).collect();
    let open_needs: i64 = confirmed.iter().map(|v| v.open_needs).sum();
    let value: i64 = report.cooperations.iter().filter_map(|c| c.value_idr).sum();
    let mitra = report.staff.then_some(report.organisation_id);
    let may_record = report.can_record || report.staff;
    let confirm = ServerAction::<ConfirmOperationArea>::new();
    let remove = ServerAction::<RemoveOperationArea>::new();
    let value_of = action_result(record);
    view! {
        <h1>{td_string!(locale, ppm.report_of, organisation = report.organisation.clone())}</h1>
        <p class="lead">{t!(i18n, ppm.lead)}</p>
        <p class="muted no-print">
            {t!(i18n, ppm.print_hint)}" "
            <a href=format!("/ekspor/laporan-ppm.xlsx{}", mitra.map(|id| format!("?mitra={id}")).unwrap_or_default()) download="">
                {t!(i18n, ppm.download_xlsx)}
            </a>
        </p>
        <dl class="figures">
            <div><dt>{t!(i18n, ppm.ring_1_villages)}</dt><dd>{number(ring_1)}</dd></div>
            <div><dt>{t!(i18n, ppm.ring_2_villages)}</dt><dd>{number(ring_2)}</dd></div>
            <div><dt>{t!(i18n, ppm.not_served)}</dt><dd>{number(not_served.len() as i64)}</dd></div>
            <div><dt>{t!(i18n, ppm.open_needs)}</dt><dd>{number(open_needs)}</dd></div>
            <div><dt>{t!(i18n, ppm.value)}</dt><dd class="small">{format::rupiah(locale, value)}</dd></div>
        </dl>
        <section aria-labelledby="desa-cincin">
            <h2 id="desa-cincin">{t!(i18n, ppm.villages)}</h2>
            {if report.villages.is_empty() {
                view! { <p class="empty">{t!(i18n, ppm.no_villages)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label=td_string!(locale, ppm.villages)>
                        <table>
                            <thead><tr>
                                <th scope="col">{t!(i18n, ppm.village)}</th>
                                <th scope="col">{t!(i18n, ppm.ring)}</th>
                                <th scope="col">{t!(i18n, ppm.state)}</th>
                                <th scope="col">{t!(i18n, ppm.open_needs)}</th>
                                <th scope="col">{t!(i18n, ppm.cooperations)}</th>
                                <th scope="col" class="no-print">{t!(i18n, ppm.actions)}</th>
                            </tr></thead>
                            <tbody>
                                {report.villages.iter().map(|v| {
                                    let state = if v.status == AreaStatus::Confirmed.as_str() {
                                        td_string!(locale, ppm.confirmed)
                                    } else {
                                        td_string!(locale, ppm.proposed)
                                    };
                                    let code = v.village_code.clone();
                                    let label = v.village.clone();
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                <a href=format!("/desa/{}", v.village_code)>{v.village.clone()}</a>
                                                <br/><span class="muted small">{format!("{}, {}", v.district, v.regency)}</span>
                                            </th>
                                            <td>{text::ring_name(locale, &v.ring)}</td>
                                            <td>{state}</td>
                                            <td>{number(v.open_needs)}</td>
                                            <td>{number(v.cooperations)}</td>
                                            <td class="no-print">
                                                {v.can_confirm.then(|| {
                                                    let code = code.clone();
                                                    let label = td_string!(locale, ppm.confirm_village, village = label.clone());
                                                    view! {
                                                        <ActionForm action=confirm attr:class="inline-form">
                                                            <input type="hidden" name="mitra" value=report.organisation_id.to_string()/>
                                                            <input type="hidden" name="desa" value=code/>
                                                            <button type="submit" class="button button-secondary" aria-label=label>
                                                                {t!(i18n, ppm.confirm)}
                                                            </button>
                                                        </ActionForm>
                                                    }
                                                })}
                                                {may_record.then(|| {
                                                    let label = td_string!(locale, ppm.remove_village, village = label.clone());
                                                    view! {
                                                        <ActionForm action=remove attr:class="inline-form">
                                                            {mitra.map(|id| view! { <input type="hidden" name="mitra" value=id.to_string()/> })}
                                                            <input type="hidden" name="desa" value=code.clone()/>
                                                            <button type="submit" class="link-button" aria-label=label>{t!(i18n, ppm.remove)}</button>
                                                        </ActionForm>
                                                    }
                                                })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {may_record.then(|| view! {
                <h3>{t!(i18n, ppm.add)}</h3>
                <p class="muted">{if report.staff { t!(i18n, ppm.add_hint_staff).into_any() } else { t!(i18n, ppm.add_hint).into_any() }}</p>
                <FormAlert value=value_of/>
                <ActionForm action=record attr:class="stack" attr:novalidate=true>
                    {mitra.map(|id| view! { <input type="hidden" name="mitra" value=id.to_string()/> })}
                    <Field label=Signal::derive(move || t_string!(i18n, ppm.village_code).to_string())
                        name="desa" post_as="area[desa]" error=field_error(value_of, "desa")
                        hint=Signal::derive(move || t_string!(i18n, ppm.village_code_hint).to_string())
                        value=form_value(value_of, "desa", String::new)/>
                    <SelectField label=Signal::derive(move || t_string!(i18n, ppm.ring).to_string())
                        name="ring" post_as="area[ring]" options=Ring::ALL.iter().map(|r| r.as_str()).collect()
                        name_of=text::ring_name placeholder=Signal::derive(move || t_string!(i18n, cooperation.choose).to_string())
                        error=field_error(value_of, "ring") value=form_value(value_of, "ring", String::new)/>
                    <button type="submit" class="button">{t!(i18n, ppm.save)}</button>
                </ActionForm>
            })}
        </section>
        <section aria-labelledby="kerja-sama-cincin">
            <h2 id="kerja-sama-cincin">{t!(i18n, ppm.cooperations_there)}</h2>
            {if report.cooperations.is_empty() {
                view! { <p class="empty">{t!(i18n, ppm.no_cooperations)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label=td_string!(locale, ppm.cooperations_there)>
                        <table>
                            <thead><tr>
                                <th scope="col">{t!(i18n, ppm.cooperation)}</th>
                                <th scope="col">{t!(i18n, ppm.village)}</th>
                                <th scope="col">{t!(i18n, ppm.state)}</th>
                                <th scope="col">{t!(i18n, ppm.value)}</th>
                                <th scope="col">{t!(i18n, ppm.progress)}</th>
                                <th scope="col">{t!(i18n, ppm.outcome)}</th>
                            </tr></thead>
                            <tbody>
                                {report.cooperations.iter().map(|c| view! {
                                    <tr>
                                        <th scope="row"><a href=format!("/kerja-sama/{}", c.agreement_id)>{c.title.clone()}</a></th>
                                        <td>{format!("{} ({})", c.village, text::ring_name(locale, &c.ring))}</td>
                                        <td>{text::agreement_status_name(locale, &c.status)}</td>
                                        <td>{c.value_idr.map(|v| format::rupiah(locale, v)).unwrap_or_else(|| "—".into())}</td>
                                        <td>{c.progress.map(|p| format!("{p}%")).unwrap_or_else(|| "—".into())}</td>
                                        <td>{c.outcome.clone().unwrap_or_else(|| "—".into())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="belum-dilayani">
            <h2 id="belum-dilayani">{t!(i18n, ppm.not_served)}</h2>
            {if not_served.is_empty() {
                view! { <p class="empty">{t!(i18n, ppm.all_served)}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {not_served.into_iter().map(|v| view! {
                            <li>
                                <a href=format!("/desa/{}", v.village_code)>{v.village.clone()}</a>
                                {format!(" — {}, {}", text::ring_name(locale, &v.ring), td_string!(locale, ppm.open_needs_count, count = v.open_needs))}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// Staff: the proposals to confirm and ring-1 coverage per company.
#[component]
fn Coverage() -> impl IntoView {
    let i18n = use_i18n();
    let confirm = ServerAction::<ConfirmOperationArea>::new();
    let coverage = Resource::new(move || confirm.version().get(), |_| get_ppm_coverage());
    view! {
        <h1>{t!(i18n, ppm.coverage_title)}</h1>
        <p class="lead">{t!(i18n, ppm.coverage_lead)}</p>
        <Suspense fallback=Loading>
            {move || coverage.get().map(|result| match result {
                Ok(coverage) => view! { <CoverageView coverage confirm/> }.into_any(),
                Err(err) => view! { <PageError err/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn CoverageView(coverage: PpmCoverage, confirm: ServerAction<ConfirmOperationArea>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let number = move |n: i64| format::thousands(locale, n);
    view! {
        <section aria-labelledby="menunggu">
            <h2 id="menunggu">{t!(i18n, ppm.pending)}</h2>
            {if coverage.pending.is_empty() {
                view! { <p class="empty">{t!(i18n, ppm.no_pending)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain">
                        {coverage.pending.into_iter().map(|p| {
                            let label = td_string!(locale, ppm.confirm_village, village = p.village.clone());
                            view! {
                                <li class="pending-area">
                                    <a href=format!("/laporan-ppm/{}", p.organisation_id)>{p.organisation.clone()}</a>": "
                                    <a href=format!("/desa/{}", p.village_code)>{p.village.clone()}</a>
                                    {format!(" ({}, {})", p.regency, text::ring_name(locale, &p.ring))}
                                    <ActionForm action=confirm attr:class="inline-form">
                                        <input type="hidden" name="mitra" value=p.organisation_id.to_string()/>
                                        <input type="hidden" name="desa" value=p.village_code.clone()/>
                                        <input type="hidden" name="back" value="cakupan"/>
                                        <button type="submit" class="button button-secondary" aria-label=label>{t!(i18n, ppm.confirm)}</button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="cakupan">
            <h2 id="cakupan">{t!(i18n, ppm.coverage)}</h2>
            {if coverage.companies.is_empty() {
                view! { <p class="empty">{t!(i18n, ppm.no_companies)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label=td_string!(locale, ppm.coverage)>
                        <table>
                            <thead><tr>
                                <th scope="col">{t!(i18n, ppm.company)}</th>
                                <th scope="col">{t!(i18n, ppm.ring_1_villages)}</th>
                                <th scope="col">{t!(i18n, ppm.ring_2_villages)}</th>
                                <th scope="col">{t!(i18n, ppm.without_programme)}</th>
                            </tr></thead>
                            <tbody>
                                {coverage.companies.into_iter().map(|c| view! {
                                    <tr>
                                        <th scope="row"><a href=format!("/laporan-ppm/{}", c.organisation_id)>{c.name.clone()}</a></th>
                                        <td>{number(c.ring_1)}</td>
                                        <td>{number(c.ring_2)}</td>
                                        <td>
                                            {number(c.ring_1_without_programme.len() as i64)}
                                            {(!c.ring_1_without_programme.is_empty()).then(|| view! {
                                                <br/><span class="small">{c.ring_1_without_programme.join(", ")}</span>
                                            })}
                                        </td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
