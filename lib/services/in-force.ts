import type { DbOrTx } from "../db/client";
import { findVersion, loadDatedVersions } from "../db/documents";
import { versionInForceOn } from "../domain/effective-dates";
import { today } from "./clock";

/**
 * The version of a document in force on a day (today by the clock when not given): what
 * readers, search and the home page call the current text. Null before the first takes effect.
 */
export async function versionInForce(db: DbOrTx, documentId: string, options: { day?: string; now?: Date } = {}) {
  const number = versionInForceOn(await loadDatedVersions(db, documentId), options.day ?? today(options.now));
  return number === null ? null : findVersion(db, documentId, number);
}
