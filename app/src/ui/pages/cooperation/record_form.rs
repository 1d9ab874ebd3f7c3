//! The record of a cooperation: the form of its draft (works without JavaScript: a plain
//! POST to the server function, errors shown next to their fields with what was typed),
//! and the same record read-only once signed.

use crate::api::cooperations::SaveCooperation;
use crate::domain::cooperation::{Clause, CooperationInput};
use crate::i18n::*;
use crate::ui::components::form::{action_result, field_error, form_value, Field, FormAlert, SelectField, TextArea};
use crate::wire::{format, text};
use leptos::prelude::*;

#[component]
pub fn RecordForm(agreement_id: i64, record: CooperationInput) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveCooperation>::new();
    let value = action_result(save);
    let saved = move || matches!(value.get(), Some(Ok(())));
    let record = StoredValue::new(record);
    let initial = move |field: &'static str| {
        form_value(value, field, move || {
            record.with_value(|r| r.fields().into_iter().find(|(k, _)| k == field).map(|(_, v)| v).unwrap_or_default())
        })
    };
    let label = move |key: fn(Locale) -> String| Signal::derive(move || key(i18n.get_locale()));
    let text_field = move |name: &'static str, kind: &'static str, key: fn(Locale) -> String| {
        view! {
            <Field label=label(key) name kind post_as=format!("record[{name}]") required=false
                error=field_error(value, name) value=initial(name)/>
        }
    };
    view! {
        <section aria-labelledby="record-title">
            <h2 id="record-title">{t!(i18n, cooperation.record)}</h2>
            <p class="hint">{t!(i18n, cooperation.record_hint)}</p>
            <FormAlert value/>
            {move || saved().then(|| view! { <p class="alert alert-success" role="status">{t!(i18n, cooperation.saved)}</p> })}
            <ActionForm action=save attr:class="stack cooperation-form">
                <input type="hidden" name="agreement_id" value=agreement_id.to_string()/>
                <fieldset>
                    <legend>{t!(i18n, cooperation.stage_initiation)}</legend>
                    <SelectField label=label(|l| td_string!(l, cooperation.initiated_by).to_owned()) name="initiated_by"
                        post_as="record[initiated_by]" options=vec!["village", "third_party"] name_of=text::cooperation_choice
                        placeholder=Signal::derive(move || t_string!(i18n, cooperation.choose).to_string())
                        error=field_error(value, "initiated_by") value=initial("initiated_by")/>
                    {text_field("mou_number", "text", |l| td_string!(l, cooperation.mou_number).to_owned())}
                    {text_field("mou_signed_on", "date", |l| td_string!(l, cooperation.mou_signed_on).to_owned())}
                </fieldset>
                <fieldset>
                    <legend>{t!(i18n, cooperation.stage_deliberation)}</legend>
                    {text_field("musdes_held_on", "date", |l| td_string!(l, cooperation.musdes_held_on).to_owned())}
                    {text_field("musdes_minutes", "text", |l| td_string!(l, cooperation.musdes_minutes).to_owned())}
                    <SelectField label=label(|l| td_string!(l, cooperation.plan_status).to_owned()) name="plan_status"
                        post_as="record[plan_status]" options=vec!["in_plan", "needs_amendment"] name_of=text::cooperation_choice
                        placeholder=Signal::derive(move || t_string!(i18n, cooperation.choose).to_string())
                        error=field_error(value, "plan_status") value=initial("plan_status") required=false/>
                    {text_field("plan_year", "number", |l| td_string!(l, cooperation.plan_year).to_owned())}
                    {text_field("kak_reference", "text", |l| td_string!(l, cooperation.kak_reference).to_owned())}
                </fieldset>
                <fieldset>
                    <legend>{t!(i18n, cooperation.clauses)}</legend>
                    <p class="hint">{t!(i18n, cooperation.clauses_hint)}</p>
                    {Clause::ALL.iter().map(|clause| {
                        let clause = *clause;
                        view! {
                            <TextArea label=Signal::derive(move || text::clause(i18n.get_locale(), clause).to_owned())
                                name=clause.field() post_as="record[clauses][]" rows=3 required=false
                                error=field_error(value, clause.field()) value=initial(clause.field())/>
                        }
                    }).collect_view()}
                </fieldset>
                <fieldset>
                    <legend>{t!(i18n, cooperation.stage_signing)}</legend>
                    {text_field("village_head", "text", |l| td_string!(l, cooperation.village_head).to_owned())}
                    {text_field("partner_representative", "text", |l| td_string!(l, cooperation.partner_representative).to_owned())}
                    {text_field("partner_title", "text", |l| td_string!(l, cooperation.partner_title).to_owned())}
                    {text_field("signed_on", "date", |l| td_string!(l, cooperation.signed_on).to_owned())}
                    {text_field("starts_on", "date", |l| td_string!(l, cooperation.starts_on).to_owned())}
                    {text_field("ends_on", "date", |l| td_string!(l, cooperation.ends_on).to_owned())}
                    {text_field("value_idr", "text", |l| td_string!(l, cooperation.value_idr).to_owned())}
                    <SelectField label=label(|l| td_string!(l, cooperation.funding_source).to_owned()) name="funding_source"
                        post_as="record[funding_source]" options=vec!["partner", "village_budget", "shared"] name_of=text::cooperation_choice
                        placeholder=Signal::derive(move || t_string!(i18n, cooperation.choose).to_string())
                        error=field_error(value, "funding_source") value=initial("funding_source") required=false/>
                </fieldset>
                <button type="submit" class="button">{t!(i18n, cooperation.save)}</button>
            </ActionForm>
        </section>
    }
}

