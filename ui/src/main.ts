import "./styles.css";
import { api } from "./api";
import { mountContactsView } from "./contacts_view";
import { byId, h } from "./dom";

const app = byId(document, "app");
const main = h("main", { class: "content", id: "content" });
const footer = h("footer", { class: "app-footer" }, h("span", { id: "db-path" }));

app.replaceChildren(
  h(
    "header",
    { class: "app-header" },
    h("span", { class: "brand" }, h("img", { class: "brand-mark", src: "/touchpoint.svg", alt: "" }), "Touchpoint"),
    h("span", { class: "tagline" }, "Follow up until the 5th–12th contact. Keep every promised callback."),
  ),
  main,
  footer,
);

mountContactsView(main, api);

api
  .appInfo()
  .then((info) => {
    byId(footer, "db-path").textContent = `Data: ${info.dbPath} · v${info.version}`;
  })
  .catch(() => {
    // The footer is informative only; the views report database problems.
  });
