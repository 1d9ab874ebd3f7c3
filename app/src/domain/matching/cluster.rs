//! Clustered opportunities: similar published needs of several villages — the same support
//! type and sector, in the same regency, with texts alike — grouped so that a partner can
//! take many up at once ("14 villages in Kutai Barat need homestay management training").
//!
//! **Leader clustering, in the order needs were posted** (by id): a need joins the first
//! cluster of its group (support type, sector, regency) whose first need — its *seed* — its
//! text resembles (TF-IDF cosine ≥ [`SIMILAR`]), or else starts a cluster of its own. A
//! need's cluster depends only on the needs posted before it, so clusters are stable: a new
//! similar need joins its cluster and nothing else moves; a cluster is named by its seed.
//! Only clusters of at least [`MIN_VILLAGES`] villages are kept. Pure and linear in the
//! needs times the clusters of their group.

use super::text::{cosine, SparseVector};
use crate::domain::posting::{Sector, SupportType};
use std::collections::{HashMap, HashSet};

/// How alike two texts must be (cosine of their TF-IDF vectors) to share a cluster.
pub const SIMILAR: f64 = 0.2;

/// A cluster is shown when it joins needs of at least this many villages.
pub const MIN_VILLAGES: usize = 3;

/// A published need as clustering sees it.
pub struct Item<'a> {
    pub need_id: i64,
    pub support_type: SupportType,
    pub sector: Sector,
    pub regency_code: &'a str,
    pub village_code: &'a str,
    pub vector: &'a SparseVector,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    /// Its first need: the cluster's name.
    pub seed: i64,
    pub support_type: SupportType,
    pub sector: Sector,
    pub regency_code: String,
    /// Its needs, in the order they were posted.
    pub needs: Vec<i64>,
    /// How many villages its needs come from.
    pub villages: usize,
}

/// Needs cluster within their support type, sector and regency.
type Group<'a> = (SupportType, Sector, &'a str);

/// The clusters of `items`, those of most villages first (then by seed).
pub fn clusters(items: &[Item]) -> Vec<Cluster> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|i| items[*i].need_id);
    // Per group, its clusters as (seed item, member items).
    let mut groups: HashMap<Group, Vec<(usize, Vec<usize>)>> = HashMap::new();
    for i in order {
        let item = &items[i];
        let group = groups.entry((item.support_type, item.sector, item.regency_code)).or_default();
        match group.iter_mut().find(|(seed, _)| cosine(items[*seed].vector, item.vector) >= SIMILAR) {
            Some((_, members)) => members.push(i),
            None => group.push((i, vec![i])),
        }
    }
    let mut out: Vec<Cluster> = groups
        .into_iter()
        .flat_map(|((support_type, sector, regency), group)| {
            group.into_iter().filter_map(move |(seed, members)| {
                let villages = members.iter().map(|m| items[*m].village_code).collect::<HashSet<_>>().len();
                (villages >= MIN_VILLAGES).then(|| Cluster {
                    seed: items[seed].need_id,
                    support_type,
                    sector,
                    regency_code: regency.to_owned(),
                    needs: members.iter().map(|m| items[*m].need_id).collect(),
                    villages,
                })
            })
        })
        .collect();
    out.sort_by(|a, b| b.villages.cmp(&a.villages).then(a.seed.cmp(&b.seed)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::matching::text::Corpus;

    const TEXTS: [&str; 6] = [
        "pelatihan pengelolaan homestay bagi pemuda desa wisata",
        "pelatihan manajemen homestay dan pemandu wisata desa",
        "pelatihan budidaya ikan nila keramba sungai",
        "pelatihan pengelolaan homestay untuk ibu ibu pkk",
        "pelatihan homestay dan kuliner wisata desa",
        "pelatihan pengelolaan homestay kelompok sadar wisata",
    ];

    struct Fixture {
        vectors: Vec<SparseVector>,
    }

    fn fixture() -> Fixture {
        let mut corpus = Corpus::default();
        for t in TEXTS {
            corpus.add(t);
        }
        Fixture { vectors: TEXTS.iter().map(|t| corpus.vector(t)).collect() }
    }

    fn item<'a>(f: &'a Fixture, id: i64, text: usize, village: &'a str, regency: &'a str) -> Item<'a> {
        Item {
            need_id: id,
            support_type: SupportType::Training,
            sector: Sector::NatureTourism,
            regency_code: regency,
            village_code: village,
            vector: &f.vectors[text],
        }
    }

    #[test]
    fn alike_needs_of_several_villages_form_a_cluster_named_by_its_first() {
        let f = fixture();
        let items = vec![
            item(&f, 10, 0, "64.07.01.2001", "64.07"),
            item(&f, 11, 1, "64.07.01.2002", "64.07"),
            item(&f, 12, 2, "64.07.01.2003", "64.07"), // fish: another subject
            item(&f, 13, 3, "64.07.02.2001", "64.07"),
            item(&f, 14, 4, "64.02.01.2001", "64.02"), // another regency
        ];
        let found = clusters(&items);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].seed, 10);
        assert_eq!(found[0].needs, [10, 11, 13]);
        assert_eq!((found[0].villages, found[0].regency_code.as_str()), (3, "64.07"));
    }

    #[test]
    fn a_cluster_needs_three_villages_not_three_needs() {
        let f = fixture();
        let items = vec![item(&f, 1, 0, "A", "64.07"), item(&f, 2, 1, "A", "64.07"), item(&f, 3, 3, "B", "64.07")];
        assert!(clusters(&items).is_empty());
    }

    #[test]
    fn grouping_is_stable_and_a_new_similar_need_joins_its_cluster() {
        let f = fixture();
        let mut items = vec![
            item(&f, 10, 0, "A", "64.07"),
            item(&f, 11, 1, "B", "64.07"),
            item(&f, 12, 2, "C", "64.07"),
            item(&f, 13, 3, "D", "64.07"),
        ];
        let before = clusters(&items);
        // The same needs in another order: the same clusters.
        items.reverse();
        assert_eq!(clusters(&items), before);
        items.push(item(&f, 20, 5, "E", "64.07"));
        let after = clusters(&items);
        assert_eq!(after[0].seed, before[0].seed);
        assert_eq!(after[0].needs, [10, 11, 13, 20], "the new need joins, nothing else moves");
    }
}
