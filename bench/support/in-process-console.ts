// For benchmarks that call the console's server code in this process: a seeded sandbox on a
// free port and the environment that points the console at it (its store in a temporary folder).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSandbox } from "../../sandbox/server";

export async function sandboxForInProcessConsole(opts: { latencyMs?: number } = {}) {
  const root = mkdtempSync(path.join(os.tmpdir(), "oc-bench-"));
  const faults = opts.latencyMs ? { latency_ms: opts.latencyMs } : undefined;
  const sandbox = await createSandbox({ dataDir: path.join(root, "sandbox"), speed: 0, seed: true, ...(faults ? { faults } : {}) });
  const { url, port } = await sandbox.listen(0);
  delete process.env.SYLLABLE_API_KEY;
  process.env.SANDBOX_PORT = String(port);
  process.env.DATA_DIR = path.join(root, "console");
  return {
    url,
    async close() {
      await sandbox.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
