//! The rows of each export, in the dictionary's column order (`domain::export`), within the
//! caller's jurisdiction and the view's filters, streamed from the database in key order.
//! Drafts are their authors' own and never exported.

use super::postings::Guard;
use crate::domain::export::Dataset;
use crate::domain::statistics::ValidStatisticsQuery;

/// A query and its text parameters (`$1…`).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub sql: String,
    pub binds: Vec<String>,
}

impl Selection {
    fn and(&mut self, condition: &str, values: &[String]) {
        let mut condition = condition.to_owned();
        for (k, value) in values.iter().enumerate() {
            self.binds.push(value.clone());
            condition = condition.replace(&format!("?{}", k + 1), &format!("${}", self.binds.len()));
        }
        self.sql.push_str(" and ");
        self.sql.push_str(&condition);
    }

    /// `column` (a village code) lies in `regency`.
    fn in_regency(&mut self, column: &str, regency: &str) {
        let (condition, values) = super::postings::village_in_regency(column, regency, self.binds.len() + 1);
        self.binds.extend(values);
        self.sql.push_str(" and ");
        self.sql.push_str(&condition);
    }
}

/// The regency whose rows a guard limits to (`None`: anywhere). Only staff export.
fn regency_of(guard: &Guard) -> Option<&str> {
    match guard {
        Guard::Regency(code) => Some(code),
        _ => None,
    }
}

const NEED_PLACE: &str = "join village v on v.village_code = n.village_code \
     join district d on d.district_code = v.district_code join regency r on r.regency_code = d.regency_code";

/// Matches that show someone's intent (not an engine's suggestion alone).
const INTENT: &str = "(m.origin <> 'engine' or m.status in ('interested', 'requested', 'introduced', 'agreed'))";

