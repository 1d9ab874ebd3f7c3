//! `/statistik`'s figures — the server function and `/api/v1/statistics` — on SQLite and
//! PostgreSQL, checked against counts computed here from the rows themselves; filters;
//! bad filters named; staff alone see the moderation figures of their own jurisdiction.

mod common;

use app::domain::account::Role;
use common::{Backend, TestApp};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

on_both_databases!(
    figures_agree_with_counts_computed_from_the_rows,
    figures_follow_changes_made_after_they_were_counted,
    filters_narrow_the_figures_and_bad_ones_are_named,
    staff_alone_see_the_moderation_of_their_jurisdiction,
    the_map_draws_every_regency_and_each_village_with_needs,
);

async fn seeded(backend: Backend) -> TestApp {
    let app = TestApp::spawn(backend).await;
    let options = server::seed::SeedOptions { seed: 11, needs: 150, offers: 40, partners: 8, progress: false };
    server::seed::seed(&app.pool, &options).await.unwrap();
    app
}

async fn api(app: &TestApp, query: &str) -> (u16, Value) {
    let response = app.get(&format!("/api/v1/statistics{query}")).await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// A need as counted here: its regency, sector, dates, and how far it got.
#[derive(sqlx::FromRow)]
struct Need {
    need_id: i64,
    regency: String,
    sector: String,
    status: String,
    submitted: Option<String>,
    published: Option<String>,
}

async fn needs(app: &TestApp) -> BTreeMap<i64, Need> {
    let rows: Vec<Need> = sqlx::query_as(
        "select n.need_id, d.regency_code as regency, n.sector, n.status, n.submitted_at as submitted, \
                n.published_at as published from need n \
         join village v on v.village_code = n.village_code join district d on d.district_code = v.district_code",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    rows.into_iter().map(|need| (need.need_id, need)).collect()
}

/// A cooperation as counted here.
#[derive(sqlx::FromRow)]
struct Cooperation {
    need_id: i64,
    status: String,
    signed_on: Option<String>,
    beneficiaries: Option<i64>,
    value_idr: Option<i64>,
    village_code: String,
    introduced_at: Option<String>,
}

/// Whole days between two ISO dates, by a calendar of its own (not the code under test's).
fn days(from: &str, to: &str) -> i64 {
    let julian = |date: &str| {
        let (y, m, d): (i64, i64, i64) =
            (date[0..4].parse().unwrap(), date[5..7].parse().unwrap(), date[8..10].parse().unwrap());
        let a = (14 - m) / 12;
        let (y, m) = (y + 4800 - a, m + 12 * a - 3);
        d + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    };
    julian(to) - julian(from)
}

fn median(mut values: Vec<i64>) -> Option<f64> {
    values.sort();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2] as f64),
        _ => Some((values[n / 2 - 1] + values[n / 2]) as f64 / 2.0),
    }
}

fn step(figures: &Value, name: &str) -> i64 {
    figures["funnel"].as_array().unwrap().iter().find(|s| s["step"] == name).unwrap()["needs"].as_i64().unwrap()
}

async fn figures_agree_with_counts_computed_from_the_rows(backend: Backend) {
    let app = seeded(backend).await;
    assert_figures_agree_with_the_rows(&app).await;
}

/// The figures are counted from facts kept in memory: a change to a need, a match, a
/// cooperation or a village profile after they were first counted shows at once.
async fn figures_follow_changes_made_after_they_were_counted(backend: Backend) {
    let app = seeded(backend).await;
    assert_figures_agree_with_the_rows(&app).await;
    let before = api(&app, "").await.1;
    let now = app::ssr::db::now();
    let changes = [
        "update need set status = 'published', published_at = $1, updated_at = $1 \
         where need_id = (select min(need_id) from need where status = 'submitted')",
        "update agreement set status = 'completed', beneficiaries = 7, updated_at = $1 \
         where agreement_id = (select min(agreement_id) from agreement where status in ('signed', 'active'))",
        "insert into need_match (need_id, organisation_id, origin, status, created_at, updated_at) \
         values ((select min(need_id) from need where status = 'published' \
                  and need_id not in (select need_id from need_match)), \
                 (select min(organisation_id) from organisation where status = 'verified'), \
                 'partner_interest', 'interested', $1, $1)",
        "update village_profile set development_status = 'maju', updated_at = $1 \
         where village_code = (select min(village_code) from village_profile \
         where development_status is null or development_status <> 'maju')",
    ];
    for sql in changes {
        let changed = sqlx::query(sql).bind(&now).execute(&app.pool).await.unwrap().rows_affected();
        assert_eq!(changed, 1, "{sql}");
    }
    assert_figures_agree_with_the_rows(&app).await;
    let after = api(&app, "").await.1;
    assert_eq!(step(&after, "published"), step(&before, "published") + 1);
    assert_eq!(step(&after, "interest"), step(&before, "interest") + 1);
    assert_eq!(after["totals"]["completed"], before["totals"]["completed"].as_i64().unwrap() + 1);
}

