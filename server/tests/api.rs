//! Integration tests over HTTP against the real router, on SQLite and PostgreSQL.

mod common;

use app::domain::account::Role;
use common::{set_cookie, Backend, TestApp, PASSWORD};
use serde_json::Value;
use server::web::SESSION_COOKIE;

on_both_databases!(
    health_reports_the_backend,
    health_answers_503_without_database,
    region_import_yields_the_province_and_is_idempotent,
    sign_up_errors_are_clear_and_translated,
    sign_up_refuses_bad_input_without_writing,
    sign_up_creates_a_pending_partner_and_signs_in,
    sign_up_refuses_a_registered_email,
    sign_in_succeeds_and_rotates_the_session,
    wrong_password_and_unknown_email_answer_alike,
    repeated_failures_are_throttled,
    sign_out_ends_the_session,
    staff_only_function_refuses_partner_and_visitor,
    regency_staff_see_only_their_regency,
    pages_follow_the_language_cookie,
    unknown_page_answers_404,
    audit_log_cannot_be_edited,
    forms_without_javascript_are_redirected_back,
);

async fn health_reports_the_backend(backend: Backend) {
    let app = TestApp::spawn_empty(backend).await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], backend.as_str());
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
}

async fn health_answers_503_without_database(backend: Backend) {
    let app = TestApp::spawn_empty(backend).await;
    app.pool.close().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 503);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "unavailable");
}

