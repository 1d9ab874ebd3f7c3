//! Cooperation agreements (`agreement`): one per match, its record as
//! `domain::cooperation` checks it. Access is the match's: its two sides and the staff of
//! the need's regency (updates repeat the match's guard, `matches::guarded`, in the SQL).

use super::matches::guarded;
use super::postings::{bind_all, Guard};
use crate::domain::access::MatchFacts;
use crate::domain::cooperation::{Clause, CooperationInput, Initiative, Progress, ValidCooperation};
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
    pub follow_up: FollowUp,
}

/// What happened to an agreement after its draft (every value as stored; `None`: not yet).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FollowUp {
    pub regency_name: String,
    pub district_code: String,
    pub sector: String,
    /// The partner serves the village's district itself (a dispute goes to the camat).
    pub partner_in_district: bool,
    pub registered_at: Option<String>,
    pub status_at_signing: Option<String>,
    pub status_at_signing_year: Option<String>,
    pub status_at_signing_index: Option<String>,
    pub activated_at: Option<String>,
    pub ended_on: Option<String>,
    pub outcome: Option<String>,
    pub beneficiaries: Option<String>,
    pub status_after: Option<String>,
    pub status_after_year: Option<String>,
    pub reported_to_bpd_on: Option<String>,
    pub copied_to_regent_on: Option<String>,
    pub termination_reason: Option<String>,
    pub dispute_stage: Option<String>,
    pub last_progress_on: Option<String>,
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
            a.signed_on, a.starts_on, a.ends_on, cast(a.value_idr as text) as value_idr, a.funding_source, \
            r.name as regency_name, v.district_code, n.sector, \
            case when exists (select 1 from organisation_region o where o.organisation_id = m.organisation_id \
                and o.district_code = v.district_code) then 1 else 0 end as partner_in_district, \
            a.registered_at, a.status_at_signing, cast(a.status_at_signing_year as text) as status_at_signing_year, \
            a.status_at_signing_index, a.activated_at, a.ended_on, a.outcome, \
            cast(a.beneficiaries as text) as beneficiaries, a.status_after, \
            cast(a.status_after_year as text) as status_after_year, a.reported_to_bpd_on, a.copied_to_regent_on, \
            a.termination_reason, a.dispute_stage, \
            (select max(p.reported_on) from agreement_progress p where p.agreement_id = a.agreement_id) as last_progress_on \
     from agreement a join need_match m on m.need_match_id = a.need_match_id join need n on n.need_id = m.need_id \
     join village v on v.village_code = n.village_code join district d on d.district_code = v.district_code \
     join regency r on r.regency_code = d.regency_code \
     join organisation g on g.organisation_id = m.organisation_id";

