//! PPM / TJSL on SQLite and PostgreSQL: a company records its ring villages, the staff of
//! the village's regency confirm them (no other regency's staff can), the report and the
//! coverage agree with counts made here, and everyone else is refused with the right status.

mod common;

use app::domain::account::Role;
use common::{xlsx_sheets, Backend, TestApp};
use serde_json::Value;

on_both_databases!(
    a_company_records_its_rings_and_the_regency_confirms_them,
    only_the_company_and_staff_of_the_area_may_touch_its_rings,
    the_company_s_confirmed_ring_villages_get_the_matching_bonus,
    the_report_downloads_as_xlsx_for_whoever_may_read_it,
);

/// A seeded app with a verified company and a verified university, a member of each, and
/// staff of Kutai Kartanegara (64.02), Paser (64.01) and the province.
async fn seeded(backend: Backend) -> (TestApp, i64) {
    let app = TestApp::spawn(backend).await;
    let options = server::seed::SeedOptions { seed: 3, needs: 120, offers: 30, partners: 8, progress: false };
    server::seed::seed(&app.pool, &options).await.unwrap();
    let seeded: i64 = sqlx::query_scalar("select count(*) from operation_area").fetch_one(&app.pool).await.unwrap();
    assert!(seeded > 0, "the demo has operation areas");
    // These tests start from none.
    sqlx::query("delete from operation_area").execute(&app.pool).await.unwrap();
    let organisation = |kind: &'static str| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(&format!(
                "select organisation_id from organisation where kind = '{kind}' and status = 'verified' \
                 order by organisation_id limit 1"
            ))
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    let company = organisation("company").await;
    let university = organisation("university").await;
    app.add_user("csr@perusahaan.id", Role::PartnerMember, None, None, Some(company)).await;
    app.add_user("kkn@kampus.id", Role::PartnerMember, None, None, Some(university)).await;
    app.add_user("kukar@dpmd.id", Role::RegencyStaff, None, Some("64.02"), None).await;
    app.add_user("paser@dpmd.id", Role::RegencyStaff, None, Some("64.01"), None).await;
    app.add_user("provinsi@dpmd.id", Role::ProvinceStaff, None, None, None).await;
    app.add_user("operator@desa.id", Role::VillageOperator, Some("64.02.01.2001"), None, None).await;
    (app, company)
}