async fn assert_figures_agree_with_the_rows(app: &TestApp) {
    let (status, figures) = api(app, "").await;
    assert_eq!(status, 200, "{figures}");

    let needs = needs(app).await;
    let matches: Vec<(i64, String, String, Option<String>, String)> =
        sqlx::query_as("select need_id, origin, status, introduced_at, created_at from need_match")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    let agreements: Vec<Cooperation> = sqlx::query_as(
        "select m.need_id, a.status, a.signed_on, a.beneficiaries, a.value_idr, n.village_code, m.introduced_at \
         from agreement a join need_match m on m.need_match_id = a.need_match_id join need n on n.need_id = m.need_id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let signed: Vec<_> = agreements.iter().filter(|a| a.status != "draft").collect();
    assert!(signed.len() >= 5, "the demo has cooperations");

    // The funnel, need by need.
    let posted: BTreeSet<i64> = needs.iter().filter(|(_, n)| n.submitted.is_some()).map(|(id, _)| *id).collect();
    let reached = |ids: BTreeSet<i64>| ids.intersection(&posted).count() as i64;
    let published = reached(needs.iter().filter(|(_, n)| n.published.is_some()).map(|(id, _)| *id).collect());
    let interest = reached(
        matches
            .iter()
            .filter(|m| m.1 != "engine" || ["interested", "requested", "introduced", "agreed"].contains(&m.2.as_str()))
            .map(|m| m.0)
            .collect(),
    );
    let introduced = reached(matches.iter().filter(|m| m.3.is_some()).map(|m| m.0).collect());
    let signed_needs = reached(signed.iter().map(|a| a.need_id).collect());
    let completed_needs = reached(agreements.iter().filter(|a| a.status == "completed").map(|a| a.need_id).collect());
    let expected = [
        ("posted", posted.len() as i64),
        ("published", published),
        ("interest", interest),
        ("introduced", introduced),
        ("signed", signed_needs),
        ("completed", completed_needs),
    ];
    for (name, count) in expected {
        assert_eq!(step(&figures, name), count, "funnel step {name}");
    }
    assert!(posted.len() > 100 && published > 20 && introduced > 0 && completed_needs > 0, "{figures}");

    let totals = &figures["totals"];
    assert_eq!(totals["needs"], posted.len() as i64);
    assert_eq!(
        totals["open_needs"],
        needs.values().filter(|n| n.submitted.is_some() && n.status == "published").count() as i64
    );
    assert_eq!(totals["cooperations"], signed.len() as i64);
    assert_eq!(totals["completed"], agreements.iter().filter(|a| a.status == "completed").count() as i64);
    let beneficiaries: i64 =
        agreements.iter().filter(|a| a.status == "completed").filter_map(|a| a.beneficiaries).sum();
    assert_eq!(totals["beneficiaries"], beneficiaries);
    assert_eq!(totals["value_idr"], signed.iter().filter_map(|a| a.value_idr).sum::<i64>());
    assert_eq!(totals["introductions"], matches.iter().filter(|m| m.3.is_some()).count() as i64);

    // By regency: every regency once, in code order, with its needs and cooperations.
    assert_eq!(figures["area_level"], "regency");
    let areas = figures["areas"].as_array().unwrap();
    assert_eq!(areas.len(), 10);
    for area in areas {
        let code = area["code"].as_str().unwrap();
        let posted_here = needs.values().filter(|n| n.submitted.is_some() && n.regency == code).count() as i64;
        assert_eq!(area["needs"], posted_here, "needs of {code}");
        let here: Vec<_> = signed.iter().filter(|a| needs[&a.need_id].regency == code).collect();
        assert_eq!(area["cooperations"], here.len() as i64, "cooperations of {code}");
        let villages: BTreeSet<&String> = here.iter().map(|a| &a.village_code).collect();
        assert_eq!(area["villages_served"], villages.len() as i64, "villages served in {code}");
    }
    let villages: i64 = areas.iter().map(|a| a["villages"].as_i64().unwrap()).sum();
    assert_eq!(villages, 1038, "every desa and kelurahan of the registry");
    let statuses = figures["village_statuses"].as_array().unwrap();
    assert_eq!(statuses.iter().map(|s| s["villages"].as_i64().unwrap()).sum::<i64>(), 1038);
    let served: BTreeSet<&String> = signed.iter().map(|a| &a.village_code).collect();
    let never: i64 = statuses.iter().map(|s| s["never_served"].as_i64().unwrap()).sum();
    assert_eq!(never, 1038 - served.len() as i64);

    // Sectors: the needs of each.
    for sector in figures["sectors"].as_array().unwrap() {
        let key = sector["key"].as_str().unwrap();
        let count = needs.values().filter(|n| n.submitted.is_some() && n.sector == key).count() as i64;
        assert_eq!(sector["needs"], count, "needs in {key}");
    }

    // Over time, by year (the default).
    let mut by_year: BTreeMap<String, i64> = BTreeMap::new();
    for need in needs.values().filter_map(|n| n.submitted.as_ref()) {
        *by_year.entry(need[0..4].to_owned()).or_default() += 1;
    }
    for period in figures["over_time"].as_array().unwrap() {
        let year = period["period"].as_str().unwrap();
        assert_eq!(period["needs"], by_year.get(year).copied().unwrap_or(0), "needs posted in {year}");
    }

    // The medians of the steps' durations.
    let lead = |name: &str| figures["leads"].as_array().unwrap().iter().find(|l| l["lead"] == name).unwrap().clone();
    let waits: Vec<i64> = needs
        .values()
        .filter_map(|n| Some(days(n.submitted.as_deref()?, n.published.as_deref()?)))
        .filter(|d| *d >= 0)
        .collect();
    let submitted_to_published = lead("submitted_to_published");
    assert_eq!(submitted_to_published["measured"], waits.len() as i64);
    assert_eq!(submitted_to_published["median_days"].as_f64(), median(waits));
    let signing: Vec<i64> = signed
        .iter()
        .filter_map(|a| Some(days(a.introduced_at.as_deref()?, a.signed_on.as_deref()?)))
        .filter(|d| *d >= 0)
        .collect();
    assert_eq!(lead("introduced_to_signed")["median_days"].as_f64(), median(signing));

    // The partners that served most villages come first.
    let partners = figures["partners"].as_array().unwrap();
    assert!(!partners.is_empty());
    let served: Vec<i64> = partners.iter().map(|p| p["villages"].as_i64().unwrap()).collect();
    assert!(served.windows(2).all(|w| w[0] >= w[1]), "{served:?}");

    // The page's server function says the same to a visitor; nothing of moderation.
    let response = app.call(&app.client(), "statistics", &[]).await;
    assert_eq!(response.status(), 200);
    let shown: Value = response.json().await.unwrap();
    assert_eq!(shown, figures);
    assert!(figures["moderation"].is_null());
    let body = figures.to_string();
    assert!(!body.contains('@') && !body.contains("contact"), "no contact data");
}

async fn filters_narrow_the_figures_and_bad_ones_are_named(backend: Backend) {
    let app = seeded(backend).await;
    let needs = needs(&app).await;
    let (_, kukar) = api(&app, "?kabupaten=64.02").await;
    assert_eq!(kukar["area_level"], "district");
    let districts = kukar["areas"].as_array().unwrap();
    assert!(!districts.is_empty() && districts.iter().all(|d| d["code"].as_str().unwrap().starts_with("64.02.")));
    let here = needs.values().filter(|n| n.submitted.is_some() && n.regency == "64.02").count() as i64;
    assert_eq!(kukar["totals"]["needs"], here);
    assert_eq!(districts.iter().map(|d| d["needs"].as_i64().unwrap()).sum::<i64>(), here);

    let sector = needs.values().find(|n| n.submitted.is_some()).unwrap().sector.clone();
    let (_, one) = api(&app, &format!("?sektor={sector}")).await;
    let count = needs.values().filter(|n| n.submitted.is_some() && n.sector == sector).count() as i64;
    assert_eq!(one["totals"]["needs"], count);

    let year = needs.values().find_map(|n| n.submitted.clone()).unwrap()[0..4].to_owned();
    let (_, monthly) = api(&app, &format!("?tahun={year}&periode=month")).await;
    let count = needs.values().filter(|n| n.submitted.as_deref().is_some_and(|s| s.starts_with(&year))).count() as i64;
    assert_eq!(monthly["totals"]["needs"], count);
    for period in monthly["over_time"].as_array().unwrap() {
        let name = period["period"].as_str().unwrap();
        assert_eq!(name.len(), 7, "months: {name}");
        if period["needs"].as_i64().unwrap() > 0 {
            assert!(name.starts_with(&year), "{name}");
        }
    }
    let (_, quarters) = api(&app, "?periode=quarter").await;
    assert!(quarters["over_time"].as_array().unwrap().iter().all(|p| p["period"].as_str().unwrap().contains("-Q")));

    // Offers count in the views they serve: the province or the regency, the sector, the year sent.
    let published = "o.status in ('published', 'matched', 'fulfilled')";
    let offers = |sql: String| {
        let pool = app.pool.clone();
        async move { sqlx::query_scalar::<_, i64>(&sql).fetch_one(&pool).await.unwrap() }
    };
    let all = offers(format!("select count(*) from offer o where {published}")).await;
    assert_eq!(api(&app, "").await.1["totals"]["offers"], all);
    let serving_kukar = offers(format!(
        "select count(*) from offer o where {published} and (o.serves_province = 1 \
         or exists (select 1 from offer_region r where r.offer_id = o.offer_id and r.regency_code = '64.02'))"
    ))
    .await;
    assert!(serving_kukar < all, "some offers serve other regencies only");
    assert_eq!(kukar["totals"]["offers"], serving_kukar);
    let in_sector = offers(format!(
        "select count(*) from offer o where {published} \
         and exists (select 1 from offer_sector s where s.offer_id = o.offer_id and s.sector = '{sector}')"
    ))
    .await;
    assert_eq!(one["totals"]["offers"], in_sector);
    let open_capacity = offers(format!(
        "select cast(coalesce(sum(o.capacity), 0) as bigint) from offer o where o.status in ('published', 'matched') \
         and exists (select 1 from offer_sector s where s.offer_id = o.offer_id and s.sector = '{sector}')"
    ))
    .await;
    assert_eq!(one["capacity"]["capacity"], open_capacity);
    let in_year =
        offers(format!("select count(*) from offer o where {published} and substr(o.published_at, 1, 4) = '{year}'"))
            .await;
    assert_eq!(monthly["totals"]["offers"], in_year);

    let (status, empty) = api(&app, "?tahun=2001").await;
    assert_eq!(status, 200);
    assert_eq!(empty["totals"]["needs"], 0);
    assert_eq!(empty["totals"]["offers"], 0);
    assert_eq!(step(&empty, "posted"), 0);

    for (query, parameter) in [
        ("?kabupaten=64.02.01", "kabupaten"),
        ("?sektor=%3Cscript%3E", "sektor"),
        ("?tahun=20x6", "tahun"),
        ("?periode=week", "periode"),
        ("?peta=roads", "peta"),
    ] {
        let (status, body) = api(&app, query).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert_eq!(body["errors"][0]["parameter"], parameter, "{query}");
        let field = format!("query[{parameter}]");
        let value = query.split('=').nth(1).unwrap().replace("%3C", "<").replace("%3E", ">");
        let response = app.call(&app.client(), "statistics", &[(field.as_str(), value.as_str())]).await;
        assert_eq!(response.status(), 400, "{query}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["errors"][0]["field"], parameter, "{query}");
    }
}

async fn staff_alone_see_the_moderation_of_their_jurisdiction(backend: Backend) {
    let app = seeded(backend).await;
    app.add_user("kukar@dpmd.id", Role::RegencyStaff, None, Some("64.02"), None).await;
    app.add_user("provinsi@dpmd.id", Role::ProvinceStaff, None, None, None).await;
    app.add_user("operator@desa.id", Role::VillageOperator, Some("64.02.01.2001"), None, None).await;
    let waiting = |sql: &'static str| {
        let pool = app.pool.clone();
        async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(&pool).await.unwrap() }
    };
    let kukar_waiting = waiting(
        "select count(*) from need n join village v on v.village_code = n.village_code \
         join district d on d.district_code = v.district_code where n.status = 'submitted' and d.regency_code = '64.02'",
    )
    .await;
    let all_waiting = waiting(
        "select (select count(*) from need where status = 'submitted') + (select count(*) from offer where status = 'submitted')",
    )
    .await;
    assert!(all_waiting > kukar_waiting, "the demo has waiting postings elsewhere too");

    let figures = |client: reqwest::Client| {
        let app = &app;
        async move { app.call(&client, "statistics", &[]).await.json::<Value>().await.unwrap() }
    };
    let kukar = figures(app.signed_in("kukar@dpmd.id").await).await;
    assert_eq!(kukar["moderation"]["waiting"], kukar_waiting);
    let province = figures(app.signed_in("provinsi@dpmd.id").await).await;
    assert_eq!(province["moderation"]["waiting"], all_waiting);
    let decided = province["moderation"]["decided"].as_i64().unwrap();
    let returned = province["moderation"]["returned"].as_i64().unwrap();
    assert!(decided >= returned);
    for client in [app.signed_in("operator@desa.id").await, app.client()] {
        assert!(figures(client).await["moderation"].is_null(), "not staff: no moderation figures");
    }
    // The public API never has them.
    assert!(api(&app, "").await.1["moderation"].is_null());
}

