//! Cooperation agreements (`agreement`): one per match, its record as
//! `domain::cooperation` checks it. Access is the match's: its two sides and the staff of
//! the need's regency (updates repeat the match's guard, `matches::guarded`, in the SQL).

use super::matches::guarded;
use super::postings::Guard;
use crate::domain::access::MatchFacts;
use crate::domain::cooperation::{Clause, CooperationInput, Initiative, ValidCooperation};
use crate::domain::lifecycle::AgreementStatus;
use crate::ssr::db::now;
use sqlx::{AnyConnection, AnyPool, Row};

/// An agreement with its match's facts and names.
#[derive(Clone, Debug)]
pub struct AgreementRecord {
    pub agreement_id: i64,
    pub need_match_id: i64,
    pub need_id: i64,
    pub need_title: String,
    pub village_code: String,
    pub village_name: String,
    pub regency_code: String,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub status: AgreementStatus,
    pub record: CooperationInput,
}

impl AgreementRecord {
    pub fn facts(&self) -> MatchFacts {
        MatchFacts {
            village_code: self.village_code.clone(),
            regency_code: self.regency_code.clone(),
            organisation_id: self.organisation_id,
        }
    }
}

/// The record's columns, in the order of [`binds`].
const COLUMNS: [&str; 24] = [
    "mou_number",
    "mou_signed_on",
    "musdes_held_on",
    "musdes_minutes",
    "plan_status",
    "plan_year",
    "kak_reference",
    "clause_scope",
    "clause_field",
    "clause_procedure",
    "clause_duration",
    "clause_rights_obligations",
    "clause_funding",
    "clause_amendment",
    "clause_dispute",
    "village_head",
    "partner_representative",
    "partner_title",
    "signed_on",
    "starts_on",
    "ends_on",
    "value_idr",
    "funding_source",
    "initiated_by",
];

/// The record's values as text (numbers cast in SQL), in [`COLUMNS`] order.
fn values(valid: &ValidCooperation) -> Vec<Option<String>> {
    let mut values = vec![
        valid.mou_number.clone(),
        valid.mou_signed_on.clone(),
        valid.musdes_held_on.clone(),
        valid.musdes_minutes.clone(),
        valid.plan_status.map(|s| s.as_str().to_owned()),
        valid.plan_year.map(|y| y.to_string()),
        valid.kak_reference.clone(),
    ];
    values.extend(valid.clauses.iter().cloned());
    values.extend([
        valid.village_head.clone(),
        valid.partner_representative.clone(),
        valid.partner_title.clone(),
        valid.signed_on.clone(),
        valid.starts_on.clone(),
        valid.ends_on.clone(),
        valid.value_idr.map(|v| v.to_string()),
        valid.funding_source.map(|s| s.as_str().to_owned()),
        valid.initiated_by.map(|i| i.as_str().to_owned()),
    ]);
    values
}

