import { z } from "zod";
import { getDb, type Db, type DbOrTx } from "../../db/client";
import { headVersion } from "../../db/documents";
import { loadVersionPlacements } from "../../db/version-sections";
import { isUniqueViolation } from "../../db/errors";
import { runTransaction } from "../../db/transaction";
import { AppError } from "../../errors";
import type { Locale } from "../../i18n/locales";
import { isMailEnabled } from "../../mail/config";
import { OUTBOUND_STATUS, outboundColumns } from "../../mail/outbound";
import { allowSubscriptionRequest } from "./subscription-rate-limit";
import { subscriptionTarget } from "./subscription-target";

/** RFC 5321's limit on an address's length. */
const MAX_EMAIL_LENGTH = 254;

export const subscribeInput = z.object({
  email: z.string().trim().toLowerCase().max(MAX_EMAIL_LENGTH).pipe(z.email()),
  documentSlug: z.string().min(1).max(200),
  /** A section of the document to follow alone; absent for the whole document. */
  sectionSlug: z.string().min(1).max(200).optional(),
});

/**
 * Anyone, with no account, asks for an email whenever a document or one of its sections has a
 * new version. Nothing is followed until the address confirms (double opt-in): this writes an
 * unconfirmed subscription and queues the confirmation email in one transaction. The answer is
 * the same whether the address was new, waiting or already confirmed, so that it tells a
 * stranger nothing about whose address is subscribed.
 */
export async function subscribeByEmail(options: {
  input: { email: string; documentSlug: string; sectionSlug?: string };
  locale: Locale;
  clientAddress: string;
  now?: Date;
  db?: Db;
}): Promise<void> {
  if (!isMailEnabled()) throw new AppError("UNAVAILABLE", "mailDisabled");
  const parsed = subscribeInput.safeParse(options.input);
  if (!parsed.success) {
    const emailInvalid = parsed.error.issues.some((issue) => issue.path[0] === "email");
    throw new AppError("BAD_REQUEST", emailInvalid ? "invalidEmail" : "subscriptionTargetNotFound");
  }
  const { email, documentSlug, sectionSlug } = parsed.data;
  const db = options.db ?? (await getDb());
  const now = options.now ?? new Date();
  const document = await db.document.findUnique({ where: { slug: documentSlug } });
  if (!document) throw new AppError("NOT_FOUND", "subscriptionTargetNotFound");
  let sectionId = "";
  if (sectionSlug !== undefined) {
    const head = await headVersion(db, document.id);
    const section = await db.section.findUnique({ where: { documentId_slug: { documentId: document.id, slug: sectionSlug } } });
    const current = head && section ? (await loadVersionPlacements(db, head.id)).find((row) => row.sectionId === section.id) : undefined;
    if (!section || !current) throw new AppError("NOT_FOUND", "subscriptionTargetNotFound");
    sectionId = section.id;
  }
  if (!(await allowSubscriptionRequest({ email, clientAddress: options.clientAddress }))) throw new AppError("RATE_LIMITED", "tooManySubscriptionRequests");

  try {
    await runTransaction(db, (tx) => writeSubscription(tx, { email, documentId: document.id, sectionId, locale: options.locale, now }));
  } catch (error) {
    // The same request a moment earlier created the row and queued its confirmation.
    if (!isUniqueViolation(error)) throw error;
  }
}

async function writeSubscription(tx: DbOrTx, input: { email: string; documentId: string; sectionId: string; locale: Locale; now: Date }): Promise<void> {
  const { email, documentId, sectionId, locale, now } = input;
  const key = { email_documentId_sectionId: { email, documentId, sectionId } };
  const existing = await tx.emailSubscription.findUnique({ where: key });
  if (existing?.confirmedAt) return;
  const subscription = existing
    ? await tx.emailSubscription.update({ where: { id: existing.id }, data: { requestedAt: now, locale } })
    : await tx.emailSubscription.create({ data: { email, documentId, sectionId, locale, requestedAt: now } });
  const target = await subscriptionTarget(tx, subscription);
  await tx.outboundEmail.create({
    data: {
      ...outboundColumns("subscription_confirmation", { documentTitle: target.documentTitle, sectionTitle: target.sectionTitle }),
      subscriptionId: subscription.id,
      status: OUTBOUND_STATUS.pending,
      nextAttemptAt: now,
    },
  });
}
