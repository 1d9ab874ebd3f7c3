//! Opening a match: the one workflow behind a partner's interest, a village's request, a
//! staff proposal and a round's accepted pair. Unless a live match between the need and
//! the organisation exists (or, for a cohort offer, one between the offer and another need
//! of the village: one placement per village): insert → audit → notify the side that did not act and the
//! staff of the need's regency (a staff proposal: both sides) — all inside the caller's
//! write transaction, so that several openings commit (or fail) together.

use super::repo::audit;
use super::repo::matches::{self, NewMatch};
use super::repo::notifications::{notify, Notice};
use super::write::WriteTx;
use crate::domain::lifecycle::MatchStatus;
use crate::domain::matching::score::Score;

/// The need a match is opened for, as the workflow needs it.
pub struct MatchedNeed<'a> {
    pub need_id: i64,
    pub title: &'a str,
    pub village_code: &'a str,
    pub regency_code: &'a str,
}

pub struct Opening<'a> {
    pub need: MatchedNeed<'a>,
    pub organisation_id: i64,
    pub offer_id: Option<i64>,
    /// `partner_interest`, `village_request` or `staff`.
    pub origin: &'a str,
    pub status: MatchStatus,
    pub score: Option<&'a Score>,
    pub message: Option<String>,
    /// The group of a partner's interest in a cluster of needs.
    pub group_id: Option<i64>,
}

/// What an opening led to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opened {
    New(i64),
    /// The live match that already joins the need and the organisation (or the village and
    /// the cohort).
    Existing(i64),
}

/// Opens a match for `actor` (see the module's text). A second live match for the same
/// need and organisation written meanwhile by another transaction makes the insert fail
/// with a unique violation, which the caller reports.
pub async fn open(tx: &mut WriteTx, actor: i64, opening: &Opening<'_>) -> Result<Opened, sqlx::Error> {
    let need = &opening.need;
    if let Some(existing) = matches::live_between(tx, need.need_id, opening.organisation_id).await? {
        return Ok(Opened::Existing(existing));
    }
    if let Some(offer_id) = opening.offer_id {
        if let Some(existing) = matches::live_placement(tx, offer_id, need.village_code).await? {
            return Ok(Opened::Existing(existing));
        }
    }
    let new = NewMatch {
        need_id: need.need_id,
        organisation_id: opening.organisation_id,
        offer_id: opening.offer_id,
        origin: opening.origin,
        status: opening.status,
        score: opening.score.map(|s| s.total),
        score_detail: opening.score.and_then(|s| serde_json::to_string(s).ok()),
        message: opening.message.clone(),
        created_by: actor,
        group_id: opening.group_id,
    };
    let match_id = matches::insert(tx, &new).await?;
    let action = format!("match.{}", opening.status.as_str());
    let entry = audit::AuditEntry {
        actor_id: Some(actor),
        action: &action,
        entity_type: "need_match",
        entity_id: match_id.to_string(),
        before: None,
        after: Some(opening.status.as_str().to_owned()),
        reason: None,
    };
    audit::record(tx, entry).await?;
    let (operators, members) = matches::sides(tx, need.village_code, opening.organisation_id).await?;
    let staff = matches::staff_of(tx, need.regency_code).await?;
    let mut told: Vec<i64> = match opening.origin {
        "partner_interest" => operators,
        "village_request" => members,
        _ => operators.into_iter().chain(members).collect(),
    };
    told.extend(staff);
    told.retain(|id| *id != actor);
    told.sort_unstable();
    told.dedup();
    let payload = serde_json::json!({ "title": need.title }).to_string();
    let notice =
        Notice { kind: &action, entity_type: "need_match", entity_id: match_id.to_string(), payload: Some(payload) };
    notify(tx, &told, &notice).await?;
    tx.announce(super::live::Event::for_staff(need.regency_code, "queue"));
    Ok(Opened::New(match_id))
}
