//! Needs written without a signal. The [`PhoneDrafts`] island keeps the operator's draft on
//! the phone (local storage) while it is written, sends it when the form is sent — or,
//! without a connection, as soon as one returns — and lists the phone's drafts with their
//! state: on this phone, sent, published, or to be corrected.
//!
//! Each draft carries the id the phone gave it (`client_id`): the server answers a repeated
//! send with the need it already created, so a draft becomes one need however often it is
//! sent (an answer lost on the way back, two tabs, a retry). Drafts are kept per village: a
//! phone shared with another village's operator never sends one village's draft as the
//! other's.
//!
//! Every byte of the client reaches a village phone: the island has no props (they would
//! bring a JSON decoder) — [`NeedDrafts`] renders its settings and texts around it, in the
//! page's language, and the island reads them there — and drafts are stored as plain text.

use crate::i18n::*;
use leptos::prelude::*;

/// Where a draft kept on the phone stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftState {
    /// In the form, being written.
    Writing,
    /// Sent without a connection: waits for one.
    Waiting,
    /// The server refused it (a field to correct, or signed out): back to the form.
    Refused,
    /// The server has it: a draft need of the village.
    Sent,
    /// It is public.
    Published,
}

impl DraftState {
    const ALL: [DraftState; 5] =
        [DraftState::Writing, DraftState::Waiting, DraftState::Refused, DraftState::Sent, DraftState::Published];

    pub fn as_str(self) -> &'static str {
        match self {
            DraftState::Writing => "writing",
            DraftState::Waiting => "waiting",
            DraftState::Refused => "refused",
            DraftState::Sent => "sent",
            DraftState::Published => "published",
        }
    }

    pub fn parse(value: &str) -> Option<DraftState> {
        DraftState::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// One draft on the phone: the form's fields as posted, and the need it became.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneDraft {
    pub id: String,
    pub fields: Vec<(String, String)>,
    pub state: DraftState,
    /// The need's page, once sent (or the form, to correct it).
    pub need: Option<String>,
}

impl PhoneDraft {
    fn title(&self) -> Option<&str> {
        self.fields.iter().find(|(k, _)| k == "need[title]").map(|(_, v)| v.as_str()).filter(|t| !t.trim().is_empty())
    }

    /// One line of the stored list: id, state, page and fields, separated by tabs; every
    /// part percent-encoded by `encode` (so that none holds a tab or a line break).
    pub fn to_line(&self, encode: impl Fn(&str) -> String) -> String {
        let fields: Vec<String> = self.fields.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
        let need = self.need.as_deref().map(&encode).unwrap_or_default();
        format!("{}\t{}\t{}\t{}", encode(&self.id), self.state.as_str(), need, fields.join("&"))
    }

    /// Reads a line written by [`PhoneDraft::to_line`]; `None` for anything else.
    pub fn from_line(line: &str, decode: impl Fn(&str) -> Option<String>) -> Option<PhoneDraft> {
        let mut parts = line.split('\t');
        let id = decode(parts.next()?)?;
        let state = DraftState::parse(parts.next()?)?;
        let need = Some(decode(parts.next()?)?).filter(|n| !n.is_empty());
        let fields = parts
            .next()?
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=')?;
                Some((decode(k)?, decode(v)?))
            })
            .collect::<Option<Vec<_>>>()?;
        (parts.next().is_none() && !id.is_empty()).then_some(PhoneDraft { id, fields, state, need })
    }
}

