//! Invitations of village operators.

use serde::{Deserialize, Serialize};

/// A link to pass on to the invited operator, shown once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteLink {
    pub url: String,
    pub email: String,
    pub expires_at: String,
}

/// A village the caller may invite an operator for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VillageChoice {
    pub code: String,
    pub name: String,
    pub district: String,
}
