import type { Extension } from "@hocuspocus/server";
import { collabUserOf } from "../context";
import { carriesChanges, carriesUpdate } from "../incoming";
import type { DocumentLedgers } from "../ledger";

/**
 * Who changed each section. Reviewers may not approve a draft they helped write (separation
 * of duties), so every writer whose update changed the document is remembered until the
 * next store hands the list to `storeDraftSection`, which records it per section. Runs after
 * the content guard and the durable log, so refused updates never count.
 */
export function attributionExtension(deps: { ledgers: DocumentLedgers }): Extension {
  const { ledgers } = deps;
  return {
    extensionName: "attribution",

    async beforeSync({ connection, document, type, payload, context }) {
      if (!carriesUpdate(type) || connection.readOnly) return;
      const user = collabUserOf(context);
      if (!user || !carriesChanges(document, payload)) return;
      ledgers.for(document).addEditor(user.id);
    },
  };
}
