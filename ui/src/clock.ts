// The app's "now", as Rust's clock reads it (sampled once at start): the
// window then agrees with the reminders and the database on what "now" and
// "today" are, also when a test runs the binary on a chosen instant.
let offsetMs = 0;

export function syncAppClock(appNowIso: string, localNowMs = Date.now()): void {
  const at = Date.parse(appNowIso);
  offsetMs = Number.isNaN(at) ? 0 : at - localNowMs;
}

export function appNow(): Date {
  return new Date(Date.now() + offsetMs);
}
