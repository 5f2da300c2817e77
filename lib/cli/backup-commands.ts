import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { disconnectDb, getDb } from "../db/client";
import { databaseConfig } from "../db/config";
import { narrowFile, prepareSqliteFile } from "../db/private-files";
import { AppError } from "../errors";
import { logKeyFile, SIGNED_STATE_SUFFIX } from "../log/log-signer";
import { verifyDocument } from "../services/verify-document";
import { requireOption, UsageError, type Command } from "./commands";
import { cliText } from "./text";

/**
 * Backups of the embedded default (SQLite). `backup` copies the live database with SQLite's
 * online backup API (better-sqlite3's `.backup()`: pages are copied while the web app and the
 * collaboration server keep writing, and the copy is one consistent moment), together with the
 * transparency log's key and its signed state, without which the copy's checkpoints cannot be
 * checked. `restore` writes a copy into a fresh database file (never over one that has data)
 * and verifies every document's hash chain and signed log before saying it succeeded.
 * PostgreSQL deployments use pg_dump and pg_restore (README, Deployment).
 */

/** Files that travel with a backup: the log key and the tree it last signed. */
function companions(keyFile: string): { suffix: string; file: string }[] {
  return [
    { suffix: ".log-key", file: keyFile },
    { suffix: `.log-key${SIGNED_STATE_SUFFIX}`, file: `${keyFile}${SIGNED_STATE_SUFFIX}` },
  ];
}

function embeddedDatabaseFile(): string {
  const config = databaseConfig();
  if (config.engine !== "sqlite") {
    throw new UsageError(cliText().backup.sqliteOnly);
  }
  return config.file;
}

function copyPrivate(from: string, to: string): void {
  fs.copyFileSync(from, to);
  narrowFile(to);
}

/** Every document's chain and signed log, checked through the configured database. */
async function verifyAll(): Promise<{ slug: string; versions: number }[]> {
  const db = await getDb();
  const documents = await db.document.findMany({ select: { slug: true, _count: { select: { versions: true } } }, orderBy: { slug: "asc" } });
  const verified: { slug: string; versions: number }[] = [];
  for (const document of documents) {
    const result = await verifyDocument(document.slug);
    if (!result.ok) throw new AppError("CONFLICT", "backupUnverifiable", { slug: document.slug, failedAt: result.failedAt, reason: result.reason }, result);
    verified.push({ slug: document.slug, versions: document._count.versions });
  }
  return verified;
}

export const backupCommand: Command = {
  name: "backup",
  words: "backup",
  options: { out: "string" },
  async run(args) {
    const source = embeddedDatabaseFile();
    const out = path.resolve(requireOption(args, "out"));
    if (fs.existsSync(out)) throw new UsageError(cliText().backup.exists(out));
    if (!fs.existsSync(source)) throw new UsageError(cliText().backup.noDatabase(source));
    prepareSqliteFile(out);
    fs.rmSync(out);
    const live = new Database(source, { readonly: true, fileMustExist: true });
    try {
      await live.backup(out);
    } finally {
      live.close();
    }
    narrowFile(out);
    const keyFile = logKeyFile();
    for (const { suffix, file } of companions(keyFile)) {
      if (fs.existsSync(file)) copyPrivate(file, `${out}${suffix}`);
    }
    const pages = new Database(out, { readonly: true });
    const integrity = pages.pragma("integrity_check", { simple: true });
    pages.close();
    if (integrity !== "ok") throw new AppError("INTERNAL", "backupCorrupt", { detail: `integrity_check: ${String(integrity)}` });
    console.log(JSON.stringify({ backup: out, bytes: fs.statSync(out).size, logKey: fs.existsSync(`${out}.log-key`) }));
  },
};

export const restoreCommand: Command = {
  name: "restore",
  words: "restore",
  options: { from: "string" },
  async run(args) {
    const from = path.resolve(requireOption(args, "from"));
    if (!fs.existsSync(from)) throw new UsageError(cliText().backup.noBackup(from));
    const target = embeddedDatabaseFile();
    if (fs.existsSync(target) && fs.statSync(target).size > 0) {
      throw new UsageError(cliText().backup.targetHoldsData(target));
    }
    const keyFile = logKeyFile();
    if (fs.existsSync(keyFile)) throw new UsageError(cliText().backup.logKeyExists(keyFile));
    await disconnectDb();
    prepareSqliteFile(target);
    const copy = new Database(from, { readonly: true, fileMustExist: true });
    try {
      await copy.backup(target);
    } finally {
      copy.close();
    }
    narrowFile(target);
    for (const { suffix, file } of companions(keyFile)) {
      if (fs.existsSync(`${from}${suffix}`)) copyPrivate(`${from}${suffix}`, file);
    }
    const verified = await verifyAll();
    console.log(JSON.stringify({ restored: target, verified }));
  },
};
