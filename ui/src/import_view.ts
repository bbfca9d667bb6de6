// Import a vCard or CSV file (preview first, nothing written until confirmed)
// and export every contact.
import type {
  Api,
  CsvColumn,
  CsvField,
  DuplicateAction,
  ImportRowView,
  ImportSummary,
  RecordPosition,
  UploadInfo,
} from "./api";
import { toApiError } from "./api";
import { byId, h } from "./dom";
import { plural, reasonLabel } from "./labels";
import type { Navigate } from "./nav";

const FIELD_LABELS: Record<CsvField, string> = {
  ignore: "— leave out —",
  given_name: "First name",
  middle_name: "Middle name",
  family_name: "Last name",
  display_name: "Full name",
  title: "Title",
  company: "Company",
  email: "Email",
  phone: "Phone",
  website: "Website",
  linkedin: "LinkedIn",
  street: "Street",
  locality: "City",
  region: "State / region",
  postal_code: "Postal code",
  country: "Country",
  notes: "Notes",
  tags: "Tags",
  birthday: "Birthday",
  met_where: "Where met",
  met_on: "When met",
  stage: "Stage",
  time_zone: "Time zone",
  profile: "Profile link",
  preferred_channels: "Preferred channels",
  preferred_every_days: "Contact every (days)",
  best_times: "Best times",
};

const LAYOUT_LABELS: Record<string, string> = {
  google_contacts: "Google Contacts export",
  outlook: "Outlook export",
  thunderbird: "Thunderbird export",
  linkedin: "LinkedIn Connections export",
  touchpoint: "Touchpoint export",
  custom: "a CSV file",
};

function where(p: RecordPosition): string {
  return p.kind === "card" ? `Card ${p.at}` : `Line ${p.at}`;
}

