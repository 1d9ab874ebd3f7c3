//! The `mitra-desa` binary's commands, run as a user would.

mod common;

use common::{fresh_database, regions_dir, Backend};
use std::process::{Command, Output, Stdio};

fn run(database_url: &str, args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_mitra-desa"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("REGIONS_DIR", regions_dir())
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn ok(output: &Output) -> String {
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).unwrap()
}

async fn commands(backend: Backend) {
    let (url, _dir) = fresh_database(backend).await;
    let counts = "regions: 10 regencies/cities, 105 districts, 841 desa, 197 kelurahan";
    assert!(ok(&run(&url, &["import-regions"], None)).contains(counts));
    assert!(ok(&run(&url, &["import-regions"], None)).contains(counts), "idempotent");

    let out = ok(&run(
        &url,
        &["user", "add", "--email", "kukar@dpmd.id", "--name", "Agus", "--role", "regency_staff", "--regency", "64.02"],
        Some("kata-sandi-panjang\n"),
    ));
    assert!(out.contains("created (regency_staff)"), "{out}");
    assert!(!out.contains("password"), "a given password is not echoed");

    let out = ok(&run(
        &url,
        &[
            "user",
            "add",
            "--email",
            "op@desa.id",
            "--name",
            "Siti",
            "--role",
            "village_operator",
            "--village",
            "64.02.01.2001",
        ],
        Some(""),
    ));
    assert!(out.contains("password (shown once): "), "{out}");

    let refused = run(
        &url,
        &[
            "user",
            "add",
            "--email",
            "x@desa.id",
            "--name",
            "Xena",
            "--role",
            "village_operator",
            "--village",
            "64.99.01.2001",
        ],
        Some("kata-sandi-panjang\n"),
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("unknown village code"));

    let out = ok(&run(&url, &["seed-demo", "--needs", "40", "--offers", "12", "--partners", "6"], None));
    assert!(out.contains("6 partner organisations"), "{out}");
    assert!(out.contains("provinsi@demo.mitradesa.id"), "{out}");
    let again = run(&url, &["seed-demo"], None);
    assert!(!again.status.success(), "seeding twice is refused");

    // The demo's cooperations agree with their matches and needs.
    let (pool, _) = app::ssr::db::connect(&url, 1).await.unwrap();
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "select a.status, m.status, n.status from agreement a join need_match m on m.need_match_id = a.need_match_id \
         join need n on n.need_id = m.need_id order by a.agreement_id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    // With so few needs some states may be missing (the full demo has them all).
    let states: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert!(states.len() >= 3, "cooperations in several states: {states:?}");
    for (agreement, matched, need) in &rows {
        let expected = match agreement.as_str() {
            "draft" => ("introduced", "published"),
            "signed" | "active" => ("agreed", "matched"),
            "completed" => ("agreed", "fulfilled"),
            _ => ("agreed", "published"),
        };
        assert_eq!((matched.as_str(), need.as_str()), expected, "a {agreement} cooperation");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_commands_on_sqlite() {
    commands(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_commands_on_postgres() {
    commands(Backend::Postgres).await;
}

/// The same seed gives the same data.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_data_is_deterministic() {
    let mut digests = Vec::new();
    for _ in 0..2 {
        let (url, _dir) = fresh_database(Backend::Sqlite).await;
        ok(&run(&url, &["import-regions"], None));
        ok(&run(&url, &["seed-demo", "--seed", "7", "--needs", "30", "--offers", "10", "--partners", "4"], None));
        let (pool, _) = app::ssr::db::connect(&url, 1).await.unwrap();
        let rows: Vec<(String, String, String, String)> =
            sqlx::query_as("select village_code, title, status, created_at from need order by need_id")
                .fetch_all(&pool)
                .await
                .unwrap();
        let statuses: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.2.as_str()).collect();
        assert!(statuses.len() >= 3, "several lifecycle states: {statuses:?}");
        digests.push(format!("{rows:?}"));
    }
    assert_eq!(digests[0], digests[1]);
}
