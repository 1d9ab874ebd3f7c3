//! The assignment behind a matching round: which offer goes to which need so that every
//! offer's remaining capacity is respected, every need gets at most one offer, every village
//! at most a set number, and the total weight — each pair's score plus its equity bonus,
//! plus a bonus for the first pair of each village that was never served — is as large as
//! it can be. Pure: the round's service builds the [`Problem`] from the matching index.
//!
//! **Exact.** The problem is a maximum-weight flow — each offer supplies its places, which
//! reach the sink through a need (one unit, the pair's weight) and the need's village (its
//! first unit with the first-time bonus, the others without, up to the limit), or through
//! the offer's bypass (a place left unused) — solved by successive shortest paths with
//! potentials: each unit still to place goes, by Dijkstra on reduced costs, along the path
//! that gains most, the most valuable offers first. Only each need's best [`WORKING_SET`]
//! pairs and each offer's best few needs enter the network at first; the potentials of its
//! optimum then price every other compatible pair, and those that could gain join, each
//! carrying a unit at once, and the network is solved on from where it was — until none
//! can. The potentials also give an upper bound on the optimum over *all* pairs (the flow's
//! LP dual), equal to the total found: [`Solution::upper_bound`] is the certificate, and the
//! benchmark prints its gap (and checks the result against the whole network solved at once).
//!
//! Weights are counted in millionths (integers), so the optimum is exact at that grain.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// How many of its best pairs each need brings to the first network.
pub const WORKING_SET: usize = 8;

/// Weights are counted in these units (integers), so that sums are exact.
const UNIT: f64 = 1_000_000.0;

fn units(weight: f64) -> i64 {
    if weight.is_finite() {
        (weight * UNIT).round() as i64
    } else {
        0
    }
}

/// A need's compatible offer and what pairing them is worth (its score plus the need's
/// equity bonus); pairs that are not worth anything are left out by the solver.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pair {
    pub offer: u32,
    pub weight: f64,
}

/// What the solver is given. Offers, needs and villages are numbered from 0.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Problem {
    /// How many more needs each offer can take.
    pub capacity: Vec<u32>,
    /// The village of each need.
    pub village_of: Vec<u32>,
    /// Per village: the bonus of its first pair (villages never served), 0 for none.
    pub first_bonus: Vec<f64>,
    /// At most this many pairs per village (none: no limit).
    pub village_limit: Option<u32>,
    /// The compatible pairs of each need: `pairs[start[n]..start[n + 1]]`.
    pub start: Vec<usize>,
    pub pairs: Vec<Pair>,
}

impl Problem {
    /// A problem from each need's pairs (the other fields as given).
    pub fn with_pairs(
        capacity: Vec<u32>,
        village_of: Vec<u32>,
        first_bonus: Vec<f64>,
        village_limit: Option<u32>,
        pairs_of_need: Vec<Vec<Pair>>,
    ) -> Problem {
        let mut start = Vec::with_capacity(pairs_of_need.len() + 1);
        let mut pairs = Vec::new();
        start.push(0);
        for list in pairs_of_need {
            pairs.extend(list);
            start.push(pairs.len());
        }
        Problem { capacity, village_of, first_bonus, village_limit, start, pairs }
    }

    pub fn needs(&self) -> usize {
        self.village_of.len()
    }

    fn pairs_of(&self, need: usize) -> &[Pair] {
        &self.pairs[self.start[need]..self.start[need + 1]]
    }

    /// Is the problem well formed (every index in range)?
    pub fn is_valid(&self) -> bool {
        self.start.len() == self.village_of.len() + 1
            && self.start.windows(2).all(|w| w[0] <= w[1])
            && self.start.last() == Some(&self.pairs.len())
            && self.village_of.iter().all(|v| (*v as usize) < self.first_bonus.len())
            && self.pairs.iter().all(|p| (p.offer as usize) < self.capacity.len())
    }
}

