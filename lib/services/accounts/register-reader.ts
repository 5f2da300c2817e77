import { z } from "zod";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../../auth/password";
import { enforceRateLimit } from "../../auth/rate-limit";
import { getDb, type Db } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import { runTransaction } from "../../db/transaction";
import { AppError } from "../../errors";
import type { Locale } from "../../i18n/locales";
import { isMailEnabled } from "../../mail/config";
import { OUTBOUND_STATUS, outboundColumns } from "../../mail/outbound";
import { addressRateKey } from "../../domain/client-address";

/** RFC 5321's limit on an address's length. */
const MAX_EMAIL_LENGTH = 254;
/** Longest display name: a full Vietnamese name with titles, far below anything abusive. */
export const MAX_DISPLAY_NAME_LENGTH = 120;
/** Same cap as sign-in (lib/auth/sign-in.ts): a passphrase fits, a megabyte does not get hashed. */
const MAX_PASSWORD_LENGTH = 1_024;

export const registrationInput = z.object({
  name: z.string().trim().min(1).max(MAX_DISPLAY_NAME_LENGTH),
  email: z.string().trim().toLowerCase().max(MAX_EMAIL_LENGTH).pipe(z.email()),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
});

/**
 * Anyone may make a reader account (role READER) to comment in public consultations: name,
 * email, password. Nothing exists until the emailed link is followed (confirm-registration.ts);
 * this stores the request and queues the email in one transaction. The answer is the same
 * whether the address is new, waiting or already has an account, so it tells a stranger nothing.
 * Without email configured, registration is refused with a message that says so.
 */
export async function registerReader(options: { input: z.input<typeof registrationInput>; locale: Locale; clientAddress: string; now?: Date; db?: Db }): Promise<void> {
  if (!isMailEnabled()) throw new AppError("UNAVAILABLE", "registrationMailDisabled");
  const parsed = registrationInput.safeParse(options.input);
  if (!parsed.success) {
    const emailInvalid = parsed.error.issues.some((issue) => issue.path[0] === "email");
    if (emailInvalid) throw new AppError("BAD_REQUEST", "invalidEmail");
    throw new AppError("BAD_REQUEST", "registrationInvalid", { minPassword: MIN_PASSWORD_LENGTH });
  }
  const { name, email, password } = parsed.data;
  await enforceRateLimit("registrationPerClient", `address:${addressRateKey(options.clientAddress)}`);
  await enforceRateLimit("registrationPerEmail", `email:${email}`);
  const db = options.db ?? (await getDb());
  const now = options.now ?? new Date();
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) return;
  const passwordHash = await hashPassword(password);
  try {
    await runTransaction(db, async (tx) => {
      const registration = await tx.readerRegistration.upsert({
        where: { email },
        create: { email, name, passwordHash, locale: options.locale, requestedAt: now },
        update: { name, passwordHash, locale: options.locale, requestedAt: now },
      });
      await tx.outboundEmail.create({
        data: { ...outboundColumns("registration_confirmation", { name }), registrationId: registration.id, status: OUTBOUND_STATUS.pending, nextAttemptAt: now },
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}
