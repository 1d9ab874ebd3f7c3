//! Programmes at the target scale. A matching round (issue 14): 10,000 published needs in 1,080
//! villages and 2,000 offers with 5,000 places in all (one in ten a cohort), every
//! compatible pair scored with the default weights, the equity settings of the form's
//! defaults (first-time bonus 0.10, status bonus 0.05 for "Berkembang" and below, at most
//! two offers per village). Prints the time to score the pairs and to solve, the proposal
//! beside best first, and the solver's certificate: its upper bound on any assignment.
//! Then checks the usual start (each need's best few pairs, priced in) against a solve of
//! the whole network with every pair from the start, where that is quick enough.
//! Target: ≤ 5 s on one core, within 1 % of the exact optimum.
//!
//! Then clusters 100,000 published needs (issue 14): the time to group them all (the
//! matching index does it whenever the needs change) and what it finds.
//!
//! Run: `cargo bench -p app --bench programmes`

mod generated;

use app::domain::matching::assignment::{greedy, optimal, optimal_from, Problem};
use app::domain::matching::cluster::{clusters, Item};
use app::domain::matching::round::{problem, Equity, RoundNeed, RoundOffer, RoundScope, RoundSettings};
use app::domain::matching::score::Weights;
use app::domain::posting::DevelopmentStatus;
use generated::{data, Data};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-28";

fn settings(max_per_village: Option<u32>) -> RoundSettings {
    RoundSettings {
        scope: RoundScope::default(),
        weights: Weights::default(),
        equity: Equity {
            first_time_bonus: 0.10,
            status_bonus: 0.05,
            status_up_to: Some(DevelopmentStatus::Berkembang),
            max_per_village,
        },
    }
}

/// The round's problem over generated postings: each need's village follows from its
/// district (nine villages a district), two in three villages were never served, each
/// offer has one to four places and every tenth is a cohort.
fn round(needs: usize, offers: usize, max_per_village: Option<u32>) -> (Data, Problem, Duration, usize) {
    let mut data = data(needs, offers);
    for (i, (offer, _)) in data.offers.iter_mut().enumerate() {
        offer.capacity = 1 + (i % 4) as i64;
        offer.used = 0;
        offer.cohort = i % 10 == 0;
    }
    let village = |i: usize, district: &str| -> u32 {
        let number = |part: &str| part.parse::<u32>().unwrap_or(1);
        let mut parts = district.split('.').skip(1);
        let (regency, district) = (number(parts.next().unwrap_or("1")), number(parts.next().unwrap_or("1")));
        ((regency - 1) * 12 + (district - 1)) * 9 + (i % 9) as u32
    };
    let round_needs: Vec<RoundNeed> = data
        .needs
        .iter()
        .enumerate()
        .map(|(i, (facts, vector))| RoundNeed { facts, vector, village: village(i, &facts.district_code) })
        .collect();
    let villages = 10 * 12 * 9;
    let never_served: Vec<bool> = (0..villages).map(|v| v % 3 != 0).collect();
    let round_offers: Vec<RoundOffer> =
        data.offers.iter().map(|(facts, vector)| RoundOffer { facts, vector }).collect();
    let started = Instant::now();
    let problem = problem(&round_needs, &round_offers, &never_served, &settings(max_per_village), TODAY, &|_, _| false);
    let scored = started.elapsed();
    drop(round_needs);
    drop(round_offers);
    (data, problem, scored, villages)
}

/// One round of 10,000 needs and 2,000 offers, printed.
fn round_at_scale(limit: Option<u32>) {
    let (needs, offers) = (10_000, 2_000);
    let (_, problem, scored, villages) = round(needs, offers, limit);
    let places: u32 = problem.capacity.iter().sum();
    println!(
        "matching round: {needs} needs in {villages} villages × {offers} offers ({places} places), {}",
        limit.map_or("no limit per village".to_owned(), |n| format!("at most {n} per village"))
    );
    println!("  compatible pairs: {} (scored in {:.0} ms)", problem.pairs.len(), scored.as_secs_f64() * 1e3);
    let mut best = Duration::MAX;
    let mut solution = None;
    for _ in 0..3 {
        let started = Instant::now();
        let solved = optimal(&problem);
        best = best.min(started.elapsed());
        solution = Some(solved);
    }
    let solution = solution.expect("solved");
    let total = solution.assignment.total;
    let gap =
        if solution.upper_bound > 0.0 { (solution.upper_bound - total) / solution.upper_bound * 100.0 } else { 0.0 };
    println!(
        "  proposal: {} pairs, objective {total:.4}; solved in {:.0} ms (best of 3; {} network(s), {} pairs in the last)",
        solution.assignment.pairs().count(),
        best.as_secs_f64() * 1e3,
        solution.rounds,
        solution.working_pairs
    );
    println!(
        "  upper bound on any assignment: {:.4} → gap to the exact optimum {gap:.4} %{}",
        solution.upper_bound,
        if gap.abs() < 1e-9 { " (proven optimal)" } else { "" }
    );
    let started = Instant::now();
    let best_first = greedy(&problem);
    println!(
        "  best first: {} pairs, objective {:.4} ({:+.2} % against the proposal), in {:.0} ms",
        best_first.pairs().count(),
        best_first.total,
        (best_first.total - total) / total * 100.0,
        started.elapsed().as_secs_f64() * 1e3
    );
    println!("  score + solve: {:.2} s (target ≤ 5 s on one core)", (scored + best).as_secs_f64());
}

fn main() {
    for limit in [Some(2), None] {
        round_at_scale(limit);
    }
    // The usual start against the whole network solved at once (every pair from the start).
    for (needs, offers) in [(2_000, 400), (5_000, 1_000)] {
        let (_, problem, _, _) = round(needs, offers, Some(2));
        let started = Instant::now();
        let usual = optimal(&problem);
        let usual_time = started.elapsed();
        let started = Instant::now();
        let whole = optimal_from(&problem, usize::MAX);
        let whole_time = started.elapsed();
        println!(
            "check at {needs} × {offers} ({} pairs): usual start {:.4} in {:.0} ms, whole network {:.4} in {:.0} ms → {}",
            problem.pairs.len(),
            usual.assignment.total,
            usual_time.as_secs_f64() * 1e3,
            whole.assignment.total,
            whole_time.as_secs_f64() * 1e3,
            if (usual.assignment.total - whole.assignment.total).abs() < 1e-6 { "equal" } else { "DIFFERENT" }
        );
    }

    // Clusters of 100,000 needs.
    let data = data(100_000, 0);
    let villages: Vec<String> =
        data.needs.iter().enumerate().map(|(i, (f, _))| format!("{}.{}", f.district_code, i % 9)).collect();
    let items: Vec<Item> = data
        .needs
        .iter()
        .zip(&villages)
        .enumerate()
        .map(|(i, ((facts, vector), village))| Item {
            need_id: i as i64,
            support_type: facts.support_type,
            sector: facts.sector,
            regency_code: &facts.regency_code,
            village_code: village,
            vector,
        })
        .collect();
    let mut best = Duration::MAX;
    let mut found = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        found = clusters(&items);
        best = best.min(started.elapsed());
    }
    let clustered: usize = found.iter().map(|c| c.needs.len()).sum();
    println!(
        "clusters of {} needs: {} clusters holding {} needs (largest: {} needs of {} villages), in {:.0} ms (best of 3)",
        items.len(),
        found.len(),
        clustered,
        found.first().map_or(0, |c| c.needs.len()),
        found.first().map_or(0, |c| c.villages),
        best.as_secs_f64() * 1e3
    );
}
