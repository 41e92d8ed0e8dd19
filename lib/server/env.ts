import "server-only";
import { loadConfig, type ConsoleConfig } from "./load-config";

export { EnvError, envSchema, loadConfig, type ConsoleConfig, type Env } from "./load-config";

let cached: ConsoleConfig | undefined;

/** The console's configuration, validated once per process. */
export function getConfig(): ConsoleConfig {
  cached ??= loadConfig(process.env);
  return cached;
}

/** Tests only: forget the cached configuration so a changed process.env is read again. */
export function resetConfigForTests(): void {
  cached = undefined;
}