/// One agreement. Access is decided by the caller.
pub async fn find(pool: &AnyPool, agreement_id: i64) -> Result<Option<AgreementRecord>, sqlx::Error> {
    let row =
        sqlx::query(&format!("{RECORD} where a.agreement_id = $1")).bind(agreement_id).fetch_optional(pool).await?;
    let Some(row) = row else { return Ok(None) };
    let optional = |column: &str| row.try_get::<Option<String>, _>(column);
    let text = |column: &str| -> Result<String, sqlx::Error> { Ok(optional(column)?.unwrap_or_default()) };
    let follow_up = FollowUp {
        regency_name: text("regency_name")?,
        district_code: text("district_code")?,
        sector: text("sector")?,
        partner_in_district: row.try_get::<i64, _>("partner_in_district")? == 1,
        registered_at: optional("registered_at")?,
        status_at_signing: optional("status_at_signing")?,
        status_at_signing_year: optional("status_at_signing_year")?,
        status_at_signing_index: optional("status_at_signing_index")?,
        activated_at: optional("activated_at")?,
        ended_on: optional("ended_on")?,
        outcome: optional("outcome")?,
        beneficiaries: optional("beneficiaries")?,
        status_after: optional("status_after")?,
        status_after_year: optional("status_after_year")?,
        reported_to_bpd_on: optional("reported_to_bpd_on")?,
        copied_to_regent_on: optional("copied_to_regent_on")?,
        termination_reason: optional("termination_reason")?,
        dispute_stage: optional("dispute_stage")?,
        last_progress_on: optional("last_progress_on")?,
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
        clauses: Clause::ALL.iter().map(|c| text(c.field())).collect::<Result<_, _>>()?,
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
        follow_up,
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
    change(conn, agreement_id, &[from], Some(to), &[], guard).await
}

/// A column set by [`change`], its value as text (`Number`: cast to a whole number).
pub enum Set<'a> {
    Text(&'static str, Option<&'a str>),
    Number(&'static str, Option<i64>),
}

/// The one update of an agreement after its draft: within the guard's reach, only while it
/// is in one of `from`, it moves to `to` (if any) and sets `columns`. `false`: nothing changed.
pub async fn change(
    conn: &mut AnyConnection,
    agreement_id: i64,
    from: &[AgreementStatus],
    to: Option<AgreementStatus>,
    columns: &[Set<'_>],
    guard: &Guard,
) -> Result<bool, sqlx::Error> {
    let mut binds: Vec<Option<String>> = vec![Some(now()), Some(agreement_id.to_string())];
    let mut sets = vec!["updated_at = $1".to_owned()];
    if let Some(to) = to {
        binds.push(Some(to.as_str().to_owned()));
        sets.push(format!("status = ${}", binds.len()));
    }
    for column in columns {
        match column {
            Set::Text(name, value) => {
                binds.push(value.map(str::to_owned));
                sets.push(format!("{name} = ${}", binds.len()));
            }
            Set::Number(name, value) => {
                binds.push(value.map(|n| n.to_string()));
                sets.push(format!("{name} = cast(${} as bigint)", binds.len()));
            }
        }
    }
    let states: Vec<String> = from
        .iter()
        .map(|status| {
            binds.push(Some(status.as_str().to_owned()));
            format!("${}", binds.len())
        })
        .collect();
    let (guarded, guard_binds) = guarded(guard, "m", binds.len() + 1);
    let sql = format!(
        "update agreement set {} where agreement_id = cast($2 as bigint) and status in ({}) and need_match_id in \
           (select m.need_match_id from need_match m where 1 = 1{guarded})",
        sets.join(", "),
        states.join(", ")
    );
    let mut query = sqlx::query(&sql);
    for value in binds {
        query = query.bind(value);
    }
    for value in guard_binds {
        query = query.bind(value);
    }
    Ok(query.execute(conn).await?.rows_affected() == 1)
}

/// Whether a need has a cooperation, other than `except`, that is signed or later and was not
/// terminated: one that still takes it up.
pub async fn need_taken_up(conn: &mut AnyConnection, need_id: i64, except: i64) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar(
        "select count(*) from agreement a join need_match m on m.need_match_id = a.need_match_id \
         where m.need_id = $1 and a.agreement_id <> $2 and a.status in ('signed', 'active', 'completed')",
    )
    .bind(need_id)
    .bind(except)
    .fetch_one(conn)
    .await?;
    Ok(count > 0)
}

/// The village's development status now (from its profile): status, year, index kind.
pub async fn village_status(
    conn: &mut AnyConnection,
    village_code: &str,
) -> Result<(Option<String>, Option<i64>, Option<String>), sqlx::Error> {
    let row: Option<(Option<String>, Option<i64>, Option<String>)> = sqlx::query_as(
        "select development_status, status_year, status_index_kind from village_profile where village_code = $1",
    )
    .bind(village_code)
    .fetch_optional(conn)
    .await?;
    Ok(row.unwrap_or_default())
}

/// A dated progress update of an agreement.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProgressRow {
    pub reported_on: String,
    pub body: String,
    pub percent: Option<i64>,
    pub author: String,
}

/// Adds a progress update to an active agreement within the guard's reach; a repeated
/// `client_id` (an offline update sent again) adds nothing. `false`: not added.
pub async fn add_progress(
    conn: &mut AnyConnection,
    agreement_id: i64,
    progress: &Progress,
    client_id: Option<&str>,
    user_id: i64,
    guard: &Guard,
) -> Result<bool, sqlx::Error> {
    let at = now();
    let (guarded, binds) = guarded(guard, "m", 7);
    let sql = format!(
        "insert into agreement_progress (agreement_id, client_id, reported_on, body, percent, created_by, created_at) \
         select a.agreement_id, $2, $3, $4, cast($5 as bigint), cast($6 as bigint), $3 from agreement a \
         join need_match m on m.need_match_id = a.need_match_id \
         where a.agreement_id = cast($1 as bigint) and a.status = 'active'{guarded} \
         on conflict (client_id) do nothing"
    );
    let query = sqlx::query(&sql)
        .bind(agreement_id.to_string())
        .bind(client_id)
        .bind(&at)
        .bind(&progress.text)
        .bind(progress.percent.map(|p| p.to_string()))
        .bind(user_id.to_string());
    let done = bind_all!(query, &binds).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

/// The progress updates of an agreement, newest first.
pub async fn progress(pool: &AnyPool, agreement_id: i64) -> Result<Vec<ProgressRow>, sqlx::Error> {
    sqlx::query_as(
        "select p.reported_on, p.body, p.percent, u.display_name as author from agreement_progress p \
         join app_user u on u.user_id = p.created_by where p.agreement_id = $1 \
         order by p.reported_on desc, p.agreement_progress_id desc",
    )
    .bind(agreement_id)
    .fetch_all(pool)
    .await
}

/// The people of an agreement: the village's operators, the organisation's members and the
/// staff of the village's regency (province staff follow every list instead).
pub async fn people(conn: &mut AnyConnection, agreement: &AgreementRecord) -> Result<Vec<i64>, sqlx::Error> {
    let (mut people, members) =
        super::matches::sides(&mut *conn, &agreement.village_code, agreement.organisation_id).await?;
    people.extend(members);
    let staff: Vec<i64> = sqlx::query_scalar(
        "select user_id from app_user where status = 'active' and role = 'regency_staff' and regency_code = $1",
    )
    .bind(&agreement.regency_code)
    .fetch_all(conn)
    .await?;
    people.extend(staff);
    people.sort_unstable();
    people.dedup();
    Ok(people)
}
