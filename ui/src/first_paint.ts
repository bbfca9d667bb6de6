// The moment the window has painted its first view, so the app can log how
// long its start took (scripts/bench-start.sh measures start-up by it).

/** Calls `painted` once: after the frame that first shows something in the
 * view root inside `main` (the router's `.view`) has been painted, i.e. once
 * the frame after it has begun. */
export function whenFirstViewPainted(main: HTMLElement, painted: () => void): void {
  const shown = () => main.querySelector(".view")?.hasChildNodes() === true;
  const report = () => requestAnimationFrame(() => requestAnimationFrame(painted));
  if (shown()) {
    report();
    return;
  }
  const observer = new MutationObserver(() => {
    if (!shown()) return;
    observer.disconnect();
    report();
  });
  observer.observe(main, { childList: true, subtree: true });
}
