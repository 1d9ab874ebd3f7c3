//! The public read API, `/api/v1/…`: published data only, no authentication, no contact
//! data. Its OpenAPI 3 document (`/api/v1/openapi.json`) is generated from the handlers and
//! types below, and `/api/v1` lists the endpoints for people.

use app::domain::region::{RegionCode, RegionLevel};
use app::domain::search::{page_count, page_number, NeedQuery, OfferQuery};
use app::domain::validation::{FieldError, Problem};
use app::i18n::Locale;
use app::ssr::repo::{need_search, needs, offer_search, partners, regions};
use app::ssr::AppState;
use app::wire::cooperations::{CooperationLine, CooperationResults};
use app::wire::needs::{NeedCard, NeedResults};
use app::wire::offers::{OfferCard, OfferResults};
use app::wire::partners::{PartnerCard, PartnerResults};
use app::wire::stats::Statistics;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Mitra Desa public API",
        description = "Published needs of East Kalimantan's villages, offers of verified partners, the partner \
                       directory, signed cooperation agreements, statistics and the region registry (Kemendagri codes). Read-only, no authentication. \
                       Lists are paginated by 20 with `halaman` (page) and report `total`. Bad parameters \
                       answer 400 with the parameter named."
    ),
    paths(
        regions_handler,
        villages_handler,
        needs_handler,
        need_handler,
        offers_handler,
        offer_handler,
        partners_handler,
        partner_handler,
        agreements_handler,
        agreement_handler,
        statistics_handler
    ),
    components(schemas(
        NeedResults,
        NeedCard,
        PublicNeed,
        OfferResults,
        OfferCard,
        PartnerCard,
        PartnerResults,
        PartnerWithOffers,
        CooperationResults,
        CooperationLine,
        Statistics,
        Region,
        ApiError,
        ParameterProblem
    ))
)]
pub struct ApiDoc;

/// The OpenAPI document: what the handlers are, with every constraint they enforce on their
/// parameters ([`api_constraints`](crate::api_constraints)).
pub fn document() -> utoipa::openapi::OpenApi {
    crate::api_constraints::constrained(ApiDoc::openapi())
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1", get(index))
        .route("/api/v1/openapi.json", get(openapi_json))
        .route("/api/v1/regions", get(regions_handler))
        .route("/api/v1/villages", get(villages_handler))
        .route("/api/v1/needs", get(needs_handler))
        .route("/api/v1/needs/{id}", get(need_handler))
        .route("/api/v1/offers", get(offers_handler))
        .route("/api/v1/offers/{id}", get(offer_handler))
        .route("/api/v1/partners", get(partners_handler))
        .route("/api/v1/partners/{id}", get(partner_handler))
        .route("/api/v1/agreements", get(agreements_handler))
        .route("/api/v1/agreements/{id}", get(agreement_handler))
        .route("/api/v1/statistics", get(statistics_handler))
}

/// An error: `invalid_parameter` (400, with each parameter's problem), `not_found` (404)
/// or `internal` (500, with a reference for the server log).
#[derive(Serialize, ToSchema)]
pub struct ApiError {
    error: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<ParameterProblem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ParameterProblem {
    /// The query or path parameter, e.g. `kabupaten`.
    parameter: String,
    /// Machine-readable, e.g. `invalid_choice`, `too_long`.
    problem: String,
    /// In English.
    message: String,
}

type ApiResult<T> = Result<Json<T>, ApiFailure>;

pub enum ApiFailure {
    Invalid(Vec<FieldError>),
    NotFound,
    Internal(String),
}

impl From<sqlx::Error> for ApiFailure {
    fn from(err: sqlx::Error) -> Self {
        match app::ssr::errors::internal(err) {
            app::wire::error::AppError::Internal { request_id } => ApiFailure::Internal(request_id),
            _ => ApiFailure::Internal(String::new()),
        }
    }
}

impl From<QueryRejection> for ApiFailure {
    fn from(rejection: QueryRejection) -> Self {
        // Only malformed encoding gets here: every parameter is read as text first.
        tracing::debug!(%rejection, "bad API query");
        ApiFailure::Invalid(vec![FieldError::new("query", Problem::InvalidCharacters)])
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            ApiFailure::Invalid(errors) => {
                let errors = errors
                    .into_iter()
                    .map(|e| ParameterProblem {
                        message: app::wire::text::problem(Locale::en, &e.problem),
                        problem: problem_name(&e.problem),
                        parameter: e.field,
                    })
                    .collect();
                (StatusCode::BAD_REQUEST, ApiError { error: "invalid_parameter", errors, reference: None })
            }
            ApiFailure::NotFound => {
                (StatusCode::NOT_FOUND, ApiError { error: "not_found", errors: Vec::new(), reference: None })
            }
            ApiFailure::Internal(reference) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                ApiError { error: "internal", errors: Vec::new(), reference: Some(reference) },
            ),
        };
        (status, Json(body)).into_response()
    }
}

