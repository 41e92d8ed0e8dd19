"use client";

import { lazy, Suspense, useEffect, useRef, useState, type ComponentType } from "react";
import { whenIdleAfterLoad } from "@/lib/browser/when-idle";
import { Spinner } from "./spinner";

/**
 * A component whose code loads when it is first shown (a dialog's form, an editor behind an
 * "Edit" button), so what it needs (the form library, the schemas, the CSV parser) stays out of
 * the page's first load. `preload()` starts the download early: call it when the pointer comes
 * near or focus reaches the button that will show it.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>, loadingLabel = "Loading…") {
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (component) => ({ default: component }),
      (err: unknown) => {
        loading = undefined; // a failed download (offline, a new deployment) is tried again next time
        throw err;
      },
    ));
  const Lazy = lazy(preload);
  function LazyView(props: P) {
    return (
      <Suspense
        fallback={
          <div className="flex items-center justify-center p-4 text-sm text-slate-500">
            <Spinner label={loadingLabel} />
          </div>
        }
      >
        <Lazy {...props} />
      </Suspense>
    );
  }
  return Object.assign(LazyView, { preload });
}

/** Props for the button that opens a lazy view: start its download on hover and focus. */
export function preloadOn(view: { preload: () => unknown }) {
  const preload = () => void view.preload();
  return { onPointerEnter: preload, onFocus: preload };
}

/**
 * A section below the fold (a batch's results, a campaign's batches) whose code loads once the
 * page has loaded and the browser is idle, or as soon as it scrolls near the viewport, whichever
 * comes first: it is on screen moments after the page, without weighing on the first load. The
 * placeholder keeps `minHeight` so nothing below it jumps.
 */
export function lazyBelowFold<P extends object>(load: () => Promise<ComponentType<P>>, loadingLabel: string, minHeight = 320) {
  const View = lazyView(load, loadingLabel);
  function BelowFold(props: P) {
    const [wanted, setWanted] = useState(false);
    const ref = useRef<HTMLDivElement>(null);
    useEffect(() => {
      if (wanted) return;
      const show = () => setWanted(true);
      const cancelIdle = whenIdleAfterLoad(show);
      const el = ref.current;
      const observer =
        el && typeof IntersectionObserver === "function"
          ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && show(), { rootMargin: "400px" })
          : null;
      if (el) observer?.observe(el);
      return () => {
        cancelIdle();
        observer?.disconnect();
      };
    }, [wanted]);
    if (wanted) return <View {...props} />;
    return (
      <div ref={ref} style={{ minHeight }} className="flex items-center justify-center rounded-lg border border-slate-200 text-sm text-slate-500">
        <Spinner label={loadingLabel} />
      </div>
    );
  }
  return BelowFold;
}
