// Arrow keys in a list of row buttons: Up and Down go to the row before and
// after, Home and End to the first and last. Enter needs nothing here: the
// rows are buttons, which Enter clicks. One listener on the list, so rows
// added later (a page more, a new search) are included as they come.

/** The rows of `list` the keyboard moves between, in order. */
export function listRows(list: ParentNode, selector: string): HTMLElement[] {
  return [...list.querySelectorAll<HTMLElement>(selector)].filter((row) => !row.hidden);
}

/** Focuses the first row of `list`; false when it has none. */
export function focusFirstRow(list: ParentNode, selector: string): boolean {
  const first = listRows(list, selector)[0];
  first?.focus();
  return first !== undefined;
}

/**
 * Lets the arrows, Home and End move the focus between the rows of `list`
 * (the elements matching `selector`) while one of them has it. Keys with a
 * modifier are left alone: they are other shortcuts (Alt+Right skips in the
 * follow-up hour). `above`: where Up from the first row goes (the search box
 * the list answers), if anywhere.
 */
export function enableListKeys(list: HTMLElement, selector: string, above?: HTMLElement): void {
  list.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const from = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>(selector) : null;
    if (!from || !list.contains(from)) return;
    const rows = listRows(list, selector);
    const at = rows.indexOf(from);
    const to =
      event.key === "ArrowDown"
        ? rows[Math.min(at + 1, rows.length - 1)]
        : event.key === "ArrowUp"
          ? (at === 0 && above) || rows[Math.max(at - 1, 0)]
          : event.key === "Home"
            ? rows[0]
            : event.key === "End"
              ? rows[rows.length - 1]
              : undefined;
    if (!to) return;
    // Also keeps the arrows from scrolling the page under the focus.
    event.preventDefault();
    to.focus();
  });
}
