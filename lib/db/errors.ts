/** Recognizes database errors across both engines and driver adapters without importing either client. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (code === "P2002") return true;
  const message = String((error as { message?: unknown }).message ?? "");
  return /UNIQUE constraint failed|duplicate key value violates unique constraint/i.test(message);
}

/** The database refused a write because another writer held the lock (SQLite) or a lock timed out. */
export function isBusyError(error: unknown): boolean {
  // Prisma reports SQLite's SQLITE_BUSY through the driver adapter as P1008 ("operations timed out").
  if ((error as { code?: unknown })?.code === "P1008") return true;
  const message = String((error as { message?: unknown })?.message ?? "");
  return /SQLITE_BUSY|database is locked|lock timeout|could not obtain lock/i.test(message);
}
