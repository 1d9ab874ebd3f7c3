//! Programmes through the server functions, on SQLite and PostgreSQL. Matching rounds: who
//! may run, read and decide one; a proposal that keeps every capacity, pairs only what
//! suggestions call compatible, gives a cohort one village per placement and stays in the
//! regency of its staff; acceptance of part of it as staff-proposed matches (in the
//! moderation queue), decided once; bad settings refused with nothing written. Cohorts:
//! one placement per village, the board for those entitled, as XLSX too. Clusters: found
//! for a view, followed by a new need, interest in part of one grouped for staff, who
//! introduce the group together.

use super::ok;
use crate::common::{Backend, TestApp};
use crate::on_both_databases;
use app::domain::account::Role;
use reqwest::{Client, StatusCode};
use serde_json::Value;

on_both_databases!(
    rounds_keep_every_rule_and_their_jurisdiction,
    bad_round_settings_are_refused_with_nothing_written,
    a_cohort_gives_each_village_one_placement_and_its_board_to_those_entitled,
    a_partner_takes_up_part_of_a_cluster_and_staff_introduce_the_group,
);

const AT: &str = "2026-11-01T00:00:00.000Z";

struct Round {
    app: TestApp,
    /// Offers: `plain` (capacity 2, Kukar), `cohort` (2 placements, the province),
    /// `unfit` (technical assistance: fits no need).
    plain: i64,
    cohort: i64,
    unfit: i64,
    /// The Kukar village whose two needs compete for the cohort.
    twice: String,
}

