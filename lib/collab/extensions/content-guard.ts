import type { Extension } from "@hocuspocus/server";
import * as Y from "yjs";
import { contentProblemId } from "../../domain/content-problems";
import { inspectDocument, type Inspection } from "../content-inspection";
import { collabUserOf } from "../context";
import { carriesChanges, carriesUpdate } from "../incoming";
import type { DocumentLedgers } from "../ledger";
import type { Logger } from "../logger";
import type { CollabMetrics } from "../metrics";
import { CollabRefusal } from "../refusal";

export type Verdict = { ok: true; inspection: Inspection } | { ok: false; refusal: CollabRefusal };

/**
 * Whether the document would still be a valid section with `update` applied. A document that
 * was already invalid when loaded (stored before a rule existed) may still be edited, as long
 * as the update adds no problem of its own; otherwise nobody could ever repair it.
 */
export function judgeUpdate(document: Y.Doc, update: Uint8Array, current: Inspection | null, maxDocumentBytes: number): Verdict {
  const state = Y.encodeStateAsUpdate(document);
  // Merging can only shrink the state, so this bounds the result without encoding it again.
  if (state.byteLength + update.byteLength > maxDocumentBytes) {
    return { ok: false, refusal: new CollabRefusal("document-too-large", { maxBytes: maxDocumentBytes }) };
  }
  const candidate = new Y.Doc({ gc: document.gc });
  try {
    Y.applyUpdate(candidate, state);
    try {
      Y.applyUpdate(candidate, update);
    } catch {
      return { ok: false, refusal: new CollabRefusal("malformed-update") };
    }
    const inspection = inspectDocument(candidate);
    if (inspection.ok) return { ok: true, inspection };
    const known = new Set(current && !current.ok ? current.errors.map(contentProblemId) : []);
    const added = inspection.errors.filter((problem) => !known.has(contentProblemId(problem)));
    if (added.length === 0) return { ok: true, inspection };
    return { ok: false, refusal: new CollabRefusal("invalid-content", { problems: added }) };
  } finally {
    candidate.destroy();
  }
}

/**
 * The editor is not a security boundary: a raw Yjs client can write any node, mark or
 * attribute. Every update from a writer is first applied to a private copy of the document
 * and the copy is validated against the handbook schema; an update that would make the
 * section invalid is refused before it is logged or applied, and Hocuspocus closes the
 * sender's connection to the document. Sections are small, so a copy per update is cheap
 * (the benchmark reports the cost as `guard`).
 */
export function contentGuardExtension(deps: { ledgers: DocumentLedgers; logger: Logger; metrics: CollabMetrics; maxDocumentBytes: number }): Extension {
  const { ledgers, logger, metrics, maxDocumentBytes } = deps;
  return {
    extensionName: "content-guard",

    async afterLoadDocument({ document, documentName }) {
      const inspection = inspectDocument(document);
      ledgers.for(document).validity = inspection;
      if (!inspection.ok) logger.warn("content.invalid_on_load", { documentName, errors: JSON.stringify(inspection.errors) });
    },

    async beforeSync({ connection, document, type, payload, context }) {
      if (!carriesUpdate(type) || connection.readOnly) return;
      const started = performance.now();
      let changes: boolean;
      try {
        changes = carriesChanges(document, payload);
      } catch {
        throw new CollabRefusal("malformed-update");
      }
      if (!changes) return;
      const ledger = ledgers.for(document);
      const verdict = judgeUpdate(document, payload, ledger.validity, maxDocumentBytes);
      metrics.record("guard", performance.now() - started);
      if (verdict.ok) {
        ledger.validity = verdict.inspection;
        return;
      }
      logger.warn("content.refused", {
        documentName: document.name,
        userId: collabUserOf(context)?.id,
        reason: verdict.refusal.reason,
        detail: verdict.refusal.message.slice(0, 300),
      });
      throw verdict.refusal;
    },
  };
}
