import { Server, type Extension } from "@hocuspocus/server";
import type { Db } from "../db/client";
import type { CollabConfig } from "./config";
import type { CollabContext } from "./context";
import { attributionExtension } from "./extensions/attribution";
import { authenticationExtension } from "./extensions/authentication";
import { barrierExtension } from "./extensions/barrier";
import { awarenessIdentityExtension } from "./extensions/awareness-identity";
import { contentGuardExtension } from "./extensions/content-guard";
import { DurableLog, durableLogExtension } from "./extensions/durable-log";
import { internalApiExtension } from "./extensions/internal-api";
import { DEFAULT_LIMITS, limitsExtension, type CollabLimits } from "./extensions/limits";
import { loggingExtension } from "./extensions/logging";
import { redisSyncExtension } from "./extensions/redis-sync";
import { SectionPersistence, STORE_DEBOUNCE_MS, STORE_MAX_DEBOUNCE_MS, type StoreSection } from "./extensions/persistence";
import { DocumentLedgers } from "./ledger";
import { createLogger, type Logger } from "./logger";
import { CollabMetrics } from "./metrics";

export interface CollabServerOptions extends CollabConfig {
  db: Db;
  logger?: Logger;
  /** Replaces `storeDraftSection`, so that tests can make stores fail for a while. */
  storeSection?: StoreSection;
  /** Lower limits let tests reach them with a few clients. */
  limits?: Partial<CollabLimits>;
}

export interface CollabServer {
  readonly server: Server<CollabContext>;
  readonly metrics: CollabMetrics;
  /** Starts listening; resolves with the port (useful with port 0). */
  listen(): Promise<number>;
  /** Closes every connection, stores every document and stops listening. */
  destroy(): Promise<void>;
}

/**
 * Hocuspocus runs hooks by descending priority. Listing the extensions here, in the order
 * their hooks must run, gives each a priority from its position: authentication decides
 * before limits count, the stored state loads before the log replays on top of it, and an
 * update is validated, then logged, then attributed.
 */
function inOrder(extensions: Extension[]): Extension[] {
  return extensions.map((extension, index) => ({ ...extension, priority: 1_000 - index * 10 }));
}

/**
 * The collaboration server: Hocuspocus with one extension per concern. Each section of a
 * proposal's draft is one Yjs document named by lib/domain/collab-names.ts.
 */
export function createCollabServer(options: CollabServerOptions): CollabServer {
  const logger = options.logger ?? createLogger("info");
  const metrics = new CollabMetrics();
  const ledgers = new DocumentLedgers();
  const log = new DurableLog(options.db);
  const limits: CollabLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const persistence = new SectionPersistence({ db: options.db, ledgers, log, logger, metrics, storeSection: options.storeSection });

  const server = new Server<CollabContext>({
    port: options.port,
    address: options.host,
    quiet: true,
    // Shutdown is handled by main.ts, which stores everything and bounds the time it takes.
    stopOnSignals: false,
    debounce: STORE_DEBOUNCE_MS,
    maxDebounce: STORE_MAX_DEBOUNCE_MS,
    websocketOptions: { maxPayload: limits.maxFrameBytes },
    extensions: inOrder([
      loggingExtension({ logger }),
      authenticationExtension({ db: options.db, tokenSecret: options.tokenSecret, allowedOrigins: options.allowedOrigins, logger }),
      limitsExtension(limits),
      awarenessIdentityExtension(),
      ...(options.redisUrl ? [redisSyncExtension({ redisUrl: options.redisUrl, instanceName: options.instanceName })] : []),
      persistence.extension(),
      contentGuardExtension({ ledgers, logger, metrics, maxDocumentBytes: limits.maxDocumentBytes }),
      durableLogExtension({ log, ledgers, logger, metrics, fanOutBeforeDurable: !options.redisUrl }),
      attributionExtension({ ledgers, db: options.db, logger }),
      internalApiExtension({ db: options.db, internalSecret: options.internalSecret, persistence, log, ledgers, logger, metrics }),
      barrierExtension({ logger }),
    ]),
  });

  return {
    server,
    metrics,
    async listen() {
      await server.listen();
      return server.address.port;
    },
    async destroy() {
      await server.destroy();
      await log.close();
    },
  };
}