export function mountImportView(root: HTMLElement, signal: AbortSignal, api: Api, navigate: Navigate): void {
  const file = h("input", { type: "file", id: "import-file", accept: ".vcf,.vcard,.csv,text/vcard,text/csv" });
  const stage = h("div", { id: "import-stage", "aria-live": "polite" });
  const exportStatus = h("p", { class: "status", id: "export-status", role: "status" });
  const exportWhere = h("p", { class: "panel-hint", id: "export-where" }, "Each export asks where to save it, under a new dated name.");
  const showFolder = h("button", { type: "button", class: "link-button", id: "export-show", hidden: true }, "Show in folder");
  showFolder.addEventListener("click", () => {
    api.showExportFolder().catch((e) => {
      if (!signal.aborted) exportStatus.textContent = toApiError(e).message;
    });
  });
  void api
    .appInfo()
    .then((info) => {
      if (!signal.aborted && info.exportFolder)
        exportWhere.textContent = `Each export asks where to save it, starting in ${info.exportFolder} under a new dated name.`;
    })
    .catch(() => {});
  const exportButtons: HTMLButtonElement[] = [];
  // One save dialog at a time: a second click would stack another.
  const choosing = (on: boolean) => exportButtons.forEach((b) => (b.disabled = on));
  const exportButton = (format: "vcf" | "csv" | "ics" | "everything", label: string) => {
    const b = h("button", { type: "button", class: "secondary", id: `export-${format}` }, label);
    exportButtons.push(b);
    b.addEventListener("click", () => {
      choosing(true);
      exportStatus.textContent = "Choose where to save it…";
      void api
        .exportContacts(format)
        .then((r) => {
          if (signal.aborted) return;
          if (r === null) {
            exportStatus.textContent = "Nothing exported: the save dialog was cancelled.";
            return;
          }
          exportStatus.textContent =
            format === "ics"
              ? `Exported the open follow-ups to ${r.path}`
              : format === "everything"
                ? `Exported everything (${plural(r.contacts, "contact", "contacts")} with their history, follow-ups, cadences and settings) to ${r.path}`
                : `Exported ${plural(r.contacts, "contact", "contacts")} to ${r.path}`;
          showFolder.hidden = false;
        })
        .catch((e) => {
          if (signal.aborted) return;
          exportStatus.textContent = toApiError(e).message;
        })
        .finally(() => choosing(false));
    });
    return b;
  };

  root.replaceChildren(
    h(
      "section",
      { class: "panel wide-form" },
      h("header", { class: "panel-header" }, h("h2", {}, "Import contacts")),
      h(
        "p",
        { class: "panel-hint" },
        "A vCard file (.vcf) from your phone or another app, or a CSV export from Google Contacts, Outlook or LinkedIn. " +
          "You will see what will happen before anything is saved.",
      ),
      h("div", { class: "field" }, h("label", { for: "import-file" }, "File to import"), file),
      stage,
    ),
    h(
      "section",
      { class: "panel wide-form" },
      h("header", { class: "panel-header" }, h("h2", {}, "Export")),
      exportWhere,
      h(
        "div",
        { class: "form-actions" },
        exportButton("vcf", "Export as vCard"),
        exportButton("csv", "Export as CSV"),
        exportButton("ics", "Follow-ups to a calendar (.ics)"),
        exportButton("everything", "Everything (a Touchpoint file)"),
      ),
      h("div", { class: "choice-row" }, exportStatus, showFolder),
    ),
  );

  function fail(message: string): void {
    if (signal.aborted) return;
    stage.replaceChildren(h("div", { class: "load-error", role: "alert", id: "import-error" }, message));
  }

  file.addEventListener("change", () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    stage.replaceChildren(h("p", {}, `Reading ${chosen.name}…`));
    void api
      .importUpload(chosen)
      .then((info) => {
        if (signal.aborted) return;
        return info.csv ? showMapping(info) : preview(null);
      })
      .catch((e) => fail(toApiError(e).message));
  });

  function showMapping(info: UploadInfo): void {
    const csv = info.csv;
    if (!csv) return;
    const selects = csv.columns.map((col) => {
      const select = h(
        "select",
        { "aria-label": `Field for column ${col.header}`, id: `map-${col.index}` },
        ...(Object.keys(FIELD_LABELS) as CsvField[]).map((f) =>
          h("option", { value: f }, f === "ignore" && col.field === "ignore" ? "— keep in the notes —" : FIELD_LABELS[f]),
        ),
      );
      // A column nothing fits is kept in the notes; one set to "ignore"
      // after a field was proposed for it is left out.
      select.value = col.field;
      return select;
    });
    const go = h("button", { type: "button", class: "primary", id: "import-preview" }, "Preview import");
    go.addEventListener("click", () => {
      const columns: CsvColumn[] = csv.columns.map((col, i) => {
        const field = (selects[i]?.value ?? col.field) as CsvField;
        return { ...col, field, label: field === col.field ? col.label : "" };
      });
      void preview(columns);
    });
    stage.replaceChildren(
      h("h3", {}, `${info.fileName}: ${LAYOUT_LABELS[csv.layout] ?? "a CSV file"}, ${plural(csv.rows, "row", "rows")}`),
      h("p", { class: "panel-hint" }, "Check which field each column goes to; change any that are wrong."),
      h(
        "table",
        { class: "mapping", id: "import-mapping" },
        h("thead", {}, h("tr", {}, h("th", {}, "Column"), h("th", {}, "First value"), h("th", {}, "Goes to"))),
        h(
          "tbody",
          {},
          ...csv.columns.map((col, i) =>
            h("tr", {}, h("td", {}, col.header), h("td", { class: "sample" }, csv.sample[0]?.[col.index] ?? ""), h("td", {}, selects[i] ?? "")),
          ),
        ),
      ),
      h("div", { class: "form-actions" }, go),
    );
    go.focus();
  }

  async function preview(columns: CsvColumn[] | null): Promise<void> {
    const bar = h("progress", { id: "import-progress", max: "1", value: "0" });
    const label = h("span", {}, "Checking records…");
    stage.replaceChildren(h("div", { class: "progress" }, bar, label));
    try {
      const summary = await api.importPreview(columns, (p) => {
        if (signal.aborted) return;
        bar.max = Math.max(p.total, 1);
        bar.value = p.done;
        label.textContent = `Checking ${p.done.toLocaleString()} of ${p.total.toLocaleString()} records…`;
      });
      if (signal.aborted) return;
      showPreview(summary);
    } catch (e) {
      fail(toApiError(e).message);
    }
  }

  function duplicateRow(view: ImportRowView, choices: Map<number, DuplicateAction>): HTMLElement | null {
    const status = view.row.status;
    if (status.kind !== "duplicate") return null;
    const like = status.matches.map((m) => `${m.contact.displayName} (${m.reasons.map(reasonLabel).join(", ")})`);
    const earlier = status.earlier ? `repeats ${where(status.earlier).toLowerCase()} of this file` : "";
    const select = h(
      "select",
      { "aria-label": `What to do with ${status.fields.displayName}`, id: `dup-action-${view.index}` },
      h("option", { value: "" }, "As chosen above"),
      h("option", { value: "skip" }, "Skip"),
      h("option", { value: "merge" }, "Merge"),
      h("option", { value: "add_anyway" }, "Add as new"),
    );
    select.addEventListener("change", () => {
      if (select.value) choices.set(view.index, select.value as DuplicateAction);
      else choices.delete(view.index);
    });
    return h(
      "li",
      {},
      h(
        "div",
        { class: "duplicate-who" },
        h("strong", {}, `${where(view.row.position)}: ${status.fields.displayName}`),
        h("span", { class: "reasons" }, like.length ? `Looks like ${like.join("; ")}` : earlier),
      ),
      select,
    );
  }

  function showPreview(summary: ImportSummary): void {
    const choices = new Map<number, DuplicateAction>();
    const rejected = summary.rows.filter((r) => r.row.status.kind === "rejected");
    const action = h(
      "select",
      { id: "import-duplicate-action", "aria-label": "For all possible duplicates" },
      h("option", { value: "skip" }, "Skip them (keep what you have)"),
      h("option", { value: "merge" }, "Merge their details into the existing contact"),
      h("option", { value: "add_anyway" }, "Add them as new contacts"),
    );
    const commit = h("button", { type: "button", class: "primary", id: "import-commit" }, "Import");
    const cancel = h("button", { type: "button", class: "link-button", id: "import-cancel" }, "Cancel");
    cancel.addEventListener("click", () => {
      void api.importCancel().finally(() => {
        if (!signal.aborted) mountImportView(root, signal, api, navigate);
      });
    });
    commit.addEventListener("click", () => {
      commit.disabled = true;
      void api
        .importCommit(action.value as DuplicateAction, [...choices.entries()])
        .then((r) => {
          if (signal.aborted) return;
          const open = h("button", { type: "button", class: "primary", id: "import-open-contacts" }, "Show contacts");
          open.addEventListener("click", () => navigate({ view: "contacts" }));
          stage.replaceChildren(
            h(
              "p",
              { class: "import-result", id: "import-result" },
              `Imported: ${r.added} added, ${r.merged} merged, ${r.skipped} skipped, ${r.rejected} rejected.`,
            ),
            open,
          );
          open.focus();
        })
        .catch((e) => {
          if (signal.aborted) return;
          commit.disabled = false;
          fail(toApiError(e).message);
        });
    });
    stage.replaceChildren(
      h(
        "p",
        { class: "figures", id: "import-figures" },
        h("span", { class: "figure new" }, plural(summary.newCount, "new contact", "new contacts")),
        h("span", { class: "figure dup" }, plural(summary.duplicateCount, "possible duplicate", "possible duplicates")),
        h("span", { class: "figure bad" }, `${summary.rejectedCount.toLocaleString()} rejected`),
      ),
      summary.duplicateCount > 0
        ? h(
            "div",
            {},
            h("div", { class: "field" }, h("label", { for: "import-duplicate-action" }, "Possible duplicates"), action),
            h("ul", { class: "duplicate-list", id: "import-duplicates" }, ...summary.rows.map((r) => duplicateRow(r, choices))),
          )
        : "",
      summary.setAsideCount
        ? h(
            "div",
            {},
            h("h3", {}, `Imported with changes (${summary.setAsideCount.toLocaleString()})`),
            h("p", { class: "hint" }, "These contacts are imported; what could not be read as it was is in their notes, to fix by hand."),
            h("ul", { class: "rejected-list", id: "import-set-aside" }, ...summary.setAside.map((why) => h("li", {}, why))),
          )
        : "",
      rejected.length
        ? h(
            "div",
            {},
            h("h3", {}, "Rejected (not imported)"),
            h(
              "ul",
              { class: "rejected-list", id: "import-rejected" },
              ...rejected.map((r) =>
                h("li", {}, r.row.status.kind === "rejected" ? r.row.status.reason : ""),
              ),
            ),
          )
        : "",
      h("div", { class: "form-actions" }, commit, cancel),
    );
    commit.focus();
  }

  byId(root, "import-file").focus();
}
