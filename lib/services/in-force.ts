import type { DbOrTx } from "../db/client";
import { findVersionInForce } from "../db/documents";
import { today } from "./clock";

/**
 * The version of a document in force on a day (today by the clock when not given): what
 * readers, search and the home page call the current text. Null before the first takes effect.
 */
export async function versionInForce(db: DbOrTx, documentId: string, options: { day?: string; now?: Date } = {}) {
  return findVersionInForce(db, documentId, options.day ?? today(options.now));
}
