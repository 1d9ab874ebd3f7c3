//! The public read API `/api/v1/…` on SQLite and PostgreSQL: published data only, never
//! contact data, bad parameters named in a 400, and a generated OpenAPI document.

mod common;

use common::{Backend, TestApp};
use serde_json::Value;

on_both_databases!(
    the_region_registry_as_a_tree_and_flat,
    needs_match_the_published_ones_with_the_same_filters_as_the_page,
    offers_and_partners_are_public_only_once_verified_and_published,
    bad_parameters_are_named,
    the_openapi_document_lists_every_endpoint,
    the_pages_server_functions_show_the_same_public_data,
    the_partner_directory_is_paged,
);

async fn seeded(backend: Backend) -> TestApp {
    let app = TestApp::spawn(backend).await;
    let options = server::seed::SeedOptions { seed: 5, needs: 120, offers: 60, partners: 10, progress: false };
    server::seed::seed(&app.pool, &options).await.unwrap();
    app
}

async fn get(app: &TestApp, path: &str) -> (u16, String) {
    let response = app.get(path).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn json(app: &TestApp, path: &str) -> Value {
    let (status, body) = get(app, path).await;
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

/// Every contact value stored anywhere; none may appear in a public answer.
async fn contacts(app: &TestApp) -> Vec<String> {
    let mut out: Vec<String> = sqlx::query_scalar(
        "select contact_phone from organisation where contact_phone is not null \
         union select contact_email from organisation where contact_email is not null \
         union select contact_phone from village_profile where contact_phone is not null",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    out.extend(sqlx::query_scalar::<_, String>("select email from app_user").fetch_all(&app.pool).await.unwrap());
    assert!(!out.is_empty());
    out
}

fn assert_no_contacts(body: &str, contacts: &[String]) {
    for contact in contacts {
        assert!(!body.contains(contact.as_str()), "contact data leaked: {contact}");
    }
    assert!(!body.contains("contact"), "no contact field");
}

async fn the_region_registry_as_a_tree_and_flat(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let tree = json(&app, "/api/v1/regions").await;
    let regencies = tree.as_array().unwrap();
    assert_eq!(regencies.len(), 10);
    let districts: Vec<&Value> = regencies.iter().flat_map(|r| r["children"].as_array().unwrap()).collect();
    assert_eq!(districts.len(), 105);
    let villages: usize = districts.iter().map(|d| d["children"].as_array().unwrap().len()).sum();
    assert_eq!(villages, 1038);
    for district in &districts {
        for village in district["children"].as_array().unwrap() {
            assert!(village["code"].as_str().unwrap().starts_with(district["code"].as_str().unwrap()));
        }
    }
    let flat = json(&app, "/api/v1/regions?level=village").await;
    assert_eq!(flat.as_array().unwrap().len(), 1038);
    let desa = flat.as_array().unwrap().iter().filter(|v| v["kind"] == "desa").count();
    assert_eq!(desa, 841);
    assert_eq!(json(&app, "/api/v1/regions?level=district").await.as_array().unwrap().len(), 105);

    let kukar = json(&app, "/api/v1/villages?regency=64.02").await;
    let kukar = kukar.as_array().unwrap();
    assert!(!kukar.is_empty());
    assert!(kukar.iter().all(|v| v["code"].as_str().unwrap().starts_with("64.02.")));
    let district = kukar[0]["parent"].as_str().unwrap().to_owned();
    let one = json(&app, &format!("/api/v1/villages?district={district}")).await;
    assert!(one.as_array().unwrap().iter().all(|v| v["parent"] == district.as_str()));
}

async fn needs_match_the_published_ones_with_the_same_filters_as_the_page(backend: Backend) {
    let app = seeded(backend).await;
    let contacts = contacts(&app).await;
    let (status, body) = get(&app, "/api/v1/needs").await;
    assert_eq!(status, 200);
    assert_no_contacts(&body, &contacts);
    let all: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        all["total"].as_i64().unwrap(),
        count(&app, "select count(*) from need where status = 'published'").await
    );

    let filtered = json(&app, "/api/v1/needs?kabupaten=64.02&dukungan=training&halaman=1").await;
    let expected = count(
        &app,
        "select count(*) from need where status = 'published' and village_code like '64.02.%' \
         and support_type = 'training'",
    )
    .await;
    assert_eq!(filtered["total"].as_i64().unwrap(), expected);

    let first = all["items"][0]["need_id"].as_i64().unwrap();
    let (status, body) = get(&app, &format!("/api/v1/needs/{first}")).await;
    assert_eq!(status, 200);
    assert_no_contacts(&body, &contacts);
    let need: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(need["need_id"], first);
    assert!(need["description"].as_str().unwrap().len() > 20);

    let draft = count(&app, "select min(need_id) from need where status in ('draft', 'submitted', 'returned')").await;
    let (status, body) = get(&app, &format!("/api/v1/needs/{draft}")).await;
    assert_eq!((status, body.contains("not_found")), (404, true));
}

async fn offers_and_partners_are_public_only_once_verified_and_published(backend: Backend) {
    let app = seeded(backend).await;
    let contacts = contacts(&app).await;
    let (status, body) = get(&app, "/api/v1/offers").await;
    assert_eq!(status, 200);
    assert_no_contacts(&body, &contacts);
    let offers: Value = serde_json::from_str(&body).unwrap();
    let public = count(
        &app,
        "select count(*) from offer o join organisation g on g.organisation_id = o.organisation_id \
         where o.status = 'published' and g.status = 'verified'",
    )
    .await;
    assert!(public > 0);
    assert_eq!(offers["total"].as_i64().unwrap(), public);
    for offer in offers["items"].as_array().unwrap() {
        assert!(!offer["sectors"].as_array().unwrap().is_empty());
        assert!(offer["serves_province"] == true || !offer["regencies"].as_array().unwrap().is_empty());
    }
    // Served regencies: an offer for the whole province matches every regency.
    let berau = json(&app, "/api/v1/offers?kabupaten=64.03").await;
    for offer in berau["items"].as_array().unwrap() {
        let regencies: Vec<&str> = offer["regencies"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
        assert!(offer["serves_province"] == true || regencies.iter().any(|r| r.contains("Berau")), "{offer}");
    }

    // An offer that is not public, and a published offer of an organisation that is not verified.
    let hidden = count(&app, "select min(offer_id) from offer where status <> 'published'").await;
    assert_eq!(get(&app, &format!("/api/v1/offers/{hidden}")).await.0, 404);
    let published = offers["items"][0]["offer_id"].as_i64().unwrap();
    let organisation = offers["items"][0]["organisation_id"].as_i64().unwrap();
    assert_eq!(get(&app, &format!("/api/v1/offers/{published}")).await.0, 200);
    assert_eq!(get(&app, &format!("/api/v1/partners/{organisation}")).await.0, 200);
    sqlx::query("update organisation set status = 'suspended' where organisation_id = $1")
        .bind(organisation)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(get(&app, &format!("/api/v1/offers/{published}")).await.0, 404);
    assert_eq!(get(&app, &format!("/api/v1/partners/{organisation}")).await.0, 404);

    let (status, body) = get(&app, "/api/v1/partners").await;
    assert_eq!(status, 200);
    assert_no_contacts(&body, &contacts);
    let partners: Value = serde_json::from_str(&body).unwrap();
    let verified = count(&app, "select count(*) from organisation where status = 'verified'").await;
    assert_eq!(partners["total"].as_i64().unwrap(), verified);
    assert_eq!(partners["items"].as_array().unwrap().len() as i64, verified.min(20));
    let pending = count(&app, "select min(organisation_id) from organisation where status = 'pending'").await;
    assert_eq!(get(&app, &format!("/api/v1/partners/{pending}")).await.0, 404);
}

/// `/api/v1/partners` is paged like every other list: 20 a page, `halaman`, `total`.
async fn the_partner_directory_is_paged(backend: Backend) {
    let app = TestApp::spawn_empty(backend).await;
    for n in 0..25 {
        sqlx::query(
            "insert into organisation (name, kind, status, serves_province, created_at, updated_at) \
             values ($1, 'ngo', 'verified', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
        )
        .bind(format!("Yayasan {n:02}"))
        .execute(&app.pool)
        .await
        .unwrap();
    }
    let first = json(&app, "/api/v1/partners").await;
    assert_eq!(
        (first["total"].as_i64(), first["page"].as_i64(), first["pages"].as_i64()),
        (Some(25), Some(1), Some(2))
    );
    assert_eq!(first["items"].as_array().unwrap().len(), 20);
    assert_eq!(first["items"][0]["name"], "Yayasan 00");
    let second = json(&app, "/api/v1/partners?halaman=2").await;
    let names: Vec<&str> = second["items"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Yayasan 20", "Yayasan 21", "Yayasan 22", "Yayasan 23", "Yayasan 24"]);
    let (status, body) = get(&app, "/api/v1/partners?halaman=0").await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("halaman"), "{body}");
    // The directory page follows the same pages.
    let page = app.get("/mitra?halaman=2").await.text().await.unwrap();
    assert!(page.contains("Yayasan 24") && !page.contains("Yayasan 03"));
}

async fn bad_parameters_are_named(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let cases = [
        ("/api/v1/needs?kabupaten=64.02.01", "kabupaten", "invalid_choice"),
        ("/api/v1/needs?sektor=%3Cscript%3E", "sektor", "invalid_choice"),
        ("/api/v1/needs?halaman=-1", "halaman", "invalid_choice"),
        ("/api/v1/offers?dukungan=uang", "dukungan", "invalid_choice"),
        ("/api/v1/regions?level=planet", "level", "invalid_choice"),
        ("/api/v1/villages?regency=64.02.01", "regency", "invalid_choice"),
        ("/api/v1/villages?district=64.02", "district", "invalid_choice"),
        ("/api/v1/needs/abc", "id", "invalid_number"),
        ("/api/v1/offers/-4", "id", "invalid_number"),
        ("/api/v1/partners/1%3B%20drop%20table%20organisation", "id", "invalid_number"),
    ];
    for (path, parameter, problem) in cases {
        let (status, body) = get(&app, path).await;
        assert_eq!(status, 400, "{path}: {body}");
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["error"], "invalid_parameter", "{path}");
        assert_eq!(body["errors"][0]["parameter"], parameter, "{path}");
        assert_eq!(body["errors"][0]["problem"], problem, "{path}");
        assert!(!body["errors"][0]["message"].as_str().unwrap().is_empty());
    }
    assert_eq!(get(&app, "/api/v1/needs/999999").await.0, 404);
    // Bytes that are not UTF-8 are read as replacement characters: no words, no error.
    assert_eq!(get(&app, "/api/v1/needs?q=%FF%FE").await.0, 200);
}

async fn the_openapi_document_lists_every_endpoint(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let doc = json(&app, "/api/v1/openapi.json").await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/api/v1/regions",
        "/api/v1/villages",
        "/api/v1/needs",
        "/api/v1/needs/{id}",
        "/api/v1/offers",
        "/api/v1/offers/{id}",
        "/api/v1/partners",
        "/api/v1/partners/{id}",
        "/api/v1/agreements",
        "/api/v1/agreements/{id}",
        "/api/v1/statistics",
    ] {
        assert!(paths.contains_key(path), "{path} missing");
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    assert!(
        ["Statistics", "FunnelCount", "AreaFigures"].iter().all(|s| schemas.contains_key(*s)),
        "statistics' schemas"
    );
    let parameters: Vec<&str> = paths["/api/v1/needs"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(parameters.contains(&"q") && parameters.contains(&"kabupaten") && parameters.contains(&"halaman"));
    let (status, html) = get(&app, "/api/v1").await;
    assert_eq!(status, 200);
    assert!(html.contains("GET /api/v1/needs/{id}") && html.contains("openapi.json"));
    // The page's own words follow the language, Indonesian by default.
    assert!(html.contains("lang=\"id\"") && html.contains("API publik Mitra Desa"), "{html}");
    let english = app.client().get(app.url("/api/v1")).header("cookie", "i18n_pref_locale=en").send().await.unwrap();
    let english = english.text().await.unwrap();
    assert!(english.contains("lang=\"en\"") && english.contains("Mitra Desa public API"));
}

/// `/penawaran` and `/mitra` read through server functions: same rules as the API.
async fn the_pages_server_functions_show_the_same_public_data(backend: Backend) {
    let app = seeded(backend).await;
    let contacts = contacts(&app).await;
    let visitor = app.client();
    let form = [
        ("query[kabupaten]", ""),
        ("query[sektor]", ""),
        ("query[dukungan]", ""),
        ("query[urut]", ""),
        ("query[halaman]", ""),
    ];
    let response = app.call(&visitor, "offers", &form).await;
    assert_eq!(response.status(), 200);
    let body = response.text().await.unwrap();
    assert_no_contacts(&body, &contacts);
    let api = json(&app, "/api/v1/offers").await;
    let page: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(page["total"], api["total"]);

    let response = app.call(&visitor, "partners", &[]).await;
    let body = response.text().await.unwrap();
    assert_no_contacts(&body, &contacts);
    let partner =
        serde_json::from_str::<Value>(&body).unwrap()["items"][0]["organisation_id"].as_i64().unwrap().to_string();
    let response = app.call(&visitor, "partner", &[("organisation_id", &partner)]).await;
    assert_eq!(response.status(), 200);
    assert_no_contacts(&response.text().await.unwrap(), &contacts);

    let pending =
        count(&app, "select min(organisation_id) from organisation where status = 'pending'").await.to_string();
    assert_eq!(app.call(&visitor, "partner", &[("organisation_id", &pending)]).await.status(), 404);
    let hidden = count(&app, "select min(offer_id) from offer where status <> 'published'").await.to_string();
    assert_eq!(app.call(&visitor, "offer_detail", &[("offer_id", &hidden)]).await.status(), 404);
    let html = app.get("/penawaran?kabupaten=64.03").await.text().await.unwrap();
    assert!(html.contains("Penawaran mitra") && html.contains(r#"<option value="64.03" selected"#));
    assert_no_contacts(&html, &contacts);
    let html = app.get(&format!("/mitra/{partner}")).await.text().await.unwrap();
    assert_no_contacts(&html, &contacts);
}
