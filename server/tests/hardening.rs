//! What every response tells the browser, requests another site sends, oversized and slow
//! requests, and the SQLite backup and its restore.

mod common;

use common::{Backend, TestApp};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

on_both_databases!(
    pages_carry_a_policy_whose_nonce_is_their_scripts_own,
    a_kept_page_gets_a_new_nonce_each_time,
    other_responses_may_run_nothing,
    another_site_cannot_change_anything,
    oversized_bodies_are_refused_without_writing,
    a_nul_character_is_refused_before_any_handler,
    metrics_are_counted_per_route_and_shown_only_with_the_token,
);

/// The nonces of the page's inline scripts.
fn script_nonces(page: &str) -> Vec<String> {
    page.split("<script")
        .skip(1)
        .filter_map(|tag| tag.split('>').next())
        .filter_map(|attributes| {
            let start = attributes.find("nonce=\"")? + 7;
            Some(attributes[start..].split('"').next()?.to_owned())
        })
        .collect()
}

fn policy(response: &reqwest::Response) -> String {
    response.headers().get("content-security-policy").expect("a policy").to_str().unwrap().to_owned()
}

async fn pages_carry_a_policy_whose_nonce_is_their_scripts_own(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for path in ["/", "/masuk", "/statistik", "/tidak-ada"] {
        let response = app.get(path).await;
        let policy = policy(&response);
        for (name, value) in [
            ("x-content-type-options", "nosniff"),
            ("x-frame-options", "DENY"),
            ("referrer-policy", "strict-origin-when-cross-origin"),
        ] {
            assert_eq!(response.headers().get(name).and_then(|v| v.to_str().ok()), Some(value), "{path}: {name}");
        }
        assert!(response.headers().get("strict-transport-security").is_none(), "no HSTS over plain HTTP");
        let page = response.text().await.unwrap();
        let nonce = app::wire::content_policy::nonce_of(&policy).unwrap_or_else(|| panic!("{path}: {policy}"));
        assert!(!policy.contains("unsafe-inline") && policy.contains("frame-ancestors 'none'"), "{policy}");
        let nonces = script_nonces(&page);
        let inline_scripts = page.matches("<script").count() - page.matches("<script src=").count();
        assert!(inline_scripts >= 1, "{path}: the shell's scripts");
        // An empty script (leptos_i18n leaves one) is never run, so it needs no nonce.
        let empty = page.matches("<script></script>").count();
        assert_eq!(nonces.len(), inline_scripts - empty, "{path}: every inline script carries the nonce");
        assert!(nonces.iter().all(|n| n == nonce), "{path}: {nonces:?} vs {nonce}");
        assert!(!page.contains(" style=\""), "{path}: no inline style");
    }
    let (first, second) = (policy(&app.get("/masuk").await), policy(&app.get("/masuk").await));
    assert_ne!(first, second, "a new nonce per response");
}

async fn a_kept_page_gets_a_new_nonce_each_time(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut seen = Vec::new();
    for round in 0..3 {
        let response = app.get("/peluang").await;
        let outcome = response.headers().get("x-page-cache").map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(outcome.as_deref(), Some(if round == 0 { "miss" } else { "hit" }));
        let nonce = app::wire::content_policy::nonce_of(&policy(&response)).unwrap().to_owned();
        let page = response.text().await.unwrap();
        assert!(script_nonces(&page).iter().all(|n| *n == nonce), "the page's scripts follow its policy");
        assert!(!seen.contains(&nonce));
        seen.push(nonce);
    }
}

async fn other_responses_may_run_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    use app::wire::content_policy::OTHER;
    // (Script files get `server::security::SCRIPT`: the site's files are not served here, the
    // service worker's journey in Chromium shows it at work.)
    use server::security::SCRIPTLESS_PAGE;
    for (path, expected) in
        [("/healthz", OTHER), ("/api/v1/needs", OTHER), ("/api/v1/openapi.json", OTHER), ("/api/v1", SCRIPTLESS_PAGE)]
    {
        let response = app.get(path).await;
        assert_eq!(policy(&response), expected, "{path}");
        assert_eq!(response.headers().get("x-content-type-options").unwrap(), "nosniff");
    }
}

