//! The best `k` partners of one need among many offers, or of one offer among many needs.
//! Hard conditions are checked first (cheap); only compatible pairs get a text comparison,
//! against the one side spread densely over the vocabulary.

use super::score::{compatibility, score, NeedFacts, OfferFacts, Score, Weights};
use super::text::{DenseQuery, SparseVector};
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// A scored candidate, ordered so that the heap's top is the worst kept so far.
struct Kept {
    total: f64,
    id: i64,
    score: Score,
}

impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Kept {}
impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Kept {
    /// Higher totals first, then lower ids (older postings) for equal totals: the heap keeps
    /// the greatest at its top, so "greater" means "worse".
    fn cmp(&self, other: &Self) -> Ordering {
        other.total.total_cmp(&self.total).then(self.id.cmp(&other.id))
    }
}

fn best(heap: BinaryHeap<Kept>) -> Vec<(i64, Score)> {
    let mut kept = heap.into_vec();
    kept.sort();
    kept.into_iter().map(|k| (k.id, k.score)).collect()
}

fn keep(heap: &mut BinaryHeap<Kept>, k: usize, candidate: Kept) {
    if heap.len() < k {
        heap.push(candidate);
    } else if heap.peek().is_some_and(|worst| candidate < *worst) {
        heap.pop();
        heap.push(candidate);
    }
}

/// The `k` best offers for a need, best first (ties: lower id first).
pub fn top_offers<'a>(
    need: &NeedFacts,
    need_text: &SparseVector,
    offers: impl IntoIterator<Item = (i64, &'a OfferFacts, &'a SparseVector)>,
    vocabulary_size: usize,
    weights: &Weights,
    today: &str,
    k: usize,
) -> Vec<(i64, Score)> {
    let query = DenseQuery::new(need_text, vocabulary_size);
    let mut heap = BinaryHeap::with_capacity(k + 1);
    for (id, offer, text) in offers {
        if k == 0 || compatibility(need, offer, today).is_err() {
            continue;
        }
        if let Ok(score) = score(need, offer, query.cosine(text), weights, today) {
            keep(&mut heap, k, Kept { total: score.total, id, score });
        }
    }
    best(heap)
}

/// The `k` best needs for an offer, best first (ties: lower id first).
pub fn top_needs<'a>(
    offer: &OfferFacts,
    offer_text: &SparseVector,
    needs: impl IntoIterator<Item = (i64, &'a NeedFacts, &'a SparseVector)>,
    vocabulary_size: usize,
    weights: &Weights,
    today: &str,
    k: usize,
) -> Vec<(i64, Score)> {
    let query = DenseQuery::new(offer_text, vocabulary_size);
    let mut heap = BinaryHeap::with_capacity(k + 1);
    for (id, need, text) in needs {
        if k == 0 || compatibility(need, offer, today).is_err() {
            continue;
        }
        if let Ok(score) = score(need, offer, query.cosine(text), weights, today) {
            keep(&mut heap, k, Kept { total: score.total, id, score });
        }
    }
    best(heap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::matching::fixtures;
    use crate::domain::matching::text::Corpus;
    use crate::domain::offer::ServedArea;
    use crate::domain::posting::{Sector, SupportType};

    const TODAY: &str = "2026-11-28";

    fn need() -> NeedFacts {
        NeedFacts {
            support_type: SupportType::Training,
            resource_kind: None,
            sector: Sector::NatureTourism,
            regency_code: "64.02".into(),
            district_code: "64.02.07".into(),
            window_start: None,
            window_end: None,
            village_status: None,
            rings: vec![],
        }
    }

    fn offer(sector: Sector, capacity: i64) -> OfferFacts {
        OfferFacts {
            organisation_id: 1,
            sectors: vec![sector],
            area: ServedArea { whole_province: true, regencies: vec![], districts: vec![] },
            window_start: None,
            window_end: None,
            capacity,
            preferred_status: None,
            ..fixtures::offer()
        }
    }

    #[test]
    fn the_best_come_first_and_incompatible_ones_never() {
        let mut corpus = Corpus::default();
        let texts = ["pelatihan pemandu wisata", "pelatihan budidaya ikan", "pelatihan pemandu wisata air terjun"];
        for t in texts {
            corpus.add(t);
        }
        let vectors: Vec<SparseVector> = texts.iter().map(|t| corpus.vector(t)).collect();
        let offers = [
            offer(Sector::Fisheries, 5),
            offer(Sector::NatureTourism, 5),
            OfferFacts { used: 5, ..offer(Sector::NatureTourism, 5) },
        ];
        let need_text = corpus.vector("pelatihan pemandu wisata air terjun");
        let items = offers.iter().zip(&vectors).enumerate().map(|(i, (o, v))| (i as i64 + 1, o, v));
        let top = top_offers(&need(), &need_text, items, corpus.vocabulary_size(), &Weights::default(), TODAY, 10);
        let ids: Vec<i64> = top.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, [2, 1], "the full offer is left out; the tourism one comes first");
        assert!(top[0].1.total > top[1].1.total);
    }

    #[test]
    fn only_k_are_kept_and_ties_keep_the_older() {
        let empty: SparseVector = Vec::new();
        let offers: Vec<OfferFacts> = (0..50).map(|_| offer(Sector::NatureTourism, 3)).collect();
        let items = offers.iter().enumerate().map(|(i, o)| (i as i64, o, &empty));
        let top = top_offers(&need(), &empty, items, 0, &Weights::default(), TODAY, 5);
        assert_eq!(top.iter().map(|(id, _)| *id).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
        let none = top_offers(&need(), &empty, offers.iter().map(|o| (1, o, &empty)), 0, &Weights::default(), TODAY, 0);
        assert!(none.is_empty());
    }

    #[test]
    fn needs_are_ranked_for_an_offer_the_same_way() {
        let empty: SparseVector = Vec::new();
        let needs = [
            need(),
            NeedFacts { sector: Sector::Health, ..need() },
            NeedFacts { regency_code: "64.03".into(), ..need() },
        ];
        let the_offer = OfferFacts {
            area: ServedArea { whole_province: false, regencies: vec!["64.02".into()], districts: vec![] },
            ..offer(Sector::NatureTourism, 2)
        };
        let items = needs.iter().enumerate().map(|(i, n)| (i as i64 + 10, n, &empty));
        let top = top_needs(&the_offer, &empty, items, 0, &Weights::default(), TODAY, 10);
        assert_eq!(top.iter().map(|(id, _)| *id).collect::<Vec<_>>(), [10, 11], "Berau is not served");
    }
}
