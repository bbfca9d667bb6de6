// The contact form, in the reading order of a business card. Used for new
// cards and for editing a contact; validation is the core's: this form only
// shows its errors next to the field they name.
import type { ApiError, ContactFields, Email, Phone, Profile, Stage, TimeWindow } from "./api";
import { emptyFields } from "./api";
import { field, h } from "./dom";
import { PREFERRED_CHANNELS, STAGES } from "./labels";
import { type RowList, bestTimeRows, emailRows, input, phoneRows, select } from "./contact_form_rows";

/** Fields a pasted line can be assigned to by hand. */
export type AssignTarget = "notes" | "title" | "company" | "metWhere" | "website";

/** `parsed` added to what the user already typed: typed values win, lists are joined. */
export function fillEmpty(current: ContactFields, parsed: ContactFields): ContactFields {
  const pick = (a: string, b: string) => (a.trim() ? a : b);
  const join = <T>(a: T[], b: T[], key: (x: T) => string) => [
    ...a,
    ...b.filter((x) => !a.some((y) => key(y) === key(x))),
  ];
  const addressTyped = Object.values(current.address).some((v) => v.trim());
  return {
    ...current,
    givenName: pick(current.givenName, parsed.givenName),
    familyName: pick(current.familyName, parsed.familyName),
    displayName: current.givenName.trim() || current.familyName.trim() ? current.displayName : parsed.displayName,
    title: pick(current.title, parsed.title),
    company: pick(current.company, parsed.company),
    phones: join(current.phones, parsed.phones, (p) => p.number.replace(/\D/g, "")),
    emails: join(current.emails, parsed.emails, (e) => e.address.toLowerCase()),
    website: pick(current.website, parsed.website),
    address: addressTyped ? current.address : parsed.address,
    profiles: join(current.profiles, parsed.profiles, (p) => p.url.toLowerCase()),
    notes: [current.notes.trim(), parsed.notes.trim()].filter(Boolean).join("\n"),
    birthday: pick(current.birthday, parsed.birthday),
    metWhere: pick(current.metWhere, parsed.metWhere),
    metOn: current.metOn ?? parsed.metOn,
    tags: join(current.tags, parsed.tags, (t) => t.toLowerCase()),
  };
}

let zoneList: string[] | null = null;
function timeZones(): string[] {
  if (zoneList === null) {
    const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
    zoneList = intl.supportedValuesOf ? intl.supportedValuesOf("timeZone") : [];
  }
  return zoneList;
}

export class ContactForm {
  readonly element: HTMLFormElement;
  private readonly controls = new Map<string, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>();
  private readonly phones: RowList<Phone>;
  private readonly emails: RowList<Email>;
  private readonly bestTimes: RowList<TimeWindow>;
  private readonly channelBoxes: HTMLInputElement[];
  private readonly more: HTMLDetailsElement;
  private hiddenProfiles: Profile[] = [];
  private referredBy: number | null = null;