async fn another_site_cannot_change_anything(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = app.client();
    let form = [
        ("email", "tamu@mitra.test"),
        ("password", common::PASSWORD),
        ("display_name", "Budi Santoso"),
        ("organisation_name", "PT Lain"),
        ("organisation_kind", "company"),
    ];
    let url = app.url("/api/sign_up");
    for (origin, fetch_site) in [(Some("https://evil.example"), None), (Some("null"), None), (None, Some("cross-site"))]
    {
        let mut request = client.post(&url).form(&form);
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        if let Some(site) = fetch_site {
            request = request.header("sec-fetch-site", site);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 403, "{origin:?} {fetch_site:?}");
        assert!(response.text().await.unwrap().contains("situs lain"));
    }
    let accounts: i64 = sqlx::query_scalar("select count(*) from app_user").fetch_one(&app.pool).await.unwrap();
    assert_eq!(accounts, 0, "nothing written");
    // The site's own pages (the browser names the origin it was served from) go through.
    let response = client.post(&url).header("origin", app.base.clone()).form(&form).send().await.unwrap();
    assert!(response.status().is_success() || response.status().is_redirection(), "{}", response.status());
    let accounts: i64 = sqlx::query_scalar("select count(*) from app_user").fetch_one(&app.pool).await.unwrap();
    assert_eq!(accounts, 1);
}

