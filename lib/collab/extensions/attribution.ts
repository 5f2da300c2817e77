import type { Extension } from "@hocuspocus/server";
import type { Db } from "../../db/client";
import { parseCollabDocumentName } from "../../domain/collab-names";
import { recordAudit } from "../../db/audit";
import { collabUserOf } from "../context";
import { carriesChanges, carriesUpdate } from "../incoming";
import type { DocumentLedgers } from "../ledger";
import type { Logger } from "../logger";

interface EditSession {
  userId: string;
  startedAt: Date;
  updates: number;
}

/**
 * Who changed each section. Reviewers may not approve a draft they helped write (separation
 * of duties), so every writer whose update changed the document is remembered until the
 * next store hands the list to `storeDraftSection`, which records it per section. Runs after
 * the content guard and the durable log, so refused updates never count. When a writer's
 * connection closes, the editing session (how many changes, from when to when) goes to the
 * audit log.
 */
export function attributionExtension(deps: { ledgers: DocumentLedgers; db: Db; logger: Logger }): Extension {
  const { ledgers, db, logger } = deps;
  // Hocuspocus gives each connection to a document its own context object, so it identifies the session.
  const sessions = new WeakMap<object, EditSession>();

  return {
    extensionName: "attribution",

    async beforeSync({ connection, document, type, payload, context }) {
      if (!carriesUpdate(type) || connection.readOnly) return;
      const user = collabUserOf(context);
      if (!user || !carriesChanges(document, payload)) return;
      ledgers.for(document).addEditor(user.id);
      if (typeof context !== "object" || context === null) return;
      const session = sessions.get(context) ?? { userId: user.id, startedAt: new Date(), updates: 0 };
      session.updates += 1;
      sessions.set(context, session);
    },

    async onDisconnect({ documentName, context }) {
      if (typeof context !== "object" || context === null) return;
      const session = sessions.get(context);
      sessions.delete(context);
      const ref = parseCollabDocumentName(documentName);
      if (!session || !ref) return;
      try {
        await recordAudit(db, {
          actorId: session.userId,
          action: "proposal.edit_session",
          targetType: "proposal",
          targetId: ref.proposalId,
          data: { sectionId: ref.sectionId, updates: session.updates, startedAt: session.startedAt.toISOString(), endedAt: new Date().toISOString() },
        });
      } catch (error) {
        // The edits themselves are stored by persistence; a lost session record is logged, not fatal.
        logger.error("audit.edit_session_failed", { documentName, error: error instanceof Error ? error.message : String(error) });
      }
    },
  };
}
