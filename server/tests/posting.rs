//! Writing needs and moderating them, through the server functions as the browser calls
//! them, on SQLite and PostgreSQL: the lifecycle, who may do what, and bad input.

mod common;

use app::domain::account::Role;
use common::{Backend, TestApp};
use reqwest::{Client, Response, StatusCode};
use serde_json::Value;

on_both_databases!(
    a_need_goes_from_draft_through_return_to_publication,
    who_may_see_write_and_decide,
    bad_input_is_refused_field_by_field_and_writes_nothing,
    editing_a_published_need_waits_for_moderation,
    queues_follow_the_jurisdiction_and_province_verifies_partners,
    a_rejected_revision_is_recorded_as_rejected,
    a_revision_cannot_rewrite_a_posting_that_left_publication,
    queues_are_paged_and_counted_past_any_cap,
    two_hundred_needs_saved_at_once_are_all_stored,
    an_offline_draft_sent_a_hundred_times_makes_one_need,
    owners_are_asked_once_whether_a_posting_is_still_current,
    answers_to_the_question_are_the_owners_and_checked,
    closed_postings_stay_readable_as_records,
    live_events_leave_once_the_change_is_committed,
);

/// The people of the scenarios: two villages of Kutai Kartanegara (64.02), one of Berau (64.03).
struct Cast {
    app: TestApp,
    organisation_id: i64,
}

async fn village_of(app: &TestApp, regency: &str, skip: i64) -> String {
    sqlx::query_scalar(
        "select v.village_code from village v join district d on d.district_code = v.district_code \
         where d.regency_code = $1 order by v.village_code limit 1 offset $2",
    )
    .bind(regency)
    .bind(skip)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

async fn cast(backend: Backend) -> Cast {
    let app = TestApp::spawn(backend).await;
    let village = village_of(&app, "64.02", 0).await;
    let neighbour = village_of(&app, "64.02", 1).await;
    let other_regency_village = village_of(&app, "64.03", 0).await;
    app.add_user("operator@desa.id", Role::VillageOperator, Some(&village), None, None).await;
    app.add_user("tetangga@desa.id", Role::VillageOperator, Some(&neighbour), None, None).await;
    app.add_user("berau@desa.id", Role::VillageOperator, Some(&other_regency_village), None, None).await;
    app.add_user("kukar@dpmd.id", Role::RegencyStaff, None, Some("64.02"), None).await;
    app.add_user("berau@dpmd.id", Role::RegencyStaff, None, Some("64.03"), None).await;
    app.add_user("provinsi@dpmd.id", Role::ProvinceStaff, None, None, None).await;
    let signup = app.sign_up_partner(&app.client(), "mitra@pt.id").await;
    assert!(signup.status().is_success() || signup.status().is_redirection());
    let organisation_id: i64 =
        sqlx::query_scalar("select organisation_id from organisation").fetch_one(&app.pool).await.unwrap();
    Cast { app, organisation_id }
}

const GOOD: [(&str, &str); 9] = [
    ("need[title]", "Pelatihan pemandu wisata air terjun"),
    (
        "need[description]",
        "Kami membutuhkan pelatihan bagi 20 pemuda desa untuk memandu wisatawan ke air terjun Tanah Merah.",
    ),
    ("need[support_type]", "training"),
    ("need[resource_kind]", ""),
    ("need[sector]", "nature_tourism"),
    ("need[beneficiaries]", "20 pemuda karang taruna"),
    ("need[window_start]", "2027-01-01"),
    ("need[window_end]", "2027-06-30"),
    ("need[value_idr]", "15.000.000"),
];

fn form<'a>(need_id: &'a str, changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![("need_id", need_id)];
    for (name, value) in GOOD {
        let changed = changes.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
        fields.push((name, changed.unwrap_or(value)));
    }
    fields
}

fn ok(response: &Response) -> bool {
    let fine = response.status().is_success() || response.status().is_redirection();
    if !fine {
        eprintln!("{} {:?}", response.url(), response.status());
    }
    fine
}

async fn save(app: &TestApp, client: &Client, need_id: &str, changes: &[(&str, &str)]) -> Response {
    app.call(client, "save_need", &form(need_id, changes)).await
}

async fn latest_need(app: &TestApp) -> i64 {
    sqlx::query_scalar("select max(need_id) from need").fetch_one(&app.pool).await.unwrap()
}

async fn status(app: &TestApp, need_id: i64) -> String {
    sqlx::query_scalar("select status from need where need_id = $1").bind(need_id).fetch_one(&app.pool).await.unwrap()
}

async fn get_need(app: &TestApp, client: &Client, need_id: i64) -> Response {
    app.call(client, "need", &[("need_id", &need_id.to_string())]).await
}

async fn decide(app: &TestApp, client: &Client, need_id: i64, decision: &str, reason: &str) -> Response {
    app.call(client, "decide_need", &[("need_id", &need_id.to_string()), ("decision", decision), ("reason", reason)])
        .await
}