/// PostgreSQL cannot store a NUL in text: it answered such a sign-up with a 500 (found by
/// `malformed.rs`). Now refused with 400 on both databases, raw or encoded, in a form or a URL.
async fn a_nul_character_is_refused_before_any_handler(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = app.client();
    for name in ["Budi\0Santoso", "Budi%00Santoso"] {
        let body = format!(
            "email=nul%40mitra.test&password={}&display_name={name}&organisation_name=PT+Nul&organisation_kind=company",
            common::PASSWORD
        );
        let response = client
            .post(app.url("/api/sign_up"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{name}");
        // The usual validation error, on the field that has it.
        let body: serde_json::Value = response.json().await.unwrap();
        let errors = body["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{body}");
        assert_eq!(
            (&errors[0]["field"], &errors[0]["problem"]),
            (&"display_name".into(), &"invalid_characters".into())
        );
    }
    let accounts: i64 = sqlx::query_scalar("select count(*) from app_user").fetch_one(&app.pool).await.unwrap();
    assert_eq!(accounts, 0, "nothing written");
    assert_eq!(app.get("/peluang?q=air%00terjun").await.status(), 400);
    assert_eq!(app.get("/api/v1/needs?q=%00").await.status(), 400);
    // The same sign-up without it goes through.
    let response = app.sign_up_partner(&client, "nul@mitra.test").await;
    assert!(response.status().is_success() || response.status().is_redirection(), "{}", response.status());
}

async fn oversized_bodies_are_refused_without_writing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let client = app.client();
    let huge = "x".repeat(server::web::MAX_REQUEST_BYTES + 1);
    let form = [("email", "besar@mitra.test"), ("password", huge.as_str()), ("display_name", "B")];
    let response = client.post(app.url("/api/sign_up")).form(&form).send().await.unwrap();
    assert_eq!(response.status(), 413);
    // Without a length announced: the body is cut off as it arrives.
    let chunks = futures::stream::iter((0..40).map(|_| Ok::<_, std::io::Error>(vec![b'a'; 64 * 1024])));
    let response = client
        .post(app.url("/api/sign_up"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(reqwest::Body::wrap_stream(chunks))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_client_error(), "{}", response.status());
    let accounts: i64 = sqlx::query_scalar("select count(*) from app_user").fetch_one(&app.pool).await.unwrap();
    assert_eq!(accounts, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_finishes_its_request_is_cut_off() {
    let app = TestApp::spawn_empty(Backend::Sqlite).await;
    let mut stream = tokio::net::TcpStream::connect(app.base.trim_start_matches("http://")).await.unwrap();
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n").await.unwrap();
    let started = std::time::Instant::now();
    let mut buffer = Vec::new();
    let read = tokio::time::timeout(server::serve::HEADER_TIMEOUT * 2, stream.read_to_end(&mut buffer)).await;
    assert!(read.is_ok(), "the connection is closed, not held");
    assert!(started.elapsed() >= server::serve::HEADER_TIMEOUT - Duration::from_millis(500));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_is_a_database_the_server_starts_on() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let options = server::seed::SeedOptions { seed: 3, needs: 40, offers: 8, partners: 3, progress: false };
    server::seed::seed(&app.pool, &options).await.unwrap();
    let published: i64 =
        sqlx::query_scalar("select count(*) from need where status = 'published'").fetch_one(&app.pool).await.unwrap();
    let dir = std::env::temp_dir().join(format!("mitra-desa-backup-{}", std::process::id()));
    let _cleanup = common::TempDir(dir.clone());
    let file = dir.join("copy.db");
    let report = server::backup::backup(&app.pool, Backend::Sqlite, &file).await.unwrap();
    assert!(report.needs >= 40 && report.bytes > 0, "{report:?}");
    let again = server::backup::backup(&app.pool, Backend::Sqlite, &file).await.unwrap_err();
    assert!(again.to_string().contains("exists already"), "{again}");

    // Restore: a server started on the copy serves the same needs.
    let restored = TestApp::on_database(Backend::Sqlite, format!("sqlite://{}", file.display())).await;
    let body: serde_json::Value = restored.get("/api/v1/needs").await.json().await.unwrap();
    assert_eq!(body["total"], published);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_backups_are_left_to_pg_dump() {
    let app = TestApp::spawn_empty(Backend::Postgres).await;
    let file = std::env::temp_dir().join(format!("mitra-desa-pg-backup-{}.db", std::process::id()));
    let error = server::backup::backup(&app.pool, Backend::Postgres, &file).await.unwrap_err();
    assert!(error.to_string().contains("pg_dump"), "{error}");
    assert!(!file.exists());
}

async fn metrics_are_counted_per_route_and_shown_only_with_the_token(backend: Backend) {
    let closed = TestApp::spawn_empty(backend).await;
    assert_eq!(closed.get("/metrics").await.status(), 404, "no token configured: no metrics");

    let app = TestApp::spawn_with_metrics(backend, "rahasia-metrik").await;
    for _ in 0..3 {
        assert_eq!(app.get("/api/v1/regions").await.status(), 200);
    }
    assert_eq!(app.get("/metrics").await.status(), 401);
    let wrong = app.client().get(app.url("/metrics")).bearer_auth("tebakan").send().await.unwrap();
    assert_eq!(wrong.status(), 401);
    let response = app.client().get(app.url("/metrics")).bearer_auth("rahasia-metrik").send().await.unwrap();
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    // The recorder is the process's: other tests' apps count too, so look for the series.
    let line = text
        .lines()
        .find(|l| {
            l.starts_with("mitra_desa_http_requests_total{")
                && l.contains("route=\"/api/v1/regions\"")
                && l.contains("status=\"200\"")
        })
        .unwrap_or_else(|| panic!("no request count for the route:\n{text}"));
    let count: f64 = line.rsplit(' ').next().unwrap().parse().unwrap();
    assert!(count >= 3.0, "{line}");
    for series in [
        "mitra_desa_http_request_duration_seconds_bucket{",
        "mitra_desa_db_pool_connections ",
        "mitra_desa_live_streams ",
        "mitra_desa_matching_index_rebuilds_total ",
    ] {
        assert!(text.contains(series), "{series} missing:\n{text}");
    }
    assert!(!text.contains("route=\"/api/v1/regions?"), "addresses never become labels");
}
