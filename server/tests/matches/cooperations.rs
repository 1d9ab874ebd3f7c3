//! Cooperation agreements through the server functions and the public API, on SQLite and
//! PostgreSQL: one per introduced match, its record checked field by field, signed by a
//! side or registered by the regency's staff, followed, completed and reported, or ended in a
//! dispute; every function refused to whoever it is not for; reminders and activation; and
//! the public's view without drafts or contacts.

use super::{
    call, interest, introduce, introduced_match, ok, other_village_operator, world, World, PARTNER_PHONE, VILLAGE_PHONE,
};
use crate::common::{Backend, TestApp};
use crate::on_both_databases;
use reqwest::{Client, Response, StatusCode};
use serde_json::Value;

on_both_databases!(
    an_introduced_match_starts_one_cooperation_that_only_its_people_see,
    a_cooperation_record_is_checked_field_by_field_and_guarded,
    a_cooperation_is_signed_when_complete_and_then_matches_its_need,
    a_cooperation_runs_from_registration_to_its_report,
    every_cooperation_function_refuses_whom_it_is_not_for,
    bad_follow_up_input_is_named_and_writes_nothing,
    registered_cooperations_start_on_their_date_and_quiet_ones_are_reminded,
    a_dispute_names_who_settles_it,
    e_mail_follows_each_users_choice_and_digests_are_never_empty,
);