/// Training needs in three Kukar villages (one with two needs, one already served) and two
/// Berau villages; three verified organisations with an offer each; staff of both regencies.
async fn world(backend: Backend) -> Round {
    let app = TestApp::spawn(backend).await;
    let pool = &app.pool;
    let villages = |regency: &'static str| async move {
        sqlx::query_scalar::<_, String>(&format!(
            "select v.village_code from village v join district d on d.district_code = v.district_code \
             where d.regency_code = '{regency}' order by v.village_code limit 3"
        ))
        .fetch_all(pool)
        .await
        .unwrap()
    };
    let (kukar, berau) = (villages("64.02").await, villages("64.03").await);
    let organisation = |name: &'static str| async move {
        sqlx::query_scalar::<_, i64>(
            "insert into organisation (name, kind, status, serves_province, created_at, updated_at) \
             values ($1, 'university', 'verified', 0, $2, $2) returning organisation_id",
        )
        .bind(name)
        .bind(AT)
        .fetch_one(pool)
        .await
        .unwrap()
    };
    let (first, second, third, served_by) = (
        organisation("Universitas A").await,
        organisation("Universitas B").await,
        organisation("Yayasan C").await,
        organisation("PT D").await,
    );
    app.add_user("operator@desa.id", Role::VillageOperator, Some(&kukar[0]), None, None).await;
    app.add_user("operator2@desa.id", Role::VillageOperator, Some(&kukar[1]), None, None).await;
    app.add_user("operator3@desa.id", Role::VillageOperator, Some(&kukar[2]), None, None).await;
    app.add_user("mitra@univ.id", Role::PartnerMember, None, None, Some(first)).await;
    app.add_user("kkn@univ.id", Role::PartnerMember, None, None, Some(second)).await;
    let pending: i64 = sqlx::query_scalar(
        "insert into organisation (name, kind, status, serves_province, created_at, updated_at) \
         values ('Yayasan Baru', 'ngo', 'pending', 0, $1, $1) returning organisation_id",
    )
    .bind(AT)
    .fetch_one(pool)
    .await
    .unwrap();
    app.add_user("baru@yayasan.id", Role::PartnerMember, None, None, Some(pending)).await;
    app.add_user("kukar@dpmd.id", Role::RegencyStaff, None, Some("64.02"), None).await;
    app.add_user("berau@dpmd.id", Role::RegencyStaff, None, Some("64.03"), None).await;
    app.add_user("provinsi@dpmd.id", Role::ProvinceStaff, None, None, None).await;
    let author: i64 = sqlx::query_scalar("select min(user_id) from app_user").fetch_one(pool).await.unwrap();
    let need = |village: String, title: &'static str| async move {
        sqlx::query_scalar::<_, i64>(
            "insert into need (village_code, title, description, support_type, sector, status, created_by, created_at, \
                               updated_at, published_at) \
             values ($1, $2, 'Pelatihan pemandu wisata dan homestay bagi pemuda desa di sekitar air terjun.', \
                     'training', 'nature_tourism', 'published', $3, $4, $4, $4) returning need_id",
        )
        .bind(village)
        .bind(title)
        .bind(author)
        .bind(AT)
        .fetch_one(pool)
        .await
        .unwrap()
    };
    need(kukar[0].clone(), "Pelatihan pemandu wisata air terjun").await;
    need(kukar[0].clone(), "Pelatihan pengelolaan homestay desa").await;
    need(kukar[1].clone(), "Pelatihan pemandu wisata sungai").await;
    let served_need = need(kukar[2].clone(), "Pelatihan pemandu wisata danau").await;
    need(berau[0].clone(), "Pelatihan pemandu wisata pantai").await;
    need(berau[1].clone(), "Pelatihan pemandu wisata goa").await;
    // Kukar's third village was served before: an introduced match of another partner.
    sqlx::query(
        "insert into need_match (need_id, organisation_id, origin, status, introduced_at, created_at, updated_at) \
         values ($1, $2, 'partner_interest', 'introduced', $3, $3, $3)",
    )
    .bind(served_need)
    .bind(served_by)
    .bind(AT)
    .execute(pool)
    .await
    .unwrap();
    let offer = |organisation: i64,
                 support: &'static str,
                 capacity: i64,
                 cohort: bool,
                 regency: Option<&'static str>| async move {
        let id: i64 = sqlx::query_scalar(
            "insert into offer (organisation_id, title, description, support_type, capacity, serves_province, cohort, \
                                status, created_by, created_at, updated_at, published_at) \
             values ($1, 'Pelatihan pemandu wisata desa', 'Pelatihan pemandu wisata alam, air terjun dan homestay.', \
                     $2, $3, $4, $5, 'published', $6, $7, $7, $7) returning offer_id",
        )
        .bind(organisation)
        .bind(support)
        .bind(capacity)
        .bind(i64::from(regency.is_none()))
        .bind(i64::from(cohort))
        .bind(author)
        .bind(AT)
        .fetch_one(pool)
        .await
        .unwrap();
        sqlx::query("insert into offer_sector (offer_id, sector) values ($1, 'nature_tourism')")
            .bind(id)
            .execute(pool)
            .await
            .unwrap();
        if let Some(regency) = regency {
            sqlx::query("insert into offer_region (offer_id, regency_code) values ($1, $2)")
                .bind(id)
                .bind(regency)
                .execute(pool)
                .await
                .unwrap();
        }
        id
    };
    let plain = offer(first, "training", 2, false, Some("64.02")).await;
    let cohort = offer(second, "training", 2, true, None).await;
    let unfit = offer(third, "technical_assistance", 5, false, None).await;
    Round { app, plain, cohort, unfit, twice: kukar[0].clone() }
}

async fn last_round(app: &TestApp) -> i64 {
    sqlx::query_scalar("select max(matching_round_id) from matching_round").fetch_one(&app.pool).await.unwrap()
}

async fn detail(app: &TestApp, client: &Client, round: i64) -> reqwest::Response {
    app.call(client, "matching_round", &[("round_id", &round.to_string())]).await
}

