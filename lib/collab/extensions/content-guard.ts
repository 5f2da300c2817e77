import type { Extension } from "@hocuspocus/server";
import * as Y from "yjs";
import { contentProblemId, type ContentProblem } from "../../domain/content-problems";
import { inspectDocument } from "../content-inspection";
import { collabUserOf } from "../context";
import { carriesChanges, carriesUpdate } from "../incoming";
import type { DocumentLedgers } from "../ledger";
import type { Logger } from "../logger";
import type { CollabMetrics } from "../metrics";
import { CollabRefusal } from "../refusal";
import { SectionReplica } from "../section-replica";

/** Whether a live document is a valid section, and if not, the problems it already has. */
export type Validity = { ok: true } | { ok: false; errors: ContentProblem[] };

const VALID: Validity = { ok: true };

export type Verdict = { ok: true; validity: Validity } | { ok: false; refusal: CollabRefusal };

/**
 * The full check: whether the document would still be a valid section with `update` applied,
 * tried on a copy of the whole document. A document that was already invalid when loaded
 * (stored before a rule existed) may still be edited, as long as the update adds no problem of
 * its own; otherwise nobody could ever repair it.
 */
export function judgeUpdate(document: Y.Doc, update: Uint8Array, current: Validity | null, maxDocumentBytes: number): Verdict {
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
    if (inspection.ok) return { ok: true, validity: VALID };
    const known = new Set(current && !current.ok ? current.errors.map(contentProblemId) : []);
    const added = inspection.errors.filter((problem) => !known.has(contentProblemId(problem)));
    if (added.length === 0) return { ok: true, validity: { ok: false, errors: inspection.errors } };
    return { ok: false, refusal: new CollabRefusal("invalid-content", { problems: added }) };
  } finally {
    candidate.destroy();
  }
}

/**
 * A replica no update reached for this long is dropped: it doubles the memory of its section,
 * which is worth it only while someone writes there. The next update builds it again (one copy
 * and one full check, what every update cost without it).
 */
export const REPLICA_IDLE_MS = 60_000;

/**
 * Judges updates to valid sections on a replica of each (section-replica.ts), validating only
 * the blocks an update changes, and falls back to the full check whenever the replica cannot
 * answer "valid" by itself: the verdicts, refusals included, are those of `judgeUpdate`.
 */
export class ContentJudge {
  private readonly replicas = new Map<Y.Doc, { replica: SectionReplica; idle: NodeJS.Timeout }>();

  constructor(private readonly maxDocumentBytes: number) {}

  judge(document: Y.Doc, update: Uint8Array, current: Validity | null, sender: object): Verdict {
    if (current?.ok) {
      const held = this.replicaOf(document);
      const answer = held.replica.judge(update, sender);
      if (answer === "valid") {
        held.idle.refresh();
        return { ok: true, validity: VALID };
      }
      if (answer === "ask-full-check-and-drop") this.drop(document);
    } else {
      this.drop(document);
    }
    return judgeUpdate(document, update, current, this.maxDocumentBytes);
  }

  /** The live document finished handling a message of `sender`. */
  settled(document: Y.Doc, sender: object): void {
    const held = this.replicas.get(document);
    if (held && !held.replica.settled(sender)) this.drop(document);
  }

  drop(document: Y.Doc): void {
    const held = this.replicas.get(document);
    if (!held) return;
    this.replicas.delete(document);
    clearTimeout(held.idle);
    held.replica.destroy();
  }

  /** Replicas held now, for the tests. */
  get size(): number {
    return this.replicas.size;
  }

  private replicaOf(document: Y.Doc) {
    let held = this.replicas.get(document);
    if (!held) {
      const idle = setTimeout(() => this.drop(document), REPLICA_IDLE_MS);
      idle.unref();
      held = { replica: new SectionReplica(document, this.maxDocumentBytes, () => this.drop(document)), idle };
      this.replicas.set(document, held);
    }
    return held;
  }
}

/**
 * The editor is not a security boundary: a raw Yjs client can write any node, mark or
 * attribute. Every update from a writer is validated against the handbook schema as if applied
 * to the section (ContentJudge); an update that would make the section invalid is refused
 * before it is logged or applied, and Hocuspocus closes the sender's connection to the
 * document. The benchmark reports the cost per update as `guard`.
 */
export function contentGuardExtension(deps: { ledgers: DocumentLedgers; logger: Logger; metrics: CollabMetrics; maxDocumentBytes: number }): Extension {
  const { ledgers, logger, metrics, maxDocumentBytes } = deps;
  const judge = new ContentJudge(maxDocumentBytes);
  return {
    extensionName: "content-guard",

    async afterLoadDocument({ document, documentName }) {
      const inspection = inspectDocument(document);
      ledgers.for(document).validity = inspection.ok ? VALID : inspection;
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
      const verdict = judge.judge(document, payload, ledger.validity, connection);
      metrics.record("guard", performance.now() - started);
      if (verdict.ok) {
        ledger.validity = verdict.validity;
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

    async afterHandleMessage({ connection, document }) {
      judge.settled(document, connection);
    },
  };
}
