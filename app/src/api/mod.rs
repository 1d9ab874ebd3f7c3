//! Server functions, one module per area. Each has a fixed endpoint under `/api/`.

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod home;
pub mod invitations;
pub mod matches;
pub mod moderation;
pub mod need_posting;
pub mod needs;
pub mod notifications;
pub mod offer_posting;
pub mod offers;
pub mod organisation_profile;
pub mod suggestions;
pub mod villages;
