//! Pure types and rules shared by the server and the browser: no I/O here.

/// Declares a closed vocabulary: an enum whose variants are stored, sent and parsed by
/// a fixed snake_case name, with `ALL`, `as_str` and `parse`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $ty:ident { $($(#[$vmeta:meta])* $variant:ident => $name:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $ty { $($(#[$vmeta])* $variant),+ }

        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $name),+ }
            }

            pub fn parse(value: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == value)
            }
        }
    };
}

pub mod access;
pub mod account;
pub mod audit;
pub mod cooperation;
pub mod cooperation_query;
pub mod email;
pub mod export;
pub mod geo;
pub mod lifecycle;
pub mod matching;
pub mod need;
pub mod offer;
pub mod organisation;
pub mod posting;
pub mod ppm;
pub mod region;
pub mod search;
pub mod staleness;
pub mod statistics;
pub mod url;
pub mod validation;
pub mod village;