/// The proposal's pairs as (need, offer, village).
async fn proposal(app: &TestApp, round: i64) -> Vec<(i64, i64, String)> {
    sqlx::query_as(
        "select need_id, offer_id, village_code from matching_round_pair \
         where matching_round_id = $1 and solution = 'optimal' order by need_id",
    )
    .bind(round)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

async fn rounds_keep_every_rule_and_their_jurisdiction(backend: Backend) {
    let Round { app, plain, cohort, unfit, twice } = world(backend).await;
    // Visitors and the sides of matches may not run one.
    assert_eq!(app.call(&app.client(), "run_matching_round", &[]).await.status(), StatusCode::UNAUTHORIZED);
    for who in ["operator@desa.id", "mitra@univ.id"] {
        let client = app.signed_in(who).await;
        assert_eq!(app.call(&client, "run_matching_round", &[]).await.status(), StatusCode::FORBIDDEN, "{who}");
    }
    // Regency staff stay in their regency.
    let berau = app.signed_in("berau@dpmd.id").await;
    let other = app.call(&berau, "run_matching_round", &[("round[regencies][]", "64.02")]).await;
    assert_eq!(other.status(), StatusCode::FORBIDDEN);

    let kukar = app.signed_in("kukar@dpmd.id").await;
    let setup: Value = app.call(&kukar, "round_setup", &[]).await.json().await.unwrap();
    assert_eq!(setup["needs"], 4, "Kukar's four needs: {setup}");
    assert_eq!(setup["own_regency"]["code"], "64.02");
    let run = app.call(&kukar, "run_matching_round", &[("round[max_per_village]", "2")]).await;
    assert!(ok(&run), "{}", run.status());
    let round = last_round(&app).await;
    let pairs = proposal(&app, round).await;
    let kukar_codes = |code: &str| code.starts_with("64.02.");
    assert!(pairs.iter().all(|(_, _, village)| kukar_codes(village)), "only Kukar: {pairs:?}");
    let of = |offer: i64| pairs.iter().filter(|p| p.1 == offer).collect::<Vec<_>>();
    assert!(of(plain).len() <= 2 && of(cohort).len() <= 2, "capacities hold: {pairs:?}");
    assert!(of(unfit).is_empty(), "never an incompatible pair");
    let cohort_villages: Vec<&String> = of(cohort).iter().map(|p| &p.2).collect();
    let mut distinct = cohort_villages.clone();
    distinct.dedup();
    assert_eq!(cohort_villages.len(), distinct.len(), "one placement per village");
    assert_eq!(pairs.len(), 4, "two places each, four needs: all of them served ({pairs:?})");
    // Every pair is one that suggestions score (compatible).
    let index = app.state.matcher.fresh_index(&app.pool).await.unwrap();
    let weights = app::ssr::repo::settings::weights(&app.pool).await.unwrap();
    for (need, offer, _) in &pairs {
        assert!(index.pair(*need, *offer, &weights).is_some(), "{need} with {offer}");
    }
    let twice_pairs = pairs.iter().filter(|p| p.2 == twice).count();
    assert!(twice_pairs <= 2);

    // The round as its staff and the province see it; other regencies do not.
    let seen: Value = detail(&app, &kukar, round).await.json().await.unwrap();
    assert_eq!(seen["line"]["status"], "proposed");
    assert_eq!(seen["line"]["proposal"]["pairs"], 4);
    let bound = seen["upper_bound"].as_f64().unwrap();
    let objective = seen["line"]["proposal"]["objective"].as_f64().unwrap();
    assert!((bound - objective).abs() < 1e-6, "the proposal is proven optimal: {bound} vs {objective}");
    assert!(objective >= seen["line"]["greedy"]["objective"].as_f64().unwrap() - 1e-9);
    assert!(seen["line"]["proposal"]["first_time_villages"].as_i64().unwrap() >= 1);
    let province = app.signed_in("provinsi@dpmd.id").await;
    assert_eq!(detail(&app, &province, round).await.status(), StatusCode::OK);
    assert_eq!(detail(&app, &berau, round).await.status(), StatusCode::NOT_FOUND);
    let list: Value = app.call(&berau, "matching_rounds", &[]).await.json().await.unwrap();
    assert_eq!(list["total"], 0, "Berau's staff list none of Kukar's rounds");

    // Accept part of it: one pair becomes a staff proposal waiting in Kukar's queue.
    let chosen: i64 = sqlx::query_scalar(
        "select min(matching_round_pair_id) from matching_round_pair where matching_round_id = $1 and solution = 'optimal'",
    )
    .bind(round)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let (round_text, chosen_text) = (round.to_string(), chosen.to_string());
    let refused =
        app.call(&berau, "accept_matching_round", &[("round_id", &round_text), ("pairs[]", &chosen_text)]).await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let nothing = app.call(&kukar, "accept_matching_round", &[("round_id", &round_text)]).await;
    assert_eq!(nothing.status(), StatusCode::BAD_REQUEST, "nothing chosen");
    let accepted =
        app.call(&kukar, "accept_matching_round", &[("round_id", &round_text), ("pairs[]", &chosen_text)]).await;
    assert!(ok(&accepted), "{}", accepted.status());
    let matches: Vec<(String, String)> = sqlx::query_as("select origin, status from need_match where origin = 'staff'")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(matches.len(), 1);
    assert_eq!((matches[0].0.as_str(), matches[0].1.as_str()), ("staff", "suggested"));
    let queue: Value = app.call(&kukar, "moderation_queue", &[]).await.json().await.unwrap();
    assert_eq!(queue["matches"]["total"], 1, "{queue}");
    let seen: Value = detail(&app, &kukar, round).await.json().await.unwrap();
    assert_eq!(seen["line"]["status"], "accepted");
    assert_eq!(seen["line"]["accepted_pairs"], 1);
    // Decided once.
    let again = app.call(&kukar, "accept_matching_round", &[("round_id", &round_text), ("all", "1")]).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert_eq!(
        app.call(&kukar, "discard_matching_round", &[("round_id", &round_text)]).await.status(),
        StatusCode::CONFLICT
    );
    let audited: Vec<String> = sqlx::query_scalar(
        "select action from audit_log where entity_type = 'matching_round' and entity_id = $1 order by audit_id",
    )
    .bind(&round_text)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, ["round.proposed", "round.accepted"]);

    // A second round leaves out the pair now matched; the province's covers Berau too, and
    // with one offer per village Kukar's three villages cannot take all four places.
    let run = app.call(&province, "run_matching_round", &[("round[max_per_village]", "1")]).await;
    assert!(ok(&run));
    let second = proposal(&app, last_round(&app).await).await;
    assert!(
        second.iter().any(|(_, _, village)| village.starts_with("64.03.")),
        "Berau's needs take the cohort: {second:?}"
    );
    let matched_need = sqlx::query_scalar::<_, i64>("select need_id from need_match where origin = 'staff'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let matched_org: i64 = sqlx::query_scalar("select organisation_id from need_match where origin = 'staff'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    for (need, offer, _) in &second {
        let organisation: i64 = sqlx::query_scalar("select organisation_id from offer where offer_id = $1")
            .bind(offer)
            .fetch_one(&app.pool)
            .await
            .unwrap();
        assert!(!(*need == matched_need && organisation == matched_org), "a live match keeps {need} and {offer} apart");
    }
}

async fn bad_round_settings_are_refused_with_nothing_written(backend: Backend) {
    let Round { app, .. } = world(backend).await;
    let province = app.signed_in("provinsi@dpmd.id").await;
    for (field, value) in [
        ("round[weights][support]", "1.5"),
        ("round[first_time_bonus]", "-0.2"),
        ("round[max_per_village]", "0"),
        ("round[max_per_village]", "banyak"),
        ("round[status_up_to]", "kaya"),
        ("round[regencies][]", "64.99"),
        ("round[sectors][]", "tambang"),
        ("round[offers][]", "satu"),
    ] {
        let response = app.call(&province, "run_matching_round", &[(field, value)]).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{field}={value}");
    }
    let zero: Vec<(String, &str)> = ["support", "sector", "region", "window", "capacity", "status", "text", "ring"]
        .iter()
        .map(|f| (format!("round[weights][{f}]"), "0"))
        .collect();
    let zero: Vec<(&str, &str)> = zero.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(app.call(&province, "run_matching_round", &zero).await.status(), StatusCode::BAD_REQUEST);
    let kept: i64 = sqlx::query_scalar("select count(*) from matching_round").fetch_one(&app.pool).await.unwrap();
    assert_eq!(kept, 0);
    assert_eq!(detail(&app, &province, 999_999).await.status(), StatusCode::NOT_FOUND);
}

/// The published needs of a village, by id.
async fn needs_of(app: &TestApp, village: &str) -> Vec<i64> {
    sqlx::query_scalar("select need_id from need where village_code = $1 order by need_id")
        .bind(village)
        .fetch_all(&app.pool)
        .await
        .unwrap()
}

async fn apply(app: &TestApp, client: &Client, offer: i64, need: i64) -> Value {
    let response = app
        .call(
            client,
            "request_offer",
            &[("offer_id", &offer.to_string()), ("need_id", &need.to_string()), ("message", "")],
        )
        .await;
    assert!(ok(&response), "{}", response.status());
    response.json().await.unwrap()
}

async fn a_cohort_gives_each_village_one_placement_and_its_board_to_those_entitled(backend: Backend) {
    let Round { app, cohort, twice, .. } = world(backend).await;
    let first_village = needs_of(&app, &twice).await;
    let operator = app.signed_in("operator@desa.id").await;
    let applied = apply(&app, &operator, cohort, first_village[0]).await;
    assert_eq!(applied["existing"], false);
    // The village's other need asks for the same cohort: its application stands.
    let again = apply(&app, &operator, cohort, first_village[1]).await;
    assert_eq!(
        (again["existing"].clone(), again["match_id"].clone()),
        (Value::Bool(true), applied["match_id"].clone())
    );

    let board = |client: Client| {
        let app = &app;
        async move { app.call(&client, "placement_board", &[("offer_id", &cohort.to_string())]).await }
    };
    let member = app.signed_in("kkn@univ.id").await;
    let seen: Value = board(member.clone()).await.json().await.unwrap();
    assert_eq!(
        (seen["placements"].as_i64(), seen["filled"].as_i64(), seen["proposed"].as_i64()),
        (Some(2), Some(0), Some(1))
    );
    assert_eq!(seen["open"], 1);
    assert_eq!(seen["rows"].as_array().unwrap().len(), 1);
    assert_eq!(seen["rows"][0]["status"], "requested");
    let kukar = app.signed_in("kukar@dpmd.id").await;
    let theirs: Value = board(kukar.clone()).await.json().await.unwrap();
    assert_eq!((theirs["regency_only"].clone(), theirs["rows"].as_array().unwrap().len()), (Value::Bool(true), 1));
    let berau: Value = board(app.signed_in("berau@dpmd.id").await).await.json().await.unwrap();
    assert!(berau["rows"].as_array().unwrap().is_empty(), "Berau's staff see no Kukar village: {berau}");
    assert_eq!(board(app.client()).await.status(), StatusCode::UNAUTHORIZED);
    for who in ["operator@desa.id", "mitra@univ.id"] {
        assert_eq!(board(app.signed_in(who).await).await.status(), StatusCode::NOT_FOUND, "{who}");
    }
    // An offer that is no cohort has no board.
    let plain: i64 = sqlx::query_scalar("select offer_id from offer where cohort = 0 order by offer_id limit 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let none = app.call(&member, "placement_board", &[("offer_id", &plain.to_string())]).await;
    assert_eq!(none.status(), StatusCode::NOT_FOUND);

    // Staff approve by introducing; the two placements fill and a third village waits.
    let introduce = |match_id: String| {
        let (app, kukar) = (&app, kukar.clone());
        async move {
            app.call(&kukar, "decide_match", &[("match_id", &match_id), ("decision", "introduce"), ("reason", "")])
                .await
        }
    };
    assert!(ok(&introduce(applied["match_id"].to_string()).await));
    let second = app.signed_in("operator2@desa.id").await;
    let kukar_villages: Vec<String> = sqlx::query_scalar(
        "select distinct village_code from need where village_code like '64.02.%' order by village_code",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let second_need = needs_of(&app, &kukar_villages[1]).await[0];
    let second_match = apply(&app, &second, cohort, second_need).await["match_id"].to_string();
    assert!(ok(&introduce(second_match).await));
    let third = app.signed_in("operator3@desa.id").await;
    let third_need = needs_of(&app, &kukar_villages[2]).await[0];
    let third_match = apply(&app, &third, cohort, third_need).await["match_id"].to_string();
    let full = introduce(third_match).await;
    assert_eq!(full.status(), StatusCode::BAD_REQUEST, "the cohort has no placement left");

    // The board as XLSX: two filled placements with the village's contact, one waiting.
    let response = member.get(app.url(&format!("/ekspor/penempatan/{cohort}.xlsx"))).send().await.unwrap();
    let sheets = crate::common::xlsx_sheets(response).await;
    let (name, rows) = &sheets[0];
    assert_eq!(name, "Penempatan");
    assert_eq!(rows.len(), 1 + 3, "a header, two filled, one application: {rows:?}");
    assert_eq!(rows[1][1], "Terisi");
    assert_eq!(rows[3][1], "Diminta desa");
    let refused = app.client().get(app.url(&format!("/ekspor/penempatan/{cohort}.xlsx"))).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let other = app.signed_in("mitra@univ.id").await;
    let refused = other.get(app.url(&format!("/ekspor/penempatan/{cohort}.xlsx"))).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let refused = member.get(app.url("/ekspor/penempatan/tujuh.xlsx")).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
}

async fn clusters_of(app: &TestApp, query: &[(&str, &str)]) -> Vec<Value> {
    let response = app.call(&app.client(), "opportunity_clusters", query).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json::<Value>().await.unwrap().as_array().unwrap().clone()
}

async fn a_partner_takes_up_part_of_a_cluster_and_staff_introduce_the_group(backend: Backend) {
    let Round { app, plain, .. } = world(backend).await;
    // Kukar's four alike training needs of three villages form one cluster; Berau's two
    // villages are too few.
    let found = clusters_of(&app, &[("query[kabupaten]", "64.02")]).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0]["villages"].as_i64(), found[0]["needs"].as_i64()), (Some(3), Some(4)));
    assert!(clusters_of(&app, &[("query[kabupaten]", "64.03")]).await.is_empty());
    assert!(clusters_of(&app, &[("query[sektor]", "fisheries")]).await.is_empty());
    assert!(clusters_of(&app, &[("query[q]", "wisata")]).await.is_empty(), "a search shows needs, not clusters");
    let seed = found[0]["seed"].as_i64().unwrap();
    let seed_text = seed.to_string();

    // Anyone reads it; only a verified partner gets the interest form.
    let cluster = |client: Client| {
        let (app, seed) = (&app, seed_text.clone());
        async move { app.call(&client, "opportunity_cluster", &[("seed", &seed)]).await.json::<Value>().await.unwrap() }
    };
    let public = cluster(app.client()).await;
    assert_eq!(public["needs"].as_array().unwrap().len(), 4);
    assert!(public["offers"].is_null());
    let partner = app.signed_in("mitra@univ.id").await;
    let theirs = cluster(partner.clone()).await;
    assert_eq!(theirs["offers"][0][0], plain);
    let needs: Vec<i64> = theirs["needs"].as_array().unwrap().iter().map(|n| n["need_id"].as_i64().unwrap()).collect();

    // Interest in two of the four, through the partner's offer: two matches, one group.
    let express = |client: Client, chosen: Vec<i64>| {
        let (app, seed) = (&app, seed_text.clone());
        async move {
            let chosen: Vec<String> = chosen.iter().map(i64::to_string).collect();
            let mut form: Vec<(&str, &str)> = vec![("cluster", &seed), ("offer_id", "")];
            form.extend(chosen.iter().map(|id| ("needs[]", id.as_str())));
            app.call(&client, "express_cluster_interest", &form).await
        }
    };
    assert_eq!(express(app.client(), vec![needs[0]]).await.status(), StatusCode::UNAUTHORIZED);
    let operator = app.signed_in("operator@desa.id").await;
    assert_eq!(express(operator, vec![needs[0]]).await.status(), StatusCode::FORBIDDEN);
    let unverified = app.signed_in("baru@yayasan.id").await;
    assert_eq!(express(unverified, vec![needs[0]]).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(express(partner.clone(), vec![]).await.status(), StatusCode::BAD_REQUEST, "nothing chosen");
    let berau_need: i64 = sqlx::query_scalar("select min(need_id) from need where village_code like '64.03.%'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let outside = express(partner.clone(), vec![needs[0], berau_need]).await;
    assert_eq!(outside.status(), StatusCode::BAD_REQUEST, "a need outside the cluster");
    let groups = || async {
        sqlx::query_scalar::<_, i64>("select count(*) from match_group").fetch_one(&app.pool).await.unwrap()
    };
    assert_eq!(groups().await, 0, "refusals write nothing");
    let done = express(partner.clone(), vec![needs[0], needs[1]]).await;
    assert!(ok(&done), "{}", done.status());
    let opened: Vec<(i64, String, String, Option<i64>)> = sqlx::query_as(
        "select need_id, origin, status, match_group_id from need_match where match_group_id is not null order by need_id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(opened.len(), 2);
    assert!(opened.iter().all(|m| m.1 == "partner_interest" && m.2 == "interested" && m.3 == opened[0].3));
    // The same again opens nothing and keeps no empty group.
    assert!(ok(&express(partner.clone(), vec![needs[0], needs[1]]).await));
    assert_eq!(groups().await, 1);
    let marked = cluster(partner.clone()).await;
    let matched: Vec<bool> =
        marked["needs"].as_array().unwrap().iter().map(|n| n["matched"].as_bool().unwrap()).collect();
    assert_eq!(matched.iter().filter(|m| **m).count(), 2);

    // Clusters follow the data: a new alike need of Kukar joins, named as before.
    let village: String = sqlx::query_scalar(
        "select v.village_code from village v join district d on d.district_code = v.district_code \
         where d.regency_code = '64.02' order by v.village_code desc limit 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into need (village_code, title, description, support_type, sector, status, created_by, created_at, \
                           updated_at, published_at) \
         values ($1, 'Pelatihan pemandu wisata hutan', \
                 'Pelatihan pemandu wisata dan homestay bagi pemuda desa di sekitar air terjun.', \
                 'training', 'nature_tourism', 'published', 1, $2, $2, $2)",
    )
    .bind(&village)
    .bind("2026-11-02T00:00:00.000Z")
    .execute(&app.pool)
    .await
    .unwrap();
    let grown = clusters_of(&app, &[("query[kabupaten]", "64.02")]).await;
    assert_eq!((grown[0]["seed"].as_i64(), grown[0]["villages"].as_i64()), (Some(seed), Some(4)));

    // Staff of the regency see the group and introduce it at once; Berau's do not.
    let berau = app.signed_in("berau@dpmd.id").await;
    let queue: Value = app.call(&berau, "moderation_queue", &[]).await.json().await.unwrap();
    assert!(queue["groups"].as_array().unwrap().is_empty());
    let group = opened[0].3.unwrap().to_string();
    assert_eq!(app.call(&berau, "introduce_group", &[("group_id", &group)]).await.status(), StatusCode::NOT_FOUND);
    let kukar = app.signed_in("kukar@dpmd.id").await;
    let queue: Value = app.call(&kukar, "moderation_queue", &[]).await.json().await.unwrap();
    assert_eq!(queue["groups"][0]["waiting"], 2, "{queue}");
    assert!(ok(&app.call(&kukar, "introduce_group", &[("group_id", &group)]).await));
    let introduced: i64 = sqlx::query_scalar(
        "select count(*) from need_match where match_group_id is not null and status = 'introduced'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(introduced, 2);
    assert_eq!(
        app.call(&kukar, "introduce_group", &[("group_id", &group)]).await.status(),
        StatusCode::NOT_FOUND,
        "nothing waits"
    );
}
