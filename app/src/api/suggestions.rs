//! Suggestions of the matchmaking engine, with the explanation of every score: offers for
//! a need (its village's operators and the staff of its regency), needs for an offer (its
//! organisation's members and staff), and the dashboards' summaries.

use crate::wire::error::AppError;
use crate::wire::suggestions::{NeedPanel, NeedSuggestions, OfferPanel, Suggestion};
use leptos::prelude::*;

/// The best offers for a published need. Its village's operators and the staff of its regency.
#[server(endpoint = "suggested_offers")]
pub async fn suggested_offers(need_id: i64) -> Result<Vec<Suggestion>, AppError> {
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::{matches, needs, settings};
    use crate::ssr::{auth, AppState};
    use crate::wire::suggestions::TOP;

    let user = auth::require(crate::domain::account::Requirement::SignedIn).await?;
    let state = AppState::current()?;
    let need = needs::find(&state.pool, need_id).await.or_internal()?;
    let need = need
        .filter(|n| crate::domain::access::is_insider(Some(&user), &n.facts()))
        .ok_or_else(|| with_status(AppError::NotFound))?;
    let weights = settings::weights(&state.pool).await.or_internal()?;
    let index = state.matcher.index(&state.pool).await.or_internal()?;
    let live = matches::live_by_need(&state.pool, need.need_id).await.or_internal()?;
    Ok(index
        .offers_for(need_id, &weights, TOP)
        .into_iter()
        .map(|(offer, score)| Suggestion {
            need_id,
            offer_id: offer.offer_id,
            title: offer.title.clone(),
            by: offer.organisation_name.clone(),
            score,
            match_id: live.get(&offer.organisation_id).copied(),
        })
        .collect())
}

/// The best needs for a published offer: its organisation's members, and staff (regency
/// staff see the needs of their regency).
#[server(endpoint = "suggested_needs")]
pub async fn suggested_needs(offer_id: i64) -> Result<Vec<Suggestion>, AppError> {
    use crate::domain::account::Scope;
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::{matches, offers, settings};
    use crate::ssr::{auth, AppState};
    use crate::wire::suggestions::TOP;

    let user = auth::require(crate::domain::account::Requirement::SignedIn).await?;
    let state = AppState::current()?;
    let offer = offers::find(&state.pool, offer_id).await.or_internal()?;
    let offer = offer
        .filter(|o| {
            let facts = o.facts();
            crate::domain::access::is_owner(&user, &facts.owner)
                || (user.role.is_staff() && crate::domain::access::may_see(Some(&user), &facts))
        })
        .ok_or_else(|| with_status(AppError::NotFound))?;
    let weights = settings::weights(&state.pool).await.or_internal()?;
    let index = state.matcher.index(&state.pool).await.or_internal()?;
    let live = matches::live_by_organisation(&state.pool, offer.organisation_id).await.or_internal()?;
    let regency = match &user.scope {
        Scope::Regency { code, .. } => Some(code.clone()),
        _ => None,
    };
    // Regency staff get the best of their regency: ask for more, keep theirs.
    let k = if regency.is_some() { TOP * 20 } else { TOP };
    Ok(index
        .needs_for(offer_id, &weights, k)
        .into_iter()
        .filter(|(need, _)| regency.as_ref().is_none_or(|code| need.facts.regency_code == *code))
        .take(TOP)
        .map(|(need, score)| Suggestion {
            need_id: need.need_id,
            offer_id,
            title: need.title.clone(),
            by: format!("{}, {}", need.village_name, need.regency_name),
            score,
            match_id: live.get(&need.need_id).copied(),
        })
        .collect())
}

