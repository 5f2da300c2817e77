import { recordAudit } from "../../db/audit";
import { getDb } from "../../db/client";
import { loadDatedVersions } from "../../db/documents";
import { isUniqueViolation } from "../../db/errors";
import { runTransaction } from "../../db/transaction";
import { checkEdition, EDITION_NAME_MAX_LENGTH, EDITION_NOTE_MAX_LENGTH, EDITION_SLUG_MAX_LENGTH } from "../../domain/editions";
import { isWithdrawnOn } from "../../domain/effective-dates";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { today } from "../clock";
import { forgetContentEpoch } from "../content-epoch";
import { requireDocument, requireVersion } from "../history/lookup";

export interface CreatedEdition {
  slug: string;
  name: string;
  note: string;
  version: number;
}

/**
 * Names a published version as an edition, at /{document}/an-ban/{slug}. The address is the
 * slug given, or one derived from the name; an address is taken once per document (the unique
 * index decides between concurrent requests), and an edition row is never changed afterwards.
 * A withdrawn version cannot be named. Audited in the same transaction.
 */
export async function createEdition(options: {
  actor: Actor;
  slug: string;
  number: number;
  name: string;
  editionSlug?: string | null;
  note?: string | null;
  now?: Date;
}): Promise<CreatedEdition> {
  authorize(options.actor, "edition:create");
  const check = checkEdition({ name: options.name, slug: options.editionSlug, note: options.note });
  if (!check.ok) {
    if (check.reason === "name_length") throw new AppError("BAD_REQUEST", "editionNameLength", { max: EDITION_NAME_MAX_LENGTH });
    if (check.reason === "note_length") throw new AppError("BAD_REQUEST", "editionNoteLength", { max: EDITION_NOTE_MAX_LENGTH });
    throw new AppError("BAD_REQUEST", "editionSlugInvalid", { max: EDITION_SLUG_MAX_LENGTH });
  }
  const db = await getDb();
  try {
    const created = await runTransaction(db, async (tx) => {
      const document = await requireDocument(tx, options.slug);
      const version = await requireVersion(tx, document.id, options.number);
      const dated = (await loadDatedVersions(tx, document.id)).find((row) => row.id === version.id)!;
      if (isWithdrawnOn(dated, today(options.now))) throw new AppError("CONFLICT", "editionOfWithdrawnVersion", { number: version.number });
      const taken = await tx.edition.findUnique({ where: { documentId_slug: { documentId: document.id, slug: check.slug } } });
      if (taken) throw new AppError("CONFLICT", "editionExists", { name: taken.name });
      const edition = await tx.edition.create({
        data: { documentId: document.id, versionId: version.id, slug: check.slug, name: check.name, note: check.note, createdById: options.actor.id },
      });
      await recordAudit(tx, {
        actorId: options.actor.id,
        action: "edition.created",
        targetType: "edition",
        targetId: edition.id,
        data: { document: document.slug, slug: edition.slug, name: edition.name, number: version.number },
      });
      return { slug: edition.slug, name: edition.name, note: edition.note, version: version.number };
    });
    forgetContentEpoch();
    return created;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "editionExists", { name: check.name });
    throw error;
  }
}
