/**
 * Runs `fn` once the page has loaded and the browser is idle: the moment to fetch code a page
 * will probably need soon (toasts, form schemas) without adding it to the page's first load.
 * Returns a cancel function.
 */
export function whenIdleAfterLoad(fn: () => void): () => void {
  let idleId: number | undefined;
  let timer: number | undefined;
  const schedule = () => {
    if (typeof window.requestIdleCallback === "function") idleId = window.requestIdleCallback(fn, { timeout: 3000 });
    else timer = window.setTimeout(fn, 200);
  };
  if (document.readyState === "complete") schedule();
  else window.addEventListener("load", schedule, { once: true });
  return () => {
    window.removeEventListener("load", schedule);
    if (idleId !== undefined) window.cancelIdleCallback(idleId);
    if (timer !== undefined) window.clearTimeout(timer);
  };
}
