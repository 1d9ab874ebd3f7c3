//! `/kerja-sama`: the list, one cooperation, and its printable documents.

pub mod detail;
mod follow_up;
pub mod list;
pub mod print;
mod record_form;
