//! Mitra Desa: the Leptos application (pages, server functions, shared types).
//!
//! - [`domain`]: pure rules and types for both targets.
//! - [`api`]: server functions, one module per area.
//! - [`server`]: server-only code (`ssr` feature): state, SQL, auth.
//! - [`ui`]: pages and components.

#![recursion_limit = "256"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod api;
pub mod domain;
pub mod error;
pub mod text;
pub mod ui;
pub mod url;

#[cfg(feature = "ssr")]
pub mod server;

pub use ui::app::{shell, App};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
