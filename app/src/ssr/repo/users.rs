//! Accounts: credentials, the signed-in user with their scope, account lists.

use crate::domain::account::{CurrentUser, Role, Scope};
use crate::domain::organisation::OrganisationStatus;
use crate::ssr::db::now;
use crate::wire::accounts::AccountSummary;
use sqlx::{AnyConnection, AnyPool};

/// Columns and joins that resolve a user's scope (village, regency or organisation).
const USER_SELECT: &str = "select u.user_id, u.email, u.display_name, u.role, u.status, u.created_at, \
       u.village_code, v.name as village_name, d.regency_code as village_regency, \
       u.regency_code, r.name as regency_name, \
       o.organisation_id, o.name as organisation_name, o.status as organisation_status \
     from app_user u \
     left join village v on v.village_code = u.village_code \
     left join district d on d.district_code = v.district_code \
     left join regency r on r.regency_code = u.regency_code \
     left join organisation_member m on m.user_id = u.user_id \
     left join organisation o on o.organisation_id = m.organisation_id";

#[derive(sqlx::FromRow)]
struct UserRow {
    user_id: i64,
    email: String,
    display_name: String,
    role: String,
    status: String,
    created_at: String,
    village_code: Option<String>,
    village_name: Option<String>,
    village_regency: Option<String>,
    regency_code: Option<String>,
    regency_name: Option<String>,
    organisation_id: Option<i64>,
    organisation_name: Option<String>,
    organisation_status: Option<String>,
}

impl UserRow {
    fn scope(&self, role: Role) -> Option<Scope> {
        Some(match role {
            Role::VillageOperator => Scope::Village {
                code: self.village_code.clone()?,
                name: self.village_name.clone()?,
                regency_code: self.village_regency.clone()?,
            },
            Role::RegencyStaff => Scope::Regency { code: self.regency_code.clone()?, name: self.regency_name.clone()? },
            Role::PartnerMember => Scope::Organisation {
                id: self.organisation_id?,
                name: self.organisation_name.clone()?,
                status: OrganisationStatus::parse(self.organisation_status.as_deref()?)?,
            },
            Role::ProvinceStaff | Role::Admin => Scope::Province,
        })
    }

    fn into_current_user(self) -> Option<CurrentUser> {
        let role = Role::parse(&self.role)?;
        let scope = self.scope(role)?;
        Some(CurrentUser { user_id: self.user_id, email: self.email, display_name: self.display_name, role, scope })
    }

    fn into_summary(self) -> Option<AccountSummary> {
        let role = Role::parse(&self.role)?;
        let scope = self.scope(role)?;
        Some(AccountSummary {
            user_id: self.user_id,
            email: self.email,
            display_name: self.display_name,
            role,
            scope,
            active: self.status == "active",
            created_at: self.created_at,
        })
    }
}

/// The signed-in user, if the account exists, is active and its scope resolves.
pub async fn current_user(pool: &AnyPool, user_id: i64) -> Result<Option<CurrentUser>, sqlx::Error> {
    let sql = format!("{USER_SELECT} where u.user_id = $1 and u.status = 'active'");
    let row: Option<UserRow> = sqlx::query_as(&sql).bind(user_id).fetch_optional(pool).await?;
    Ok(row.and_then(|row| {
        let id = row.user_id;
        let user = row.into_current_user();
        if user.is_none() {
            tracing::warn!(user_id = id, "account has an unknown role or a dangling scope");
        }
        user
    }))
}

/// The id and password hash of an active account, by (normalised) e-mail.
pub async fn credentials(pool: &AnyPool, email: &str) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("select user_id, password_hash from app_user where email = $1 and status = 'active'")
        .bind(email)
        .fetch_optional(pool)
        .await
}

pub async fn email_taken(conn: &mut AnyConnection, email: &str) -> Result<bool, sqlx::Error> {
    let count: i64 =
        sqlx::query_scalar("select count(*) from app_user where email = $1").bind(email).fetch_one(conn).await?;
    Ok(count > 0)
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub village_code: Option<&'a str>,
    pub regency_code: Option<&'a str>,
}

pub async fn insert(conn: &mut AnyConnection, user: &NewUser<'_>) -> Result<i64, sqlx::Error> {
    let at = now();
    sqlx::query_scalar(
        "insert into app_user (email, display_name, password_hash, role, village_code, regency_code, status, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, 'active', $7, $7) returning user_id",
    )
    .bind(user.email)
    .bind(user.display_name)
    .bind(user.password_hash)
    .bind(user.role.as_str())
    .bind(user.village_code)
    .bind(user.regency_code)
    .bind(at)
    .fetch_one(conn)
    .await
}

/// Accounts a staff member may see: all for province staff, those of the regency
/// (its staff and the operators of its villages) for regency staff.
pub async fn list_in_scope(
    pool: &AnyPool,
    regency: Option<&str>,
    limit: i64,
) -> Result<Vec<AccountSummary>, sqlx::Error> {
    let sql = format!(
        "{USER_SELECT} where ($1 = '' or u.regency_code = $1 or d.regency_code = $1) \
         order by u.created_at desc, u.user_id desc limit $2"
    );
    let rows: Vec<UserRow> = sqlx::query_as(&sql).bind(regency.unwrap_or("")).bind(limit).fetch_all(pool).await?;
    Ok(rows.into_iter().filter_map(UserRow::into_summary).collect())
}

pub async fn count(pool: &AnyPool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from app_user").fetch_one(pool).await
}
