import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, type DueItem, type Today } from "./api";
import type { Route } from "./nav";
import { mountTodayView } from "./today_view";
import { el, liveSignal } from "./test_backend";

function item(id: number, name: string, kind: "promise" | "cadence", localDue: string): DueItem {
  return {
    followup: {
      id,
      contactId: id * 10,
      kind,
      step: kind === "cadence" ? 1 : null,
      dueAt: "2026-11-23T15:00:00Z",
      timeZone: "America/New_York",
      localDue,
      channel: "call",
      prompt: "Ask about the spring order",
    },
    contactName: name,
    company: "Initech",
    phone: "+1 415 555 0100",
    hook: kind === "promise" ? "the renewal quote" : "",
    progress: { touches: 1, nextTouch: 2, total: 12, cadence: "New prospect", schedule: "anchored" },
  };
}

afterEach(() => clearMocks());

describe("today", () => {
  it("shows the parts of the day with promised callbacks marked, and opens the contact", async () => {
    const today: Today = {
      overdue: [item(1, "Ada", "cadence", "2026-11-20 09:00")],
      dueNow: [item(2, "Grace", "promise", "2026-11-23 10:00"), item(3, "Hedy", "cadence", "2026-11-23 09:00")],
      laterToday: [],
      tomorrow: [item(4, "Radia", "cadence", "2026-11-24 09:00")],
      timeZone: "America/New_York",
    };
    mockIPC((cmd) => {
      if (cmd === "today") return today;
      throw `unexpected ${cmd}`;
    });
    document.body.innerHTML = "";
    const root = document.createElement("div");
    document.body.append(root);
    const routes: Route[] = [];
    await mountTodayView(root, liveSignal(), api, (r) => routes.push(r));
    expect(el("#today-due-count").textContent).toBe("3 due now");
    expect(el("#today-overdue").textContent).toContain("Ada");
    const now = el("#today-now");
    expect(now.querySelector(".due-item")?.textContent).toContain("Promised callback");
    expect(now.textContent).toContain("“the renewal quote”");
    expect(now.textContent).toContain("Touch 2 of 12");
    expect(document.getElementById("today-later")).toBeNull();
    el<HTMLButtonElement>("#today-now .due-item").click();
    expect(routes).toEqual([{ view: "contact", id: 20 }]);
  });

  it("explains what to do when nothing is due", async () => {
    mockIPC(() => ({ overdue: [], dueNow: [], laterToday: [], tomorrow: [], timeZone: "UTC" }));
    document.body.innerHTML = "";
    const root = document.createElement("div");
    document.body.append(root);
    await mountTodayView(root, liveSignal(), api, () => {});
    expect(el("#today-empty").textContent).toContain("Nothing due today or tomorrow");
  });
});