async fn a_need_goes_from_draft_through_return_to_publication(backend: Backend) {
    let Cast { app, .. } = cast(backend).await;
    let operator = app.signed_in("operator@desa.id").await;
    let staff = app.signed_in("kukar@dpmd.id").await;

    let saved = save(&app, &operator, "", &[]).await;
    assert!(ok(&saved), "{}", saved.status());
    let need_id = latest_need(&app).await;
    assert_eq!(status(&app, need_id).await, "draft");
    let value: i64 = sqlx::query_scalar("select value_idr from need where need_id = $1")
        .bind(need_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(value, 15_000_000);

    // Staff cannot decide a draft: it has not been submitted.
    assert_eq!(decide(&app, &staff, need_id, "approve", "").await.status(), StatusCode::CONFLICT);

    let id = need_id.to_string();
    assert!(ok(&app.call(&operator, "submit_need", &[("need_id", &id)]).await));
    assert_eq!(status(&app, need_id).await, "submitted");

    // Returning needs a reason.
    let missing = decide(&app, &staff, need_id, "return", " ").await;
    assert_eq!(missing.status(), StatusCode::BAD_REQUEST);
    assert_eq!(status(&app, need_id).await, "submitted");
    let returned = decide(&app, &staff, need_id, "return", "Sebutkan lokasi air terjun dan jumlah peserta.").await;
    assert!(ok(&returned), "{}", returned.status());
    assert_eq!(status(&app, need_id).await, "returned");

    // The operator sees the reason and is notified; visitors see nothing.
    let body: Value = get_need(&app, &operator, need_id).await.json().await.unwrap();
    assert_eq!(body["state"]["status_reason"], "Sebutkan lokasi air terjun dan jumlah peserta.");
    assert_eq!(body["state"]["can_edit"], true);
    let notifications: Value = app.call(&operator, "notifications", &[]).await.json().await.unwrap();
    assert_eq!(notifications[0]["kind"], "need.returned");
    assert_eq!(notifications[0]["link"], format!("/peluang/{need_id}"));
    assert_eq!(get_need(&app, &app.client(), need_id).await.status(), StatusCode::NOT_FOUND);

    let fixed = save(&app, &operator, &id, &[("need[title]", "Pelatihan pemandu wisata Air Terjun Tanah Merah")]).await;
    assert!(ok(&fixed), "{}", fixed.status());
    assert_eq!(status(&app, need_id).await, "returned");
    assert!(ok(&app.call(&operator, "submit_need", &[("need_id", &id)]).await));
    // Not found before publication (and this result is now in the search cache)…
    let words = "/api/v1/needs?q=Tanah%20Merah%20pemandu";
    let before: Value = app.get(words).await.json().await.unwrap();
    assert_eq!(before["total"], 0);
    assert!(ok(&decide(&app, &staff, need_id, "approve", "").await));
    assert_eq!(status(&app, need_id).await, "published");
    // …found right after: the decision changed the needs, so the cache let the result go.
    let after: Value = app.get(words).await.json().await.unwrap();
    assert_eq!(after["total"], 1);

    // Now public, without the moderation reason.
    let public: Value = get_need(&app, &app.client(), need_id).await.json().await.unwrap();
    assert_eq!(public["content"]["title"], "Pelatihan pemandu wisata Air Terjun Tanah Merah");
    assert_eq!(public["state"]["status_reason"], Value::Null);
    assert_eq!(public["state"]["can_edit"], false);
    let page = app.client().get(app.url(&format!("/peluang/{need_id}"))).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains(r#"property="og:title" content="Pelatihan pemandu wisata Air Terjun Tanah Merah · Mitra Desa""#)
    );
    assert!(html.contains("https://wa.me/?text="));

    // Every step is in the audit log.
    let actions: Vec<String> = sqlx::query_scalar(
        "select action from audit_log where entity_type = 'need' and entity_id = $1 order by audit_id",
    )
    .bind(&id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        actions,
        ["need.created", "need.submitted", "need.returned", "need.edited", "need.submitted", "need.published"]
    );
    let reason: Option<String> = sqlx::query_scalar("select reason from audit_log where action = 'need.returned'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(reason.as_deref(), Some("Sebutkan lokasi air terjun dan jumlah peserta."));

    // Withdrawing takes it off the public list.
    assert!(ok(&app.call(&operator, "withdraw_need", &[("need_id", &id)]).await));
    assert_eq!(get_need(&app, &app.client(), need_id).await.status(), StatusCode::NOT_FOUND);
}

async fn who_may_see_write_and_decide(backend: Backend) {
    let Cast { app, .. } = cast(backend).await;
    let operator = app.signed_in("operator@desa.id").await;
    assert!(ok(&save(&app, &operator, "", &[]).await));
    let need_id = latest_need(&app).await;
    let id = need_id.to_string();
    assert!(ok(&app.call(&operator, "submit_need", &[("need_id", &id)]).await));

    // A submitted need: its village and its staff see it, nobody else knows it exists.
    let expectations = [
        (None, StatusCode::NOT_FOUND),
        (Some("operator@desa.id"), StatusCode::OK),
        (Some("tetangga@desa.id"), StatusCode::NOT_FOUND),
        (Some("berau@desa.id"), StatusCode::NOT_FOUND),
        (Some("mitra@pt.id"), StatusCode::NOT_FOUND),
        (Some("kukar@dpmd.id"), StatusCode::OK),
        (Some("berau@dpmd.id"), StatusCode::NOT_FOUND),
        (Some("provinsi@dpmd.id"), StatusCode::OK),
    ];
    for (who, expected) in expectations {
        let client = match who {
            Some(email) => app.signed_in(email).await,
            None => app.client(),
        };
        assert_eq!(get_need(&app, &client, need_id).await.status(), expected, "{who:?} reading");
    }

    // Writing: only operators, and only their own village's needs.
    let writers = [
        (None, "", StatusCode::UNAUTHORIZED),
        (Some("mitra@pt.id"), "", StatusCode::FORBIDDEN),
        (Some("kukar@dpmd.id"), "", StatusCode::FORBIDDEN),
        (Some("tetangga@desa.id"), id.as_str(), StatusCode::NOT_FOUND),
        // Submitted: waits for the decision before it can change.
        (Some("operator@desa.id"), id.as_str(), StatusCode::FORBIDDEN),
    ];
    for (who, target, expected) in writers {
        let client = match who {
            Some(email) => app.signed_in(email).await,
            None => app.client(),
        };
        assert_eq!(save(&app, &client, target, &[]).await.status(), expected, "{who:?} writing {target:?}");
    }
    for endpoint in ["submit_need", "withdraw_need"] {
        let neighbour = app.signed_in("tetangga@desa.id").await;
        assert_eq!(app.call(&neighbour, endpoint, &[("need_id", &id)]).await.status(), StatusCode::NOT_FOUND);
        let staff = app.signed_in("kukar@dpmd.id").await;
        assert_eq!(app.call(&staff, endpoint, &[("need_id", &id)]).await.status(), StatusCode::FORBIDDEN);
    }

    // Deciding: staff of the regency and of the province only.
    let deciders = [
        (None, StatusCode::UNAUTHORIZED),
        (Some("operator@desa.id"), StatusCode::FORBIDDEN),
        (Some("mitra@pt.id"), StatusCode::FORBIDDEN),
        (Some("berau@dpmd.id"), StatusCode::NOT_FOUND),
    ];
    for (who, expected) in deciders {
        let client = match who {
            Some(email) => app.signed_in(email).await,
            None => app.client(),
        };
        assert_eq!(decide(&app, &client, need_id, "approve", "").await.status(), expected, "{who:?} deciding");
    }
    assert_eq!(status(&app, need_id).await, "submitted");
    let province = app.signed_in("provinsi@dpmd.id").await;
    assert!(ok(&decide(&app, &province, need_id, "approve", "").await));

    // Published: everyone reads it, but staff of another regency still cannot moderate it.
    let berau = app.signed_in("berau@dpmd.id").await;
    let seen: Value = get_need(&app, &berau, need_id).await.json().await.unwrap();
    assert_eq!(seen["state"]["can_moderate"], false);
    assert_eq!(seen["state"]["status_reason"], Value::Null);
    assert_eq!(decide(&app, &berau, need_id, "reject", "Tidak sesuai.").await.status(), StatusCode::FORBIDDEN);

    // Queues and my_needs are for their roles only.
    assert_eq!(app.call(&app.client(), "moderation_queue", &[]).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.call(&operator, "moderation_queue", &[]).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.call(&berau, "my_needs", &[]).await.status(), StatusCode::FORBIDDEN);
    let mine: Value = app.call(&operator, "my_needs", &[]).await.json().await.unwrap();
    assert_eq!(mine.as_array().unwrap().len(), 1);
    let neighbour = app.signed_in("tetangga@desa.id").await;
    let theirs: Value = app.call(&neighbour, "my_needs", &[]).await.json().await.unwrap();
    assert!(theirs.as_array().unwrap().is_empty());
}

async fn bad_input_is_refused_field_by_field_and_writes_nothing(backend: Backend) {
    let Cast { app, .. } = cast(backend).await;
    let operator = app.signed_in("operator@desa.id").await;
    let long = "x".repeat(5000);
    let cases: Vec<(&str, &str, &str)> = vec![
        ("need[title]", "", "required"),
        ("need[title]", "<script>alert(1)</script>", "invalid_characters"),
        ("need[title]", long.as_str(), "too_long"),
        ("need[description]", "pendek", "too_short"),
        (
            "need[description]",
            "<img src=x onerror=alert(1)> sangat panjang sekali lebih dari tiga puluh",
            "invalid_characters",
        ),
        ("need[support_type]", "money", "invalid_choice"),
        ("need[sector]", "mining", "invalid_choice"),
        ("need[window_end]", "2020-01-01", "end_before_start"),
        ("need[window_start]", "31/12/2027", "invalid_date"),
        ("need[value_idr]", "-5", "out_of_range"),
        ("need[value_idr]", "lima juta", "invalid_number"),
        ("need[beneficiaries]", "\u{0}\u{1}", "invalid_characters"),
    ];
    for (field, value, problem) in cases {
        let response = save(&app, &operator, "", &[(field, value)]).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{field}={value:?}");
        let body: Value = response.json().await.unwrap();
        let name = field.trim_start_matches("need[").trim_end_matches(']');
        let error = body["errors"].as_array().unwrap().iter().find(|e| e["field"] == name).cloned();
        let error = error.unwrap_or_else(|| panic!("no error for {name}: {body}"));
        assert_eq!(error["problem"], problem, "{field}={value:?}");
        assert!(!error["message"].as_str().unwrap().is_empty());
        // What was typed comes back, so the form can show it again.
        let echoed = body["input"].as_array().unwrap().iter().find(|pair| pair[0] == name).cloned().unwrap();
        assert_eq!(echoed[1], value);
    }
    // A resource-access need must say which resource.
    let response = save(&app, &operator, "", &[("need[support_type]", "resource_access")]).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    // Malformed requests: invalid UTF-8, a missing field, a non-numeric id.
    let raw = operator
        .post(app.url("/api/save_need"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("need_id=&need[title]=%FF%FE&need[description]=x")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), StatusCode::BAD_REQUEST);
    let missing = app.call(&operator, "save_need", &[("need_id", "")]).await;
    assert_eq!(missing.status(), StatusCode::BAD_REQUEST);
    assert_eq!(save(&app, &operator, "abc", &[]).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.call(&operator, "submit_need", &[("need_id", "1; drop table need")]).await.status(),
        StatusCode::BAD_REQUEST
    );

    let count: i64 = sqlx::query_scalar("select count(*) from need").fetch_one(&app.pool).await.unwrap();
    assert_eq!(count, 0, "nothing was written");
    let audit: i64 = sqlx::query_scalar("select count(*) from audit_log where entity_type = 'need'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(audit, 0);

    // Decisions: unknown decision, missing or marked-up reason.
    assert!(ok(&save(&app, &operator, "", &[]).await));
    let need_id = latest_need(&app).await;
    assert!(ok(&app.call(&operator, "submit_need", &[("need_id", &need_id.to_string())]).await));
    let staff = app.signed_in("kukar@dpmd.id").await;
    for (decision, reason, field) in
        [("delete", "", "decision"), ("reject", "", "reason"), ("return", "<script>x</script>", "reason")]
    {
        let response = decide(&app, &staff, need_id, decision, reason).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{decision} {reason:?}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["errors"][0]["field"], field);
    }
    assert_eq!(status(&app, need_id).await, "submitted");
}

async fn editing_a_published_need_waits_for_moderation(backend: Backend) {
    let Cast { app, .. } = cast(backend).await;
    let operator = app.signed_in("operator@desa.id").await;
    let staff = app.signed_in("kukar@dpmd.id").await;
    assert!(ok(&save(&app, &operator, "", &[]).await));
    let need_id = latest_need(&app).await;
    let id = need_id.to_string();
    assert!(ok(&app.call(&operator, "submit_need", &[("need_id", &id)]).await));
    assert!(ok(&decide(&app, &staff, need_id, "approve", "").await));

    let changed =
        save(&app, &operator, &id, &[("need[title]", "Pelatihan pemandu wisata dan pengelola homestay")]).await;
    assert!(ok(&changed), "{}", changed.status());
    // The published text stays until staff approve the change.
    let public: Value = get_need(&app, &app.client(), need_id).await.json().await.unwrap();
    assert_eq!(public["content"]["title"], "Pelatihan pemandu wisata air terjun");
    assert_eq!(public["pending_revision"], Value::Null);
    let own: Value = get_need(&app, &operator, need_id).await.json().await.unwrap();
    assert_eq!(own["pending_revision"]["content"]["title"], "Pelatihan pemandu wisata dan pengelola homestay");
    let revision_id = own["pending_revision"]["revision_id"].as_i64().unwrap().to_string();

    let queue: Value = app.call(&staff, "moderation_queue", &[]).await.json().await.unwrap();
    assert_eq!(queue["need_revisions"]["items"][0]["posting_id"], need_id);
    let berau = app.signed_in("berau@dpmd.id").await;
    let decision = [("revision_id", revision_id.as_str()), ("decision", "approve"), ("reason", "")];
    assert_eq!(app.call(&berau, "decide_need_revision", &decision).await.status(), StatusCode::FORBIDDEN);
    assert!(ok(&app.call(&staff, "decide_need_revision", &decision).await));
    let public: Value = get_need(&app, &app.client(), need_id).await.json().await.unwrap();
    assert_eq!(public["content"]["title"], "Pelatihan pemandu wisata dan pengelola homestay");
    assert_eq!(status(&app, need_id).await, "published");
    // Decided once: a second decision conflicts.
    assert_eq!(app.call(&staff, "decide_need_revision", &decision).await.status(), StatusCode::NOT_FOUND);
}

async fn queues_follow_the_jurisdiction_and_province_verifies_partners(backend: Backend) {
    let Cast { app, organisation_id, .. } = cast(backend).await;
    for email in ["operator@desa.id", "berau@desa.id"] {
        let operator = app.signed_in(email).await;
        assert!(ok(&save(&app, &operator, "", &[]).await));
        let id = latest_need(&app).await.to_string();
        assert!(ok(&app.call(&operator, "submit_need", &[("need_id", &id)]).await));
    }
    let kukar: Value =
        app.call(&app.signed_in("kukar@dpmd.id").await, "moderation_queue", &[]).await.json().await.unwrap();
    assert_eq!(kukar["needs"]["items"].as_array().unwrap().len(), 1);
    assert_eq!(kukar["needs"]["total"], 1);
    assert!(kukar["needs"]["items"][0]["by"].as_str().unwrap().ends_with("Kutai Kartanegara"));
    assert!(kukar["organisations"]["items"].as_array().unwrap().is_empty(), "regency staff do not verify partners");
    let province = app.signed_in("provinsi@dpmd.id").await;
    let all: Value = app.call(&province, "moderation_queue", &[]).await.json().await.unwrap();
    assert_eq!(all["needs"]["items"].as_array().unwrap().len(), 2);
    assert_eq!(all["organisations"]["items"][0]["organisation_id"], organisation_id);

    let org = organisation_id.to_string();
    let verify = [("organisation_id", org.as_str()), ("decision", "verify"), ("reason", "")];
    let regency = app.signed_in("kukar@dpmd.id").await;
    assert_eq!(app.call(&regency, "decide_organisation", &verify).await.status(), StatusCode::FORBIDDEN);
    let partner = app.signed_in("mitra@pt.id").await;
    assert_eq!(app.call(&partner, "decide_organisation", &verify).await.status(), StatusCode::FORBIDDEN);
    let reject = [("organisation_id", org.as_str()), ("decision", "reject"), ("reason", "")];
    assert_eq!(app.call(&province, "decide_organisation", &reject).await.status(), StatusCode::BAD_REQUEST);
    assert!(ok(&app.call(&province, "decide_organisation", &verify).await));
    assert_eq!(app.call(&province, "decide_organisation", &verify).await.status(), StatusCode::CONFLICT);
    let status: String = sqlx::query_scalar("select status from organisation where organisation_id = $1")
        .bind(organisation_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(status, "verified");
    let session = app.session(&partner).await;
    assert_eq!(session["user"]["scope"]["status"], "verified");
    let notifications: Value = app.call(&partner, "notifications", &[]).await.json().await.unwrap();
    assert_eq!(notifications[0]["kind"], "organisation.verified");
}

/// A published need of the operator's village with a pending change; returns the need's
/// and the revision's ids.
async fn published_with_revision(app: &TestApp, operator: &Client, staff: &Client) -> (i64, String) {
    assert!(ok(&save(app, operator, "", &[]).await));
    let need_id = latest_need(app).await;
    let id = need_id.to_string();
    assert!(ok(&app.call(operator, "submit_need", &[("need_id", &id)]).await));
    assert!(ok(&decide(app, staff, need_id, "approve", "").await));
    assert!(ok(&save(app, operator, &id, &[("need[title]", "Pelatihan pemandu wisata dan pengelola homestay")]).await));
    let own: Value = get_need(app, operator, need_id).await.json().await.unwrap();
    (need_id, own["pending_revision"]["revision_id"].as_i64().unwrap().to_string())
}

/// Defect: "reject" on a revision used to be recorded as "returned".
async fn a_rejected_revision_is_recorded_as_rejected(backend: Backend) {
    let Cast { app, .. } = cast(backend).await;
    let operator = app.signed_in("operator@desa.id").await;
    let staff = app.signed_in("kukar@dpmd.id").await;
    let (need_id, revision_id) = published_with_revision(&app, &operator, &staff).await;
    let reject = [("revision_id", revision_id.as_str()), ("decision", "reject"), ("reason", "Judul lama lebih jelas.")];
    assert!(ok(&app.call(&staff, "decide_need_revision", &reject).await));
    let (stored, reason): (String, Option<String>) =
        sqlx::query_as("select status, status_reason from need_revision where need_revision_id = $1")
            .bind(revision_id.parse::<i64>().unwrap())
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((stored.as_str(), reason.as_deref()), ("rejected", Some("Judul lama lebih jelas.")));
    let action: String = sqlx::query_scalar(
        "select action from audit_log where entity_type = 'need_revision' and entity_id = $1 order by audit_id desc",
    )
    .bind(&revision_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(action, "need_revision.rejected");
    let public: Value = get_need(&app, &app.client(), need_id).await.json().await.unwrap();
    assert_eq!(public["content"]["title"], "Pelatihan pemandu wisata air terjun", "the published version stays");
    let notifications: Value = app.call(&operator, "notifications", &[]).await.json().await.unwrap();
    assert_eq!(notifications[0]["kind"], "need_revision.rejected");
    // And a return is a return.
    let (_, second) = published_with_revision(&app, &operator, &staff).await;
    let back = [("revision_id", second.as_str()), ("decision", "return"), ("reason", "Tambahkan jadwalnya.")];
    assert!(ok(&app.call(&staff, "decide_need_revision", &back).await));
    let stored: String = sqlx::query_scalar("select status from need_revision where need_revision_id = $1")
        .bind(second.parse::<i64>().unwrap())
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, "returned");
}

/// Defect: a revision of a withdrawn (or expired) posting could still be approved and
/// rewrote it.
async fn a_revision_cannot_rewrite_a_posting_that_left_publication(backend: Backend) {
    let Cast { app, .. } = cast(backend).await;
    let operator = app.signed_in("operator@desa.id").await;
    let staff = app.signed_in("kukar@dpmd.id").await;
    let (need_id, revision_id) = published_with_revision(&app, &operator, &staff).await;
    assert!(ok(&app.call(&operator, "withdraw_need", &[("need_id", &need_id.to_string())]).await));
    let approve = [("revision_id", revision_id.as_str()), ("decision", "approve"), ("reason", "")];
    let refused = app.call(&staff, "decide_need_revision", &approve).await;
    assert!(!refused.status().is_success() && !refused.status().is_server_error(), "{}", refused.status());
    let (status, title): (String, String) = sqlx::query_as("select status, title from need where need_id = $1")
        .bind(need_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!((status.as_str(), title.as_str()), ("withdrawn", "Pelatihan pemandu wisata air terjun"));
    let revision: String = sqlx::query_scalar("select status from need_revision where need_revision_id = $1")
        .bind(revision_id.parse::<i64>().unwrap())
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(revision, "withdrawn", "withdrawing the need closed its pending change");
    let queue: Value = app.call(&staff, "moderation_queue", &[]).await.json().await.unwrap();
    assert_eq!(queue["need_revisions"]["total"], 0);

    // Even a revision left pending (written before this rule) cannot rewrite an expired need.
    let (need_id, revision_id) = published_with_revision(&app, &operator, &staff).await;
    sqlx::query("update need set status = 'expired' where need_id = $1")
        .bind(need_id)
        .execute(&app.pool)
        .await
        .unwrap();
    let approve = [("revision_id", revision_id.as_str()), ("decision", "approve"), ("reason", "")];
    assert_eq!(app.call(&staff, "decide_need_revision", &approve).await.status(), StatusCode::CONFLICT);
    let title: String = sqlx::query_scalar("select title from need where need_id = $1")
        .bind(need_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(title, "Pelatihan pemandu wisata air terjun");
}

/// Defect: every queue was cut at 200 rows and the navigation count added up the cut lists.
async fn queues_are_paged_and_counted_past_any_cap(backend: Backend) {
    let Cast { app, .. } = cast(backend).await;
    let village = village_of(&app, "64.02", 0).await;
    let creator: i64 = sqlx::query_scalar("select user_id from app_user where email = 'operator@desa.id'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    for n in 0..230 {
        let at = format!("2026-11-01T00:{:02}:{:02}.000Z", n / 60, n % 60);
        sqlx::query(
            "insert into need (village_code, title, description, support_type, sector, status, created_by, \
                               created_at, updated_at, submitted_at) \
             values ($1, $2, 'Deskripsi kebutuhan yang cukup panjang untuk diuji.', 'training', 'health', \
                     'submitted', $3, $4, $4, $4)",
        )
        .bind(&village)
        .bind(format!("Kebutuhan nomor {n:03}"))
        .bind(creator)
        .bind(at)
        .execute(&app.pool)
        .await
        .unwrap();
    }
    let staff = app.signed_in("kukar@dpmd.id").await;
    let count: Value = app.call(&staff, "moderation_count", &[]).await.json().await.unwrap();
    assert_eq!(count, 230, "counted, not the length of a list");
    let first: Value = app.call(&staff, "moderation_queue", &[]).await.json().await.unwrap();
    assert_eq!((first["needs"]["total"].as_i64(), first["needs"]["pages"].as_i64()), (Some(230), Some(12)));
    assert_eq!(first["needs"]["items"].as_array().unwrap().len(), 20);
    assert_eq!(first["needs"]["items"][0]["title"], "Kebutuhan nomor 000", "oldest first");
    let last: Value = app.call(&staff, "moderation_queue", &[("pages[kebutuhan]", "12")]).await.json().await.unwrap();
    let titles: Vec<&str> =
        last["needs"]["items"].as_array().unwrap().iter().map(|n| n["title"].as_str().unwrap()).collect();
    assert_eq!(titles.len(), 10);
    assert_eq!(titles.last(), Some(&"Kebutuhan nomor 229"), "the 230th is reachable");
    // The page of the queue lives in the URL.
    let html = staff.get(app.url("/moderasi?kebutuhan=12")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Kebutuhan nomor 229") && !html.contains("Kebutuhan nomor 000"), "page 12 only");
    // Berau staff count none of them.
    let berau = app.signed_in("berau@dpmd.id").await;
    let count: Value = app.call(&berau, "moderation_count", &[]).await.json().await.unwrap();
    assert_eq!(count, 0);
}

/// Defect: concurrent submissions on SQLite failed with "database is locked" (a deferred
/// transaction that reads and then writes cannot wait for the lock). Every one of 200
/// concurrent saves must be stored, and none may answer 5xx.
async fn two_hundred_needs_saved_at_once_are_all_stored(backend: Backend) {
    let Cast { app, .. } = cast(backend).await;
    let operator = app.signed_in("operator@desa.id").await;
    let before = sqlx::query_scalar::<_, i64>("select count(*) from need").fetch_one(&app.pool).await.unwrap();
    let saves = (0..200).map(|n| {
        let (app, operator) = (&app, operator.clone());
        async move {
            let title = format!("Pelatihan pemandu wisata nomor {n:03}");
            save(app, &operator, "", &[("need[title]", title.as_str())]).await.status()
        }
    });
    let statuses = futures::future::join_all(saves).await;
    let failed: Vec<_> = statuses.iter().filter(|s| !(s.is_success() || s.is_redirection())).collect();
    assert!(failed.is_empty(), "{} of 200 saves failed: {failed:?}", failed.len());
    let after = sqlx::query_scalar::<_, i64>("select count(*) from need").fetch_one(&app.pool).await.unwrap();
    assert_eq!(after - before, 200);
    let audited: i64 = sqlx::query_scalar("select count(*) from audit_log where action = 'need.created'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(audited, 200, "each with its audit entry, in the same transaction");
}

/// A draft written offline is sent when the connection returns — perhaps several times, when
/// the answer was lost on the way back. However often and however concurrently it comes,
/// one need exists, every answer leads to it, and one audit entry says it was created. The
/// device's id is the village's own: another village may use the same one; a malformed id
/// is refused with nothing written.
async fn an_offline_draft_sent_a_hundred_times_makes_one_need(backend: Backend) {
    let Cast { app, .. } = cast(backend).await;
    let operator = app.signed_in("operator@desa.id").await;
    let draft = "3f1c9a6e-5b7d-4e2a-9c81-0d6f2b4a7e19";
    let title = "Pelatihan pengolahan kopi dari ponsel";
    let mut fields = form("", &[("need[title]", title)]);
    fields.push(("client_id", draft));
    let sends = (0..100).map(|_| {
        let (app, operator, fields) = (&app, operator.clone(), fields.clone());
        async move {
            let response = app.call(&operator, "save_need", &fields).await;
            assert!(ok(&response), "every send is answered as a success");
            response.headers().get("location").map(|l| l.to_str().unwrap().to_owned())
        }
    });
    let answers = futures::future::join_all(sends).await;
    let needs: Vec<i64> =
        sqlx::query_scalar("select need_id from need where title = $1").bind(title).fetch_all(&app.pool).await.unwrap();
    assert_eq!(needs.len(), 1, "one need, however often the draft came");
    let page = app::domain::posting::PostingKind::Need.path(needs[0]);
    assert!(answers.iter().all(|a| a.as_deref() == Some(page.as_str())), "every answer leads to it: {answers:?}");
    let audited: i64 =
        sqlx::query_scalar("select count(*) from audit_log where action = 'need.created' and entity_id = $1")
            .bind(needs[0].to_string())
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(audited, 1);

    // Another village's device may have made the same id: its draft is its own.
    let neighbour = app.signed_in("tetangga@desa.id").await;
    assert!(ok(&app.call(&neighbour, "save_need", &fields).await));
    let villages: i64 = sqlx::query_scalar("select count(distinct village_code) from need where title = $1")
        .bind(title)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(villages, 2);

    // A malformed id is a validation error naming the field, and nothing is written.
    let before: i64 = sqlx::query_scalar("select count(*) from need").fetch_one(&app.pool).await.unwrap();
    for bad in ["short", "<script>alert(1)</script>-xxxxxxxx", &"a".repeat(65)] {
        let mut fields = form("", &[]);
        fields.push(("client_id", bad));
        let response = app.call(&operator, "save_need", &fields).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bad}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["errors"][0]["field"], "client_id", "{body}");
    }
    let after: i64 = sqlx::query_scalar("select count(*) from need").fetch_one(&app.pool).await.unwrap();
    assert_eq!(before, after);
}

/// Defect: live announcements left after a fixed 150 ms sleep whether or not the
/// transaction had committed. They leave after the commit (on SQLite, before the answer is
/// sent; with PostgreSQL, through NOTIFY), the change is there when a page hears of it, and
/// a change that did not happen announces nothing.
async fn live_events_leave_once_the_change_is_committed(backend: Backend) {
    use app::ssr::live::Event;
    use tokio::sync::broadcast::Receiver;
    async fn next(events: &mut Receiver<Event>) -> Event {
        tokio::time::timeout(std::time::Duration::from_secs(10), events.recv()).await.expect("an event").unwrap()
    }
    let Cast { app, .. } = cast(backend).await;
    let operator = app.signed_in("operator@desa.id").await;
    let staff = app.signed_in("kukar@dpmd.id").await;
    assert!(ok(&save(&app, &operator, "", &[]).await));
    let need_id = latest_need(&app).await;
    let mut events = app.state.live.subscribe();
    assert!(ok(&app.call(&operator, "submit_need", &[("need_id", &need_id.to_string())]).await));
    // What the submission announced has arrived once the marker sent after it has.
    app.state.live.publish(Event::for_users(&[-1], "start"));
    while next(&mut events).await.topic != "start" {}
    assert!(ok(&decide(&app, &staff, need_id, "approve", "").await));
    if backend == Backend::Sqlite {
        assert!(!events.is_empty(), "on one instance the events are out when the answer comes");
    }
    let mut topics = Vec::new();
    while !(topics.contains(&"notification".to_owned()) && topics.contains(&"queue".to_owned())) {
        topics.push(next(&mut events).await.topic);
        // Whoever hears of it finds the change committed.
        assert_eq!(status(&app, need_id).await, "published");
    }
    // A refused change announces nothing: the next event is the marker sent after it.
    assert_eq!(decide(&app, &staff, need_id, "approve", "").await.status(), StatusCode::CONFLICT);
    app.state.live.publish(Event::for_users(&[-1], "marker"));
    assert_eq!(next(&mut events).await.topic, "marker");
}

/// A published need of the operator's, with its window ending `window_end` ("" for none).
async fn published_need(app: &TestApp, operator: &Client, staff: &Client, title: &str, window_end: &str) -> i64 {
    let changes = [("need[title]", title), ("need[window_start]", ""), ("need[window_end]", window_end)];
    assert!(ok(&save(app, operator, "", &changes).await));
    let need_id = latest_need(app).await;
    assert!(ok(&app.call(operator, "submit_need", &[("need_id", &need_id.to_string())]).await));
    assert!(ok(&decide(app, staff, need_id, "approve", "").await));
    need_id
}

/// Two published needs due for the question: one whose window ends in ten days, one
/// without a window and unchanged for 91 days.
async fn ending_and_quiet(app: &TestApp, operator: &Client, staff: &Client) -> (i64, i64) {
    use app::ssr::db::{date_in_days, days_ago};
    let ending = published_need(app, operator, staff, "Pelatihan pembukuan BUMDes", &date_in_days(10)).await;
    let quiet = published_need(app, operator, staff, "Pendampingan pengelolaan air bersih", "").await;
    sqlx::query("update need set updated_at = $1 where need_id = $2")
        .bind(days_ago(91))
        .bind(quiet)
        .execute(&app.pool)
        .await
        .unwrap();
    (ending, quiet)
}

async fn asked_at(app: &TestApp, need_id: i64) -> Option<String> {
    sqlx::query_scalar("select stale_prompted_at from need where need_id = $1")
        .bind(need_id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn stale_count(app: &TestApp, client: &Client) -> usize {
    let lines: Value = app.call(client, "stale_postings", &[]).await.json().await.unwrap();
    lines.as_array().unwrap_or_else(|| panic!("{lines}")).len()
}

/// A window ending within two weeks, or 90 days without a change, makes the system ask the
/// owners once (a notification, an audit entry); the question shows on the page to them
/// only, and in the jurisdiction's staff queue until answered.
async fn owners_are_asked_once_whether_a_posting_is_still_current(backend: Backend) {
    use app::ssr::db::date_in_days;
    use app::ssr::staleness::ask_due;
    let Cast { app, .. } = cast(backend).await;
    let (operator, staff) = (app.signed_in("operator@desa.id").await, app.signed_in("kukar@dpmd.id").await);
    let (ending, quiet) = ending_and_quiet(&app, &operator, &staff).await;
    let later = published_need(&app, &operator, &staff, "Pelatihan pemasaran daring", &date_in_days(60)).await;
    let fresh = published_need(&app, &operator, &staff, "Pelatihan budidaya ikan nila", "").await;

    assert_eq!(ask_due(&app.state).await.unwrap(), (2, 0));
    assert_eq!(ask_due(&app.state).await.unwrap(), (0, 0), "asked once, until answered");
    assert!(asked_at(&app, ending).await.is_some() && asked_at(&app, quiet).await.is_some());
    assert!(asked_at(&app, later).await.is_none() && asked_at(&app, fresh).await.is_none());
    let notified: i64 = sqlx::query_scalar("select count(*) from notification where kind = 'need.stale_question'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(notified, 2);
    let audited: i64 =
        sqlx::query_scalar("select count(*) from audit_log where action = 'need.stale_question' and actor_id is null")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(audited, 2);

    // The question is the owners' only.
    let own: Value = get_need(&app, &operator, ending).await.json().await.unwrap();
    assert_eq!(own["state"]["question"]["window_end"], date_in_days(10).as_str(), "{own}");
    assert_eq!(own["state"]["question"]["extend_from"], date_in_days(11).as_str());
    for client in [app.client(), app.signed_in("tetangga@desa.id").await, staff.clone()] {
        let seen: Value = get_need(&app, &client, ending).await.json().await.unwrap();
        assert!(seen["state"]["question"].is_null(), "{seen}");
    }
    // Lists: the owners' own, the jurisdiction's staff; nobody else.
    assert_eq!(stale_count(&app, &operator).await, 2);
    assert_eq!(stale_count(&app, &staff).await, 2);
    assert_eq!(stale_count(&app, &app.signed_in("provinsi@dpmd.id").await).await, 2);
    assert_eq!(stale_count(&app, &app.signed_in("berau@dpmd.id").await).await, 0);
    assert_eq!(stale_count(&app, &app.signed_in("tetangga@desa.id").await).await, 0);
    assert_eq!(app.call(&app.client(), "stale_postings", &[]).await.status(), StatusCode::UNAUTHORIZED);
}

async fn answer(app: &TestApp, client: &Client, need_id: i64, answer: &str, window_end: &str) -> Response {
    let id = need_id.to_string();
    let form = [("kind", "need"), ("posting_id", id.as_str()), ("answer", answer), ("window_end", window_end)];
    app.call(client, "answer_question", &form).await
}

/// Only the owners answer, each answer is checked (a clear message per field, nothing
/// written on a refusal), and each does what it says: the window extended or the posting
/// confirmed (it stays published, the question closes and is not asked again), fulfilled,
/// withdrawn.
async fn answers_to_the_question_are_the_owners_and_checked(backend: Backend) {
    use app::ssr::db::date_in_days;
    use app::ssr::staleness::ask_due;
    let Cast { app, .. } = cast(backend).await;
    let (operator, staff) = (app.signed_in("operator@desa.id").await, app.signed_in("kukar@dpmd.id").await);
    let (ending, quiet) = ending_and_quiet(&app, &operator, &staff).await;
    assert_eq!(ask_due(&app.state).await.unwrap(), (2, 0));

    // Others may not answer.
    let neighbour = app.signed_in("tetangga@desa.id").await;
    assert_eq!(answer(&app, &neighbour, ending, "confirm", "").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(answer(&app, &staff, ending, "confirm", "").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(answer(&app, &app.client(), ending, "confirm", "").await.status(), StatusCode::UNAUTHORIZED);
    let other_kind = [("kind", "offer"), ("posting_id", "999999"), ("answer", "confirm")];
    assert_eq!(app.call(&operator, "answer_question", &other_kind).await.status(), StatusCode::FORBIDDEN);

    // Bad answers are named and write nothing.
    for (bad, end, field) in [
        ("extend", "", "window_end"),
        ("extend", "besok", "window_end"),
        ("extend", &date_in_days(0), "window_end"),
        ("extend", &date_in_days(5), "window_end"),
        ("hapus", "", "answer"),
    ] {
        let response = answer(&app, &operator, ending, bad, end).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bad} {end}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["errors"][0]["field"], field, "{body}");
        assert!(!body["errors"][0]["message"].as_str().unwrap().is_empty());
    }
    assert!(asked_at(&app, ending).await.is_some());

    // Extended: still published, the new end stored, the question closed and not asked again.
    let new_end = date_in_days(90);
    let extended = answer(&app, &operator, ending, "extend", &new_end).await;
    assert!(ok(&extended));
    assert_eq!(extended.headers()["location"], app::domain::posting::PostingKind::Need.path(ending).as_str());
    assert_eq!(status(&app, ending).await, "published");
    let end: String = sqlx::query_scalar("select window_end from need where need_id = $1")
        .bind(ending)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(end, new_end);
    assert!(asked_at(&app, ending).await.is_none());
    // Confirmed: the same, and its quiet time starts again.
    assert!(ok(&answer(&app, &operator, quiet, "confirm", "").await));
    assert!(asked_at(&app, quiet).await.is_none());
    assert_eq!(ask_due(&app.state).await.unwrap(), (0, 0));
    assert_eq!(stale_count(&app, &staff).await, 0);
    let audited: Vec<String> = sqlx::query_scalar(
        "select action from audit_log where action in ('need.extended', 'need.confirmed') order by 1",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, ["need.confirmed", "need.extended"]);

    // Fulfilled and withdrawn close it; a closed posting cannot be answered for again.
    assert!(ok(&answer(&app, &operator, ending, "fulfilled", "").await));
    assert_eq!(status(&app, ending).await, "fulfilled");
    assert_eq!(answer(&app, &operator, ending, "confirm", "").await.status(), StatusCode::CONFLICT);
    assert!(ok(&answer(&app, &operator, quiet, "withdraw", "").await));
    assert_eq!(status(&app, quiet).await, "withdrawn");
}

/// Expired (after publication) and fulfilled postings keep their page for everyone, with
/// the day they closed; an expired draft that was never published stays private.
async fn closed_postings_stay_readable_as_records(backend: Backend) {
    use app::ssr::db::date_in_days;
    let Cast { app, .. } = cast(backend).await;
    let operator = app.signed_in("operator@desa.id").await;
    let staff = app.signed_in("kukar@dpmd.id").await;
    let done = published_need(&app, &operator, &staff, "Pelatihan pembukuan BUMDes", "").await;
    assert!(ok(&answer(&app, &operator, done, "fulfilled", "").await));
    let over = published_need(&app, &operator, &staff, "Pendampingan pengelolaan air bersih", &date_in_days(3)).await;
    assert!(
        ok(&save(&app, &operator, "", &[("need[window_start]", ""), ("need[window_end]", &date_in_days(3))]).await)
    );
    let draft = latest_need(&app).await;
    sqlx::query("update need set window_end = $1 where need_id in ($2, $3)")
        .bind(date_in_days(-1))
        .bind(over)
        .bind(draft)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(app::ssr::expiry::expire_due(&app.state).await.unwrap().0, 2);

    let visitor = app.client();
    for (need_id, stored) in [(done, "fulfilled"), (over, "expired")] {
        let response = get_need(&app, &visitor, need_id).await;
        assert_eq!(response.status(), StatusCode::OK, "{stored}");
        let seen: Value = response.json().await.unwrap();
        assert_eq!(seen["state"]["status"], stored);
        assert_eq!(seen["state"]["closed_on"], date_in_days(0).as_str(), "{seen}");
        let page = app.get(&app::domain::posting::PostingKind::Need.path(need_id)).await;
        assert_eq!(page.status(), StatusCode::OK);
        assert!(page.text().await.unwrap().contains("data-testid=\"closed-note\""));
    }
    assert_eq!(get_need(&app, &visitor, draft).await.status(), StatusCode::NOT_FOUND, "never published");
    assert_eq!(app.get(&format!("/api/v1/needs/{draft}")).await.status(), StatusCode::NOT_FOUND);
    let record: Value = app.get(&format!("/api/v1/needs/{over}")).await.json().await.unwrap();
    assert_eq!(
        (record["status"].as_str(), record["closed_on"].as_str()),
        (Some("expired"), Some(date_in_days(0).as_str()))
    );

    // Searches leave closed needs out unless asked for, and then mark them.
    let found = |query: &'static str| {
        let app = &app;
        async move {
            let results: Value = app.get(&format!("/api/v1/needs?{query}")).await.json().await.unwrap();
            let mut found: Vec<(i64, String)> = results["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| (n["need_id"].as_i64().unwrap(), n["status"].as_str().unwrap().to_owned()))
                .collect();
            found.sort();
            found
        }
    };
    assert!(found("").await.is_empty(), "nothing open is left");
    assert_eq!(found("ditutup=1").await, [(done, "fulfilled".to_owned()), (over, "expired".to_owned())]);
    assert_eq!(found("ditutup=1&q=pembukuan").await, [(done, "fulfilled".to_owned())], "words too");
    let refused = app.get("/api/v1/needs?ditutup=semua").await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let page = app.get("/peluang?ditutup=1").await.text().await.unwrap();
    assert!(page.contains("card card-closed"), "closed cards are marked on the page");
    let own: Value = get_need(&app, &operator, draft).await.json().await.unwrap();
    assert_eq!(own["state"]["status"], "expired");
}