/// The phone's drafts of `village`; inside a need form (`with_form`) it also keeps and
/// sends the form's draft.
#[component]
pub fn NeedDrafts(village: String, with_form: bool) -> impl IntoView {
    let i18n = use_i18n();
    // What the island reads: its settings as data attributes, its words as hidden text.
    let text = move |key: &'static str, words: String| view! { <span hidden data-text=key>{words}</span> };
    view! {
        <div class="need-drafts" data-village=village data-form=if with_form { "1" } else { "0" }>
            {text("heading", t_string!(i18n, drafts.heading).to_string())}
            {text("saved_offline", t_string!(i18n, drafts.saved_offline).to_string())}
            {text("sending", t_string!(i18n, drafts.sending).to_string())}
            {text("restored", t_string!(i18n, drafts.restored).to_string())}
            {text("untitled", t_string!(i18n, drafts.untitled).to_string())}
            {text("waiting", t_string!(i18n, drafts.on_device).to_string())}
            {text("refused", t_string!(i18n, drafts.refused).to_string())}
            {text("sent", t_string!(i18n, drafts.sent).to_string())}
            {text("published", t_string!(i18n, drafts.published).to_string())}
            {text("open", t_string!(i18n, drafts.open).to_string())}
            <PhoneDrafts/>
        </div>
    }
}

/// The words of [`NeedDrafts`], read from the page.
#[derive(Clone, Debug, Default)]
struct Words(Vec<(String, String)>);

impl Words {
    fn get(&self, key: &str) -> String {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default()
    }
}

