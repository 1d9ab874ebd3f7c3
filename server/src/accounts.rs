//! Creating accounts from the command line (and for the demonstration data).

use anyhow::{bail, Context};
use app::domain::account::Role;
use app::domain::validation::{display_name, Email, NewPassword};
use app::ssr::repo::{audit, regions, users};
use sqlx::AnyPool;

pub struct NewAccount {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub village_code: Option<String>,
    pub regency_code: Option<String>,
    pub organisation_id: Option<i64>,
}

/// Validates the account and its scope, then writes it with an audit entry.
/// `password_hash` is an argon2 PHC string.
pub async fn add(pool: &AnyPool, account: &NewAccount, password_hash: &str) -> anyhow::Result<i64> {
    let email = Email::parse(&account.email).map_err(|p| anyhow::anyhow!("email: {p:?}"))?;
    let name = display_name(&account.display_name).map_err(|p| anyhow::anyhow!("name: {p:?}"))?;
    let (village, regency, organisation) =
        (account.village_code.as_deref(), account.regency_code.as_deref(), account.organisation_id);
    match account.role {
        Role::VillageOperator => {
            let code = village.context("a village operator needs --village CODE")?;
            if !regions::village_exists(pool, code).await? {
                bail!("unknown village code {code} (run import-regions first?)");
            }
        }
        Role::RegencyStaff => {
            let code = regency.context("regency staff need --regency CODE")?;
            if !regions::regency_exists(pool, code).await? {
                bail!("unknown regency code {code}");
            }
        }
        Role::PartnerMember => {
            organisation.context("a partner member needs --organisation ID")?;
        }
        Role::ProvinceStaff | Role::Admin => {}
    }
    let keep = |wanted: bool, value: Option<&str>| if wanted { value.map(str::to_owned) } else { None };
    let village = keep(account.role == Role::VillageOperator, village);
    let regency = keep(account.role == Role::RegencyStaff, regency);

    let mut tx = pool.begin().await?;
    if users::email_taken(&mut tx, email.as_str()).await? {
        bail!("an account with e-mail {} exists already", email.as_str());
    }
    let user = users::NewUser {
        email: email.as_str(),
        display_name: &name,
        password_hash,
        role: account.role,
        village_code: village.as_deref(),
        regency_code: regency.as_deref(),
    };
    let user_id = users::insert(&mut tx, &user).await?;
    if account.role == Role::PartnerMember {
        let organisation_id = organisation.expect("checked above");
        app::ssr::repo::organisations::add_member(&mut tx, organisation_id, user_id, false)
            .await
            .with_context(|| format!("unknown organisation {organisation_id}"))?;
    }
    let entry = audit::AuditEntry {
        actor_id: None,
        action: "user.created",
        entity_type: "user",
        entity_id: user_id.to_string(),
        before: None,
        after: Some(account.role.as_str().to_owned()),
        reason: Some("created from the command line".to_owned()),
    };
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(user_id)
}

/// Hashes a password given on the command line after checking its length.
pub async fn hash(password: &str) -> anyhow::Result<String> {
    let password = NewPassword::parse(password).map_err(|p| anyhow::anyhow!("password: {p:?}"))?;
    app::ssr::auth::hash_password(password.expose().to_owned()).await.map_err(|e| anyhow::anyhow!("{e}"))
}

/// A random password of 20 letters and digits, for accounts created without one.
pub fn generate_password() -> String {
    use rand::distr::{Alphanumeric, SampleString};
    Alphanumeric.sample_string(&mut rand::rng(), 20)
}
