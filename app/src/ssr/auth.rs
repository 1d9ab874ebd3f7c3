//! Passwords, sessions and the one check every server function starts with.

use super::errors::{internal, with_status, OrInternal};
use super::repo::users;
use super::AppState;
use crate::domain::account::{CurrentUser, Refusal, Requirement};
use crate::wire::error::AppError;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::OnceLock;
use tower_sessions::Session;

/// Session key holding the signed-in user's id.
const USER_KEY: &str = "user_id";

/// Hashes a password with argon2id (default parameters), off the async runtime.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_now(&password)).await.or_internal()?.or_internal()
}

fn hash_now(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default().hash_password(password.as_bytes(), &salt)?.to_string())
}

/// A hash of a password nobody knows, checked when the e-mail is unknown so that
/// unknown accounts and wrong passwords take the same time.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_now("not-a-password-of-anyone").expect("argon2 hashes a constant"))
}

/// Checks a password against a stored hash, or against the dummy hash when there is none.
pub async fn verify_password(password: String, stored: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let hash = stored.unwrap_or_else(|| dummy_hash().to_owned());
        let matches = PasswordHash::new(&hash)
            .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
            .unwrap_or(false);
        known && matches
    })
    .await
    .or_internal()
}

/// The session of the current request.
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|_| super::errors::internal_msg("session layer missing"))
}

/// Signs the user in: a new session id (no fixation), then the user id.
pub async fn start_session(session: &Session, user_id: i64) -> Result<(), AppError> {
    session.cycle_id().await.map_err(internal)?;
    session.insert(USER_KEY, user_id).await.map_err(internal)?;
    Ok(())
}

/// Signs out: the session row is deleted and the cookie cleared.
pub async fn end_session(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(internal)
}

/// The signed-in user behind a session, if any (and still active).
pub async fn user_of(session: &Session, state: &AppState) -> Result<Option<CurrentUser>, AppError> {
    let Some(user_id) = session.get::<i64>(USER_KEY).await.map_err(internal)? else {
        return Ok(None);
    };
    users::current_user(&state.pool, user_id).await.or_internal()
}

/// Who is calling this server function.
pub async fn caller() -> Result<Option<CurrentUser>, AppError> {
    let state = AppState::current()?;
    user_of(&session().await?, &state).await
}

/// The first line of every server function that is not public: the caller, if it meets
/// the requirement; otherwise `Unauthenticated` (401) or `Forbidden` (403).
pub async fn require(requirement: Requirement) -> Result<CurrentUser, AppError> {
    let user = caller().await?;
    match requirement.check(user.as_ref()) {
        Ok(()) => Ok(user.expect("check passed, so a user is signed in")),
        Err(Refusal::NotSignedIn) => Err(with_status(AppError::Unauthenticated)),
        Err(Refusal::Forbidden) => Err(with_status(AppError::Forbidden)),
    }
}

/// The client's address, for throttling. Behind a reverse proxy this is the proxy.
pub async fn client_address() -> String {
    use axum::extract::ConnectInfo;
    match leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>().await {
        Ok(ConnectInfo(addr)) => addr.ip().to_string(),
        Err(_) => "unknown".to_owned(),
    }
}

/// The site's public address (configuration only, see `SiteConfig::public_url`).
pub fn base_url() -> String {
    AppState::current().map(|state| state.site.base_url()).unwrap_or_default()
}
