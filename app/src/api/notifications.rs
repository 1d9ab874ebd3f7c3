//! The signed-in user's notifications.

use crate::wire::error::AppError;
use crate::wire::notifications::NotificationItem;
use leptos::prelude::*;

/// The caller's latest notifications, newest first.
#[server(endpoint = "notifications")]
pub async fn my_notifications() -> Result<Vec<NotificationItem>, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::errors::OrInternal;
    use crate::ssr::repo::notifications::{self, NotificationRow};
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::SignedIn).await?;
    let state = AppState::current()?;
    let rows = notifications::latest(&state.pool, user.user_id, 20).await.or_internal()?;
    Ok(rows.into_iter().map(NotificationRow::item).collect())
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

/// How often the caller gets e-mail: `immediate`, `daily`, `weekly` or `never`.
#[server(endpoint = "email_frequency")]
pub async fn email_frequency() -> Result<String, AppError> {
    use crate::domain::account::Requirement;
    use crate::ssr::errors::OrInternal;
    use crate::ssr::repo::notifications;
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::SignedIn).await?;
    let state = AppState::current()?;
    notifications::email_frequency(&state.pool, user.user_id).await.or_internal()
}

/// Sets how often the caller gets e-mail of what they must act on.
#[server(endpoint = "set_email_frequency")]
pub async fn set_email_frequency(frequency: String) -> Result<(), AppError> {
    use crate::domain::account::Requirement;
    use crate::domain::email::EmailFrequency;
    use crate::domain::validation::{choice, FieldError};
    use crate::ssr::errors::OrInternal;
    use crate::ssr::locale::validation_error;
    use crate::ssr::repo::notifications;
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::SignedIn).await?;
    let frequency = choice(&frequency, EmailFrequency::parse)
        .map_err(|problem| validation_error(vec![FieldError::new("frequency", problem)]))?;
    let state = AppState::current()?;
    notifications::set_email_frequency(&state.pool, user.user_id, frequency.as_str()).await.or_internal()?;
    leptos_axum::redirect("/dasbor");
    Ok(())
}
