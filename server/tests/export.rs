//! Staff exports (`/ekspor/{data}.{csv|xlsx}`) on SQLite and PostgreSQL: files parsed back
//! and compared with the database, the jurisdiction of every export per role, refusals
//! for everyone else, and the data dictionary.

mod common;

use app::domain::account::Role;
use app::domain::export::Dataset;
use common::{xlsx_sheets, Backend, TestApp};
use reqwest::Client;

on_both_databases!(
    exports_are_the_database_within_the_callers_jurisdiction,
    nobody_but_staff_exports_and_mistakes_are_told,
    the_data_dictionary_names_every_column,
    an_export_tells_its_own_user_how_far_it_has_got,
);

async fn seeded(backend: Backend) -> TestApp {
    let app = TestApp::spawn(backend).await;
    let options = server::seed::SeedOptions { seed: 5, needs: 120, offers: 30, partners: 6, progress: false };
    server::seed::seed(&app.pool, &options).await.unwrap();
    app.add_user("kukar@dpmd.id", Role::RegencyStaff, None, Some("64.02"), None).await;
    app.add_user("provinsi@dpmd.id", Role::ProvinceStaff, None, None, None).await;
    app
}

async fn download(app: &TestApp, client: &Client, path: &str) -> reqwest::Response {
    client.get(app.url(path)).send().await.unwrap()
}

