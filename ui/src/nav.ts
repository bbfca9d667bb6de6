// Where the user is. Views ask to go somewhere; main.ts renders it.
import type { Attention } from "./api";
export type Route =
  | { view: "today" }
  | { view: "calendar" }
  /** `start`: begin the hour at once (from its notification). */
  | { view: "hour"; start?: boolean }
  /** `attention`: open with that filter chosen. */
  | { view: "contacts"; attention?: Attention }
  | { view: "add" }
  | { view: "import" }
  | { view: "cadences" }
  | { view: "insights" }
  | { view: "settings" }
  | { view: "contact"; id: number };

export type Navigate = (route: Route) => void;

/** A main section: its navigation button and its Alt+key shortcut. */
export interface Section {
  view: Exclude<Route["view"], "contact">;
  id: string;
  label: string;
  /** With Alt, upper case. */
  key: string;
}

/** The main navigation, in the order the header shows it: the one table
 * the buttons, their tooltips, the shortcuts and the current marker use. */
export const SECTIONS: readonly Section[] = [
  { view: "today", id: "nav-today", label: "Today", key: "T" },
  { view: "calendar", id: "nav-calendar", label: "Calendar", key: "K" },
  { view: "hour", id: "nav-hour", label: "Follow-up hour", key: "H" },
  { view: "contacts", id: "nav-contacts", label: "Contacts", key: "C" },
  { view: "add", id: "nav-add", label: "Add cards", key: "N" },
  { view: "import", id: "nav-import", label: "Import / export", key: "I" },
  { view: "cadences", id: "nav-cadences", label: "Cadences", key: "D" },
  { view: "insights", id: "nav-insights", label: "Insights", key: "G" },
  { view: "settings", id: "nav-settings", label: "Settings", key: "S" },
];

/** The section an Alt+key press opens, if any. */
export function sectionForKey(key: string): Section | undefined {
  return SECTIONS.find((s) => s.key === key.toUpperCase());
}

/** Whether `section` is where `route` is (a contact's page is under Contacts). */
export function isCurrent(section: Section, route: Route): boolean {
  return section.view === route.view || (section.view === "contacts" && route.view === "contact");
}
