// Where the user is. Views ask to go somewhere; main.ts renders it.
export type Route =
  | { view: "today" }
  | { view: "calendar" }
  /** `start`: begin the hour at once (from its notification). */
  | { view: "hour"; start?: boolean }
  | { view: "contacts" }
  | { view: "add" }
  | { view: "import" }
  | { view: "cadences" }
  | { view: "settings" }
  | { view: "contact"; id: number };

export type Navigate = (route: Route) => void;
