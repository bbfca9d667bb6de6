import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, type Settings } from "./api";
import { mountSettingsView } from "./settings_view";
import { el, liveSignal, SETTINGS, settle } from "./test_backend";

afterEach(() => clearMocks());

describe("settings", () => {
  it("saves the settings and shows a refused value next to its field", async () => {
    const saved: Settings[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "get_settings") {
        return { ...SETTINGS };
      }
      if (cmd === "list_backups") return { folder: "/data/backups", backups: [] };
      if (cmd === "app_info") return { version: "0", dbPath: "/data/t.sqlite3", now: "2030-01-01T00:00:00Z", logFolder: "/data/logs" };
      if (cmd !== "update_settings") throw { kind: "internal", message: `unexpected ${cmd}` };
      const s = (args as { settings: Settings }).settings;
      if (s.phoneRegion === "XX") throw { kind: "invalid", field: "phoneRegion", message: "'XX' is not a two-letter region code" };
      saved.push(s);
      return s;
    });
    document.body.innerHTML = "";
    const root = document.createElement("div");
    document.body.append(root);
    await mountSettingsView(root, liveSignal(), api);
    el<HTMLButtonElement>(".slot").click();
    expect(el<HTMLInputElement>("#settings-callTime").value).toBe("07:30");
    el<HTMLSelectElement>("#settings-followupHourDay").value = "mon";
    el<HTMLFormElement>("#settings-form").requestSubmit();
    await settle();
    expect(saved[0]?.callTime).toBe("07:30");
    expect(saved[0]?.followupHourDay).toBe("mon");
    expect(saved[0]?.followupHourStart).toBe("09:00");
    expect(el("#settings-status").textContent).toBe("Saved.");
    el<HTMLInputElement>("#settings-phoneRegion").value = "XX";
    el<HTMLFormElement>("#settings-form").requestSubmit();
    await settle();
    expect(el("#settings-phoneRegion-error").textContent).toContain("not a two-letter region");
    expect(saved).toHaveLength(1);
    expect(el("#log-folder").textContent).toBe("/data/logs");
  });

  it("says why when the app's folders cannot be read, and the form still works", async () => {
    mockIPC((cmd) => {
      if (cmd === "get_settings") return { ...SETTINGS };
      if (cmd === "list_backups") return { folder: "/data/backups", backups: [] };
      throw { kind: "internal", message: "the database is unavailable" };
    });
    document.body.innerHTML = "";
    const root = document.createElement("div");
    document.body.append(root);
    await mountSettingsView(root, liveSignal(), api);
    expect(el("#log-status").textContent).toBe("the database is unavailable");
    expect(el<HTMLInputElement>("#settings-callTime")).toBeTruthy();
  });
});
