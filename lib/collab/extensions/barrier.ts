import type { Extension } from "@hocuspocus/server";
import type { Logger } from "../logger";

/** A client asks with the stateless message `barrier:<token>`… */
export const BARRIER_PREFIX = "barrier:";
/** …and the server answers `barrier-handled:<token>` on that same connection. */
export const BARRIER_ANSWER_PREFIX = "barrier-handled:";
/**
 * Longest token accepted. A token only has to tell one barrier of a connection from another
 * (a counter, a UUID); the cap keeps the answer as small as the question is allowed to be.
 */
export const MAX_BARRIER_TOKEN_LENGTH = 64;
const BARRIER_TOKEN = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_BARRIER_TOKEN_LENGTH}}$`);

export function barrierMessage(token: string): string {
  if (!BARRIER_TOKEN.test(token)) throw new Error(`a barrier token is 1 to ${MAX_BARRIER_TOKEN_LENGTH} letters, digits, "-" or "_"`);
  return `${BARRIER_PREFIX}${token}`;
}

/** The token a stateless message answers, or null when it is not a barrier's answer. */
export function barrierAnswerToken(payload: string): string | null {
  return payload.startsWith(BARRIER_ANSWER_PREFIX) ? payload.slice(BARRIER_ANSWER_PREFIX.length) : null;
}

/**
 * A barrier, so that a test (or a client) can learn that the server has judged everything a
 * connection sent before without sleeping: Hocuspocus handles one connection's messages one at
 * a time, in order, so when this handler runs, every earlier update of that connection has
 * been applied, dropped (read-only) or refused (the content guard closes the connection, and
 * then no answer comes). Before answering, the document's batched broadcasts are flushed, so
 * anything those earlier messages changed has already been sent to every other connection of
 * this instance; a barrier then sent by one of them comes back after it.
 *
 * The answer goes only to the sender and changes nothing: a read-only connection may use it as
 * freely as a writer. Only authenticated connections reach this hook (Hocuspocus queues an
 * unauthenticated document's messages and drops them when authentication fails). A malformed
 * token (empty, too long, other characters) is ignored and logged.
 */
export function barrierExtension(deps: { logger: Logger }): Extension {
  const { logger } = deps;
  return {
    extensionName: "barrier",

    async onStateless({ connection, document, documentName, payload }) {
      if (!payload.startsWith(BARRIER_PREFIX)) return;
      const token = payload.slice(BARRIER_PREFIX.length);
      if (!BARRIER_TOKEN.test(token)) {
        logger.debug("barrier.ignored", { documentName: documentName.slice(0, 200), tokenLength: token.length });
        return;
      }
      document.flush();
      connection.sendStateless(`${BARRIER_ANSWER_PREFIX}${token}`);
    },
  };
}
