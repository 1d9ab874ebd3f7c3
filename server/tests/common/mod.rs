//! Test harness: the real router on a free loopback port, with a fresh database per test
//! (an SQLite file, or a new PostgreSQL database on the server named by
//! `TEST_POSTGRES_URL`), and HTTP clients that keep cookies like a browser.

#![allow(dead_code)]

use app::domain::account::Role;
pub use app::ssr::db::Backend;
use calamine::Reader;
use leptos::prelude::LeptosOptions;
use reqwest::{redirect, Client, Response};
use server::config::Config;
use sqlx::AnyPool;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

pub const PASSWORD: &str = "kata-sandi-rahasia";

pub struct TestApp {
    pub base: String,
    /// The app's state, to call services directly (the expiry job).
    pub state: app::ssr::AppState,
    pub pool: AnyPool,
    pub backend: Backend,
    pub database_url: String,
    _dir: Option<TempDir>,
}

/// A temporary folder removed at the end of the test.
pub struct TempDir(pub PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn unique(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("{prefix}_{}_{n}_{nanos}", std::process::id())
}

pub fn regions_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../node_modules/idn-area-data/data")
}

/// A fresh, migrated, empty database of the given kind; returns its URL.
pub async fn fresh_database(backend: Backend) -> (String, Option<TempDir>) {
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join(unique("mitra_desa_test"));
            std::fs::create_dir_all(&dir).unwrap();
            (format!("sqlite://{}/test.db?mode=rwc", dir.display()), Some(TempDir(dir)))
        }
        Backend::Postgres => {
            let admin_url = std::env::var("TEST_POSTGRES_URL").expect(
                "TEST_POSTGRES_URL is not set: run the README's test command (scripts/test), \
                 which starts a throwaway PostgreSQL, or point it at a server you may create databases on",
            );
            let name = unique("md_test");
            sqlx::any::install_default_drivers();
            let admin = AnyPool::connect(&admin_url).await.expect("connect to TEST_POSTGRES_URL");
            sqlx::query(&format!("create database {name}")).execute(&admin).await.unwrap();
            admin.close().await;
            let base = admin_url.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap();
            (format!("{base}/{name}"), None)
        }
    }
}

pub fn test_config(database_url: &str) -> Config {
    Config {
        database_url: database_url.to_owned(),
        log_filter: "warn".into(),
        log_format: server::config::LogFormat::Text,
        secure_cookies: false,
        office_label: "DPMD".into(),
        regions_dir: regions_dir(),
        max_connections: 5,
        public_url: None,
        search_cache_size: 512,
        page_cache_size: 256,
        statistics_cache_size: 64,
        progress_reminder_days: app::domain::cooperation::PROGRESS_REMINDER_DAYS,
        smtp_url: None,
        mail_from: "Mitra Desa <noreply@mitradesa.test>".into(),
        metrics_token: None,
    }
}

impl TestApp {
    /// Starts the app on a fresh database with the region registry imported.
    pub async fn spawn(backend: Backend) -> TestApp {
        let app = TestApp::spawn_empty(backend).await;
        server::region_import::import(&app.pool, &regions_dir()).await.expect("import regions");
        app
    }

    /// Starts the app on a fresh database with nothing in it.
    pub async fn spawn_empty(backend: Backend) -> TestApp {
        let (database_url, dir) = fresh_database(backend).await;
        TestApp::start(backend, database_url, dir, None).await
    }

    /// Starts the app with `/metrics` open to `token`, on a fresh database with the registry.
    pub async fn spawn_with_metrics(backend: Backend, token: &str) -> TestApp {
        let (database_url, dir) = fresh_database(backend).await;
        let app = TestApp::start(backend, database_url, dir, Some(token)).await;
        server::region_import::import(&app.pool, &regions_dir()).await.expect("import regions");
        app
    }

    /// A second instance of the app on the same database (as behind a load balancer).
    pub async fn another_instance(&self) -> TestApp {
        TestApp::start(self.backend, self.database_url.clone(), None, None).await
    }

    /// The app on an existing database (a restored backup).
    pub async fn on_database(backend: Backend, database_url: String) -> TestApp {
        TestApp::start(backend, database_url, None, None).await
    }