/// The interactive part of [`NeedDrafts`]; rendered by the server empty, its list comes
/// from the phone.
#[island]
pub fn PhoneDrafts() -> impl IntoView {
    let status = RwSignal::new(String::new());
    let drafts = RwSignal::new(Vec::<PhoneDraft>::new());
    let words = RwSignal::new(Words::default());
    let marker = NodeRef::<leptos::html::Span>::new();
    #[cfg(feature = "hydrate")]
    super::mount::once_mounted(marker, move |marker| client::start(marker, status, drafts, words));
    let word = move |key: &str| words.with(|w| w.get(key));
    view! {
        <span node_ref=marker hidden></span>
        <p class="draft-status" role="status" aria-live="polite">{move || status.get()}</p>
        {move || {
            let shown: Vec<PhoneDraft> = drafts.get().into_iter().filter(|d| d.state != DraftState::Writing).collect();
            (!shown.is_empty()).then(|| view! {
                <section class="phone-drafts" aria-labelledby="phone-drafts">
                    <h2 id="phone-drafts">{word("heading")}</h2>
                    <ul class="queue" data-testid="phone-drafts">
                        {shown.into_iter().map(|draft| {
                            let title = draft.title().map(str::to_owned).unwrap_or_else(|| word("untitled"));
                            let state = draft.state.as_str();
                            view! {
                                <li data-state=state>
                                    <span>{title}</span>
                                    " "
                                    <span class=format!("badge badge-draft-{state}")>{word(state)}</span>
                                    {draft.need.clone().map(|href| view! { " " <a href=href>{word("open")}</a> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            })
        }}
    }
}

#[cfg(feature = "hydrate")]
mod client {
    use super::*;
    use gloo_events::{EventListener, EventListenerOptions};
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

    /// How many sent drafts the phone remembers.
    const KEEP_SENT: usize = 10;
    /// How often waiting drafts are tried again: a phone may say it is online on a signal
    /// too weak to carry anything, and then no `online` event comes.
    const RETRY_MS: u32 = 15_000;

    #[derive(Clone)]
    struct Ctx {
        marker: web_sys::HtmlSpanElement,
        key: String,
        status: RwSignal<String>,
        drafts: RwSignal<Vec<PhoneDraft>>,
        words: RwSignal<Words>,
    }

    fn encode(text: &str) -> String {
        String::from(js_sys::encode_uri_component(text))
    }

    fn decode(text: &str) -> Option<String> {
        js_sys::decode_uri_component(text).ok().map(String::from)
    }

    impl Ctx {
        fn storage(&self) -> Option<web_sys::Storage> {
            gloo_utils::window().local_storage().ok().flatten()
        }

        fn load(&self) -> Vec<PhoneDraft> {
            let stored = self.storage().and_then(|s| s.get_item(&self.key).ok().flatten()).unwrap_or_default();
            stored.lines().filter_map(|line| PhoneDraft::from_line(line, decode)).collect()
        }

        /// Changes the stored drafts (read afresh: another tab may have changed them).
        fn update(&self, change: impl FnOnce(&mut Vec<PhoneDraft>)) {
            let mut drafts = self.load();
            change(&mut drafts);
            let done: Vec<usize> = drafts
                .iter()
                .enumerate()
                .filter(|(_, d)| matches!(d.state, DraftState::Sent | DraftState::Published))
                .map(|(n, _)| n)
                .collect();
            for n in done.iter().rev().skip(KEEP_SENT) {
                drafts.remove(*n);
            }
            let lines: Vec<String> = drafts.iter().map(|d| d.to_line(encode)).collect();
            if let Some(storage) = self.storage() {
                let _ = storage.set_item(&self.key, &lines.join("\n"));
            }
            self.drafts.set(drafts);
        }

        fn set_state(&self, id: &str, state: DraftState, need: Option<String>) {
            self.update(|drafts| {
                if let Some(draft) = drafts.iter_mut().find(|d| d.id == id) {
                    draft.state = state;
                    draft.need = need.or(draft.need.take());
                }
            });
        }

        fn say(&self, key: &str) {
            self.status.set(self.words.with_untracked(|w| w.get(key)));
        }

        /// The island is still on the page (the islands router replaces pages).
        fn present(&self) -> bool {
            self.marker.is_connected()
        }
    }

    pub fn start(
        marker: web_sys::HtmlSpanElement,
        status: RwSignal<String>,
        drafts: RwSignal<Vec<PhoneDraft>>,
        words: RwSignal<Words>,
    ) {
        let Some(frame) = marker.closest(".need-drafts").ok().flatten() else { return };
        let village = frame.get_attribute("data-village").unwrap_or_default();
        if village.is_empty() {
            return;
        }
        words.set(read_words(&frame));
        let ctx = Ctx { marker, key: format!("mitra-desa.need-drafts.{village}"), status, drafts, words };
        ctx.drafts.set(ctx.load());
        if frame.get_attribute("data-form").as_deref() == Some("1") {
            let form = frame.closest("form").ok().flatten().and_then(|f| f.dyn_into::<HtmlFormElement>().ok());
            if let Some(form) = form {
                keep_form(&ctx, form);
            }
        }
        let online = ctx.clone();
        EventListener::new(&gloo_utils::window(), "online", move |_| {
            if online.present() {
                leptos::task::spawn_local(send_waiting(online.clone()));
            }
        })
        .forget();
        leptos::task::spawn_local(async move {
            send_waiting(ctx.clone()).await;
            check_published(ctx.clone()).await;
            while ctx.present() {
                gloo_timers::future::TimeoutFuture::new(RETRY_MS).await;
                if ctx.present() && ctx.load().iter().any(|d| d.state == DraftState::Waiting) {
                    send_waiting(ctx.clone()).await;
                }
            }
        });
    }

    fn read_words(frame: &Element) -> Words {
        let mut words = Vec::new();
        if let Ok(spans) = frame.query_selector_all("[data-text]") {
            for n in 0..spans.length() {
                let Some(span) = spans.item(n).and_then(|s| s.dyn_into::<Element>().ok()) else { continue };
                let key = span.get_attribute("data-text").unwrap_or_default();
                words.push((key, span.text_content().unwrap_or_default()));
            }
        }
        Words(words)
    }

    /// Restores the draft being written (unless the page shows what was just submitted),
    /// keeps every change on the phone, and sends on submit.
    fn keep_form(ctx: &Ctx, form: HtmlFormElement) {
        let Some(id_input) = field::<HtmlInputElement>(&form, "client_id") else { return };
        let drafts = ctx.load();
        let writing = drafts
            .iter()
            .find(|d| d.state == DraftState::Writing)
            .or_else(|| drafts.iter().find(|d| d.state == DraftState::Refused));
        match writing {
            Some(draft) => {
                if is_empty(&form) {
                    fill(&form, &draft.fields);
                    ctx.say("restored");
                }
                id_input.set_value(&draft.id);
                ctx.set_state(&draft.id, DraftState::Writing, None);
            }
            None => id_input.set_value(&new_id()),
        }
        let keep = ctx.clone();
        let written = form.clone();
        EventListener::new(&form, "input", move |_| {
            let fields = read(&written);
            let id = value_of(&fields, "client_id");
            keep.update(|drafts| match drafts.iter_mut().find(|d| d.id == id) {
                Some(draft) => draft.fields = fields,
                None => drafts.push(PhoneDraft { id, fields, state: DraftState::Writing, need: None }),
            });
        })
        .forget();
        let send = ctx.clone();
        let options = EventListenerOptions::enable_prevent_default();
        EventListener::new_with_options(&form.clone(), "submit", options, move |event| {
            // Before the islands router takes the submission: this island sends it.
            event.prevent_default();
            leptos::task::spawn_local(submit(send.clone(), form.clone(), id_input.clone()));
        })
        .forget();
    }

    async fn submit(ctx: Ctx, form: HtmlFormElement, id_input: HtmlInputElement) {
        let fields = read(&form);
        let id = value_of(&fields, "client_id");
        ctx.update(|drafts| {
            drafts.retain(|d| d.id != id);
            drafts.push(PhoneDraft { id: id.clone(), fields: fields.clone(), state: DraftState::Waiting, need: None });
        });
        ctx.say("sending");
        match send(&fields).await {
            Answer::Created(page) => {
                ctx.set_state(&id, DraftState::Sent, Some(page.clone()));
                let _ = gloo_utils::window().location().assign(&page);
            }
            Answer::Refused(address) => {
                // The server shows the form again with its messages; the draft is written on.
                ctx.set_state(&id, DraftState::Writing, None);
                let _ = gloo_utils::window().location().assign(&address);
            }
            Answer::Unreachable => {
                ctx.say("saved_offline");
                form.reset();
                id_input.set_value(&new_id());
            }
        }
    }

    /// Sends every draft waiting for a connection, one after the other.
    async fn send_waiting(ctx: Ctx) {
        let waiting: Vec<PhoneDraft> = ctx.load().into_iter().filter(|d| d.state == DraftState::Waiting).collect();
        for draft in waiting {
            match send(&draft.fields).await {
                Answer::Created(page) => ctx.set_state(&draft.id, DraftState::Sent, Some(page)),
                Answer::Refused(_) => ctx.set_state(&draft.id, DraftState::Refused, Some("/kebutuhan/baru".into())),
                Answer::Unreachable => return,
            }
        }
    }

    /// Marks sent drafts whose need is public (the public API answers for it).
    async fn check_published(ctx: Ctx) {
        let sent: Vec<PhoneDraft> = ctx.load().into_iter().filter(|d| d.state == DraftState::Sent).collect();
        for draft in sent {
            let Some(id) = draft.need.as_deref().and_then(|p| p.rsplit('/').next()) else { continue };
            let Ok(answer) = gloo_net::http::Request::get(&format!("/api/v1/needs/{id}")).send().await else { return };
            if answer.ok() {
                ctx.set_state(&draft.id, DraftState::Published, None);
            }
        }
    }

    enum Answer {
        /// The need's page.
        Created(String),
        /// Where the server sent the form back (with its messages).
        Refused(String),
        /// No connection, or no answer worth trusting: try again later.
        Unreachable,
    }

    /// Posts the draft as the form would without JavaScript; the server answers with the
    /// need's page, or the form again.
    async fn send(fields: &[(String, String)]) -> Answer {
        let body: Vec<String> = fields.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
        let request = gloo_net::http::Request::post("/api/save_need")
            .header("Accept", "text/html")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body.join("&"));
        let Ok(answer) = (match request {
            Ok(request) => request.send().await,
            Err(err) => Err(err),
        }) else {
            return Answer::Unreachable;
        };
        if !answer.ok() {
            return Answer::Unreachable;
        }
        let address = answer.url();
        let path = web_sys::Url::new(&address).map(|u| u.pathname()).unwrap_or_default();
        if path.starts_with("/peluang/") {
            Answer::Created(path)
        } else {
            Answer::Refused(address)
        }
    }

    /// The form's fields as it would post them.
    fn read(form: &HtmlFormElement) -> Vec<(String, String)> {
        let Ok(data) = web_sys::FormData::new_with_form(form) else { return Vec::new() };
        let Ok(Some(entries)) = js_sys::try_iter(&data) else { return Vec::new() };
        entries
            .flatten()
            .filter_map(|entry| {
                let pair = js_sys::Array::from(&entry);
                Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
            })
            .collect()
    }

    fn value_of(fields: &[(String, String)], name: &str) -> String {
        fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// Nothing of the need written yet (a fresh form, not one shown again after an error).
    fn is_empty(form: &HtmlFormElement) -> bool {
        read(form).iter().filter(|(k, _)| k.starts_with("need[")).all(|(_, v)| v.trim().is_empty())
    }

    fn fill(form: &HtmlFormElement, fields: &[(String, String)]) {
        for (name, value) in fields.iter().filter(|(k, _)| k.starts_with("need[")) {
            let Ok(Some(element)) = form.query_selector(&format!("[name=\"{name}\"]")) else { continue };
            if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
                input.set_value(value);
            } else if let Some(text) = element.dyn_ref::<HtmlTextAreaElement>() {
                text.set_value(value);
            } else if let Some(select) = element.dyn_ref::<HtmlSelectElement>() {
                select.set_value(value);
            }
        }
    }

    fn field<T: JsCast>(form: &HtmlFormElement, name: &str) -> Option<T> {
        form.query_selector(&format!("[name=\"{name}\"]")).ok().flatten()?.dyn_into::<T>().ok()
    }

    /// A new draft's id: a random UUID where the browser has one, else time and chance.
    fn new_id() -> String {
        gloo_utils::window().crypto().map(|c| c.random_uuid()).unwrap_or_else(|_| {
            let random = (js_sys::Math::random() * 1e15) as u64;
            format!("{:x}-{random:x}", js_sys::Date::now() as u64)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for the browser's percent-encoding (enough for the test's texts).
    fn encode(text: &str) -> String {
        text.replace('%', "%25").replace('\t', "%09").replace('\n', "%0A").replace('&', "%26").replace('=', "%3D")
    }

    fn decode(text: &str) -> Option<String> {
        Some(text.replace("%3D", "=").replace("%26", "&").replace("%0A", "\n").replace("%09", "\t").replace("%25", "%"))
    }

    #[test]
    fn drafts_survive_the_round_trip_through_storage() {
        let draft = PhoneDraft {
            id: "3f1c9a6e-5b7d".into(),
            fields: vec![
                ("need[title]".into(), "Air & listrik = 100%".into()),
                ("need[description]".into(), "Baris satu\nbaris\tdua".into()),
                ("need[value_idr]".into(), String::new()),
            ],
            state: DraftState::Waiting,
            need: None,
        };
        let line = draft.to_line(encode);
        assert!(!line.contains('\n'));
        assert_eq!(PhoneDraft::from_line(&line, decode), Some(draft.clone()));
        let sent = PhoneDraft { state: DraftState::Sent, need: Some("/peluang/12".into()), ..draft };
        assert_eq!(PhoneDraft::from_line(&sent.to_line(encode), decode), Some(sent));
    }

    #[test]
    fn anything_else_in_storage_is_ignored() {
        for line in ["", "x", "id\tlost\t\t", "\twaiting\t\t", "id\twaiting\t\tno-equals", "id\twaiting\t\t\textra"] {
            assert_eq!(PhoneDraft::from_line(line, decode), None, "{line:?}");
        }
    }
}