/// The `problem` tag of a [`Problem`] as it is serialised (`invalid_choice`, …).
fn problem_name(problem: &Problem) -> String {
    serde_json::to_value(problem)
        .ok()
        .and_then(|v| v.get("problem").and_then(|p| p.as_str()).map(str::to_owned))
        .unwrap_or_default()
}

/// A numeric id from the path, or a 400 naming `id`.
fn path_id(raw: &str) -> Result<i64, ApiFailure> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| ApiFailure::Invalid(vec![FieldError::new("id", Problem::InvalidNumber)]))
}

async fn openapi_json() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], document().to_pretty_json().unwrap_or_default()).into_response()
}

/// A page for people: every endpoint with its parameters, from the same document, in the
/// visitor's language (the language cookie; the endpoints' own descriptions are the
/// document's, in English).
async fn index(headers: axum::http::HeaderMap) -> Html<String> {
    let locale = crate::web::locale_of(&headers);
    let link = "<a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a>";
    let (title, lead, machine) = app::wire::text::api_index(locale, link);
    let doc = document();
    let css = crate::web::stylesheet_href();
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><main class=\"wrap\"><h1>{}</h1><p class=\"lead\">{}</p><p>{machine}</p>",
        match locale {
            Locale::id => "id",
            Locale::en => "en",
        },
        escape(&title),
        escape(&title),
        escape(&lead)
    );
    for (path, item) in doc.paths.paths.iter() {
        let Some(operation) = &item.get else { continue };
        html.push_str(&format!("<section lang=\"en\"><h2><code>GET {}</code></h2>", escape(path)));
        if let Some(summary) = &operation.summary {
            html.push_str(&format!("<p>{}</p>", escape(summary)));
        }
        if let Some(parameters) = &operation.parameters {
            html.push_str("<dl class=\"facts\">");
            for parameter in parameters {
                let description = parameter.description.clone().unwrap_or_default();
                html.push_str(&format!(
                    "<div><dt><code>{}</code></dt><dd>{}</dd></div>",
                    escape(&parameter.name),
                    escape(&description)
                ));
            }
            html.push_str("</dl>");
        }
        html.push_str("</section>");
    }
    html.push_str("</main></body></html>");
    Html(html)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// An entry of the region registry.
#[derive(Serialize, ToSchema)]
pub struct Region {
    /// Kemendagri code, e.g. `64.02.07.2001`.
    code: String,
    name: String,
    /// `kabupaten`, `kota`, `kecamatan`, `desa` or `kelurahan`.
    kind: String,
    /// The code of the region it lies in (absent for regencies and cities).
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<String>,
    /// In the tree form: the districts of a regency, the villages of a district.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(no_recursion)]
    children: Option<Vec<Region>>,
}

impl From<regions::RegionRow> for Region {
    fn from(row: regions::RegionRow) -> Self {
        let parent = (!row.parent_code.is_empty()).then_some(row.parent_code);
        Region { code: row.code, name: row.name, kind: row.kind, parent, children: None }
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegionParams {
    /// `regency`, `district` or `village` for a flat list of that level; absent for the
    /// whole tree (regencies → districts → villages).
    #[serde(default)]
    level: String,
}

/// The region registry of Kalimantan Timur (10 regencies and cities, 105 districts, 1,038 villages).
#[utoipa::path(get, path = "/api/v1/regions", params(RegionParams),
    responses((status = 200, body = [Region]), (status = 400, body = ApiError)))]