/// The villages with needs sent to moderation (in `regency`, if given) and their state on
/// the map, computed here from the rows.
async fn village_states(app: &TestApp, regency: Option<&str>) -> BTreeMap<String, &'static str> {
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "select n.village_code, d.regency_code, n.status, \
                (select count(*) from need_match m join agreement a on a.need_match_id = m.need_match_id \
                 where m.need_id = n.need_id and a.status <> 'draft') \
         from need n join village v on v.village_code = n.village_code \
         join district d on d.district_code = v.district_code where n.submitted_at is not null",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let mut states: BTreeMap<String, &'static str> = BTreeMap::new();
    for (village, need_regency, status, signed) in rows {
        if regency.is_some_and(|r| r != need_regency) {
            continue;
        }
        let state = states.entry(village).or_insert("other");
        if signed > 0 {
            *state = "cooperation";
        } else if status == "published" && *state == "other" {
            *state = "open";
        }
    }
    states
}

/// The `(href, class)` of each dot of the map in a page.
fn dots(html: &str) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for part in html.split("<a href=\"/desa/").skip(1) {
        let Some((code, rest)) = part.split_once('"') else { continue };
        let Some(at) = rest.find("class=\"dot dot-") else { continue };
        if rest[..at].contains("</a>") {
            continue;
        }
        let state = &rest[at + "class=\"dot dot-".len()..];
        found.insert(code.to_owned(), state[..state.find('"').unwrap()].to_owned());
    }
    found
}