/// `column = $n` for each record column, numbers cast.
fn assignments() -> String {
    COLUMNS
        .iter()
        .enumerate()
        .map(|(n, column)| match *column {
            "plan_year" | "value_idr" => format!("{column} = cast(${} as bigint)", n + 1),
            _ => format!("{column} = ${}", n + 1),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

const RECORD: &str = "select a.agreement_id, a.need_match_id, m.need_id, n.title as need_title, v.village_code, \
            v.name as village_name, d.regency_code, m.organisation_id, g.name as organisation_name, a.status, \
            a.initiated_by, a.mou_number, a.mou_signed_on, a.musdes_held_on, a.musdes_minutes, a.plan_status, \
            cast(a.plan_year as text) as plan_year, a.kak_reference, a.clause_scope, a.clause_field, \
            a.clause_procedure, a.clause_duration, a.clause_rights_obligations, a.clause_funding, \
            a.clause_amendment, a.clause_dispute, a.village_head, a.partner_representative, a.partner_title, \
            a.signed_on, a.starts_on, a.ends_on, cast(a.value_idr as text) as value_idr, a.funding_source \
     from agreement a join need_match m on m.need_match_id = a.need_match_id join need n on n.need_id = m.need_id \
     join village v on v.village_code = n.village_code join district d on d.district_code = v.district_code \
     join organisation g on g.organisation_id = m.organisation_id";

/// One agreement. Access is decided by the caller.
pub async fn find(pool: &AnyPool, agreement_id: i64) -> Result<Option<AgreementRecord>, sqlx::Error> {
    let row =
        sqlx::query(&format!("{RECORD} where a.agreement_id = $1")).bind(agreement_id).fetch_optional(pool).await?;
    let Some(row) = row else { return Ok(None) };
    let text = |column: &str| -> Result<String, sqlx::Error> {
        Ok(row.try_get::<Option<String>, _>(column)?.unwrap_or_default())
    };
    let record = CooperationInput {
        initiated_by: text("initiated_by")?,
        mou_number: text("mou_number")?,
        mou_signed_on: text("mou_signed_on")?,
        musdes_held_on: text("musdes_held_on")?,
        musdes_minutes: text("musdes_minutes")?,
        plan_status: text("plan_status")?,
        plan_year: text("plan_year")?,
        kak_reference: text("kak_reference")?,
        clauses: Clause::ALL.iter().map(|c| text(&c.field())).collect::<Result<_, _>>()?,
        village_head: text("village_head")?,
        partner_representative: text("partner_representative")?,
        partner_title: text("partner_title")?,
        signed_on: text("signed_on")?,
        starts_on: text("starts_on")?,
        ends_on: text("ends_on")?,
        value_idr: text("value_idr")?,
        funding_source: text("funding_source")?,
    };
    Ok(Some(AgreementRecord {
        agreement_id: row.try_get("agreement_id")?,
        need_match_id: row.try_get("need_match_id")?,
        need_id: row.try_get("need_id")?,
        need_title: row.try_get("need_title")?,
        village_code: row.try_get("village_code")?,
        village_name: row.try_get("village_name")?,
        regency_code: row.try_get("regency_code")?,
        organisation_id: row.try_get("organisation_id")?,
        organisation_name: row.try_get("organisation_name")?,
        status: AgreementStatus::parse(&text("status")?).unwrap_or(AgreementStatus::Draft),
        record,
    }))
}

/// The agreement of a match, if one was started.
pub async fn of_match(conn: &mut AnyConnection, need_match_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("select agreement_id from agreement where need_match_id = $1")
        .bind(need_match_id)
        .fetch_optional(conn)
        .await
}

/// Starts the draft of a match's agreement: `(agreement_id, created)`; a match that has
/// one already answers with it (one agreement per match, even when two start at once).
pub async fn start(
    conn: &mut AnyConnection,
    need_match_id: i64,
    initiative: Initiative,
    user_id: i64,
) -> Result<(i64, bool), sqlx::Error> {
    let at = now();
    let inserted: Option<i64> = sqlx::query_scalar(
        "insert into agreement (need_match_id, initiated_by, status, created_by, created_at, updated_at) \
         values ($1, $2, 'draft', $3, $4, $4) on conflict (need_match_id) do nothing returning agreement_id",
    )
    .bind(need_match_id)
    .bind(initiative.as_str())
    .bind(user_id)
    .bind(&at)
    .fetch_optional(&mut *conn)
    .await?;
    match inserted {
        Some(id) => Ok((id, true)),
        None => of_match(conn, need_match_id).await?.map(|id| (id, false)).ok_or(sqlx::Error::RowNotFound),
    }
}

/// Replaces the record of a draft agreement within the guard's reach; `false` if it is no
/// longer a draft or not the guard's (nothing changed).
pub async fn save_draft(
    conn: &mut AnyConnection,
    agreement_id: i64,
    valid: &ValidCooperation,
    guard: &Guard,
) -> Result<bool, sqlx::Error> {
    let values = values(valid);
    let next = values.len() + 1;
    let (guarded, binds) = guarded(guard, "m", next + 2);
    let sql = format!(
        "update agreement set {}, updated_at = ${next} \
         where agreement_id = cast(${} as bigint) and status = 'draft' and need_match_id in \
           (select m.need_match_id from need_match m where 1 = 1{guarded})",
        assignments(),
        next + 1
    );
    let mut query = sqlx::query(&sql);
    for value in values {
        query = query.bind(value);
    }
    query = query.bind(now()).bind(agreement_id.to_string());
    for value in binds {
        query = query.bind(value);
    }
    Ok(query.execute(conn).await?.rows_affected() == 1)
}

/// Moves an agreement within the guard's reach from `from` to `to`; `false` if it was no
/// longer in `from` or is not the guard's (nothing changed).
pub async fn transition(
    conn: &mut AnyConnection,
    agreement_id: i64,
    from: AgreementStatus,
    to: AgreementStatus,
    guard: &Guard,
) -> Result<bool, sqlx::Error> {
    let (guarded, binds) = guarded(guard, "m", 5);
    let sql = format!(
        "update agreement set status = $1, updated_at = $2 \
         where agreement_id = cast($3 as bigint) and status = $4 and need_match_id in \
           (select m.need_match_id from need_match m where 1 = 1{guarded})"
    );
    let mut query = sqlx::query(&sql).bind(to.as_str()).bind(now()).bind(agreement_id.to_string()).bind(from.as_str());
    for value in binds {
        query = query.bind(value);
    }
    Ok(query.execute(conn).await?.rows_affected() == 1)
}