async fn regions_handler(
    State(state): State<AppState>,
    params: Result<Query<RegionParams>, QueryRejection>,
) -> ApiResult<Vec<Region>> {
    let Query(params) = params?;
    let level = match params.level.as_str() {
        "" => None,
        "regency" => Some(RegionLevel::Regency),
        "district" => Some(RegionLevel::District),
        "village" => Some(RegionLevel::Village),
        _ => return Err(ApiFailure::Invalid(vec![FieldError::new("level", Problem::InvalidChoice)])),
    };
    if let Some(level) = level {
        let rows = regions::all_at(&state.pool, level).await?;
        return Ok(Json(rows.into_iter().map(Region::from).collect()));
    }
    let mut villages =
        regions::all_at(&state.pool, RegionLevel::Village).await?.into_iter().map(Region::from).peekable();
    let mut districts =
        regions::all_at(&state.pool, RegionLevel::District).await?.into_iter().map(Region::from).peekable();
    let mut tree: Vec<Region> =
        regions::all_at(&state.pool, RegionLevel::Regency).await?.into_iter().map(Region::from).collect();
    // All three lists are sorted by code, and a child's code starts with its parent's.
    for regency in &mut tree {
        let mut children = Vec::new();
        while let Some(mut district) = districts.next_if(|d| d.parent.as_deref() == Some(regency.code.as_str())) {
            let mut own = Vec::new();
            while let Some(village) = villages.next_if(|v| v.parent.as_deref() == Some(district.code.as_str())) {
                own.push(village);
            }
            district.children = Some(own);
            children.push(district);
        }
        regency.children = Some(children);
    }
    Ok(Json(tree))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VillageParams {
    /// Regency or city code, e.g. `64.02`.
    #[serde(default)]
    regency: String,
    /// District code, e.g. `64.02.07`.
    #[serde(default)]
    district: String,
}

/// Villages (desa and kelurahan), optionally of one regency and/or district.
#[utoipa::path(get, path = "/api/v1/villages", params(VillageParams),
    responses((status = 200, body = [Region]), (status = 400, body = ApiError)))]
async fn villages_handler(
    State(state): State<AppState>,
    params: Result<Query<VillageParams>, QueryRejection>,
) -> ApiResult<Vec<Region>> {
    let Query(params) = params?;
    let mut problems = Vec::new();
    for (name, value, level) in
        [("regency", &params.regency, RegionLevel::Regency), ("district", &params.district, RegionLevel::District)]
    {
        if !value.is_empty() && RegionCode::parse(value).map(|c| c.level()) != Some(level) {
            problems.push(FieldError::new(name, Problem::InvalidChoice));
        }
    }
    if !problems.is_empty() {
        return Err(ApiFailure::Invalid(problems));
    }
    let rows = regions::villages(&state.pool, &params.regency, &params.district).await?;
    Ok(Json(rows.into_iter().map(Region::from).collect()))
}

/// Published needs, with the filters and paging of `/peluang`.
#[utoipa::path(get, path = "/api/v1/needs", params(NeedQuery),
    responses((status = 200, body = NeedResults), (status = 400, body = ApiError)))]
async fn needs_handler(
    State(state): State<AppState>,
    query: Result<Query<NeedQuery>, QueryRejection>,
) -> ApiResult<NeedResults> {
    let Query(query) = query?;
    let query = query.validate().map_err(ApiFailure::Invalid)?;
    let (items, total) =
        need_search::search_published_cached(&state.pool, state.backend, &state.search_cache, &query).await?;
    Ok(Json(NeedResults { items, total, page: query.page, pages: page_count(total) }))
}

/// A published need in full.
#[derive(Serialize, ToSchema)]
pub struct PublicNeed {
    need_id: i64,
    title: String,
    description: String,
    support_type: String,
    /// For `resource_access`: `funding`, `equipment` or `market_access`.
    resource_kind: Option<String>,
    sector: String,
    beneficiaries: Option<String>,
    window_start: Option<String>,
    window_end: Option<String>,
    /// Estimated value in rupiah.
    value_idr: Option<i64>,
    /// `published`, `matched`, `fulfilled`, or `expired` (its window is over: kept as a
    /// record).
    status: String,
    /// The day it closed, for `expired` and `fulfilled`.
    closed_on: Option<String>,
    village_code: String,
    village_name: String,
    district_name: String,
    regency_code: String,
    regency_name: String,
    published_at: Option<String>,
}

/// One need visitors may read: published, in a cooperation, or closed (marked by `status`).
#[utoipa::path(get, path = "/api/v1/needs/{id}", params(("id" = i64, Path, description = "Need id")),
    responses((status = 200, body = PublicNeed), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
async fn need_handler(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<PublicNeed> {
    let id = path_id(&id)?;
    let need = needs::find(&state.pool, id).await?.filter(|n| n.facts().is_readable()).ok_or(ApiFailure::NotFound)?;
    let closed_on = need.status.is_closed().then(|| app::ssr::db::local_date(&need.updated_at));
    let optional = |text: String| (!text.is_empty()).then_some(text);
    let content = need.content;
    Ok(Json(PublicNeed {
        need_id: need.need_id,
        value_idr: content.value_idr.parse().ok(),
        title: content.title,
        description: content.description,
        support_type: content.support_type,
        resource_kind: optional(content.resource_kind),
        sector: content.sector,
        beneficiaries: optional(content.beneficiaries),
        window_start: optional(content.window_start),
        window_end: optional(content.window_end),
        status: need.status.as_str().to_owned(),
        closed_on,
        village_code: need.village_code,
        village_name: need.village_name,
        district_name: need.district_name,
        regency_code: need.regency_code,
        regency_name: need.regency_name,
        published_at: need.published_at,
    }))
}

/// Cooperation agreements that are signed or later (never drafts), newest first, with the
/// filters of `/kerja-sama`: title, parties, period, status and outcome — no contacts.
#[utoipa::path(get, path = "/api/v1/agreements", params(app::domain::cooperation_query::CooperationQuery),
    responses((status = 200, body = CooperationResults), (status = 400, body = ApiError)))]
