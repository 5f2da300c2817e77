/**
 * Entry point of the collaboration server: `npx tsx lib/collab/main.ts` (or `npm run collab`).
 * Reads its settings from the environment (lib/collab/config.ts), serves until SIGTERM or
 * SIGINT, then stores every open document before leaving.
 */
import { disconnectDb, getDb } from "../db/client";
import { mailConfigFromEnv } from "../mail/config";
import { startMailWorker } from "../mail/worker";
import { startWebhookWorker } from "../webhooks/worker";
import { collabConfigFromEnv } from "./config";
import { createLogger, errorMessage, isLogLevel } from "./logger";
import { createCollabServer } from "./server";

/**
 * Longest a shutdown may take. Supervisors (npm start, systemd, Docker) wait ten seconds
 * before killing; leaving a second earlier keeps the exit ours. Whatever is still unstored
 * by then is in the durable log and replayed at the next start.
 */
const SHUTDOWN_TIMEOUT_MS = 9_000;

async function main(): Promise<void> {
  const level = process.env.COLLAB_LOG_LEVEL;
  const logger = createLogger(isLogLevel(level) ? level : "info");
  const config = collabConfigFromEnv();
  const db = await getDb();
  const collab = createCollabServer({ ...config, db, logger });
  // The outbox's worker lives here, beside the other long-running work (see lib/mail/worker.ts);
  // without SMTP_URL there is none, and nothing is queued for it.
  const mailConfig = mailConfigFromEnv();
  const mail = mailConfig ? startMailWorker({ db, config: mailConfig, logger }) : null;
  // Webhook deliveries (lib/webhooks/worker.ts): always on; with no endpoint registered nothing is queued.
  const webhooks = startWebhookWorker({ db, logger });

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info("collab.stopping", { signal });
    const deadline = setTimeout(() => {
      logger.error("collab.shutdown_timeout", { ms: SHUTDOWN_TIMEOUT_MS });
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    try {
      await Promise.all([collab.destroy(), mail?.stop(), webhooks.stop()]);
      await disconnectDb();
      clearTimeout(deadline);
      process.exit(0);
    } catch (error) {
      logger.error("collab.shutdown_failed", { error: errorMessage(error) });
      process.exit(1);
    }
  };
  // A background promise of some hook that fails must not end every open session; the error
  // is logged, and acknowledged edits are in the durable log whatever happens next.
  process.on("unhandledRejection", (reason) => logger.error("collab.unhandled_rejection", { error: errorMessage(reason) }));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));

  const port = await collab.listen();
  logger.info("collab.ready", { host: config.host, port });
}

main().catch((error: unknown) => {
  process.stderr.write(`Máy chủ cộng tác không khởi động được (collaboration server failed to start): ${errorMessage(error)}\n`);
  process.exit(1);
});
