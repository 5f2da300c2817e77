import * as Y from "yjs";
import { getDb } from "../../db/client";
import { collabDocumentName } from "../../domain/collab-names";
import type { SectionContent } from "../../domain/document";
import { applyContentToYDoc, contentToYDoc } from "../../editor/ydoc";
import { AppError } from "../../errors";
import { storeDraftSection } from "./store-draft-section";

/**
 * How a service replaces a section draft. While the product runs, drafts live in the
 * collaboration server's memory, so replacements go through it (lib/collab/client.ts) and open
 * editors see them at once. When no collaboration server runs (first seed, command line with
 * the product stopped) the offline writer stores the new state directly.
 */
export interface ReplaceSectionInput {
  proposalId: string;
  sectionId: string;
  content: SectionContent;
  /** Who asks for the replacement (for the live document's context and the log). */
  actorId: string;
  /**
   * Whether the replacement is the actor's own writing, recorded as an edit of theirs (separation
   * of duties: editors may not approve). False for the system's work done on someone's behalf,
   * such as the three-way merge a reviewer's publish triggers. Default true.
   */
  countsAsEdit?: boolean;
}

export interface DraftSectionWriter {
  replaceSection(input: ReplaceSectionInput): Promise<void>;
  /** Stores whatever the live documents of a proposal hold but have not stored yet (before a submit). */
  flushProposal(proposalId: string): Promise<void>;
}

/**
 * Applies the replacement as an edit of the stored Yjs state (plus any updates a crash left in
 * the durable log), never as a new document: a browser that reconnects later with the old state
 * then merges with it instead of showing every block twice.
 */
export const offlineDraftWriter: DraftSectionWriter = {
  // With no collaboration server running there is nothing in memory to store.
  async flushProposal() {},

  async replaceSection(input) {
    const db = await getDb();
    const documentName = collabDocumentName(input.proposalId, input.sectionId);
    const row = await db.proposalSection.findUnique({
      where: { proposalId_sectionId: { proposalId: input.proposalId, sectionId: input.sectionId } },
      select: { yState: true },
    });
    let doc: Y.Doc;
    if (row?.yState) {
      doc = new Y.Doc();
      Y.applyUpdate(doc, row.yState);
      const pending = await db.collabUpdate.findMany({ where: { documentName }, orderBy: { id: "asc" } });
      for (const entry of pending) Y.applyUpdate(doc, entry.update);
      applyContentToYDoc(doc, input.content);
    } else {
      doc = contentToYDoc(input.content);
    }
    const result = await storeDraftSection({
      proposalId: input.proposalId,
      sectionId: input.sectionId,
      content: input.content,
      yState: Y.encodeStateAsUpdate(doc),
      editorIds: input.countsAsEdit === false ? [] : [input.actorId],
    });
    doc.destroy();
    if (!result.stored) {
      throw new AppError(result.reason === "not_found" ? "NOT_FOUND" : "INVALID_TRANSITION", "draftNotWritable");
    }
    await db.collabUpdate.deleteMany({ where: { documentName } });
  },
};