/// A village of the regency with the most published needs, for a report with something in it.
async fn busy_village(app: &TestApp, regency: &str) -> String {
    sqlx::query_scalar(&format!(
        "select village_code from need where status = 'published' and village_code like '{regency}.%' \
         group by village_code order by count(*) desc, village_code limit 1"
    ))
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

async fn json(response: reqwest::Response) -> Value {
    let status = response.status();
    let text = response.text().await.unwrap();
    serde_json::from_str(&text).unwrap_or_else(|_| panic!("{status}: {text}"))
}

async fn area_status(app: &TestApp, company: i64, village: &str) -> Option<String> {
    sqlx::query_scalar("select status from operation_area where organisation_id = $1 and village_code = $2")
        .bind(company)
        .bind(village)
        .fetch_optional(&app.pool)
        .await
        .unwrap()
}

async fn a_company_records_its_rings_and_the_regency_confirms_them(backend: Backend) {
    let (app, company) = seeded(backend).await;
    let member = app.signed_in("csr@perusahaan.id").await;
    let village = busy_village(&app, "64.02").await;
    let response =
        app.call(&member, "record_operation_area", &[("area[desa]", &village), ("area[ring]", "ring_1")]).await;
    assert!(response.status().is_redirection() || response.status().is_success(), "{}", response.status());
    assert_eq!(area_status(&app, company, &village).await.as_deref(), Some("proposed"));
    // The staff who may confirm it are told; others are not.
    let told = |email: &'static str| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "select count(*) from notification n join app_user u on u.user_id = n.user_id \
                 where u.email = $1 and n.kind = 'operation_area.proposed'",
            )
            .bind(email)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    assert_eq!((told("kukar@dpmd.id").await, told("provinsi@dpmd.id").await, told("paser@dpmd.id").await), (1, 1, 0));
    let public = json(app.call(&app.client(), "village_operations", &[("desa", &village)]).await).await;
    assert_eq!(public, serde_json::json!([]), "not on the village's page before staff confirm it");

    // Paser's staff cannot confirm a village of Kutai Kartanegara; its own staff can.
    let paser = app.signed_in("paser@dpmd.id").await;
    let form = [("mitra", company.to_string()), ("desa", village.clone())];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.call(&paser, "confirm_operation_area", &form).await.status(), 404);
    assert_eq!(area_status(&app, company, &village).await.as_deref(), Some("proposed"));
    let kukar = app.signed_in("kukar@dpmd.id").await;
    let pending = json(app.call(&kukar, "ppm_coverage", &[]).await).await;
    assert!(pending["pending"].as_array().unwrap().iter().any(|p| p["village_code"] == village.as_str()));
    let paser_pending = json(app.call(&paser, "ppm_coverage", &[]).await).await;
    assert!(paser_pending["pending"].as_array().unwrap().is_empty(), "another regency's proposals stay out of sight");
    let response = app.call(&kukar, "confirm_operation_area", &form).await;
    assert!(response.status().is_redirection() || response.status().is_success(), "{}", response.status());
    assert_eq!(area_status(&app, company, &village).await.as_deref(), Some("confirmed"));
    let public = json(app.call(&app.client(), "village_operations", &[("desa", &village)]).await).await;
    assert_eq!(public[0]["organisation_id"], company);
    assert_eq!(public[0]["ring"], "ring_1");

    // Province staff record a ring-2 village in Paser for the company: confirmed at once.
    let province = app.signed_in("provinsi@dpmd.id").await;
    let other = busy_village(&app, "64.01").await;
    let company_id = company.to_string();
    let staff_form = [("mitra", company_id.as_str()), ("area[desa]", other.as_str()), ("area[ring]", "ring_2")];
    let response = app.call(&province, "record_operation_area", &staff_form).await;
    assert!(response.status().is_redirection() || response.status().is_success(), "{}", response.status());
    assert_eq!(area_status(&app, company, &other).await.as_deref(), Some("confirmed"));

    // The report agrees with counts made here.
    let report = json(app.call(&member, "ppm_report", &[]).await).await;
    assert_eq!(report["organisation_id"], company);
    assert_eq!(report["can_record"], true);
    let villages = report["villages"].as_array().unwrap();
    assert_eq!(villages.len(), 2);
    for row in villages {
        let code = row["village_code"].as_str().unwrap();
        let open: i64 =
            sqlx::query_scalar("select count(*) from need where village_code = $1 and status = 'published'")
                .bind(code)
                .fetch_one(&app.pool)
                .await
                .unwrap();
        assert_eq!(row["open_needs"], open, "{code}");
        let served: i64 = sqlx::query_scalar(
            "select count(*) from agreement a join need_match m on m.need_match_id = a.need_match_id \
             join need n on n.need_id = m.need_id where n.village_code = $1 and m.organisation_id = $2 \
             and a.status in ('signed', 'active', 'completed')",
        )
        .bind(code)
        .bind(company)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        assert_eq!(row["cooperations"], served, "{code}");
    }
    assert_eq!(villages[0]["ring"], "ring_1", "ring 1 first");
    assert_eq!(villages[0]["can_confirm"], false, "members confirm nothing");

    // Coverage: Kutai Kartanegara's staff see the company's ring-1 village there.
    let coverage = json(app.call(&kukar, "ppm_coverage", &[]).await).await;
    let row = coverage["companies"].as_array().unwrap().iter().find(|c| c["organisation_id"] == company).unwrap();
    assert_eq!((row["ring_1"].as_i64(), row["ring_2"].as_i64()), (Some(1), Some(0)), "Paser's village is not theirs");
    let province_view = json(app.call(&province, "ppm_coverage", &[]).await).await;
    let row = province_view["companies"].as_array().unwrap().iter().find(|c| c["organisation_id"] == company).unwrap();
    assert_eq!((row["ring_1"].as_i64(), row["ring_2"].as_i64()), (Some(1), Some(1)));

    // The member takes the Paser village out again; every change is in the audit log.
    let response = app.call(&member, "remove_operation_area", &[("desa", &other)]).await;
    assert!(response.status().is_redirection() || response.status().is_success(), "{}", response.status());
    assert_eq!(area_status(&app, company, &other).await, None);
    let logged: i64 = sqlx::query_scalar("select count(*) from audit_log where entity_type = 'operation_area'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(logged, 4, "recorded, confirmed, recorded by staff, removed");
}

