import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, emptyFields, emptyQuery, isApiError, toApiError } from "./api";

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
  it("sends the form as the `fields` and `check` arguments of add_contact", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return { kind: "saved", contact: { id: 1, ...emptyFields(), displayName: "Ada", createdAt: "", updatedAt: "" } };
    });
    const fields = { ...emptyFields(), givenName: "Ada" };
    await api.addContact(fields, "warn");
    expect(calls).toEqual([["add_contact", { fields, check: "warn" }]]);
  });

  it("rejects with the command's ApiError", async () => {
    mockIPC(() => {
      throw { kind: "storage", message: "database error: disk I/O error" };
    });
    await expect(api.listContacts(emptyQuery())).rejects.toEqual({
      kind: "storage",
      message: "database error: disk I/O error",
    });
  });
});
