# Sourced by the bench scripts: builds the release server, and seeds NEEDS needs and
# OFFERS offers (100,000 and 20,000 by default) into a fresh SQLite database in a scratch
# folder ($WORK, removed on exit, with the server in $SERVER if one was started).
NEEDS=${NEEDS:-100000}
OFFERS=${OFFERS:-20000}
source "$(dirname "${BASH_SOURCE[0]}")/release.sh"

WORK=$(mktemp -d)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
export DATABASE_URL="sqlite://$WORK/bench.db?mode=rwc" RUST_LOG=warn
echo "== seeding $NEEDS needs and $OFFERS offers"
start=$(date +%s)
"$BIN" import-regions >/dev/null
"$BIN" seed-demo --needs "$NEEDS" --offers "$OFFERS" --partners 400 >/dev/null
echo "   seeded in $(( $(date +%s) - start )) s"
