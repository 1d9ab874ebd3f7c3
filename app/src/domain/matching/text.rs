//! Text relevance of a need and an offer: words (lowercased, letters and digits, without
//! Indonesian and English stop words), weighted by TF-IDF over the whole corpus of needs
//! and offers, compared by cosine similarity. Vectors are sparse and sorted by term id, so
//! that comparing two is a merge and comparing one with many is a lookup per term.

use std::collections::HashMap;

/// Words that say nothing about the subject, in both languages of the platform.
const STOP_WORDS: &[&str] = &[
    // Indonesian
    "ada",
    "adalah",
    "agar",
    "akan",
    "antara",
    "atau",
    "bagi",
    "bahwa",
    "banyak",
    "baru",
    "belum",
    "bisa",
    "dalam",
    "dan",
    "dapat",
    "dari",
    "dengan",
    "di",
    "dia",
    "hanya",
    "harus",
    "hingga",
    "ini",
    "itu",
    "jika",
    "juga",
    "kami",
    "karena",
    "ke",
    "kepada",
    "kita",
    "lagi",
    "lain",
    "lebih",
    "maupun",
    "masih",
    "melalui",
    "mereka",
    "namun",
    "oleh",
    "pada",
    "para",
    "per",
    "perlu",
    "saat",
    "sampai",
    "sangat",
    "satu",
    "secara",
    "sebagai",
    "sedang",
    "sehingga",
    "sejak",
    "selama",
    "seperti",
    "serta",
    "setiap",
    "sudah",
    "tahun",
    "tanpa",
    "telah",
    "tentang",
    "tersebut",
    "tidak",
    "untuk",
    "yang",
    "desa",
    "warga",
    "masyarakat",
    "kegiatan",
    "program",
    "bulan",
    "orang",
    // English
    "a",
    "about",
    "after",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "but",
    "by",
    "can",
    "for",
    "from",
    "has",
    "have",
    "in",
    "into",
    "is",
    "it",
    "its",
    "more",
    "of",
    "on",
    "or",
    "our",
    "over",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "they",
    "this",
    "to",
    "up",
    "was",
    "we",
    "were",
    "which",
    "who",
    "will",
    "with",
    "village",
    "villages",
    "community",
    "programme",
    "program",
];

pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// The words of a text that carry meaning: lowercased runs of letters and digits, at
/// least two characters, stop words removed.
pub fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(|w| w.to_lowercase())
        .filter(|w| !is_stop_word(w) && !w.chars().all(|c| c.is_ascii_digit()))
}

/// A document as a sparse, L2-normalised TF-IDF vector: `(term id, weight)` by term id.
pub type SparseVector = Vec<(u32, f32)>;

/// The vocabulary and document frequencies of a corpus.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    ids: HashMap<String, u32>,
    document_frequency: Vec<u32>,
    documents: u32,
}

impl Corpus {
    /// Counts a document's terms (each once) into the corpus.
    pub fn add(&mut self, text: &str) {
        let mut seen: Vec<u32> = tokens(text)
            .map(|t| {
                let next = self.ids.len() as u32;
                *self.ids.entry(t).or_insert(next)
            })
            .collect();
        seen.sort_unstable();
        seen.dedup();
        self.document_frequency.resize(self.ids.len(), 0);
        for id in seen {
            self.document_frequency[id as usize] += 1;
        }
        self.documents += 1;
    }

    pub fn vocabulary_size(&self) -> usize {
        self.ids.len()
    }

    /// Smoothed inverse document frequency: rare words weigh more, none weighs nothing.
    fn idf(&self, id: u32) -> f32 {
        let df = self.document_frequency.get(id as usize).copied().unwrap_or(0) as f32;
        ((1.0 + self.documents as f32) / (1.0 + df)).ln() + 1.0
    }

