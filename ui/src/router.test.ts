import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import { api, emptyFields, type Contact } from "./api";
import type { Navigate } from "./nav";
import { startRouter } from "./router";
import { el, fakeBackend, settle, type } from "./test_backend";

function contact(id: number, name: string): Contact {
  return { ...emptyFields(), id, displayName: name, createdAt: "", updatedAt: "" };
}

function altL(target: EventTarget): KeyboardEvent {
  const event = new KeyboardEvent("keydown", { key: "l", altKey: true, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}

let main: HTMLElement;
let navigate: Navigate;
beforeEach(() => {
  document.body.innerHTML = "";
  main = document.createElement("main");
  document.body.append(main);
  navigate = startRouter(main, api);
});
afterEach(() => {
  // Leave the last view, so nothing of it reaches the next test.
  navigate({ view: "import" });
  clearMocks();
  vi.useRealTimers();
});

describe("views have a lifetime", () => {
  it("a contact page whose reply lands after the user moved to Today renders nothing and asks for nothing more", async () => {
    const backend = fakeBackend([contact(1, "Ada Lovelace")]);
    const release = backend.hold("get_contact");
    navigate({ view: "contact", id: 1 });
    const page = main.firstElementChild;
    navigate({ view: "today" });
    await settle();
    expect(el("#today-title").textContent).toBe("Today");
    const today = main.innerHTML;
    const asked = backend.calls.length;

    release();
    await settle();
    expect(main.innerHTML).toBe(today);
    expect(page?.childElementCount).toBe(0);
    expect(document.getElementById("contact-title")).toBeNull();
    expect(backend.calls.slice(asked)).toEqual([]);
  });

  it("a cadence saved just before leaving does not reload or write into the cadences view shown since", async () => {
    const backend = fakeBackend();
    backend.cadences = [{ id: 1, name: "New prospect", plan: { kind: "steps", steps: [{ day: 1, channel: "call", prompt: "" }] }, seededKey: null, retiredAt: null }];
    navigate({ view: "cadences" });
    await settle();
    const release = backend.hold("update_cadence");
    el<HTMLButtonElement>("#cadence-save").click();
    navigate({ view: "settings" });
    navigate({ view: "cadences" });
    await settle();
    const shown = main.innerHTML;
    const cadencesAsked = backend.calls.filter((c) => c === "cadences").length;

    release();
    await settle();
    expect(el("#cadence-status").textContent).toBe("");
    expect(main.innerHTML).toBe(shown);
    expect(backend.calls.filter((c) => c === "cadences")).toHaveLength(cadencesAsked);
  });

  it("a follow-up hour left before its queue arrived has not started when the user comes back", async () => {
    const backend = fakeBackend();
    const release = backend.hold("followup_hour_queue");
    navigate({ view: "hour", start: true });
    navigate({ view: "today" });
    await settle();
    release();
    await settle();

    navigate({ view: "hour" });
    await settle();
    // The hour's start page (with its queue), not a session under way or its summary.
    expect(el("#hour-title").textContent).toBe("Follow-up hour");
    expect(el("#hour-queue-count").textContent).toBe("0 to call");
    expect(backend.calls).not.toContain("followup_hour_summary");
  });

  it("the contact page's Alt+L works from outside its root, and is gone once the user has left", async () => {
    fakeBackend([contact(1, "Ada Lovelace")]);
    navigate({ view: "contact", id: 1 });
    await settle();
    expect(el("#contact-title").textContent).toBe("Ada Lovelace");
    el<HTMLInputElement>("#ce-notes").focus();
    expect(altL(document.body).defaultPrevented).toBe(true);
    expect(document.activeElement?.id).toBe("log-channel");

    navigate({ view: "today" });
    await settle();
    const focused = document.activeElement;
    expect(altL(document.body).defaultPrevented).toBe(false);
    expect(altL(main).defaultPrevented).toBe(false);
    expect(document.activeElement).toBe(focused);
  });

  it("a search typed just before leaving the contacts list is not run", async () => {
    const backend = fakeBackend([contact(1, "Ada Lovelace")]);
    navigate({ view: "contacts" });
    await settle();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    type("#contact-search", "ada");
    navigate({ view: "today" });
    const asked = backend.calls.filter((c) => c === "list_contacts").length;
    vi.runAllTimers();
    expect(backend.calls.filter((c) => c === "list_contacts")).toHaveLength(asked);
  });
});
