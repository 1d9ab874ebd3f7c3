//! The filters of `/kerja-sama` (and `/api/v1/agreements`), named as in the URL so that a
//! shared link opens the same view.

use super::lifecycle::AgreementStatus;
use super::posting::Sector;
use super::region::{RegionCode, RegionLevel};
use super::search::{optional, page_value, query_string, PAGE_SIZE};
use super::validation::{Checker, FieldError};
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CooperationQuery {
    /// `signed`, `active`, `completed` or `terminated` (drafts only for their people).
    #[serde(default)]
    pub status: String,
    /// Regency or city code of the village, e.g. `64.02`.
    #[serde(default)]
    pub kabupaten: String,
    /// Sector of the need, e.g. `nature_tourism`.
    #[serde(default)]
    pub sektor: String,
    /// The partner organisation's id.
    #[serde(default)]
    pub mitra: String,
    /// A village's code: its cooperations only.
    #[serde(default)]
    pub desa: String,
    /// The year the cooperation was signed (or, for a draft, started), e.g. `2026`.
    #[serde(default)]
    pub tahun: String,
    /// 1-based page number.
    #[serde(default)]
    pub halaman: String,
}

/// A checked list query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidCooperationQuery {
    pub status: Option<AgreementStatus>,
    pub regency: Option<String>,
    pub sector: Option<Sector>,
    pub organisation_id: Option<i64>,
    pub year: Option<i64>,
    pub village: Option<String>,
    pub page: u32,
}

impl ValidCooperationQuery {
    pub fn offset(&self) -> i64 {
        i64::from(self.page - 1) * i64::from(PAGE_SIZE)
    }
}

impl CooperationQuery {
    pub fn validate(&self) -> Result<ValidCooperationQuery, Vec<FieldError>> {
        let mut c = Checker::default();
        let status = c.check("status", optional(&self.status, AgreementStatus::parse));
        let regency = c.check(
            "kabupaten",
            optional(&self.kabupaten, |v| {
                RegionCode::parse(v).filter(|c| c.level() == RegionLevel::Regency).map(|c| c.as_str().to_owned())
            }),
        );
        let sector = c.check("sektor", optional(&self.sektor, Sector::parse));
        let organisation_id = c.check("mitra", optional(&self.mitra, |v| v.parse::<i64>().ok().filter(|id| *id > 0)));
        let year =
            c.check("tahun", optional(&self.tahun, |v| v.parse::<i64>().ok().filter(|y| (2000..=2100).contains(y))));
        let village = c.check(
            "desa",
            optional(&self.desa, |v| {
                RegionCode::parse(v).filter(|c| c.level() == RegionLevel::Village).map(|c| c.as_str().to_owned())
            }),
        );
        let page = c.check("halaman", page_value(&self.halaman));
        c.finish()?;
        Ok(ValidCooperationQuery {
            status: status.flatten(),
            regency: regency.flatten(),
            sector: sector.flatten(),
            organisation_id: organisation_id.flatten(),
            year: year.flatten(),
            village: village.flatten(),
            page: page.flatten().unwrap_or(1),
        })
    }

    /// The URL query of this view with another page.
    pub fn with_page(&self, page: u32) -> String {
        let pairs = [
            ("status", self.status.as_str()),
            ("kabupaten", self.kabupaten.as_str()),
            ("sektor", self.sektor.as_str()),
            ("mitra", self.mitra.as_str()),
            ("tahun", self.tahun.as_str()),
            ("desa", self.desa.as_str()),
        ];
        query_string(&pairs, page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_checked_and_kept_in_the_url() {
        let query = CooperationQuery {
            status: "active".into(),
            kabupaten: "64.02".into(),
            sektor: "nature_tourism".into(),
            mitra: "7".into(),
            tahun: "2026".into(),
            halaman: "2".into(),
            ..Default::default()
        };
        let valid = query.validate().unwrap();
        assert_eq!(valid.status, Some(AgreementStatus::Active));
        assert_eq!((valid.organisation_id, valid.year, valid.page), (Some(7), Some(2026), 2));
        assert_eq!(valid.offset(), 20);
        assert_eq!(
            query.with_page(3),
            "?status=active&kabupaten=64.02&sektor=nature_tourism&mitra=7&tahun=2026&halaman=3"
        );
        assert_eq!(CooperationQuery::default().with_page(1), "");
        let bad = CooperationQuery {
            status: "done".into(),
            kabupaten: "64.02.07".into(),
            sektor: "x".into(),
            mitra: "-1".into(),
            tahun: "26".into(),
            desa: "64.02".into(),
            halaman: "0".into(),
        };
        let fields: Vec<String> = bad.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["status", "kabupaten", "sektor", "mitra", "tahun", "desa", "halaman"]);
    }
}
