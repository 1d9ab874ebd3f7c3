//! Matchmaking: how well a need and an offer fit ([`score`]), how alike their texts are
//! ([`text`]), the best few of many ([`rank`]), a matching round's whole assignment of
//! offers to needs ([`round`] builds it, [`assignment`] solves it), and the clusters of alike
//! needs of several villages ([`cluster`]). Pure: the server feeds
//! it from the database, the benchmarks from generated data.

pub mod assignment;
pub mod cluster;
#[cfg(test)]
mod fixtures;
pub mod rank;
pub mod round;
pub mod score;
pub mod text;
