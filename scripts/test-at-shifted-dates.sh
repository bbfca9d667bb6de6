#!/usr/bin/env bash
# Runs the core, command-line, fast window and UI unit tests again with the whole
# clock moved (libfaketime: the test binaries and every process they start,
# the app and its webview included, see the same shifted time), to prove no
# test depends on today's date, weekday or hour.
#
# The dates are the ones that break date arithmetic: a Saturday, a Friday five
# minutes before midnight UTC, 29 February, the days New York and Berlin
# change to summer time (minutes before the change) and New York's return to
# winter time, and a day more than two years ahead.
#
# Expects the tests built (scripts/test.sh builds them) and, for the window
# tests, an X display and a D-Bus session (scripts/test.sh runs this under
# xvfb-run and dbus-run-session).
set -uo pipefail
cd "$(dirname "$0")/.."

DATES=(
  "2027-01-09 12:00:00" # a Saturday
  "2027-01-08 23:55:00" # a Friday, 23:55 UTC
  "2028-02-29 12:00:00" # leap day
  "2027-03-14 06:55:00" # New York springs forward at 07:00 UTC
  "2027-03-28 00:55:00" # Berlin springs forward at 01:00 UTC
  "2027-11-07 05:55:00" # New York falls back at 06:00 UTC
  "2029-06-15 12:00:00" # more than two years ahead
)
# A date asked for on top (scripts/test.sh sets it when it was run under faketime).
if [ -n "${TOUCHPOINT_TEST_ALSO_AT:-}" ]; then
  DATES+=("$TOUCHPOINT_TEST_ALSO_AT")
fi
# Window tests that wait real seconds to a minute for a reminder to come due,
# start the app forty times, or make 400 writes, and the checks of how every
# view renders (layout at three sizes, accessibility in two themes): they run
# once, in the main test step (none of them reads the date), as do the card
# photos read by Tesseract (seconds of OCR that no date changes), and the
# first upload of 300 items in one request (protocol volume; the sync of
# dates, alarms and snoozes runs at every date in the other sync tests).
SLOW=(e2e_voicemail e2e_missed_promise notification_crash_race e2e_concurrent_writes sync_faults e2e_layout e2e_accessibility card_photos sync_first_upload)
# The core's three heaviest tests (two thirds of its binary's time) run once
# too: each builds its world on a ManualClock it sets itself (reminders over
# random schedules and restarts, contacts exported and imported back, a
# megabyte of card text), so the machine's clock never reaches them.
CLOCK_FREE=(
  reminders::tests::reminders_are_never_early_never_twice_and_never_missed
  transfer::export::tests::exported_contacts_come_back_identical_from_vcard_and_from_csv
  transfer::card_text::tests::a_megabyte_of_text_and_very_long_lines_are_handled
)
core_skips=()
for t in "${CLOCK_FREE[@]}"; do core_skips+=(--skip "$t"); done

lib=$(find /usr/lib -name libfaketimeMT.so.1 -print -quit 2>/dev/null)
[ -n "$lib" ] || { echo "libfaketime is missing (scripts/setup.sh installs the faketime package)" >&2; exit 1; }

# The test binaries cargo built: "name<TAB>path" per line.
binaries() {
  cargo test "$@" --locked --no-run --message-format=json 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    try:
        m = json.loads(line)
    except ValueError:
        continue
    exe = m.get("executable")
    if m.get("reason") == "compiler-artifact" and exe and m["profile"]["test"]:
        print(m["target"]["name"] + "\t" + exe)
'
}

mapfile -t core < <(binaries -p touchpoint-core --lib)
mapfile -t app < <(binaries -p touchpoint --tests)
if [ ${#core[@]} -eq 0 ] || [ ${#app[@]} -eq 0 ]; then
  echo "could not list the test binaries (did the build fail?)" >&2
  exit 1
fi

passed=0
failed=0
# Each failure's evidence, printed again at the end: a long run's log is
# often read from its tail only.
failures=$(mktemp)
trap 'rm -f "$failures"' EXIT
for when in "${DATES[@]}"; do
  # A fixed offset, not a start time: every process then reads one clock.
  shift_s=$(($(date -u -d "$when" +%s) - $(date -u +%s)))
  reads=$(FAKETIME="+$shift_s" LD_PRELOAD="$lib" date -u '+%a %F %T')
  printf '\n== clock moved to %s UTC (a process now reads %s) ==\n' "$when" "$reads"
  for entry in "${core[@]}" "${app[@]}"; do
    name=${entry%%$'\t'*}
    exe=${entry#*$'\t'}
    [[ " ${SLOW[*]} " == *" $name "* ]] && continue
    # Each binary runs where cargo would run it: its package's folder.
    dir=.
    args=()
    [[ $name == touchpoint_core ]] && dir=crates/touchpoint-core && args=("${core_skips[@]}")
    log=$(mktemp)
    if (cd "$dir" && FAKETIME="+$shift_s" FAKETIME_DONT_FAKE_MONOTONIC=1 LD_PRELOAD="$lib" \
      timeout 300 "$exe" "${args[@]}" >"$log" 2>&1); then
      passed=$((passed + 1))
      printf 'ok    %-20s %s\n' "$name" "$(grep -E '^test result' "$log" | tail -1)"
    else
      failed=$((failed + 1))
      {
        printf 'FAIL  %-20s at %s UTC\n' "$name" "$when"
        pattern='^test .* FAILED|panicked at|launching once more|retrying'
        if grep -qE "$pattern" "$log"; then
          grep -E "$pattern" -A6 "$log" | head -40
        else
          tail -n 15 "$log" # no test failed: it did not start, or timed out
        fi
      } | tee -a "$failures"
    fi
    rm -f "$log"
  done
  if FAKETIME="+$shift_s" FAKETIME_DONT_FAKE_MONOTONIC=1 LD_PRELOAD="$lib" \
    npx vitest run --reporter=dot >/dev/null 2>&1; then
    passed=$((passed + 1))
    printf 'ok    %-20s\n' "UI unit tests"
  else
    failed=$((failed + 1))
    printf 'FAIL  %-20s at %s UTC (npx vitest run to see why)\n' "UI unit tests" "$when"
  fi
done
printf '\nshifted dates: %s passed, %s failed\n' "$passed" "$failed"
if [ "$failed" -gt 0 ]; then
  printf '\nwhat failed, again:\n'
  cat "$failures"
fi
[ "$failed" -eq 0 ]
