//! Browsing published needs: the query as it appears in the URL, and its validation.

use super::posting::{Sector, SupportType};
use super::region::{RegionCode, RegionLevel};
use super::validation::{Checker, FieldError, Problem};
use serde::{Deserialize, Serialize};

/// Results per page.
pub const PAGE_SIZE: u32 = 20;

/// The filters of `/peluang`, named as in its URL so that a shared link opens the same view.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NeedQuery {
    /// Regency or city code, e.g. `64.02`.
    #[serde(default)]
    pub kabupaten: String,
    /// Sector, e.g. `nature_tourism`.
    #[serde(default)]
    pub sektor: String,
    /// Support type, e.g. `training`.
    #[serde(default)]
    pub dukungan: String,
    /// `terbaru` (newest, default) or `segera` (closing soon).
    #[serde(default)]
    pub urut: String,
    /// 1-based page number.
    #[serde(default)]
    pub halaman: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NeedSort {
    Newest,
    ClosingSoon,
}

/// A checked query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidNeedQuery {
    pub regency: Option<String>,
    pub sector: Option<Sector>,
    pub support: Option<SupportType>,
    pub sort: NeedSort,
    pub page: u32,
}

impl ValidNeedQuery {
    pub fn offset(&self) -> i64 {
        i64::from(self.page - 1) * i64::from(PAGE_SIZE)
    }
}

fn optional<T>(value: &str, parse: impl Fn(&str) -> Option<T>) -> Result<Option<T>, Problem> {
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
        let regency = checker.check(
            "kabupaten",
            optional(&self.kabupaten, |v| {
                RegionCode::parse(v).filter(|c| c.level() == RegionLevel::Regency).map(|c| c.as_str().to_owned())
            }),
        );
        let sector = checker.check("sektor", optional(&self.sektor, Sector::parse));
        let support = checker.check("dukungan", optional(&self.dukungan, SupportType::parse));
        let sort = checker.check(
            "urut",
            optional(&self.urut, |v| match v {
                "terbaru" => Some(NeedSort::Newest),
                "segera" => Some(NeedSort::ClosingSoon),
                _ => None,
            }),
        );
        let page = checker
            .check("halaman", optional(&self.halaman, |v| v.parse::<u32>().ok().filter(|p| (1..=10_000).contains(p))));
        checker.finish()?;
        Ok(ValidNeedQuery {
            regency: regency.flatten(),
            sector: sector.flatten(),
            support: support.flatten(),
            sort: sort.flatten().unwrap_or(NeedSort::Newest),
            page: page.flatten().unwrap_or(1),
        })
    }

    /// The URL query of this view with another page, for pagination links.
    pub fn with_page(&self, page: u32) -> String {
        let pairs = [
            ("kabupaten", self.kabupaten.as_str()),
            ("sektor", self.sektor.as_str()),
            ("dukungan", self.dukungan.as_str()),
            ("urut", self.urut.as_str()),
        ];
        let mut parts: Vec<String> =
            pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", encode(v))).collect();
        if page > 1 {
            parts.push(format!("halaman={page}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// Percent-encodes a query value (our values are codes: digits, letters, `.`, `_`).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'-' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_query_means_everything_newest_first() {
        let valid = NeedQuery::default().validate().unwrap();
        assert_eq!(
            valid,
            ValidNeedQuery { regency: None, sector: None, support: None, sort: NeedSort::Newest, page: 1 }
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
            kabupaten: "64.02.01".into(),
            sektor: "<script>".into(),
            dukungan: "money".into(),
            urut: "random".into(),
            halaman: "-1".into(),
        };
        let fields: Vec<String> = query.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["kabupaten", "sektor", "dukungan", "urut", "halaman"]);
        let zero = NeedQuery { halaman: "0".into(), ..Default::default() };
        assert!(zero.validate().is_err());
    }

    #[test]
    fn page_links_keep_the_filters() {
        let query = NeedQuery { kabupaten: "64.02".into(), sektor: "health".into(), ..Default::default() };
        assert_eq!(query.with_page(2), "?kabupaten=64.02&sektor=health&halaman=2");
        assert_eq!(query.with_page(1), "?kabupaten=64.02&sektor=health");
        assert_eq!(NeedQuery::default().with_page(1), "");
    }
}
