//! `GET /api/live`: the signed-in user's stream of server-sent events. Each event only
//! names a topic (`notification`, `queue`, `match`); the page then fetches what changed
//! through the usual server functions, which check access as always. Events meant for
//! someone else never enter this stream. A `ready` event opens it (the browser refetches
//! then, which is how a reconnected page catches up); `resync` says events were missed.

use app::ssr::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::stream::{self, Stream};
use std::convert::Infallible;
use tokio::sync::broadcast::error::RecvError;
use tower_sessions::Session;

pub async fn stream(
    State(state): State<AppState>,
    session: Session,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, StatusCode> {
    let user = app::ssr::auth::user_of(&session, &state)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?
        .ok_or(StatusCode::UNAUTHORIZED)?;
    let receiver = state.live.subscribe();
    let ready = stream::once(async { Ok(Event::default().event("ready").data("{}")) });
    let events = stream::unfold((receiver, user), |(mut receiver, user)| async move {
        loop {
            match receiver.recv().await {
                Ok(event) if event.reaches(&user) => {
                    let sse = Event::default().event(event.topic.clone()).data("{}");
                    return Some((Ok(sse), (receiver, user)));
                }
                Ok(_) => continue,
                Err(RecvError::Lagged(_)) => {
                    return Some((Ok(Event::default().event("resync").data("{}")), (receiver, user)));
                }
                Err(RecvError::Closed) => return None,
            }
        }
    });
    Ok(Sse::new(stream::StreamExt::chain(ready, events)).keep_alive(KeepAlive::default()))
}
