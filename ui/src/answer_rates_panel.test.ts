import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, type AnswerCount, type AnswerRates } from "./api";
import { answerRatesBody } from "./answer_rates_panel";
import { mountInsightsView } from "./insights_view";
import { el, liveSignal, settle } from "./test_backend";

const LABELS = ["before 08:00", "08:00–10:00", "10:00–12:00", "12:00–14:00", "14:00–16:00", "16:00–18:00", "after 18:00"];

function rates(cells: Record<string, AnswerCount>): AnswerRates {
  const none = { calls: 0, answered: 0 };
  const grid = Array.from({ length: 7 }, (_, d) => LABELS.map((_, b) => cells[`${d},${b}`] ?? none));
  const byBand = LABELS.map((_, b) =>
    grid.reduce((sum, row) => ({ calls: sum.calls + (row[b]?.calls ?? 0), answered: sum.answered + (row[b]?.answered ?? 0) }), none),
  );
  const total = byBand.reduce((s, c) => ({ calls: s.calls + c.calls, answered: s.answered + c.answered }), none);
  return {
    about: "Your calls.",
    evidence: "After at least 20 calls.",
    bands: LABELS.map((label, i) => ({ fromHour: i, toHour: i + 1, label })),
    grid,
    byBand,
    total,
    best: null,
  };
}

afterEach(() => clearMocks());

describe("when calls are answered", () => {
  it("shades each weekday and band by the share answered, with the numbers as text", () => {
    const r = rates({ "0,0": { calls: 5, answered: 4 }, "2,3": { calls: 4, answered: 0 } });
    r.best = {
      band: { fromHour: 0, toHour: 8, label: "before 08:00" },
      count: { calls: 5, answered: 4 },
      suggested: "07:45",
      from: "all_contacts",
      why: "your contacts answered 4 of 5 calls before 08:00",
    };
    document.body.replaceChildren(...answerRatesBody(r).map((n) => (typeof n === "string" ? document.createTextNode(n) : n)));
    expect(el("#answer-best").textContent).toBe("Call before 08:00 (around 07:45): your contacts answered 4 of 5 calls before 08:00.");
    const rows = [...document.querySelectorAll("#answer-grid tbody tr")];
    expect(rows.length).toBe(8);
    const monday = rows[0]?.querySelectorAll("td");
    expect(monday?.[0]?.textContent).toBe("4/5");
    expect(monday?.[0]?.classList.contains("rate-4")).toBe(true);
    expect(monday?.[1]?.classList.contains("rate-none")).toBe(true);
    const wednesday = rows[2]?.querySelectorAll("td");
    expect(wednesday?.[3]?.classList.contains("rate-0")).toBe(true);
    expect(wednesday?.[3]?.getAttribute("title")).toBe("Wed 12:00–14:00: 0 of 4 answered (0%)");
    expect(rows[7]?.textContent).toBe("All80%——0%———");
  });

  it("says when nothing stands out, and when no call was logged", () => {
    document.body.replaceChildren(...answerRatesBody(rates({ "1,1": { calls: 3, answered: 1 } })).filter((n) => typeof n !== "string"));
    expect(el("#answer-best").textContent).toBe("No hours stand out yet, from 3 calls.");
    document.body.replaceChildren(...answerRatesBody(rates({})).filter((n) => typeof n !== "string"));
    expect(el("#answer-best").textContent).toContain("No calls logged yet");
    expect(document.getElementById("answer-grid")).toBeNull();
  });

  it("arrives in the Insights view after the other figures", async () => {
    let answer: (r: AnswerRates) => void = () => {};
    mockIPC((cmd) => {
      if (cmd === "insights") return (window as unknown as { __insights: unknown }).__insights;
      if (cmd === "answer_rates") return new Promise<AnswerRates>((resolve) => (answer = resolve));
      throw { kind: "internal", message: `unexpected ${cmd}` };
    });
    const zero = { made: 0, keptOnTime: 0, keptLate: 0, missed: 0, pending: 0 };
    (window as unknown as { __insights: unknown }).__insights = {
      period: "90d",
      since: null,
      until: "2026-11-24T10:00:00Z",
      timeZone: "UTC",
      persistence: { about: "", buckets: [], stopped: 0, benchmark: [], gaveUpTooEarly: 0 },
      conversion: { about: "", buckets: [], won: 0, benchmark: [] },
      channels: { about: "", rows: [] },
      promises: { about: "", total: zero, weeks: [] },
      referrals: { about: "", customers: 0, referrers: 0, percent: null, top: [], months: [] },
      dormant: { about: "", afterDays: 30, count: 0 },
    };
    document.body.innerHTML = "";
    const root = document.createElement("div");
    document.body.append(root);
    await mountInsightsView(root, liveSignal(), api, () => {});
    expect(el("#insight-answers").textContent).toContain("Reading your calls");
    answer(rates({ "4,5": { calls: 2, answered: 2 } }));
    await settle();
    expect(el("#insight-answers").textContent).toContain("No hours stand out yet, from 2 calls.");
  });
});