async fn only_the_company_and_staff_of_the_area_may_touch_its_rings(backend: Backend) {
    let (app, company) = seeded(backend).await;
    let village = busy_village(&app, "64.02").await;
    let paser_village = busy_village(&app, "64.01").await;
    let area = |desa: &str, ring: &str| {
        vec![("area[desa]".to_owned(), desa.to_owned()), ("area[ring]".to_owned(), ring.to_owned())]
    };
    let call = |client: reqwest::Client, endpoint: &'static str, form: Vec<(String, String)>| {
        let app = &app;
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.call(&client, endpoint, &form).await
        }
    };
    // Visitors, operators and a university's members: no.
    assert_eq!(call(app.client(), "record_operation_area", area(&village, "ring_1")).await.status(), 401);
    let operator = app.signed_in("operator@desa.id").await;
    assert_eq!(call(operator.clone(), "record_operation_area", area(&village, "ring_1")).await.status(), 403);
    assert_eq!(call(operator, "ppm_report", vec![("mitra".into(), company.to_string())]).await.status(), 403);
    let university = app.signed_in("kkn@kampus.id").await;
    assert_eq!(call(university, "record_operation_area", area(&village, "ring_1")).await.status(), 404);
    // Staff of one regency cannot record for another regency's village.
    let kukar = app.signed_in("kukar@dpmd.id").await;
    let mut form = area(&paser_village, "ring_1");
    form.push(("mitra".into(), company.to_string()));
    assert_eq!(call(kukar.clone(), "record_operation_area", form).await.status(), 403);
    assert_eq!(call(app.client(), "ppm_coverage", vec![]).await.status(), 401);
    // Mistakes are named, nothing is written.
    let member = app.signed_in("csr@perusahaan.id").await;
    for (desa, ring, field) in [
        ("abc", "ring_1", "desa"),
        ("64.02.99.9999", "ring_1", "desa"),
        ("", "ring_1", "desa"),
        (village.as_str(), "ring_3", "ring"),
    ] {
        let response = call(member.clone(), "record_operation_area", area(desa, ring)).await;
        assert_eq!(response.status(), 400, "{desa} {ring}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["errors"][0]["field"], field, "{desa} {ring}");
    }
    let rows: i64 = sqlx::query_scalar("select count(*) from operation_area").fetch_one(&app.pool).await.unwrap();
    assert_eq!(rows, 0);
    // Confirming what is not there, or removing another company's village: not found.
    let form = vec![("mitra".to_owned(), company.to_string()), ("desa".to_owned(), village.clone())];
    assert_eq!(call(kukar, "confirm_operation_area", form).await.status(), 404);
    assert_eq!(call(member, "remove_operation_area", vec![("desa".into(), village.clone())]).await.status(), 404);
}

