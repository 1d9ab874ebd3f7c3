//! Lists of cooperation agreements: the public list (signed or later), with the drafts of the
//! caller's reach mixed in, and what waits for a side or for staff.

use super::matches::guarded;
use super::postings::{bind_all, Guard};
use crate::domain::cooperation::report_due;
use crate::domain::cooperation_query::ValidCooperationQuery;
use crate::domain::lifecycle::AgreementStatus;
use crate::domain::search::PAGE_SIZE;
use crate::wire::cooperations::CooperationLine;
use crate::wire::page::Page;
use sqlx::AnyPool;

#[derive(sqlx::FromRow)]
struct LineRow {
    agreement_id: i64,
    title: String,
    village_code: String,
    village_name: String,
    regency_name: String,
    organisation_id: i64,
    organisation_name: String,
    sector: String,
    status: String,
    signed_on: Option<String>,
    starts_on: Option<String>,
    ends_on: Option<String>,
    outcome: Option<String>,
    beneficiaries: Option<i64>,
    registered_at: Option<String>,
    reported_to_bpd_on: Option<String>,
    copied_to_regent_on: Option<String>,
    last_progress_on: Option<String>,
}

impl LineRow {
    fn line(self) -> CooperationLine {
        CooperationLine {
            agreement_id: self.agreement_id,
            title: self.title,
            village_code: self.village_code,
            village_name: self.village_name,
            regency_name: self.regency_name,
            organisation_id: self.organisation_id,
            organisation_name: self.organisation_name,
            sector: self.sector,
            status: AgreementStatus::parse(&self.status).unwrap_or(AgreementStatus::Draft),
            signed_on: self.signed_on,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            outcome: self.outcome,
            beneficiaries: self.beneficiaries,
        }
    }
}

const LINE: &str = "select a.agreement_id, n.title, v.village_code, v.name as village_name, r.name as regency_name, \
            m.organisation_id, g.name as organisation_name, n.sector, a.status, a.signed_on, a.starts_on, a.ends_on, \
            a.outcome, a.beneficiaries, a.registered_at, a.reported_to_bpd_on, a.copied_to_regent_on, \
            (select max(p.reported_on) from agreement_progress p where p.agreement_id = a.agreement_id) as last_progress_on \
     from agreement a join need_match m on m.need_match_id = a.need_match_id join need n on n.need_id = m.need_id \
     join village v on v.village_code = n.village_code join district d on d.district_code = v.district_code \
     join regency r on r.regency_code = d.regency_code join organisation g on g.organisation_id = m.organisation_id";

/// The `where` of a list: the query's filters, and the public's reach (signed or later) plus
/// the drafts within `drafts_of` (the caller's side or jurisdiction).
fn condition(query: &ValidCooperationQuery, drafts_of: Option<&Guard>) -> (String, Vec<String>) {
    let mut binds: Vec<String> = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    let mut filter = |sql: &str, value: String, binds: &mut Vec<String>| {
        binds.push(value);
        parts.push(sql.replace('?', &format!("${}", binds.len())));
    };
    if let Some(status) = query.status {
        filter("a.status = ?", status.as_str().to_owned(), &mut binds);
    }
    if let Some(regency) = &query.regency {
        filter("d.regency_code = ?", regency.clone(), &mut binds);
    }
    if let Some(sector) = query.sector {
        filter("n.sector = ?", sector.as_str().to_owned(), &mut binds);
    }
    if let Some(id) = query.organisation_id {
        filter("m.organisation_id = cast(? as bigint)", id.to_string(), &mut binds);
    }
    if let Some(year) = query.year {
        filter("substr(coalesce(a.signed_on, a.created_at), 1, 4) = ?", year.to_string(), &mut binds);
    }
    if let Some(village) = &query.village {
        filter("n.village_code = ?", village.clone(), &mut binds);
    }
    let reach = match drafts_of {
        Some(guard) => {
            let (sql, guard_binds) = guarded(guard, "m", binds.len() + 1);
            binds.extend(guard_binds);
            format!("(a.status <> 'draft' or (1 = 1{sql}))")
        }
        None => "a.status <> 'draft'".to_owned(),
    };
    parts.push(reach);
    (parts.join(" and "), binds)
}

/// A page of cooperations, newest first: the public ones, and the drafts `drafts_of` reaches.
pub async fn list(
    pool: &AnyPool,
    query: &ValidCooperationQuery,
    drafts_of: Option<&Guard>,
) -> Result<Page<CooperationLine>, sqlx::Error> {
    let (condition, binds) = condition(query, drafts_of);
    let sql = format!(
        "{LINE} where {condition} order by coalesce(a.signed_on, a.created_at) desc, a.agreement_id desc \
         limit {PAGE_SIZE} offset {}",
        query.offset()
    );
    let rows: Vec<LineRow> = bind_all!(sqlx::query_as(&sql), &binds).fetch_all(pool).await?;
    let count = format!(
        "select count(*) from agreement a join need_match m on m.need_match_id = a.need_match_id \
         join need n on n.need_id = m.need_id join village v on v.village_code = n.village_code \
         join district d on d.district_code = v.district_code where {condition}"
    );
    let total: i64 = bind_all!(sqlx::query_scalar(&count), &binds).fetch_one(pool).await?;
    Ok(Page::new(rows.into_iter().map(LineRow::line).collect(), total, query.page))
}

/// One public cooperation (signed or later).
pub async fn public(pool: &AnyPool, agreement_id: i64) -> Result<Option<CooperationLine>, sqlx::Error> {
    let sql = format!("{LINE} where a.agreement_id = $1 and a.status <> 'draft'");
    let row: Option<LineRow> = sqlx::query_as(&sql).bind(agreement_id).fetch_optional(pool).await?;
    Ok(row.map(LineRow::line))
}

/// An open cooperation within a guard's reach, with what decides its next step.
pub struct Standing {
    pub line: CooperationLine,
    pub registered: bool,
    pub report_due: bool,
    pub last_progress_on: Option<String>,
}

/// The cooperations within the guard's reach that are not over (or whose report is due),
/// the most recently changed first: what the dashboard sorts into tasks.
pub async fn open_within(pool: &AnyPool, guard: &Guard) -> Result<Vec<Standing>, sqlx::Error> {
    let (sql, binds) = guarded(guard, "m", 1);
    let sql = format!(
        "{LINE} where (a.status in ('draft', 'signed', 'active') or (a.status = 'completed' and \
           (a.reported_to_bpd_on is null or a.copied_to_regent_on is null))){sql} \
         order by a.updated_at desc, a.agreement_id desc limit 100"
    );
    let rows: Vec<LineRow> = bind_all!(sqlx::query_as(&sql), &binds).fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|row| Standing {
            registered: row.registered_at.is_some(),
            report_due: report_due(row.reported_to_bpd_on.as_deref(), row.copied_to_regent_on.as_deref()),
            last_progress_on: row.last_progress_on.clone(),
            line: row.line(),
        })
        .collect())
}