#[server(endpoint = "need_panel")]
pub async fn need_panel_for_caller(need_id: i64) -> Result<NeedPanel, AppError> {
    use crate::domain::account::{Role, Scope};
    use crate::domain::lifecycle::PostingStatus;
    use crate::domain::organisation::OrganisationStatus;
    use crate::ssr::errors::OrInternal;
    use crate::ssr::repo::{needs, offers};
    use crate::ssr::{auth, AppState};

    let Some(user) = auth::caller().await? else { return Ok(NeedPanel::Nothing) };
    let state = AppState::current()?;
    let need = needs::find(&state.pool, need_id).await.or_internal()?;
    let Some(need) = need.filter(|n| n.status == PostingStatus::Published) else { return Ok(NeedPanel::Nothing) };
    if crate::domain::access::is_insider(Some(&user), &need.facts()) {
        let list = suggested_offers(need_id).await?;
        return Ok(NeedPanel::Suggestions { list, can_propose: user.role.is_staff() });
    }
    Ok(match (&user.role, &user.scope) {
        (Role::PartnerMember, Scope::Organisation { id, status: OrganisationStatus::Verified, .. }) => {
            NeedPanel::Interest { offers: offers::published_titles(&state.pool, *id).await.or_internal()? }
        }
        (Role::PartnerMember, _) => NeedPanel::Unverified,
        _ => NeedPanel::Nothing,
    })
}

#[server(endpoint = "offer_panel")]
pub async fn offer_panel_for_caller(offer_id: i64) -> Result<OfferPanel, AppError> {
    use crate::domain::account::Scope;
    use crate::domain::lifecycle::PostingStatus;
    use crate::domain::posting::PostingKind;
    use crate::ssr::errors::OrInternal;
    use crate::ssr::repo::offers;
    use crate::ssr::repo::postings::{self, OwnerKey};
    use crate::ssr::{auth, AppState};

    let Some(user) = auth::caller().await? else { return Ok(OfferPanel::Nothing) };
    let state = AppState::current()?;
    let offer = offers::find(&state.pool, offer_id).await.or_internal()?;
    let Some(offer) = offer.filter(|o| o.is_public()) else { return Ok(OfferPanel::Nothing) };
    if crate::domain::access::is_owner(&user, &offer.facts().owner) || user.role.is_staff() {
        return Ok(OfferPanel::Suggestions { list: suggested_needs(offer_id).await? });
    }
    Ok(match &user.scope {
        Scope::Village { code, .. } => {
            let key = OwnerKey::Village(code.clone());
            let needs = postings::of_owner(&state.pool, PostingKind::Need, &key).await.or_internal()?;
            OfferPanel::Request {
                needs: needs
                    .into_iter()
                    .filter(|n| n.status == PostingStatus::Published)
                    .map(|n| (n.posting_id, n.title))
                    .collect(),
            }
        }
        _ => OfferPanel::Nothing,
    })
}

/// "Opportunities for you": the best needs across the partner's published offers, each need
/// once (with its best offer).
#[server(endpoint = "my_opportunities")]
pub async fn my_opportunities() -> Result<Vec<Suggestion>, AppError> {
    use crate::domain::account::{Requirement, Scope};
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::{matches, settings};
    use crate::ssr::{auth, AppState};
    use crate::wire::suggestions::TOP;

    let user = auth::require(Requirement::PartnerMember).await?;
    let Scope::Organisation { id, .. } = &user.scope else {
        return Err(with_status(AppError::Forbidden));
    };
    let state = AppState::current()?;
    let weights = settings::weights(&state.pool).await.or_internal()?;
    let index = state.matcher.index(&state.pool).await.or_internal()?;
    let live = matches::live_by_organisation(&state.pool, *id).await.or_internal()?;
    let mut best: Vec<Suggestion> = Vec::new();
    for offer in index.offers.iter().filter(|o| o.organisation_id == *id) {
        for (need, score) in index.needs_for(offer.offer_id, &weights, TOP) {
            match best.iter_mut().find(|s| s.need_id == need.need_id) {
                Some(existing) if existing.score.total >= score.total => {}
                Some(existing) => {
                    existing.offer_id = offer.offer_id;
                    existing.score = score;
                }
                None => best.push(Suggestion {
                    need_id: need.need_id,
                    offer_id: offer.offer_id,
                    title: need.title.clone(),
                    by: format!("{}, {}", need.village_name, need.regency_name),
                    score,
                    match_id: live.get(&need.need_id).copied(),
                }),
            }
        }
    }
    best.sort_by(|a, b| b.score.total.total_cmp(&a.score.total).then(a.need_id.cmp(&b.need_id)));
    best.truncate(TOP * 2);
    Ok(best)
}

