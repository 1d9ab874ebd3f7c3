//! Browsing published needs: the query as it appears in the URL, and its validation.

use super::posting::{DevelopmentStatus, Sector, SupportType};
use super::region::{RegionCode, RegionLevel};
use super::validation::{Checker, FieldError, Problem};
use serde::{Deserialize, Serialize};

/// Results per page.
pub const PAGE_SIZE: u32 = 20;

/// The filters of `/peluang`, named as in its URL so that a shared link opens the same view.
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NeedQuery {
    /// Free text: words to find in the title or description.
    #[serde(default)]
    pub q: String,
    /// Regency or city code, e.g. `64.02`.
    #[serde(default)]
    pub kabupaten: String,
    /// District code, e.g. `64.02.07`.
    #[serde(default)]
    pub kecamatan: String,
    /// Sector, e.g. `nature_tourism`.
    #[serde(default)]
    pub sektor: String,
    /// Support type, e.g. `training`.
    #[serde(default)]
    pub dukungan: String,
    /// Village development status, e.g. `berkembang`.
    #[serde(default)]
    pub status_desa: String,
    /// `1`: only needs whose window is still open (or has no end).
    #[serde(default)]
    pub terbuka: String,
    /// `1`: also needs that are closed (expired after publication, fulfilled) or in a
    /// cooperation (matched); each result says its status.
    #[serde(default)]
    pub ditutup: String,
    /// `relevan` (relevance, the default with words), `terbaru` (newest, the default
    /// without) or `segera` (closing soon).
    #[serde(default)]
    pub urut: String,
    /// 1-based page number.
    #[serde(default)]
    pub halaman: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NeedSort {
    Relevance,
    Newest,
    ClosingSoon,
}

/// A checked query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidNeedQuery {
    /// The words searched for, lowercased, at most [`MAX_TERMS`].
    pub terms: Vec<String>,
    pub regency: Option<String>,
    pub district: Option<String>,
    pub sector: Option<Sector>,
    pub support: Option<SupportType>,
    pub village_status: Option<DevelopmentStatus>,
    pub open_only: bool,
    pub include_closed: bool,
    pub sort: NeedSort,
    pub page: u32,
}

/// How many pages `total` results fill (at least one, so that "page 1 of 1" reads right).
pub fn page_count(total: i64) -> u32 {
    u32::try_from((total + i64::from(PAGE_SIZE) - 1) / i64::from(PAGE_SIZE)).unwrap_or(u32::MAX).max(1)
}

/// Words of a search taken into account.
pub const MAX_TERMS: usize = 8;
pub const MAX_QUERY_CHARS: usize = 100;

/// The words of a free-text search: letters and digits, lowercased; everything else
/// separates words, so nothing of the search syntax of either database gets through.
pub fn search_terms(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| word.chars().take(40).collect::<String>().to_lowercase())
        .take(MAX_TERMS)
        .collect()
}

/// A page number from the URL (`halaman`): empty means the first; else 1 to 10,000.
pub fn page_number(value: &str) -> Result<u32, Vec<FieldError>> {
    page_value(value).map(|page| page.unwrap_or(1)).map_err(|problem| vec![FieldError::new("halaman", problem)])
}

pub(crate) fn page_value(value: &str) -> Result<Option<u32>, Problem> {
    optional(value, |v| v.parse::<u32>().ok().filter(|p| (1..=10_000).contains(p)))
}

impl ValidNeedQuery {
    pub fn offset(&self) -> i64 {
        i64::from(self.page - 1) * i64::from(PAGE_SIZE)
    }
}

/// A checkbox of the filters: `1` or `0`.
fn flag(value: &str) -> Option<bool> {
    match value {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    }
}

pub(crate) fn optional<T>(value: &str, parse: impl Fn(&str) -> Option<T>) -> Result<Option<T>, Problem> {
    let value = value.trim();
    if value.is_empty() {
        Ok(None)
    } else {
        parse(value).map(Some).ok_or(Problem::InvalidChoice)
    }
}