/// Either side or the staff start the cooperation of an introduced match — one per match,
/// however often it is started — and only they see it: another village, another partner,
/// another regency's staff get 404, a visitor 401. A match not yet introduced has none.
async fn an_introduced_match_starts_one_cooperation_that_only_its_people_see(backend: Backend) {
    let World { app, need_id, offer_id, .. } = world(backend).await;
    let operator = app.signed_in("operator@desa.id").await;
    let neighbour = other_village_operator(&app).await;
    let start = |client: Client, match_id: String, initiative: &'static str| {
        let app = &app;
        async move {
            call(app, &client, "start_cooperation", &[("need_match_id", &match_id), ("initiated_by", initiative)]).await
        }
    };
    // Not introduced yet: nothing to start.
    let match_id = interest(&app, need_id, offer_id).await;
    assert_eq!(start(operator.clone(), match_id.clone(), "village").await.status(), StatusCode::CONFLICT);
    introduce(&app, &match_id).await;
    let (partner, staff) = (app.signed_in("mitra@pt.id").await, app.signed_in("kukar@dpmd.id").await);

    // Outsiders cannot start it, nor learn that the match exists.
    for (who, client) in [
        ("another village", neighbour.clone()),
        ("another partner", app.signed_in("lain@pt.id").await),
        ("another regency", app.signed_in("berau@dpmd.id").await),
    ] {
        assert_eq!(start(client, match_id.clone(), "village").await.status(), StatusCode::NOT_FOUND, "{who}");
    }
    assert_eq!(start(app.client(), match_id.clone(), "village").await.status(), StatusCode::UNAUTHORIZED);
    let bad = start(operator.clone(), match_id.clone(), "desa").await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let body: Value = bad.json().await.unwrap();
    assert_eq!(body["errors"][0]["field"], "initiated_by");

    // Started by the operator, again by the partner and by staff, at once: one cooperation.
    let starts = [operator.clone(), partner.clone(), staff.clone(), app.signed_in("provinsi@dpmd.id").await]
        .into_iter()
        .map(|client| start(client, match_id.clone(), "village"));
    let answers = futures::future::join_all(starts).await;
    let mut ids = Vec::new();
    for answer in answers {
        assert!(ok(&answer), "{}", answer.status());
        ids.push(answer.json::<i64>().await.unwrap());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "one cooperation per match: {ids:?}");
    let id = ids[0].to_string();
    let count: i64 = sqlx::query_scalar("select count(*) from agreement").fetch_one(&app.pool).await.unwrap();
    assert_eq!(count, 1);
    let audited: i64 = sqlx::query_scalar("select count(*) from audit_log where action = 'agreement.created'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(audited, 1);

    // Its people read it; nobody else learns it exists.
    for client in [operator.clone(), partner.clone(), staff.clone()] {
        let view: Value = call(&app, &client, "cooperation", &[("agreement_id", &id)]).await.json().await.unwrap();
        assert_eq!(view["status"], "draft", "{view}");
        assert_eq!(view["record"]["initiated_by"], "village");
        assert_eq!(view["can_edit"], true);
        assert_eq!(view["sign_blockers"].as_array().unwrap().len(), 14, "{view}");
    }
    for client in [neighbour, app.signed_in("lain@pt.id").await, app.signed_in("berau@dpmd.id").await] {
        let seen = call(&app, &client, "cooperation", &[("agreement_id", &id)]).await;
        assert_eq!(seen.status(), StatusCode::NOT_FOUND);
    }
    let missing = call(&app, &operator, "cooperation", &[("agreement_id", "999999")]).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

/// The record's form, every field named as the server function reads it.
fn record_form(clauses: &[String], changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = [
        ("initiated_by", "village"),
        ("musdes_held_on", "2026-10-05"),
        ("musdes_minutes", "BA-MUSDES/07/2026"),
        ("plan_status", "in_plan"),
        ("plan_year", "2026"),
        ("village_head", "Hj. Siti Rahmah"),
        ("partner_representative", "Ir. Bambang Wijaya"),
        ("partner_title", "Manajer CSR"),
        ("signed_on", "2026-11-20"),
        ("starts_on", "2026-12-01"),
        ("ends_on", "2027-05-31"),
        ("value_idr", "150.000.000"),
        ("funding_source", "partner"),
    ]
    .iter()
    .map(|(k, v)| {
        let changed = changes.iter().find(|(n, _)| n == k).map(|(_, v)| *v).unwrap_or(v);
        (format!("record[{k}]"), changed.to_owned())
    })
    .collect();
    fields.push(("agreement_id".into(), String::new()));
    fields.extend(clauses.iter().map(|c| ("record[clauses][]".to_owned(), c.clone())));
    fields
}

/// Saving the record checks every field (all problems at once, nothing written), only its
/// people may save, and a complete record leaves nothing that signing needs.
async fn a_cooperation_record_is_checked_field_by_field_and_guarded(backend: Backend) {
    let World { app, need_id, offer_id, .. } = world(backend).await;
    let match_id = introduced_match(&app, need_id, offer_id).await;
    let operator = app.signed_in("operator@desa.id").await;
    let started =
        call(&app, &operator, "start_cooperation", &[("need_match_id", &match_id), ("initiated_by", "village")]).await;
    let id = started.json::<i64>().await.unwrap().to_string();
    let clauses: Vec<String> = app::domain::cooperation::Clause::ALL
        .iter()
        .map(|c| format!("Ketentuan tentang {} dalam kerja sama ini.", c.as_str()))
        .collect();
    let save = |client: Client, form: Vec<(String, String)>| {
        let (app, id) = (&app, id.clone());
        async move {
            let form: Vec<(&str, &str)> = form
                .iter()
                .map(|(k, v)| (k.as_str(), if k == "agreement_id" { id.as_str() } else { v.as_str() }))
                .collect();
            call(app, &client, "save_cooperation", &form).await
        }
    };

    let bad = save(
        operator.clone(),
        record_form(&clauses[..2], &[("plan_year", "1999"), ("ends_on", "2026-01-01"), ("village_head", "<b>")]),
    )
    .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let body: Value = bad.json().await.unwrap();
    let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["plan_year", "village_head", "ends_on"], "{body}");
    assert!(body["errors"].as_array().unwrap().iter().all(|e| !e["message"].as_str().unwrap().is_empty()));
    let head: Option<String> =
        sqlx::query_scalar("select village_head from agreement").fetch_one(&app.pool).await.unwrap();
    assert_eq!(head, None, "nothing written");

    // Outsiders may not save it.
    let neighbour = other_village_operator(&app).await;
    for client in [neighbour, app.signed_in("lain@pt.id").await, app.signed_in("berau@dpmd.id").await] {
        assert_eq!(save(client, record_form(&clauses, &[])).await.status(), StatusCode::NOT_FOUND);
    }

    // The partner completes it: nothing left that signing needs.
    let partner = app.signed_in("mitra@pt.id").await;
    let saved = save(partner.clone(), record_form(&clauses, &[])).await;
    assert!(ok(&saved), "{}", saved.status());
    let view: Value = call(&app, &operator, "cooperation", &[("agreement_id", &id)]).await.json().await.unwrap();
    assert_eq!(view["sign_blockers"], serde_json::json!([]), "{view}");
    assert_eq!(view["complete_clauses"].as_array().unwrap().len(), 8);
    assert_eq!(view["record"]["value_idr"], "150000000");
    assert_eq!(view["record"]["clauses"][7], clauses[7].as_str());
    let edits: i64 = sqlx::query_scalar("select count(*) from audit_log where action = 'agreement.edited'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(edits, 1);
}

/// Signing waits for what it needs (the missing fields are named), is for the match's
/// people only, and in one step makes the match `agreed` and the need `matched`; a signed
/// record no longer changes.
async fn a_cooperation_is_signed_when_complete_and_then_matches_its_need(backend: Backend) {
    let World { app, need_id, offer_id, .. } = world(backend).await;
    let match_id = introduced_match(&app, need_id, offer_id).await;
    let operator = app.signed_in("operator@desa.id").await;
    let started =
        call(&app, &operator, "start_cooperation", &[("need_match_id", &match_id), ("initiated_by", "village")]).await;
    let id = started.json::<i64>().await.unwrap().to_string();
    let sign = |client: Client| {
        let (app, id) = (&app, id.clone());
        async move { call(app, &client, "sign_cooperation", &[("agreement_id", &id)]).await }
    };

    let early = sign(operator.clone()).await;
    assert_eq!(early.status(), StatusCode::BAD_REQUEST);
    let body: Value = early.json().await.unwrap();
    let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields.len(), 14, "{body}");
    assert!(fields.contains(&"musdes_held_on") && fields.contains(&"clause_dispute"));

    let clauses: Vec<String> = app::domain::cooperation::Clause::ALL
        .iter()
        .map(|c| format!("Ketentuan tentang {} dalam kerja sama ini.", c.as_str()))
        .collect();
    let form = record_form(&clauses, &[]);
    let form: Vec<(&str, &str)> =
        form.iter().map(|(k, v)| (k.as_str(), if k == "agreement_id" { id.as_str() } else { v.as_str() })).collect();
    assert!(ok(&call(&app, &operator, "save_cooperation", &form).await));

    for client in
        [other_village_operator(&app).await, app.signed_in("lain@pt.id").await, app.signed_in("berau@dpmd.id").await]
    {
        assert_eq!(sign(client).await.status(), StatusCode::NOT_FOUND);
    }
    assert_eq!(sign(app.client()).await.status(), StatusCode::UNAUTHORIZED);

    let partner = app.signed_in("mitra@pt.id").await;
    let signed = sign(partner.clone()).await;
    assert!(ok(&signed), "{}", signed.status());
    let view: Value = call(&app, &operator, "cooperation", &[("agreement_id", &id)]).await.json().await.unwrap();
    assert_eq!((view["status"].as_str(), view["can_edit"].as_bool()), (Some("signed"), Some(false)));
    let match_status: String = sqlx::query_scalar("select status from need_match where need_match_id = $1")
        .bind(match_id.parse::<i64>().unwrap())
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(match_status, "agreed");
    let need_status: String = sqlx::query_scalar("select status from need where need_id = $1")
        .bind(need_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(need_status, "matched");
    let notified: i64 = sqlx::query_scalar("select count(*) from notification where kind = 'need.matched'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(notified, 1, "the village hears that the partner signed");

    // Signed: not again, and the record is kept as signed.
    assert_eq!(sign(operator.clone()).await.status(), StatusCode::CONFLICT);
    assert_eq!(call(&app, &operator, "save_cooperation", &form).await.status(), StatusCode::CONFLICT);
    let audited: i64 = sqlx::query_scalar("select count(*) from audit_log where action = 'agreement.signed'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(audited, 1);
}

/// The form fields of a call, borrowed.
fn pairs(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// The eight clauses, each long enough.
fn clauses() -> Vec<String> {
    app::domain::cooperation::Clause::ALL
        .iter()
        .map(|c| format!("Ketentuan tentang {} dalam kerja sama ini.", c.as_str()))
        .collect()
}

/// A draft cooperation of the world's match, started by the village: its id.
async fn draft(app: &TestApp, need_id: i64, offer_id: i64) -> String {
    let match_id = introduced_match(app, need_id, offer_id).await;
    let operator = app.signed_in("operator@desa.id").await;
    let started =
        call(app, &operator, "start_cooperation", &[("need_match_id", &match_id), ("initiated_by", "village")]).await;
    started.json::<i64>().await.unwrap().to_string()
}

/// The draft with every field of the record written (by the partner).
async fn complete_draft(app: &TestApp, need_id: i64, offer_id: i64) -> String {
    let id = draft(app, need_id, offer_id).await;
    let mut form = record_form(&clauses(), &[]);
    form.iter_mut().filter(|(k, _)| k == "agreement_id").for_each(|(_, v)| *v = id.clone());
    let partner = app.signed_in("mitra@pt.id").await;
    assert!(ok(&call(app, &partner, "save_cooperation", &pairs(&form)).await));
    id
}

/// A cooperation registered by the regency's staff, active since its start has come.
async fn active(app: &TestApp, need_id: i64, offer_id: i64) -> String {
    let id = complete_draft(app, need_id, offer_id).await;
    let staff = app.signed_in("kukar@dpmd.id").await;
    let registered = call(app, &staff, "register_cooperation", &[("agreement_id", &id)]).await;
    assert!(ok(&registered), "{}", registered.status());
    id
}

async fn view(app: &TestApp, client: &Client, id: &str) -> Value {
    call(app, client, "cooperation", &[("agreement_id", id)]).await.json().await.unwrap()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

fn fields(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .map(|e| e.iter().map(|e| e["field"].as_str().unwrap_or_default().to_owned()).collect())
        .unwrap_or_default()
}

/// The journey of the issue through the functions: staff register the complete draft as
/// signed (the village's status at signing comes from its profile), it is active from its
/// start, the partner reports progress (an update sent twice counts once), the operator
/// completes it with its outcome (the need is fulfilled) and dates the report; the public
/// then sees it without any contact, and never a draft.
async fn a_cooperation_runs_from_registration_to_its_report(backend: Backend) {
    let World { app, need_id, offer_id, other_offer_id } = world(backend).await;
    // Another partner's cooperation of the same need stays a draft: never public.
    let other_match = {
        let other = app.signed_in("lain@pt.id").await;
        let form =
            [("need_id", need_id.to_string()), ("offer_id", other_offer_id.to_string()), ("message", String::new())];
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let opened: Value = call(&app, &other, "express_interest", &form).await.json().await.unwrap();
        opened["match_id"].as_i64().unwrap().to_string()
    };
    introduce(&app, &other_match).await;
    let operator = app.signed_in("operator@desa.id").await;
    let other =
        call(&app, &operator, "start_cooperation", &[("need_match_id", &other_match), ("initiated_by", "village")])
            .await
            .json::<i64>()
            .await
            .unwrap()
            .to_string();
    let id = active(&app, need_id, offer_id).await;
    let (operator, partner) = (app.signed_in("operator@desa.id").await, app.signed_in("mitra@pt.id").await);
    let seen = view(&app, &operator, &id).await;
    assert_eq!(seen["status"], "active", "{seen}");
    assert_eq!(seen["follow_up"]["status_at_signing"], "berkembang");
    assert!(seen["follow_up"]["registered_on"].is_string());
    assert_eq!(count(&app, "select count(*) from need where status = 'matched'").await, 1);
    assert_eq!(count(&app, "select count(*) from need_match where status = 'agreed'").await, 1);
    assert_eq!(
        count(&app, "select count(*) from notification where kind = 'agreement.registered'").await,
        2,
        "both sides hear that the regency registered it"
    );

    let progress = [
        ("agreement_id", id.as_str()),
        ("text", "Pelatihan tahap pertama selesai, 20 peserta."),
        ("percent", "40"),
        ("client_id", "progress-0001"),
    ];
    for _ in 0..2 {
        assert!(ok(&call(&app, &partner, "add_cooperation_progress", &progress).await));
    }
    assert_eq!(count(&app, "select count(*) from agreement_progress").await, 1, "one update, however often sent");
    let seen = view(&app, &operator, &id).await;
    assert_eq!(seen["follow_up"]["progress"][0]["percent"], 40);
    assert_eq!(seen["follow_up"]["progress_overdue"], false);

    let completion = [
        ("agreement_id", id.as_str()),
        ("completion[ended_on]", "2026-12-01"),
        ("completion[outcome]", "Dua puluh pemandu wisata terlatih dan bersertifikat."),
        ("completion[beneficiaries]", "20"),
        ("completion[status_after]", "maju"),
        ("completion[status_after_year]", "2026"),
        ("completion[reported_to_bpd_on]", "2026-12-01"),
    ];
    let completed = call(&app, &operator, "complete_cooperation", &completion).await;
    assert!(ok(&completed), "{}", completed.status());
    assert_eq!(count(&app, "select count(*) from need where status = 'fulfilled'").await, 1);
    let seen = view(&app, &operator, &id).await;
    assert_eq!((seen["status"].as_str(), seen["follow_up"]["report_due"].as_bool()), (Some("completed"), Some(true)));
    assert_eq!(seen["steps"], serde_json::json!(["report"]));
    let tasks: Value = call(&app, &operator, "cooperation_tasks", &[]).await.json().await.unwrap();
    assert_eq!(tasks[0]["step"], "report", "the dashboard tells the village to report: {tasks}");

    let report = [("agreement_id", id.as_str()), ("copied_to_regent_on", "2026-12-02")];
    assert_eq!(call(&app, &partner, "report_cooperation", &report).await.status(), StatusCode::FORBIDDEN);
    assert!(ok(&call(&app, &operator, "report_cooperation", &report).await));
    let seen = view(&app, &operator, &id).await;
    assert_eq!(seen["follow_up"]["report_due"], false);
    assert_eq!(seen["follow_up"]["reported_to_bpd_on"], "2026-12-01", "the earlier date is kept");

    // The public: listed with its outcome, no contact anywhere; the other draft is not.
    let listed: Value = app.client().get(app.url("/api/v1/agreements")).send().await.unwrap().json().await.unwrap();
    assert_eq!(listed["total"], 1, "{listed}");
    assert_eq!(listed["items"][0]["outcome"], "Dua puluh pemandu wisata terlatih dan bersertifikat.");
    let one = app.client().get(app.url(&format!("/api/v1/agreements/{id}"))).send().await.unwrap();
    assert_eq!(one.status(), StatusCode::OK);
    let hidden = app.client().get(app.url(&format!("/api/v1/agreements/{other}"))).send().await.unwrap();
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
    let village = listed["items"][0]["village_code"].as_str().unwrap().to_owned();
    for path in [format!("/desa/{village}"), format!("/kerja-sama/{id}"), "/kerja-sama".to_owned()] {
        let page = app.client().get(app.url(&path)).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK, "{path}");
        let html = page.text().await.unwrap();
        assert!(html.contains("Dua puluh pemandu wisata terlatih"), "{path} shows the outcome");
        assert!(!html.contains(VILLAGE_PHONE) && !html.contains(PARTNER_PHONE), "{path} shows no contact");
    }
    let draft_page = app.client().get(app.url(&format!("/kerja-sama/{other}"))).send().await.unwrap();
    assert_eq!(draft_page.status(), StatusCode::NOT_FOUND);
    assert!(count(&app, "select count(*) from audit_log where entity_type = 'agreement'").await >= 6);
}

/// Every new function × every kind of caller: a visitor must sign in, outsiders learn
/// nothing (404), and within the cooperation each step is only for whom it is for (403),
/// and only in its state (409).
async fn every_cooperation_function_refuses_whom_it_is_not_for(backend: Backend) {
    let World { app, need_id, offer_id, .. } = world(backend).await;
    let draft_id = complete_draft(&app, need_id, offer_id).await;
    let clients = [
        ("visitor", app.client()),
        ("operator", app.signed_in("operator@desa.id").await),
        ("other village", other_village_operator(&app).await),
        ("partner", app.signed_in("mitra@pt.id").await),
        ("other partner", app.signed_in("lain@pt.id").await),
        ("regency staff", app.signed_in("kukar@dpmd.id").await),
        ("other regency", app.signed_in("berau@dpmd.id").await),
        ("province staff", app.signed_in("provinsi@dpmd.id").await),
    ];
    let expect = |statuses: [u16; 8]| statuses;
    let check = |endpoint: &'static str, form: Vec<(&'static str, String)>, want: [u16; 8]| {
        let (app, clients) = (&app, &clients);
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            for ((who, client), want) in clients.iter().zip(want) {
                // 0: allowed (not tried here, so the state stays for the others).
                if want == 0 {
                    continue;
                }
                let got = call(app, client, endpoint, &form).await.status().as_u16();
                assert_eq!(got, want, "{endpoint} as {who}");
            }
        }
    };
    let id = || ("agreement_id", draft_id.clone());
    // On a draft: progress, completion, report and termination are not yet; signing is a side's.
    check("sign_cooperation", vec![id()], expect([401, 0, 404, 0, 404, 403, 404, 403])).await;
    // Registration is staff's: anybody else is refused before anything is looked up.
    check("register_cooperation", vec![id()], expect([401, 403, 403, 403, 403, 0, 404, 0])).await;
    let progress = vec![id(), ("text", "Pelatihan berjalan sesuai rencana.".to_owned())];
    check("add_cooperation_progress", progress.clone(), expect([401, 409, 404, 409, 404, 403, 404, 403])).await;
    let terminate =
        vec![id(), ("terminated_on", "2026-12-01".to_owned()), ("reason", "Mitra menarik pendanaan.".to_owned())];
    check("terminate_cooperation", terminate.clone(), expect([401, 409, 404, 409, 404, 409, 404, 409])).await;
    check("cooperation", vec![id()], expect([401, 0, 404, 0, 404, 0, 404, 0])).await;
    check("cooperation_tasks", vec![], expect([401, 0, 0, 0, 0, 0, 0, 0])).await;

    // Registered (active): registration is done; progress is the sides'.
    let staff = app.signed_in("kukar@dpmd.id").await;
    assert!(ok(&call(&app, &staff, "register_cooperation", &[("agreement_id", &draft_id)]).await));
    check("register_cooperation", vec![id()], expect([401, 403, 403, 403, 403, 409, 404, 409])).await;
    check("add_cooperation_progress", progress, expect([401, 0, 404, 0, 404, 403, 404, 403])).await;
    check(
        "save_cooperation",
        vec![id(), ("record[initiated_by]", "village".to_owned())],
        expect([401, 409, 404, 409, 404, 409, 404, 409]),
    )
    .await;
    let completion = vec![
        id(),
        ("completion[ended_on]", "2026-12-01".to_owned()),
        ("completion[outcome]", "Dua puluh pemandu wisata terlatih.".to_owned()),
        ("completion[beneficiaries]", "20".to_owned()),
    ];
    check("complete_cooperation", completion, expect([401, 0, 404, 0, 404, 0, 404, 0])).await;
    check(
        "report_cooperation",
        vec![id(), ("reported_to_bpd_on", "2026-12-01".to_owned())],
        expect([401, 409, 404, 403, 404, 409, 404, 409]),
    )
    .await;
    check("terminate_cooperation", terminate, expect([401, 0, 404, 0, 404, 0, 404, 0])).await;
    // The other regency's staff and the other partner never see it in their lists either.
    for who in ["berau@dpmd.id", "lain@pt.id"] {
        let client = app.signed_in(who).await;
        let tasks: Value = call(&app, &client, "cooperation_tasks", &[]).await.json().await.unwrap();
        assert_eq!(tasks, serde_json::json!([]), "{who}");
    }
}

/// Bad input on every follow-up field: each problem named, nothing written.
async fn bad_follow_up_input_is_named_and_writes_nothing(backend: Backend) {
    let World { app, need_id, offer_id, .. } = world(backend).await;
    let id = active(&app, need_id, offer_id).await;
    let operator = app.signed_in("operator@desa.id").await;
    let refused = |endpoint: &'static str, form: Vec<(&'static str, &'static str)>| {
        let (app, operator, id) = (&app, &operator, id.clone());
        async move {
            let mut form = form;
            form.push(("agreement_id", Box::leak(id.into_boxed_str())));
            let answer: Response = call(app, operator, endpoint, &form).await;
            assert_eq!(answer.status(), StatusCode::BAD_REQUEST, "{endpoint}");
            fields(&answer.json().await.unwrap())
        }
    };
    let progress =
        refused("add_cooperation_progress", vec![("text", "ok"), ("percent", "140"), ("client_id", "<x>")]).await;
    assert_eq!(progress, ["text", "percent", "client_id"], "every mistake at once");
    let completion = refused(
        "complete_cooperation",
        vec![
            ("completion[ended_on]", "2099-01-01"),
            ("completion[outcome]", "Selesai"),
            ("completion[beneficiaries]", "-3"),
            ("completion[status_after]", "hebat"),
            ("completion[status_after_year]", "1990"),
            ("completion[reported_to_bpd_on]", "kemarin"),
        ],
    )
    .await;
    assert_eq!(
        completion,
        ["ended_on", "outcome", "beneficiaries", "status_after", "status_after_year", "reported_to_bpd_on"]
    );
    let termination =
        refused("terminate_cooperation", vec![("terminated_on", "31-12-2026"), ("reason", ""), ("dispute", "perang")])
            .await;
    assert_eq!(termination, ["terminated_on", "reason", "dispute"]);
    let huge = "x".repeat(5000);
    let long = call(&app, &operator, "add_cooperation_progress", &[("agreement_id", &id), ("text", &huge)]).await;
    assert_eq!(long.status(), StatusCode::BAD_REQUEST);
    let malformed = call(
        &app,
        &operator,
        "add_cooperation_progress",
        &[("agreement_id", "satu"), ("text", "Pelatihan berjalan baik.")],
    )
    .await;
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
    assert_eq!(count(&app, "select count(*) from agreement_progress").await, 0);
    assert_eq!(
        count(
            &app,
            "select count(*) from agreement where status = 'active' and outcome is null and termination_reason is null"
        )
        .await,
        1
    );
    assert_eq!(count(&app, "select count(*) from need where status = 'matched'").await, 1, "the need is untouched");
}

/// A cooperation registered before its start waits, signed, and becomes active on its
/// date; an active one without progress for 30 days reminds both sides and the regency's
/// staff once; a completed one without its report reminds the village.
async fn registered_cooperations_start_on_their_date_and_quiet_ones_are_reminded(backend: Backend) {
    let World { app, need_id, offer_id, .. } = world(backend).await;
    let id = draft(&app, need_id, offer_id).await;
    let mut form = record_form(&clauses(), &[("starts_on", "2099-01-01"), ("ends_on", "2099-06-30")]);
    form.iter_mut().filter(|(k, _)| k == "agreement_id").for_each(|(_, v)| *v = id.clone());
    let operator = app.signed_in("operator@desa.id").await;
    assert!(ok(&call(&app, &operator, "save_cooperation", &pairs(&form)).await));
    let staff = app.signed_in("kukar@dpmd.id").await;
    assert!(ok(&call(&app, &staff, "register_cooperation", &[("agreement_id", &id)]).await));
    assert_eq!(view(&app, &operator, &id).await["status"], "signed");
    assert_eq!(app::ssr::cooperation::activate_due(&app.state).await.unwrap(), 0, "not before its start");

    sqlx::query("update agreement set starts_on = '2026-01-01'").execute(&app.pool).await.unwrap();
    assert_eq!(app::ssr::cooperation::activate_due(&app.state).await.unwrap(), 1);
    assert_eq!(view(&app, &operator, &id).await["status"], "active");
    assert_eq!(app::ssr::cooperation::remind(&app.state).await.unwrap(), 0, "just started");

    sqlx::query("update agreement set activated_at = '2026-01-05T00:00:00.000Z'").execute(&app.pool).await.unwrap();
    assert_eq!(app::ssr::cooperation::remind(&app.state).await.unwrap(), 1);
    assert_eq!(app::ssr::cooperation::remind(&app.state).await.unwrap(), 0, "once per quiet period");
    let reminded = count(&app, "select count(*) from notification where kind = 'agreement.progress_due'").await;
    assert_eq!(reminded, 3, "the operator, the partner and the regency's staff");
    assert_eq!(view(&app, &operator, &id).await["follow_up"]["progress_overdue"], true);
    let tasks: Value = call(&app, &operator, "cooperation_tasks", &[]).await.json().await.unwrap();
    assert_eq!(tasks[0]["step"], "progress");

    let completion = [
        ("agreement_id", id.as_str()),
        ("completion[ended_on]", "2026-12-01"),
        ("completion[outcome]", "Dua puluh pemandu wisata terlatih dan bersertifikat."),
        ("completion[beneficiaries]", "20"),
    ];
    assert!(ok(&call(&app, &operator, "complete_cooperation", &completion).await));
    assert_eq!(app::ssr::cooperation::remind(&app.state).await.unwrap(), 1);
    let report_due = count(&app, "select count(*) from notification where kind = 'agreement.report_due'").await;
    assert_eq!(report_due, 1, "the village alone is reminded of its report");
}

/// Ended in a dispute that deliberation did not settle: the camat settles it when the
/// partner works in the village's district, the regent otherwise; the need is open again.
async fn a_dispute_names_who_settles_it(backend: Backend) {
    let World { app, need_id, offer_id, .. } = world(backend).await;
    let id = active(&app, need_id, offer_id).await;
    let partner = app.signed_in("mitra@pt.id").await;
    let form = [
        ("agreement_id", id.as_str()),
        ("terminated_on", "2026-12-01"),
        ("reason", "Mitra menghentikan pendanaan sebelum waktunya."),
        ("dispute", "deliberation_failed"),
    ];
    assert!(ok(&call(&app, &partner, "terminate_cooperation", &form).await));
    let seen = view(&app, &partner, &id).await;
    assert_eq!((seen["status"].as_str(), seen["follow_up"]["settler"].as_str()), (Some("terminated"), Some("regent")));
    assert_eq!(seen["steps"], serde_json::json!([]));
    let district: String = sqlx::query_scalar(
        "select v.district_code from village v join need n on n.village_code = v.village_code where n.need_id = $1",
    )
    .bind(need_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into organisation_region (organisation_id, regency_code, district_code) \
         select organisation_id, '64.02', $1 from organisation where name = 'PT Mahakam Lestari'",
    )
    .bind(&district)
    .execute(&app.pool)
    .await
    .unwrap();
    assert_eq!(view(&app, &partner, &id).await["follow_up"]["settler"], "camat");
    let told = count(&app, "select count(*) from notification where kind = 'agreement.terminated'").await;
    assert_eq!(told, 2, "the village and the regency's staff hear of it, not the partner who ended it");
    let need: String = sqlx::query_scalar("select status from need where need_id = $1")
        .bind(need_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(need, "published", "nothing takes the need up any more: it is open to partners again");
}

/// E-mail through a real SMTP server: a user who chose daily gets one digest grouped by
/// what to do, then nothing until the next day; "immediately" gets one e-mail per
/// notification; "never" and what was already read get none; an unknown choice is refused.
async fn e_mail_follows_each_users_choice_and_digests_are_never_empty(backend: Backend) {
    let World { app, need_id, offer_id, .. } = world(backend).await;
    let sink = crate::common::SmtpSink::from_env();
    let mailer = server::mail::Mailer::new(&sink.url, "Mitra Desa <noreply@mitradesa.test>").unwrap();
    let (operator, partner, staff) = (
        app.signed_in("operator@desa.id").await,
        app.signed_in("mitra@pt.id").await,
        app.signed_in("kukar@dpmd.id").await,
    );
    let choose = |client: Client, frequency: &'static str| {
        let app = &app;
        async move { call(app, &client, "set_email_frequency", &[("frequency", frequency)]).await }
    };
    assert!(ok(&choose(partner.clone(), "immediate").await));
    assert!(ok(&choose(staff.clone(), "never").await));
    let refused = choose(operator.clone(), "hourly").await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert_eq!(fields(&refused.json().await.unwrap()), ["frequency"]);
    assert_eq!(
        call(&app, &app.client(), "set_email_frequency", &[("frequency", "daily")]).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let current: String = call(&app, &operator, "email_frequency", &[]).await.json().await.unwrap();
    assert_eq!(current, "daily", "daily unless chosen otherwise");

    // The journey so far gives the village (daily) and the partner (immediately) news.
    let _ = active(&app, need_id, offer_id).await;
    let operator_unread = count(&app, "select count(*) from notification n join app_user u on u.user_id = n.user_id where u.email = 'operator@desa.id'").await;
    let partner_unread = count(
        &app,
        "select count(*) from notification n join app_user u on u.user_id = n.user_id where u.email = 'mitra@pt.id'",
    )
    .await;
    assert!(operator_unread >= 2 && partner_unread >= 1, "{operator_unread} {partner_unread}");
    // The sink is shared: this test's people get addresses no other test uses.
    let tag = format!("{backend:?}-{}-{}", std::process::id(), app.base.rsplit(':').next().unwrap_or_default());
    sqlx::query("update app_user set email = replace(email, '@', $1)")
        .bind(format!("+{tag}@"))
        .execute(&app.pool)
        .await
        .unwrap();
    let address = |user: &str| user.replacen('@', &format!("+{tag}@"), 1);
    let received = |user: &str| sink.received_by(&address(user));
    // An SMTP server that cannot be reached takes nothing: the letters wait, unclaimed.
    let unreachable = server::mail::Mailer::new("smtp://127.0.0.1:1", "Mitra Desa <noreply@mitradesa.test>").unwrap();
    assert_eq!(unreachable.send_due(&app.state).await.unwrap(), 0);
    let waiting = app::ssr::mail::due(&app.state, &app::ssr::db::now()).await.unwrap();
    assert!(!waiting.is_empty(), "given back for the next attempt");
    // Of two instances about to send one letter, one does.
    assert!(app::ssr::mail::claim(&app.state, &waiting[0]).await.unwrap());
    assert!(!app::ssr::mail::claim(&app.state, &waiting[0]).await.unwrap());
    app::ssr::mail::release(&app.state, &waiting[0]).await.unwrap();
    let sent = mailer.send_due(&app.state).await.unwrap();
    let everyone: Vec<String> = sqlx::query_scalar("select email from app_user").fetch_all(&app.pool).await.unwrap();
    assert_eq!(sent, everyone.iter().map(|to| sink.received_by(to).len()).sum::<usize>(), "each letter arrived");
    let digest = received("operator@desa.id");
    let immediate = received("mitra@pt.id").len();
    assert_eq!(digest.len(), 1, "one digest for the daily user: {digest:?}");
    assert!(digest[0].contains("Ringkasan harian Mitra Desa"), "{}", digest[0]);
    assert!(
        digest[0].contains("Kerja sama") && digest[0].contains("/kerja-sama/"),
        "grouped, with links: {}",
        digest[0]
    );
    assert_eq!(immediate as i64, partner_unread, "one e-mail per notification for the partner");
    assert!(received("kukar@dpmd.id").is_empty(), "staff chose never");

    // Nothing new: nothing sent (never an empty digest), and the daily user waits a day.
    assert_eq!(mailer.send_due(&app.state).await.unwrap(), 0);
    let progress = [("agreement_id", "1"), ("text", "Pelatihan tahap kedua selesai, 25 peserta."), ("percent", "70")];
    assert!(ok(&call(&app, &partner, "add_cooperation_progress", &progress).await));
    assert_eq!(mailer.send_due(&app.state).await.unwrap(), 0, "the village's next digest is tomorrow");
    sqlx::query("update app_user set digest_sent_at = '2026-01-01T00:00:00.000Z' where email = $1")
        .bind(address("operator@desa.id"))
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(mailer.send_due(&app.state).await.unwrap(), 1);
    assert!(received("operator@desa.id").last().unwrap().contains("1 hal menunggu Anda"));
    // Read notifications are not e-mailed.
    assert!(ok(&call(&app, &partner, "mark_notifications_read", &[]).await));
    assert!(ok(&call(
        &app,
        &operator,
        "add_cooperation_progress",
        &[("agreement_id", "1"), ("text", "Peserta mulai praktik di lapangan.")]
    )
    .await));
    assert!(ok(&call(&app, &partner, "mark_notifications_read", &[]).await));
    assert_eq!(mailer.send_due(&app.state).await.unwrap(), 0);
}
