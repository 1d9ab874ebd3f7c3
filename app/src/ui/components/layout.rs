//! Page frame: skip link, header with navigation and language switch, footer.

use crate::domain::account::CurrentUser;
use crate::i18n::*;
use crate::ui::app::use_session;
use crate::ui::components::live::{ClientReady, LiveUpdates};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#konten">{t!(i18n, nav.skip_to_content)}</a>
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"MD"</span>
                    <span class="brand-name">"Mitra Desa"</span>
                </a>
                <LanguageSwitch/>
            </div>
            <Navigation/>
        </header>
        <main id="konten" class="wrap" tabindex="-1">{replaced_whole(children())}</main>
        <Footer/>
    }
}

/// The page's own content, marked as new on every render.
///
/// The islands router patches the current document into the next by walking both side by
/// side: the frame (header, navigation, counts) is the same on every page and patched in
/// place. A page's content is not: its lists change length, and a list leaves no marks in
/// the HTML (the keyed lists' marks are lost inside `<Suspense>`), so patching it node by
/// node could shift everything after a list. As a keyed list of one item whose key is new
/// on each render, the content is replaced whole instead.
fn replaced_whole(content: AnyView) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let key = {
        use std::sync::atomic::{AtomicU64, Ordering};
        use std::sync::OnceLock;
        // Unique per render of this process; the start time keeps instances apart.
        static RENDERS: OnceLock<AtomicU64> = OnceLock::new();
        let start = || {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
            AtomicU64::new(now.as_nanos() as u64)
        };
        RENDERS.get_or_init(start).fetch_add(1, Ordering::Relaxed)
    };
    #[cfg(not(feature = "ssr"))]
    let key = 0_u64;
    leptos::tachys::view::keyed::keyed(std::iter::once(content), move |_| key, |_, view| (|_: usize| {}, view))
}

#[component]
fn Navigation() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let user = move || session.info.get().and_then(|r| r.ok()).and_then(|info| info.user);
    view! {
        <nav class="site-nav" aria-label=move || t_string!(i18n, nav.label)>
            <ul class="wrap">
                <li><NavLink href="/" exact=true>{t!(i18n, nav.home)}</NavLink></li>
                <li><NavLink href="/peluang">{t!(i18n, nav.opportunities)}</NavLink></li>
                <li><NavLink href="/penawaran">{t!(i18n, nav.offers)}</NavLink></li>
                <li><NavLink href="/mitra">{t!(i18n, nav.partners)}</NavLink></li>
                <li><NavLink href="/kerja-sama">{t!(i18n, nav.cooperations)}</NavLink></li>
                <li><NavLink href="/statistik">{t!(i18n, nav.statistics)}</NavLink></li>
                <Transition fallback=|| ()>
                    {move || match user() {
                        Some(user) => view! { <SignedInLinks user/> }.into_any(),
                        None => view! {
                            <li><NavLink href="/masuk">{t!(i18n, nav.sign_in)}</NavLink></li>
                            <li><NavLink href="/daftar">{t!(i18n, nav.sign_up)}</NavLink></li>
                        }.into_any(),
                    }}
                </Transition>
            </ul>
        </nav>
    }
}

/// A navigation link that says whether it is the current page. `aria-current` is always
/// written ("page" or "false"): the islands router patches a kept link by setting the new
/// page's attributes, never by removing the old ones.
#[component]
fn NavLink(href: &'static str, #[prop(optional)] exact: bool, children: Children) -> impl IntoView {
    let location = use_location();
    let current = move || {
        let path = location.pathname.get();
        let here = if exact || href == "/" {
            path == href
        } else {
            path == href || path.strip_prefix(href).is_some_and(|rest| rest.starts_with('/'))
        };
        if here {
            "page"
        } else {
            "false"
        }
    };
    view! { <a href=href aria-current=current>{children()}</a> }
}

#[component]
fn SignedInLinks(user: CurrentUser) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let staff = user.role.is_staff();
    let ppm = staff || crate::domain::ppm::own_organisation(&user).is_some();
    view! {
        <li><NavLink href="/dasbor">{t!(i18n, nav.dashboard)}</NavLink></li>
        {ppm.then(|| view! { <li><NavLink href="/laporan-ppm">{t!(i18n, ppm.nav)}</NavLink></li> })}
        <li><Bell/><LiveUpdates/></li>
        {staff.then(|| view! {
            <li><NavLink href="/moderasi">{t!(i18n, nav.moderation)} <QueueCount/></NavLink></li>
            <li><NavLink href="/putaran">{t!(i18n, nav.rounds)}</NavLink></li>
            <li><NavLink href="/akun">{t!(i18n, nav.accounts)}</NavLink></li>
        })}
        <li class="nav-user">
            <span class="nav-user-name">{user.display_name}</span>
            <ActionForm action=session.sign_out attr:class="inline-form">
                <button type="submit" class="link-button">{t!(i18n, nav.sign_out)}</button>
            </ActionForm>
        </li>
    }
}

/// The unread notifications (kept current by `LiveUpdates`); leads to the list on the
/// dashboard. The count is the app-wide resource of `live::NavCounts`.
#[component]
fn Bell() -> impl IntoView {
    let i18n = use_i18n();
    let count = crate::ui::components::live::use_nav_counts().unread;
    view! {
        <a href="/dasbor#notifications" class="bell"
            aria-label=move || t_string!(i18n, notifications.bell, count = count.get().unwrap_or(0))>
            <span aria-hidden="true">"🔔"</span>
            {move || count.get().filter(|n| *n > 0).map(|n| view! {
                <span class="nav-count" data-testid="notification-count">{n}</span>
            })}
        </a>
    }
}

/// How many items wait in the staff member's moderation queues (live).
#[component]
fn QueueCount() -> impl IntoView {
    let i18n = use_i18n();
    let count = crate::ui::components::live::use_nav_counts().queue;
    move || {
        count.get().filter(|n| *n > 0).map(|n| {
            view! {
                <span class="nav-count" data-testid="queue-count"
                    aria-label=move || t_string!(i18n, moderation.waiting, count = n)>{n}</span>
            }
        })
    }
}

/// Switches between Indonesian and English: the form posts to `/bahasa`, which sets the
/// cookie and sends the visitor back to the same page (patched in by the islands router).
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let other = move || match i18n.get_locale() {
        Locale::id => Locale::en,
        Locale::en => Locale::id,
    };
    let back = move || {
        let search = location.search.get();
        let search = if search.is_empty() || search.starts_with('?') { search } else { format!("?{search}") };
        format!("{}{}", location.pathname.get(), search)
    };
    view! {
        <form class="lang-switch" method="post" action="/bahasa">
            <input type="hidden" name="lang" value=move || other().as_str()/>
            <input type="hidden" name="back" value=back/>
            <button type="submit" lang=move || other().as_str() aria-label=move || t_string!(i18n, lang.switch_label)>
                {t!(i18n, lang.switch)}
            </button>
        </form>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let office =
        move || session.info.get().and_then(|r| r.ok()).map(|info| info.office_label).unwrap_or_else(|| "DPMD".into());
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p>
                    {t!(i18n, footer.about)} " "
                    <Transition fallback=|| "DPMD">{office}</Transition>
                    " " {t!(i18n, footer.province)}
                </p>
                <p class="muted small">{t!(i18n, footer.region_data)}</p>
            </div>
            <ClientReady/>
        </footer>
    }
}
