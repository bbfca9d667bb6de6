// A pile of business-card photos: dropped, pasted or picked, read one at a
// time on this computer (Tesseract, in Rust), shown in the form card by card.
// The next photo is read while the user checks the current one.
import type { Api, CardPhoto } from "./api";
import { toApiError } from "./api";
import { h } from "./dom";

export interface PileCard {
  file: File;
  /** 1-based, for "card 2 of 3". */
  number: number;
  total: number;
  /** The reading, or the error to show instead of a filled form. */
  photo: CardPhoto | null;
  error: string | null;
}

export interface PhotoPile {
  element: HTMLElement;
  /** Whether a pile is being worked through. */
  active(): boolean;
  /** Moves to the next card (after a save or a skip); false when the pile is done. */
  next(): boolean;
  /** Takes photos dropped on or pasted into `area` (the whole view). */
  watch(area: HTMLElement): void;
}

const IMAGE_NAME = /\.(jpe?g|png|tiff?|webp|gif|bmp|heic|heif)$/i;

function isPhoto(file: File): boolean {
  return file.type.startsWith("image/") || IMAGE_NAME.test(file.name);
}

export function photoPile(api: Api, signal: AbortSignal, show: (card: PileCard) => void, done: (count: number) => void): PhotoPile {
  const input = h("input", { type: "file", id: "photo-input", accept: "image/*", multiple: true });
  const progress = h("p", { class: "status", id: "photo-progress", role: "status", "aria-live": "polite" });
  const error = h("p", { class: "field-error", id: "photo-error", hidden: true });
  const skip = h("button", { type: "button", class: "link-button", id: "photo-skip", hidden: true }, "Skip this card");
  const stop = h("button", { type: "button", class: "link-button", id: "photo-stop", hidden: true }, "Stop the pile");

  let files: File[] = [];
  let readings: Promise<CardPhoto>[] = [];
  let index = -1;
  // Each new pile gets a number; readings of a pile that was replaced are ignored.
  let generation = 0;

  function setButtons(): void {
    const on = index >= 0;
    skip.hidden = !on;
    stop.hidden = !on;
  }

  function start(chosen: File[]): void {
    error.hidden = true;
    const photos = chosen.filter(isPhoto);
    const others = chosen.length - photos.length;
    if (!photos.length) {
      error.textContent = chosen.length ? "None of those files is a photo: pick JPEG or PNG pictures of cards" : "";
      error.hidden = !chosen.length;
      return;
    }
    generation += 1;
    files = photos;
    // One photo at a time: two cores, and the first card should come first.
    let chain: Promise<unknown> = Promise.resolve();
    readings = photos.map((file) => {
      const reading = chain.then(() => api.readCardPhoto(file));
      chain = reading.catch(() => undefined);
      return reading;
    });
    index = -1;
    if (others) {
      error.textContent = `${others} ${others === 1 ? "file is" : "files are"} not a photo and ${others === 1 ? "was" : "were"} left out`;
      error.hidden = false;
    }
    void open(0);
  }

  async function open(i: number): Promise<void> {
    const mine = generation;
    const file = files[i];
    if (!file) return;
    index = i;
    setButtons();
    const total = files.length;
    progress.textContent = `Reading card ${i + 1} of ${total}…`;
    let card: PileCard;
    try {
      const photo = await readings[i]!;
      card = { file, number: i + 1, total, photo, error: null };
    } catch (e) {
      card = { file, number: i + 1, total, photo: null, error: toApiError(e).message };
    }
    if (signal.aborted || mine !== generation || index !== i) return;
    const seconds = card.photo ? ` · read in ${(card.photo.millis / 1000).toFixed(1)} s` : "";
    progress.textContent = `Card ${i + 1} of ${total} · ${file.name}${seconds}`;
    error.textContent = card.error ? `${card.error.replace(/\.$/, "")}. Type this card in, or skip it.` : "";
    error.hidden = !card.error;
    show(card);
  }

  function finish(): void {
    const count = files.length;
    files = [];
    readings = [];
    index = -1;
    generation += 1;
    setButtons();
    progress.textContent = "";
    done(count);
  }

  function next(): boolean {
    if (index < 0) return false;
    if (index + 1 >= files.length) {
      finish();
      return false;
    }
    void open(index + 1);
    return true;
  }

  input.addEventListener("change", () => {
    start(Array.from(input.files ?? []));
    // The same files can be picked again later.
    input.value = "";
  });
  skip.addEventListener("click", () => void next());
  stop.addEventListener("click", finish);

  const element = h(
    "section",
    { class: "panel photo-panel", id: "photo-panel", "aria-labelledby": "photo-title" },
    h("h2", { id: "photo-title" }, "Card photos"),
    h(
      "p",
      { class: "panel-hint" },
      "Drop, paste or pick photos of cards, one or a whole pile. They are read on this computer; nothing is sent anywhere.",
    ),
    h("div", { class: "field" }, h("label", { for: "photo-input" }, "Photos of cards"), input),
    progress,
    error,
    h("div", { class: "form-actions" }, skip, stop),
  );
  function watch(area: HTMLElement): void {
    area.addEventListener("dragover", (event) => {
      if (!event.dataTransfer?.types.includes("Files")) return;
      event.preventDefault();
      element.classList.add("drop-target");
    });
    area.addEventListener("dragleave", (event) => {
      if (event.relatedTarget instanceof Node && area.contains(event.relatedTarget)) return;
      element.classList.remove("drop-target");
    });
    area.addEventListener("drop", (event) => {
      const dropped = Array.from(event.dataTransfer?.files ?? []);
      element.classList.remove("drop-target");
      if (!dropped.length) return;
      event.preventDefault();
      start(dropped);
    });
    // Text pastes go where they always went; only pictures start a pile.
    area.addEventListener("paste", (event) => {
      const pasted = Array.from(event.clipboardData?.files ?? []).filter(isPhoto);
      if (!pasted.length) return;
      event.preventDefault();
      start(pasted);
    });
  }

  return { element, active: () => index >= 0, next, watch };
}
