//! The interface: the app shell, routes, pages and components.

pub mod app;
pub mod components;
pub mod pages;
