//! A partner's own offers: read in any state, write, submit, withdraw, list; the region
//! choices of the offer and organisation forms.

use crate::api::offers::OfferCard;
use crate::domain::lifecycle::PostingStatus;
use crate::domain::offer::OfferInput;
use crate::domain::organisation::OrganisationStatus;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One offer as the caller may see it. Visitors get public offers only and never
/// `status_reason` or the pending revision. Nothing here is contact data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferDetail {
    pub card: OfferCard,
    /// The stored content as form text (for the edit form).
    pub content: OfferInput,
    pub status: PostingStatus,
    pub status_reason: Option<String>,
    pub organisation_status: OrganisationStatus,
    pub pending_revision: Option<OfferRevision>,
    pub can_edit: bool,
    pub can_moderate: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferRevision {
    pub revision_id: i64,
    pub card: OfferCard,
    pub content: OfferInput,
    pub created_at: String,
}

/// An offer in a list (the partner's own, or a moderation queue).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferLine {
    pub offer_id: i64,
    pub title: String,
    pub status: PostingStatus,
    pub organisation_name: String,
    pub since: String,
    /// Set for a pending revision in the moderation queue.
    pub revision_id: Option<i64>,
}

/// A regency with its districts, for the area checkboxes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionGroup {
    pub code: String,
    pub name: String,
    pub districts: Vec<(String, String)>,
}

/// An offer by id: public ones for everybody, others for the organisation's members and
/// the staff who moderate it.
#[server(endpoint = "offer_detail")]
pub async fn get_offer_detail(offer_id: i64) -> Result<OfferDetail, AppError> {
    use crate::server::errors::{with_status, OrInternal};
    use crate::server::repo::{offer_search, offers};
    use crate::server::{auth, AppState};

    let state = AppState::current()?;
    let caller = auth::caller().await?;
    let found = offers::find(&state.pool, offer_id).await.or_internal()?;
    let record =
        found.filter(|o| offers::may_see(caller.as_ref(), o)).ok_or_else(|| with_status(AppError::NotFound))?;
    let card = offer_search::card_any_status(&state.pool, offer_id).await.or_internal()?;
    let card = card.ok_or_else(|| with_status(AppError::NotFound))?;
    let insider = offers::is_insider(caller.as_ref(), &record);
    let pending_revision = match insider {
        true => match offers::pending_revision(&state.pool, Some(offer_id), None).await.or_internal()? {
            Some((revision_id, _, valid, created_at)) => {
                let regencies = offer_search::area_names(&state.pool, &valid.area).await.or_internal()?;
                let input = valid.to_input();
                let card = OfferCard {
                    title: valid.title.clone(),
                    description: valid.description.clone(),
                    support_type: input.support_type.clone(),
                    resource_kind: valid.resource_kind.map(|k| k.as_str().to_owned()),
                    sectors: input.sectors.clone(),
                    serves_province: valid.area.whole_province,
                    regencies,
                    capacity: valid.capacity,
                    window_start: valid.window_start.clone(),
                    window_end: valid.window_end.clone(),
                    value_idr: valid.value_idr,
                    preferred_status: valid.preferred_status.map(|s| s.as_str().to_owned()),
                    ..card.clone()
                };
                Some(OfferRevision { revision_id, card, content: input, created_at })
            }
            None => None,
        },
        false => None,
    };
    Ok(OfferDetail {
        can_edit: offers::may_edit(caller.as_ref(), &record),
        can_moderate: offers::may_moderate(caller.as_ref(), &record),
        status_reason: if insider { record.status_reason.clone() } else { None },
        card,
        content: record.content,
        status: record.status,
        organisation_status: record.organisation_status,
        pending_revision,
    })
}

/// Saves an offer. Without `offer_id` it creates a draft; a draft or returned offer is
/// changed in place; a published one gets a revision that waits for moderation.
#[server(endpoint = "save_offer")]
pub async fn save_offer(offer_id: String, offer: OfferInput) -> Result<(), AppError> {
    use crate::domain::account::{Requirement, Scope};
    use crate::server::db::today;
    use crate::server::errors::{with_status, OrInternal};
    use crate::server::locale::validation_error_with_input;
    use crate::server::repo::{audit, offers, regions};
    use crate::server::{auth, AppState};

    let user = auth::require(Requirement::PartnerMember).await?;
    let Scope::Organisation { id: organisation_id, .. } = &user.scope else {
        return Err(with_status(AppError::Forbidden));
    };
    let state = AppState::current()?;
    let known = regions::area_codes(&state.pool).await.or_internal()?;
    let valid = offer
        .validate(&today(), &|code| known.contains(code))
        .map_err(|errors| validation_error_with_input(errors, offer.fields()))?;
    let existing = match offer_id.trim() {
        "" => None,
        id => {
            let id: i64 = id.parse().map_err(|_| with_status(AppError::NotFound))?;
            let found = offers::find(&state.pool, id).await.or_internal()?;
            let found =
                found.filter(|o| offers::may_see(Some(&user), o)).ok_or_else(|| with_status(AppError::NotFound))?;
            if !offers::may_edit(Some(&user), &found) {
                return Err(with_status(AppError::Forbidden));
            }
            Some(found)
        }
    };

    let mut tx = state.pool.begin().await.or_internal()?;
    let (offer_id, action, entity_type, entity_id) = match existing {
        None => {
            let id = offers::insert_draft(&mut tx, *organisation_id, user.user_id, &valid).await.or_internal()?;
            (id, "offer.created", "offer", id)
        }
        Some(found) if found.status == PostingStatus::Published => {
            let revision =
                offers::propose_revision(&mut tx, found.offer_id, user.user_id, &valid).await.or_internal()?;
            (found.offer_id, "offer.revision_proposed", "offer_revision", revision)
        }
        Some(found) => {
            if !offers::update_content(&mut tx, found.offer_id, &valid).await.or_internal()? {
                return Err(with_status(AppError::Conflict));
            }
            (found.offer_id, "offer.edited", "offer", found.offer_id)
        }
    };
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action,
        entity_type,
        entity_id: entity_id.to_string(),
        before: None,
        after: Some(valid.title.clone()),
        reason: None,
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    tx.commit().await.or_internal()?;
    if entity_type == "offer_revision" {
        // Both the published area and the proposed one decide who moderates the revision.
        state.live.publish(offers::moderators_event(&valid.area, "queue"));
    }
    tracing::info!(offer_id, action, "offer saved");
    leptos_axum::redirect(&format!("/penawaran/{offer_id}"));
    Ok(())
}

