import { getDb, type DbOrTx } from "../../db/client";
import { findDocumentBySlug, headVersion } from "../../db/documents";
import { earliestEffectiveDate } from "../../domain/effective-dates";
import { today } from "../clock";

/**
 * The earliest effective day a version of this document may be published with now: today, or
 * the latest version's effective day when that one is still prospective. The publish form
 * offers it as the default and the minimum; publishing checks it again.
 */
export async function earliestEffectiveDateFor(options: { slug: string; now?: Date; db?: DbOrTx }): Promise<string> {
  const db = options.db ?? (await getDb());
  const document = await findDocumentBySlug(db, options.slug);
  const head = document ? await headVersion(db, document.id) : null;
  return earliestEffectiveDate(today(options.now), head?.effectiveFrom ?? null);
}
