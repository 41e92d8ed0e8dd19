"use client";
// One EventSource for a page while its tab is visible: opened on mount and when the tab shows
// again, closed while hidden (nothing to show; unless `whileHidden`: a page that announces
// alerts with browser notifications listens in the background too) and on unmount. The browser reconnects a dropped
// stream by itself (with Last-Event-ID); `connected` says whether pushes arrive right now, so
// the page can poll only while they do not.
import { useEffect, useRef, useState } from "react";

/** Handlers by event name; `close` ends the stream (e.g. on `gone` or `signed-out`). */
export type EventHandlers = Record<string, (data: string, close: () => void) => void>;

export function useVisibleEventSource(url: string, handlers: EventHandlers, opts: { whileHidden?: boolean } = {}): { connected: boolean } {
  const whileHidden = !!opts.whileHidden;
  const [connected, setConnected] = useState(false);
  // The latest handlers, without reopening the stream when their identities change.
  const current = useRef(handlers);
  useEffect(() => {
    current.current = handlers;
  });
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    // A stream refused outright (a 503 while the console's database restarts) is not retried by
    // the browser: reopen it with backoff, 1 s doubling to 30 s, while the page is shown.
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let retryMs = 1_000;
    const close = () => {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      source?.close();
      source = null;
      setConnected(false);
    };
    const open = () => {
      if (source || (document.visibilityState !== "visible" && !whileHidden)) return;
      const es = new EventSource(url);
      source = es;
      es.addEventListener("open", () => {
        retryMs = 1_000;
        setConnected(true);
      });
      for (const name of Object.keys(current.current)) {
        es.addEventListener(name, (e) => {
          setConnected(true);
          current.current[name]?.((e as MessageEvent<string>).data, close);
        });
      }
      es.addEventListener("error", () => {
        setConnected(es.readyState === EventSource.OPEN);
        if (es.readyState !== EventSource.CLOSED || source !== es) return;
        source = null;
        retryTimer = setTimeout(() => {
          retryTimer = null;
          open();
        }, retryMs);
        retryMs = Math.min(30_000, retryMs * 2);
      });
      // Past the per-user cap a newer tab took this one's stream: stop (no reconnect loop); the
      // page polls instead, and reopens the stream when it is shown again.
      es.addEventListener("replaced", () => close());
    };
    const onVisibility = () => (document.visibilityState === "visible" || whileHidden ? open() : close());
    open();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      close();
    };
  }, [url, whileHidden]);
  return { connected };
}
