import { describe, expect, it } from "vitest";
import { SECTIONS, isCurrent, sectionForKey } from "./nav";

describe("the main navigation table", () => {
  it("gives every section its own shortcut and button", () => {
    expect(new Set(SECTIONS.map((s) => s.key)).size).toBe(SECTIONS.length);
    expect(new Set(SECTIONS.map((s) => s.id)).size).toBe(SECTIONS.length);
  });

  it("opens a section by Alt+its key, in either case", () => {
    expect(sectionForKey("k")?.view).toBe("calendar");
    expect(sectionForKey("H")?.view).toBe("hour");
    expect(sectionForKey("p")).toBeUndefined();
  });

  it("marks Contacts current on a contact's page, and nothing else", () => {
    const current = SECTIONS.filter((s) => isCurrent(s, { view: "contact", id: 3 })).map((s) => s.view);
    expect(current).toEqual(["contacts"]);
  });
});
