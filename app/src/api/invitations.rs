//! Staff invite village operators of their jurisdiction; the operator opens the one-time
//! link and sets a password.

use crate::wire::error::AppError;
use crate::wire::invitations::{InviteLink, VillageChoice};
use leptos::prelude::*;

/// The villages of a regency in the caller's jurisdiction (regency staff: their own).
#[server(endpoint = "invitable_villages")]
pub async fn invitable_villages(regency: String) -> Result<Vec<VillageChoice>, AppError> {
    use crate::domain::account::{Requirement, Scope};
    use crate::ssr::errors::OrInternal;
    use crate::ssr::repo::invitations;
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::Staff).await?;
    let regency = match &user.scope {
        Scope::Regency { code, .. } => code.clone(),
        _ => regency,
    };
    let state = AppState::current()?;
    let rows = invitations::villages_for(&state.pool, &regency).await.or_internal()?;
    Ok(rows.into_iter().map(|(code, name, district)| VillageChoice { code, name, district }).collect())
}

/// Creates an invited operator account for a village of the caller's jurisdiction.
#[server(endpoint = "invite_operator")]
pub async fn invite_operator(
    village_code: String,
    display_name: String,
    email: String,
) -> Result<InviteLink, AppError> {
    use crate::domain::account::Requirement;
    use crate::domain::validation::{self as v, Checker, Email, Problem};
    use crate::ssr::errors::OrInternal;
    use crate::ssr::locale::validation_error_with_input;
    use crate::ssr::repo::{audit, invitations, users, villages};
    use crate::ssr::{auth, AppState};

    let user = auth::require(Requirement::Staff).await?;
    let state = AppState::current()?;
    let input = vec![
        ("village_code".to_owned(), village_code.clone()),
        ("display_name".to_owned(), display_name.clone()),
        ("email".to_owned(), email.clone()),
    ];
    let mut checker = Checker::default();
    let village = match crate::domain::region::RegionCode::parse(&village_code) {
        Some(code) => villages::find(&state.pool, code.as_str()).await.or_internal()?.map(|(page, _)| page),
        None => None,
    };
    let village = checker.check(
        "village_code",
        match (village_code.trim().is_empty(), village) {
            (true, _) => Err(Problem::Required),
            (false, None) => Err(Problem::InvalidChoice),
            (false, Some(v)) if !user.scope.covers_regency(&v.regency_code) => Err(Problem::InvalidChoice),
            (false, Some(v)) => Ok(v),
        },
    );
    let name = checker.check("display_name", v::display_name(&display_name));
    let email = checker.check("email", Email::parse(&email));
    checker.finish().map_err(|errors| validation_error_with_input(errors, input.clone()))?;
    let (village, name, email) = (village.expect("checked"), name.expect("checked"), email.expect("checked"));

    let mut tx = state.write().await.or_internal()?;
    if users::email_taken(&mut tx, email.as_str()).await.or_internal()? {
        let taken = vec![crate::domain::validation::FieldError::new("email", Problem::AlreadyTaken)];
        return Err(validation_error_with_input(taken, input));
    }
    let (user_id, token, expires_at) =
        invitations::invite_operator(&mut tx, email.as_str(), &name, &village.village_code, user.user_id)
            .await
            .or_internal()?;
    let entry = audit::AuditEntry {
        actor_id: Some(user.user_id),
        action: "user.invited",
        entity_type: "user",
        entity_id: user_id.to_string(),
        before: None,
        after: Some(format!("village_operator {}", village.village_code)),
        reason: None,
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    tx.commit().await.or_internal()?;
    let base = crate::ssr::auth::base_url();
    let link = InviteLink { url: format!("{base}/undangan/{token}"), email: email.as_str().to_owned(), expires_at };
    crate::ssr::outcome::keep(crate::wire::outcome::Outcome::InvitationCreated(link.clone())).await?;
    Ok(link)
}

/// Who an invitation is for, to greet them (name, e-mail, village). 404 when the link is
/// unknown, used or expired.
#[server(endpoint = "invitation")]
pub async fn get_invitation(token: String) -> Result<(String, String, String), AppError> {
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::repo::invitations;
    use crate::ssr::AppState;

    let state = AppState::current()?;
    let found = invitations::open(&state.pool, token.trim()).await.or_internal()?;
    let (_, name, email, village) = found.ok_or_else(|| with_status(AppError::NotFound))?;
    Ok((name, email, village))
}

/// Sets the password of an invited account, activates it and signs the operator in.
#[server(endpoint = "accept_invitation")]
pub async fn accept_invitation(token: String, password: String) -> Result<(), AppError> {
    use crate::domain::validation::{Checker, NewPassword};
    use crate::ssr::errors::{with_status, OrInternal};
    use crate::ssr::locale::validation_error;
    use crate::ssr::repo::{audit, invitations};
    use crate::ssr::{auth, AppState};

    let state = AppState::current()?;
    let mut checker = Checker::default();
    let password = checker.check("password", NewPassword::parse(&password));
    checker.finish().map_err(validation_error)?;
    let found = invitations::open(&state.pool, token.trim()).await.or_internal()?;
    let (user_id, ..) = found.ok_or_else(|| with_status(AppError::NotFound))?;
    let hash = auth::hash_password(password.expect("checked").expose().to_owned()).await?;
    let mut tx = state.write().await.or_internal()?;
    if !invitations::accept(&mut tx, token.trim(), user_id, &hash).await.or_internal()? {
        return Err(with_status(AppError::NotFound));
    }
    let entry = audit::AuditEntry {
        actor_id: Some(user_id),
        action: "user.activated",
        entity_type: "user",
        entity_id: user_id.to_string(),
        before: Some("invited".to_owned()),
        after: Some("active".to_owned()),
        reason: None,
    };
    audit::record(&mut tx, entry).await.or_internal()?;
    tx.commit().await.or_internal()?;
    auth::start_session(&auth::session().await?, user_id).await?;
    leptos_axum::redirect("/dasbor");
    Ok(())
}
