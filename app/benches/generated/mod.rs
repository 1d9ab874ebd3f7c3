#![allow(dead_code)]
//! Generated postings for the benchmarks: realistic Indonesian text, the province's ten
//! regencies, every support type, sector and status — the same data on every run.

use app::domain::matching::score::{NeedFacts, OfferFacts};
use app::domain::matching::text::{Corpus, SparseVector};
use app::domain::offer::ServedArea;
use app::domain::posting::{DevelopmentStatus, ResourceKind, Sector, SupportType};
use app::domain::ppm::Ring;

/// A small deterministic generator (no dependency, same data on every run).
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() as usize) % items.len()]
    }
}

const TOPICS: &[&str] = &[
    "pelatihan pemandu wisata air terjun",
    "pengolahan kopi liberika",
    "budidaya ikan nila keramba",
    "sumur bor air bersih",
    "pemasaran digital produk UMKM",
    "posyandu dan gizi balita",
    "perpustakaan desa",
    "pupuk organik kelapa sawit rakyat",
    "homestay dan paket ekowisata",
    "internet desa dan layanan digital",
    "pengelolaan sampah plastik",
    "pembibitan mangrove pesisir",
    "anyaman rotan dan manik dayak",
    "jalan usaha tani",
    "pelatihan administrasi keuangan desa",
    "madu kelulut hutan",
    "pengeringan ikan asin",
];
const WORDS: &[&str] = &[
    "kelompok",
    "pemuda",
    "ibu",
    "petani",
    "nelayan",
    "koperasi",
    "bumdes",
    "pelatihan",
    "pendampingan",
    "alat",
    "modal",
    "pasar",
    "kemasan",
    "sertifikasi",
    "halal",
    "produksi",
    "kualitas",
    "wisatawan",
    "promosi",
    "teknologi",
    "sekolah",
    "kesehatan",
    "sanitasi",
    "listrik",
    "tenaga",
    "surya",
    "irigasi",
    "lahan",
    "gambut",
    "hutan",
    "sungai",
    "mahakam",
    "pantai",
    "kerajinan",
    "budaya",
    "festival",
    "kuliner",
    "olahan",
    "pisang",
    "singkong",
];

fn text(rng: &mut Lcg) -> String {
    let mut words = vec![rng.pick(TOPICS).to_string()];
    for _ in 0..25 {
        words.push(rng.pick(WORDS).to_string());
    }
    words.join(" ")
}

fn date(rng: &mut Lcg, year: u32) -> String {
    format!("{year}-{:02}-{:02}", 1 + rng.next() % 12, 1 + rng.next() % 28)
}

pub fn need(rng: &mut Lcg) -> NeedFacts {
    let regency = 1 + rng.next() % 10;
    NeedFacts {
        support_type: *rng.pick(SupportType::ALL),
        resource_kind: Some(*rng.pick(ResourceKind::ALL)),
        sector: *rng.pick(Sector::ALL),
        regency_code: format!("64.{regency:02}"),
        district_code: format!("64.{regency:02}.{:02}", 1 + rng.next() % 12),
        window_start: Some(date(rng, 2027)),
        window_end: Some(date(rng, 2028)),
        village_status: Some(*rng.pick(DevelopmentStatus::ALL)),
        // One village in twenty lies in a company's operation area.
        rings: if rng.next().is_multiple_of(20) {
            vec![((rng.next() % 400) as i64, if rng.next().is_multiple_of(2) { Ring::Ring1 } else { Ring::Ring2 })]
        } else {
            vec![]
        },
    }
}

pub fn offer(rng: &mut Lcg) -> OfferFacts {
    let area = match rng.next() % 4 {
        0 => ServedArea { whole_province: true, regencies: vec![], districts: vec![] },
        1 => ServedArea {
            whole_province: false,
            regencies: vec![],
            districts: vec![format!("64.{:02}.{:02}", 1 + rng.next() % 10, 1 + rng.next() % 12)],
        },
        _ => ServedArea {
            whole_province: false,
            regencies: vec![format!("64.{:02}", 1 + rng.next() % 10), format!("64.{:02}", 1 + rng.next() % 10)],
            districts: vec![],
        },
    };
    OfferFacts {
        organisation_id: (rng.next() % 400) as i64,
        support_type: *rng.pick(SupportType::ALL),
        resource_kind: if rng.next().is_multiple_of(2) { None } else { Some(*rng.pick(ResourceKind::ALL)) },
        sectors: vec![*rng.pick(Sector::ALL), *rng.pick(Sector::ALL)],
        area,
        window_start: Some(date(rng, 2027)),
        window_end: Some(date(rng, 2028)),
        capacity: 1 + (rng.next() % 30) as i64,
        used: (rng.next() % 3) as i64,
        preferred_status: if rng.next().is_multiple_of(3) { None } else { Some(*rng.pick(DevelopmentStatus::ALL)) },
        cohort: false,
    }
}

pub struct Data {
    pub needs: Vec<(NeedFacts, SparseVector)>,
    pub offers: Vec<(OfferFacts, SparseVector)>,
    pub vocabulary: usize,
}

pub fn data(needs: usize, offers: usize) -> Data {
    let mut rng = Lcg(2026);
    let need_rows: Vec<(NeedFacts, String)> = (0..needs).map(|_| (need(&mut rng), text(&mut rng))).collect();
    let offer_rows: Vec<(OfferFacts, String)> = (0..offers).map(|_| (offer(&mut rng), text(&mut rng))).collect();
    let mut corpus = Corpus::default();
    for (_, t) in &need_rows {
        corpus.add(t);
    }
    for (_, t) in &offer_rows {
        corpus.add(t);
    }
    Data {
        needs: need_rows.into_iter().map(|(f, t)| (f, corpus.vector(&t))).collect(),
        offers: offer_rows.into_iter().map(|(f, t)| (f, corpus.vector(&t))).collect(),
        vocabulary: corpus.vocabulary_size(),
    }
}
