//! Browsing published needs (`/api/needs`, `/peluang`), on SQLite and PostgreSQL.

mod common;

use common::{Backend, TestApp};
use serde_json::Value;

on_both_databases!(
    only_published_needs_are_listed_without_private_data,
    filters_and_pages_narrow_the_list,
    bad_filters_name_their_parameter,
    the_page_renders_the_filtered_view_from_its_url,
    words_find_needs_with_the_full_text_engine,
    visitors_get_kept_pages_until_a_need_changes,
    a_forged_host_never_reaches_a_shared_link,
    village_profile_changes_reach_kept_results,
    shared_links_carry_only_the_chosen_filters,
    pages_for_the_islands_router_are_kept_apart,
    every_page_has_the_same_head_tags,
);

async fn seeded(backend: Backend) -> TestApp {
    let app = TestApp::spawn(backend).await;
    let options = server::seed::SeedOptions { seed: 11, needs: 120, offers: 10, partners: 4, progress: false };
    server::seed::seed(&app.pool, &options).await.unwrap();
    app
}

/// Calls the server function as the page does: every parameter present, most empty.
async fn search(app: &TestApp, given: &[(&str, &str)]) -> reqwest::Response {
    let form: Vec<(String, &str)> =
        ["q", "kabupaten", "kecamatan", "sektor", "dukungan", "status_desa", "terbuka", "urut", "halaman"]
            .iter()
            .map(|key| (format!("query[{key}]"), given.iter().find(|(k, _)| k == key).map(|(_, v)| *v).unwrap_or("")))
            .collect();
    app.client().post(app.url("/api/needs")).form(&form).send().await.unwrap()
}

async fn only_published_needs_are_listed_without_private_data(backend: Backend) {
    let app = seeded(backend).await;
    let published: i64 =
        sqlx::query_scalar("select count(*) from need where status = 'published'").fetch_one(&app.pool).await.unwrap();
    let response = search(&app, &[]).await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["total"].as_i64().unwrap(), published);
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), published.min(20) as usize);
    for item in items {
        let status: String = sqlx::query_scalar("select status from need where need_id = $1")
            .bind(item["need_id"].as_i64().unwrap())
            .fetch_one(&app.pool)
            .await
            .unwrap();
        assert_eq!(status, "published");
    }
    // Contact persons and phone numbers of village profiles never appear.
    let contacts: Vec<String> =
        sqlx::query_scalar("select contact_phone from village_profile where contact_phone is not null")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert!(!contacts.is_empty());
    for phone in contacts {
        assert!(!text.contains(&phone), "a contact phone leaked");
    }
    assert!(!text.contains("contact"));
}