/// Matching puts a company's own ring villages first: once staff confirm a village in its
/// ring 1, the company's offer scores higher for that village's need, by the documented
/// bonus, and says why; a removal takes the bonus away again.
async fn the_company_s_confirmed_ring_villages_get_the_matching_bonus(backend: Backend) {
    use app::domain::matching::score::{Factor, Weights};
    let (app, company) = seeded(backend).await;
    let (need_id, village, support_type, sector): (i64, String, String, String) = sqlx::query_as(
        "select need_id, village_code, support_type, sector from need where status = 'published' \
         and resource_kind is null order by need_id limit 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let member: i64 = sqlx::query_scalar("select user_id from app_user where email = 'csr@perusahaan.id'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let now = app::ssr::db::now();
    let offer_id: i64 = sqlx::query_scalar(
        "insert into offer (organisation_id, title, description, support_type, capacity, serves_province, status, \
                            created_by, created_at, updated_at, submitted_at, published_at) \
         values ($1, 'Program PPM desa lingkar tambang', 'Pendampingan usaha desa sekitar lokasi tambang.', $2, 5, 1, \
                 'published', $3, $4, $4, $4, $4) returning offer_id",
    )
    .bind(company)
    .bind(&support_type)
    .bind(member)
    .bind(&now)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    sqlx::query("insert into offer_sector (offer_id, sector) values ($1, $2)")
        .bind(offer_id)
        .bind(&sector)
        .execute(&app.pool)
        .await
        .unwrap();
    let weights = Weights::default();
    let score = || async {
        let index = app.state.matcher.fresh_index(&app.pool).await.unwrap();
        index.pair(need_id, offer_id, &weights).expect("the offer fits the need")
    };
    let plain = score().await;
    assert!(plain.factors.iter().all(|f| f.factor != Factor::Ring), "no bonus outside the rings");

    let province = app.signed_in("provinsi@dpmd.id").await;
    let company_id = company.to_string();
    let form = [("mitra", company_id.as_str()), ("area[desa]", village.as_str()), ("area[ring]", "ring_1")];
    let response = app.call(&province, "record_operation_area", &form).await;
    assert!(response.status().is_redirection() || response.status().is_success(), "{}", response.status());
    let ring_1 = score().await;
    let bonus = ring_1.factors.iter().find(|f| f.factor == Factor::Ring).expect("the ring is explained");
    assert_eq!(bonus.value, 1.0);
    let expected = (plain.total + weights.ring).min(1.0);
    assert!((ring_1.total - expected).abs() < 1e-9, "{} + {} != {}", plain.total, weights.ring, ring_1.total);

    let form = [("mitra", company_id.as_str()), ("desa", village.as_str())];
    let response = app.call(&province, "remove_operation_area", &form).await;
    assert!(response.status().is_redirection() || response.status().is_success(), "{}", response.status());
    assert_eq!(score().await, plain, "removed: the bonus is gone");
}

/// The report as XLSX: its three sheets hold the page's villages, cooperations and villages
/// not served; the company's member and staff get it, nobody else.
async fn the_report_downloads_as_xlsx_for_whoever_may_read_it(backend: Backend) {
    let (app, company) = seeded(backend).await;
    let member = app.signed_in("csr@perusahaan.id").await;
    let proposed = busy_village(&app, "64.02").await;
    let response =
        app.call(&member, "record_operation_area", &[("area[desa]", &proposed), ("area[ring]", "ring_1")]).await;
    assert!(response.status().is_redirection() || response.status().is_success(), "{}", response.status());
    let province = app.signed_in("provinsi@dpmd.id").await;
    let company_id = company.to_string();
    let confirmed = busy_village(&app, "64.01").await;
    let form = [("mitra", company_id.as_str()), ("area[desa]", confirmed.as_str()), ("area[ring]", "ring_2")];
    let response = app.call(&province, "record_operation_area", &form).await;
    assert!(response.status().is_redirection() || response.status().is_success(), "{}", response.status());
    let report = json(app.call(&member, "ppm_report", &[]).await).await;

    let download = |client: reqwest::Client, query: &str| {
        let url = app.url(&format!("/ekspor/laporan-ppm.xlsx{query}"));
        async move { client.get(url).send().await.unwrap() }
    };
    let response = download(member.clone(), "").await;
    let disposition = response.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.contains(&format!("mitra-desa-laporan-ppm-{company}-")), "{disposition}");
    let sheets = xlsx_sheets(response).await;
    let names: Vec<&str> = sheets.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["Desa wilayah operasi", "Kerja sama", "Belum dilayani"]);
    let villages: Vec<&str> = sheets[0].1[1..].iter().map(|row| row[0].as_str()).collect();
    let expected: Vec<&str> =
        report["villages"].as_array().unwrap().iter().map(|v| v["village_code"].as_str().unwrap()).collect();
    assert_eq!(villages, expected);
    assert_eq!(sheets[1].1.len() - 1, report["cooperations"].as_array().unwrap().len());
    let not_served: Vec<&str> = sheets[2].1[1..].iter().map(|row| row[0].as_str()).collect();
    let expected: Vec<&str> = report["villages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["status"] == "confirmed" && v["cooperations"] == 0)
        .map(|v| v["village_code"].as_str().unwrap())
        .collect();
    assert_eq!(not_served, expected, "the proposed village is not counted yet");
    assert!(!not_served.contains(&proposed.as_str()));

    // Staff name the company; the same rows.
    let staff_query = format!("?mitra={company}");
    let by_staff = xlsx_sheets(download(province.clone(), &staff_query).await).await;
    assert_eq!(by_staff[0].1[1..], sheets[0].1[1..]);
    // Nobody else; mistakes are told.
    assert_eq!(download(app.client(), &staff_query).await.status(), 401);
    let operator = app.signed_in("operator@desa.id").await;
    assert_eq!(download(operator, &staff_query).await.status(), 403);
    let university = app.signed_in("kkn@kampus.id").await;
    assert_eq!(download(university, "").await.status(), 404);
    assert_eq!(download(province.clone(), "?mitra=abc").await.status(), 400);
    assert_eq!(download(province, "").await.status(), 403, "staff name the company");
}
