#!/usr/bin/env bash
# Sets up whatever is missing, then runs every check and test: formatting,
# lints, the UI type check and unit tests, the core's unit tests, the command
# layer and CLI tests, and end-to-end tests through the real app window
# (tauri-driver + WebKitWebDriver under Xvfb, inside a private D-Bus session);
# then backup and restore killed at random moments, and the core, CLI and
# fast window tests again at shifted dates.
# Every step runs even if an earlier one fails; the summary says which failed.
set -uo pipefail
cd "$(dirname "$0")/.."

# Run as a whole under libfaketime (`faketime DATE ./scripts/test.sh`), rustc
# hangs (its allocator deadlocks with libfaketime, even for `rustc -vV`). So
# build on the real clock, and add the faked date to the dates the tests run
# at in the shifted-dates step, where every test process sees it.
if [[ "${LD_PRELOAD:-}" == *faketime* ]]; then
  TOUCHPOINT_TEST_ALSO_AT="$(date -u '+%F %T')"
  export TOUCHPOINT_TEST_ALSO_AT
  echo "[test] run under libfaketime at $TOUCHPOINT_TEST_ALSO_AT UTC: building on the real clock, testing at that date too"
  exec env -u LD_PRELOAD -u FAKETIME -u FAKETIME_SHARED -u FAKETIME_DONT_FAKE_MONOTONIC "$PWD/scripts/test.sh" "$@"
fi
./scripts/setup.sh || { echo "setup failed" >&2; exit 1; }
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

passed=0
failed=0
report=()
step() {
  local name=$1
  shift
  local start=$SECONDS
  printf '\n\033[1m== %s ==\033[0m\n' "$name"
  if "$@"; then
    passed=$((passed + 1))
    report+=("ok    $(printf '%4ss' $((SECONDS - start)))  $name")
  else
    failed=$((failed + 1))
    report+=("FAIL  $(printf '%4ss' $((SECONDS - start)))  $name")
  fi
}

# The UI is built first: the Rust build embeds it.
step "UI build" ./scripts/build-ui.sh
step "UI type check" npm run --silent check
step "UI unit tests" npx vitest run
step "cargo fmt" cargo fmt --all -- --check
step "cargo clippy" cargo clippy --workspace --all-targets --locked -- -D warnings
step "core unit tests" cargo test -p touchpoint-core --locked
step "app, CLI and end-to-end tests (real window under Xvfb)" \
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- cargo test -p touchpoint --locked --no-fail-fast
step "backup and restore killed at random moments (100 each)" ./scripts/crash-backup-restore.sh 100
step "the same tests with the clock moved to awkward dates (libfaketime)" \
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- ./scripts/test-at-shifted-dates.sh

printf '\n\033[1m== Summary ==\033[0m\n'
printf '%s\n' "${report[@]}"
echo "steps: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
