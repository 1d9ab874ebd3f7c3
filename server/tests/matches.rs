//! Matchmaking through the server functions, on SQLite and PostgreSQL: suggestions with
//! their explanation, interest and requests, duplicates, staff introductions, contacts
//! revealed to exactly the two sides and staff, messages, settings, and live events; the
//! cooperations that introduced matches lead to (`cooperations`); programmes: matching rounds, cohort offers and clusters (`programmes`).

mod common;

use app::domain::account::Role;
use common::{Backend, TestApp};
use reqwest::{Client, Response, StatusCode};
use serde_json::Value;

#[path = "matches/cooperations.rs"]
mod cooperations;
#[path = "matches/programmes.rs"]
mod programmes;

on_both_databases!(
    suggestions_explain_their_score_to_those_entitled,
    interest_is_introduced_by_staff_and_reveals_contacts_to_both_sides_only,
    duplicates_are_refused_and_a_declined_match_reopens_as_a_new_attempt,
    weights_are_settings_for_administrators,
    live_events_reach_only_their_audience,
    introductions_use_up_an_offers_capacity_in_suggestions,
    introductions_respect_the_offers_capacity_and_publication,
);

fn ok(response: &Response) -> bool {
    response.status().is_success() || response.status().is_redirection()
}

struct World {
    app: TestApp,
    need_id: i64,
    offer_id: i64,
    other_offer_id: i64,
}

const VILLAGE_PHONE: &str = "0812-7777-1001";
const PARTNER_PHONE: &str = "0541-888-2002";

/// A published need of a Kutai Kartanegara village with a private contact; a verified
/// organisation with a fitting published offer; another verified organisation.
async fn world(backend: Backend) -> World {
    let app = TestApp::spawn(backend).await;
    let village: String = sqlx::query_scalar(
        "select v.village_code from village v join district d on d.district_code = v.district_code \
         where d.regency_code = '64.02' order by v.village_code limit 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let pool = &app.pool;
    let at = "2026-11-01T00:00:00.000Z";
    let organisation = |name: &'static str, phone: &'static str| async move {
        sqlx::query_scalar::<_, i64>(
            "insert into organisation (name, kind, status, serves_province, contact_name, contact_phone, created_at, updated_at) \
             values ($1, 'company', 'verified', 0, 'Ibu CSR', $2, $3, $3) returning organisation_id",
        )
        .bind(name)
        .bind(phone)
        .bind(at)
        .fetch_one(pool)
        .await
        .unwrap()
    };
    let ours = organisation("PT Mahakam Lestari", PARTNER_PHONE).await;
    let theirs = organisation("PT Lain Sekali", "0541-999-3003").await;
    app.add_user("operator@desa.id", Role::VillageOperator, Some(&village), None, None).await;
    app.add_user("mitra@pt.id", Role::PartnerMember, None, None, Some(ours)).await;
    app.add_user("lain@pt.id", Role::PartnerMember, None, None, Some(theirs)).await;
    app.add_user("kukar@dpmd.id", Role::RegencyStaff, None, Some("64.02"), None).await;
    app.add_user("berau@dpmd.id", Role::RegencyStaff, None, Some("64.03"), None).await;
    app.add_user("admin@dpmd.id", Role::Admin, None, None, None).await;
    app.add_user("provinsi@dpmd.id", Role::ProvinceStaff, None, None, None).await;
    let author: i64 = sqlx::query_scalar("select min(user_id) from app_user").fetch_one(pool).await.unwrap();
    sqlx::query(
        "insert into village_profile (village_code, development_status, contact_name, contact_phone, created_at, updated_at) \
         values ($1, 'berkembang', 'Pak Kades', $2, $3, $3)",
    )
    .bind(&village)
    .bind(VILLAGE_PHONE)
    .bind(at)
    .execute(pool)
    .await
    .unwrap();
    let need_id: i64 = sqlx::query_scalar(
        "insert into need (village_code, title, description, support_type, sector, status, created_by, created_at, \
                           updated_at, published_at) \
         values ($1, 'Pelatihan pemandu wisata air terjun', \
                 'Pelatihan pemandu wisata bagi pemuda desa agar air terjun ramai dikunjungi wisatawan.', \
                 'training', 'nature_tourism', 'published', $2, $3, $3, $3) returning need_id",
    )
    .bind(&village)
    .bind(author)
    .bind(at)
    .fetch_one(pool)
    .await
    .unwrap();
    let offer = |organisation: i64, title: &'static str, description: &'static str, sector: &'static str| async move {
        let id: i64 = sqlx::query_scalar(
            "insert into offer (organisation_id, title, description, support_type, capacity, preferred_status, \
                                serves_province, status, created_by, created_at, updated_at, published_at) \
             values ($1, $2, $3, 'training', 5, 'berkembang', 0, 'published', $4, $5, $5, $5) returning offer_id",
        )
        .bind(organisation)
        .bind(title)
        .bind(description)
        .bind(author)
        .bind(at)
        .fetch_one(pool)
        .await
        .unwrap();
        sqlx::query("insert into offer_sector (offer_id, sector) values ($1, $2)")
            .bind(id)
            .bind(sector)
            .execute(pool)
            .await
            .unwrap();
        sqlx::query("insert into offer_region (offer_id, regency_code) values ($1, '64.02')")
            .bind(id)
            .execute(pool)
            .await
            .unwrap();
        id
    };
    let offer_id = offer(
        ours,
        "Pelatihan pemandu ekowisata",
        "Pelatihan pemandu wisata alam dan air terjun untuk pemuda.",
        "nature_tourism",
    )
    .await;
    let other_offer_id =
        offer(theirs, "Pelatihan budidaya ikan", "Pelatihan budidaya ikan nila di keramba sungai.", "fisheries").await;
    World { app, need_id, offer_id, other_offer_id }
}

