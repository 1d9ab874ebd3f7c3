//! Staff tools beyond single decisions, on SQLite and PostgreSQL: bulk approval, the
//! queue count, the audit log, operator invitations, and expiry of postings.

mod common;

use app::domain::account::Role;
use common::{Backend, TestApp};
use reqwest::{Client, Response, StatusCode};
use serde_json::Value;

on_both_databases!(
    bulk_approval_decides_each_item_within_the_jurisdiction,
    the_audit_log_is_for_province_staff_and_filters,
    staff_invite_operators_of_their_villages,
    postings_past_their_window_expire,
);

fn ok(response: &Response) -> bool {
    response.status().is_success() || response.status().is_redirection()
}

async fn village_of(app: &TestApp, regency: &str) -> String {
    sqlx::query_scalar(
        "select v.village_code from village v join district d on d.district_code = v.district_code \
         where d.regency_code = $1 order by v.village_code limit 1",
    )
    .bind(regency)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

async fn staff(app: &TestApp) -> (String, String) {
    let kukar_village = village_of(app, "64.02").await;
    let berau_village = village_of(app, "64.03").await;
    app.add_user("operator@desa.id", Role::VillageOperator, Some(&kukar_village), None, None).await;
    app.add_user("berau@desa.id", Role::VillageOperator, Some(&berau_village), None, None).await;
    app.add_user("kukar@dpmd.id", Role::RegencyStaff, None, Some("64.02"), None).await;
    app.add_user("provinsi@dpmd.id", Role::ProvinceStaff, None, None, None).await;
    (kukar_village, berau_village)
}

/// A need in the given state, written directly (the posting tests cover the forms).
async fn need(app: &TestApp, village: &str, status: &str, window_end: Option<&str>) -> i64 {
    let author: i64 = sqlx::query_scalar("select min(user_id) from app_user").fetch_one(&app.pool).await.unwrap();
    sqlx::query_scalar(
        "insert into need (village_code, title, description, support_type, sector, window_end, status, created_by, \
                           created_at, updated_at, submitted_at) \
         values ($1, 'Pelatihan pengolahan kopi liberika', 'Pelatihan pascapanen kopi liberika untuk kelompok tani desa.', \
                 'training', 'agriculture', $2, $3, $4, '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', \
                 '2026-11-01T00:00:00.000Z') returning need_id",
    )
    .bind(village)
    .bind(window_end)
    .bind(status)
    .bind(author)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

async fn status_of(app: &TestApp, need_id: i64) -> String {
    sqlx::query_scalar("select status from need where need_id = $1").bind(need_id).fetch_one(&app.pool).await.unwrap()
}

async fn bulk_approval_decides_each_item_within_the_jurisdiction(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (kukar_village, berau_village) = staff(&app).await;
    let first = need(&app, &kukar_village, "submitted", None).await;
    let second = need(&app, &kukar_village, "submitted", None).await;
    let draft = need(&app, &kukar_village, "draft", None).await;
    let berau = need(&app, &berau_village, "submitted", None).await;
    let kukar = app.signed_in("kukar@dpmd.id").await;

    let count: Value = app.call(&kukar, "moderation_count", &[]).await.json().await.unwrap();
    assert_eq!(count, 2, "Kukar staff wait for their two submitted needs");

    let selection: Vec<(String, String)> = [first, second, draft, berau]
        .iter()
        .map(|id| ("selection[needs][]".to_owned(), id.to_string()))
        .chain([("selection[confirm]".to_owned(), "1".to_owned())])
        .collect();
    let form: Vec<(&str, &str)> = selection.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let response = app.call(&kukar, "approve_selected", &form).await;
    assert_eq!(response.status(), StatusCode::OK);
    let outcome: Value = response.json().await.unwrap();
    assert_eq!(outcome, serde_json::json!({ "approved": 2, "skipped": 2 }));
    assert_eq!(status_of(&app, first).await, "published");
    assert_eq!(status_of(&app, second).await, "published");
    assert_eq!(status_of(&app, draft).await, "draft");
    assert_eq!(status_of(&app, berau).await, "submitted", "outside the jurisdiction");
    let audited: i64 = sqlx::query_scalar("select count(*) from audit_log where action = 'need.published'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(audited, 2, "one audit entry per approval");
    let count: Value = app.call(&kukar, "moderation_count", &[]).await.json().await.unwrap();
    assert_eq!(count, 0);

    // The page the approval leads to shows its counts, and so does the render that the
    // approvals' own live events cause right after; nobody else's session has them.
    for _ in 0..2 {
        let shown: Value = app.call(&kukar, "last_outcome", &[]).await.json().await.unwrap();
        assert_eq!(shown["BulkApproved"]["approved"], 2, "{shown}");
    }
    let province = app.signed_in("provinsi@dpmd.id").await;
    let other: Value = app.call(&province, "last_outcome", &[]).await.json().await.unwrap();
    assert!(other.is_null(), "{other}");

    // Nothing selected, too much selected, not staff.
    let empty = app.call(&kukar, "approve_selected", &[("selection[confirm]", "1")]).await;
    assert_eq!(empty.status(), StatusCode::BAD_REQUEST);
    let many: Vec<(&str, &str)> =
        std::iter::repeat_n(("selection[needs][]", "1"), 201).chain([("selection[confirm]", "1")]).collect();
    assert_eq!(app.call(&kukar, "approve_selected", &many).await.status(), StatusCode::BAD_REQUEST);
    let operator = app.signed_in("operator@desa.id").await;
    let refused =
        app.call(&operator, "approve_selected", &[("selection[confirm]", "1"), ("selection[needs][]", "1")]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.call(&app.client(), "moderation_count", &[]).await.status(), StatusCode::UNAUTHORIZED);
    let not_numbers =
        app.call(&kukar, "approve_selected", &[("selection[confirm]", "1"), ("selection[needs][]", "x")]).await;
    assert_eq!(not_numbers.status(), StatusCode::BAD_REQUEST);
}

async fn the_audit_log_is_for_province_staff_and_filters(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (kukar_village, _) = staff(&app).await;
    let submitted = need(&app, &kukar_village, "submitted", None).await;
    let kukar = app.signed_in("kukar@dpmd.id").await;
    let province = app.signed_in("provinsi@dpmd.id").await;
    let decided = app
        .call(
            &kukar,
            "decide_need",
            &[("need_id", &submitted.to_string()), ("decision", "return"), ("reason", "Lengkapi jadwal.")],
        )
        .await;
    assert!(ok(&decided));

    let search = |client: &Client, filters: &[(&str, &str)]| {
        let form: Vec<(String, String)> = ["pelaku", "entitas", "id", "dari", "sampai", "halaman"]
            .iter()
            .map(|key| {
                let value = filters.iter().find(|(k, _)| k == key).map(|(_, v)| *v).unwrap_or("");
                (format!("query[{key}]"), value.to_owned())
            })
            .collect();
        let client = client.clone();
        let app = &app;
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.call(&client, "audit_log", &form).await
        }
    };
    for (who, client) in [("visitor", app.client()), ("regency staff", kukar.clone())] {
        assert!(!search(&client, &[]).await.status().is_success(), "{who} may not read the audit log");
    }
    let all: Value = search(&province, &[]).await.json().await.unwrap();
    assert!(all["total"].as_i64().unwrap() >= 1);
    let by_actor: Value =
        search(&province, &[("pelaku", "KUKAR@dpmd"), ("entitas", "need")]).await.json().await.unwrap();
    let entries = by_actor["items"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{by_actor}");
    assert_eq!(entries[0]["action"], "need.returned");
    assert_eq!(entries[0]["reason"], "Lengkapi jadwal.");
    assert_eq!(entries[0]["entity_id"], submitted.to_string());
    let today = entries[0]["created_at"].as_str().unwrap()[..10].to_owned();
    let same_day: Value =
        search(&province, &[("dari", &today), ("sampai", &today), ("entitas", "need")]).await.json().await.unwrap();
    assert_eq!(same_day["total"], 1);
    let before: Value = search(&province, &[("sampai", "2020-01-01")]).await.json().await.unwrap();
    assert_eq!(before["total"], 0);
    let nobody: Value = search(&province, &[("pelaku", "tidak-ada")]).await.json().await.unwrap();
    assert_eq!(nobody["total"], 0);
    let bad = search(&province, &[("entitas", "password"), ("dari", "kemarin")]).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    // The log itself refuses changes.
    let update = sqlx::query("update audit_log set reason = 'x'").execute(&app.pool).await;
    assert!(update.is_err());
    let page = app.signed_in("provinsi@dpmd.id").await.get(app.url("/audit?entitas=need")).send().await.unwrap();
    let html = page.text().await.unwrap();
    assert!(html.contains("need.returned") && html.contains("Lengkapi jadwal."), "the page lists the entry");
}

async fn staff_invite_operators_of_their_villages(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (kukar_village, berau_village) = staff(&app).await;
    let other_kukar: String = sqlx::query_scalar(
        "select v.village_code from village v join district d on d.district_code = v.district_code \
         where d.regency_code = '64.02' order by v.village_code desc limit 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let kukar = app.signed_in("kukar@dpmd.id").await;
    let invite = |client: &Client, village: &str, email: &str| {
        let (client, village, email) = (client.clone(), village.to_owned(), email.to_owned());
        let app = &app;
        async move {
            app.call(
                &client,
                "invite_operator",
                &[("village_code", &village), ("display_name", "Siti Aminah"), ("email", &email)],
            )
            .await
        }
    };

    // Outside the jurisdiction, unknown, taken, or not staff: refused, nothing written.
    let users_before: i64 = sqlx::query_scalar("select count(*) from app_user").fetch_one(&app.pool).await.unwrap();
    assert_eq!(invite(&kukar, &berau_village, "siti@desa.id").await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(invite(&kukar, "64.02.99.9999", "siti@desa.id").await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(invite(&kukar, &other_kukar, "operator@desa.id").await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(invite(&kukar, &other_kukar, "bukan-email").await.status(), StatusCode::BAD_REQUEST);
    let operator = app.signed_in("operator@desa.id").await;
    assert_eq!(invite(&operator, &kukar_village, "siti@desa.id").await.status(), StatusCode::FORBIDDEN);
    let users_after: i64 = sqlx::query_scalar("select count(*) from app_user").fetch_one(&app.pool).await.unwrap();
    assert_eq!(users_before, users_after);

    let created = invite(&kukar, &other_kukar, "Siti@Desa.id").await;
    assert_eq!(created.status(), StatusCode::OK);
    let link: Value = created.json().await.unwrap();
    let url = link["url"].as_str().unwrap();
    let token = url.rsplit('/').next().unwrap().to_owned();
    assert_eq!(token.len(), 64);
    let stored: String = sqlx::query_scalar("select token_hash from invitation").fetch_one(&app.pool).await.unwrap();
    assert_ne!(stored, token, "only a hash of the token is kept");

    // Not active yet: the account cannot sign in.
    let early =
        app.call(&app.client(), "sign_in", &[("email", "siti@desa.id"), ("password", "kata-sandi-siti-2026")]).await;
    assert_eq!(early.status(), StatusCode::UNAUTHORIZED);
    let greeting: Value = app.call(&app.client(), "invitation", &[("token", &token)]).await.json().await.unwrap();
    assert_eq!(greeting[1], "siti@desa.id");
    let page = app.get(&format!("/undangan/{token}")).await.text().await.unwrap();
    assert!(page.contains("Siti Aminah"));

    let invited = app.client();
    let short = app.call(&invited, "accept_invitation", &[("token", &token), ("password", "pendek")]).await;
    assert_eq!(short.status(), StatusCode::BAD_REQUEST);
    let wrong = app
        .call(&invited, "accept_invitation", &[("token", &"0".repeat(64)), ("password", "kata-sandi-siti-2026")])
        .await;
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    let accepted =
        app.call(&invited, "accept_invitation", &[("token", &token), ("password", "kata-sandi-siti-2026")]).await;
    assert!(ok(&accepted), "{}", accepted.status());
    let session = app.session(&invited).await;
    assert_eq!(session["user"]["role"], "village_operator");
    assert_eq!(session["user"]["scope"]["code"], other_kukar);
    let again =
        app.call(&app.client(), "accept_invitation", &[("token", &token), ("password", "kata-sandi-lain-2026")]).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "one use only");
    assert!(ok(&app
        .call(&app.client(), "sign_in", &[("email", "siti@desa.id"), ("password", "kata-sandi-siti-2026")])
        .await));
    let audit: Vec<String> =
        sqlx::query_scalar("select action from audit_log where entity_type = 'user' order by audit_id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert!(audit.ends_with(&["user.invited".to_owned(), "user.activated".to_owned()]), "{audit:?}");
}

async fn postings_past_their_window_expire(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (kukar_village, _) = staff(&app).await;
    let over = need(&app, &kukar_village, "published", Some("2026-01-31")).await;
    let open = need(&app, &kukar_village, "published", Some("2099-12-31")).await;
    let no_end = need(&app, &kukar_village, "submitted", None).await;
    let rejected = need(&app, &kukar_village, "rejected", Some("2026-01-31")).await;
    let (needs, _) = app::ssr::expiry::expire_due(&app.state).await.unwrap();
    assert_eq!(needs, 1);
    assert_eq!(status_of(&app, over).await, "expired");
    for id in [open, no_end] {
        assert_ne!(status_of(&app, id).await, "expired");
    }
    assert_eq!(status_of(&app, rejected).await, "rejected", "a final state stays");
    let (actor, after): (Option<i64>, String) =
        sqlx::query_as("select actor_id, after_state from audit_log where action = 'need.expired' and entity_id = $1")
            .bind(over.to_string())
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((actor, after.as_str()), (None, "expired"));
    let told: i64 = sqlx::query_scalar("select count(*) from notification where kind = 'need.expired'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(told, 1, "the village's operator is told");
    assert_eq!(app.get(&format!("/api/v1/needs/{over}")).await.status(), StatusCode::NOT_FOUND);
    // Running it again changes nothing.
    assert_eq!(app::ssr::expiry::expire_due(&app.state).await.unwrap(), (0, 0));
}