/// The query of `dataset` for a caller with `guard`, narrowed by the view.
pub fn selection(dataset: Dataset, guard: &Guard, view: &ValidStatisticsQuery) -> Selection {
    let mut s = Selection::default();
    let regencies: Vec<&str> = regency_of(guard).into_iter().chain(view.regency.as_deref()).collect();
    let sector = view.sector.map(|s| s.as_str().to_owned());
    let year = view.year.map(|y| y.to_string());
    let (head, order) = match dataset {
        Dataset::Needs => {
            for regency in &regencies {
                s.in_regency("n.village_code", regency);
            }
            if let Some(sector) = &sector {
                s.and("n.sector = ?1", std::slice::from_ref(sector));
            }
            if let Some(year) = &year {
                s.and("substr(n.submitted_at, 1, 4) = ?1", std::slice::from_ref(year));
            }
            (
                format!(
                    "select n.need_id, n.title, n.village_code, v.name, d.name, r.regency_code, r.name, n.sector, \
                            n.support_type, n.status, n.value_idr, n.created_at, n.submitted_at, n.published_at, \
                            (select count(*) from need_match m where m.need_id = n.need_id and {INTENT}) \
                     from need n {NEED_PLACE} where n.status <> 'draft'"
                ),
                " order by n.need_id",
            )
        }
        Dataset::Offers => {
            for regency in &regencies {
                s.and(
                    "(o.serves_province = 1 or exists (select 1 from offer_region a \
                      where a.offer_id = o.offer_id and a.regency_code = ?1))",
                    &[(*regency).to_owned()],
                );
            }
            if let Some(sector) = &sector {
                s.and(
                    "exists (select 1 from offer_sector x where x.offer_id = o.offer_id and x.sector = ?1)",
                    std::slice::from_ref(sector),
                );
            }
            if let Some(year) = &year {
                s.and("substr(o.created_at, 1, 4) = ?1", std::slice::from_ref(year));
            }
            (
                "select o.offer_id, o.title, g.organisation_id, g.name, g.kind, o.support_type, o.status, o.capacity, \
                        o.serves_province, o.value_idr, o.created_at, o.published_at \
                 from offer o join organisation g on g.organisation_id = o.organisation_id where o.status <> 'draft'"
                    .to_owned(),
                " order by o.offer_id",
            )
        }
        Dataset::Matches => {
            for regency in &regencies {
                s.in_regency("n.village_code", regency);
            }
            if let Some(sector) = &sector {
                s.and("n.sector = ?1", std::slice::from_ref(sector));
            }
            if let Some(year) = &year {
                s.and("substr(m.created_at, 1, 4) = ?1", std::slice::from_ref(year));
            }
            (
                format!(
                    "select m.need_match_id, n.need_id, n.title, n.village_code, v.name, r.regency_code, \
                            g.organisation_id, g.name, m.offer_id, m.origin, m.status, m.created_at, m.introduced_at \
                     from need_match m join need n on n.need_id = m.need_id {NEED_PLACE} \
                     join organisation g on g.organisation_id = m.organisation_id where {INTENT}"
                ),
                " order by m.need_match_id",
            )
        }
        Dataset::Cooperations => {
            for regency in &regencies {
                s.in_regency("n.village_code", regency);
            }
            if let Some(sector) = &sector {
                s.and("n.sector = ?1", std::slice::from_ref(sector));
            }
            if let Some(year) = &year {
                s.and("substr(coalesce(a.signed_on, a.created_at), 1, 4) = ?1", std::slice::from_ref(year));
            }
            (
                format!(
                    "select a.agreement_id, n.need_id, n.title, n.village_code, v.name, r.regency_code, r.name, \
                            g.organisation_id, g.name, n.sector, a.status, a.signed_on, a.starts_on, a.ends_on, \
                            a.value_idr, a.beneficiaries, a.outcome \
                     from agreement a join need_match m on m.need_match_id = a.need_match_id \
                     join need n on n.need_id = m.need_id {NEED_PLACE} \
                     join organisation g on g.organisation_id = m.organisation_id where 1 = 1"
                ),
                " order by a.agreement_id",
            )
        }
        Dataset::Villages => {
            for regency in &regencies {
                s.in_regency("v.village_code", regency);
            }
            (
                "select v.village_code, v.name, v.kind, d.name, r.regency_code, r.name, p.development_status, \
                        p.status_year, p.population, \
                        (select count(*) from need n where n.village_code = v.village_code and n.submitted_at is not null), \
                        (select count(*) from need n where n.village_code = v.village_code and n.status = 'published'), \
                        (select count(*) from agreement a join need_match m on m.need_match_id = a.need_match_id \
                         join need n on n.need_id = m.need_id \
                         where n.village_code = v.village_code and a.status <> 'draft') \
                 from village v join district d on d.district_code = v.district_code \
                 join regency r on r.regency_code = d.regency_code \
                 left join village_profile p on p.village_code = v.village_code where 1 = 1"
                    .to_owned(),
                " order by v.village_code",
            )
        }
        Dataset::Audit => {
            // Province staff only (checked before); regency staff would get nothing.
            if regency_of(guard).is_some() {
                s.sql.push_str(" and 1 = 0");
            }
            if let Some(year) = &year {
                s.and("substr(l.created_at, 1, 4) = ?1", std::slice::from_ref(year));
            }
            (
                "select l.audit_id, l.created_at, l.actor_id, u.display_name, l.action, l.entity_type, l.entity_id, \
                        l.before_state, l.after_state, l.reason \
                 from audit_log l left join app_user u on u.user_id = l.actor_id where 1 = 1"
                    .to_owned(),
                " order by l.audit_id",
            )
        }
    };
    s.sql = format!("{head}{}{order}", s.sql);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::statistics::StatisticsQuery;

    fn view(kabupaten: &str, tahun: &str) -> ValidStatisticsQuery {
        StatisticsQuery { kabupaten: kabupaten.into(), tahun: tahun.into(), ..Default::default() }.validate().unwrap()
    }

    #[test]
    fn regency_staff_are_held_to_their_regency_whatever_they_ask() {
        let s = selection(Dataset::Needs, &Guard::Regency("64.02".into()), &view("64.01", "2026"));
        assert!(s.sql.contains("n.village_code >= $1 and n.village_code < $2 and n.village_code >= $3"));
        assert_eq!(s.binds, ["64.02.", "64.02/", "64.01.", "64.01/", "2026"]);
        let province = selection(Dataset::Villages, &Guard::Anywhere, &view("", ""));
        assert!(province.binds.is_empty() && province.sql.ends_with("where 1 = 1 order by v.village_code"));
        assert!(selection(Dataset::Audit, &Guard::Regency("64.02".into()), &view("", "")).sql.contains("1 = 0"));
    }
}