async fn call(app: &TestApp, client: &Client, endpoint: &str, form: &[(&str, &str)]) -> Response {
    app.call(client, endpoint, form).await
}

async fn suggestions_explain_their_score_to_those_entitled(backend: Backend) {
    let World { app, need_id, offer_id, other_offer_id } = world(backend).await;
    let need = need_id.to_string();
    let operator = app.signed_in("operator@desa.id").await;
    let response = call(&app, &operator, "suggested_offers", &[("need_id", &need)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let list: Value = response.json().await.unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list[0]["offer_id"], offer_id, "the fitting offer comes first: {list:?}");
    let ours = list[0]["score"]["total"].as_f64().unwrap();
    let theirs = list.iter().find(|s| s["offer_id"] == other_offer_id).map(|s| s["score"]["total"].as_f64().unwrap());
    let theirs = theirs.expect("the other training offer fits too (same support type and regency)");
    assert!(theirs < ours, "and comes later: {theirs} < {ours}");
    let factors: Vec<&str> =
        list[0]["score"]["factors"].as_array().unwrap().iter().map(|f| f["factor"].as_str().unwrap()).collect();
    assert_eq!(factors, ["support", "sector", "region", "window", "capacity", "status", "text"]);
    // Nothing private in a suggestion.
    let text = serde_json::to_string(list).unwrap();
    assert!(!text.contains(PARTNER_PHONE) && !text.contains(VILLAGE_PHONE));

    let staff = app.signed_in("kukar@dpmd.id").await;
    assert_eq!(call(&app, &staff, "suggested_offers", &[("need_id", &need)]).await.status(), StatusCode::OK);
    for who in ["berau@dpmd.id", "mitra@pt.id"] {
        let client = app.signed_in(who).await;
        assert_eq!(
            call(&app, &client, "suggested_offers", &[("need_id", &need)]).await.status(),
            StatusCode::NOT_FOUND,
            "{who}"
        );
    }
    assert_eq!(
        call(&app, &app.client(), "suggested_offers", &[("need_id", &need)]).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // The offer side: its members see the need; other partners do not see its suggestions.
    let partner = app.signed_in("mitra@pt.id").await;
    let needs: Value =
        call(&app, &partner, "suggested_needs", &[("offer_id", &offer_id.to_string())]).await.json().await.unwrap();
    assert_eq!(needs[0]["need_id"], need_id);
    let other = app.signed_in("lain@pt.id").await;
    assert_eq!(
        call(&app, &other, "suggested_needs", &[("offer_id", &offer_id.to_string())]).await.status(),
        StatusCode::NOT_FOUND
    );
    let mine: Value = call(&app, &partner, "my_opportunities", &[]).await.json().await.unwrap();
    assert_eq!(mine[0]["need_id"], need_id);
}

async fn interest_is_introduced_by_staff_and_reveals_contacts_to_both_sides_only(backend: Backend) {
    let World { app, need_id, offer_id, .. } = world(backend).await;
    let partner = app.signed_in("mitra@pt.id").await;
    let operator = app.signed_in("operator@desa.id").await;
    let staff = app.signed_in("kukar@dpmd.id").await;
    let berau = app.signed_in("berau@dpmd.id").await;
    let other = app.signed_in("lain@pt.id").await;

    let opened = call(
        &app,
        &partner,
        "express_interest",
        &[
            ("need_id", &need_id.to_string()),
            ("offer_id", &offer_id.to_string()),
            ("message", "Kami siap mulai Januari."),
        ],
    )
    .await;
    assert!(ok(&opened), "{}", opened.status());
    let opened: Value = opened.json().await.unwrap();
    assert_eq!(opened["existing"], false);
    let match_id = opened["match_id"].as_i64().unwrap().to_string();

    let get = |client: &Client| {
        let (client, id) = (client.clone(), match_id.clone());
        let app = &app;
        async move { call(app, &client, "match", &[("match_id", &id)]).await }
    };
    // Before the introduction nobody sees a contact.
    for client in [&partner, &operator, &staff] {
        let text = get(client).await.text().await.unwrap();
        assert!(text.contains("\"status\":\"interested\""), "{text}");
        assert!(!text.contains(PARTNER_PHONE) && !text.contains(VILLAGE_PHONE), "{text}");
    }
    for client in [&berau, &other, &app.client()] {
        assert!(!get(client).await.status().is_success());
    }
    let queue: Value = call(&app, &staff, "my_matches", &[]).await.json().await.unwrap();
    assert_eq!(queue[0]["match_id"].to_string(), match_id);
    let told: i64 = sqlx::query_scalar("select count(*) from notification where kind = 'match.interested'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(told >= 2, "the operator and the regency's staff are told");

    // Only staff of the regency introduce; the sides cannot.
    let introduce = |client: &Client| {
        let (client, id) = (client.clone(), match_id.clone());
        let app = &app;
        async move {
            call(app, &client, "decide_match", &[("match_id", &id), ("decision", "introduce"), ("reason", "")]).await
        }
    };
    assert!(!introduce(&partner).await.status().is_success());
    assert!(!introduce(&berau).await.status().is_success());
    assert!(ok(&introduce(&staff).await));
    assert_eq!(introduce(&staff).await.status(), StatusCode::CONFLICT, "already introduced");

    for (who, client, sees) in [("partner", &partner, true), ("operator", &operator, true), ("staff", &staff, true)] {
        let text = get(client).await.text().await.unwrap();
        assert_eq!(text.contains(PARTNER_PHONE) && text.contains(VILLAGE_PHONE), sees, "{who}: {text}");
    }
    for client in [&berau, &other] {
        let response = get(client).await;
        assert!(!response.status().is_success());
        let text = response.text().await.unwrap();
        assert!(!text.contains(PARTNER_PHONE) && !text.contains(VILLAGE_PHONE));
    }

    // The two sides write to each other; outsiders cannot.
    let id = match_id.clone();
    assert!(ok(&call(
        &app,
        &operator,
        "post_match_message",
        &[("match_id", &id), ("body", "Terima kasih, kami tunggu.")]
    )
    .await));
    assert!(!call(&app, &other, "post_match_message", &[("match_id", &id), ("body", "Halo")])
        .await
        .status()
        .is_success());
    assert_eq!(
        call(&app, &partner, "post_match_message", &[("match_id", &id), ("body", "")]).await.status(),
        StatusCode::BAD_REQUEST
    );
    let detail: Value = get(&partner).await.json().await.unwrap();
    assert_eq!(detail["messages"][0]["body"], "Terima kasih, kami tunggu.");
    let history: Vec<&str> =
        detail["history"].as_array().unwrap().iter().map(|h| h["action"].as_str().unwrap()).collect();
    assert_eq!(history, ["match.interested", "match.introduced"]);
}

async fn duplicates_are_refused_and_a_declined_match_reopens_as_a_new_attempt(backend: Backend) {
    let World { app, need_id, offer_id, .. } = world(backend).await;
    let partner = app.signed_in("mitra@pt.id").await;
    let operator = app.signed_in("operator@desa.id").await;
    let need = need_id.to_string();
    let offer = offer_id.to_string();
    let first: Value =
        call(&app, &partner, "express_interest", &[("need_id", &need), ("offer_id", ""), ("message", "")])
            .await
            .json()
            .await
            .unwrap();
    // A second attempt, by the partner or as a request by the village, shows the existing one.
    let again: Value =
        call(&app, &partner, "express_interest", &[("need_id", &need), ("offer_id", &offer), ("message", "")])
            .await
            .json()
            .await
            .unwrap();
    assert_eq!((again["match_id"].clone(), again["existing"].clone()), (first["match_id"].clone(), Value::Bool(true)));
    let request: Value =
        call(&app, &operator, "request_offer", &[("offer_id", &offer), ("need_id", &need), ("message", "")])
            .await
            .json()
            .await
            .unwrap();
    assert_eq!(request["match_id"], first["match_id"]);
    let live: i64 = sqlx::query_scalar("select count(*) from need_match").fetch_one(&app.pool).await.unwrap();
    assert_eq!(live, 1);

    // Declining needs a reason; afterwards a new attempt is a new match that knows the old one.
    let id = first["match_id"].to_string();
    assert_eq!(
        call(&app, &operator, "decline_match", &[("match_id", &id), ("reason", "")]).await.status(),
        StatusCode::BAD_REQUEST
    );
    assert!(ok(
        &call(&app, &operator, "decline_match", &[("match_id", &id), ("reason", "Sudah ada mitra lain.")]).await
    ));
    let reopened: Value =
        call(&app, &operator, "request_offer", &[("offer_id", &offer), ("need_id", &need), ("message", "")])
            .await
            .json()
            .await
            .unwrap();
    assert_eq!(reopened["existing"], false, "{reopened}");
    assert_ne!(reopened["match_id"], first["match_id"]);
    let detail: Value =
        call(&app, &partner, "match", &[("match_id", &reopened["match_id"].to_string())]).await.json().await.unwrap();
    assert_eq!(detail["status"], "requested");
    assert_eq!(detail["earlier"], serde_json::json!([first["match_id"]]));

    // Wrong people and unpublished postings.
    let other = app.signed_in("lain@pt.id").await;
    let foreign =
        call(&app, &other, "express_interest", &[("need_id", &need), ("offer_id", &offer), ("message", "")]).await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND, "another organisation's offer");
    sqlx::query("update organisation set status = 'pending' where name = 'PT Lain Sekali'")
        .execute(&app.pool)
        .await
        .unwrap();
    let pending = app.signed_in("lain@pt.id").await;
    let refused =
        call(&app, &pending, "express_interest", &[("need_id", &need), ("offer_id", ""), ("message", "")]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN, "an unverified partner waits");
    assert!(!call(&app, &operator, "express_interest", &[("need_id", &need), ("offer_id", ""), ("message", "")])
        .await
        .status()
        .is_success());
    let long = "x".repeat(1001);
    let too_long =
        call(&app, &partner, "express_interest", &[("need_id", "999999"), ("offer_id", ""), ("message", &long)]).await;
    assert_eq!(too_long.status(), StatusCode::BAD_REQUEST);
}

/// Matches move only the offers' used capacity; suggestions follow them at once.
async fn introductions_use_up_an_offers_capacity_in_suggestions(backend: Backend) {
    let World { app, need_id, offer_id, .. } = world(backend).await;
    sqlx::query("update offer set capacity = 1, updated_at = '2026-11-02T00:00:00.000Z' where offer_id = $1")
        .bind(offer_id)
        .execute(&app.pool)
        .await
        .unwrap();
    let need = need_id.to_string();
    let operator = app.signed_in("operator@desa.id").await;
    let suggested = |client: Client| {
        let (app, need) = (&app, need.clone());
        async move {
            let list: Value = call(app, &client, "suggested_offers", &[("need_id", &need)]).await.json().await.unwrap();
            list.as_array().unwrap().iter().map(|s| s["offer_id"].as_i64().unwrap()).collect::<Vec<_>>()
        }
    };
    assert!(suggested(operator.clone()).await.contains(&offer_id), "one place left");

    let partner = app.signed_in("mitra@pt.id").await;
    let offer = offer_id.to_string();
    let interest = [("need_id", need.as_str()), ("offer_id", offer.as_str()), ("message", "Kami bisa membantu.")];
    let opened = call(&app, &partner, "express_interest", &interest).await.json::<Value>().await.unwrap();
    let match_id = opened["match_id"].as_i64().unwrap().to_string();
    assert!(suggested(operator.clone()).await.contains(&offer_id), "interest alone uses no place");

    let staff = app.signed_in("kukar@dpmd.id").await;
    let introduced =
        call(&app, &staff, "decide_match", &[("match_id", &match_id), ("decision", "introduce"), ("reason", "")]).await;
    assert!(ok(&introduced));
    assert!(!suggested(operator.clone()).await.contains(&offer_id), "the only place is taken");

    let declined = call(
        &app,
        &partner,
        "decline_match",
        &[("match_id", &match_id), ("reason", "Jadwal kami ternyata penuh tahun ini.")],
    )
    .await;
    assert!(ok(&declined), "{}", declined.status());
    assert!(suggested(operator).await.contains(&offer_id), "a declined match frees its place");
}

async fn weights_are_settings_for_administrators(backend: Backend) {
    let World { app, .. } = world(backend).await;
    let admin = app.signed_in("admin@dpmd.id").await;
    let staff = app.signed_in("provinsi@dpmd.id").await;
    let defaults: Value = call(&app, &staff, "matching_weights", &[]).await.json().await.unwrap();
    assert_eq!(defaults["sector"], 0.2);
    let form = [
        ("weights[support]", "0.2"),
        ("weights[sector]", "0.4"),
        ("weights[region]", "0.1"),
        ("weights[window]", "0.05"),
        ("weights[capacity]", "0.05"),
        ("weights[status]", "0.1"),
        ("weights[text]", "0.1"),
    ];
    assert_eq!(call(&app, &staff, "save_matching_weights", &form).await.status(), StatusCode::FORBIDDEN);
    assert!(ok(&call(&app, &admin, "save_matching_weights", &form).await));
    let saved: Value = call(&app, &staff, "matching_weights", &[]).await.json().await.unwrap();
    assert_eq!(saved["sector"], 0.4);
    let mut bad = form;
    bad[1] = ("weights[sector]", "2");
    assert_eq!(call(&app, &admin, "save_matching_weights", &bad).await.status(), StatusCode::BAD_REQUEST);
    bad[1] = ("weights[sector]", "banyak");
    assert_eq!(call(&app, &admin, "save_matching_weights", &bad).await.status(), StatusCode::BAD_REQUEST);
    let audited: i64 = sqlx::query_scalar("select count(*) from audit_log where action = 'setting.weights'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(audited, 1);
}

/// Reads server-sent events until one named `topic` arrives or the time is up.
async fn wait_for(response: &mut Response, topic: &str, seconds: u64) -> bool {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let mut seen = String::new();
    loop {
        let chunk = tokio::time::timeout_at(deadline, response.chunk()).await;
        match chunk {
            Ok(Ok(Some(bytes))) => {
                seen.push_str(&String::from_utf8_lossy(&bytes));
                if seen.contains(&format!("event: {topic}")) {
                    return true;
                }
            }
            _ => return false,
        }
    }
}

async fn live_events_reach_only_their_audience(backend: Backend) {
    let World { app, need_id, .. } = world(backend).await;
    assert_eq!(app.client().get(app.url("/api/live")).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    queue_event_reaches_the_regency_staff_only(&app, &app, need_id).await;
}

/// Several instances share one PostgreSQL database: a staff member whose stream is open on
/// one instance hears of a match opened through another (NOTIFY/LISTEN), and staff of
/// another regency hear nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_events_reach_users_on_another_instance() {
    let World { app, need_id, .. } = world(Backend::Postgres).await;
    let other = app.another_instance().await;
    queue_event_reaches_the_regency_staff_only(&app, &other, need_id).await;
}

/// Kukar and Berau staff listen on `listening`; a partner opens a match on `acting`.
async fn queue_event_reaches_the_regency_staff_only(acting: &TestApp, listening: &TestApp, need_id: i64) {
    let staff = listening.signed_in("kukar@dpmd.id").await;
    let berau = listening.signed_in("berau@dpmd.id").await;
    let partner = acting.signed_in("mitra@pt.id").await;
    let mut kukar_stream = staff.get(listening.url("/api/live")).send().await.unwrap();
    let mut berau_stream = berau.get(listening.url("/api/live")).send().await.unwrap();
    assert!(wait_for(&mut kukar_stream, "ready", 5).await);
    assert!(wait_for(&mut berau_stream, "ready", 5).await);

    let opened = call(
        acting,
        &partner,
        "express_interest",
        &[("need_id", &need_id.to_string()), ("offer_id", ""), ("message", "")],
    )
    .await;
    assert!(ok(&opened));
    assert!(wait_for(&mut kukar_stream, "queue", 10).await, "the regency's staff hear of the new match");
    // Berau staff hear nothing: a marker sent after the match, through the same instance,
    // reaches them first (events keep their order), with no queue event before it.
    acting.state.live.publish(app::ssr::live::Event::for_staff("64.03", "marker"));
    let seen = read_until(&mut berau_stream, "marker", 10).await;
    assert!(seen.contains("event: marker"), "the marker arrives: {seen}");
    assert!(!seen.contains("event: queue"), "staff of another regency hear nothing: {seen}");
}

/// Reads server-sent events until one named `topic` arrives (or the time is up); returns
/// everything read.
async fn read_until(response: &mut Response, topic: &str, seconds: u64) -> String {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let mut seen = String::new();
    while !seen.contains(&format!("event: {topic}")) {
        match tokio::time::timeout_at(deadline, response.chunk()).await {
            Ok(Ok(Some(bytes))) => seen.push_str(&String::from_utf8_lossy(&bytes)),
            _ => break,
        }
    }
    seen
}

/// Defect: an event for more users than PostgreSQL's 8,000-byte NOTIFY holds fell back
/// silently to the instance it was published on. It travels in shares and reaches users
/// on every instance.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_events_reach_users_on_another_instance() {
    let World { app, .. } = world(Backend::Postgres).await;
    let other = app.another_instance().await;
    let staff = other.signed_in("kukar@dpmd.id").await;
    let staff_id: i64 = sqlx::query_scalar("select user_id from app_user where email = 'kukar@dpmd.id'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let mut stream = staff.get(other.url("/api/live")).send().await.unwrap();
    assert!(wait_for(&mut stream, "ready", 5).await);
    // 3,000 users: about 24,000 bytes of JSON; the staff member is among the last.
    let mut users: Vec<i64> = (1_000_000..1_003_000).collect();
    users.push(staff_id);
    let event = app::ssr::live::Event::for_users(&users, "notification");
    assert!(serde_json::to_string(&event).unwrap().len() > 8_000);
    app.state.live.publish(event);
    assert!(wait_for(&mut stream, "notification", 10).await, "heard on the other instance");
}

/// Defect: staff could introduce a match beyond the offer's remaining capacity, or on an
/// offer that is no longer public. Both are refused with a clear message, and nothing changes.
async fn introductions_respect_the_offers_capacity_and_publication(backend: Backend) {
    let World { app, need_id, offer_id, .. } = world(backend).await;
    sqlx::query("update offer set capacity = 1 where offer_id = $1").bind(offer_id).execute(&app.pool).await.unwrap();
    let second_need: i64 = sqlx::query_scalar(
        "insert into need (village_code, title, description, support_type, sector, status, created_by, created_at, \
                           updated_at, published_at) \
         select village_code, 'Pelatihan pengelola homestay desa', description, support_type, sector, status, \
                created_by, created_at, updated_at, published_at from need where need_id = $1 returning need_id",
    )
    .bind(need_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let partner = app.signed_in("mitra@pt.id").await;
    let offer = offer_id.to_string();
    let interest = |need: i64| {
        let (app, partner, offer) = (&app, partner.clone(), offer.clone());
        async move {
            let form = [("need_id", need.to_string()), ("offer_id", offer), ("message", String::new())];
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let opened: Value = call(app, &partner, "express_interest", &form).await.json().await.unwrap();
            opened["match_id"].as_i64().unwrap().to_string()
        }
    };
    let first = interest(need_id).await;
    let second = interest(second_need).await;
    let staff = app.signed_in("kukar@dpmd.id").await;
    let introduce = |id: String| {
        let (app, staff) = (&app, staff.clone());
        async move {
            call(app, &staff, "decide_match", &[("match_id", &id), ("decision", "introduce"), ("reason", "")]).await
        }
    };
    assert!(ok(&introduce(first.clone()).await));
    let full = introduce(second.clone()).await;
    assert_eq!(full.status(), StatusCode::BAD_REQUEST);
    let body: Value = full.json().await.unwrap();
    assert_eq!(body["errors"][0]["problem"], "offer_full", "{body}");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("kapasitas"), "in Indonesian: {body}");
    let status = |id: String| {
        let app = &app;
        async move {
            sqlx::query_scalar::<_, String>("select status from need_match where need_match_id = $1")
                .bind(id.parse::<i64>().unwrap())
                .fetch_one(&app.pool)
                .await
                .unwrap()
        }
    };
    assert_eq!(status(second.clone()).await, "interested", "nothing changed");

    // A freed place can be given; an offer that left publication cannot.
    let declined =
        call(&app, &partner, "decline_match", &[("match_id", &first), ("reason", "Jadwal kami bentrok.")]).await;
    assert!(ok(&declined));
    sqlx::query("update offer set status = 'withdrawn' where offer_id = $1")
        .bind(offer_id)
        .execute(&app.pool)
        .await
        .unwrap();
    let gone = introduce(second.clone()).await;
    assert_eq!(gone.status(), StatusCode::BAD_REQUEST);
    let body: Value = gone.json().await.unwrap();
    assert_eq!(body["errors"][0]["problem"], "offer_not_public", "{body}");
    sqlx::query("update offer set status = 'published' where offer_id = $1")
        .bind(offer_id)
        .execute(&app.pool)
        .await
        .unwrap();
    assert!(ok(&introduce(second.clone()).await));
    assert_eq!(status(second).await, "introduced");
}

/// The world's partner expresses interest in its need through its offer: the match's id.
async fn interest(app: &TestApp, need_id: i64, offer_id: i64) -> String {
    let partner = app.signed_in("mitra@pt.id").await;
    let form = [("need_id", need_id.to_string()), ("offer_id", offer_id.to_string()), ("message", String::new())];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let opened: Value = call(app, &partner, "express_interest", &form).await.json().await.unwrap();
    opened["match_id"].as_i64().unwrap().to_string()
}

/// The regency's staff introduce the sides of a match.
async fn introduce(app: &TestApp, match_id: &str) {
    let staff = app.signed_in("kukar@dpmd.id").await;
    let form = [("match_id", match_id), ("decision", "introduce"), ("reason", "")];
    let decided = call(app, &staff, "decide_match", &form).await;
    assert!(ok(&decided), "{}", decided.status());
}

/// A match of the world's need and partner, introduced by the regency's staff: its id.
async fn introduced_match(app: &TestApp, need_id: i64, offer_id: i64) -> String {
    let match_id = interest(app, need_id, offer_id).await;
    introduce(app, &match_id).await;
    match_id
}

/// Another village's operator, for the refusals.
async fn other_village_operator(app: &TestApp) -> Client {
    let village: String = sqlx::query_scalar(
        "select v.village_code from village v join district d on d.district_code = v.district_code \
         where d.regency_code = '64.02' order by v.village_code limit 1 offset 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    app.add_user("tetangga@desa.id", Role::VillageOperator, Some(&village), None, None).await;
    app.signed_in("tetangga@desa.id").await
}
