//! Matching rounds: staff of a jurisdiction (a regency's, or the province's) run a round
//! over the published needs and offers of a scope, read its proposal beside the greedy
//! pairing, and accept all or part of it — each accepted pair becomes a staff-proposed
//! match, introduced later as any other — or discard it. Rounds are kept with their
//! settings, proposal and decision, and audited.
//!
//! The round reads the matching index (the same facts and text vectors as the
//! suggestions), scores every compatible pair of the scope with the round's weights and
//! solves the assignment exactly (`domain::matching::assignment`) on a blocking thread.

use super::errors::{with_status, OrInternal};
use super::locale::validation_error;
use super::matching::{IndexedNeed, IndexedOffer, MatchIndex};
use super::matchmaking::{self, MatchedNeed, Opened, Opening};
use super::repo::postings::Guard;
use super::repo::{audit, regions, rounds as repo, settings as stored};
use super::AppState;
use crate::domain::account::CurrentUser;
use crate::domain::lifecycle::MatchStatus;
use crate::domain::matching::assignment::{greedy, optimal, Assignment};
use crate::domain::matching::round::{problem, RoundInput, RoundNeed, RoundOffer, RoundSettings, RoundStatus};
use crate::domain::matching::score::{score, Score};
use crate::domain::matching::text::cosine;
use crate::wire::error::AppError;
use crate::wire::regions::RegencyOption;
use crate::wire::rounds::{RoundAccepted, RoundDetail, RoundSetup, RoundTotals, ScopeOffer, SCOPE_OFFERS};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The caller's jurisdiction, for staff only.
fn jurisdiction(user: &CurrentUser) -> Result<Guard, AppError> {
    Guard::for_staff(user).ok_or_else(|| with_status(AppError::Forbidden))
}

/// Checks the form and fits its scope to the jurisdiction: a regency's staff cover their
/// regency and nothing else.
async fn checked(
    state: &AppState,
    guard: &Guard,
    input: &RoundInput,
) -> Result<(RoundSettings, Vec<RegencyOption>), AppError> {
    let all = regions::regencies(&state.pool).await.or_internal()?;
    let mut settings = input.validate(&|code| all.iter().any(|r| r.code == code)).map_err(validation_error)?;
    let regencies = match guard {
        Guard::Regency(own) => {
            if settings.scope.regencies.iter().any(|code| code != own) {
                return Err(with_status(AppError::Forbidden));
            }
            settings.scope.regencies = vec![own.clone()];
            all.into_iter().filter(|r| &r.code == own).collect()
        }
        _ => all,
    };
    Ok((settings, regencies))
}

/// The needs and offers of the index that take part in a round of these settings.
fn taking_part<'a>(index: &'a MatchIndex, settings: &RoundSettings) -> (Vec<&'a IndexedNeed>, Vec<&'a IndexedOffer>) {
    let scope = &settings.scope;
    let needs = index
        .needs
        .iter()
        .filter(|n| scope.takes_need(&n.facts.regency_code, n.facts.sector, n.facts.support_type))
        .collect();
    let offers = index.offers.iter().filter(|o| scope.takes_offer(o.offer_id, &o.facts)).collect();
    (needs, offers)
}

/// The round form's starting point for the scope chosen in the address (`input`'s scope).
pub async fn setup(state: &AppState, user: &CurrentUser, input: &RoundInput) -> Result<RoundSetup, AppError> {
    let guard = jurisdiction(user)?;
    let (settings, regencies) = checked(state, &guard, input).await?;
    let index = state.matcher.fresh_index(&state.pool).await.or_internal()?;
    let (needs, offers) = taking_part(&index, &settings);
    let own_regency = match &guard {
        Guard::Regency(_) => regencies.first().cloned(),
        _ => None,
    };
    let mut defaults = input.clone();
    if input.weights == RoundInput::default().weights {
        defaults.weights = stored::weights(&state.pool).await.or_internal()?;
    }
    Ok(RoundSetup {
        defaults,
        own_regency,
        regencies,
        needs: needs.len() as i64,
        offers_total: offers.len() as i64,
        offers: offers
            .iter()
            .take(SCOPE_OFFERS)
            .map(|o| ScopeOffer {
                offer_id: o.offer_id,
                title: o.title.clone(),
                organisation_name: o.organisation_name.clone(),
                places_left: (o.facts.capacity - o.facts.used).max(0),
                cohort: o.facts.cohort,
            })
            .collect(),
    })
}

/// A computed round, ready to be kept.
struct Computed {
    needs: i64,
    offers: i64,
    candidate_pairs: i64,
    proposal: RoundTotals,
    greedy: RoundTotals,
    upper_bound: f64,
    pairs: Vec<repo::NewPair>,
}

