//! All SQL lives here. Functions take a pool for reads and a connection (usually a
//! transaction) for writes that must commit together.

pub mod audit;
pub mod invitations;
pub mod matches;
pub mod need_search;
pub mod needs;
pub mod notifications;
pub mod offer_search;
pub mod offers;
pub mod organisations;
pub mod partners;
pub mod regions;
pub mod settings;
pub mod stats;
pub mod users;
pub mod villages;
