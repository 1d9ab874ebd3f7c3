//! Sign-up, sign-in, sign-out and the current session.

use crate::wire::error::AppError;
use crate::wire::session::SessionInfo;
use leptos::prelude::*;

#[server(endpoint = "session")]
pub async fn get_session() -> Result<SessionInfo, AppError> {
    use crate::ssr::{auth, AppState};
    let state = AppState::current()?;
    let user = auth::caller().await?;
    Ok(SessionInfo { user, office_label: state.site.office_label.clone() })
}

/// Signs in with e-mail and password. Unknown e-mail and wrong password answer alike
/// (same error, same argon2 work); repeated failures are throttled.
#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    use crate::domain::validation::{Checker, Email, Problem};
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::locale::validation_error;
    use crate::ssr::repo::users;
    use crate::ssr::{auth, throttle, AppState};

    let state = AppState::current()?;
    let mut checker = Checker::default();
    let email = checker.check("email", Email::parse(&email));
    checker.check("password", if password.is_empty() { Err(Problem::Required) } else { Ok(()) });
    checker.finish().map_err(validation_error)?;
    let email = email.expect("checked");

    let account_key = throttle::account_key(email.as_str());
    let address_key = throttle::address_key(&auth::client_address().await);
    for (key, limit) in [(&account_key, throttle::MAX_PER_ACCOUNT), (&address_key, throttle::MAX_PER_ADDRESS)] {
        if let Some(wait) = throttle::blocked_for(&state.pool, key, limit).await.or_internal()? {
            return Err(with_status(AppError::TooManyAttempts { retry_after_secs: wait }));
        }
    }

    let found = users::credentials(&state.pool, email.as_str()).await.or_internal()?;
    let (user_id, hash) = found.map(|(id, hash)| (Some(id), Some(hash))).unwrap_or((None, None));
    let verified = auth::verify_password(password, hash).await?;
    let Some(user_id) = user_id.filter(|_| verified) else {
        throttle::record_failure(&state.pool, &[account_key, address_key]).await.or_internal()?;
        return Err(with_status(AppError::InvalidCredentials));
    };
    throttle::clear(&state.pool, &account_key).await.or_internal()?;
    auth::start_session(&auth::session().await?, user_id).await?;
    tracing::info!(user_id, "signed in");
    leptos_axum::redirect("/dasbor");
    Ok(())
}

/// Signs up a partner: a user and a partner organisation awaiting verification.
#[server(endpoint = "sign_up")]
pub async fn sign_up(
    email: String,
    password: String,
    display_name: String,
    organisation_name: String,
    organisation_kind: String,
) -> Result<(), AppError> {
    use crate::domain::account::Role;
    use crate::domain::organisation::OrganisationKind;
    use crate::domain::validation::{self as v, Checker, Email, FieldError, NewPassword, Problem};
    use crate::ssr::errors::{is_unique_violation, OrInternal};
    use crate::ssr::locale::validation_error;
    use crate::ssr::repo::{audit, organisations, users};
    use crate::ssr::{auth, AppState};

    let state = AppState::current()?;
    let mut checker = Checker::default();
    let email = checker.check("email", Email::parse(&email));
    let password = checker.check("password", NewPassword::parse(&password));
    let display_name = checker.check("display_name", v::display_name(&display_name));
    let organisation_name = checker.check("organisation_name", v::organisation_name(&organisation_name));
    let kind = checker.check("organisation_kind", v::choice(&organisation_kind, OrganisationKind::parse));
    checker.finish().map_err(validation_error)?;
    let (email, password, display_name, organisation_name, kind) = (
        email.expect("checked"),
        password.expect("checked"),
        display_name.expect("checked"),
        organisation_name.expect("checked"),
        kind.expect("checked"),
    );
    let taken = || validation_error(vec![FieldError::new("email", Problem::AlreadyTaken)]);

    let password_hash = auth::hash_password(password.expose().to_owned()).await?;
    let mut tx = state.write().await.or_internal()?;
    if users::email_taken(&mut tx, email.as_str()).await.or_internal()? {
        return Err(taken());
    }
    let organisation_id = organisations::insert_pending(&mut tx, &organisation_name, kind).await.or_internal()?;
    let new_user = users::NewUser {
        email: email.as_str(),
        display_name: &display_name,
        password_hash: &password_hash,
        role: Role::PartnerMember,
        village_code: None,
        regency_code: None,
    };
    let user_id = match users::insert(&mut tx, &new_user).await {
        Ok(id) => id,
        // Two sign-ups with the same e-mail at once: the database decides.
        Err(err) if is_unique_violation(&err) => return Err(taken()),
        Err(err) => return Err(crate::ssr::errors::internal(err)),
    };
    organisations::add_member(&mut tx, organisation_id, user_id, true).await.or_internal()?;
    let entries = [
        ("user.signed_up", "user", user_id.to_string(), Role::PartnerMember.as_str()),
        ("organisation.created", "organisation", organisation_id.to_string(), "pending"),
    ];
    for (action, entity_type, entity_id, after) in entries {
        let entry = audit::AuditEntry {
            actor_id: Some(user_id),
            action,
            entity_type,
            entity_id,
            before: None,
            after: Some(after.to_owned()),
            reason: None,
        };
        audit::record(&mut tx, entry).await.or_internal()?;
    }
    // A new organisation waits in the province staff's verification queue.
    tx.announce(crate::ssr::live::Event::for_province_staff("queue"));
    tx.commit().await.or_internal()?;

    auth::start_session(&auth::session().await?, user_id).await?;
    tracing::info!(user_id, organisation_id, "partner signed up");
    leptos_axum::redirect("/dasbor");
    Ok(())
}

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::ssr::auth;
    auth::end_session(&auth::session().await?).await?;
    leptos_axum::redirect("/");
    Ok(())
}
