#!/usr/bin/env bash
# Sets up whatever is missing, builds Touchpoint and opens it. Arguments are
# passed to the app (e.g. `--db /path/to/file.sqlite3`, or a subcommand).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
./scripts/build-ui.sh
cargo build --release --locked
exec ./target/release/touchpoint "$@"
