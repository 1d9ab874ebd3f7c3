//! Needs and offers whose time window is over expire (PRODUCT.md lifecycle): each one is
//! moved to `expired` with an audit entry (no actor: the system) and its owners are told.

use crate::domain::lifecycle::{PostingAction, PostingStatus};
use crate::server::db::today;
use crate::server::live::{Event, Hub};
use crate::server::repo::notifications::{notify, Notice};
use crate::server::repo::{audit, needs, offers, organisations};
use sqlx::AnyPool;

/// Expires what is due today (WITA); returns how many needs and offers it expired. The
/// owners' open pages hear of it through `live` once the batch is committed.
pub async fn expire_due(pool: &AnyPool, live: &Hub) -> Result<(usize, usize), sqlx::Error> {
    let mut told: Vec<i64> = Vec::new();
    let today = today();
    let due_needs: Vec<(i64, String, String, String)> = sqlx::query_as(
        "select need_id, status, village_code, title from need \
         where window_end < $1 and status in ('draft', 'submitted', 'returned', 'published') \
         order by need_id limit 1000",
    )
    .bind(&today)
    .fetch_all(pool)
    .await?;
    let mut expired_needs = 0;
    // One transaction per run: a single write for the whole batch.
    let mut tx = pool.begin().await?;
    for (need_id, status, village_code, title) in due_needs {
        let Some(from) = PostingStatus::parse(&status) else { continue };
        let Ok(to) = from.apply(PostingAction::Expire) else { continue };
        if !needs::transition(&mut tx, need_id, from, to, None).await? {
            continue;
        }
        record(&mut tx, "need", need_id, from).await?;
        let operators = needs::village_operators(&mut tx, &village_code).await?;
        let payload = serde_json::json!({ "title": title }).to_string();
        let notice = Notice {
            kind: "need.expired",
            entity_type: "need",
            entity_id: need_id.to_string(),
            payload: Some(payload),
        };
        notify(&mut tx, &operators, &notice).await?;
        told.extend(operators);
        expired_needs += 1;
    }

    let due_offers: Vec<(i64, String, i64, String)> = sqlx::query_as(
        "select offer_id, status, organisation_id, title from offer \
         where window_end < $1 and status in ('draft', 'submitted', 'returned', 'published') \
         order by offer_id limit 1000",
    )
    .bind(&today)
    .fetch_all(pool)
    .await?;
    let mut expired_offers = 0;
    for (offer_id, status, organisation_id, title) in due_offers {
        let Some(from) = PostingStatus::parse(&status) else { continue };
        let Ok(to) = from.apply(PostingAction::Expire) else { continue };
        if !offers::transition(&mut tx, offer_id, from, to, None).await? {
            continue;
        }
        record(&mut tx, "offer", offer_id, from).await?;
        let members = organisations::member_ids(&mut tx, organisation_id).await?;
        let payload = serde_json::json!({ "title": title }).to_string();
        let notice = Notice {
            kind: "offer.expired",
            entity_type: "offer",
            entity_id: offer_id.to_string(),
            payload: Some(payload),
        };
        notify(&mut tx, &members, &notice).await?;
        told.extend(members);
        expired_offers += 1;
    }
    tx.commit().await?;
    told.sort_unstable();
    told.dedup();
    live.publish(Event::for_users(&told, "notification"));
    if expired_needs + expired_offers > 0 {
        tracing::info!(needs = expired_needs, offers = expired_offers, "expired postings past their window");
    }
    Ok((expired_needs, expired_offers))
}

async fn record(
    conn: &mut sqlx::AnyConnection,
    entity_type: &str,
    id: i64,
    from: PostingStatus,
) -> Result<(), sqlx::Error> {
    let entry = audit::AuditEntry {
        actor_id: None,
        action: &format!("{entity_type}.expired"),
        entity_type,
        entity_id: id.to_string(),
        before: Some(from.as_str().to_owned()),
        after: Some("expired".to_owned()),
        reason: None,
    };
    audit::record(conn, entry).await
}