/// Which offer each need got (`None`: none), and the totals.
#[derive(Clone, Debug, PartialEq)]
pub struct Assignment {
    pub offer_of: Vec<Option<u32>>,
    /// The objective: the pairs' weights plus the first-time bonuses won.
    pub total: f64,
}

impl Assignment {
    fn from_choice(problem: &Problem, offer_of: Vec<Option<u32>>) -> Assignment {
        let total = objective(problem, &offer_of);
        Assignment { offer_of, total }
    }

    pub fn pairs(&self) -> impl Iterator<Item = (usize, u32)> + '_ {
        self.offer_of.iter().enumerate().filter_map(|(need, offer)| offer.map(|o| (need, o)))
    }
}

/// The objective of a choice (each pair's weight, each village's first bonus once), in the
/// solver's units, as a number.
pub fn objective(problem: &Problem, offer_of: &[Option<u32>]) -> f64 {
    let mut served = vec![false; problem.first_bonus.len()];
    let mut total: i64 = 0;
    for (need, offer) in offer_of.iter().enumerate() {
        let Some(offer) = offer else { continue };
        let weight = problem.pairs_of(need).iter().find(|p| p.offer == *offer).map_or(0.0, |p| p.weight);
        total += units(weight);
        let village = problem.village_of[need] as usize;
        if !served[village] {
            served[village] = true;
            total += units(problem.first_bonus[village]);
        }
    }
    total as f64 / UNIT
}

/// Does a choice keep every rule: compatible pairs only, capacities, the village limit?
pub fn is_feasible(problem: &Problem, offer_of: &[Option<u32>]) -> bool {
    let mut used = vec![0u32; problem.capacity.len()];
    let mut per_village = vec![0u32; problem.first_bonus.len()];
    offer_of.len() == problem.needs()
        && offer_of.iter().enumerate().all(|(need, offer)| {
            let Some(offer) = *offer else { return true };
            let village = problem.village_of[need] as usize;
            used[offer as usize] += 1;
            per_village[village] += 1;
            problem.pairs_of(need).iter().any(|p| p.offer == offer)
                && used[offer as usize] <= problem.capacity[offer as usize]
                && problem.village_limit.is_none_or(|limit| per_village[village] <= limit)
        })
}

/// "Best first": the pairs from the most to the least worth (a village's first bonus
/// counted while it has no pair yet), each taken when its offer, need and village allow.
/// What a round is compared against.
pub fn greedy(problem: &Problem) -> Assignment {
    let mut order: Vec<(i64, usize, u32)> = (0..problem.needs())
        .flat_map(|need| {
            let bonus = units(problem.first_bonus[problem.village_of[need] as usize]);
            problem.pairs_of(need).iter().map(move |p| (units(p.weight) + bonus, need, p.offer))
        })
        .filter(|(worth, _, _)| *worth > 0)
        .collect();
    order.sort_by_key(|&(worth, need, offer)| (Reverse(worth), need, offer));
    let mut left = problem.capacity.clone();
    let mut per_village = vec![0u32; problem.first_bonus.len()];
    let mut offer_of = vec![None; problem.needs()];
    for (_, need, offer) in order {
        let village = problem.village_of[need] as usize;
        if offer_of[need].is_some()
            || left[offer as usize] == 0
            || problem.village_limit.is_some_and(|limit| per_village[village] >= limit)
        {
            continue;
        }
        offer_of[need] = Some(offer);
        left[offer as usize] -= 1;
        per_village[village] += 1;
    }
    Assignment::from_choice(problem, offer_of)
}

/// The optimum, with its certificate.
#[derive(Clone, Debug, PartialEq)]
pub struct Solution {
    pub assignment: Assignment,
    /// No choice of any compatible pairs is worth more than this (the LP dual of the
    /// flow, over all pairs): equal to the total when the solver proved it optimal.
    pub upper_bound: f64,
    /// How many times pairs left out were priced (1: the first network held the optimum).
    pub rounds: usize,
    /// How many pairs the last network held.
    pub working_pairs: usize,
}

