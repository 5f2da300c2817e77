import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client";
import type { OutboundEmailStatus } from "../../db/enums";
import { retryWhileBusy } from "../../db/transaction";
import { MAX_DELIVERY_ATTEMPTS, confirmationCutoff, retryDelayMs, type EmailDelivery } from "../../domain/email-delivery";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../../i18n/locales";
import { OUTBOUND_STATUS, parseOutboundEmail, type OutboundEmailContent } from "../../mail/outbound";
import { composeEmail, type LinkSettings, type MailRecipient } from "../../mail/templates";
import { describeSendFailure, type MailTransport } from "../../mail/transport";
import { subscriptionTarget } from "./subscription-target";

/**
 * How long a claim holds. A worker that claimed a row and then died (crash, kill, power loss)
 * leaves it SENDING; after this long another worker takes it over. Far longer than one send can
 * take (lib/mail/transport.ts bounds it to well under two minutes), so a live send is never
 * taken over.
 */
export const CLAIM_LEASE_MS = 10 * 60_000;
/** Rows one pass claims at most; the worker runs passes back to back while they come back full. */
export const DELIVERY_BATCH_SIZE = 25;
/** Longest error text kept on a row: enough for the SMTP server's answer. */
const MAX_ERROR_LENGTH = 1_000;

export interface DeliveryReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
  errors: { id: string; message: string }[];
}

type Row = NonNullable<Awaited<ReturnType<typeof loadClaimed>>>;

function dueWhere(now: Date) {
  return {
    OR: [
      { status: OUTBOUND_STATUS.pending, nextAttemptAt: { lte: now } },
      { status: OUTBOUND_STATUS.sending, claimedAt: { lt: new Date(now.getTime() - CLAIM_LEASE_MS) } },
    ],
  };
}

function loadClaimed(db: Db, id: string) {
  return db.outboundEmail.findUnique({ where: { id }, include: { user: true, subscription: true, registration: true } });
}

/**
 * One pass of the outbox: claims due rows one by one with a compare-and-set (an UPDATE whose
 * WHERE still requires the row to be due, so of two workers exactly one gets each row), sends
 * each, and records the outcome against its claim. A failed send is retried with back-off, a
 * refusal for good (5xx) or too many attempts marks it failed, and a row whose recipient is gone
 * or opted out is cancelled. The only window for a duplicate is a crash after the SMTP server
 * accepted a message and before it was marked sent; the retry then carries the same Message-ID.
 */
export async function deliverDueEmails(options: {
  db: Db;
  transport: MailTransport;
  links: LinkSettings;
  now?: () => Date;
  batchSize?: number;
}): Promise<DeliveryReport> {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const report: DeliveryReport = { claimed: 0, sent: 0, retried: 0, failed: 0, cancelled: 0, errors: [] };
  const candidates = await db.outboundEmail.findMany({
    where: dueWhere(now()),
    orderBy: { nextAttemptAt: "asc" },
    take: options.batchSize ?? DELIVERY_BATCH_SIZE,
    select: { id: true },
  });
  const messageIdDomain = new URL(options.links.baseUrl).hostname;
  for (const { id } of candidates) {
    const claimToken = randomUUID();
    const claimedAt = now();
    const { count } = await retryWhileBusy(() =>
      db.outboundEmail.updateMany({
        where: { id, ...dueWhere(claimedAt) },
        data: { status: OUTBOUND_STATUS.sending, claimedAt, claimToken, attempts: { increment: 1 } },
      }),
    );
    if (count !== 1) continue;
    report.claimed += 1;
    const row = await loadClaimed(db, id);
    if (!row) continue;
    const settle = (data: { status: OutboundEmailStatus; lastError?: string | null; sentAt?: Date; nextAttemptAt?: Date }) =>
      retryWhileBusy(() => db.outboundEmail.updateMany({ where: { id, claimToken }, data: { ...data, claimToken: null } }));

    const content = parseOutboundEmail(row.kind, row.params);
    if (!content) {
      await settle({ status: OUTBOUND_STATUS.failed, lastError: "unreadable kind or parameters" });
      report.failed += 1;
      continue;
    }
    const recipient = await recipientFor(db, row, content, claimedAt);
    if (!recipient) {
      await settle({ status: OUTBOUND_STATUS.cancelled });
      report.cancelled += 1;
      continue;
    }
    try {
      const email = await composeEmail(content, recipient, options.links);
      await options.transport.send({ ...email, messageId: `<${row.id}@${messageIdDomain}>` });
      await settle({ status: OUTBOUND_STATUS.sent, sentAt: now(), lastError: null });
      report.sent += 1;
    } catch (error) {
      const failure = describeSendFailure(error);
      const lastError = failure.message.slice(0, MAX_ERROR_LENGTH);
      report.errors.push({ id, message: lastError });
      if (failure.permanent || row.attempts >= MAX_DELIVERY_ATTEMPTS) {
        await settle({ status: OUTBOUND_STATUS.failed, lastError });
        report.failed += 1;
      } else {
        await settle({ status: OUTBOUND_STATUS.pending, lastError, nextAttemptAt: new Date(now().getTime() + retryDelayMs(row.attempts)) });
        report.retried += 1;
      }
    }
  }
  return report;
}

function localeOf(value: string): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

/** Who receives the row now, in which language; null when nobody should (gone, opted out, unconfirmed, expired). */
async function recipientFor(db: Db, row: Row, content: OutboundEmailContent, now: Date): Promise<MailRecipient | null> {
  if (content.kind === "notification" || content.kind === "digest") {
    const user = row.user;
    if (!user || !user.active || user.emailDelivery === ("NONE" satisfies EmailDelivery)) return null;
    return { kind: "person", userId: user.id, email: user.email, locale: localeOf(user.locale) };
  }
  if (content.kind === "registration_confirmation") {
    const registration = row.registration;
    // Confirmed (the row is gone) or expired: nothing to send.
    if (!registration || registration.requestedAt < confirmationCutoff(now)) return null;
    return { kind: "registrant", registrationId: registration.id, email: registration.email, locale: localeOf(registration.locale) };
  }
  const subscription = row.subscription;
  if (!subscription) return null;
  if (content.kind === "subscription_confirmation" && (subscription.confirmedAt || subscription.requestedAt < confirmationCutoff(now))) return null;
  if (content.kind === "version_published" && !subscription.confirmedAt) return null;
  const target = await subscriptionTarget(db, subscription);
  return {
    kind: "subscriber",
    subscriptionId: subscription.id,
    email: subscription.email,
    locale: localeOf(subscription.locale),
    documentTitle: target.documentTitle,
    sectionTitle: target.sectionTitle,
  };
}
