//! The signed-in user's notifications.

use crate::wire::error::AppError;
use crate::wire::notifications::NotificationItem;
use leptos::prelude::*;

/// The caller's latest notifications, newest first.
#[server(endpoint = "notifications")]
pub async fn my_notifications() -> Result<Vec<NotificationItem>, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::errors::OrInternal;
    use crate::ssr::repo::notifications;
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::SignedIn).await?;
    let state = AppState::current()?;
    let rows = notifications::latest(&state.pool, user.user_id, 20).await.or_internal()?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let payload: serde_json::Value =
                row.payload.as_deref().and_then(|p| serde_json::from_str(p).ok()).unwrap_or_default();
            let text = |key: &str| payload.get(key).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
            let link = crate::wire::format::entity_link(&row.entity_type, &row.entity_id);
            NotificationItem {
                notification_id: row.notification_id,
                kind: row.kind,
                link,
                title: text("title"),
                reason: text("reason"),
                unread: row.read_at.is_none(),
                created_at: row.created_at,
            }
        })
        .collect())
}

/// How many of the caller's notifications are unread (the bell in the navigation).
#[server(endpoint = "unread_notifications")]
pub async fn unread_notifications() -> Result<i64, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::errors::OrInternal;
    use crate::ssr::repo::notifications;
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::SignedIn).await?;
    let state = AppState::current()?;
    notifications::unread(&state.pool, user.user_id).await.or_internal()
}

/// Marks all the caller's notifications as read.
#[server(endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::errors::OrInternal;
    use crate::ssr::repo::notifications;
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::SignedIn).await?;
    let state = AppState::current()?;
    notifications::mark_all_read(&state.pool, user.user_id).await.or_internal()?;
    state.live.publish(crate::ssr::live::Event::for_users(&[user.user_id], "notification"));
    leptos_axum::redirect("/dasbor");
    Ok(())
}
