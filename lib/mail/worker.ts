import type { Db } from "../db/client";
import { composeDailyDigests } from "../services/mail/compose-daily-digests";
import { DELIVERY_BATCH_SIZE, deliverDueEmails, type DeliveryReport } from "../services/mail/deliver-due-emails";
import { purgeExpiredSubscriptions } from "../services/mail/purge-expired-subscriptions";
import type { MailConfig } from "./config";
import { createMailTransport, type MailTransport } from "./transport";

/**
 * The mail worker: runs in the collaboration server's process (lib/collab/main.ts), which
 * `npm start` runs once, which has no request to answer and stops on our own signal handling;
 * the web process may be several or restarted by Next at will. Any number of workers may run:
 * every row is claimed by compare-and-set (lib/services/mail/deliver-due-emails.ts).
 *
 * Each pass removes expired unconfirmed subscriptions, writes the daily digests that are due,
 * then sends due emails in batches until none is left; then it waits and polls again.
 */
export const MAIL_POLL_INTERVAL_MS = 5_000;

export type MailLogFields = Record<string, string | number | boolean | null | undefined>;
export interface MailLogger {
  info(event: string, fields?: MailLogFields): void;
  warn(event: string, fields?: MailLogFields): void;
  error(event: string, fields?: MailLogFields): void;
}

export interface MailPassReport {
  purged: number;
  digests: number;
  delivery: Omit<DeliveryReport, "errors">;
}

export interface MailWorker {
  /** Finishes the pass under way (if any) and stops; nothing claimed is left half done by us. */
  stop(): Promise<void>;
}

export function startMailWorker(options: {
  db: Db;
  config: MailConfig;
  logger: MailLogger;
  /** The clock: tests move it to make retries and digests due. */
  now?: () => Date;
  transport?: MailTransport;
  pollIntervalMs?: number;
  /** Called after every pass (tests wait on it rather than on time). */
  onPass?: (report: MailPassReport) => void;
}): MailWorker {
  const now = options.now ?? (() => new Date());
  const transport = options.transport ?? createMailTransport(options.config);
  const links = { baseUrl: options.config.baseUrl, tokenSecret: options.config.tokenSecret };
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();

  async function pass(): Promise<MailPassReport> {
    const purged = await purgeExpiredSubscriptions({ db: options.db, now: now() });
    const digests = await composeDailyDigests({ db: options.db, now: now() });
    const delivery = { claimed: 0, sent: 0, retried: 0, failed: 0, cancelled: 0 };
    for (;;) {
      const report = await deliverDueEmails({ db: options.db, transport, links, now });
      for (const error of report.errors) options.logger.warn("mail.send_failed", { id: error.id, error: error.message });
      delivery.claimed += report.claimed;
      delivery.sent += report.sent;
      delivery.retried += report.retried;
      delivery.failed += report.failed;
      delivery.cancelled += report.cancelled;
      if (stopped || report.claimed < DELIVERY_BATCH_SIZE) break;
    }
    return { purged, digests, delivery };
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      current = pass()
        .then((report) => {
          if (report.delivery.claimed > 0 || report.digests > 0 || report.purged > 0) options.logger.info("mail.pass", { ...report.delivery, digests: report.digests, purged: report.purged });
          options.onPass?.(report);
        })
        .catch((error: unknown) => options.logger.error("mail.pass_failed", { error: error instanceof Error ? error.message : String(error) }))
        .finally(() => schedule(options.pollIntervalMs ?? MAIL_POLL_INTERVAL_MS));
    }, delayMs);
  }

  schedule(0);
  options.logger.info("mail.worker_started", { from: options.config.from });
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      transport.close();
    },
  };
}
