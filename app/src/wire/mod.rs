//! The types that cross the wire — between server functions and pages, and out of the JSON
//! API — one file per area, and how their values are written for people (`text`, `format`).
//! This layer depends only on `domain`: repositories build these types, server functions
//! return them, pages show them.

pub mod accounts;
pub mod audit;
pub mod clusters;
pub mod content_policy;
pub mod cooperations;
pub mod dictionary;
pub mod error;
pub mod format;
pub mod invitations;
pub mod matches;
pub mod moderation;
pub mod needs;
pub mod notifications;
pub mod offers;
pub mod organisations;
pub mod outcome;
pub mod page;
pub mod partners;
pub mod placements;
pub mod postings;
pub mod ppm;
pub mod regions;
pub mod rounds;
pub mod session;
pub mod stats;
pub mod suggestions;
pub mod text;
pub mod villages;