async fn region_import_yields_the_province_and_is_idempotent(backend: Backend) {
    let app = TestApp::spawn_empty(backend).await;
    let expected = app::ssr::repo::regions::RegionCounts { regencies: 10, districts: 105, desa: 841, kelurahan: 197 };
    let first = server::region_import::import(&app.pool, &common::regions_dir()).await.unwrap();
    assert_eq!(first, expected);
    let second = server::region_import::import(&app.pool, &common::regions_dir()).await.unwrap();
    assert_eq!(second, expected);
    let (name, kind): (String, String) = sqlx::query_as("select name, kind from regency where regency_code = '64.72'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!((name.as_str(), kind.as_str()), ("Samarinda", "kota"));
    let village: String = sqlx::query_scalar("select name from village where village_code = '64.01.01.2009'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(village, "Samurangau");
}

fn field_messages(body: &Value) -> Vec<(String, String, String)> {
    assert_eq!(body["error"], "validation", "{body}");
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["problem"].as_str().unwrap().to_owned(),
                e["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn sign_up_errors_are_clear_and_translated(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let form = [
        ("email", "bukan-email"),
        ("password", "pendek"),
        ("display_name", ""),
        ("organisation_name", "PT Contoh"),
        ("organisation_kind", "bank"),
    ];
    let response = app.call(&app.client(), "sign_up", &form).await;
    assert_eq!(response.status(), 400);
    let errors = field_messages(&response.json().await.unwrap());
    assert_eq!(
        errors,
        vec![
            ("email".into(), "email_invalid".into(), "Format email tidak valid, contoh: nama@contoh.id.".into()),
            ("password".into(), "too_short".into(), "Minimal 10 karakter.".into()),
            ("display_name".into(), "required".into(), "Wajib diisi.".into()),
            ("organisation_kind".into(), "invalid_choice".into(), "Pilih salah satu pilihan yang tersedia.".into()),
        ]
    );

    // The same request from a browser that chose English.
    let response = app
        .client()
        .post(app.url("/api/sign_up"))
        .header("cookie", "i18n_pref_locale=en")
        .form(&form)
        .send()
        .await
        .unwrap();
    let errors = field_messages(&response.json().await.unwrap());
    assert_eq!(errors[1].2, "Use at least 10 characters.");
    assert_eq!(errors[2].2, "This field is required.");
}

async fn sign_up_refuses_bad_input_without_writing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let long = "x".repeat(10_000);
    let cases: Vec<(&str, String, &str)> = vec![
        ("display_name", "<script>alert(1)</script>".into(), "invalid_characters"),
        ("display_name", long.clone(), "too_long"),
        ("organisation_name", "PT\u{0007}Bell".into(), "invalid_characters"),
        ("organisation_name", "  ".into(), "required"),
        ("email", format!("{long}@desa.id"), "too_long"),
        ("password", "x".repeat(129), "too_long"),
        ("organisation_kind", "COMPANY".into(), "invalid_choice"),
    ];
    for (field, value, problem) in cases {
        let mut form = [
            ("email", "baru@mitra.id".to_owned()),
            ("password", PASSWORD.to_owned()),
            ("display_name", "Budi".to_owned()),
            ("organisation_name", "PT Contoh".to_owned()),
            ("organisation_kind", "company".to_owned()),
        ];
        form.iter_mut().find(|(f, _)| *f == field).unwrap().1 = value;
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = app.call(&app.client(), "sign_up", &form).await;
        assert_eq!(response.status(), 400, "{field}");
        let errors = field_messages(&response.json().await.unwrap());
        assert_eq!(errors.len(), 1, "{field}: {errors:?}");
        assert_eq!((errors[0].0.as_str(), errors[0].1.as_str()), (field, problem));
    }
    // A missing field is a bad request too, not a server error.
    let response = app.call(&app.client(), "sign_up", &[("email", "a@b.id")]).await;
    assert_eq!(response.status(), 400);

    let users: i64 = sqlx::query_scalar("select count(*) from app_user").fetch_one(&app.pool).await.unwrap();
    let organisations: i64 =
        sqlx::query_scalar("select count(*) from organisation").fetch_one(&app.pool).await.unwrap();
    assert_eq!((users, organisations), (0, 0), "nothing written");
}

async fn sign_up_creates_a_pending_partner_and_signs_in(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = app.client();
    let response = app.sign_up_partner(&client, "Budi@Mitra.ID").await;
    assert!(response.status().is_success() || response.status().is_redirection(), "{}", response.status());
    assert!(set_cookie(&response, SESSION_COOKIE).is_some());

    let session = app.session(&client).await;
    let user = &session["user"];
    assert_eq!(user["email"], "budi@mitra.id");
    assert_eq!(user["role"], "partner_member");
    assert_eq!(user["scope"]["kind"], "organisation");
    assert_eq!(user["scope"]["name"], "PT Kaltim Sejahtera");
    assert_eq!(user["scope"]["status"], "pending");

    let actions: Vec<String> =
        sqlx::query_scalar("select action from audit_log order by audit_id").fetch_all(&app.pool).await.unwrap();
    assert_eq!(actions, vec!["user.signed_up", "organisation.created"]);
}

async fn sign_up_refuses_a_registered_email(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.sign_up_partner(&app.client(), "budi@mitra.id").await;
    let response = app.sign_up_partner(&app.client(), "BUDI@mitra.id").await;
    assert_eq!(response.status(), 400);
    let errors = field_messages(&response.json().await.unwrap());
    assert_eq!(errors[0].0, "email");
    assert_eq!(errors[0].1, "already_taken");
    let organisations: i64 =
        sqlx::query_scalar("select count(*) from organisation").fetch_one(&app.pool).await.unwrap();
    assert_eq!(organisations, 1, "the refused sign-up wrote nothing");
}

async fn sign_in_succeeds_and_rotates_the_session(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.add_user("rina@dpmd.id", Role::ProvinceStaff, None, None, None).await;
    let client = app.client();
    let first = app.call(&client, "sign_in", &[("email", "rina@dpmd.id"), ("password", PASSWORD)]).await;
    assert!(first.status().is_success() || first.status().is_redirection());
    let cookie = first
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with(SESSION_COOKIE))
        .unwrap();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    let first_id = set_cookie(&first, SESSION_COOKIE).unwrap();
    assert_eq!(app.session(&client).await["user"]["role"], "province_staff");

    // Signing in again within the same browser issues a new session id...
    let second = app.call(&client, "sign_in", &[("email", "RINA@dpmd.id "), ("password", PASSWORD)]).await;
    let second_id = set_cookie(&second, SESSION_COOKIE).unwrap();
    assert_ne!(first_id, second_id);
    // ...and the old one no longer signs anybody in.
    let stale = reqwest::Client::new()
        .post(app.url("/api/session"))
        .header("cookie", format!("{SESSION_COOKIE}={first_id}"))
        .send()
        .await
        .unwrap();
    let stale: Value = stale.json().await.unwrap();
    assert!(stale["user"].is_null(), "{stale}");
}