async fn filters_and_pages_narrow_the_list(backend: Backend) {
    let app = seeded(backend).await;
    let body: Value = search(&app, &[("kabupaten", "64.02"), ("dukungan", "training")]).await.json().await.unwrap();
    let expected: i64 = sqlx::query_scalar(
        "select count(*) from need n join village v on v.village_code = n.village_code \
         where n.status = 'published' and v.village_code like '64.02.%' and n.support_type = 'training'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(body["total"].as_i64().unwrap(), expected);
    for item in body["items"].as_array().unwrap() {
        assert!(item["village_code"].as_str().unwrap().starts_with("64.02."));
        assert_eq!(item["support_type"], "training");
        assert_eq!(item["regency_name"], "Kutai Kartanegara");
    }

    let first: Value = search(&app, &[]).await.json().await.unwrap();
    let second: Value = search(&app, &[("halaman", "2")]).await.json().await.unwrap();
    assert_eq!(second["page"], 2);
    let ids =
        |v: &Value| v["items"].as_array().unwrap().iter().map(|i| i["need_id"].as_i64().unwrap()).collect::<Vec<_>>();
    let (a, b) = (ids(&first), ids(&second));
    assert!(!b.is_empty() && a.iter().all(|id| !b.contains(id)), "pages do not overlap");

    let closing: Value = search(&app, &[("urut", "segera")]).await.json().await.unwrap();
    let ends: Vec<&str> =
        closing["items"].as_array().unwrap().iter().filter_map(|i| i["window_end"].as_str()).collect();
    let mut sorted = ends.clone();
    sorted.sort();
    assert_eq!(ends, sorted, "closing soon first");
}

async fn bad_filters_name_their_parameter(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for (param, value) in
        [("kabupaten", "64.02.01"), ("sektor", "<script>"), ("dukungan", "uang"), ("urut", "acak"), ("halaman", "-3")]
    {
        let response = search(&app, &[(param, value)]).await;
        assert_eq!(response.status(), 400, "{param}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["errors"][0]["field"], param);
        assert_eq!(body["errors"][0]["problem"], "invalid_choice");
    }
}

async fn the_page_renders_the_filtered_view_from_its_url(backend: Backend) {
    let app = seeded(backend).await;
    let html = app.get("/peluang?kabupaten=64.02&urut=segera").await.text().await.unwrap();
    assert!(html.contains("Peluang kerja sama"));
    assert!(html.contains(r#"<option value="64.02" selected"#), "the regency filter is selected");
    let expected: i64 = sqlx::query_scalar(
        "select count(*) from need n where n.status = 'published' and n.village_code like '64.02.%'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(html.contains(&format!("{expected} kebutuhan")), "count shown");
    let bad = app.get("/peluang?kabupaten=xx").await.text().await.unwrap();
    assert!(bad.contains("alert"), "a bad link shows a message, not a crash");
}

/// Sets the text of one published need of 64.02 and returns its id and village.
async fn retitle(app: &TestApp, title: &str, description: &str) -> (i64, String) {
    let (need_id, village): (i64, String) = sqlx::query_as(
        "select need_id, village_code from need where status = 'published' and village_code like '64.02.%' \
         order by need_id limit 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    // Like every write of the app, it sets updated_at (the search cache relies on it).
    sqlx::query(
        "update need set title = $1, description = $2, updated_at = '2999-01-01T00:00:00.001Z' where need_id = $3",
    )
    .bind(title)
    .bind(description)
    .bind(need_id)
    .execute(&app.pool)
    .await
    .unwrap();
    (need_id, village)
}

async fn words_find_needs_with_the_full_text_engine(backend: Backend) {
    let app = seeded(backend).await;
    let (need_id, village) = retitle(
        &app,
        "Pelatihan kerajinan kayu ulin",
        "Pengrajin Ulinwood di desa kami membutuhkan pendampingan pemasaran daring dan pelatihan finishing.",
    )
    .await;
    let ids =
        |v: &Value| v["items"].as_array().unwrap().iter().map(|i| i["need_id"].as_i64().unwrap()).collect::<Vec<_>>();

    // A word of the description, in any case, as a whole word or a prefix.
    for words in ["ulinwood", "ULINWOOD", "ulinw", "pemasaran ulinwood", "Ulinwood, finishing!"] {
        let body: Value = search(&app, &[("q", words)]).await.json().await.unwrap();
        assert_eq!(ids(&body), [need_id], "{words}");
        assert_eq!(body["total"], 1);
    }
    // With filters: the right ones keep it, a wrong one drops it.
    let district = &village[..8];
    let body: Value =
        search(&app, &[("q", "ulinwood"), ("kabupaten", "64.02"), ("kecamatan", district)]).await.json().await.unwrap();
    assert_eq!(ids(&body), [need_id]);
    let body: Value = search(&app, &[("q", "ulinwood"), ("kabupaten", "64.03")]).await.json().await.unwrap();
    assert!(ids(&body).is_empty());
    // All words must occur.
    let body: Value = search(&app, &[("q", "ulinwood tambak")]).await.json().await.unwrap();
    assert!(ids(&body).is_empty());

    // Title matches rank first.
    let (other, _) = retitle_another(&app, need_id).await;
    let body: Value = search(&app, &[("q", "ulin")]).await.json().await.unwrap();
    let found = ids(&body);
    assert!(found.contains(&other) && found.contains(&need_id), "{found:?}");
    assert_eq!(found[0], need_id, "the title match ranks first");

    // Search syntax of either engine is just text, never an error.
    for odd in ["\"a\" OR b* NEAR(c", "-- ; drop table need", "* : & | !", "ulin'"] {
        let response = search(&app, &[("q", odd)]).await;
        assert_eq!(response.status(), 200, "{odd}");
    }
    let too_long = "kata ".repeat(30);
    assert_eq!(search(&app, &[("q", &too_long)]).await.status(), 400);

    // Drafts are never found.
    sqlx::query("update need set status = 'draft', updated_at = '2999-01-01T00:00:00.003Z' where need_id = $1")
        .bind(need_id)
        .execute(&app.pool)
        .await
        .unwrap();
    let body: Value = search(&app, &[("q", "ulinwood")]).await.json().await.unwrap();
    assert!(ids(&body).is_empty());

    // The page shows the same, from its URL.
    let html = app.get("/peluang?q=ulin").await.text().await.unwrap();
    assert!(html.contains(r#"value="ulin""#), "the words stay in the search box");
}

/// Another published need that mentions "ulin" only in its description.
async fn retitle_another(app: &TestApp, not: i64) -> (i64, String) {
    let (need_id, village): (i64, String) = sqlx::query_as(
        "select need_id, village_code from need where status = 'published' and need_id <> $1 order by need_id limit 1",
    )
    .bind(not)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    sqlx::query(
        "update need set title = $1, description = $2, updated_at = '2999-01-01T00:00:00.002Z' where need_id = $3",
    )
    .bind("Pengadaan alat tenun")
    .bind("Kelompok penenun membutuhkan alat tenun; bahan kayu ulin tersedia di desa.")
    .bind(need_id)
    .execute(&app.pool)
    .await
    .unwrap();
    (need_id, village)
}

/// A page's text with its Content-Security-Policy nonce taken out.
async fn without_nonce(response: reqwest::Response) -> String {
    let policy = response.headers().get("content-security-policy").unwrap().to_str().unwrap().to_owned();
    let nonce = app::wire::content_policy::nonce_of(&policy).unwrap().to_owned();
    response.text().await.unwrap().replace(&nonce, "NONCE")
}

async fn visitors_get_kept_pages_until_a_need_changes(backend: Backend) {
    let app = seeded(backend).await;
    let cache_of =
        |response: &reqwest::Response| response.headers().get("x-page-cache").map(|v| v.to_str().unwrap().to_owned());
    let path = "/peluang?kabupaten=64.02&urut=terbaru";
    let first = app.get(path).await;
    assert_eq!(cache_of(&first).as_deref(), Some("miss"));
    let first = without_nonce(first).await;
    let second = app.get(path).await;
    assert_eq!(cache_of(&second).as_deref(), Some("hit"));
    assert_eq!(without_nonce(second).await, first, "the same page (each response has a nonce of its own)");
    // Another language is another page.
    let english = app.client().get(app.url(path)).header("cookie", "i18n_pref_locale=en").send().await.unwrap();
    assert_eq!(cache_of(&english).as_deref(), Some("miss"));
    // A signed-in user (any other cookie) is never served from or into the cache.
    let signed = app.client().get(app.url(path)).header("cookie", "mitra_desa_session=abc").send().await.unwrap();
    assert_eq!(cache_of(&signed), None);

    // A need changes: the next visitor gets a fresh page showing it.
    let need_id: i64 = sqlx::query_scalar(
        "select n.need_id from need n where n.status = 'published' and n.village_code like '64.02.%' \
         order by n.need_id limit 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    sqlx::query("update need set title = 'Judul yang baru saja diubah', updated_at = '2999-01-01T00:00:00.000Z' where need_id = $1")
        .bind(need_id)
        .execute(&app.pool)
        .await
        .unwrap();
    let after = app.get(&format!("/peluang/{need_id}")).await;
    assert_eq!(cache_of(&after).as_deref(), Some("miss"));
    assert!(after.text().await.unwrap().contains("Judul yang baru saja diubah"));
    let list = app.get(path).await;
    assert_eq!(cache_of(&list).as_deref(), Some("miss"), "the stamp changed");
}

/// Defect: with `PUBLIC_URL` unset, need pages built `og:url` and the WhatsApp link from
/// the request's Host header, and the page cache kept that page for every later visitor.
/// Links come from configuration (default: the listening address).
async fn a_forged_host_never_reaches_a_shared_link(backend: Backend) {
    let app = seeded(backend).await;
    let need_id: i64 = sqlx::query_scalar("select min(need_id) from need where status = 'published'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let path = format!("/peluang/{need_id}");
    let forged = app.client().get(app.url(&path)).header("host", "evil.example").send().await.unwrap();
    assert_eq!(forged.status(), 200);
    let page = forged.text().await.unwrap();
    assert!(!page.contains("evil.example"), "the forged host is not echoed");
    let port = app.base.rsplit(':').next().unwrap();
    let configured = format!("http://localhost:{port}{path}");
    assert!(page.contains(&format!("content=\"{configured}\"")), "og:url is the configured address");
    // The next visitor gets the kept page: the same, configured links.
    let next = app.get(&path).await;
    assert_eq!(next.headers().get("x-page-cache").unwrap(), "hit");
    let page = next.text().await.unwrap();
    assert!(!page.contains("evil.example") && page.contains(&configured));
}

/// Defect: the search and page caches were stamped with the needs' latest change only, but
/// the village-status filter reads village profiles. Every input of a kept result moves
/// its stamp; a profile edit no longer rewrites the needs' own dates to do it.
async fn village_profile_changes_reach_kept_results(backend: Backend) {
    let app = seeded(backend).await;
    let (village, need_id): (String, i64) = sqlx::query_as(
        "select n.village_code, n.need_id from need n left join village_profile p on p.village_code = n.village_code \
         where n.status = 'published' and (p.development_status is null or p.development_status <> 'mandiri') \
         order by n.need_id limit 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    async fn mandiri(app: &TestApp) -> Vec<i64> {
        let page: Value = app.get("/api/v1/needs?status_desa=mandiri").await.json().await.unwrap();
        page["items"].as_array().unwrap().iter().map(|n| n["need_id"].as_i64().unwrap()).collect()
    }
    async fn page_has(app: &TestApp) -> String {
        app.get("/peluang?status_desa=mandiri&urut=terbaru").await.text().await.unwrap()
    }
    let before = mandiri(&app).await;
    let page_before = page_has(&app).await;
    assert!(!before.contains(&need_id));
    let updated_before: String = sqlx::query_scalar("select updated_at from need where need_id = $1")
        .bind(need_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    // Another writer (an instance, an import) changes the village's status.
    sqlx::query(
        "insert into village_profile (village_code, development_status, created_at, updated_at) \
         values ($1, 'mandiri', '2999-01-01T00:00:00.000Z', '2999-01-01T00:00:00.000Z') \
         on conflict (village_code) do update set development_status = 'mandiri', updated_at = excluded.updated_at",
    )
    .bind(&village)
    .execute(&app.pool)
    .await
    .unwrap();
    assert!(mandiri(&app).await.contains(&need_id), "the kept search result moved");
    let title: String = sqlx::query_scalar("select title from need where need_id = $1")
        .bind(need_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let page_after = page_has(&app).await;
    assert_ne!(page_before, page_after, "the kept page moved");
    assert!(page_after.contains(&title.replace('&', "&amp;")) || page_after.contains(&format!("/peluang/{need_id}")));
    // Through the operator's own form too, and the needs keep their dates.
    app.add_user("operator@desa.id", app::domain::account::Role::VillageOperator, Some(&village), None, None).await;
    let operator = app.signed_in("operator@desa.id").await;
    let profile = [("profile[development_status]", "maju"), ("profile[status_year]", "2025")];
    let saved = app.call(&operator, "save_village_profile", &profile).await;
    assert!(saved.status().is_success() || saved.status().is_redirection(), "{}", saved.status());
    assert!(!mandiri(&app).await.contains(&need_id));
    let updated_after: String = sqlx::query_scalar("select updated_at from need where need_id = $1")
        .bind(need_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(updated_after, updated_before, "a profile edit is not a change of the village's needs");
}

/// Defect: the link of the filter form carried every empty parameter and a stray `&=`. The
/// server sends such a query to the same one without them (a form sent without JavaScript),
/// and the form drops them itself with JavaScript (the Playwright test checks that side).
async fn shared_links_carry_only_the_chosen_filters(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for (sent, clean) in [
        ("/peluang?q=air&kabupaten=&kecamatan=&sektor=&dukungan=&status_desa=&urut=&=", "/peluang?q=air"),
        ("/penawaran?q=&kabupaten=64.02&sektor=", "/penawaran?kabupaten=64.02"),
        ("/peluang?q=&urut=", "/peluang"),
    ] {
        let response = app.get(sent).await;
        assert_eq!(response.status(), 303, "{sent}");
        assert_eq!(response.headers().get("location").unwrap(), clean, "{sent}");
    }
    let kept = app.get("/peluang?q=air&kabupaten=64.02").await;
    assert_eq!(kept.status(), 200, "a clean query is served as it is");
}

/// The islands router's requests (client-side navigations, which Leptos may answer without
/// the scripts a first page loads) are kept apart from first loads, by the page cache and,
/// through `Vary`, by any other cache.
async fn pages_for_the_islands_router_are_kept_apart(backend: Backend) {
    let app = seeded(backend).await;
    let navigation = app.client().get(app.url("/peluang")).header("islands-router", "true").send().await.unwrap();
    assert_eq!(navigation.status(), 200);
    assert_eq!(navigation.headers().get("x-page-cache").unwrap(), "miss");
    let headers = navigation.headers().clone();
    assert!(navigation.text().await.unwrap().contains("<h1"), "the whole page");
    let first = app.get("/peluang").await;
    assert_eq!(first.headers().get("x-page-cache").unwrap(), "miss", "another entry than the navigation's");
    assert!(first.text().await.unwrap().contains("<script type=\"module\""), "a first page loads the islands");
    let again = app.client().get(app.url("/peluang")).header("islands-router", "true").send().await.unwrap();
    assert_eq!(again.headers().get("x-page-cache").unwrap(), "hit");
    // Browsers and shared caches are told the same.
    let vary = headers.get_all("vary").iter().map(|v| v.to_str().unwrap().to_lowercase()).collect::<Vec<_>>().join(",");
    assert!(vary.contains("islands-router") && vary.contains("cookie"), "vary: {vary}");
    assert_eq!(headers.get("cache-control").unwrap(), "private, no-cache");
}

/// The islands router patches the current document into the next node by node: a head with
/// one tag more would shift the whole page after it. Every page, a failed one included, has
/// the same tags.
async fn every_page_has_the_same_head_tags(backend: Backend) {
    let app = seeded(backend).await;
    let need_id: i64 =
        sqlx::query_scalar("select need_id from need where status = 'published' order by need_id limit 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let tags = |page: &str| {
        let head = &page[..page.find("</head>").expect("a head")];
        ["<meta ", "<title", "<link "].map(|tag| head.matches(tag).count())
    };
    let home = tags(&app.get("/").await.text().await.unwrap());
    for path in [
        format!("/peluang/{need_id}"),
        "/peluang".into(),
        "/peluang/99999999".into(),
        "/penawaran".into(),
        "/mitra".into(),
        "/masuk".into(),
        "/tidak-ada".into(),
    ] {
        let page = app.get(&path).await.text().await.unwrap();
        assert_eq!(tags(&page), home, "{path}");
        assert!(page.contains("property=\"og:url\""), "{path}");
    }
}