    /// The TF-IDF vector of a text; words unknown to the corpus are left out.
    pub fn vector(&self, text: &str) -> SparseVector {
        let mut counts: HashMap<u32, u32> = HashMap::new();
        for token in tokens(text) {
            if let Some(id) = self.ids.get(&token) {
                *counts.entry(*id).or_default() += 1;
            }
        }
        let mut vector: SparseVector =
            counts.into_iter().map(|(id, n)| (id, (1.0 + (n as f32).ln()) * self.idf(id))).collect();
        vector.sort_unstable_by_key(|(id, _)| *id);
        let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut vector {
                *w /= norm;
            }
        }
        vector
    }
}

/// Cosine similarity of two normalised vectors (a merge of the sorted terms), in [0, 1].
pub fn cosine(a: &SparseVector, b: &SparseVector) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    f64::from(sum).clamp(0.0, 1.0)
}

/// One vector spread over the vocabulary, to compare it with many others quickly.
pub struct DenseQuery {
    weights: Vec<f32>,
}

impl DenseQuery {
    pub fn new(vector: &SparseVector, vocabulary_size: usize) -> Self {
        let mut weights = vec![0.0; vocabulary_size];
        for (id, w) in vector {
            if let Some(slot) = weights.get_mut(*id as usize) {
                *slot = *w;
            }
        }
        DenseQuery { weights }
    }

    pub fn cosine(&self, other: &SparseVector) -> f64 {
        let sum: f32 = other.iter().map(|(id, w)| self.weights.get(*id as usize).copied().unwrap_or(0.0) * w).sum();
        f64::from(sum).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(texts: &[&str]) -> Corpus {
        let mut corpus = Corpus::default();
        for text in texts {
            corpus.add(text);
        }
        corpus
    }

    #[test]
    fn tokens_drop_stop_words_in_both_languages() {
        let words: Vec<String> =
            tokens("Pelatihan pemandu wisata untuk 20 pemuda desa, and the guides' training").collect();
        assert_eq!(words, ["pelatihan", "pemandu", "wisata", "pemuda", "guides", "training"]);
        assert_eq!(tokens("yang dan di the of").count(), 0);
        assert_eq!(tokens("").count(), 0);
    }

    #[test]
    fn similar_texts_score_higher_than_unrelated_ones() {
        let c = corpus(&[
            "pelatihan pemandu wisata air terjun",
            "pendampingan paket wisata dan pemandu lokal",
            "bantuan alat pengolahan kopi liberika",
            "pelatihan budidaya ikan nila keramba",
        ]);
        let need = c.vector("pelatihan pemandu wisata air terjun");
        let close = c.vector("pendampingan paket wisata dan pemandu lokal");
        let far = c.vector("bantuan alat pengolahan kopi liberika");
        assert!(cosine(&need, &close) > cosine(&need, &far));
        assert_eq!(cosine(&need, &far), 0.0);
        assert!((cosine(&need, &need) - 1.0).abs() < 1e-5);
    }

    #[test]
    fn empty_and_unknown_texts_score_zero() {
        let c = corpus(&["pelatihan pemandu wisata"]);
        let empty = c.vector("");
        let unknown = c.vector("zzz qqq");
        assert!(empty.is_empty() && unknown.is_empty());
        assert_eq!(cosine(&empty, &c.vector("pelatihan")), 0.0);
        let dense = DenseQuery::new(&empty, c.vocabulary_size());
        assert_eq!(dense.cosine(&c.vector("pelatihan")), 0.0);
    }

    #[test]
    fn the_dense_query_agrees_with_the_merge() {
        let c = corpus(&["air bersih sumur bor", "sumur bor dan pipa air", "internet desa digital"]);
        let a = c.vector("air bersih sumur bor");
        let b = c.vector("sumur bor dan pipa air");
        let dense = DenseQuery::new(&a, c.vocabulary_size());
        assert!((dense.cosine(&b) - cosine(&a, &b)).abs() < 1e-6);
    }

    #[test]
    fn rare_words_weigh_more_than_common_ones() {
        let c = corpus(&["pelatihan kopi", "pelatihan ikan", "pelatihan wisata", "pelatihan jahit"]);
        let v = c.vector("pelatihan kopi");
        let weight = |word: &str| v.iter().find(|(id, _)| Some(id) == c.ids.get(word)).unwrap().1;
        assert!(weight("kopi") > weight("pelatihan"));
    }
}
