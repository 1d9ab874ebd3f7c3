//! A partner's own offers: read in any state, write, submit, withdraw, list; the region
//! choices of the offer and organisation forms. The workflows are the posting ones
//! (`ssr::posting`), shared with needs.

use crate::domain::offer::OfferInput;
use crate::wire::error::AppError;
use crate::wire::offers::OfferDetail;
use crate::wire::postings::PostingLine;
use crate::wire::regions::RegionGroup;
use leptos::prelude::*;

/// An offer by id: public ones for everybody, others for the organisation's members and
/// the staff who moderate it.
#[server(endpoint = "offer_detail")]
pub async fn get_offer_detail(offer_id: i64) -> Result<OfferDetail, AppError> {
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::offers;
    use crate::ssr::{auth, posting, AppState};

    let state = AppState::current()?;
    let caller = auth::caller().await?;
    let found = offers::find(&state.pool, offer_id).await.or_internal()?;
    let record = found
        .filter(|o| crate::domain::access::may_see(caller.as_ref(), &o.facts()))
        .ok_or_else(|| with_status(AppError::NotFound))?;
    let state_of = posting::state_for(caller.as_ref(), &record.posting());
    let pending_revision = match state_of.insider {
        true => offers::pending_revision(&state.pool, &record).await.or_internal()?,
        false => None,
    };
    Ok(OfferDetail {
        card: record.card(),
        content: record.content,
        organisation_status: record.organisation_status,
        state: state_of,
        pending_revision,
    })
}

/// Saves an offer. Without `offer_id` it creates a draft; a draft or returned offer is
/// changed in place; a published one gets a revision that waits for moderation.
#[server(endpoint = "save_offer")]
pub async fn save_offer(offer_id: String, offer: OfferInput) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::domain::posting::PostingKind;
    use crate::ssr::db::today;
    use crate::ssr::errors::OrInternal;
    use crate::ssr::locale::validation_error_with_input;
    use crate::ssr::posting::{self, Content};
    use crate::ssr::repo::regions;
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::PartnerMember).await?;
    let state = AppState::current()?;
    let known = regions::area_codes(&state.pool).await.or_internal()?;
    let valid = offer
        .validate(&today(), &|code| known.contains(code))
        .map_err(|errors| validation_error_with_input(errors, offer.fields()))?;
    let id = super::optional_id(&offer_id)?;
    let offer_id = posting::save(&state, &user, id, Content::Offer(&valid), None).await?;
    leptos_axum::redirect(&PostingKind::Offer.path(offer_id));
    Ok(())
}

/// A member sends a draft or returned offer to moderation.
#[server(endpoint = "submit_offer")]
pub async fn submit_offer(offer_id: i64) -> Result<(), AppError> {
    use crate::domain::lifecycle::PostingAction;
    super::owner_action(crate::domain::posting::PostingKind::Offer, offer_id, PostingAction::Submit).await
}

/// A member takes an offer back (from draft, moderation or publication).
#[server(endpoint = "withdraw_offer")]
pub async fn withdraw_offer(offer_id: i64) -> Result<(), AppError> {
    use crate::domain::lifecycle::PostingAction;
    super::owner_action(crate::domain::posting::PostingKind::Offer, offer_id, PostingAction::Withdraw).await
}

/// All offers of the caller's organisation, in every state.
#[server(endpoint = "my_offers")]
pub async fn my_offers() -> Result<Vec<PostingLine>, AppError> {
    super::my_postings(crate::domain::posting::PostingKind::Offer).await
}

/// Every regency with its districts, for choosing an area. Public registry data.
#[server(endpoint = "region_groups")]
pub async fn region_groups() -> Result<Vec<RegionGroup>, AppError> {
    use crate::domain::region::RegionLevel;
    use crate::ssr::errors::OrInternal;
    use crate::ssr::repo::regions;
    use crate::ssr::AppState;

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
