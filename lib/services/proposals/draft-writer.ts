import * as Y from "yjs";
import type { SectionContent } from "../../domain/document";
import { contentToYDoc } from "../../editor/content";
import { AppError } from "../../errors";
import { storeDraftSection } from "./store-draft-section";

/**
 * How a service replaces a section draft. While the product runs, drafts live in the
 * collaboration server's memory, so replacements go through it (lib/collab/client.ts) and open
 * editors see them at once. When no collaboration server runs (first seed, command line with
 * the product stopped) the offline writer stores the new state directly.
 */
export interface DraftSectionWriter {
  replaceSection(input: { proposalId: string; sectionId: string; content: SectionContent; actorId: string }): Promise<void>;
}

export const offlineDraftWriter: DraftSectionWriter = {
  async replaceSection(input) {
    const doc = contentToYDoc(input.content);
    const result = await storeDraftSection({
      proposalId: input.proposalId,
      sectionId: input.sectionId,
      content: input.content,
      yState: Y.encodeStateAsUpdate(doc),
      editorIds: [input.actorId],
    });
    doc.destroy();
    if (!result.stored) {
      throw new AppError(result.reason === "not_found" ? "NOT_FOUND" : "INVALID_TRANSITION", "Không thể ghi bản nháp ở trạng thái này (draft not writable).");
    }
  },
};