/// Scores, solves and explains a round (CPU-bound: run on a blocking thread).
fn compute(
    index: &MatchIndex,
    settings: &RoundSettings,
    served: &HashSet<String>,
    live: &HashSet<(i64, i64)>,
    today: &str,
) -> Computed {
    let (needs, offers) = taking_part(index, settings);
    let mut villages: Vec<&str> = Vec::new();
    let mut village_number: HashMap<&str, u32> = HashMap::new();
    let village_of: Vec<u32> = needs
        .iter()
        .map(|n| {
            *village_number.entry(n.village_code.as_str()).or_insert_with(|| {
                villages.push(n.village_code.as_str());
                villages.len() as u32 - 1
            })
        })
        .collect();
    let never_served: Vec<bool> = villages.iter().map(|code| !served.contains(*code)).collect();
    let round_needs: Vec<RoundNeed> = needs
        .iter()
        .zip(&village_of)
        .map(|(n, village)| RoundNeed { facts: &n.facts, vector: &n.vector, village: *village })
        .collect();
    let round_offers: Vec<RoundOffer> =
        offers.iter().map(|o| RoundOffer { facts: &o.facts, vector: &o.vector }).collect();
    let is_live = |need: usize, organisation: i64| live.contains(&(needs[need].need_id, organisation));
    let problem = problem(&round_needs, &round_offers, &never_served, settings, today, &is_live);
    let solution = optimal(&problem);
    let best_first = greedy(&problem);

    let explain = |need: usize, offer: usize| -> Option<Score> {
        let (n, o) = (needs[need], offers[offer]);
        score(&n.facts, &o.facts, cosine(&n.vector, &o.vector), &settings.weights, today).ok()
    };
    let mut pairs = Vec::new();
    let mut totals = |assignment: &Assignment, solution: &'static str| -> RoundTotals {
        let mut seen: HashSet<u32> = HashSet::new();
        let mut totals = RoundTotals { objective: assignment.total, ..RoundTotals::default() };
        for (need, offer) in assignment.pairs() {
            let village = village_of[need];
            let first_time = seen.insert(village) && never_served[village as usize];
            let Some(scored) = explain(need, offer as usize) else { continue };
            let mut bonus = settings.equity.status_bonus_of(needs[need].facts.village_status);
            if first_time {
                bonus += settings.equity.first_time_bonus;
                totals.first_time_villages += 1;
            }
            totals.pairs += 1;
            totals.total_score += scored.total;
            pairs.push(repo::NewPair {
                solution,
                need_id: needs[need].need_id,
                offer_id: offers[offer as usize].offer_id,
                village_code: villages[village as usize].to_owned(),
                score: scored.total,
                bonus,
                score_detail: serde_json::to_string(&scored).unwrap_or_default(),
                first_time,
            });
        }
        totals.villages = seen.len() as i64;
        totals
    };
    let proposal = totals(&solution.assignment, "optimal");
    let greedy = totals(&best_first, "greedy");
    Computed {
        needs: needs.len() as i64,
        offers: offers.len() as i64,
        candidate_pairs: problem.pairs.len() as i64,
        proposal,
        greedy,
        upper_bound: solution.upper_bound,
        pairs,
    }
}

/// Runs a round and keeps its proposal; returns its id.
pub async fn run(state: &AppState, user: &CurrentUser, input: &RoundInput) -> Result<i64, AppError> {
    let guard = jurisdiction(user)?;
    let (settings, _) = checked(state, &guard, input).await?;
    let index: Arc<MatchIndex> = state.matcher.fresh_index(&state.pool).await.or_internal()?;
    let served = repo::served_villages(&state.pool).await.or_internal()?;
    let live = repo::live_pairs(&state.pool).await.or_internal()?;
    let today = super::db::today();
    let started = std::time::Instant::now();
    let kept = settings.clone();
    let computed = tokio::task::spawn_blocking(move || compute(&index, &kept, &served, &live, &today))
        .await
        .map_err(|err| super::errors::internal_msg(&format!("matching round: {err}")))?;
    let solve_ms = started.elapsed().as_millis() as i64;
    let regency_code = match &guard {
        Guard::Regency(code) => Some(code.as_str()),
        _ => None,
    };
    let mut tx = state.write().await.or_internal()?;
    let round = repo::NewRound {
        regency_code,
        settings: serde_json::to_string(&settings).or_internal()?,
        needs: computed.needs,
        offers: computed.offers,
        candidate_pairs: computed.candidate_pairs,
        proposal: &computed.proposal,
        greedy: &computed.greedy,
        upper_bound: computed.upper_bound,
        solve_ms,
        created_by: user.user_id,
    };
    let round_id = repo::insert(&mut tx, &round).await.or_internal()?;
    repo::insert_pairs(&mut tx, round_id, &computed.pairs).await.or_internal()?;
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: "round.proposed",
        entity_type: "matching_round",
        entity_id: round_id.to_string(),
        before: None,
        after: Some(format!(
            "{} pairs, {} villages ({} first time), {} needs, {} offers",
            computed.proposal.pairs,
            computed.proposal.villages,
            computed.proposal.first_time_villages,
            computed.needs,
            computed.offers
        )),
        reason: None,
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    tx.commit().await.or_internal()?;
    tracing::info!(round_id, pairs = computed.proposal.pairs, millis = solve_ms, "matching round proposed");
    Ok(round_id)
}