/// A member sends a draft or returned offer to moderation.
#[server(endpoint = "submit_offer")]
pub async fn submit_offer(offer_id: i64) -> Result<(), AppError> {
    use crate::domain::lifecycle::PostingAction;
    owner_transition(offer_id, PostingAction::Submit, "offer.submitted").await
}

/// A member takes an offer back (from draft, moderation or publication).
#[server(endpoint = "withdraw_offer")]
pub async fn withdraw_offer(offer_id: i64) -> Result<(), AppError> {
    use crate::domain::lifecycle::PostingAction;
    owner_transition(offer_id, PostingAction::Withdraw, "offer.withdrawn").await
}

#[cfg(feature = "ssr")]
async fn owner_transition(
    offer_id: i64,
    action: crate::domain::lifecycle::PostingAction,
    audit_action: &str,
) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::server::errors::{with_status, OrInternal};
    use crate::server::repo::{audit, offers};
    use crate::server::{auth, AppState};

    let user = auth::require(Requirement::PartnerMember).await?;
    let state = AppState::current()?;
    let found = offers::find(&state.pool, offer_id).await.or_internal()?;
    let offer = found.filter(|o| offers::may_see(Some(&user), o)).ok_or_else(|| with_status(AppError::NotFound))?;
    if !offers::is_member(&user, offer.organisation_id) {
        return Err(with_status(AppError::Forbidden));
    }
    let to = offer.status.apply(action).map_err(|_| with_status(AppError::Conflict))?;
    let mut tx = state.pool.begin().await.or_internal()?;
    if !offers::transition(&mut tx, offer_id, offer.status, to, None).await.or_internal()? {
        return Err(with_status(AppError::Conflict));
    }
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: audit_action,
        entity_type: "offer",
        entity_id: offer_id.to_string(),
        before: Some(offer.status.as_str().to_owned()),
        after: Some(to.as_str().to_owned()),
        reason: None,
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    tx.commit().await.or_internal()?;
    // The moderators' queues change when an offer enters or leaves moderation.
    state.live.publish(offers::moderators_event(&offer.area(), "queue"));
    leptos_axum::redirect(&format!("/penawaran/{offer_id}"));
    Ok(())
}

/// All offers of the caller's organisation, in every state.
#[server(endpoint = "my_offers")]
pub async fn my_offers() -> Result<Vec<OfferLine>, AppError> {
    use crate::domain::account::{Requirement, Scope};
    use crate::server::errors::{with_status, OrInternal};
    use crate::server::repo::offers;
    use crate::server::{auth, AppState};

    let user = auth::require(Requirement::PartnerMember).await?;
    let Scope::Organisation { id, .. } = &user.scope else {
        return Err(with_status(AppError::Forbidden));
    };
    let state = AppState::current()?;
    offers::of_organisation(&state.pool, *id).await.or_internal()
}

/// Every regency with its districts, for choosing an area. Public registry data.
#[server(endpoint = "region_groups")]
pub async fn region_groups() -> Result<Vec<RegionGroup>, AppError> {
    use crate::domain::region::RegionLevel;
    use crate::server::errors::OrInternal;
    use crate::server::repo::regions;
    use crate::server::AppState;

    let state = AppState::current()?;
    let regencies = regions::all_at(&state.pool, RegionLevel::Regency).await.or_internal()?;
    let districts = regions::all_at(&state.pool, RegionLevel::District).await.or_internal()?;
    Ok(regencies
        .into_iter()
        .map(|r| RegionGroup {
            districts: districts
                .iter()
                .filter(|d| d.parent_code == r.code)
                .map(|d| (d.code.clone(), d.name.clone()))
                .collect(),
            code: r.code,
            name: r.name,
        })
        .collect())
}