  constructor(idPrefix = "cf") {
    const c = <T extends HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(key: string, el: T): T => {
      this.controls.set(key, el);
      return el;
    };
    const f = (key: string, label: string, el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, hint?: string) =>
      field(`${idPrefix}-${key}`, label, c(key, el), hint);

    this.phones = phoneRows(idPrefix);
    this.emails = emailRows(idPrefix);
    this.bestTimes = bestTimeRows(idPrefix);
    this.channelBoxes = PREFERRED_CHANNELS.map((ch) => input("checkbox", { value: ch.value, id: `${idPrefix}-channel-${ch.value}` }));

    const stage = select(STAGES);
    const tz = input("text", { list: `${idPrefix}-zones`, placeholder: "e.g. Europe/Berlin" });
    const zones = h("datalist", { id: `${idPrefix}-zones` });
    tz.addEventListener("focus", () => {
      if (!zones.childElementCount) zones.append(...timeZones().map((z) => h("option", { value: z })));
    }, { once: true });
    const referrer = input("text", { list: `${idPrefix}-referrers`, placeholder: "Type a name" });
    const referrers = h("datalist", { id: `${idPrefix}-referrers` });
    this.more = h(
      "details",
      { class: "more", id: `${idPrefix}-more` },
      h("summary", {}, "How they want to be reached, birthday, profiles"),
      h(
        "fieldset",
        { class: "checks", id: `${idPrefix}-preferredChannels` },
        h("legend", {}, "Preferred channels (as the customer asked)"),
        ...this.channelBoxes.map((box, i) => h("label", { class: "check" }, box, PREFERRED_CHANNELS[i]?.label ?? "")),
      ),
      f("preferredEveryDays", "Contact every", input("number", { min: "1", max: "3650", inputmode: "numeric" }), "days, if they asked"),
      this.bestTimes.element,
      f("timeZone", "Time zone", tz),
      zones,
      f("birthday", "Birthday", input("text", { placeholder: "1985-04-12 or --04-12" })),
      f("otherProfile", "Other profile (X, website…)", input("url", { placeholder: "https://x.com/handle" })),
    );

    this.element = h(
      "form",
      { class: "contact-form", novalidate: true, id: `${idPrefix}-form` },
      h(
        "div",
        { class: "form-grid" },
        f("givenName", "First name", input("text")),
        f("familyName", "Last name", input("text")),
      ),
      h("p", { class: "field-error", id: `${idPrefix}-displayName-error`, hidden: true }),
      h(
        "div",
        { class: "form-grid" },
        f("title", "Title", input("text")),
        f("company", "Company", input("text")),
      ),
      this.phones.element,
      this.emails.element,
      h(
        "div",
        { class: "form-grid" },
        f("website", "Website", input("url", { placeholder: "example.com" })),
        f("linkedin", "LinkedIn", input("url", { placeholder: "linkedin.com/in/…" })),
      ),
      h(
        "fieldset",
        { class: "address" },
        h("legend", {}, "Address"),
        f("address-street", "Street", h("textarea", { rows: "2" })),
        h(
          "div",
          { class: "form-grid three" },
          f("address-postalCode", "Postal code", input("text")),
          f("address-locality", "City", input("text")),
          f("address-region", "State / region", input("text")),
        ),
        f("address-country", "Country", input("text")),
      ),
      h(
        "div",
        { class: "form-grid" },
        f("metWhere", "Where you met", input("text", { placeholder: "Trade show, referral…" })),
        f("metOn", "When", input("date")),
      ),
      h(
        "div",
        { class: "form-grid" },
        f("stage", "Stage", stage),
        f("tags", "Tags", input("text", { placeholder: "expo-2026, vip" }), "comma-separated"),
      ),
      f("referredBy", "Referred by", referrer),
      referrers,
      f("notes", "Notes", h("textarea", { rows: "3" })),
      this.more,
      h("p", { class: "form-error", id: `${idPrefix}-form-error`, role: "alert", hidden: true }),
    );
    this.element.addEventListener("input", (e) => this.clearErrorFor(e.target as HTMLElement));
    referrer.addEventListener("input", () => this.onReferrerInput(referrer, referrers));
    this.fill(emptyFields());
  }

  /** Looks up contacts for the "Referred by" suggestions; set by the owner view. */
  searchReferrers: ((text: string) => Promise<{ id: number; name: string }[]>) | null = null;

  private async onReferrerInput(el: HTMLInputElement, list: HTMLDataListElement): Promise<void> {
    const chosen = /#(\d+)\)$/.exec(el.value);
    this.referredBy = chosen?.[1] ? Number(chosen[1]) : null;
    if (chosen || !this.searchReferrers || el.value.trim().length < 2) return;
    const found = await this.searchReferrers(el.value);
    list.replaceChildren(...found.map((c) => h("option", { value: `${c.name} (#${c.id})` })));
  }