/// A CSV file's rows (header first), without its byte-order mark.
async fn csv_rows(response: reqwest::Response) -> Vec<Vec<String>> {
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["cache-control"], "private, no-store");
    assert!(headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(headers["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"mitra-desa-"));
    let body = response.bytes().await.unwrap();
    let text = std::str::from_utf8(&body).unwrap().strip_prefix('\u{feff}').expect("a byte-order mark").to_owned();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect()
}

fn column(rows: &[Vec<String>], name: &str) -> Vec<String> {
    let at = rows[0].iter().position(|c| c == name).unwrap_or_else(|| panic!("no column {name}"));
    rows[1..].iter().map(|row| row.get(at).cloned().unwrap_or_default()).collect()
}

async fn ids(app: &TestApp, sql: &str) -> Vec<String> {
    let ids: Vec<i64> = sqlx::query_scalar(sql).fetch_all(&app.pool).await.unwrap();
    ids.into_iter().map(|id| id.to_string()).collect()
}

fn names(dataset: Dataset) -> Vec<String> {
    dataset.columns().iter().map(|c| c.name.to_owned()).collect()
}

async fn exports_are_the_database_within_the_callers_jurisdiction(backend: Backend) {
    let app = seeded(backend).await;
    let province = app.signed_in("provinsi@dpmd.id").await;
    let kukar = app.signed_in("kukar@dpmd.id").await;

    // Needs, CSV: every need but drafts, as the database has them.
    let rows = csv_rows(download(&app, &province, "/ekspor/kebutuhan.csv").await).await;
    assert_eq!(rows[0], names(Dataset::Needs));
    let expected = ids(&app, "select need_id from need where status <> 'draft' order by need_id").await;
    assert!(expected.len() > 50);
    assert_eq!(column(&rows, "id_kebutuhan"), expected);
    let (title, status): (String, String) =
        sqlx::query_as(&format!("select title, status from need where need_id = {}", expected[0]))
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((rows[1][1].as_str(), column(&rows, "status")[0].as_str()), (title.as_str(), status.as_str()));

    // Regency staff: their regency's needs only, whatever else there is.
    let rows = csv_rows(download(&app, &kukar, "/ekspor/kebutuhan.csv").await).await;
    let here =
        ids(&app, "select need_id from need where status <> 'draft' and village_code like '64.02.%' order by need_id")
            .await;
    assert!(!here.is_empty() && here.len() < expected.len());
    assert_eq!(column(&rows, "id_kebutuhan"), here);
    assert!(column(&rows, "kode_kabupaten").iter().all(|c| c == "64.02"));

    // Filters: a sector and a year, as on /statistik.
    let (sector, year): (String, String) = sqlx::query_as(
        "select sector, substr(submitted_at, 1, 4) from need where submitted_at is not null order by need_id limit 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let rows =
        csv_rows(download(&app, &province, &format!("/ekspor/kebutuhan.csv?sektor={sector}&tahun={year}")).await).await;
    let filtered = ids(
        &app,
        &format!(
            "select need_id from need where status <> 'draft' and sector = '{sector}' \
             and substr(submitted_at, 1, 4) = '{year}' order by need_id"
        ),
    )
    .await;
    assert_eq!(column(&rows, "id_kebutuhan"), filtered);

    // Cooperations, XLSX: the data sheet and the dictionary sheet.
    let sheets = xlsx_sheets(download(&app, &province, "/ekspor/kerja_sama.xlsx").await).await;
    assert_eq!(sheets.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["kerja_sama", "Kamus data"]);
    let data = &sheets[0].1;
    assert_eq!(data[0], names(Dataset::Cooperations));
    let agreements = ids(&app, "select agreement_id from agreement order by agreement_id").await;
    assert!(!agreements.is_empty());
    assert_eq!(column(data, "id_kerja_sama"), agreements);
    let dictionary = &sheets[1].1;
    assert_eq!(dictionary.len(), Dataset::Cooperations.columns().len() + 1);
    assert_eq!(dictionary[1..].iter().map(|r| r[0].clone()).collect::<Vec<_>>(), names(Dataset::Cooperations));

    // Villages, XLSX, regency staff: the regency's villages, each once.
    let sheets = xlsx_sheets(download(&app, &kukar, "/ekspor/desa.xlsx").await).await;
    let villages = &sheets[0].1;
    let count: i64 = sqlx::query_scalar("select count(*) from village where village_code like '64.02.%'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(villages.len() as i64 - 1, count);
    assert!(column(villages, "kode_kabupaten").iter().all(|c| c == "64.02"));

    // Every data set in both formats for province staff; the audit log has the log.
    for dataset in Dataset::ALL {
        let rows = csv_rows(download(&app, &province, &format!("/ekspor/{}.csv", dataset.as_str())).await).await;
        assert_eq!(rows[0], names(*dataset));
        let sheets = xlsx_sheets(download(&app, &province, &format!("/ekspor/{}.xlsx", dataset.as_str())).await).await;
        assert_eq!(sheets[0].1.len(), rows.len(), "{dataset:?}: as many rows in both formats");
    }
    let audit = csv_rows(download(&app, &province, "/ekspor/audit.csv").await).await;
    let logged: i64 = sqlx::query_scalar("select count(*) from audit_log").fetch_one(&app.pool).await.unwrap();
    assert_eq!(audit.len() as i64 - 1, logged);
}

async fn nobody_but_staff_exports_and_mistakes_are_told(backend: Backend) {
    let app = seeded(backend).await;
    app.add_user("operator@desa.id", Role::VillageOperator, Some("64.02.01.2001"), None, None).await;
    let kukar = app.signed_in("kukar@dpmd.id").await;
    let cases = [
        (app.client(), "/ekspor/kebutuhan.csv", 401),
        (app.client(), "/ekspor/desa.xlsx", 401),
        (app.signed_in("operator@desa.id").await, "/ekspor/kebutuhan.csv", 403),
        (kukar.clone(), "/ekspor/audit.xlsx", 403),
        (kukar.clone(), "/ekspor/kebutuhan.csv?kabupaten=64.01", 403),
        (kukar.clone(), "/ekspor/kebutuhan.csv?kabupaten=64.02", 200),
        (kukar.clone(), "/ekspor/jalan.csv", 404),
        (kukar.clone(), "/ekspor/kebutuhan.pdf", 404),
        (kukar.clone(), "/ekspor/kebutuhan.csv?tahun=20x6", 400),
        (kukar.clone(), "/ekspor/kebutuhan.csv?sektor=%3Cscript%3E", 400),
    ];
    for (client, path, status) in cases {
        let response = download(&app, &client, path).await;
        assert_eq!(response.status(), status, "{path}");
        assert_eq!(response.headers()["cache-control"], "private, no-store", "{path}");
        if status != 200 {
            let body = response.text().await.unwrap();
            assert!(body.contains("<h1>") && !body.contains("<script"), "{path}: {body}");
        }
    }
}

async fn the_data_dictionary_names_every_column(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let rows = csv_rows(app.get("/statistik/kamus-data.csv").await).await;
    assert_eq!(rows[0], ["data", "kolom", "tipe", "arti", "meaning", "nilai", "arti_nilai", "value_meaning"]);
    for dataset in Dataset::ALL {
        let listed: std::collections::BTreeSet<&str> =
            rows[1..].iter().filter(|r| r[0] == dataset.as_str()).map(|r| r[1].as_str()).collect();
        assert_eq!(listed.len(), dataset.columns().len(), "{dataset:?}");
    }
    let sectors = rows.iter().filter(|r| r[0] == "kebutuhan" && r[1] == "sektor").count();
    assert_eq!(sectors, app::domain::posting::Sector::ALL.len());
    let page = app.get("/statistik/kamus-data").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("<code>id_kebutuhan</code>") && html.contains("Kamus data"));
}

/// An export the page follows (`kemajuan=TOKEN`) counts its rows for the user who asked, and
/// for nobody else; unknown or malformed tokens are not found.
async fn an_export_tells_its_own_user_how_far_it_has_got(backend: Backend) {
    let app = seeded(backend).await;
    let province = app.signed_in("provinsi@dpmd.id").await;
    let kukar = app.signed_in("kukar@dpmd.id").await;
    let token = "a1b2c3d4e5f6a7b8c9d0e1f2";
    for format in ["xlsx", "csv"] {
        let path = format!("/ekspor/kebutuhan.{format}?kabupaten=64.02&kemajuan={token}-{format}");
        let rows = match format {
            "xlsx" => xlsx_sheets(download(&app, &kukar, &path).await).await[0].1.len() - 1,
            _ => csv_rows(download(&app, &kukar, &path).await).await.len() - 1,
        };
        assert!(rows > 0, "{format}");
        let progress = download(&app, &kukar, &format!("/ekspor/kemajuan/{token}-{format}")).await;
        assert_eq!(progress.status(), 200, "{format}");
        assert_eq!(progress.headers()["cache-control"], "private, no-store");
        assert_eq!(progress.text().await.unwrap(), format!("{rows} {rows} 1"), "{format}: every row, done");
        let other = download(&app, &province, &format!("/ekspor/kemajuan/{token}-{format}")).await;
        assert_eq!(other.status(), 404, "another user's export");
    }
    assert_eq!(download(&app, &app.client(), &format!("/ekspor/kemajuan/{token}-csv")).await.status(), 401);
    for unknown in ["b1b2c3d4e5f6a7b8c9d0e1f2", "short", "..%2F..%2Fetc%2Fpasswd%2F..%2F..%2F.."] {
        assert_eq!(download(&app, &kukar, &format!("/ekspor/kemajuan/{unknown}")).await.status(), 404, "{unknown}");
    }
}
