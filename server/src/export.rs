//! `GET /ekspor/{data}.{csv|xlsx}`: what staff see, as a file, with the filters of
//! `/statistik` (`kabupaten`, `sektor`, `tahun`) and never beyond their jurisdiction
//! (`app::ssr::export` decides); `GET /statistik/kamus-data.csv`: the data dictionary;
//! `GET /ekspor/laporan-ppm.xlsx[?mitra=ID]`: a company's PPM/TJSL report (its members get
//! their own company's, staff any company's, as on `/laporan-ppm`);
//! `GET /ekspor/penempatan/{offer}.xlsx`: a cohort offer's placement board (as on its page). An export named by the
//! page with `kemajuan=TOKEN` counts its rows, which `GET /ekspor/kemajuan/{token}` tells
//! the same user (`rows total done`), so that the page can show how far it has got.
//! Files are private: never kept by any cache.

use app::domain::statistics::StatisticsQuery;
use app::i18n::Locale;
use app::ssr::export::{self, Refusal};
use app::ssr::AppState;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_sessions::Session;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/ekspor/laporan-ppm.xlsx", get(ppm_report))
        .route("/ekspor/kemajuan/{token}", get(progress))
        .route("/ekspor/penempatan/{file}", get(placement_board))
        .route("/ekspor/{file}", get(file))
        .route("/statistik/kamus-data.csv", get(dictionary))
}