async fn wrong_password_and_unknown_email_answer_alike(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.add_user("rina@dpmd.id", Role::ProvinceStaff, None, None, None).await;
    let wrong = app.call(&app.client(), "sign_in", &[("email", "rina@dpmd.id"), ("password", "salah-sekali")]).await;
    let unknown = app.call(&app.client(), "sign_in", &[("email", "siapa@dpmd.id"), ("password", "salah-sekali")]).await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(unknown.status(), 401);
    assert!(set_cookie(&wrong, SESSION_COOKIE).is_none());
    let (wrong, unknown) = (wrong.text().await.unwrap(), unknown.text().await.unwrap());
    assert_eq!(wrong, unknown);
    assert!(wrong.contains("invalid_credentials"), "{wrong}");
}

async fn repeated_failures_are_throttled(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.add_user("rina@dpmd.id", Role::ProvinceStaff, None, None, None).await;
    for _ in 0..app::ssr::throttle::MAX_PER_ACCOUNT {
        let response =
            app.call(&app.client(), "sign_in", &[("email", "rina@dpmd.id"), ("password", "salah-sekali")]).await;
        assert_eq!(response.status(), 401);
    }
    // Now even the right password waits.
    let response = app.call(&app.client(), "sign_in", &[("email", "rina@dpmd.id"), ("password", PASSWORD)]).await;
    assert_eq!(response.status(), 429);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "too_many_attempts");
    assert!(body["retry_after_secs"].as_u64().unwrap() > 0);
    // Other accounts are not affected.
    app.add_user("agus@dpmd.id", Role::ProvinceStaff, None, None, None).await;
    let response = app.call(&app.client(), "sign_in", &[("email", "agus@dpmd.id"), ("password", PASSWORD)]).await;
    assert!(response.status().is_success() || response.status().is_redirection());
}

async fn sign_out_ends_the_session(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.add_user("rina@dpmd.id", Role::ProvinceStaff, None, None, None).await;
    let client = app.signed_in("rina@dpmd.id").await;
    assert!(!app.session(&client).await["user"].is_null());
    let response = app.call(&client, "sign_out", &[]).await;
    assert!(response.status().is_success() || response.status().is_redirection());
    assert!(app.session(&client).await["user"].is_null());
    let sessions: i64 = sqlx::query_scalar("select count(*) from session").fetch_one(&app.pool).await.unwrap();
    assert_eq!(sessions, 0);
}

async fn staff_only_function_refuses_partner_and_visitor(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.sign_up_partner(&app.client(), "budi@mitra.id").await;
    app.add_user("rina@dpmd.id", Role::ProvinceStaff, None, None, None).await;
    app.add_user("siti@desa.id", Role::VillageOperator, Some("64.02.01.2001"), None, None).await;

    let visitor = app.call(&app.client(), "accounts", &[]).await;
    assert_eq!(visitor.status(), 401);
    assert_eq!(visitor.json::<Value>().await.unwrap()["error"], "unauthenticated");

    for email in ["budi@mitra.id", "siti@desa.id"] {
        let client = app.signed_in(email).await;
        let refused = app.call(&client, "accounts", &[]).await;
        assert_eq!(refused.status(), 403, "{email}");
        assert_eq!(refused.json::<Value>().await.unwrap()["error"], "forbidden");
    }

    let staff = app.signed_in("rina@dpmd.id").await;
    let allowed = app.call(&staff, "accounts", &[]).await;
    assert_eq!(allowed.status(), 200);
    let list: Value = allowed.json().await.unwrap();
    assert_eq!(list.as_array().unwrap().len(), 3);
}

