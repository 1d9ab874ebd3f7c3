//! Figures.

use serde::{Deserialize, Serialize};

/// The headline figures of the home page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadlineFigures {
    pub regencies: i64,
    pub districts: i64,
    pub desa: i64,
    pub kelurahan: i64,
    pub verified_partners: i64,
    pub published_needs: i64,
    pub published_offers: i64,
}