impl NeedQuery {
    pub fn validate(&self) -> Result<ValidNeedQuery, Vec<FieldError>> {
        let mut checker = Checker::default();
        let terms = checker.check(
            "q",
            if self.q.chars().count() > MAX_QUERY_CHARS {
                Err(Problem::TooLong { max: MAX_QUERY_CHARS })
            } else {
                Ok(search_terms(&self.q))
            },
        );
        let regency = checker.check(
            "kabupaten",
            optional(&self.kabupaten, |v| {
                RegionCode::parse(v).filter(|c| c.level() == RegionLevel::Regency).map(|c| c.as_str().to_owned())
            }),
        );
        // A district outside the chosen regency is not an error: both filters apply, and
        // nothing is in both (each parameter is checked on its own, as the API documents).
        let district = checker.check(
            "kecamatan",
            optional(&self.kecamatan, |v| {
                RegionCode::parse(v).filter(|c| c.level() == RegionLevel::District).map(|c| c.as_str().to_owned())
            }),
        );
        let sector = checker.check("sektor", optional(&self.sektor, Sector::parse));
        let support = checker.check("dukungan", optional(&self.dukungan, SupportType::parse));
        let village_status = checker.check("status_desa", optional(&self.status_desa, DevelopmentStatus::parse));
        let open_only = checker.check("terbuka", optional(&self.terbuka, flag));
        let include_closed = checker.check("ditutup", optional(&self.ditutup, flag));
        let sort = checker.check(
            "urut",
            optional(&self.urut, |v| match v {
                "relevan" => Some(NeedSort::Relevance),
                "terbaru" => Some(NeedSort::Newest),
                "segera" => Some(NeedSort::ClosingSoon),
                _ => None,
            }),
        );
        let page = checker.check("halaman", page_value(&self.halaman));
        checker.finish()?;
        let terms = terms.unwrap_or_default();
        let default_sort = if terms.is_empty() { NeedSort::Newest } else { NeedSort::Relevance };
        // Relevance means nothing without words.
        let sort = match sort.flatten() {
            Some(NeedSort::Relevance) if terms.is_empty() => NeedSort::Newest,
            Some(sort) => sort,
            None => default_sort,
        };
        Ok(ValidNeedQuery {
            terms,
            regency: regency.flatten(),
            district: district.flatten(),
            sector: sector.flatten(),
            support: support.flatten(),
            village_status: village_status.flatten(),
            open_only: open_only.flatten().unwrap_or(false),
            include_closed: include_closed.flatten().unwrap_or(false),
            sort,
            page: page.flatten().unwrap_or(1),
        })
    }

    /// The URL query of this view with another page, for pagination links.
    pub fn with_page(&self, page: u32) -> String {
        let pairs = [
            ("q", self.q.as_str()),
            ("kabupaten", self.kabupaten.as_str()),
            ("kecamatan", self.kecamatan.as_str()),
            ("sektor", self.sektor.as_str()),
            ("dukungan", self.dukungan.as_str()),
            ("status_desa", self.status_desa.as_str()),
            ("terbuka", self.terbuka.as_str()),
            ("ditutup", self.ditutup.as_str()),
            ("urut", self.urut.as_str()),
        ];
        query_string(&pairs, page)
    }
}