/// The assignment of greatest total (see the module's text).
pub fn optimal(problem: &Problem) -> Solution {
    optimal_from(problem, WORKING_SET)
}

/// [`optimal`], starting from the best `working_set` pairs of each need (`usize::MAX`:
/// every pair, one network — what the benchmark checks the usual start against).
pub fn optimal_from(problem: &Problem, working_set: usize) -> Solution {
    solve_from(working_pairs(problem, working_set, true), problem)
}

/// Solves from a first network of `chosen` pairs (see [`optimal`]).
fn solve_from(mut chosen: Vec<Vec<Pair>>, problem: &Problem) -> Solution {
    let mut network = Network::new(problem, &chosen, None);
    let mut rounds = 0;
    loop {
        rounds += 1;
        network.solve();
        network.tighten_needs();
        // Price every pair left out: could it gain at these potentials? Those that could
        // join, carrying a unit at once, and the network is solved on from where it is.
        let mut joined: Vec<(usize, u32)> = Vec::new();
        for (need, list) in chosen.iter_mut().enumerate() {
            for pair in problem.pairs_of(need) {
                let cost = -units(pair.weight);
                if cost >= 0 || problem.capacity[pair.offer as usize] == 0 || list.iter().any(|p| p.offer == pair.offer)
                {
                    continue;
                }
                if cost + network.potential[pair.offer as usize] - network.potential[network.need_node(need)] < 0 {
                    list.push(*pair);
                    joined.push((need, pair.offer));
                }
            }
        }
        if joined.is_empty() {
            let upper_bound = network.bound();
            let working_pairs = chosen.iter().map(Vec::len).sum();
            let assignment = Assignment::from_choice(problem, network.assignment());
            return Solution { assignment, upper_bound, rounds, working_pairs };
        }
        let start = Start { flow: network.flow(), potential: std::mem::take(&mut network.potential), saturate: joined };
        network = Network::new(problem, &chosen, Some(start));
    }
}