async fn the_map_draws_every_regency_and_each_village_with_needs(backend: Backend) {
    let app = seeded(backend).await;
    let page = |query: &'static str| {
        let app = &app;
        async move {
            let response = app.get(&format!("/statistik{query}")).await;
            assert_eq!(response.status(), 200, "{query}");
            response.text().await.unwrap()
        }
    };
    let html = page("").await;
    let regencies: i64 = sqlx::query_scalar("select count(*) from regency").fetch_one(&app.pool).await.unwrap();
    assert_eq!(html.matches("class=\"region shade-").count() as i64, regencies, "one shape per regency");
    let expected = village_states(&app, None).await;
    assert!(expected.values().any(|s| *s == "cooperation") && expected.values().any(|s| *s == "open"));
    let drawn = dots(&html);
    assert_eq!(drawn.len(), expected.len(), "one dot per village with needs");
    for (code, state) in &expected {
        assert_eq!(drawn.get(code).map(String::as_str), Some(*state), "{code}");
    }

    // One regency: every regency is still drawn (that one outlined), the dots are its own.
    let html = page("?kabupaten=64.02&peta=never_served").await;
    assert_eq!(html.matches("class=\"region shade-").count() as i64, regencies);
    assert_eq!(html.matches(" chosen\"").count(), 1);
    let expected = village_states(&app, Some("64.02")).await;
    assert_eq!(dots(&html).into_keys().collect::<Vec<_>>(), expected.into_keys().collect::<Vec<_>>());

    // Shades follow the figure chosen: the regency with most villages never served is darkest.
    let (_, figures) = api(&app, "").await;
    let never_served = |r: &Value| r["villages"].as_i64().unwrap() - r["villages_served"].as_i64().unwrap();
    let most = figures["map"]["regencies"].as_array().unwrap().iter().max_by_key(|r| never_served(r)).unwrap();
    let link = format!("href=\"/statistik?kabupaten={}\"", most["code"].as_str().unwrap());
    let html = page("?peta=never_served").await;
    let shape = &html[html.find(&link).unwrap()..];
    assert!(shape[..shape.find("</a>").unwrap()].contains("region shade-4"), "{}", most["code"]);
}
