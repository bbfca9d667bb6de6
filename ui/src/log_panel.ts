// Settings' log: where Touchpoint writes what went wrong (an app started at
// login has no terminal to say it in), and a button to open that folder, to
// look at it or attach it to a bug report.
import type { Api } from "./api";
import { toApiError } from "./api";
import { h } from "./dom";

export async function mountLogPanel(root: HTMLElement, signal: AbortSignal, api: Api): Promise<void> {
  let info;
  try {
    info = await api.appInfo();
  } catch (e) {
    if (!signal.aborted) {
      root.replaceChildren(h("p", { class: "status", id: "log-status", role: "status" }, toApiError(e).message));
    }
    return;
  }
  if (signal.aborted) return;
  const status = h("p", { class: "status", id: "log-status", role: "status", "aria-live": "polite" });
  const open = h("button", { type: "button", class: "secondary", id: "open-log-folder" }, "Open log folder");
  const where = info.logFolder
    ? h(
        "p",
        { class: "panel-hint" },
        "Touchpoint notes here what went wrong, without your notes or names: ",
        h("code", { id: "log-folder" }, info.logFolder),
      )
    : h("p", { class: "panel-hint", id: "log-folder" }, "This system has no folder for logs.");
  open.disabled = !info.logFolder;
  open.addEventListener("click", () => {
    status.textContent = "";
    api
      .openLogFolder()
      .then(() => {
        if (!signal.aborted) status.textContent = "Opened in your file manager.";
      })
      .catch((e) => {
        if (!signal.aborted) status.textContent = toApiError(e).message;
      });
  });
  root.replaceChildren(
    h(
      "section",
      { class: "panel wide-form", "aria-labelledby": "log-title" },
      h("header", { class: "panel-header" }, h("h2", { id: "log-title" }, "Log"), open),
      where,
      status,
    ),
  );
}
