import "./styles.css";
import { listen } from "@tauri-apps/api/event";
import { api, type ReminderStatus } from "./api";
import { syncAppClock } from "./clock";
import { byId, h } from "./dom";
import { whenFirstViewPainted } from "./first_paint";
import { RouteHistory, startEscapeBack } from "./escape_back";
import { SECTIONS, isCurrent, sectionForKey } from "./nav";
import { openPalette, setPaletteScope } from "./palette";
import type { Route } from "./nav";
import { startRouter } from "./router";
import { syncIndicator } from "./sync_indicator";
import { askTodayAtStart } from "./today_view";
import { startUndo } from "./undo_toast";

// The first view is Today: its rows are asked for before anything else.
askTodayAtStart(api);
const app = byId(document, "app");
const main = h("main", { class: "content", id: "content" });
// How long the start took, in the log (scripts/bench-start.sh waits for it).
whenFirstViewPainted(main, () => void api.firstViewPainted().catch(() => {}));
const navButtons = SECTIONS.map((section) => {
  const button = h(
    "button",
    { type: "button", class: "nav-item", id: section.id, title: `${section.label} (Alt+${section.key})` },
    section.label,
  );
  button.addEventListener("click", () => navigate({ view: section.view }));
  return { section, button };
});
const paletteButton = h(
  "button",
  { type: "button", class: "footer-palette", id: "palette-open", title: "Jump to a contact or a view, or run an action (Ctrl+K)" },
  "Ctrl+K: jump to anything",
);
paletteButton.addEventListener("click", () => openPalette(api, navigate, shown));
const footer = h("footer", { class: "app-footer" }, paletteButton, syncIndicator(api, (route) => navigate(route)), h("span", { id: "db-path" }));
const banner = h("p", { class: "banner", id: "reminder-banner", role: "alert", hidden: true });
const refusedPage = h("p", { class: "banner", id: "navigation-banner", role: "status", hidden: true });
const sampleBanner = h(
  "p",
  { class: "banner sample-banner", id: "sample-banner", role: "status", hidden: true },
  "Sample database: made-up people, no reminders. Your own data stays in its own window.",
);

const header = h(
  "header",
  { class: "app-header" },
  h("span", { class: "brand" }, h("img", { class: "brand-mark", src: "/touchpoint.svg", alt: "" }), h("span", { class: "brand-name" }, "Touchpoint")),
  h("nav", { class: "nav", "aria-label": "Main" }, ...navButtons.map((n) => n.button)),
);

let shown: Route = { view: "today" };
const history = new RouteHistory();
const navigate = startRouter(main, api, (route) => {
  shown = route;
  history.shown(route);
  for (const { section, button } of navButtons) button.toggleAttribute("aria-current", isCurrent(section, route));
});
// After an undo the same view again, from the database as it now is (an
// hour opened from its notification is not started a second time).
const refresh = () => navigate(shown.view === "hour" ? { view: "hour" } : shown);

document.addEventListener("keydown", (event) => {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
    event.preventDefault();
    openPalette(api, navigate, shown);
    return;
  }
  if (!event.altKey || event.ctrlKey || event.metaKey) return;
  const section = sectionForKey(event.key);
  if (section) {
    event.preventDefault();
    navigate({ view: section.view });
  }
});

startEscapeBack(
  () => shown,
  () => history.back(navigate, { view: "contacts" }),
);

// Nothing is shown before the app's clock is known, so every view's "now"
// and "today" are the app's from the first paint on.
api
  .appInfo()
  .then((info) => {
    syncAppClock(info.now);
    byId(footer, "db-path").textContent = `Data: ${info.dbPath} · v${info.version}`;
    setPaletteScope(info.dbPath);
  })
  .catch(() => {
    // The footer is informative only; the views report database problems.
  })
  .finally(() => {
    app.replaceChildren(header, banner, refusedPage, sampleBanner, main, footer);
    navigate({ view: "today" });
    // An action from before a restart can still be undone (Ctrl+Z), but it
    // is not announced as new.
    api
      .lastAction()
      .catch(() => null)
      .then((since) => startUndo(app, api, refresh, since));
  });

// The reminder runtime tells the window when notifications cannot be shown
// (no notification server, permission denied) and when they work again.
function showReminderStatus(status: ReminderStatus): void {
  const failing = status.failing;
  banner.textContent = failing
    ? `Reminders cannot be shown as notifications: ${failing}. Touchpoint keeps trying; check Today for what is due.`
    : "";
  banner.hidden = !failing;
}
void listen<ReminderStatus>("reminder-status", (event) => showReminderStatus(event.payload)).catch(() => {
  // Without events (e.g. in a plain browser) there is simply no banner.
});
api
  .getSettings()
  .then((s) => {
    sampleBanner.hidden = !s.sample;
    if (s.sample) document.title = "Touchpoint — sample database";
  })
  .catch(() => {});
// The first announcement may come before this window listens: ask too.
api.reminderStatus().then(showReminderStatus).catch(() => {});
// The app refuses to leave its own pages (a script or a link that tried);
// say so rather than seem to ignore a click.
void listen<string>("navigation-refused", (event) => {
  refusedPage.textContent = `Touchpoint did not open ${event.payload}: the window shows only Touchpoint.`;
  refusedPage.hidden = false;
}).catch(() => {});
void listen("show-due", () => navigate({ view: "today" })).catch(() => {});
void listen("start-followup-hour", () => navigate({ view: "hour", start: true })).catch(() => {});
void listen<number>("open-contact", (event) => navigate({ view: "contact", id: event.payload })).catch(() => {});