/// The matching weights in use (staff).
#[server(endpoint = "matching_weights")]
pub async fn matching_weights() -> Result<crate::domain::matching::score::Weights, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::errors::OrInternal;
    use crate::ssr::repo::settings;
    use crate::ssr::{auth, AppState};

    auth::require(Requirement::Staff).await?;
    let state = AppState::current()?;
    settings::weights(&state.pool).await.or_internal()
}

/// Administrators change the matching weights; each in [0, 1], not all zero; audited.
#[server(endpoint = "save_matching_weights")]
pub async fn save_matching_weights(weights: crate::domain::matching::score::Weights) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::domain::matching::score::Factor;
    use crate::domain::validation::{FieldError, Problem};
    use crate::ssr::errors::OrInternal;
    use crate::ssr::locale::validation_error;
    use crate::ssr::repo::{audit, settings};
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::Admin).await?;
    let errors: Vec<FieldError> = Factor::ALL
        .iter()
        .filter(|f| !(0.0..=1.0).contains(&weights.of(**f)))
        .map(|f| FieldError::new(f.as_str(), Problem::OutOfRange { min: 0, max: 1 }))
        .collect();
    if !errors.is_empty() {
        return Err(validation_error(errors));
    }
    if !weights.is_valid() {
        return Err(validation_error(vec![FieldError::new("support", Problem::Required)]));
    }
    let state = AppState::current()?;
    let before = settings::weights(&state.pool).await.or_internal()?;
    let mut tx = state.write().await.or_internal()?;
    settings::save_weights(&mut tx, &weights, user.user_id).await.or_internal()?;
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: "setting.weights",
        entity_type: "setting",
        entity_id: settings::WEIGHTS_KEY.to_owned(),
        before: serde_json::to_string(&before).ok(),
        after: serde_json::to_string(&weights).ok(),
        reason: None,
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    tx.commit().await.or_internal()?;
    crate::ssr::outcome::keep(crate::wire::outcome::Outcome::WeightsSaved).await?;
    leptos_axum::redirect("/pengaturan");
    Ok(())
}

/// Suggested partners for each published need of the operator's village (the best three).
#[server(endpoint = "village_suggestions")]
pub async fn village_suggestions() -> Result<Vec<NeedSuggestions>, AppError> {
    use crate::domain::account::{Requirement, Scope};
    use crate::domain::posting::PostingKind;
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::postings::{self, OwnerKey};
    use crate::ssr::repo::{matches, settings};
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::VillageOperator).await?;
    let Scope::Village { code, .. } = &user.scope else {
        return Err(with_status(AppError::Forbidden));
    };
    let state = AppState::current()?;
    let weights = settings::weights(&state.pool).await.or_internal()?;
    let index = state.matcher.index(&state.pool).await.or_internal()?;
    let mut out = Vec::new();
    let key = OwnerKey::Village(code.clone());
    for line in postings::of_owner(&state.pool, PostingKind::Need, &key).await.or_internal()? {
        if line.status != crate::domain::lifecycle::PostingStatus::Published {
            continue;
        }
        let need_id = line.posting_id;
        let live = matches::live_by_need(&state.pool, need_id).await.or_internal()?;
        let suggestions = index
            .offers_for(need_id, &weights, 3)
            .into_iter()
            .map(|(offer, score)| Suggestion {
                need_id,
                offer_id: offer.offer_id,
                title: offer.title.clone(),
                by: offer.organisation_name.clone(),
                score,
                match_id: live.get(&offer.organisation_id).copied(),
            })
            .collect();
        out.push((line, suggestions));
    }
    Ok(out)
}
