import fs from "node:fs";
import path from "node:path";

/**
 * The database file, its write-ahead log and shared-memory file, and data/secrets.json hold every
 * draft, every password hash and the keys that sign sessions: only the account that runs the
 * product may read them. Files are created owner-only and existing ones are narrowed at start
 * (installs from before this rule made them world-readable).
 */
export const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** SQLite's companions of a database file in WAL mode. */
const SQLITE_COMPANION_SUFFIXES = ["-wal", "-shm", "-journal"];

/**
 * Creates `dir` (and missing parents) owner-only. An existing directory is narrowed only when
 * `narrowExisting` says it belongs to the product (data/): a shared one such as /tmp must not be.
 */
export function ensurePrivateDirectory(dir: string, options: { narrowExisting: boolean }): void {
  const existed = fs.existsSync(dir);
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  if (!existed || options.narrowExisting) fs.chmodSync(dir, PRIVATE_DIRECTORY_MODE);
}

/** Narrows an existing file to owner-only; a missing one is left missing. */
export function narrowFile(file: string): void {
  try {
    fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/**
 * Before SQLite opens `file`: creates it empty and owner-only if missing (SQLite then gives the
 * -wal and -shm files the same mode) and narrows it and its companions if they exist.
 */
export function prepareSqliteFile(file: string): void {
  ensurePrivateDirectory(path.dirname(file), { narrowExisting: false });
  fs.closeSync(fs.openSync(file, "a", PRIVATE_FILE_MODE));
  for (const suffix of ["", ...SQLITE_COMPANION_SUFFIXES]) narrowFile(`${file}${suffix}`);
}

/** Writes a file owner-only, whatever mode an older copy had. */
export function writePrivateFile(file: string, content: string): void {
  fs.writeFileSync(file, content, { mode: PRIVATE_FILE_MODE });
  fs.chmodSync(file, PRIVATE_FILE_MODE);
}
