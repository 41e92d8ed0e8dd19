// After `next build`: writes a Brotli copy of every script and stylesheet of the build, which the
// front server sends to browsers that accept it (lib/front-server/static-assets.ts).
import path from "node:path";
import { precompressStatic } from "../lib/front-server/static-assets";

const distDir = path.resolve(import.meta.dirname, "..", process.env.NEXT_DIST_DIR || ".next");
const started = performance.now();
const r = await precompressStatic(distDir);
const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
console.log(`Brotli copies of ${r.written} build files: ${kb(r.bytesIn)} → ${kb(r.bytesOut)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
