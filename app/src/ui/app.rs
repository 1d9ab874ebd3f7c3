//! The HTML shell, the router and the session every page shares.

use super::components::layout::Layout;
use super::pages;
use crate::api::auth::{get_session, SignIn, SignOut, SignUp};
use crate::i18n::*;
use crate::wire::error::AppError;
use crate::wire::session::SessionInfo;
use leptos::prelude::*;
use leptos::server::ServerActionError;
use leptos_i18n::context::{CookieOptions, UseLocalesOptions};
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_query_map;
use leptos_router::path;
use leptos_router::SsrMode;

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let nonce = leptos::nonce::use_nonce();
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (&nonce, use_context::<leptos_axum::ResponseOptions>()) {
        if let Ok(policy) = http::HeaderValue::from_str(&crate::wire::content_policy::page(nonce)) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0f5c4a"/>
                <link rel="apple-touch-icon" href="/icon-192.png"/>
                <MetaTags/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                // Last: a client-side navigation's page comes without these, and the islands
                // router patches the head node by node, so what both have comes first.
                // The service worker keeps the pages last read for reading offline (public/sw.js).
                <script nonce=nonce>"if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js');"</script>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true islands_router=true/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The session and the actions that change it, shared by every page.
#[derive(Clone, Copy)]
pub struct SessionContext {
    pub info: Resource<Result<SessionInfo, AppError>>,
    pub sign_in: ServerAction<SignIn>,
    pub sign_up: ServerAction<SignUp>,
    pub sign_out: ServerAction<SignOut>,
    /// An invited operator sets a password and is signed in.
    pub accept_invitation: ServerAction<crate::api::invitations::AcceptInvitation>,
}

pub fn use_session() -> SessionContext {
    expect_context::<SessionContext>()
}

/// Locale cookie: one year, whole site. Not HttpOnly: the browser switches language itself.
fn locale_cookie() -> CookieOptions<Locale> {
    CookieOptions::<Locale>::default().path("/").max_age(365_i64 * 24 * 3600 * 1000)
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider
            cookie_options=locale_cookie()
            ssr_lang_header_getter=UseLocalesOptions::default().ssr_lang_header_getter(|| None)
        >
            <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
            <Manifest/>
            <Router>
                <Site/>
            </Router>
        </I18nContextProvider>
    }
}

/// The web app manifest in the page's language (installing the app names it).
#[component]
fn Manifest() -> impl IntoView {
    let i18n = use_i18n();
    // Pages are rendered on the server, a language change included: the locale is fixed here.
    let href = format!("/manifest-{}.webmanifest", i18n.get_locale_untracked().as_str());
    view! { <Link rel="manifest" href=href/> }
}

