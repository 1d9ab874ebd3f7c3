//! What the public API's handlers enforce on their parameters, stated in its OpenAPI
//! document: the derives give names and types only, so each parameter's pattern, closed
//! vocabulary or length is added here, from the same domain types the handlers check with
//! (a new sector or status appears in the document by itself). Empty means "no filter"
//! everywhere, so every vocabulary also allows `""`.

use app::domain::lifecycle::AgreementStatus;
use app::domain::posting::{DevelopmentStatus, Sector, SupportType};
use app::domain::search::MAX_QUERY_CHARS;
use app::domain::statistics::{MapFigure, Period};
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::openapi::schema::Schema;
use utoipa::openapi::{OpenApi, RefOr};

/// How one parameter is checked.
enum Rule {
    Pattern(String),
    Choice(Vec<&'static str>),
    /// Free text of at most this many characters, without NUL (refused everywhere: see
    /// `request_text`).
    Words(usize),
    /// A positive id in the path.
    Id,
}

fn code(groups: &[u32]) -> String {
    groups.iter().map(|width| format!("[0-9]{{{width}}}")).collect::<Vec<_>>().join("\\.")
}

fn optional(pattern: &str) -> Rule {
    Rule::Pattern(format!("^({pattern})?$"))
}

fn choice(values: impl IntoIterator<Item = &'static str>) -> Rule {
    Rule::Choice(std::iter::once("").chain(values).collect())
}

fn rule(name: &str, place: &ParameterIn) -> Option<Rule> {
    if matches!(place, ParameterIn::Path) {
        return (name == "id").then_some(Rule::Id);
    }
    Some(match name {
        "q" => Rule::Words(MAX_QUERY_CHARS),
        "kabupaten" | "regency" => optional(&code(&[2, 2])),
        "kecamatan" | "district" => optional(&code(&[2, 2, 2])),
        "desa" => optional(&code(&[2, 2, 2, 4])),
        "sektor" => choice(Sector::ALL.iter().map(|s| s.as_str())),
        "dukungan" => choice(SupportType::ALL.iter().map(|s| s.as_str())),
        "status_desa" => choice(DevelopmentStatus::ALL.iter().map(|s| s.as_str())),
        "status" => choice(AgreementStatus::ALL.iter().map(|s| s.as_str())),
        "periode" => choice(Period::ALL.iter().map(|s| s.as_str())),
        "peta" => choice(MapFigure::ALL.iter().map(|s| s.as_str())),
        "terbuka" | "ditutup" => choice(["0", "1"]),
        "urut" => choice(["relevan", "terbaru", "segera"]),
        "level" => choice(["regency", "district", "village"]),
        "tahun" => optional("20[0-9]{2}|2100"),
        // 1 to 10,000 (`page_number`).
        "halaman" => optional("[1-9][0-9]{0,3}|10000"),
        // A positive id (the server reads up to `i64::MAX`; the document promises 18 digits).
        "mitra" => optional("[1-9][0-9]{0,17}"),
        _ => return None,
    })
}

fn constrain(parameter: &mut Parameter) {
    let Some(rule) = rule(&parameter.name, &parameter.parameter_in) else { return };
    let Some(RefOr::T(Schema::Object(schema))) = parameter.schema.as_mut() else { return };
    match rule {
        Rule::Pattern(pattern) => schema.pattern = Some(pattern),
        Rule::Choice(values) => schema.enum_values = Some(values.into_iter().map(Into::into).collect()),
        Rule::Words(max) => {
            schema.max_length = Some(max);
            schema.pattern = Some("^[^\\u0000]*$".to_owned());
        }
        Rule::Id => schema.minimum = Some(1.into()),
    }
}

/// The document with every parameter's constraints.
pub fn constrained(mut document: OpenApi) -> OpenApi {
    for item in document.paths.paths.values_mut() {
        for operation in item.get.iter_mut() {
            operation.parameters.iter_mut().flatten().for_each(constrain);
        }
    }
    document
}

/// Every query parameter of the document, and whether a rule states it.
pub fn unconstrained(document: &OpenApi) -> Vec<String> {
    let mut missing = Vec::new();
    for (path, item) in &document.paths.paths {
        for operation in item.get.iter() {
            for parameter in operation.parameters.iter().flatten() {
                if rule(&parameter.name, &parameter.parameter_in).is_none() {
                    missing.push(format!("{path} {}", parameter.name));
                }
            }
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::cooperation_query::CooperationQuery;
    use app::domain::search::NeedQuery;
    use app::domain::statistics::StatisticsQuery;

    fn accepts(rule: &Rule, value: &str) -> bool {
        match rule {
            Rule::Pattern(pattern) => regex::Regex::new(pattern).unwrap().is_match(value),
            Rule::Choice(values) => values.contains(&value),
            Rule::Words(max) => value.chars().count() <= *max && !value.contains('\0'),
            Rule::Id => value.parse::<i64>().is_ok_and(|id| id >= 1),
        }
    }

    /// Whether the handlers' own validation takes `value` for the parameter.
    fn valid(name: &str, value: &str) -> bool {
        let v = value.to_owned();
        match name {
            "q" | "kabupaten" | "kecamatan" | "sektor" | "dukungan" | "status_desa" | "terbuka" | "ditutup"
            | "urut" | "halaman" => {
                let mut query = NeedQuery::default();
                let field = match name {
                    "q" => &mut query.q,
                    "kabupaten" => &mut query.kabupaten,
                    "kecamatan" => &mut query.kecamatan,
                    "sektor" => &mut query.sektor,
                    "dukungan" => &mut query.dukungan,
                    "status_desa" => &mut query.status_desa,
                    "terbuka" => &mut query.terbuka,
                    "ditutup" => &mut query.ditutup,
                    "urut" => &mut query.urut,
                    _ => &mut query.halaman,
                };
                *field = v;
                query.validate().is_ok()
            }
            "status" | "desa" | "mitra" | "tahun" => {
                let mut query = CooperationQuery::default();
                *match name {
                    "status" => &mut query.status,
                    "desa" => &mut query.desa,
                    "mitra" => &mut query.mitra,
                    _ => &mut query.tahun,
                } = v;
                query.validate().is_ok()
            }
            "periode" | "peta" => {
                let mut query = StatisticsQuery::default();
                *if name == "periode" { &mut query.periode } else { &mut query.peta } = v;
                query.validate().is_ok()
            }
            _ => unreachable!("{name}"),
        }
    }

    /// Every value the document allows is one the handlers accept (what schemathesis
    /// checks), tried on the edges of each rule.
    #[test]
    fn what_the_document_allows_the_handlers_accept() {
        let samples = [
            "",
            "0",
            "1",
            "2",
            "9999",
            "10000",
            "10001",
            "01",
            "-1",
            "1999",
            "2000",
            "2026",
            "2100",
            "2101",
            "64",
            "64.02",
            "64.02.07",
            "64.02.07.2001",
            "6a.02",
            "64.02.",
            "nature_tourism",
            "training",
            "berkembang",
            "active",
            "draft",
            "month",
            "quarter",
            "year",
            "open_needs",
            "relevan",
            "terbaru",
            "segera",
            "x",
            "999999999999999999",
        ];
        let long = "a".repeat(MAX_QUERY_CHARS + 1);
        let names = [
            "q",
            "kabupaten",
            "kecamatan",
            "desa",
            "sektor",
            "dukungan",
            "status_desa",
            "status",
            "periode",
            "peta",
            "terbuka",
            "ditutup",
            "urut",
            "tahun",
            "halaman",
            "mitra",
        ];
        for name in names {
            let rule = rule(name, &ParameterIn::Query).expect(name);
            for value in samples.iter().copied().chain([long.as_str()]) {
                if accepts(&rule, value) {
                    assert!(valid(name, value), "the document allows {name}={value:?}, the handlers refuse it");
                }
            }
        }
        // And the rules are not empty: each allows something beyond "".
        assert!(accepts(&rule("halaman", &ParameterIn::Query).unwrap(), "10000"));
        assert!(!accepts(&rule("halaman", &ParameterIn::Query).unwrap(), "10001"));
        assert!(!accepts(&rule("kabupaten", &ParameterIn::Query).unwrap(), "64.02.07"));
    }

    #[test]
    fn every_query_parameter_of_the_document_is_constrained() {
        let document = constrained(<crate::public_api::ApiDoc as utoipa::OpenApi>::openapi());
        assert_eq!(unconstrained(&document), Vec::<String>::new());
        let json = document.to_json().unwrap();
        assert!(json.contains("\\.[0-9]{2}"), "region patterns are in the document");
        assert!(json.contains("nature_tourism"), "vocabularies are in the document");
    }
}