/// One round of the caller's jurisdiction, with a page of its pairs.
pub async fn detail(state: &AppState, user: &CurrentUser, round_id: i64, page: u32) -> Result<RoundDetail, AppError> {
    let guard = jurisdiction(user)?;
    let row = repo::find(&state.pool, &guard, round_id).await.or_internal()?;
    let row = row.ok_or_else(|| with_status(AppError::NotFound))?;
    let settings: RoundSettings = serde_json::from_str(&row.settings).or_internal()?;
    let pairs = repo::pairs(&state.pool, round_id, page).await.or_internal()?;
    let (by_offer, offers_compared) = repo::comparison(&state.pool, round_id, true).await.or_internal()?;
    let (by_village, villages_compared) = repo::comparison(&state.pool, round_id, false).await.or_internal()?;
    Ok(RoundDetail {
        line: row.line(),
        settings,
        upper_bound: row.upper_bound,
        candidate_pairs: row.candidate_pairs,
        solve_ms: row.solve_ms,
        by_offer,
        offers_compared,
        by_village,
        villages_compared,
        pairs,
    })
}

/// Accepts a proposed round of the caller's jurisdiction: every pair of the proposal
/// (`chosen` none) or the chosen ones. Each is checked again — the need still published,
/// the offer still public with a place left, no live match between the two — and becomes
/// a staff-proposed match, or is skipped. One transaction; the round is decided once.
pub async fn accept(
    state: &AppState,
    user: &CurrentUser,
    round_id: i64,
    chosen: Option<Vec<i64>>,
) -> Result<RoundAccepted, AppError> {
    let guard = jurisdiction(user)?;
    let mut tx = state.write().await.or_internal()?;
    if !repo::decide(&mut tx, &guard, round_id, RoundStatus::Accepted, user.user_id).await.or_internal()? {
        drop(tx);
        return Err(refusal(state, &guard, round_id).await);
    }
    let rows = repo::undecided(&mut tx, round_id, chosen.as_deref()).await.or_internal()?;
    let mut taken: HashMap<i64, i64> = HashMap::new();
    let (mut accepted, mut skipped) = (0, 0);
    for row in rows {
        let places = taken.entry(row.offer_id).or_insert(0);
        let possible = row.need_status == "published"
            && row.offer_status == "published"
            && row.organisation_status == "verified"
            && row.used + *places < row.capacity;
        let score: Option<Score> = serde_json::from_str(&row.score_detail).ok();
        let opened = if possible {
            let opening = Opening {
                need: MatchedNeed {
                    need_id: row.need_id,
                    title: &row.need_title,
                    village_code: &row.village_code,
                    regency_code: &row.regency_code,
                },
                organisation_id: row.organisation_id,
                offer_id: Some(row.offer_id),
                origin: "staff",
                status: MatchStatus::Suggested,
                score: score.as_ref(),
                message: None,
                group_id: None,
            };
            match matchmaking::open(&mut tx, user.user_id, &opening).await {
                Ok(Opened::New(match_id)) => Some(match_id),
                Ok(Opened::Existing(_)) => None,
                Err(err) if super::errors::is_unique_violation(&err) => return Err(with_status(AppError::Conflict)),
                Err(err) => return Err(err).or_internal(),
            }
        } else {
            None
        };
        match opened {
            Some(match_id) => {
                *places += 1;
                accepted += 1;
                repo::set_outcome(&mut tx, row.matching_round_pair_id, "accepted", Some(match_id)).await
            }
            None => {
                skipped += 1;
                repo::set_outcome(&mut tx, row.matching_round_pair_id, "skipped", None).await
            }
        }
        .or_internal()?;
    }
    repo::set_counts(&mut tx, round_id, accepted, skipped).await.or_internal()?;
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: "round.accepted",
        entity_type: "matching_round",
        entity_id: round_id.to_string(),
        before: Some(RoundStatus::Proposed.as_str().to_owned()),
        after: Some(format!("{accepted} accepted, {skipped} skipped")),
        reason: None,
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    tx.commit().await.or_internal()?;
    Ok(RoundAccepted { accepted, skipped })
}

/// Discards a proposed round of the caller's jurisdiction (kept, with nothing accepted).
pub async fn discard(state: &AppState, user: &CurrentUser, round_id: i64) -> Result<(), AppError> {
    let guard = jurisdiction(user)?;
    let mut tx = state.write().await.or_internal()?;
    if !repo::decide(&mut tx, &guard, round_id, RoundStatus::Discarded, user.user_id).await.or_internal()? {
        drop(tx);
        return Err(refusal(state, &guard, round_id).await);
    }
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: "round.discarded",
        entity_type: "matching_round",
        entity_id: round_id.to_string(),
        before: Some(RoundStatus::Proposed.as_str().to_owned()),
        after: Some(RoundStatus::Discarded.as_str().to_owned()),
        reason: None,
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    tx.commit().await.or_internal()
}

/// Why a decision changed nothing: no such round here (404), or decided already (409).
async fn refusal(state: &AppState, guard: &Guard, round_id: i64) -> AppError {
    match repo::find(&state.pool, guard, round_id).await {
        Ok(Some(_)) => with_status(AppError::Conflict),
        Ok(None) => with_status(AppError::NotFound),
        Err(err) => super::errors::internal(err),
    }
}
