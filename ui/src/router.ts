// Which view is on screen, and for how long. Every navigation ends the view
// before it and mounts the next in a fresh root inside <main>:
// - each view gets an AbortSignal, aborted when the user navigates away;
// - after every await (or in every reply's callback) a view returns if its
//   signal is aborted: a late reply renders nothing, asks for nothing more
//   and moves no focus;
// - a listener outside the view's root (document, window, the header) is
//   added with `{ signal }`, and a pending timer is cleared on "abort", so
//   nothing the view set up outlives it.
// Sub-views (the follow-up panel, the re-engagement list) share the signal
// of the view they are in.
import type { Api } from "./api";
import { mountCadencesView } from "./cadences_view";
import { mountCalendarView } from "./calendar_view";
import { mountCardEntryView } from "./card_entry_view";
import { mountContactPage } from "./contact_page";
import { mountContactsView } from "./contacts_view";
import { h } from "./dom";
import { mountFollowupHourView } from "./followup_hour_view";
import { mountImportView } from "./import_view";
import { mountInsightsView } from "./insights_view";
import type { Navigate, Route } from "./nav";
import { mountSettingsView } from "./settings_view";
import { mountTodayView } from "./today_view";

type Mount<R extends Route> = (root: HTMLElement, signal: AbortSignal, api: Api, navigate: Navigate, route: R) => unknown;

/** Every route's view: one entry each, or this does not compile. */
const VIEWS: { [V in Route["view"]]: Mount<Extract<Route, { view: V }>> } = {
  today: (root, signal, api, navigate) => mountTodayView(root, signal, api, navigate),
  calendar: (root, signal, api, navigate) => mountCalendarView(root, signal, api, navigate),
  hour: (root, signal, api, navigate, route) => mountFollowupHourView(root, signal, api, navigate, route.start),
  contacts: (root, signal, api, navigate, route) => mountContactsView(root, signal, api, navigate, route.attention),
  add: (root, signal, api, navigate) => mountCardEntryView(root, signal, api, navigate),
  import: (root, signal, api, navigate) => mountImportView(root, signal, api, navigate),
  cadences: (root, signal, api) => mountCadencesView(root, signal, api),
  insights: (root, signal, api, navigate) => mountInsightsView(root, signal, api, navigate),
  settings: (root, signal, api) => mountSettingsView(root, signal, api),
  contact: (root, signal, api, navigate, route) => mountContactPage(root, signal, api, navigate, route.id),
};

/**
 * Shows routes in `main`; `shown` hears each route as it is shown (the
 * header marks the current section). Returns the function views and the
 * shell navigate with.
 */
export function startRouter(main: HTMLElement, api: Api, shown: (route: Route) => void = () => {}): Navigate {
  let current = new AbortController();
  const navigate: Navigate = (route) => {
    current.abort();
    current = new AbortController();
    main.scrollTop = 0;
    shown(route);
    const root = h("div", { class: "view" });
    main.replaceChildren(root);
    void (VIEWS[route.view] as Mount<Route>)(root, current.signal, api, navigate, route);
  };
  return navigate;
}
