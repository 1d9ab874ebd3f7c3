//! Export links that say how far their file has got. Without JavaScript they are plain
//! download links (the browser shows the download). With it, the [`ExportProgress`]
//! island names each download with a token of its own (`kemajuan=…`), asks the server
//! how many rows are written (`/ekspor/kemajuan/{token}`) while the file is prepared, and
//! says so in a status line: "Menyiapkan Kebutuhan (XLSX): 12.000 dari 100.000 baris
//! (12%)", then that the download has begun.
//!
//! Like the other islands it has no props (they would bring a JSON decoder to every
//! phone): [`ExportFrame`] renders its words as hidden text in the page's language, and
//! the links carry their names in `data-export`.

use crate::i18n::*;
use leptos::prelude::*;

/// Fills a message's `{name}`-style blanks.
pub fn fill(template: &str, blanks: &[(&str, &str)]) -> String {
    blanks.iter().fold(template.to_owned(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
}

/// The frame of export links: `children` holds the links (`<a data-export=NAME href=…>`).
#[component]
pub fn ExportFrame(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let text = move |key: &'static str, words: &'static str| view! { <span hidden data-text=key>{words}</span> };
    view! {
        <div class="export-frame" data-lang=if locale == Locale::en { "en" } else { "id" }>
            {text("waiting", td_string!(locale, export.progress_waiting))}
            {text("rows", td_string!(locale, export.progress_rows))}
            {text("ready", td_string!(locale, export.progress_ready))}
            {text("failed", td_string!(locale, export.progress_failed))}
            {children()}
            <ExportProgress/>
        </div>
    }
}

/// The status line of [`ExportFrame`]; rendered by the server empty.
#[island]
pub fn ExportProgress() -> impl IntoView {
    let status = RwSignal::new(String::new());
    let marker = NodeRef::<leptos::html::Span>::new();
    #[cfg(feature = "hydrate")]
    super::mount::once_mounted(marker, move |marker| client::start(marker, status));
    view! {
        <span node_ref=marker hidden></span>
        <p class="export-status" role="status" aria-live="polite">{move || status.get()}</p>
    }
}

#[cfg(feature = "hydrate")]
mod client {
    use super::*;
    use crate::domain::export::ExportProgress as Progress;
    use gloo_events::EventListener;
    use gloo_timers::future::TimeoutFuture;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlSpanElement};

    /// How often the server is asked, and for how long at most.
    const POLL_MS: u32 = 700;
    const GIVE_UP_AFTER: u32 = 30 * 60 * 1000 / POLL_MS;

    pub fn start(marker: HtmlSpanElement, status: RwSignal<String>) {
        let Some(frame) = marker.closest(".export-frame").ok().flatten() else { return };
        let word = |key: &str| {
            frame
                .query_selector(&format!("[data-text=\"{key}\"]"))
                .ok()
                .flatten()
                .and_then(|span| span.text_content())
                .unwrap_or_default()
        };
        let words =
            Words { waiting: word("waiting"), rows: word("rows"), ready: word("ready"), failed: word("failed") };
        let locale = if frame.get_attribute("data-lang").as_deref() == Some("en") { Locale::en } else { Locale::id };
        let Ok(links) = frame.query_selector_all("a[data-export]") else { return };
        for n in 0..links.length() {
            let Some(link) = links.item(n).and_then(|l| l.dyn_into::<Element>().ok()) else { continue };
            let base = link.get_attribute("href").unwrap_or_default();
            let (words, marker) = (words.clone(), marker.clone());
            let target = link.clone();
            // The default action (the download) follows the click, with the token in it.
            EventListener::new(&link, "click", move |_| {
                let token = token();
                let joiner = if base.contains('?') { '&' } else { '?' };
                let _ = target.set_attribute("href", &format!("{base}{joiner}kemajuan={token}"));
                let name = target.get_attribute("data-export").unwrap_or_default();
                leptos::task::spawn_local(follow(token, name, words.clone(), locale, status, marker.clone()));
            })
            .forget();
        }
    }

    #[derive(Clone)]
    struct Words {
        waiting: String,
        rows: String,
        ready: String,
        failed: String,
    }

    /// 24 random hexadecimal digits.
    fn token() -> String {
        (0..3).map(|_| format!("{:08x}", (js_sys::Math::random() * 4_294_967_296.0) as u32)).collect()
    }

    async fn follow(
        token: String,
        name: String,
        words: Words,
        locale: Locale,
        status: RwSignal<String>,
        marker: HtmlSpanElement,
    ) {
        status.set(fill(&words.waiting, &[("name", &name)]));
        let mut seen = false;
        for _ in 0..GIVE_UP_AFTER {
            TimeoutFuture::new(POLL_MS).await;
            if !marker.is_connected() {
                return; // another page
            }
            let Ok(answer) = gloo_net::http::Request::get(&format!("/ekspor/kemajuan/{token}")).send().await else {
                continue;
            };
            let progress = match answer.status() {
                200 => answer.text().await.ok().as_deref().and_then(Progress::parse),
                // Kept no longer, or on another server: it was seen, so it went out.
                404 if seen => Some(Progress { done: true, ..Progress::default() }),
                _ => None,
            };
            let Some(progress) = progress else { continue };
            seen = true;
            if progress.failed {
                status.set(fill(&words.failed, &[("name", &name)]));
                return;
            }
            if progress.done {
                status.set(fill(&words.ready, &[("name", &name)]));
                return;
            }
            let count = |n: u64| crate::wire::format::thousands(locale, n as i64);
            status.set(fill(
                &words.rows,
                &[
                    ("name", &name),
                    ("rows", &count(progress.rows)),
                    ("total", &count(progress.total)),
                    ("percent", &progress.percent().to_string()),
                ],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_are_filled_by_name() {
        let text = fill(
            "{name}: {rows} dari {total} baris",
            &[("name", "Kebutuhan (XLSX)"), ("rows", "1.000"), ("total", "5.000")],
        );
        assert_eq!(text, "Kebutuhan (XLSX): 1.000 dari 5.000 baris");
    }
}