/// Everything inside the router. A form posted without JavaScript comes back to its page
/// with the error in the URL (`__path`, `__err`); the router would hand it only to actions
/// created below `<Routes>`, so it is handed to the session actions here.
#[component]
fn Site() -> impl IntoView {
    // The last ones: a form that failed again comes back with the earlier error still in
    // the address it was sent from, and the new one appended.
    let query = use_query_map().get_untracked();
    let last = |key: &str| query.get_all(key).and_then(|all| all.last().cloned());
    if let (Some(path), Some(err)) = (last("__path"), last("__err")) {
        provide_context(ServerActionError::new(&path, &err));
    }
    let sign_in = ServerAction::<SignIn>::new();
    let sign_up = ServerAction::<SignUp>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let accept_invitation = ServerAction::<crate::api::invitations::AcceptInvitation>::new();
    let info = Resource::new(|| (), |_| get_session());
    provide_context(SessionContext { info, sign_in, sign_up, sign_out, accept_invitation });
    crate::ui::components::live::provide_nav_counts(info);

    // Pages are rendered whole before they are sent (SsrMode::Async): they must work
    // without JavaScript, and link previews (WhatsApp) read the meta tags in <head>.
    view! {
        <Layout>
            <Routes fallback=|| view! { <pages::not_found::NotFound/> }>
                <Route path=path!("/") view=pages::home::Home ssr=SsrMode::Async/>
                <Route path=path!("/peluang") view=pages::opportunities::Opportunities ssr=SsrMode::Async/>
                <Route path=path!("/peluang/:id") view=pages::need_detail::NeedPage ssr=SsrMode::Async/>
                <Route path=path!("/peluang/klaster/:id") view=pages::cluster::ClusterPage ssr=SsrMode::Async/>
                <Route path=path!("/penawaran") view=pages::offers::Offers ssr=SsrMode::Async/>
                <Route path=path!("/penawaran/:id") view=pages::offer_detail::OfferPage ssr=SsrMode::Async/>
                <Route path=path!("/penawaran/:id/ubah") view=pages::offer_form::EditOffer ssr=SsrMode::Async/>
                <Route path=path!("/penawaran/:id/penempatan") view=pages::placements::PlacementPage ssr=SsrMode::Async/>
                <Route path=path!("/desa/:kode") view=pages::village::VillagePageView ssr=SsrMode::Async/>
                <Route path=path!("/profil-desa") view=pages::village::VillageProfileEdit ssr=SsrMode::Async/>
                <Route path=path!("/organisasi") view=pages::organisation_form::OrganisationPage ssr=SsrMode::Async/>
                <Route path=path!("/tawarkan") view=pages::offer_form::NewOffer ssr=SsrMode::Async/>
                <Route path=path!("/mitra") view=pages::partners::Partners ssr=SsrMode::Async/>
                <Route path=path!("/mitra/:id") view=pages::partners::PartnerPage ssr=SsrMode::Async/>
                <Route path=path!("/kebutuhan/baru") view=pages::need_form::NewNeed ssr=SsrMode::Async/>
                <Route path=path!("/kebutuhan/:id/ubah") view=pages::need_form::EditNeed ssr=SsrMode::Async/>
                <Route path=path!("/undangan/:token") view=pages::invitation::InvitationPage ssr=SsrMode::Async/>
                <Route path=path!("/kecocokan/:id") view=pages::match_page::MatchPage ssr=SsrMode::Async/>
                <Route path=path!("/kerja-sama") view=pages::cooperation::list::Cooperations ssr=SsrMode::Async/>
                <Route path=path!("/kerja-sama/:id") view=pages::cooperation::detail::CooperationPage ssr=SsrMode::Async/>
                <Route path=path!("/kerja-sama/:id/cetak") view=pages::cooperation::print::AgreementDocument ssr=SsrMode::Async/>
                <Route path=path!("/kerja-sama/:id/laporan") view=pages::cooperation::print::ReportDocument ssr=SsrMode::Async/>
                <Route path=path!("/statistik") view=pages::statistics::StatisticsPage ssr=SsrMode::Async/>
                <Route path=path!("/laporan-ppm") view=pages::ppm::PpmPage ssr=SsrMode::Async/>
                <Route path=path!("/laporan-ppm/:id") view=pages::ppm::PpmCompanyPage ssr=SsrMode::Async/>
                <Route path=path!("/statistik/kamus-data") view=pages::data_dictionary::DataDictionary ssr=SsrMode::Async/>
                <Route path=path!("/pengaturan") view=pages::settings::Settings ssr=SsrMode::Async/>
                <Route path=path!("/putaran") view=pages::rounds::Rounds ssr=SsrMode::Async/>
                <Route path=path!("/putaran/:id") view=pages::round::RoundPage ssr=SsrMode::Async/>
                <Route path=path!("/audit") view=pages::audit::Audit ssr=SsrMode::Async/>
                <Route path=path!("/moderasi") view=pages::moderation::Moderation ssr=SsrMode::Async/>
                <Route path=path!("/masuk") view=pages::sign_in::SignInPage ssr=SsrMode::Async/>
                <Route path=path!("/daftar") view=pages::sign_up::SignUpPage ssr=SsrMode::Async/>
                <Route path=path!("/luring") view=pages::offline::Offline ssr=SsrMode::Async/>
                <Route path=path!("/dasbor") view=pages::dashboard::Dashboard ssr=SsrMode::Async/>
                <Route path=path!("/akun") view=pages::accounts::Accounts ssr=SsrMode::Async/>
            </Routes>
        </Layout>
    }
}
