//! The demonstration's cooperations: for needs that the seed marked `matched` or
//! `fulfilled` (and a few published ones), the match that led there and its agreement in
//! every state — a draft, signed and waiting for registration, active with progress,
//! completed with its outcome (with and without the report), and terminated in a dispute.
//! Everything is consistent: an agreed match for a signed agreement, an introduced one for
//! a draft, a fulfilled need for a completed cooperation, a published one again for a
//! terminated cooperation.

use anyhow::Context;
use app::domain::cooperation::Clause;
use sqlx::AnyPool;

/// Which state each seeded cooperation is in, and how far its follow-up went.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Draft,
    Signed,
    Active,
    Completed { reported: bool },
    Terminated,
}

const MATCHED_STAGES: [Stage; 4] = [Stage::Active, Stage::Signed, Stage::Active, Stage::Terminated];
const FULFILLED_STAGES: [Stage; 2] = [Stage::Completed { reported: true }, Stage::Completed { reported: false }];

fn clause_text(clause: Clause, title: &str, partner: &str) -> String {
    match clause {
        Clause::Scope => format!("Kerja sama meliputi kegiatan «{title}» bagi warga desa."),
        Clause::Field => "Bidang pemberdayaan masyarakat desa dan pengembangan ekonomi lokal.".into(),
        Clause::Procedure => {
            format!("{partner} menyediakan tenaga ahli dan bahan; desa menyediakan tempat dan peserta.")
        }
        Clause::Duration => "Enam bulan sejak tanggal mulai, dapat diperpanjang atas kesepakatan.".into(),
        Clause::RightsObligations => {
            "Para pihak melaksanakan kegiatan sesuai KAK dan saling melaporkan perkembangan.".into()
        }
        Clause::Funding => format!("Biaya kegiatan ditanggung {partner}; desa menanggung konsumsi peserta."),
        Clause::Amendment => {
            "Perubahan, penundaan atau pembatalan dilakukan secara tertulis atas kesepakatan para pihak.".into()
        }
        Clause::Dispute => {
            "Perselisihan diselesaikan secara musyawarah; bila tidak tercapai, melalui Camat atau Bupati.".into()
        }
    }
}

