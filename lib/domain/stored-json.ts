import type { z } from "zod";

/** Schema problems an error lists: the first few say what is wrong, where every issue of a large column would flood the log. */
export const MAX_REPORTED_ISSUES = 3;

/**
 * JSON read back from storage (a database column, a state file) that is not JSON or not of the
 * shape this release reads. It names what was read (`Proposal.conflicts of proposal <id>`), so
 * whoever reads the log knows which column of which row to look at. A fault of the stored data,
 * never of the request that happened to read it, so it is not an AppError.
 */
export class StoredDataError extends Error {
  constructor(
    readonly what: string,
    readonly problem: string,
  ) {
    super(`${what}: ${problem}`);
    this.name = "StoredDataError";
  }
}

/**
 * Parses stored JSON and checks it against `schema`, instead of trusting a cast: data written by
 * another release, edited by hand or cut short fails here, by name, and not three calls later as
 * an undefined property. `what` names the column (and the row) for the error.
 */
export function parseStoredJson<Schema extends z.ZodType>(schema: Schema, text: string, what: string): z.output<Schema> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StoredDataError(what, `is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new StoredDataError(what, `does not hold the shape it should (${describeIssues(parsed.error.issues)})`);
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const described = issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => {
    const path = issue.path.map(String).join(".");
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = issues.length - described.length;
  return more > 0 ? `${described.join("; ")}; and ${more} more` : described.join("; ");
}