async fn regency_staff_see_only_their_regency(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.add_user("kukar@dpmd.id", Role::RegencyStaff, None, Some("64.02"), None).await;
    app.add_user("berau@dpmd.id", Role::RegencyStaff, None, Some("64.03"), None).await;
    app.add_user("op.kukar@desa.id", Role::VillageOperator, Some("64.02.01.2001"), None, None).await;
    app.add_user("op.paser@desa.id", Role::VillageOperator, Some("64.01.01.2009"), None, None).await;
    app.add_user("rina@dpmd.id", Role::ProvinceStaff, None, None, None).await;

    let client = app.signed_in("kukar@dpmd.id").await;
    let list: Value = app.call(&client, "accounts", &[]).await.json().await.unwrap();
    let mut emails: Vec<&str> = list.as_array().unwrap().iter().map(|a| a["email"].as_str().unwrap()).collect();
    emails.sort();
    assert_eq!(emails, vec!["kukar@dpmd.id", "op.kukar@desa.id"]);
}

async fn pages_follow_the_language_cookie(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let html = app.get("/").await.text().await.unwrap();
    assert!(html.contains("lang=\"id\""), "Indonesian by default");
    assert!(html.contains("Angka utama"));
    assert!(html.contains("1.038") || html.contains("841"), "figures from the registry");

    let english = app.client().get(app.url("/")).header("cookie", "i18n_pref_locale=en").send().await.unwrap();
    let html = english.text().await.unwrap();
    assert!(html.contains("lang=\"en\""));
    assert!(html.contains("Headline figures"));

    // Accept-Language alone does not switch: Indonesian stays the default.
    let html = app
        .client()
        .get(app.url("/masuk"))
        .header("accept-language", "en-US,en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("lang=\"id\""));

    // The language switch for browsers without JavaScript.
    let client = app.client();
    let response = client.post(app.url("/bahasa")).form(&[("lang", "en"), ("back", "/masuk")]).send().await.unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/masuk");
    assert_eq!(set_cookie(&response, "i18n_pref_locale").as_deref(), Some("en"));
    let html = client.get(app.url("/masuk")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("lang=\"en\"") && html.contains("Sign in"));
    // ...which never sends anybody elsewhere.
    let response =
        client.post(app.url("/bahasa")).form(&[("lang", "id"), ("back", "//evil.example")]).send().await.unwrap();
    assert_eq!(response.headers()["location"], "/");
    let response = client.post(app.url("/bahasa")).form(&[("lang", "xx")]).send().await.unwrap();
    assert_eq!(response.status(), 400);
}

async fn unknown_page_answers_404(backend: Backend) {
    let app = TestApp::spawn_empty(backend).await;
    let response = app.get("/tidak-ada").await;
    assert_eq!(response.status(), 404);
    let html = response.text().await.unwrap();
    assert!(html.contains("Halaman tidak ditemukan"));
}

async fn audit_log_cannot_be_edited(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.sign_up_partner(&app.client(), "budi@mitra.id").await;
    let update = sqlx::query("update audit_log set reason = 'x'").execute(&app.pool).await;
    assert!(update.is_err(), "update refused");
    let delete = sqlx::query("delete from audit_log").execute(&app.pool).await;
    assert!(delete.is_err(), "delete refused");
    let count: i64 = sqlx::query_scalar("select count(*) from audit_log").fetch_one(&app.pool).await.unwrap();
    assert_eq!(count, 2);
}

/// A browser without JavaScript posts the form itself: errors come back as a redirect to the
/// form with the error in the URL (where the page shows it), success as a redirect onwards.
async fn forms_without_javascript_are_redirected_back(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.add_user("rina@dpmd.id", Role::ProvinceStaff, None, None, None).await;
    let form_post = |client: &reqwest::Client, form: &[(&str, &str)]| {
        client
            .post(app.url("/api/sign_in"))
            .header("accept", "text/html,application/xhtml+xml")
            .header("referer", app.url("/masuk"))
            .form(form)
            .send()
    };
    let client = app.client();
    let refused = form_post(&client, &[("email", "rina@dpmd.id"), ("password", "salah-sekali")]).await.unwrap();
    assert_eq!(refused.status(), 302);
    let location = refused.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(&app.url("/masuk?")) && location.contains("__err="), "{location}");
    let page = client.get(&location).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Email atau kata sandi salah"), "the form shows the error");

    let accepted = form_post(&client, &[("email", "rina@dpmd.id"), ("password", PASSWORD)]).await.unwrap();
    assert_eq!(accepted.status(), 302);
    assert!(accepted.headers()["location"].to_str().unwrap().ends_with("/dasbor"));
}
