//! The printable documents of a cooperation, generated from its record, for its people:
//! the draft of the joint agreement (*Perjanjian Bersama*: parties, recitals, the eight
//! clauses as articles, signature blocks) and the implementation report. Both are in
//! Indonesian whatever the interface language — they are the village's official documents
//! (Permendagri 96/2017) — and the print stylesheet makes the browser's "save as PDF" a
//! clean A4 page.

use crate::api::cooperations::cooperation;
use crate::domain::cooperation::Clause;
use crate::i18n::Locale;
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::status::{Loading, PageError};
use crate::wire::cooperations::CooperationView;
use crate::wire::error::AppError;
use crate::wire::{format, text};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

const ID: Locale = Locale::id;

fn or_blank(value: &str) -> String {
    if value.trim().is_empty() {
        "…………………".to_owned()
    } else {
        value.to_owned()
    }
}

fn long_date(value: &str) -> String {
    if value.trim().is_empty() {
        "…………………".to_owned()
    } else {
        format::long_date(ID, value)
    }
}

/// Loads the cooperation of the URL for its people and renders `document` with it.
#[component]
fn Printable(document: fn(CooperationView) -> AnyView) -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let shown = Resource::new(id, |id| async move {
        match id {
            Some(id) => cooperation(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=Loading>
            {move || shown.get().map(|result| match result {
                Ok(view) => document(view),
                Err(AppError::NotFound) => view! { <crate::ui::pages::not_found::NotFound/> }.into_any(),
                Err(err) => view! { <PageError err/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
pub fn AgreementDocument() -> impl IntoView {
    view! { <Printable document=agreement/> }
}

#[component]
pub fn ReportDocument() -> impl IntoView {
    view! { <Printable document=report/> }
}

fn back_link(id: i64) -> impl IntoView {
    view! {
        <p class="no-print"><a href=format!("/kerja-sama/{id}")>"← Kembali ke kerja sama"</a>
            " · Cetak atau simpan sebagai PDF dari menu peramban (A4)."</p>
    }
}

fn agreement(v: CooperationView) -> AnyView {
    let r = v.record.clone();
    let village = v.village_name.clone();
    let partner = v.organisation_name.clone();
    let title = format!("Perjanjian Bersama — {}", v.need_title);
    view! {
        <PageMeta title=title.clone() description=title.clone()/>
        {back_link(v.agreement_id)}
        <article class="document" data-testid="agreement-document">
            <header class="document-head">
                <h1>"PERJANJIAN BERSAMA"</h1>
                <p>"ANTARA PEMERINTAH DESA " {village.to_uppercase()} " DAN " {partner.to_uppercase()}</p>
                <p>"TENTANG " {v.need_title.to_uppercase()}</p>
                {(v.status == crate::domain::lifecycle::AgreementStatus::Draft).then(|| view! { <p class="draft-mark">"RANCANGAN"</p> })}
            </header>
            <p>"Pada hari ini, tanggal " {long_date(&r.signed_on)} ", yang bertanda tangan di bawah ini:"</p>
            <ol>
                <li><strong>{or_blank(&r.village_head)}</strong> ", Kepala Desa " {village.clone()} ", Kabupaten/Kota "
                    {v.follow_up.regency_name.clone()} ", bertindak untuk dan atas nama Pemerintah Desa " {village.clone()}
                    ", selanjutnya disebut " <strong>"PIHAK PERTAMA"</strong> ";"</li>
                <li><strong>{or_blank(&r.partner_representative)}</strong> ", " {or_blank(&r.partner_title)} " "
                    {partner.clone()} ", bertindak untuk dan atas nama " {partner.clone()} ", selanjutnya disebut "
                    <strong>"PIHAK KEDUA"</strong> "."</li>
            </ol>
            <p>"Dengan memperhatikan:"</p>
            <ol class="recitals">
                <li>"Peraturan Menteri Dalam Negeri Nomor 96 Tahun 2017 tentang Tata Cara Kerja Sama Desa di Bidang Pemerintahan Desa;"</li>
                <li>"hasil Musyawarah Desa tanggal " {long_date(&r.musdes_held_on)} " sebagaimana tercantum dalam berita acara nomor " {or_blank(&r.musdes_minutes)} ";"</li>
                {(!r.plan_year.is_empty()).then(|| view! {
                    <li>"Rencana Kerja Pemerintah Desa (RKP Desa) Tahun " {r.plan_year.clone()}
                        {(r.plan_status == "needs_amendment").then_some(" beserta perubahannya")} ";"</li>
                })}
                {(!r.mou_number.is_empty()).then(|| view! {
                    <li>"Nota Kesepahaman nomor " {r.mou_number.clone()} " tanggal " {long_date(&r.mou_signed_on)} ";"</li>
                })}
                {(!r.kak_reference.is_empty()).then(|| view! { <li>"Kerangka Acuan Kerja nomor " {r.kak_reference.clone()} ";"</li> })}
            </ol>
            <p>"kedua belah pihak sepakat mengadakan kerja sama dengan ketentuan sebagai berikut:"</p>
            {Clause::ALL.iter().enumerate().map(|(n, clause)| {
                let body = r.clause(*clause).to_owned();
                view! {
                    <section class="article">
                        <h2>{format!("Pasal {}", n + 1)} <br/> {text::clause(ID, *clause)}</h2>
                        <p class="pre-line">{if body.is_empty() { "(belum diisi)".to_owned() } else { body }}</p>
                    </section>
                }
            }).collect_view()}
            <p>"Jangka waktu kerja sama: " {long_date(&r.starts_on)} " sampai dengan " {long_date(&r.ends_on)} "."</p>
            <p>"Demikian Perjanjian Bersama ini dibuat dalam rangkap dua, masing-masing mempunyai kekuatan hukum yang sama."</p>
            <div class="signatures">
                <div><p>"PIHAK KEDUA"</p><p>{or_blank(&r.partner_title)} " " {partner.clone()}</p><p class="signature-space"></p>
                    <p><strong>{or_blank(&r.partner_representative)}</strong></p></div>
                <div><p>"PIHAK PERTAMA"</p><p>"Kepala Desa " {village.clone()}</p><p class="signature-space"></p>
                    <p><strong>{or_blank(&r.village_head)}</strong></p></div>
            </div>
        </article>
    }
    .into_any()
}

fn report(v: CooperationView) -> AnyView {
    let r = v.record.clone();
    let f = v.follow_up.clone();
    let title = format!("Laporan pelaksanaan — {}", v.need_title);
    let status = |s: &Option<String>, y: &Option<String>| match s {
        Some(s) => format!("{} {}", text::development_status(ID, s), y.clone().unwrap_or_default()),
        None => "—".to_owned(),
    };
    let value = r.value_idr.replace(['.', ','], "").parse::<i64>().ok().map(|n| format::rupiah(ID, n));
    view! {
        <PageMeta title=title.clone() description=title.clone()/>
        {back_link(v.agreement_id)}
        <article class="document" data-testid="report-document">
            <header class="document-head">
                <h1>"LAPORAN PELAKSANAAN KERJA SAMA DESA"</h1>
                <p>{v.need_title.to_uppercase()}</p>
            </header>
            <table class="document-table">
                <tbody>
                    <tr><th scope="row">"Desa"</th><td>{v.village_name.clone()} ", " {f.regency_name.clone()}</td></tr>
                    <tr><th scope="row">"Pihak ketiga"</th><td>{v.organisation_name.clone()}</td></tr>
                    <tr><th scope="row">"Status"</th><td>{text::agreement_status(ID, v.status)}</td></tr>
                    <tr><th scope="row">"Jangka waktu"</th><td>{long_date(&r.starts_on)} " – " {long_date(&r.ends_on)}</td></tr>
                    <tr><th scope="row">"Nilai"</th><td>{value.unwrap_or_else(|| "—".into())}</td></tr>
                    <tr><th scope="row">"Status desa saat penandatanganan"</th><td>{status(&f.status_at_signing, &f.status_at_signing_year)}</td></tr>
                    <tr><th scope="row">"Status desa sesudah"</th><td>{status(&f.status_after, &f.status_after_year)}</td></tr>
                    <tr><th scope="row">"Penerima manfaat"</th><td>{f.beneficiaries.clone().unwrap_or_else(|| "—".into())}</td></tr>
                </tbody>
            </table>
            <h2>"Perkembangan pelaksanaan"</h2>
            {if f.progress.is_empty() {
                view! { <p>"Belum ada laporan perkembangan."</p> }.into_any()
            } else {
                view! {
                    <table class="document-table">
                        <thead><tr><th scope="col" class="col-date">"Tanggal"</th><th scope="col">"Uraian"</th><th scope="col" class="col-narrow">"%"</th></tr></thead>
                        <tbody>
                            {f.progress.iter().rev().cloned().map(|p| view! {
                                <tr><td>{format::long_date(ID, crate::wire::format::date_part(&p.reported_on))}</td><td class="pre-line">{p.text}</td>
                                    <td>{p.percent.map(|n| n.to_string()).unwrap_or_default()}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <h2>"Hasil"</h2>
            <p class="pre-line">{f.outcome.clone().unwrap_or_else(|| "(belum selesai)".into())}</p>
            <p>"Dilaporkan kepada BPD pada " {long_date(f.reported_to_bpd_on.as_deref().unwrap_or_default())}
                "; tembusan kepada Bupati/Wali Kota melalui Camat pada " {long_date(f.copied_to_regent_on.as_deref().unwrap_or_default())} "."</p>
            <div class="signatures">
                <div></div>
                <div><p>"Kepala Desa " {v.village_name.clone()}</p><p class="signature-space"></p>
                    <p><strong>{or_blank(&r.village_head)}</strong></p></div>
            </div>
        </article>
    }
    .into_any()
}
