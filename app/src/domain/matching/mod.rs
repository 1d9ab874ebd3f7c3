//! Matchmaking: how well a need and an offer fit ([`score`]), how alike their texts are
//! ([`text`]), and the best few of many ([`rank`]). Pure: the server feeds it from the
//! database, the benchmarks from generated data.

pub mod rank;
pub mod score;
pub mod text;
