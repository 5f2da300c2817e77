import * as Y from "yjs";
import type { DbOrTx } from "../db/client";
import type { CollabDocumentRef } from "../domain/collab-names";
import { ensureBlockIds, validateSectionContent } from "../editor/content";
import { contentToYDoc } from "../editor/ydoc";
import { draftContent } from "../db/stored-columns";
import { retryWhileBusy } from "../db/transaction";
import { CollabRefusal } from "./refusal";

/**
 * The stored Yjs state of a section draft, creating it from the draft's JSON the first time.
 *
 * The first state is written at once and only if none exists (`WHERE yState IS NULL`), in
 * the database rather than in memory: clients keep the Yjs items they received, so a seed
 * built twice (two servers, a crash before the first store, a reload) would show every block
 * twice. Whoever loses the race reads the winner's state instead of its own.
 */
export async function loadOrSeedSectionState(db: DbOrTx, ref: CollabDocumentRef): Promise<Uint8Array> {
  const row = await db.proposalSection.findUnique({
    where: { proposalId_sectionId: { proposalId: ref.proposalId, sectionId: ref.sectionId } },
    select: { id: true, content: true, yState: true },
  });
  if (!row) throw new CollabRefusal("not-found");
  if (row.yState) return row.yState;

  const validation = validateSectionContent(draftContent({ ...ref, content: row.content }));
  if (!validation.ok) {
    throw new Error(`stored draft is invalid: ${JSON.stringify(validation.errors)}`);
  }
  const seed = contentToYDoc(ensureBlockIds(validation.content));
  const state = Y.encodeStateAsUpdate(seed);
  seed.destroy();

  const { count } = await retryWhileBusy(() =>
    db.proposalSection.updateMany({ where: { id: row.id, yState: null }, data: { yState: Buffer.from(state) } }),
  );
  if (count === 1) return state;
  const winner = await db.proposalSection.findUnique({ where: { id: row.id }, select: { yState: true } });
  if (!winner?.yState) throw new Error("Không đọc được trạng thái vừa khởi tạo (seeded state vanished)");
  return winner.yState;
}
