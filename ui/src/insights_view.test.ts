import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, type Insights, type TouchBucket } from "./api";
import { mountInsightsView } from "./insights_view";
import type { Route } from "./nav";
import { el, liveSignal, settle } from "./test_backend";

const BUCKETS: TouchBucket[] = ["0", "1", "2", "3", "4", "5-12", "12+"];

function insights(period: Insights["period"], won: number[]): Insights {
  const counts = (values: number[]) => BUCKETS.map((bucket, i) => ({ bucket, contacts: values[i] ?? 0 }));
  const zero = { made: 0, keptOnTime: 0, keptLate: 0, missed: 0, pending: 0 };
  return {
    period,
    since: null,
    until: "2026-11-24T10:00:00Z",
    timeZone: "UTC",
    persistence: { about: "Stopped prospects.", buckets: counts([]), stopped: 0, benchmark: [], gaveUpTooEarly: 0 },
    conversion: {
      about: "Deals won.",
      buckets: counts(won),
      won: won.reduce((a, b) => a + b, 0),
      benchmark: [{ label: "made on the 5th to 12th contact", buckets: ["5-12"], benchmarkPercent: 80, ownPercent: 50 }],
    },
    channels: { about: "Per channel.", rows: [] },
    promises: { about: "Promises.", total: zero, weeks: [] },
    referrals: { about: "Referrals.", customers: 0, referrers: 0, percent: null, top: [], months: [] },
    dormant: { about: "Quiet.", afterDays: 30, count: 0 },
  };
}

afterEach(() => clearMocks());

describe("insights", () => {
  it("draws the wins by touch, and a bar lists the contacts it counted", async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "insights") return insights("90d", [0, 1, 0, 1, 0, 2, 0]);
      if (cmd === "insight_contacts") {
        asked.push(args);
        return [{ id: 7, displayName: "Grace Hopper", company: "Navy" }];
      }
      throw { kind: "internal", message: `unexpected ${cmd}` };
    });
    document.body.innerHTML = "";
    const root = document.createElement("div");
    document.body.append(root);
    const went: Route[] = [];
    await mountInsightsView(root, liveSignal(), api, (r) => went.push(r));
    const value = (bucket: string) => el(`#conversion-bars [data-bucket='${bucket}'] .insight-bar-value`).textContent;
    expect(value("5-12")).toBe("2");
    expect(value("1")).toBe("1");
    expect(el<HTMLButtonElement>("#conversion-bars [data-bucket='4']").disabled).toBe(true);
    expect(el("#insight-conversion").textContent).toContain("80%");
    el<HTMLButtonElement>("#conversion-bars [data-bucket='5-12']").click();
    await settle();
    expect(asked).toEqual([{ period: "90d", figure: { kind: "wonOnTouch", bucket: "5-12" } }]);
    expect(el("#insight-contacts-title").textContent).toBe("Won on touch 5–12 · 1 contact");
    el<HTMLButtonElement>("#insight-contacts [data-contact-id='7']").click();
    expect(went).toEqual([{ view: "contact", id: 7 }]);
  });

  it("asks again for another period and marks it chosen", async () => {
    const periods: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== "insights") throw { kind: "internal", message: `unexpected ${cmd}` };
      const period = (args as { period: Insights["period"] }).period;
      periods.push(period);
      return insights(period, []);
    });
    document.body.innerHTML = "";
    const root = document.createElement("div");
    document.body.append(root);
    await mountInsightsView(root, liveSignal(), api, () => {});
    expect(el("#insight-conversion").textContent).toContain("No deal won in this period yet.");
    el<HTMLButtonElement>("[data-period='all']").click();
    await settle();
    expect(periods).toEqual(["90d", "all"]);
    expect(el("[data-period='all']").getAttribute("aria-pressed")).toBe("true");
    expect(el("[data-period='90d']").getAttribute("aria-pressed")).toBe("false");
  });

  it("draws the referral number month by month", async () => {
    const data = insights("90d", []);
    data.referrals = {
      ...data.referrals,
      customers: 4,
      referrers: 2,
      percent: 50,
      months: [
        { month: "2026-09", referred: 0, referrers: 0, percent: 0 },
        { month: "2026-10", referred: 1, referrers: 1, percent: 25 },
        { month: "2026-11", referred: 3, referrers: 2, percent: 50 },
      ],
    };
    mockIPC((cmd) => {
      if (cmd === "insights") return data;
      throw { kind: "internal", message: `unexpected ${cmd}` };
    });
    document.body.innerHTML = "";
    const root = document.createElement("div");
    document.body.append(root);
    await mountInsightsView(root, liveSignal(), api, () => {});
    const months = [...document.querySelectorAll<HTMLElement>("#referral-months li")];
    expect(months.map((m) => m.querySelector(".insight-week-label")?.textContent)).toEqual(["Sep", "Oct", "Nov"]);
    expect(months[2]?.getAttribute("title")).toBe("2026-11: 3 contacts referred by 2 customers (50%)");
    const height = (m: HTMLElement | undefined) => m?.querySelector<HTMLElement>(".insight-week-part")?.style.height;
    expect([height(months[0]), height(months[1]), height(months[2])]).toEqual(["0%", "50%", "100%"]);
  });
});
