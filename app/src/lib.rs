//! Mitra Desa: the Leptos application — pages, server functions and the types they share.
//!
//! Layers, each importing only those below it (checked by `tests/layers.rs`):
//!
//! - [`domain`]: pure types and rules for both targets (roles, lifecycles, access,
//!   validation, matching scores). No I/O.
//! - [`wire`]: the types that cross the wire, and how values are written for people.
//! - [`ssr`]: server only (`ssr` feature): state, repositories (all SQL), services, auth.
//! - [`api`]: server functions, one module per area.
//! - [`ui`]: the app shell, pages and components.

#![recursion_limit = "256"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod api;
pub mod domain;
pub mod ui;
pub mod wire;

#[cfg(feature = "ssr")]
pub mod ssr;

pub use ui::app::{shell, App};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Only the islands (`#[island]`) run here; the rest of each page is server-rendered HTML.
    leptos::mount::hydrate_islands();
}
