import type { Extension } from "@hocuspocus/server";
import { collabUserOf } from "../context";
import type { Logger } from "../logger";

/** What happens to connections and documents, one line each (no content, no tokens). */
export function loggingExtension(deps: { logger: Logger }): Extension {
  const { logger } = deps;
  return {
    extensionName: "logging",

    async onListen({ port }) {
      logger.info("collab.listening", { port });
    },

    async connected({ documentName, context, connectionConfig, socketId }) {
      logger.info("connection.opened", {
        documentName,
        userId: collabUserOf(context)?.id,
        readOnly: connectionConfig.readOnly,
        socketId,
      });
    },

    async onDisconnect({ documentName, context, socketId, clientsCount }) {
      logger.info("connection.closed", { documentName, userId: collabUserOf(context)?.id, socketId, remaining: clientsCount });
    },

    async afterLoadDocument({ documentName }) {
      logger.debug("document.loaded", { documentName });
    },

    async onDestroy() {
      logger.info("collab.stopped");
    },
  };
}
