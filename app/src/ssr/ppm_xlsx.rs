//! A company's PPM/TJSL report as an XLSX workbook (`/ekspor/laporan-ppm.xlsx`), for the
//! company's own reporting: the villages of its operation area with what happened there,
//! its cooperations in them, and the villages it has not served yet — the same figures as
//! the page, one sheet each, headed in the reader's language. A report holds at most a few
//! hundred rows: the workbook is written in memory (`ssr::xlsx`).

use super::xlsx::{sheet, Value};
use crate::domain::ppm::AreaStatus;
use crate::i18n::*;
use crate::wire::ppm::{PpmReport, RingVillage};
use crate::wire::text;
use rust_xlsxwriter::{Workbook, XlsxError};

/// The workbook's bytes.
pub fn report(report: &PpmReport, locale: Locale) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let state = |status: &str| {
        if status == AreaStatus::Confirmed.as_str() {
            td_string!(locale, ppm.confirmed)
        } else {
            td_string!(locale, ppm.proposed)
        }
        .to_owned()
    };
    let code = td_string!(locale, ppm.village_code);
    let village = td_string!(locale, ppm.village);
    let ring = td_string!(locale, ppm.ring);
    // Where a ring village lies, as both village sheets begin.
    let place_header = [code, village, td_string!(locale, ppm.district), td_string!(locale, ppm.regency), ring];
    let place = |v: &RingVillage| {
        vec![
            Value::Text(v.village_code.clone()),
            Value::Text(v.village.clone()),
            Value::Text(v.district.clone()),
            Value::Text(v.regency.clone()),
            Value::Text(text::ring_name(locale, &v.ring)),
        ]
    };
    let villages = report
        .villages
        .iter()
        .map(|v| {
            let mut row = place(v);
            row.extend([
                Value::Text(state(&v.status)),
                Value::Number(Some(v.open_needs)),
                Value::Number(Some(v.cooperations)),
            ]);
            row
        })
        .collect();
    let header =
        [td_string!(locale, ppm.state), td_string!(locale, ppm.open_needs), td_string!(locale, ppm.cooperations)];
    sheet(&mut workbook, td_string!(locale, ppm.sheet_villages), &[&place_header[..], &header[..]].concat(), villages)?;
    let cooperations = report
        .cooperations
        .iter()
        .map(|c| {
            vec![
                Value::Number(Some(c.agreement_id)),
                Value::Text(c.title.clone()),
                Value::Text(c.village_code.clone()),
                Value::Text(c.village.clone()),
                Value::Text(text::ring_name(locale, &c.ring)),
                Value::Text(text::agreement_status_name(locale, &c.status)),
                Value::Number(c.value_idr),
                Value::Number(c.progress),
                Value::Text(c.outcome.clone().unwrap_or_default()),
            ]
        })
        .collect();
    sheet(
        &mut workbook,
        td_string!(locale, ppm.sheet_cooperations),
        &[
            td_string!(locale, ppm.agreement_id),
            td_string!(locale, ppm.cooperation),
            code,
            village,
            ring,
            td_string!(locale, ppm.state),
            td_string!(locale, ppm.value_idr),
            td_string!(locale, ppm.progress_percent),
            td_string!(locale, ppm.outcome),
        ],
        cooperations,
    )?;
    let not_served = report
        .villages
        .iter()
        .filter(|v| v.status == AreaStatus::Confirmed.as_str() && v.cooperations == 0)
        .map(|v| {
            let mut row = place(v);
            row.push(Value::Number(Some(v.open_needs)));
            row
        })
        .collect();
    let header = [td_string!(locale, ppm.open_needs)];
    sheet(
        &mut workbook,
        td_string!(locale, ppm.sheet_not_served),
        &[&place_header[..], &header[..]].concat(),
        not_served,
    )?;
    workbook.save_to_buffer()
}