/// The URL query of a list's filters (the empty ones left out) and its page (`halaman`,
/// left out on the first), for links that open the same view.
pub fn query_string(pairs: &[(&str, &str)], page: u32) -> String {
    let mut parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::domain::url::encode(v)))
        .collect();
    if page > 1 {
        parts.push(format!("halaman={page}"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// The filters of `/penawaran` (and `/api/v1/offers`), named as in the URL.
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OfferQuery {
    /// Free text: words to find in the title or description.
    #[serde(default)]
    pub q: String,
    /// Regency or city the offer serves (offers for the whole province always match).
    #[serde(default)]
    pub kabupaten: String,
    #[serde(default)]
    pub sektor: String,
    #[serde(default)]
    pub dukungan: String,
    /// `1`: only offers whose window is still open (or has no end).
    #[serde(default)]
    pub terbuka: String,
    /// `1`: also offers that are closed (expired after publication, fulfilled) or taken
    /// up (matched); each result says its status.
    #[serde(default)]
    pub ditutup: String,
    /// `relevan` (with words), `terbaru` (newest) or `segera` (closing soon).
    #[serde(default)]
    pub urut: String,
    #[serde(default)]
    pub halaman: String,
}

/// A checked offer query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidOfferQuery {
    pub terms: Vec<String>,
    pub open_only: bool,
    pub include_closed: bool,
    pub regency: Option<String>,
    pub sector: Option<Sector>,
    pub support: Option<SupportType>,
    pub sort: NeedSort,
    pub page: u32,
}

impl ValidOfferQuery {
    pub fn offset(&self) -> i64 {
        i64::from(self.page - 1) * i64::from(PAGE_SIZE)
    }
}

impl OfferQuery {
    pub fn validate(&self) -> Result<ValidOfferQuery, Vec<FieldError>> {
        // The same names mean the same as in a need query.
        let as_need = NeedQuery {
            q: self.q.clone(),
            kabupaten: self.kabupaten.clone(),
            sektor: self.sektor.clone(),
            dukungan: self.dukungan.clone(),
            terbuka: self.terbuka.clone(),
            ditutup: self.ditutup.clone(),
            urut: self.urut.clone(),
            halaman: self.halaman.clone(),
            ..Default::default()
        };
        let valid = as_need.validate()?;
        Ok(ValidOfferQuery {
            terms: valid.terms,
            open_only: valid.open_only,
            include_closed: valid.include_closed,
            regency: valid.regency,
            sector: valid.sector,
            support: valid.support,
            sort: valid.sort,
            page: valid.page,
        })
    }

    /// The URL query of this view with another page.
    pub fn with_page(&self, page: u32) -> String {
        NeedQuery {
            q: self.q.clone(),
            kabupaten: self.kabupaten.clone(),
            sektor: self.sektor.clone(),
            dukungan: self.dukungan.clone(),
            terbuka: self.terbuka.clone(),
            ditutup: self.ditutup.clone(),
            urut: self.urut.clone(),
            halaman: String::new(),
            ..Default::default()
        }
        .with_page(page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_query_means_everything_newest_first() {
        let valid = NeedQuery::default().validate().unwrap();
        assert_eq!(
            valid,
            ValidNeedQuery {
                terms: vec![],
                regency: None,
                district: None,
                sector: None,
                support: None,
                village_status: None,
                open_only: false,
                include_closed: false,
                sort: NeedSort::Newest,
                page: 1
            }
        );
        assert_eq!(valid.offset(), 0);
    }

    #[test]
    fn filters_are_parsed() {
        let query = NeedQuery {
            kabupaten: "64.02".into(),
            sektor: "nature_tourism".into(),
            dukungan: "training".into(),
            urut: "segera".into(),
            halaman: "3".into(),
            ..Default::default()
        };
        let valid = query.validate().unwrap();
        assert_eq!(valid.regency.as_deref(), Some("64.02"));
        assert_eq!(valid.sector, Some(Sector::NatureTourism));
        assert_eq!(valid.support, Some(SupportType::Training));
        assert_eq!(valid.sort, NeedSort::ClosingSoon);
        assert_eq!(valid.offset(), 40);
    }

    #[test]
    fn bad_values_name_their_parameter() {
        let query = NeedQuery {
            q: "x".repeat(101),
            kabupaten: "64.02.01".into(),
            kecamatan: "64.02".into(),
            sektor: "<script>".into(),
            dukungan: "money".into(),
            status_desa: "kaya".into(),
            terbuka: "ya".into(),
            ditutup: "semua".into(),
            urut: "random".into(),
            halaman: "-1".into(),
        };
        let fields: Vec<String> = query.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "q",
                "kabupaten",
                "kecamatan",
                "sektor",
                "dukungan",
                "status_desa",
                "terbuka",
                "ditutup",
                "urut",
                "halaman"
            ]
        );
        // A district outside the chosen regency: both filters, which nothing meets.
        let elsewhere = NeedQuery { kabupaten: "64.02".into(), kecamatan: "64.03.01".into(), ..Default::default() };
        let valid = elsewhere.validate().unwrap();
        assert_eq!((valid.regency.as_deref(), valid.district.as_deref()), (Some("64.02"), Some("64.03.01")));
        let zero = NeedQuery { halaman: "0".into(), ..Default::default() };
        assert!(zero.validate().is_err());
    }

    #[test]
    fn search_words_are_plain_lowercase_words() {
        assert_eq!(search_terms("  Wisata AIR-terjun!  "), ["wisata", "air", "terjun"]);
        assert_eq!(search_terms("\"a\" OR b* NEAR(c) -- ;"), ["a", "or", "b", "near", "c"]);
        assert_eq!(search_terms("satu dua tiga empat lima enam tujuh delapan sembilan").len(), MAX_TERMS);
        assert!(search_terms("*** ---").is_empty());
        let with_words = NeedQuery { q: "homestay".into(), ..Default::default() }.validate().unwrap();
        assert_eq!(with_words.sort, NeedSort::Relevance);
        let without = NeedQuery { urut: "relevan".into(), ..Default::default() }.validate().unwrap();
        assert_eq!(without.sort, NeedSort::Newest);
    }

    #[test]
    fn offer_queries_share_the_need_rules() {
        let query = OfferQuery { kabupaten: "64.03".into(), sektor: "education".into(), ..Default::default() };
        let valid = query.validate().unwrap();
        assert_eq!(
            (valid.regency.as_deref(), valid.sector, valid.sort),
            (Some("64.03"), Some(Sector::Education), NeedSort::Newest)
        );
        let bad = OfferQuery { urut: "acak".into(), halaman: "0".into(), ..Default::default() };
        let fields: Vec<String> = bad.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["urut", "halaman"]);
        assert_eq!(query.with_page(2), "?kabupaten=64.03&sektor=education&halaman=2");
    }

    #[test]
    fn page_numbers_are_checked() {
        assert_eq!(page_number(""), Ok(1));
        assert_eq!(page_number("3"), Ok(3));
        for bad in ["0", "-1", "x", "10001"] {
            assert_eq!(page_number(bad).unwrap_err()[0].field, "halaman", "{bad}");
        }
    }

    #[test]
    fn page_links_keep_the_filters() {
        let query = NeedQuery { kabupaten: "64.02".into(), sektor: "health".into(), ..Default::default() };
        assert_eq!(query.with_page(2), "?kabupaten=64.02&sektor=health&halaman=2");
        let words = NeedQuery { q: "air bersih".into(), ..Default::default() };
        assert_eq!(words.with_page(1), "?q=air%20bersih");
        assert_eq!(query.with_page(1), "?kabupaten=64.02&sektor=health");
        assert_eq!(NeedQuery::default().with_page(1), "");
    }
}