  private get(key: string): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
    const el = this.controls.get(key);
    if (!el) throw new Error(`no control ${key}`);
    return el;
  }

  read(): ContactFields {
    const v = (key: string) => this.get(key).value;
    const profiles: Profile[] = [...this.hiddenProfiles];
    if (v("linkedin").trim()) profiles.unshift({ kind: "linkedin", url: v("linkedin") });
    if (v("otherProfile").trim()) {
      const url = v("otherProfile");
      profiles.push({ kind: /(^|\/\/|\.)(x|twitter)\.com\//i.test(url) ? "x" : "other", url });
    }
    const every = v("preferredEveryDays").trim();
    return {
      givenName: v("givenName"),
      familyName: v("familyName"),
      displayName: this.displayName,
      title: v("title"),
      company: v("company"),
      phones: this.phones.read(),
      emails: this.emails.read(),
      website: v("website"),
      address: {
        street: v("address-street"),
        locality: v("address-locality"),
        region: v("address-region"),
        postalCode: v("address-postalCode"),
        country: v("address-country"),
      },
      profiles,
      metWhere: v("metWhere"),
      metOn: v("metOn") || null,
      notes: v("notes"),
      tags: v("tags")
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
      stage: v("stage") as Stage,
      referredBy: this.referredBy,
      preferredChannels: this.channelBoxes.filter((b) => b.checked).map((b) => b.value as ContactFields["preferredChannels"][number]),
      preferredEveryDays: every ? Number(every) : null,
      bestTimes: this.bestTimes.read(),
      timeZone: v("timeZone"),
      birthday: v("birthday"),
    };
  }

  /** A display name that differs from "first last" (e.g. a company-only card) is kept. */
  private displayName = "";

  fill(fields: ContactFields, referrerName = ""): void {
    const set = (key: string, value: string) => {
      this.get(key).value = value;
    };
    set("givenName", fields.givenName);
    set("familyName", fields.familyName);
    const derived = [fields.givenName, fields.familyName].filter(Boolean).join(" ");
    if (!fields.givenName && !fields.familyName && fields.displayName) {
      // A card read as one name: split it for the form, the way it was written.
      const parts = fields.displayName.trim().split(/\s+/);
      set("givenName", parts.length > 1 ? parts.slice(0, -1).join(" ") : (parts[0] ?? ""));
      set("familyName", parts.length > 1 ? (parts[parts.length - 1] ?? "") : "");
      this.displayName = "";
    } else {
      this.displayName = fields.displayName && fields.displayName !== derived ? fields.displayName : "";
    }
    set("title", fields.title);
    set("company", fields.company);
    this.phones.fill(fields.phones);
    this.emails.fill(fields.emails);
    set("website", fields.website);
    const linkedin = fields.profiles.find((p) => p.kind === "linkedin");
    const other = fields.profiles.find((p) => p !== linkedin);
    this.hiddenProfiles = fields.profiles.filter((p) => p !== linkedin && p !== other);
    set("linkedin", linkedin?.url ?? "");
    set("otherProfile", other?.url ?? "");
    set("address-street", fields.address.street);
    set("address-locality", fields.address.locality);
    set("address-region", fields.address.region);
    set("address-postalCode", fields.address.postalCode);
    set("address-country", fields.address.country);
    set("metWhere", fields.metWhere);
    set("metOn", fields.metOn ?? "");
    set("stage", fields.stage);
    set("tags", fields.tags.join(", "));
    this.referredBy = fields.referredBy;
    set("referredBy", fields.referredBy !== null ? `${referrerName || "Contact"} (#${fields.referredBy})` : "");
    set("notes", fields.notes);
    for (const box of this.channelBoxes) box.checked = fields.preferredChannels.some((c) => c === box.value);
    set("preferredEveryDays", fields.preferredEveryDays !== null ? String(fields.preferredEveryDays) : "");
    this.bestTimes.fill(fields.bestTimes);
    set("timeZone", fields.timeZone);
    set("birthday", fields.birthday);
    this.more.open =
      fields.preferredChannels.length > 0 ||
      fields.preferredEveryDays !== null ||
      fields.bestTimes.length > 0 ||
      fields.timeZone !== "" ||
      fields.birthday !== "" ||
      other !== undefined;
    this.clearErrors();
  }

  reset(): void {
    this.fill(emptyFields());
  }

  /** Puts a line the card parser could not place into the field the user chose. */
  assign(target: AssignTarget, text: string): void {
    const el = this.get(target);
    if (target === "notes") {
      el.value = el.value.trim() ? `${el.value.trim()}\n${text}` : text;
    } else {
      el.value = text;
    }
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }

  focusFirst(): void {
    this.get("givenName").focus();
  }

  clearErrors(): void {
    for (const note of this.element.querySelectorAll<HTMLElement>(".field-error, .form-error")) {
      note.hidden = true;
      note.textContent = "";
    }
    for (const el of this.element.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  }

  private clearErrorFor(target: HTMLElement): void {
    if (!target.id || target.getAttribute("aria-invalid") !== "true") return;
    target.removeAttribute("aria-invalid");
    const note = this.element.querySelector<HTMLElement>(`#${CSS.escape(target.id)}-error`);
    if (note) note.hidden = true;
  }

  /** The id of the control an error's field path points at ("emails[1]" → "cf-emails-1-address"). */
  private controlFor(path: string): HTMLElement | null {
    const prefix = this.element.id.replace(/-form$/, "");
    const row = /^(phones|emails|bestTimes|profiles|tags)\[(\d+)\]$/.exec(path);
    let id: string;
    if (row) {
      const [, list, index] = row;
      id =
        list === "phones" ? `${prefix}-phones-${index}-number`
        : list === "emails" ? `${prefix}-emails-${index}-address`
        : list === "bestTimes" ? `${prefix}-bestTimes-${index}-start`
        : list === "tags" ? `${prefix}-tags`
        : `${prefix}-linkedin`;
    } else if (path === "displayName") {
      id = `${prefix}-givenName`;
    } else {
      id = `${prefix}-${path.replace(".", "-")}`;
    }
    return this.element.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
  }

  showError(error: ApiError): void {
    const control = error.field ? this.controlFor(error.field) : null;
    const noteId = error.field === "displayName" ? `${this.element.id.replace(/-form$/, "")}-displayName-error` : `${control?.id}-error`;
    const note = control ? this.element.querySelector<HTMLElement>(`#${CSS.escape(noteId)}`) : null;
    if (control && note) {
      if (control.closest("details")) this.more.open = true;
      note.textContent = error.message;
      note.hidden = false;
      control.setAttribute("aria-invalid", "true");
      control.focus();
    } else {
      const formError = this.element.querySelector<HTMLElement>(".form-error");
      if (formError) {
        formError.textContent = error.message;
        formError.hidden = false;
      }
    }
  }
}
