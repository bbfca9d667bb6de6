// A closed <select> jumps to the first option starting with a typed letter.
// Where a select sits among text fields, words typed with the focus one Tab
// too far (into "Objection met" after the hook, say) silently pick an option
// the user never chose: "p" from "price was fine" is the objection Price.
// On such selects typed characters do nothing. Everything that is a choice
// still works: the arrow keys, Space or Alt+Down to open the list (and
// typing to search inside the open list, which the menu handles itself),
// the mouse, and a screen reader's own commands.

/** Keeps typed characters from changing `select`; returns it. */
export function ignoreTyping(select: HTMLSelectElement): HTMLSelectElement {
  select.addEventListener("keydown", (event) => {
    // Named keys (arrows, Enter, Tab, Escape) are longer than one character;
    // Space opens the list; a modified key is a shortcut (Alt+L, Ctrl+Enter).
    if (event.key.length !== 1 || event.key === " " || event.altKey || event.ctrlKey || event.metaKey) return;
    // No keydown default, no keypress: the select's type-ahead never runs.
    event.preventDefault();
  });
  return select;
}
