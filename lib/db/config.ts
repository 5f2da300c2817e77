import path from "node:path";

/**
 * Which database the product talks to. `DATABASE_URL` unset (or `file:...`) means the embedded
 * SQLite default under ./data; `postgres://` or `postgresql://` means PostgreSQL.
 */
export type DatabaseConfig =
  | { engine: "sqlite"; file: string }
  | { engine: "postgres"; url: string };

export const DEFAULT_SQLITE_FILE = "data/handbook.db";

export function projectRoot(): string {
  return process.env.HANDBOOK_ROOT ?? process.cwd();
}

export function databaseConfig(url: string | undefined = process.env.DATABASE_URL): DatabaseConfig {
  if (!url || url.trim() === "") {
    return { engine: "sqlite", file: path.resolve(projectRoot(), DEFAULT_SQLITE_FILE) };
  }
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    return { engine: "postgres", url };
  }
  if (url.startsWith("file:")) {
    // A relative path is resolved against the project root, not the process's working
    // directory, so the web app, the collaboration server and the CLI open the same file.
    return { engine: "sqlite", file: path.resolve(projectRoot(), url.slice("file:".length)) };
  }
  throw new Error(
    `DATABASE_URL không hợp lệ: "${url}". Dùng postgresql://... hoặc file:... (unsupported DATABASE_URL)`,
  );
}
