//! A cohort offer's placement board: for its organisation's members and province staff
//! every village, for a regency's staff their regency's; and the board as an XLSX for the
//! university's own KKN system (the filled placements with the village's contact, which
//! both sides see once introduced).

use super::errors::{with_status, OrInternal};
use super::repo::postings::Guard;
use super::repo::{offers, placements};
use super::xlsx::{sheet, Value};
use super::AppState;
use crate::domain::access::is_owner;
use crate::domain::account::CurrentUser;
use crate::i18n::*;
use crate::wire::error::AppError;
use crate::wire::placements::PlacementBoard;
use crate::wire::{format, text};
use rust_xlsxwriter::{Workbook, XlsxError};

/// The board of a cohort offer, as far as the caller may see it (anyone else: not found).
pub async fn board(state: &AppState, user: &CurrentUser, offer_id: i64) -> Result<PlacementBoard, AppError> {
    let offer = offers::find(&state.pool, offer_id).await.or_internal()?;
    let offer = offer.filter(|o| o.content.cohort == "1").ok_or_else(|| with_status(AppError::NotFound))?;
    let regency = if is_owner(user, &offer.facts().owner) {
        None
    } else {
        match Guard::for_staff(user) {
            Some(Guard::Regency(code)) => Some(code),
            Some(_) => None,
            None => return Err(with_status(AppError::NotFound)),
        }
    };
    let rows = placements::of_offer(&state.pool, offer_id, regency.as_deref()).await.or_internal()?;
    let (filled, proposed) = placements::counts(&state.pool, offer_id).await.or_internal()?;
    let places = offer.content.capacity.parse::<i64>().unwrap_or(0);
    Ok(PlacementBoard {
        offer_id,
        title: offer.content.title.clone(),
        organisation_name: offer.organisation_name.clone(),
        window_start: (!offer.content.window_start.is_empty()).then(|| offer.content.window_start.clone()),
        window_end: (!offer.content.window_end.is_empty()).then(|| offer.content.window_end.clone()),
        placements: places,
        group_size: offer.content.group_size.parse().ok(),
        filled,
        proposed,
        open: (places - filled - proposed).max(0),
        rows,
        regency_only: regency.is_some(),
    })
}

/// The board as a workbook: one row per placement — the filled ones with the village's
/// contact, then the proposed, then those still open.
pub fn workbook(board: &PlacementBoard, locale: Locale) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let header = [
        td_string!(locale, placements.number),
        td_string!(locale, placements.state),
        td_string!(locale, ppm.village_code),
        td_string!(locale, ppm.village),
        td_string!(locale, ppm.district),
        td_string!(locale, ppm.regency),
        td_string!(locale, placements.need),
        td_string!(locale, placements.since),
        td_string!(locale, placements.contact_name),
        td_string!(locale, placements.contact_phone),
    ];
    let mut rows: Vec<Vec<Value>> = board
        .rows
        .iter()
        .map(|p| {
            let state = match p.is_filled() {
                true => td_string!(locale, placements.filled),
                false => text::match_status(locale, p.status),
            };
            vec![
                Value::Text(state.to_owned()),
                Value::Text(p.village_code.clone()),
                Value::Text(p.village_name.clone()),
                Value::Text(p.district_name.clone()),
                Value::Text(p.regency_name.clone()),
                Value::Text(p.need_title.clone()),
                Value::Text(format::date(&p.since)),
                Value::Text(p.contact_name.clone().unwrap_or_default()),
                Value::Text(p.contact_phone.clone().unwrap_or_default()),
            ]
        })
        .collect();
    rows.extend((0..board.open).map(|_| vec![Value::Text(td_string!(locale, placements.open).to_owned())]));
    let numbered = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| std::iter::once(Value::Number(Some(i as i64 + 1))).chain(row).collect())
        .collect();
    sheet(&mut workbook, td_string!(locale, placements.sheet), &header, numbered)?;
    workbook.save_to_buffer()
}
