//! What every page knows of the visitor and the deployment.

use crate::domain::account::CurrentUser;
use serde::{Deserialize, Serialize};

/// The site's public address (configuration, never a request header), provided to every
/// render by the server.
#[derive(Clone, Debug)]
pub struct PublicUrl(pub String);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub user: Option<CurrentUser>,
    /// DPMD or DPMPD, as configured.
    pub office_label: String,
}
