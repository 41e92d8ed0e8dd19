// CLI entry: `tsx sandbox/main.ts`. Configuration comes from the environment (validated up front).
import { z } from "zod";
import { createSandbox } from "./server";

const envSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  SANDBOX_API_KEY: z.string().min(1).default("sandbox"),
  DATA_DIR: z.string().min(1).default("./data"),
  SANDBOX_SPEED: z.coerce.number().min(0).max(100_000).default(60),
  SANDBOX_FAULT_LATENCY_MS: z.coerce.number().int().min(0).default(0),
  SANDBOX_FAULT_ERROR_RATE: z.coerce.number().min(0).max(1).default(0),
  SANDBOX_FAULT_HANG: z.enum(["0", "1", "true", "false"]).default("0"),
  // Off by default: seeding a million requests takes a while and `npm start` should be quick.
  SANDBOX_SEED_HUGE: z.enum(["0", "1"]).default("0"),
  // On by default: 30 days of finished batches (3,600 requests) give the Reports page a history.
  SANDBOX_SEED_HISTORY: z.enum(["0", "1"]).default("1"),
});

async function main(): Promise<void> {
  // Empty strings count as unset so `SANDBOX_PORT= tsx ...` behaves like no variable at all.
  const raw = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => k in envSchema.shape && v !== ""));
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    console.error(`Invalid sandbox configuration: ${String(issue?.path[0] ?? "env")}: ${issue?.message ?? "bad value"}`);
    process.exit(1);
  }
  const env = parsed.data;
  const sandbox = await createSandbox({
    dataDir: env.DATA_DIR,
    apiKey: env.SANDBOX_API_KEY,
    speed: env.SANDBOX_SPEED,
    seedHuge: env.SANDBOX_SEED_HUGE === "1",
    seedHistory: env.SANDBOX_SEED_HISTORY === "1",
    faults: {
      latency_ms: env.SANDBOX_FAULT_LATENCY_MS,
      error_rate: env.SANDBOX_FAULT_ERROR_RATE,
      hang: env.SANDBOX_FAULT_HANG === "1" || env.SANDBOX_FAULT_HANG === "true",
    },
  });
  const { port } = await sandbox.listen(env.SANDBOX_PORT);
  console.log(`Syllable sandbox listening on http://127.0.0.1:${port} (speed ${env.SANDBOX_SPEED})`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error("Error while stopping the sandbox:", err);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(`Sandbox failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
