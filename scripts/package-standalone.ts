// After `next build` (and the Brotli copies): completes Next's standalone output into the folder
// the image runs (deploy/Dockerfile). Next traces what its server needs; the front server and the
// users CLI are ours, so esbuild bundles them beside it, and the static files and public/ are
// copied in as Next's docs say. The folder then runs without the repository:
// `node scripts/serve.mjs` serves, `node scripts/users.mjs add …` manages users.
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const distName = process.env.NEXT_DIST_DIR || ".next";
const distDir = path.join(root, distName);
const out = path.join(distDir, "standalone");
if (!fs.existsSync(path.join(out, "server.js"))) {
  console.error(`No standalone output in ${path.relative(root, out)}/: is output: "standalone" still in next.config.mjs?`);
  process.exit(1);
}

const started = performance.now();
await build({
  entryPoints: { serve: path.join(root, "scripts/serve.ts"), users: path.join(root, "scripts/users.ts") },
  outdir: path.join(out, "scripts"),
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // The users CLI reaches server modules guarded by `server-only`, which resolves to nothing here.
  conditions: ["react-server"],
  // Next's own tracing put these in the folder's node_modules (better-sqlite3 is native).
  external: ["next", "better-sqlite3", "pg", "pg-native"],
  plugins: [
    {
      // `next/headers` and the like are files without an exports map: an ES module must name
      // them in full (`next/headers.js`) to load them from the folder's node_modules.
      name: "next-subpaths",
      setup(b) {
        b.onResolve({ filter: /^next\/[^.]+$/ }, (args) => ({ path: `${args.path}.js`, external: true }));
      },
    },
  ],
  // Bundled CommonJS modules call require(); ES modules have none of their own.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: "warning",
});
fs.cpSync(path.join(distDir, "static"), path.join(out, distName, "static"), { recursive: true });
if (fs.existsSync(path.join(root, "public"))) fs.cpSync(path.join(root, "public"), path.join(out, "public"), { recursive: true });
console.log(
  `Standalone folder ${path.relative(root, out)}/ completed (front server, users CLI, static files) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
