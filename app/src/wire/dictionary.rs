//! The data dictionary of the exports: every column of every data set with its type, its
//! meaning and its allowed values, each in Indonesian and English. The same list is the
//! page `/statistik/kamus-data`, the file `kamus-data.csv` and the sheet "Kamus data" of
//! every XLSX export.

use crate::domain::export::{ColumnType, Dataset, Vocabulary};
use crate::domain::lifecycle::{AgreementStatus, MatchStatus, PostingStatus};
use crate::domain::organisation::OrganisationKind;
use crate::domain::posting::{DevelopmentStatus, Sector, SupportType};
use crate::i18n::Locale;
use crate::wire::text;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DictionaryColumn {
    /// The data set's file name (`kebutuhan`).
    pub dataset: String,
    pub column: String,
    /// `integer`, `text`, `date`, `timestamp`, `region_code`, `choice` or `flag`.
    pub kind: String,
    pub id: String,
    pub en: String,
    /// For a `choice`, the values it may take.
    pub values: Vec<DictionaryValue>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DictionaryValue {
    pub value: String,
    pub id: String,
    pub en: String,
}

/// The columns of one data set, described.
pub fn columns(dataset: Dataset) -> Vec<DictionaryColumn> {
    dataset
        .columns()
        .iter()
        .map(|c| DictionaryColumn {
            dataset: dataset.as_str().to_owned(),
            column: c.name.to_owned(),
            kind: c.kind.name().to_owned(),
            id: c.id.to_owned(),
            en: c.en.to_owned(),
            values: match c.kind {
                ColumnType::Choice(vocabulary) => values(vocabulary),
                _ => Vec::new(),
            },
        })
        .collect()
}

/// Every data set's columns, in order.
pub fn dictionary() -> Vec<DictionaryColumn> {
    Dataset::ALL.iter().flat_map(|d| columns(*d)).collect()
}

/// The values of a vocabulary with their names in both languages.
pub fn values(vocabulary: Vocabulary) -> Vec<DictionaryValue> {
    let named = |value: &str, name: &dyn Fn(Locale) -> String| DictionaryValue {
        value: value.to_owned(),
        id: name(Locale::id),
        en: name(Locale::en),
    };
    match vocabulary {
        Vocabulary::PostingStatus => {
            PostingStatus::ALL.iter().map(|s| named(s.as_str(), &|l| text::posting_status(l, *s).to_owned())).collect()
        }
        Vocabulary::Sector => Sector::ALL.iter().map(|s| named(s.as_str(), &|l| text::sector(l, s.as_str()))).collect(),
        Vocabulary::SupportType => {
            SupportType::ALL.iter().map(|s| named(s.as_str(), &|l| text::support(l, s.as_str()))).collect()
        }
        Vocabulary::MatchStatus => {
            MatchStatus::ALL.iter().map(|s| named(s.as_str(), &|l| text::match_status(l, *s).to_owned())).collect()
        }
        Vocabulary::CooperationStatus => AgreementStatus::ALL
            .iter()
            .map(|s| named(s.as_str(), &|l| text::agreement_status(l, *s).to_owned()))
            .collect(),
        Vocabulary::DevelopmentStatus => DevelopmentStatus::ALL
            .iter()
            .map(|s| named(s.as_str(), &|l| text::development_status(l, s.as_str())))
            .collect(),
        Vocabulary::VillageType => {
            ["desa", "kelurahan"].iter().map(|k| named(k, &|l| text::village_kind(l, k).to_owned())).collect()
        }
        Vocabulary::OrganisationKind => OrganisationKind::ALL
            .iter()
            .map(|k| named(k.as_str(), &|l| text::organisation_kind(l, *k).to_owned()))
            .collect(),
        Vocabulary::MatchOrigin => [
            ("engine", "Saran mesin pencocokan", "Suggested by the matching engine"),
            ("partner_interest", "Mitra menyatakan minat", "The partner expressed interest"),
            ("village_request", "Desa meminta mitra", "The village asked the partner"),
            ("staff", "Diusulkan staf DPMD", "Proposed by DPMD staff"),
        ]
        .iter()
        .map(|(value, id, en)| DictionaryValue {
            value: (*value).to_owned(),
            id: (*id).to_owned(),
            en: (*en).to_owned(),
        })
        .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_lists_its_values_named_in_both_languages() {
        let all = dictionary();
        assert_eq!(all.len(), Dataset::ALL.iter().map(|d| d.columns().len()).sum::<usize>());
        for column in &all {
            assert_eq!(column.kind == "choice", !column.values.is_empty(), "{}.{}", column.dataset, column.column);
            for value in &column.values {
                assert!(!value.id.is_empty() && !value.en.is_empty(), "{}: {}", column.column, value.value);
            }
        }
        let sector = all.iter().find(|c| c.dataset == "kebutuhan" && c.column == "sektor").unwrap();
        assert_eq!(sector.values.len(), Sector::ALL.len());
        let status = all.iter().find(|c| c.dataset == "kerja_sama" && c.column == "status").unwrap();
        assert!(status.values.iter().any(|v| v.value == "completed" && v.id != v.en));
    }
}