/// Seeds the cooperations of the verified `organisations` (id, a member, name), registered
/// by `staff`; returns how many. Dates are counted back from today.
pub async fn seed(pool: &AnyPool, organisations: &[(i64, i64, String)], staff: i64) -> anyhow::Result<usize> {
    let pick = |status: &str, limit: i64| {
        sqlx::query_as::<_, (i64, String, i64)>(
            "select need_id, title, created_by from need where status = $1 order by need_id limit $2",
        )
        .bind(status.to_owned())
        .bind(limit)
        .fetch_all(pool)
    };
    let matched = pick("matched", 8).await?;
    let fulfilled = pick("fulfilled", 4).await?;
    let published = pick("published", 2).await?;
    let plan = matched
        .iter()
        .enumerate()
        .map(|(n, need)| (need, MATCHED_STAGES[n % MATCHED_STAGES.len()]))
        .chain(fulfilled.iter().enumerate().map(|(n, need)| (need, FULFILLED_STAGES[n % FULFILLED_STAGES.len()])))
        .chain(published.iter().map(|need| (need, Stage::Draft)));
    let mut count = 0;
    let mut tx = pool.begin().await?;
    for (n, ((need_id, title, operator), stage)) in plan.enumerate() {
        let (organisation_id, member, partner) = &organisations[n % organisations.len()];
        let day = |days: i64| app::ssr::db::date_in_days(-days);
        let at = |days: i64| format!("{}T02:00:00.000Z", day(days));
        let match_status = if stage == Stage::Draft { "introduced" } else { "agreed" };
        let match_id: i64 = sqlx::query_scalar(
            "insert into need_match (need_id, organisation_id, origin, status, message, created_by, introduced_by, \
             introduced_at, created_at, updated_at) values ($1, $2, 'partner_interest', $3, $4, $5, $6, $7, $8, $7) \
             returning need_match_id",
        )
        .bind(need_id)
        .bind(organisation_id)
        .bind(match_status)
        .bind("Kami dapat membantu kegiatan ini bersama tim lapangan kami.")
        .bind(member)
        .bind(staff)
        .bind(at(200))
        .bind(at(210))
        .fetch_one(&mut *tx)
        .await
        .context("seeding a cooperation's match")?;
        let status = match stage {
            Stage::Draft => "draft",
            Stage::Signed => "signed",
            Stage::Active => "active",
            Stage::Completed { .. } => "completed",
            Stage::Terminated => "terminated",
        };
        let signed = stage != Stage::Draft;
        let clauses: Vec<Option<String>> = Clause::ALL
            .iter()
            .enumerate()
            .map(|(k, clause)| (signed || k < 3).then(|| clause_text(*clause, title, partner)))
            .collect();
        let (starts, ends) = match stage {
            Stage::Completed { .. } => (day(190), day(20)),
            Stage::Signed => (day(-10), day(-190)),
            _ => (day(120), day(-60)),
        };
        let completed = matches!(stage, Stage::Completed { .. });
        let reported = matches!(stage, Stage::Completed { reported: true });
        let agreement_id: i64 = sqlx::query_scalar(
            "insert into agreement (need_match_id, initiated_by, musdes_held_on, musdes_minutes, plan_status, plan_year, \
             kak_reference, clause_scope, clause_field, clause_procedure, clause_duration, clause_rights_obligations, \
             clause_funding, clause_amendment, clause_dispute, village_head, partner_representative, partner_title, \
             signed_on, starts_on, ends_on, value_idr, funding_source, status, created_by, created_at, updated_at, \
             registered_at, registered_by, status_at_signing, status_at_signing_year, status_at_signing_index, \
             activated_at, ended_on, outcome, beneficiaries, status_after, status_after_year, reported_to_bpd_on, \
             copied_to_regent_on, termination_reason, dispute_stage) \
             values ($1, $2, $3, $4, 'in_plan', cast($5 as bigint), $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
             $18, $19, $20, cast($21 as bigint), 'partner', $22, $23, $24, $24, $25, $26, \
             case when $22 = 'draft' then null else 'berkembang' end, cast($27 as bigint), \
             case when $22 = 'draft' then null else 'indeks_desa' end, $28, $29, $30, cast($31 as bigint), $32, cast($33 as bigint), $34, $34, $35, $36) \
             returning agreement_id",
        )
        .bind(match_id)
        .bind(if n % 2 == 0 { "village" } else { "third_party" })
        .bind(signed.then(|| day(230)))
        .bind(signed.then(|| format!("BA-MUSDES/{:02}/{}", n + 1, &day(230)[..4])))
        .bind(day(230)[..4].to_owned())
        .bind(signed.then(|| format!("KAK-{:03}", n + 1)))
        .bind(&clauses[0])
        .bind(&clauses[1])
        .bind(&clauses[2])
        .bind(&clauses[3])
        .bind(&clauses[4])
        .bind(&clauses[5])
        .bind(&clauses[6])
        .bind(&clauses[7])
        .bind(signed.then_some("Kepala Desa (demo)"))
        .bind(signed.then_some("Perwakilan Mitra (demo)"))
        .bind(signed.then_some("Manajer Program"))
        .bind(signed.then(|| day(200)))
        .bind(signed.then(|| starts.clone()))
        .bind(signed.then(|| ends.clone()))
        .bind(((n as i64 % 5) + 1) * 25_000_000)
        .bind(status)
        .bind(operator)
        .bind(at(200))
        .bind((signed && stage != Stage::Signed).then(|| at(199)))
        .bind((signed && stage != Stage::Signed).then_some(staff))
        .bind(signed.then(|| day(230)[..4].to_owned()))
        .bind(matches!(stage, Stage::Active | Stage::Completed { .. } | Stage::Terminated).then(|| at(190)))
        .bind(match stage {
            Stage::Completed { .. } => Some(day(20)),
            Stage::Terminated => Some(day(40)),
            _ => None,
        })
        .bind(completed.then(|| format!("Kegiatan «{title}» selesai: pelatihan dan pendampingan terlaksana sesuai KAK.")))
        .bind(completed.then(|| (40 + n * 7).to_string()))
        .bind(completed.then_some("maju"))
        .bind(completed.then(|| day(0)[..4].to_owned()))
        .bind(reported.then(|| day(10)))
        .bind((stage == Stage::Terminated).then_some("Mitra menghentikan pendanaan; musyawarah para pihak tidak mencapai kesepakatan."))
        .bind((stage == Stage::Terminated).then_some("deliberation_failed"))
        .fetch_one(&mut *tx)
        .await
        .context("seeding an agreement")?;
        if matches!(stage, Stage::Active | Stage::Completed { .. }) {
            for (k, (days, text, percent)) in [
                (150, "Sosialisasi kepada warga dan pendataan peserta selesai.", 20),
                (90, "Pelatihan tahap pertama terlaksana.", 55),
            ]
            .into_iter()
            .enumerate()
            {
                sqlx::query(
                    "insert into agreement_progress (agreement_id, reported_on, body, percent, created_by, created_at) \
                     values ($1, $2, $3, cast($4 as bigint), $5, $2)",
                )
                .bind(agreement_id)
                .bind(at(days))
                .bind(text)
                .bind(percent.to_string())
                .bind(if k == 0 { *operator } else { *member })
                .execute(&mut *tx)
                .await?;
            }
        }
        if stage == Stage::Terminated {
            // Nothing takes the need up any more: it is open to partners again.
            sqlx::query("update need set status = 'published' where need_id = $1")
                .bind(need_id)
                .execute(&mut *tx)
                .await?;
        }
        count += 1;
    }
    tx.commit().await?;
    Ok(count)
}
