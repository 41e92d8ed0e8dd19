// The SQLite store holds password hashes, sessions and the audit log: created private to the
// console's user (directory 0700, file 0600; SQLite gives its -wal and -shm files the file's
// mode), and a warning at start when an existing one is open to others.
import fs from "node:fs";
import path from "node:path";

/** Prepares `file` and its directory; `warn` hears about an existing one that others may read. */
export function preparePrivateFile(file: string, warn: (message: string) => void = console.warn): void {
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  else if (fs.statSync(dir).mode & 0o077)
    warn(`The data directory ${dir} can be read by other users of this machine (mode ${modeOf(dir)}); run: chmod 700 ${dir}`);
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, "a", 0o600));
  else if (fs.statSync(file).mode & 0o077)
    warn(`The console's database ${file} can be read by other users of this machine (mode ${modeOf(file)}); run: chmod 600 ${file}*`);
}

const modeOf = (p: string) => (fs.statSync(p).mode & 0o777).toString(8).padStart(4, "0");
