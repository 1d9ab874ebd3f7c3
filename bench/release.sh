# Sourced by the bench scripts: goes to the repository root ($ROOT) and builds the release
# server ($BIN) with the set-up's tools.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/mitra-desa/target}
echo "== release build"
source "$ROOT/scripts/setup" >/dev/null
cargo leptos build --release --precompress --cargo-locked >/dev/null 2>&1
BIN="$CARGO_TARGET_DIR/release/mitra-desa"
