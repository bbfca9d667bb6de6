// What the command palette offers and in which order: commands matched
// loosely by their letters, contacts found by the app's own search, and
// what the user picked lately first.

/** One line of the palette. `key` identifies it across openings (recents). */
export interface PaletteItem {
  key: string;
  label: string;
  /** Shown dimmed after the label: a company, a stage. */
  detail?: string;
  /** "Alt+T", "Ctrl+Z": how to get here without the palette. */
  shortcut?: string;
  kind: "contact" | "view" | "action";
  /** A failure it throws is shown in the palette, which stays open. */
  run: () => void | Promise<void>;
}

/**
 * How well `query` matches `text`: every query letter must appear in order
 * (so "fuh" finds "Follow-up hour"); matches at word starts and in a row
 * score higher. `null` when the letters are not all there.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  const t = text.toLowerCase();
  let score = 0;
  let at = 0;
  let previous = -2;
  for (const ch of q) {
    if (ch === " ") continue;
    const found = t.indexOf(ch, at);
    if (found < 0) return null;
    const wordStart = found === 0 || /[\s\-/·(]/.test(t[found - 1] ?? "");
    score += 1 + (wordStart ? 3 : 0) + (found === previous + 1 ? 2 : 0);
    previous = found;
    at = found + 1;
  }
  // A shorter text with the same letters is the closer match.
  return score - t.length / 100;
}

/** Recent picks, newest first, at most this many. */
export const RECENT_LIMIT = 8;

/** `recent` with `key` moved to the front. */
export function remember(recent: readonly string[], key: string): string[] {
  return [key, ...recent.filter((k) => k !== key)].slice(0, RECENT_LIMIT);
}

/**
 * The commands that match `query`, best first; among equals (and when the
 * query is empty), the recently picked come first in the order picked.
 */
/** How recently `item` was picked: 0 for the last pick, past the list for never. */
function recency(recent: readonly string[]): (item: PaletteItem) => number {
  return (item) => {
    const i = recent.indexOf(item.key);
    return i < 0 ? RECENT_LIMIT : i;
  };
}

export function rankCommands(items: readonly PaletteItem[], query: string, recent: readonly string[]): PaletteItem[] {
  const age = recency(recent);
  return items
    .map((item, order) => ({ item, order, score: fuzzyScore(query, item.label) }))
    .filter((x): x is { item: PaletteItem; order: number; score: number } => x.score !== null)
    .sort((a, b) =>
      query.trim()
        ? b.score - a.score || age(a.item) - age(b.item) || a.order - b.order
        : age(a.item) - age(b.item) || a.order - b.order,
    )
    .map((x) => x.item);
}

/** Contacts found by search, the recently opened first (the search's own order otherwise). */
export function rankContacts(items: readonly PaletteItem[], recent: readonly string[]): PaletteItem[] {
  const age = recency(recent);
  return items
    .map((item, order) => ({ item, order }))
    .sort((a, b) => age(a.item) - age(b.item) || a.order - b.order)
    .map((x) => x.item);
}