    async fn start(backend: Backend, database_url: String, dir: Option<TempDir>, metrics: Option<&str>) -> TestApp {
        // Server errors (internal ones are only logged) appear in a failing test's output.
        let filter = std::env::var("TEST_LOG").unwrap_or_else(|_| "warn".into());
        let _ = tracing_subscriber::fmt().with_env_filter(filter).with_test_writer().try_init();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let options = LeptosOptions::builder()
            .output_name("mitra-desa")
            .site_root("target/site")
            .site_pkg_dir("pkg")
            .site_addr(addr)
            .build();
        let state = server::web::state(&test_config(&database_url), options).await.expect("app state");
        let pool = state.pool.clone();
        let router = server::web::router_with(state.clone(), server::metrics::Scrape::new(metrics));
        tokio::spawn(async move {
            server::serve::serve(listener, router).await.unwrap();
        });
        TestApp { base: format!("http://{addr}"), state, pool, backend, database_url, _dir: dir }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A browser-like client: keeps cookies, does not follow redirects. A request that
    /// gets no answer fails the test after a minute instead of hanging the run.
    pub fn client(&self) -> Client {
        Client::builder()
            .cookie_store(true)
            .redirect(redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .unwrap()
    }

    /// GET a path as a visitor.
    pub async fn get(&self, path: &str) -> Response {
        self.client().get(self.url(path)).send().await.unwrap_or_else(|err| panic!("GET {path}: {err}"))
    }

    /// Calls a server function the way a browser form does (URL-encoded POST).
    pub async fn call(&self, client: &Client, endpoint: &str, form: &[(&str, &str)]) -> Response {
        client.post(self.url(&format!("/api/{endpoint}"))).form(form).send().await.unwrap()
    }

    /// Creates an account with [`PASSWORD`].
    pub async fn add_user(
        &self,
        email: &str,
        role: Role,
        village: Option<&str>,
        regency: Option<&str>,
        organisation: Option<i64>,
    ) -> i64 {
        let account = server::accounts::NewAccount {
            email: email.to_owned(),
            display_name: format!("Pengguna {}", role.as_str()),
            role,
            village_code: village.map(str::to_owned),
            regency_code: regency.map(str::to_owned),
            organisation_id: organisation,
        };
        let hash = server::accounts::hash(PASSWORD).await.unwrap();
        server::accounts::add(&self.pool, &account, &hash).await.unwrap()
    }

    /// A client signed in as the given account.
    pub async fn signed_in(&self, email: &str) -> Client {
        let client = self.client();
        let response = self.call(&client, "sign_in", &[("email", email), ("password", PASSWORD)]).await;
        assert!(
            response.status().is_success() || response.status().is_redirection(),
            "sign-in of {email}: {}",
            response.status()
        );
        client
    }

    pub async fn sign_up_partner(&self, client: &Client, email: &str) -> Response {
        self.call(
            client,
            "sign_up",
            &[
                ("email", email),
                ("password", PASSWORD),
                ("display_name", "Budi Santoso"),
                ("organisation_name", "PT Kaltim Sejahtera"),
                ("organisation_kind", "company"),
            ],
        )
        .await
    }

    /// The signed-in user as `/api/session` reports it.
    pub async fn session(&self, client: &Client) -> serde_json::Value {
        let response = client.post(self.url("/api/session")).send().await.unwrap();
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }
}

/// The value of a cookie set by a response.
pub fn set_cookie(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap()[name.len() + 1..].to_owned())
}

/// Runs each listed `async fn name(backend: Backend)` once per database.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
               async fn $name() { super::$name($crate::common::Backend::Sqlite).await } )*
        }
        mod postgres {
            $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
               async fn $name() { super::$name($crate::common::Backend::Postgres).await } )*
        }
    };
}

/// The SMTP sink that the test command starts beside the tests (aiosmtpd, from Debian's
/// `python3-aiosmtpd`): where to send (`TEST_SMTP_URL`) and the Maildir in which it keeps
/// every message it accepted (`TEST_MAILDIR`). Tests share it, so each reads only what was
/// sent to addresses of its own.
pub struct SmtpSink {
    pub url: String,
    maildir: PathBuf,
}

impl SmtpSink {
    pub fn from_env() -> SmtpSink {
        let var = |name: &str| {
            std::env::var(name).unwrap_or_else(|_| {
                panic!("{name} is not set: run the README's test command (scripts/test), which starts the SMTP sink")
            })
        };
        SmtpSink { url: var("TEST_SMTP_URL"), maildir: PathBuf::from(var("TEST_MAILDIR")) }
    }

    /// The messages that arrived for `address` (the envelope's recipient), oldest first,
    /// quoted-printable decoded (soft line breaks joined).
    pub fn received_by(&self, address: &str) -> Vec<String> {
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(self.maildir.join("new"))
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
            .into_iter()
            .filter_map(|(_, path)| std::fs::read_to_string(path).ok())
            .filter(|message| {
                message.lines().take_while(|line| !line.is_empty()).any(|line| {
                    line.strip_prefix("X-RcptTo: ")
                        .is_some_and(|to| to.split(',').any(|a| a.trim().eq_ignore_ascii_case(address)))
                })
            })
            .map(|message| quoted_printable(&message))
            .collect()
    }
}

/// Decodes quoted-printable text (`=C2=AB` → «, `=` at a line's end joins the next line).
fn quoted_printable(text: &str) -> String {
    let joined = text.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// An XLSX file's sheets by name, each as rows of text (numbers written as integers).
pub async fn xlsx_sheets(response: reqwest::Response) -> Vec<(String, Vec<Vec<String>>)> {
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "private, no-store");
    let body = response.bytes().await.unwrap().to_vec();
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(body)).expect("a valid XLSX file");
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|row| {
                    row.iter()
                        .map(|cell| match cell {
                            calamine::Data::Float(f) => format!("{}", *f as i64),
                            calamine::Data::Int(i) => i.to_string(),
                            calamine::Data::Empty => String::new(),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}
