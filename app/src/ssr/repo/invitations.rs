//! One-time invitations of village operators. The token itself is shown once to the
//! inviting staff member; only its SHA-256 is stored.

use crate::ssr::db::{now, timestamp};
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, AnyPool};

/// How long an invitation link stays valid.
pub const VALID_DAYS: i64 = 14;

pub fn new_token() -> String {
    use rand::Rng;
    let bytes: [u8; 32] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Creates an invited operator account and its invitation; returns the token and its expiry.
pub async fn invite_operator(
    conn: &mut AnyConnection,
    email: &str,
    display_name: &str,
    village_code: &str,
    staff_id: i64,
) -> Result<(i64, String, String), sqlx::Error> {
    let at = now();
    let user_id: i64 = sqlx::query_scalar(
        "insert into app_user (email, display_name, password_hash, role, village_code, status, created_at, updated_at) \
         values ($1, $2, null, 'village_operator', $3, 'invited', $4, $4) returning user_id",
    )
    .bind(email)
    .bind(display_name)
    .bind(village_code)
    .bind(&at)
    .fetch_one(&mut *conn)
    .await?;
    let token = new_token();
    let expires = timestamp(time::OffsetDateTime::now_utc() + time::Duration::days(VALID_DAYS));
    sqlx::query(
        "insert into invitation (token_hash, user_id, created_by, created_at, expires_at) values ($1, $2, $3, $4, $5)",
    )
    .bind(hash(&token))
    .bind(user_id)
    .bind(staff_id)
    .bind(&at)
    .bind(&expires)
    .execute(conn)
    .await?;
    Ok((user_id, token, expires))
}

/// The invited account behind a valid (unused, unexpired) token: id, name, e-mail, village name.
pub async fn open(pool: &AnyPool, token: &str) -> Result<Option<(i64, String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "select u.user_id, u.display_name, u.email, v.name from invitation i \
         join app_user u on u.user_id = i.user_id join village v on v.village_code = u.village_code \
         where i.token_hash = $1 and i.used_at is null and i.expires_at > $2 and u.status = 'invited'",
    )
    .bind(hash(token))
    .bind(now())
    .fetch_optional(pool)
    .await
}

/// Uses the invitation: sets the password and activates the account. `false` if the token
/// was used (or expired) meanwhile.
pub async fn accept(
    conn: &mut AnyConnection,
    token: &str,
    user_id: i64,
    password_hash: &str,
) -> Result<bool, sqlx::Error> {
    let at = now();
    let used =
        sqlx::query("update invitation set used_at = $1 where token_hash = $2 and used_at is null and expires_at > $1")
            .bind(&at)
            .bind(hash(token))
            .execute(&mut *conn)
            .await?;
    if used.rows_affected() != 1 {
        return Ok(false);
    }
    let activated = sqlx::query(
        "update app_user set password_hash = $1, status = 'active', updated_at = $2 \
         where user_id = $3 and status = 'invited'",
    )
    .bind(password_hash)
    .bind(&at)
    .bind(user_id)
    .execute(conn)
    .await?;
    Ok(activated.rows_affected() == 1)
}

/// The villages of a regency (or of the province), for the invitation form.
pub async fn villages_for(pool: &AnyPool, regency: &str) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "select v.village_code, v.name, d.name from village v join district d on d.district_code = v.district_code \
         where d.regency_code = $1 order by d.name, v.name",
    )
    .bind(regency)
    .fetch_all(pool)
    .await
}
