//! Clustered opportunities (`domain::matching::cluster`, kept with the matching index, so
//! they follow the needs): their cards for `/peluang` and partners' dashboards, a cluster's
//! page, and a partner's interest in all or part of one — one match per need, grouped.

use super::errors::{with_status, OrInternal};
use super::locale::validation_error;
use super::matching::MatchIndex;
use super::matchmaking::{self, MatchedNeed, Opened, Opening};
use super::repo::{matches, offers, settings};
use super::AppState;
use crate::domain::account::{CurrentUser, Scope};
use crate::domain::lifecycle::MatchStatus;
use crate::domain::matching::cluster::Cluster;
use crate::domain::matching::score::compatibility;
use crate::domain::organisation::OrganisationStatus;
use crate::domain::search::ValidNeedQuery;
use crate::domain::validation::{FieldError, Problem};
use crate::wire::clusters::{ClusterCard, ClusterDetail, ClusterNeed, GroupOutcome};
use crate::wire::error::AppError;

/// How many cluster cards a list shows.
pub const SHOWN: usize = 6;

fn card(index: &MatchIndex, cluster: &Cluster) -> Option<ClusterCard> {
    let seed = index.need(cluster.seed)?;
    Some(ClusterCard {
        seed: cluster.seed,
        support_type: cluster.support_type.as_str().to_owned(),
        sector: cluster.sector.as_str().to_owned(),
        regency_code: cluster.regency_code.clone(),
        regency_name: seed.regency_name.clone(),
        villages: cluster.villages as i64,
        needs: cluster.needs.len() as i64,
        example: seed.title.clone(),
    })
}

/// The clusters of a `/peluang` view (its regency, district, sector and support type),
/// those of most villages first.
pub fn for_view(index: &MatchIndex, query: &ValidNeedQuery) -> Vec<ClusterCard> {
    let in_district = |cluster: &Cluster, district: &str| {
        cluster.needs.iter().filter_map(|id| index.need(*id)).any(|n| n.facts.district_code == district)
    };
    index
        .clusters
        .iter()
        .filter(|c| query.regency.as_ref().is_none_or(|r| *r == c.regency_code))
        .filter(|c| query.district.as_ref().is_none_or(|d| in_district(c, d)))
        .filter(|c| query.sector.is_none_or(|s| s == c.sector))
        .filter(|c| query.support.is_none_or(|s| s == c.support_type))
        .filter_map(|c| card(index, c))
        .take(SHOWN)
        .collect()
}

/// The clusters that a partner's published offers could take up: an offer fits the seed
/// need (support type, region, window, places left) and lists the cluster's sector.
pub fn for_partner(index: &MatchIndex, organisation_id: i64) -> Vec<ClusterCard> {
    let today = super::db::today();
    let own: Vec<_> = index.offers.iter().filter(|o| o.organisation_id == organisation_id).collect();
    index
        .clusters
        .iter()
        .filter(|c| {
            index.need(c.seed).is_some_and(|seed| {
                own.iter().any(|o| {
                    o.facts.sectors.contains(&c.sector) && compatibility(&seed.facts, &o.facts, &today).is_ok()
                })
            })
        })
        .filter_map(|c| card(index, c))
        .take(SHOWN)
        .collect()
}

/// The organisation of a verified partner member.
pub fn verified_organisation(user: &CurrentUser) -> Option<i64> {
    match &user.scope {
        Scope::Organisation { id, status: OrganisationStatus::Verified, .. } => Some(*id),
        _ => None,
    }
}

/// A cluster's page (public: its needs are published). A verified partner also sees which
/// needs it already has a match with, and its offers to name.
pub async fn detail(state: &AppState, caller: Option<&CurrentUser>, seed: i64) -> Result<ClusterDetail, AppError> {
    let index = state.matcher.index(&state.pool).await.or_internal()?;
    let cluster = index.cluster(seed).ok_or_else(|| with_status(AppError::NotFound))?;
    let card = card(&index, cluster).ok_or_else(|| with_status(AppError::NotFound))?;
    let organisation = caller.and_then(verified_organisation);
    let live = match organisation {
        Some(id) => matches::live_by_organisation(&state.pool, id).await.or_internal()?,
        None => Default::default(),
    };
    let needs = cluster
        .needs
        .iter()
        .filter_map(|id| index.need(*id))
        .map(|n| ClusterNeed {
            need_id: n.need_id,
            title: n.title.clone(),
            village_code: n.village_code.clone(),
            village_name: n.village_name.clone(),
            matched: live.contains_key(&n.need_id),
        })
        .collect();
    let offers = match organisation {
        Some(id) => Some(offers::published_titles(&state.pool, id).await.or_internal()?),
        None => None,
    };
    Ok(ClusterDetail { card, needs, offers })
}

/// A verified partner's interest in the chosen needs of a cluster (each must be one of
/// it), optionally naming one of its published offers: one match per need still published
/// and not yet matched with the partner, all in one group, in one transaction.
pub async fn express(
    state: &AppState,
    user: &CurrentUser,
    seed: i64,
    chosen: &[i64],
    offer_id: Option<i64>,
    message: Option<String>,
) -> Result<GroupOutcome, AppError> {
    let organisation_id = verified_organisation(user).ok_or_else(|| with_status(AppError::Forbidden))?;
    let index = state.matcher.fresh_index(&state.pool).await.or_internal()?;
    let cluster = index.cluster(seed).ok_or_else(|| with_status(AppError::NotFound))?;
    if chosen.is_empty() {
        return Err(validation_error(vec![FieldError::new("needs", Problem::Required)]));
    }
    if chosen.iter().any(|id| !cluster.needs.contains(id)) {
        return Err(validation_error(vec![FieldError::new("needs", Problem::InvalidChoice)]));
    }
    if let Some(offer_id) = offer_id {
        let offer = offers::find(&state.pool, offer_id).await.or_internal()?;
        if !offer.is_some_and(|o| o.organisation_id == organisation_id && o.is_public()) {
            return Err(with_status(AppError::NotFound));
        }
    }
    let weights = settings::weights(&state.pool).await.or_internal()?;
    let mut tx = state.write().await.or_internal()?;
    let published = matches::published_among(&mut tx, chosen).await.or_internal()?;
    let group_id = matches::insert_group(&mut tx, organisation_id, seed, user.user_id).await.or_internal()?;
    let (mut done, mut skipped) = (0, chosen.len() as i64 - published.len() as i64);
    for need in published.iter().filter_map(|id| index.need(*id)) {
        let score = offer_id.and_then(|offer| index.pair(need.need_id, offer, &weights));
        let opening = Opening {
            need: MatchedNeed {
                need_id: need.need_id,
                title: &need.title,
                village_code: &need.village_code,
                regency_code: &need.facts.regency_code,
            },
            organisation_id,
            offer_id,
            origin: "partner_interest",
            status: MatchStatus::Interested,
            score: score.as_ref(),
            message: message.clone(),
            group_id: Some(group_id),
        };
        match matchmaking::open(&mut tx, user.user_id, &opening).await {
            Ok(Opened::New(_)) => done += 1,
            Ok(Opened::Existing(_)) => skipped += 1,
            Err(err) if super::errors::is_unique_violation(&err) => return Err(with_status(AppError::Conflict)),
            Err(err) => return Err(err).or_internal(),
        }
    }
    // Nothing new: no empty group is kept.
    if done > 0 {
        tx.commit().await.or_internal()?;
    }
    Ok(GroupOutcome { done, skipped })
}