async fn agreements_handler(
    State(state): State<AppState>,
    query: Result<Query<app::domain::cooperation_query::CooperationQuery>, QueryRejection>,
) -> ApiResult<CooperationResults> {
    let Query(query) = query?;
    let query = query.validate().map_err(ApiFailure::Invalid)?;
    let page = app::ssr::repo::agreement_lists::list(&state.pool, &query, None).await?;
    Ok(Json(page.into()))
}

/// One cooperation agreement, once signed (a draft is 404).
#[utoipa::path(get, path = "/api/v1/agreements/{id}", params(("id" = i64, Path, description = "Agreement id")),
    responses((status = 200, body = CooperationLine), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
async fn agreement_handler(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<CooperationLine> {
    let id = path_id(&id)?;
    Ok(Json(app::ssr::repo::agreement_lists::public(&state.pool, id).await?.ok_or(ApiFailure::NotFound)?))
}

/// The figures of `/statistik` for the public (aggregates only), with its filters.
#[utoipa::path(get, path = "/api/v1/statistics", params(app::domain::statistics::StatisticsQuery),
    responses((status = 200, body = Statistics), (status = 400, body = ApiError)))]
async fn statistics_handler(
    State(state): State<AppState>,
    query: Result<Query<app::domain::statistics::StatisticsQuery>, QueryRejection>,
) -> ApiResult<Statistics> {
    let Query(query) = query?;
    let query = query.validate().map_err(ApiFailure::Invalid)?;
    Ok(Json(app::ssr::statistics::public_or_staff(&state, &query, None).await?))
}

/// Published offers of verified partners, with the filters and paging of `/penawaran`.
#[utoipa::path(get, path = "/api/v1/offers", params(OfferQuery),
    responses((status = 200, body = OfferResults), (status = 400, body = ApiError)))]
async fn offers_handler(
    State(state): State<AppState>,
    query: Result<Query<OfferQuery>, QueryRejection>,
) -> ApiResult<OfferResults> {
    let Query(query) = query?;
    let query = query.validate().map_err(ApiFailure::Invalid)?;
    let (items, total) = offer_search::search_published(&state.pool, state.backend, &query).await?;
    Ok(Json(OfferResults { items, total, page: query.page, pages: page_count(total) }))
}

/// One offer visitors may read: published, taken up, or closed (marked by `status`).
#[utoipa::path(get, path = "/api/v1/offers/{id}", params(("id" = i64, Path, description = "Offer id")),
    responses((status = 200, body = OfferCard), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
async fn offer_handler(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<OfferCard> {
    let id = path_id(&id)?;
    Ok(Json(offer_search::readable(&state.pool, id).await?.ok_or(ApiFailure::NotFound)?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PartnerParams {
    /// 1-based page number (20 per page).
    #[serde(default)]
    halaman: String,
}

/// Verified partner organisations by name, a page at a time.
#[utoipa::path(get, path = "/api/v1/partners", params(PartnerParams),
    responses((status = 200, body = PartnerResults), (status = 400, body = ApiError)))]
async fn partners_handler(
    State(state): State<AppState>,
    params: Result<Query<PartnerParams>, QueryRejection>,
) -> ApiResult<PartnerResults> {
    let Query(params) = params?;
    let page = page_number(&params.halaman).map_err(ApiFailure::Invalid)?;
    let (items, total) = partners::verified(&state.pool, page).await?;
    Ok(Json(PartnerResults { items, total, page, pages: page_count(total) }))
}

/// A verified partner and its published offers.
#[derive(Serialize, ToSchema)]
pub struct PartnerWithOffers {
    partner: PartnerCard,
    offers: Vec<OfferCard>,
}

/// One verified partner.
#[utoipa::path(get, path = "/api/v1/partners/{id}", params(("id" = i64, Path, description = "Organisation id")),
    responses((status = 200, body = PartnerWithOffers), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
async fn partner_handler(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<PartnerWithOffers> {
    let id = path_id(&id)?;
    let partner = partners::one(&state.pool, id).await?.ok_or(ApiFailure::NotFound)?;
    let offers = offer_search::of_organisation(&state.pool, id).await?;
    Ok(Json(PartnerWithOffers { partner, offers }))
}
