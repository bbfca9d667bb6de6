import { describe, expect, it } from "vitest";
import { whenFirstViewPainted } from "./first_paint";

const frames = (n: number): Promise<void> =>
  new Promise((resolve) => {
    const next = (left: number) => (left ? requestAnimationFrame(() => next(left - 1)) : resolve());
    next(n);
  });

describe("whenFirstViewPainted", () => {
  it("waits for the view to show something, then reports once", async () => {
    const main = document.createElement("main");
    let reported = 0;
    const painted = new Promise<void>((resolve) =>
      whenFirstViewPainted(main, () => {
        reported += 1;
        resolve();
      }),
    );
    const view = document.createElement("div");
    view.className = "view";
    main.append(view);
    await frames(3);
    expect(reported).toBe(0);

    view.append(document.createElement("section"));
    await painted;
    expect(reported).toBe(1);

    main.replaceChildren(Object.assign(document.createElement("div"), { className: "view" }));
    main.querySelector(".view")?.append(document.createElement("section"));
    await frames(3);
    expect(reported).toBe(1);
  });

  it("reports a view already shown", async () => {
    const main = document.createElement("main");
    main.innerHTML = '<div class="view"><p>Today</p></div>';
    await new Promise<void>((resolve) => whenFirstViewPainted(main, resolve));
  });
});
