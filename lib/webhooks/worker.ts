import type { Db } from "../db/client";
import { WEBHOOK_BATCH_SIZE, deliverDueWebhooks, type WebhookDeliveryReport } from "../services/webhooks/deliver-due-webhooks";

/**
 * The webhook worker: runs in the collaboration server's process (lib/collab/main.ts) beside the
 * mail worker, for the same reasons (one long-running process per instance, stopped by our own
 * signal handling). Any number may run: every delivery is claimed by compare-and-set
 * (lib/services/webhooks/deliver-due-webhooks.ts). The queue is the database, so a restart loses
 * nothing: what was due is sent by the next pass, and a claim of a killed worker is taken over
 * after its lease.
 */
/** A delivery reaches its receiver within a couple of seconds of its event; an idle poll is one indexed query. */
export const WEBHOOK_POLL_INTERVAL_MS = 2_000;

export type WebhookLogFields = Record<string, string | number | boolean | null | undefined>;
export interface WebhookLogger {
  info(event: string, fields?: WebhookLogFields): void;
  error(event: string, fields?: WebhookLogFields): void;
}

export interface WebhookWorker {
  /** Finishes the pass under way (if any) and stops. */
  stop(): Promise<void>;
}

export function startWebhookWorker(options: {
  db: Db;
  logger: WebhookLogger;
  now?: () => Date;
  pollIntervalMs?: number;
  onPass?: (report: WebhookDeliveryReport) => void;
}): WebhookWorker {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();

  async function pass(): Promise<WebhookDeliveryReport> {
    const total: WebhookDeliveryReport = { claimed: 0, delivered: 0, retried: 0, failed: 0 };
    for (;;) {
      const report = await deliverDueWebhooks({ db: options.db, now: options.now });
      total.claimed += report.claimed;
      total.delivered += report.delivered;
      total.retried += report.retried;
      total.failed += report.failed;
      if (stopped || report.claimed < WEBHOOK_BATCH_SIZE) return total;
    }
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      current = pass()
        .then((report) => {
          if (report.claimed > 0) options.logger.info("webhooks.pass", { ...report });
          options.onPass?.(report);
        })
        .catch((error: unknown) => options.logger.error("webhooks.pass_failed", { error: error instanceof Error ? error.message : String(error) }))
        .finally(() => schedule(options.pollIntervalMs ?? WEBHOOK_POLL_INTERVAL_MS));
    }, delayMs);
  }

  schedule(0);
  options.logger.info("webhooks.worker_started");
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
