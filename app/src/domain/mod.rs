//! Pure types and rules shared by the server and the browser: no I/O here.

pub mod account;
pub mod lifecycle;
pub mod organisation;
pub mod posting;
pub mod region;
pub mod search;
pub mod validation;
