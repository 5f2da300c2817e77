/**
 * Names of the live collaboration documents: one Yjs document per section of a proposal's
 * draft. The web app mints tokens for a name, the collaboration server parses it back, and
 * both must agree on the exact spelling, so it is built and read only here.
 */

/** What a proposal or section id may look like inside a name (cuid, seeded and test ids). */
const COLLAB_ID_PATTERN = "[A-Za-z0-9_-]{1,64}";

const COLLAB_NAME_PATTERN = new RegExp(`^proposal:(${COLLAB_ID_PATTERN}):section:(${COLLAB_ID_PATTERN})$`);

const COLLAB_ID_ONLY = new RegExp(`^${COLLAB_ID_PATTERN}$`);

export interface CollabDocumentRef {
  proposalId: string;
  sectionId: string;
}

export function isCollabId(value: string): boolean {
  return COLLAB_ID_ONLY.test(value);
}

/** `proposal:<proposalId>:section:<sectionId>`; refuses ids that could not be parsed back. */
export function collabDocumentName(proposalId: string, sectionId: string): string {
  if (!isCollabId(proposalId) || !isCollabId(sectionId)) {
    throw new Error(`Mã đề xuất hoặc mã mục không hợp lệ (invalid collaboration ids: ${proposalId}, ${sectionId})`);
  }
  return `proposal:${proposalId}:section:${sectionId}`;
}

/** The ids in a document name, or null for anything that `collabDocumentName` would not produce. */
export function parseCollabDocumentName(name: string): CollabDocumentRef | null {
  const match = COLLAB_NAME_PATTERN.exec(name);
  if (!match) return null;
  return { proposalId: match[1], sectionId: match[2] };
}
