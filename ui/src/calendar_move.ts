// Moving a follow-up in the calendar: drag it to another slot, or do the
// same with the keyboard (Space picks it up, arrows move it by a day or an
// hour, Enter drops it, Esc cancels; M types a date). Dragging uses mouse
// events rather than HTML drag-and-drop, which WebKit does not start from
// synthesized input and which has no keyboard counterpart anyway.
import { moveWall, shortWall, type CalendarMode } from "./calendar_dates";

export interface MoveHost {
  mode(): CalendarMode;
  /** Reschedule to a wall time in the user's zone. */
  move(followupId: number, wall: string): void;
  open(contactId: number): void;
  typeDate(followupId: number, wall: string): void;
  say(text: string): void;
}

const DRAG_THRESHOLD = 5;

/** Where `item` (at `wall`) lands when dropped on `slot`: the slot's day, and its hour in time views; the minutes stay. */
function dropWall(slot: HTMLElement, wall: string): string | null {
  const slotWall = slot.dataset.wall;
  if (slotWall) return `${slotWall.slice(0, 13)}:${wall.slice(14, 16)}`;
  const day = slot.dataset.day;
  return day ? `${day} ${wall.slice(11, 16)}` : null;
}

function slotFor(grid: HTMLElement, wall: string, mode: CalendarMode): HTMLElement | null {
  const selector = mode === "month" ? `[data-day="${wall.slice(0, 10)}"]` : `[data-wall="${wall.slice(0, 13)}:00"]`;
  return grid.querySelector<HTMLElement>(`.cal-slot${selector}`);
}

function mark(grid: HTMLElement, slot: HTMLElement | null): void {
  for (const s of grid.querySelectorAll(".drop-target")) s.classList.remove("drop-target");
  slot?.classList.add("drop-target");
}

function itemOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>(".cal-item") : null;
}

/** `signal`: the calendar's lifetime; a drag under way when it ends ends too. */
export function enableMoves(grid: HTMLElement, signal: AbortSignal, host: MoveHost): void {
  let moving: { item: HTMLElement; wall: string } | null = null;
  let justDragged = false;

  grid.addEventListener("mousedown", (down) => {
    const item = itemOf(down.target);
    if (!item || down.button !== 0) return;
    const wall = item.dataset.wall ?? "";
    let dragging = false;
    let slot: HTMLElement | null = null;
    const onMove = (event: MouseEvent) => {
      if (!dragging && Math.hypot(event.clientX - down.clientX, event.clientY - down.clientY) < DRAG_THRESHOLD) return;
      dragging = true;
      item.classList.add("dragging");
      slot = document.elementFromPoint(event.clientX, event.clientY)?.closest<HTMLElement>(".cal-slot") ?? null;
      mark(grid, slot);
      const to = slot ? dropWall(slot, wall) : null;
      if (to) host.say(`Drop to move to ${shortWall(to)}`);
    };
    const onUp = () => {
      document.removeEventListener("mousemove", onMove);
      document.removeEventListener("mouseup", onUp);
      if (!dragging) return;
      item.classList.remove("dragging");
      mark(grid, null);
      // The click this mouseup may cause comes before any timer: swallow only that one.
      justDragged = true;
      setTimeout(() => (justDragged = false));
      const to = slot ? dropWall(slot, wall) : null;
      if (to && to !== wall) host.move(Number(item.dataset.followupId), to);
    };
    document.addEventListener("mousemove", onMove, { signal });
    document.addEventListener("mouseup", onUp, { signal });
  });

  grid.addEventListener("click", (event) => {
    const item = itemOf(event.target);
    // The click that ends a drag is not a request to open the contact.
    if (!item || justDragged) return;
    host.open(Number(item.dataset.contactId));
  });

  grid.addEventListener("keydown", (event) => {
    const item = itemOf(event.target);
    if (!item || event.altKey || event.ctrlKey || event.metaKey) return;
    const id = Number(item.dataset.followupId);
    const wall = item.dataset.wall ?? "";
    const name = item.dataset.name ?? "";
    const mode = host.mode();
    if (moving?.item !== item) moving = null;
    if (!moving) {
      if (event.key === " ") {
        event.preventDefault();
        moving = { item, wall };
        item.classList.add("picked");
        mark(grid, slotFor(grid, wall, mode));
        const by = mode === "month" ? "a day or a week" : "a day or an hour";
        host.say(`Moving ${name} from ${shortWall(wall)}: arrows move it by ${by}, Enter drops it, Esc cancels.`);
      } else if (event.key === "Enter") {
        event.preventDefault();
        host.open(Number(item.dataset.contactId));
      } else if (event.key === "m" || event.key === "M") {
        event.preventDefault();
        host.typeDate(id, wall);
      }
      return;
    }
    const step: Record<string, [number, number]> =
      mode === "month"
        ? { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [-7, 0], ArrowDown: [7, 0] }
        : { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const by = step[event.key];
    if (by) {
      event.preventDefault();
      moving.wall = moveWall(moving.wall, by[0], by[1]);
      mark(grid, slotFor(grid, moving.wall, mode));
      host.say(`${name} → ${shortWall(moving.wall)}. Enter to drop, Esc to cancel.`);
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      const to = moving.wall;
      moving = null;
      item.classList.remove("picked");
      mark(grid, null);
      if (to === wall) host.say(`${name} stays at ${shortWall(wall)}.`);
      else host.move(id, to);
    } else if (event.key === "Escape") {
      event.preventDefault();
      moving = null;
      item.classList.remove("picked");
      mark(grid, null);
      host.say(`${name} stays at ${shortWall(wall)}.`);
    }
  });

  grid.addEventListener("focusout", (event) => {
    if (moving && event.target === moving.item) {
      moving.item.classList.remove("picked");
      mark(grid, null);
      moving = null;
    }
  });
}
