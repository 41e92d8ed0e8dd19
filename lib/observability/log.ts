// Structured JSON logs (pino) on stdout, one line per event, each naming the request it was
// written for. The front server routes console.* here, so Next's own messages and every
// console.error in the code come out as JSON lines with the request id too.
import { format } from "node:util";
import pino from "pino";
import { currentRequestId } from "../front-server/request-context";
import { processSingleton } from "../process-singletons";

export function logger(): pino.Logger {
  return processSingleton("logger", () =>
    pino({
      level: process.env.LOG_LEVEL ?? "info",
      base: { service: "outbound-console", pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Adds the current request's id to every line written while serving it.
      mixin: () => {
        const req_id = currentRequestId();
        return req_id ? { req_id } : {};
      },
    }),
  );
}

/** Sends console.log/info/warn/error through the logger (format-style arguments kept). */
export function routeConsoleToLogger(): void {
  const log = logger();
  const line =
    (level: "info" | "warn" | "error") =>
    (...args: unknown[]) => {
      const err = args.find((a): a is Error => a instanceof Error);
      const msg = format(...args.map((a) => (a instanceof Error ? a.message : a)));
      if (err) log[level]({ err }, msg);
      else log[level](msg);
    };
  console.log = line("info");
  console.info = line("info");
  console.warn = line("warn");
  console.error = line("error");
}