/// The headers of a file download: its type and name, and no caching anywhere.
fn download(content_type: &str, file_name: &str) -> [(header::HeaderName, HeaderValue); 3] {
    let disposition = format!("attachment; filename=\"{file_name}\"");
    [
        (header::CONTENT_TYPE, HeaderValue::from_str(content_type).unwrap_or(HeaderValue::from_static("text/plain"))),
        (
            header::CONTENT_DISPOSITION,
            HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment")),
        ),
        (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
    ]
}

/// A refusal as a short page in the caller's language.
fn refused(locale: Locale, refusal: Refusal) -> Response {
    let status = match refusal {
        Refusal::NotFound => 404,
        Refusal::NotSignedIn => 401,
        Refusal::Forbidden => 403,
        Refusal::Invalid(_) => 400,
    };
    let message = app::wire::text::export_refused(locale, status);
    let css = crate::web::stylesheet_href();
    let html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{message}</title>\
         <link rel=\"stylesheet\" href=\"{css}\"></head><body><main class=\"wrap\">\
         <h1>{message}</h1><p><a href=\"/statistik\">/statistik</a></p></main></body></html>",
        if locale == Locale::en { "en" } else { "id" }
    );
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    (status, [(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"))], axum::response::Html(html))
        .into_response()
}

/// The page's name for an export it follows.
#[derive(serde::Deserialize)]
struct Follow {
    kemajuan: Option<String>,
}

async fn file(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(file): Path<String>,
    query: Result<Query<StatisticsQuery>, axum::extract::rejection::QueryRejection>,
    follow: Result<Query<Follow>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let locale = crate::web::locale_of(&headers);
    let Ok(Query(view)) = query else {
        return refused(locale, Refusal::Invalid(Vec::new()));
    };
    let caller = match app::ssr::auth::user_of(&session, &state).await {
        Ok(caller) => caller,
        Err(err) => {
            return (StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)).into_response()
        }
    };
    let plan = match export::plan(caller.as_ref(), &file, &view) {
        Ok(plan) => plan,
        Err(refusal) => return refused(locale, refusal),
    };
    let headers = download(plan.format.content_type(), &plan.file_name);
    let token =
        follow.ok().and_then(|Query(f)| f.kemajuan).filter(|t| app::domain::export::progress_token(t).is_some());
    let tracker = match (token, &caller) {
        (Some(token), Some(user)) => match export::count(&state.pool, &plan).await {
            Ok(total) => Some(state.export_progress.start(user.user_id, &token, total.max(0) as u64)),
            Err(err) => {
                tracing::warn!(error = %err, "could not count an export's rows");
                None
            }
        },
        _ => None,
    };
    match plan.format {
        app::domain::export::ExportFormat::Csv => {
            (headers, Body::from_stream(export::csv(state.pool.clone(), plan, tracker))).into_response()
        }
        app::domain::export::ExportFormat::Xlsx => match export::xlsx(&state.pool, &plan, tracker.as_ref()).await {
            Ok(written) => {
                let length = written.metadata().map(|m| m.len()).unwrap_or(0);
                let stream = tokio_util::io::ReaderStream::new(tokio::fs::File::from_std(written));
                let mut response = (headers, Body::from_stream(stream)).into_response();
                if let Ok(length) = HeaderValue::from_str(&length.to_string()) {
                    response.headers_mut().insert(header::CONTENT_LENGTH, length);
                }
                response
            }
            Err(err) => {
                tracing::error!(error = %err, file, "XLSX export failed");
                if let Some(tracker) = tracker {
                    tracker.failed();
                }
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        },
    }
}

async fn dictionary() -> Response {
    let headers = download("text/csv; charset=utf-8", "mitra-desa-kamus-data.csv");
    (headers, export::dictionary_csv()).into_response()
}

#[derive(serde::Deserialize)]
struct PpmQuery {
    mitra: Option<i64>,
}

/// The signed-in caller of a download, or the answer that refuses it.
async fn signed_in(
    state: &AppState,
    session: &Session,
    locale: Locale,
) -> Result<app::domain::account::CurrentUser, Response> {
    match app::ssr::auth::user_of(session, state).await {
        Ok(Some(user)) => Ok(user),
        Ok(None) => Err(refused(locale, Refusal::NotSignedIn)),
        Err(err) => {
            Err(StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR).into_response())
        }
    }
}

/// A refusal for a service's error (anything from 500 up only logged, there).
fn refused_for(locale: Locale, err: &app::wire::error::AppError) -> Response {
    match err.status() {
        401 => refused(locale, Refusal::NotSignedIn),
        403 => refused(locale, Refusal::Forbidden),
        status if status < 500 => refused(locale, Refusal::NotFound),
        _ => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// A small workbook written on a blocking thread, sent as a download named `name`.
async fn workbook<E: std::fmt::Display + Send + 'static>(
    name: String,
    what: &'static str,
    write: impl FnOnce() -> Result<Vec<u8>, E> + Send + 'static,
) -> Response {
    match tokio::task::spawn_blocking(write).await {
        Ok(Ok(bytes)) => {
            (download(app::domain::export::ExportFormat::Xlsx.content_type(), &name), bytes).into_response()
        }
        Ok(Err(err)) => {
            tracing::error!(error = %err, "{what} XLSX failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
        Err(err) => {
            tracing::error!(error = %err, "{what} XLSX failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// A company's PPM/TJSL report as XLSX: the caller's access is the page's
/// (`app::ssr::ppm::report` decides).
async fn ppm_report(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    query: Result<Query<PpmQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let locale = crate::web::locale_of(&headers);
    let Ok(Query(query)) = query else {
        return refused(locale, Refusal::Invalid(Vec::new()));
    };
    let user = match signed_in(&state, &session, locale).await {
        Ok(user) => user,
        Err(response) => return response,
    };
    let report = match app::ssr::ppm::report(&state, &user, query.mitra).await {
        Ok(report) => report,
        Err(err) => return refused_for(locale, &err),
    };
    let name = format!("mitra-desa-laporan-ppm-{}-{}.xlsx", report.organisation_id, app::ssr::db::today());
    workbook(name, "PPM report", move || app::ssr::ppm_xlsx::report(&report, locale)).await
}

/// A cohort offer's placement board as XLSX (`{offer_id}.xlsx`): the caller's access is
/// the board page's (`app::ssr::placements::board` decides).
async fn placement_board(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Response {
    let locale = crate::web::locale_of(&headers);
    let Some(offer_id) = file.strip_suffix(".xlsx").and_then(|id| id.parse::<i64>().ok()) else {
        return refused(locale, Refusal::NotFound);
    };
    let user = match signed_in(&state, &session, locale).await {
        Ok(user) => user,
        Err(response) => return response,
    };
    let board = match app::ssr::placements::board(&state, &user, offer_id).await {
        Ok(board) => board,
        Err(err) => return refused_for(locale, &err),
    };
    let name = format!("mitra-desa-penempatan-{offer_id}-{}.xlsx", app::ssr::db::today());
    workbook(name, "placement board", move || app::ssr::placements::workbook(&board, locale)).await
}

/// `rows total done` of an export the caller follows (`404` when unknown here).
async fn progress(State(state): State<AppState>, session: Session, Path(token): Path<String>) -> Response {
    let no_store = [(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"))];
    let user = match app::ssr::auth::user_of(&session, &state).await {
        Ok(Some(user)) => user,
        Ok(None) => return (StatusCode::UNAUTHORIZED, no_store).into_response(),
        Err(err) => {
            return StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR).into_response()
        }
    };
    match app::domain::export::progress_token(&token).and_then(|token| state.export_progress.get(user.user_id, token)) {
        Some(progress) => (no_store, progress.to_text()).into_response(),
        None => (StatusCode::NOT_FOUND, no_store).into_response(),
    }
}
