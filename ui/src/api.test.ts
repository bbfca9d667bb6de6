import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, isApiError, toApiError } from "./api";

afterEach(() => clearMocks());

describe("toApiError", () => {
  it("keeps an error that already has the {kind, message} shape", () => {
    const error = { kind: "invalid", message: "Name is required", field: "name" };
    expect(toApiError(error)).toEqual(error);
  });

  it("turns a plain string rejection from Tauri into an internal error", () => {
    expect(toApiError("invalid args `input` for command `add_contact`")).toEqual({
      kind: "internal",
      message: "invalid args `input` for command `add_contact`",
    });
  });

  it("does not take an unknown kind for an ApiError", () => {
    expect(isApiError({ kind: "weird", message: "x" })).toBe(false);
  });
});

describe("api", () => {
  it("sends the contact form as the `input` argument of add_contact", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return { id: 1, name: "Ada", company: "", email: null, phone: null, createdAt: "", updatedAt: "" };
    });
    await api.addContact({ name: "Ada", company: "", email: "", phone: "" });
    expect(calls).toEqual([["add_contact", { input: { name: "Ada", company: "", email: "", phone: "" } }]]);
  });

  it("rejects with the command's ApiError", async () => {
    mockIPC(() => {
      throw { kind: "storage", message: "database error: disk I/O error" };
    });
    await expect(api.listContacts({ offset: 0, limit: 10 })).rejects.toEqual({
      kind: "storage",
      message: "database error: disk I/O error",
    });
  });
});