/// The pairs of the first network: the best `working_set` of each need, and the best few
/// needs of each offer (a few more than its places), so that an offer that every need
/// ranks low still brings its best needs.
fn working_pairs(problem: &Problem, working_set: usize, per_offer: bool) -> Vec<Vec<Pair>> {
    let worth = |p: &&Pair| units(p.weight) > 0;
    let by_weight = |a: &Pair, b: &Pair| b.weight.total_cmp(&a.weight).then(a.offer.cmp(&b.offer));
    let mut chosen: Vec<Vec<Pair>> = (0..problem.needs())
        .map(|need| {
            let mut list: Vec<Pair> = problem.pairs_of(need).iter().filter(worth).copied().collect();
            if list.len() > working_set {
                list.select_nth_unstable_by(working_set, by_weight);
                list.truncate(working_set);
            }
            list
        })
        .collect();
    if working_set == usize::MAX || !per_offer {
        return chosen;
    }
    let mut of_offer: Vec<Vec<(f64, u32)>> = vec![Vec::new(); problem.capacity.len()];
    for need in 0..problem.needs() {
        for pair in problem.pairs_of(need).iter().filter(worth) {
            of_offer[pair.offer as usize].push((pair.weight, need as u32));
        }
    }
    for (offer, list) in of_offer.iter_mut().enumerate() {
        let keep = 2 * problem.capacity[offer] as usize + working_set;
        if keep < list.len() {
            list.select_nth_unstable_by(keep, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            list.truncate(keep);
        }
        for &(weight, need) in list.iter() {
            let mine = &mut chosen[need as usize];
            if !mine.iter().any(|p| p.offer == offer as u32) {
                mine.push(Pair { offer: offer as u32, weight });
            }
        }
    }
    chosen
}

/// One direction of an edge of the network.
#[derive(Clone, Copy)]
struct Edge {
    to: u32,
    /// The position of the same edge in the other direction.
    reverse: u32,
    capacity: i32,
    /// The capacity it was built with (the reverse direction: 0).
    limit: i32,
    cost: i64,
}

/// Where a solved network left off: its flow and potentials, and the pairs priced in
/// that each carry a unit from the start (their reduced cost is negative).
struct Start {
    flow: Flow,
    potential: Vec<i64>,
    saturate: Vec<(usize, u32)>,
}

/// A network's flow, by what it means: each need's offer, and how many pairs each
/// village has.
struct Flow {
    offer_of: Vec<Option<u32>>,
    per_village: Vec<i32>,
}

/// A flow network, each node's edges side by side (`edges[first[v]..first[v + 1]]`).
/// Nodes: the offers, the needs, the villages, then the sink. Each offer supplies its
/// capacity, which reaches the sink through needs and villages, or through the offer's
/// bypass (an edge straight to the sink that gains nothing: capacity left unused).
struct Network {
    nodes: usize,
    offers: usize,
    needs: usize,
    first: Vec<usize>,
    edges: Vec<Edge>,
    /// What each offer supplies (its capacity).
    supply: Vec<i32>,
    /// What each node still has to pass on (> 0) or to receive (< 0).
    excess: Vec<i64>,
    potential: Vec<i64>,
}

impl Network {
    fn need_node(&self, n: usize) -> usize {
        self.offers + n
    }

    fn sink(&self) -> usize {
        self.nodes - 1
    }

    fn edges_of(&self, v: usize) -> std::ops::Range<usize> {
        self.first[v]..self.first[v + 1]
    }

    /// The network of the `chosen` pairs, empty or carrying `start`'s flow.
    fn new(problem: &Problem, chosen: &[Vec<Pair>], start: Option<Start>) -> Network {
        let offers = problem.capacity.len();
        let needs = problem.needs();
        let villages = problem.first_bonus.len();
        let nodes = offers + needs + villages + 1;
        let sink = nodes - 1;
        let supply: Vec<i32> = problem.capacity.iter().map(|c| (*c).min(i32::MAX as u32 / 2) as i32).collect();
        let flow = start.as_ref().map(|s| &s.flow);
        let carried = |need: usize, offer: u32| {
            flow.is_some_and(|f| f.offer_of[need] == Some(offer))
                || start.as_ref().is_some_and(|s| s.saturate.contains(&(need, offer)))
        };
        // Each edge once (tail, head, capacity, cost, flow); both directions are laid out below.
        let mut built: Vec<(u32, u32, i32, i64, i32)> = Vec::new();
        let mut in_village = vec![0i32; villages];
        let mut assigned = vec![0i32; offers];
        for (need, list) in chosen.iter().enumerate() {
            let n = (offers + need) as u32;
            for pair in list.iter().filter(|p| problem.capacity[p.offer as usize] > 0) {
                let carries = i32::from(carried(need, pair.offer));
                assigned[pair.offer as usize] += carries;
                built.push((pair.offer, n, 1, -units(pair.weight), carries));
            }
            let village = problem.village_of[need] as usize;
            in_village[village] += 1;
            let served = i32::from(flow.is_some_and(|f| f.offer_of[need].is_some()));
            built.push((n, (offers + needs + village) as u32, 1, 0, served));
        }
        for (village, count) in in_village.iter().enumerate() {
            let most = problem.village_limit.map_or(*count, |limit| limit.min(*count as u32) as i32);
            let v = (offers + needs + village) as u32;
            // The first pair takes the bonus edge, which is never dearer than the others.
            let pairs = flow.map_or(0, |f| f.per_village[village]);
            if most > 0 {
                built.push((v, sink as u32, 1, -units(problem.first_bonus[village]), pairs.min(1)));
            }
            if most > 1 {
                built.push((v, sink as u32, most - 1, 0, (pairs - 1).max(0)));
            }
        }
        for (offer, supply) in supply.iter().enumerate() {
            if *supply > 0 {
                // What a carried flow did not assign went through the bypass.
                let unused = if flow.is_some() { supply - (assigned[offer] - saturated_of(&start, offer)) } else { 0 };
                built.push((offer as u32, sink as u32, *supply, 0, unused));
            }
        }
        // Count each node's edges (both directions), then place them.
        let mut first = vec![0usize; nodes + 1];
        for &(tail, head, ..) in &built {
            first[tail as usize + 1] += 1;
            first[head as usize + 1] += 1;
        }
        for v in 0..nodes {
            first[v + 1] += first[v];
        }
        let mut fill = first.clone();
        let empty = Edge { to: 0, reverse: 0, capacity: 0, limit: 0, cost: 0 };
        let mut edges = vec![empty; first[nodes]];
        // A node's excess: its supply, plus what flows in, less what flows out.
        let mut excess = vec![0i64; nodes];
        for (offer, s) in supply.iter().enumerate() {
            excess[offer] += i64::from(*s);
            excess[sink] -= i64::from(*s);
        }
        for &(tail, head, capacity, cost, carries) in &built {
            let (forward, backward) = (fill[tail as usize], fill[head as usize]);
            fill[tail as usize] += 1;
            fill[head as usize] += 1;
            edges[forward] =
                Edge { to: head, reverse: backward as u32, capacity: capacity - carries, limit: capacity, cost };
            edges[backward] = Edge { to: tail, reverse: forward as u32, capacity: carries, limit: 0, cost: -cost };
            excess[tail as usize] -= i64::from(carries);
            excess[head as usize] += i64::from(carries);
        }
        let mut network = Network { nodes, offers, needs, first, edges, supply, excess, potential: Vec::new() };
        network.potential = match start {
            Some(start) => start.potential,
            None => network.first_potentials(),
        };
        network
    }

    /// Shortest distances in the empty network (its edges all point from the offers
    /// towards the sink, in the nodes' order), every node also reachable at 0: valid first
    /// potentials for the reduced costs.
    fn first_potentials(&self) -> Vec<i64> {
        let mut potential = vec![0i64; self.nodes];
        for v in 0..self.nodes {
            for edge in &self.edges[self.edges_of(v)] {
                if edge.capacity > 0 {
                    let w = edge.to as usize;
                    potential[w] = potential[w].min(potential[v] + edge.cost);
                }
            }
        }
        potential
    }

    /// Successive shortest paths: each unit a node has to pass on goes, along the path that
    /// costs least (gains most) in the network as it is, to the nearest node that has to
    /// receive one — by Dijkstra on reduced costs, which the potentials keep ≥ 0. At the
    /// start the offers pass on their supply and only the sink receives (through the
    /// bypasses it can always be reached); a warm start moves the units of the pairs just
    /// priced in.
    fn solve(&mut self) {
        let mut distance = vec![i64::MAX; self.nodes];
        let mut via = vec![usize::MAX; self.nodes];
        let mut settled = vec![false; self.nodes];
        let mut touched: Vec<usize> = Vec::new();
        let mut heap: BinaryHeap<Reverse<(i64, u32)>> = BinaryHeap::new();
        let mut order: Vec<usize> = (0..self.nodes).filter(|v| self.excess[*v] > 0).collect();
        // Offers whose best pair is worth most first: fewer of their units are moved later.
        let best = |v: usize| {
            self.edges[self.edges_of(v)].iter().filter(|e| e.capacity > 0).map(|e| e.cost).min().unwrap_or(0)
        };
        order.sort_by_key(|v| (best(*v), *v));
        for source in order {
            while self.excess[source] > 0 {
                for v in touched.drain(..) {
                    distance[v] = i64::MAX;
                    settled[v] = false;
                }
                heap.clear();
                distance[source] = 0;
                touched.push(source);
                heap.push(Reverse((0, source as u32)));
                let mut target = None;
                while let Some(Reverse((d, v))) = heap.pop() {
                    let v = v as usize;
                    if settled[v] {
                        continue;
                    }
                    settled[v] = true;
                    if self.excess[v] < 0 {
                        target = Some(v);
                        break;
                    }
                    let from = self.potential[v];
                    for position in self.edges_of(v) {
                        let edge = &self.edges[position];
                        if edge.capacity <= 0 {
                            continue;
                        }
                        let w = edge.to as usize;
                        let reduced = edge.cost + from - self.potential[w];
                        debug_assert!(reduced >= 0, "reduced costs stay non-negative");
                        let next = d + reduced;
                        if next < distance[w] {
                            if distance[w] == i64::MAX {
                                touched.push(w);
                            }
                            distance[w] = next;
                            via[w] = position;
                            heap.push(Reverse((next, w as u32)));
                        }
                    }
                }
                let Some(target) = target else {
                    debug_assert!(false, "every unit has somewhere to go");
                    break;
                };
                // Settled nodes move by their distance, all others by the target's: every
                // reduced cost stays ≥ 0.
                let reach = distance[target];
                for p in self.potential.iter_mut() {
                    *p += reach;
                }
                for &v in &touched {
                    if settled[v] {
                        self.potential[v] += distance[v] - reach;
                    }
                }
                let mut bottleneck = self.excess[source].min(-self.excess[target]).min(i64::from(i32::MAX)) as i32;
                let mut v = target;
                while v != source {
                    let edge = &self.edges[via[v]];
                    bottleneck = bottleneck.min(edge.capacity);
                    v = self.edges[edge.reverse as usize].to as usize;
                }
                let mut v = target;
                while v != source {
                    let position = via[v];
                    let reverse = self.edges[position].reverse as usize;
                    self.edges[position].capacity -= bottleneck;
                    self.edges[reverse].capacity += bottleneck;
                    v = self.edges[reverse].to as usize;
                }
                self.excess[source] -= i64::from(bottleneck);
                self.excess[target] += i64::from(bottleneck);
            }
        }
    }

    /// Each need's potential as low as its residual edges allow (the unreached ones grew
    /// with every search): still valid and complementary-slack, so the dual stays exact,
    /// and pricing then finds only the pairs that could really gain.
    fn tighten_needs(&mut self) {
        for need in 0..self.needs {
            let n = self.need_node(need);
            let lowest = self.edges[self.edges_of(n)]
                .iter()
                .filter(|e| e.capacity > 0)
                .map(|e| self.potential[e.to as usize] - e.cost)
                .max();
            if let Some(lowest) = lowest {
                self.potential[n] = self.potential[n].min(lowest);
            }
        }
    }

    /// Each need's offer: the one whose edge into it carries a unit.
    fn assignment(&self) -> Vec<Option<u32>> {
        (0..self.needs)
            .map(|need| {
                self.edges[self.edges_of(self.need_node(need))]
                    .iter()
                    .find(|e| (e.to as usize) < self.offers && e.limit == 0 && e.capacity > 0)
                    .map(|e| e.to)
            })
            .collect()
    }

    fn flow(&self) -> Flow {
        let offer_of = self.assignment();
        let villages = self.nodes - 1 - self.offers - self.needs;
        let mut per_village = vec![0i32; villages];
        for (need, offer) in offer_of.iter().enumerate() {
            if offer.is_some() {
                let v = self.edges[self.edges_of(self.need_node(need))]
                    .iter()
                    .find(|e| e.limit > 0)
                    .map(|e| e.to as usize - self.offers - self.needs);
                if let Some(v) = v {
                    per_village[v] += 1;
                }
            }
        }
        Flow { offer_of, per_village }
    }

    /// The LP dual of the flow at these potentials π: no choice over the network's edges
    /// is worth more than `Σ edges u · max(0, −(c + π_tail − π_head)) + Σ offers supply ·
    /// (π_offer − π_sink)`. Once no pair outside the network could gain (none would add
    /// anything to the sum), this bounds every choice of `problem`'s pairs.
    fn bound(&self) -> f64 {
        let mut bound: i64 = 0;
        for tail in 0..self.nodes {
            for edge in &self.edges[self.edges_of(tail)] {
                if edge.limit > 0 {
                    let gain = -(edge.cost + self.potential[tail] - self.potential[edge.to as usize]);
                    bound += i64::from(edge.limit) * gain.max(0);
                }
            }
        }
        let sink = self.potential[self.sink()];
        for (offer, supply) in self.supply.iter().enumerate() {
            bound += i64::from(*supply) * (self.potential[offer] - sink);
        }
        bound as f64 / UNIT
    }
}

/// How many of an offer's pairs a warm start saturates.
fn saturated_of(start: &Option<Start>, offer: usize) -> i32 {
    start.as_ref().map_or(0, |s| s.saturate.iter().filter(|(_, o)| *o as usize == offer).count() as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(offer: u32, weight: f64) -> Pair {
        Pair { offer, weight }
    }

    /// Every choice, tried one by one (tiny problems only).
    fn brute_force(problem: &Problem) -> f64 {
        fn walk(problem: &Problem, need: usize, choice: &mut Vec<Option<u32>>, best: &mut f64) {
            if need == problem.needs() {
                if is_feasible(problem, choice) {
                    *best = best.max(objective(problem, choice));
                }
                return;
            }
            choice.push(None);
            walk(problem, need + 1, choice, best);
            choice.pop();
            for p in problem.pairs_of(need) {
                choice.push(Some(p.offer));
                walk(problem, need + 1, choice, best);
                choice.pop();
            }
        }
        let mut best = 0.0;
        walk(problem, 0, &mut Vec::new(), &mut best);
        best
    }

    #[test]
    fn the_optimum_beats_best_first_where_best_first_blocks_itself() {
        // Offer 0 suits need 0 a little better than offer 1 does, but offer 1 suits nobody
        // else while offer 0 is need 1's only choice.
        let problem = Problem::with_pairs(
            vec![1, 1],
            vec![0, 1],
            vec![0.0, 0.0],
            None,
            vec![vec![pair(0, 0.9), pair(1, 0.8)], vec![pair(0, 0.7)]],
        );
        let greedy = greedy(&problem);
        assert_eq!(greedy.offer_of, [Some(0), None]);
        let best = optimal(&problem);
        assert_eq!(best.assignment.offer_of, [Some(1), Some(0)]);
        assert!((best.assignment.total - 1.5).abs() < 1e-9);
        assert!((best.upper_bound - 1.5).abs() < 1e-9, "{}", best.upper_bound);
    }

    #[test]
    fn a_first_time_bonus_moves_an_offer_to_a_village_never_served() {
        let pairs = vec![vec![pair(0, 0.8)], vec![pair(0, 0.7)]];
        let plain = Problem::with_pairs(vec![1], vec![0, 1], vec![0.0, 0.0], None, pairs.clone());
        assert_eq!(optimal(&plain).assignment.offer_of, [Some(0), None]);
        let equity = Problem::with_pairs(vec![1], vec![0, 1], vec![0.0, 0.2], None, pairs);
        assert_eq!(optimal(&equity).assignment.offer_of, [None, Some(0)]);
    }

    #[test]
    fn the_village_limit_and_capacities_hold() {
        // Three needs of one village, one offer with room for three: the limit says two.
        let problem = Problem::with_pairs(
            vec![3],
            vec![0, 0, 0],
            vec![0.0],
            Some(2),
            vec![vec![pair(0, 0.5)], vec![pair(0, 0.6)], vec![pair(0, 0.7)]],
        );
        let best = optimal(&problem);
        assert_eq!(best.assignment.offer_of, [None, Some(0), Some(0)]);
        assert!(is_feasible(&problem, &best.assignment.offer_of));
    }

    #[test]
    fn nothing_to_pair_gives_nothing() {
        let empty = Problem::with_pairs(vec![], vec![], vec![], None, vec![]);
        assert_eq!(optimal(&empty).assignment.total, 0.0);
        let full = Problem::with_pairs(vec![0], vec![0], vec![0.5], None, vec![vec![pair(0, 0.9)]]);
        assert_eq!(optimal(&full).assignment.offer_of, [None], "no capacity left");
        assert_eq!(greedy(&full).offer_of, [None]);
    }

    #[test]
    fn pairs_left_out_of_the_first_network_join_when_they_could_gain() {
        // Need 0 has many better pairs with offers that others need more.
        let mut first = (0..WORKING_SET as u32 + 2).map(|o| pair(o, 0.9 - o as f64 * 0.01)).collect::<Vec<_>>();
        first.push(pair(20, 0.1));
        let mut pairs = vec![first];
        for o in 0..WORKING_SET as u32 + 2 {
            pairs.push(vec![pair(o, 0.95)]);
        }
        let needs = pairs.len();
        let problem = Problem::with_pairs(vec![1; 21], (0..needs as u32).collect(), vec![0.0; needs], None, pairs);
        // Each need's best pairs alone first: need 0's last one is priced in later.
        let best = solve_from(working_pairs(&problem, WORKING_SET, false), &problem);
        assert_eq!(best.assignment.offer_of[0], Some(20));
        assert!(best.rounds > 1);
        assert!((best.assignment.total - brute_force_small(&problem)).abs() < 1e-9);
        assert!((best.upper_bound - best.assignment.total).abs() < 1e-9);
    }

    /// The optimum of a problem whose needs other than the first have one pair each.
    fn brute_force_small(problem: &Problem) -> f64 {
        let others: f64 = (1..problem.needs()).map(|n| problem.pairs_of(n)[0].weight).sum();
        others + 0.1
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        prop_compose! {
            fn problem()(offers in 1usize..4, needs in 1usize..6, villages in 1usize..4)
                (capacity in proptest::collection::vec(0u32..3, offers),
                 village_of in proptest::collection::vec(0..villages as u32, needs),
                 first_bonus in proptest::collection::vec(prop_oneof![Just(0.0), 0.0f64..0.5], villages),
                 limit in proptest::option::of(1u32..3),
                 pairs in proptest::collection::vec(
                     proptest::collection::btree_map(0..offers as u32, 0.0f64..1.0, 0..=offers), needs))
                -> Problem {
                let pairs = pairs.into_iter()
                    .map(|m| m.into_iter().map(|(offer, weight)| Pair { offer, weight }).collect())
                    .collect();
                Problem::with_pairs(capacity, village_of, first_bonus, limit, pairs)
            }
        }

        proptest! {
            #[test]
            fn the_solver_finds_the_optimum_and_proves_it(problem in problem()) {
                let exact = brute_force(&problem);
                // From the usual working set, from every pair, and from one pair per need
                // (pricing brings the rest in, the network solved on from where it was).
                let starts = [
                    working_pairs(&problem, WORKING_SET, true),
                    working_pairs(&problem, usize::MAX, true),
                    working_pairs(&problem, 1, false),
                ];
                for chosen in starts {
                    let best = solve_from(chosen, &problem);
                    prop_assert!(is_feasible(&problem, &best.assignment.offer_of));
                    prop_assert!((best.assignment.total - exact).abs() < 1e-6, "{} vs {}", best.assignment.total, exact);
                    prop_assert!((best.upper_bound - exact).abs() < 1e-6, "bound {} vs {}", best.upper_bound, exact);
                }
            }

            #[test]
            fn best_first_is_feasible_and_never_better(problem in problem()) {
                let greedy = greedy(&problem);
                prop_assert!(is_feasible(&problem, &greedy.offer_of));
                prop_assert!(greedy.total <= optimal(&problem).assignment.total + 1e-9);
            }
        }
    }
}