/// The record of a signed (or later) cooperation, read-only.
#[component]
pub fn RecordView(record: CooperationInput) -> impl IntoView {
    let i18n = use_i18n();
    let shown = |value: &str| (!value.trim().is_empty()).then(|| value.to_owned());
    let row = move |key: fn(Locale) -> String, value: Option<String>| {
        value.map(|v| view! { <div><dt>{move || key(i18n.get_locale())}</dt><dd>{v}</dd></div> })
    };
    let choice = shown;
    let date = |value: &str| shown(value).map(|v| format::date(&v));
    let r = record.clone();
    let value_idr = r.value_idr.replace(['.', ','], "").parse::<i64>().ok();
    view! {
        <section aria-labelledby="record-title">
            <h2 id="record-title">{t!(i18n, cooperation.record)}</h2>
            <dl class="facts">
                {choice(&r.initiated_by).map(|v| view! {
                    <div><dt>{t!(i18n, cooperation.initiated_by)}</dt><dd>{move || text::cooperation_choice(i18n.get_locale(), &v)}</dd></div>
                })}
                {row(|l| td_string!(l, cooperation.mou_number).to_owned(), shown(&r.mou_number))}
                {row(|l| td_string!(l, cooperation.mou_signed_on).to_owned(), date(&r.mou_signed_on))}
                {row(|l| td_string!(l, cooperation.musdes_held_on).to_owned(), date(&r.musdes_held_on))}
                {row(|l| td_string!(l, cooperation.musdes_minutes).to_owned(), shown(&r.musdes_minutes))}
                {choice(&r.plan_status).map(|v| {
                    let year = r.plan_year.clone();
                    view! {
                        <div><dt>{t!(i18n, cooperation.plan_status)}</dt><dd>{move || text::cooperation_choice(i18n.get_locale(), &v)} " " {year}</dd></div>
                    }
                })}
                {row(|l| td_string!(l, cooperation.kak_reference).to_owned(), shown(&r.kak_reference))}
                {row(|l| td_string!(l, cooperation.village_head).to_owned(), shown(&r.village_head))}
                {row(|l| td_string!(l, cooperation.partner_representative).to_owned(),
                    shown(&r.partner_representative).map(|name| format!("{name}, {}", r.partner_title)))}
                {row(|l| td_string!(l, cooperation.signed_on).to_owned(), date(&r.signed_on))}
                {row(|l| td_string!(l, cooperation.starts_on).to_owned(), date(&r.starts_on))}
                {row(|l| td_string!(l, cooperation.ends_on).to_owned(), date(&r.ends_on))}
                {value_idr.map(|amount| view! {
                    <div><dt>{t!(i18n, cooperation.value_idr)}</dt><dd>{move || format::rupiah(i18n.get_locale(), amount)}</dd></div>
                })}
                {choice(&r.funding_source).map(|v| view! {
                    <div><dt>{t!(i18n, cooperation.funding_source)}</dt><dd>{move || text::cooperation_choice(i18n.get_locale(), &v)}</dd></div>
                })}
            </dl>
            <h3>{t!(i18n, cooperation.clauses)}</h3>
            <ol class="articles">
                {Clause::ALL.iter().map(|clause| {
                    let clause = *clause;
                    let body = record.clause(clause).to_owned();
                    view! { <li><strong>{move || text::clause(i18n.get_locale(), clause)}</strong><p class="pre-line">{body}</p></li> }
                }).collect_view()}
            </ol>
        </section>
    }
}
