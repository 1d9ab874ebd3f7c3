//! Suggestions at the target scale: the top 10 offers for one need among 20,000 offers,
//! and the top 10 needs for one offer among 100,000 needs, on generated postings with
//! realistic Indonesian text. Targets (issue 4): ≤ 2 ms and ≤ 10 ms on one core.
//!
//! Run: `cargo bench -p app --features ssr --bench matching`

mod generated;

use app::domain::matching::rank::{top_needs, top_offers};
use app::domain::matching::score::Weights;
use criterion::{criterion_group, criterion_main, Criterion};
use generated::data;

fn bench(c: &mut Criterion) {
    let data = data(100_000, 20_000);
    let weights = Weights::default();
    let today = "2026-11-28";
    let (need, need_text) = &data.needs[17];
    let (offer, offer_text) = &data.offers[17];

    let mut group = c.benchmark_group("suggestions");
    group.bench_function("top 10 offers for one need among 20,000 offers", |b| {
        b.iter(|| {
            let candidates = data.offers.iter().enumerate().map(|(i, (o, v))| (i as i64, o, v));
            top_offers(need, need_text, candidates, data.vocabulary, &weights, today, 10)
        })
    });
    group.bench_function("top 10 needs for one offer among 100,000 needs", |b| {
        b.iter(|| {
            let candidates = data.needs.iter().enumerate().map(|(i, (n, v))| (i as i64, n, v));
            top_needs(offer, offer_text, candidates, data.vocabulary, &weights, today, 10)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
