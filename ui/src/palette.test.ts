import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, type ContactSummary } from "./api";
import type { Route } from "./nav";
import { openPalette, setPaletteScope } from "./palette";
import { fuzzyScore, rankCommands, remember, type PaletteItem } from "./palette_items";
import { el, settle } from "./test_backend";

function summary(id: number, displayName: string, company: string): ContactSummary {
  return {
    id,
    displayName,
    company,
    title: "",
    email: null,
    phone: "+1 415 555 0100",
    stage: "prospect",
    tags: [],
    lastTouchAt: null,
    next: null,
  } as unknown as ContactSummary;
}

function item(key: string, label: string): PaletteItem {
  return { key, label, kind: "action", run: () => {} };
}

function press(key: string, init: KeyboardEventInit = {}): void {
  el<HTMLInputElement>("#palette-input").dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, ...init }));
}

function typeQuery(text: string): void {
  const input = el<HTMLInputElement>("#palette-input");
  input.value = text;
  input.dispatchEvent(new Event("input"));
}

function labels(): string[] {
  return [...document.querySelectorAll("#palette-list .palette-label")].map((e) => e.textContent ?? "");
}

describe("palette matching", () => {
  it("finds a command by letters in order, word starts first", () => {
    expect(fuzzyScore("fuh", "Go to Follow-up hour")).not.toBeNull();
    expect(fuzzyScore("hfu", "Go to Follow-up hour")).toBeNull();
    const ranked = rankCommands(
      [item("a", "Go to Settings"), item("b", "Start the follow-up hour"), item("c", "Go to Follow-up hour")],
      "start",
      [],
    );
    expect(ranked[0]?.key).toBe("b");
  });

  it("puts what was picked lately first, newest first", () => {
    const items = [item("a", "Go to Today"), item("b", "Go to Calendar"), item("c", "Go to Insights")];
    let recent = remember([], "c");
    recent = remember(recent, "b");
    expect(rankCommands(items, "", recent).map((i) => i.key)).toEqual(["b", "c", "a"]);
    expect(remember(recent, "c")).toEqual(["c", "b"]);
  });
});

describe("the palette", () => {
  let routes: Route[];
  beforeEach(() => {
    routes = [];
    document.body.innerHTML = "";
    window.localStorage.clear();
    mockIPC((cmd, args) => {
      if (cmd === "list_contacts") {
        const search = (args as { query: { search: string } }).query.search.toLowerCase();
        const all = [summary(1, "Ada Lovelace", "Analytical Engines"), summary(2, "Grace Hopper", "Navy")];
        return { items: all.filter((c) => c.displayName.toLowerCase().includes(search)), total: 1, totalExact: true };
      }
      throw { kind: "internal", message: `unexpected ${cmd}` };
    });
  });
  afterEach(() => clearMocks());

  it("opens a contact found by name with Enter", async () => {
    openPalette(api, (r) => routes.push(r), { view: "today" });
    expect(document.activeElement?.id).toBe("palette-input");
    typeQuery("ada");
    await settle();
    expect(labels()[0]).toBe("Ada Lovelace");
    expect(el("#palette-item-0").textContent).toContain("Analytical Engines");
    press("Enter");
    await settle();
    expect(routes).toEqual([{ view: "contact", id: 1 }]);
    expect(document.getElementById("palette")).toBeNull();
  });

  it("moves with the arrows, shows shortcuts, and starts the follow-up hour", async () => {
    openPalette(api, (r) => routes.push(r), { view: "today" });
    typeQuery("follow-up hour");
    await settle();
    const shown = labels();
    expect(shown.slice(0, 2).sort()).toEqual(["Go to Follow-up hour", "Start the follow-up hour"]);
    expect(el(`#palette-item-${shown.indexOf("Go to Follow-up hour")} .palette-shortcut`).textContent).toBe("Alt+H");
    // Up from the first wraps to the last; down comes back.
    press("ArrowUp");
    expect(el(`#palette-item-${shown.length - 1}`).getAttribute("aria-selected")).toBe("true");
    press("ArrowDown");
    const start = shown.indexOf("Start the follow-up hour");
    for (let i = 0; i < start; i++) press("ArrowDown");
    expect(el(`#palette-item-${start}`).getAttribute("aria-selected")).toBe("true");
    expect(el("#palette-input").getAttribute("aria-activedescendant")).toBe(`palette-item-${start}`);
    press("Enter");
    await settle();
    expect(routes).toEqual([{ view: "hour", start: true }]);
  });

  it("lists the contact opened last first when opened again, and closes on Escape", async () => {
    const outside = document.createElement("button");
    document.body.append(outside);
    outside.focus();
    openPalette(api, (r) => routes.push(r), { view: "today" });
    typeQuery("grace");
    await settle();
    press("Enter");
    await settle();
    openPalette(api, (r) => routes.push(r), { view: "today" });
    await settle();
    expect(labels()[0]).toBe("Grace Hopper");
    press("Escape");
    expect(document.getElementById("palette")).toBeNull();
    expect(routes).toEqual([{ view: "contact", id: 2 }]);
  });

  it("keeps the recents of each database file apart", async () => {
    setPaletteScope("/data/a.sqlite3");
    openPalette(api, (r) => routes.push(r), { view: "today" });
    typeQuery("grace");
    await settle();
    press("Enter");
    await settle();
    setPaletteScope("/data/b.sqlite3");
    openPalette(api, (r) => routes.push(r), { view: "today" });
    await settle();
    expect(labels()).not.toContain("Grace Hopper");
    press("Escape");
    setPaletteScope("/data/a.sqlite3");
    openPalette(api, (r) => routes.push(r), { view: "today" });
    await settle();
    expect(labels()[0]).toBe("Grace Hopper");
    press("Escape");
  });

  it("says when nothing matches", async () => {
    openPalette(api, (r) => routes.push(r), { view: "today" });
    typeQuery("zzqx");
    await settle();
    expect(labels()).toEqual([]);
    expect(el("#palette-note").textContent).toBe('Nothing matches "zzqx".');
  });
});
