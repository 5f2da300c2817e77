import { getDb } from "../db/client";
import { recordAudit } from "../services/audit";
import { DEMO_PASSWORD, demoAccountsAllowed, verifyPassword } from "./password";
import { signInLimiter as defaultLimiter, type SignInLimiter } from "./rate-limit";

export const SIGN_IN_ERRORS = {
  invalid: "Email hoặc mật khẩu không đúng.",
  rateLimited: "Quá nhiều lần đăng nhập sai. Hãy thử lại sau 15 phút.",
  demoDisabled: "Tài khoản mẫu bị tắt trên máy chủ chính thức.",
} as const;

export class SignInError extends Error {}

/**
 * Checks an email and password: throttled per account and per address, every failure written to
 * the audit log, demo passwords refused in production. Returns the person on success.
 */
export async function verifyCredentials(input: {
  email: string;
  password: string;
  address: string;
  limiter?: SignInLimiter;
}): Promise<{ id: string; email: string; name: string }> {
  const limiter = input.limiter ?? defaultLimiter;
  const email = input.email.trim().toLowerCase();
  if (!email || !input.password) throw new SignInError(SIGN_IN_ERRORS.invalid);
  if (limiter.isBlocked(email, input.address)) throw new SignInError(SIGN_IN_ERRORS.rateLimited);

  const db = await getDb();
  const user = await db.user.findUnique({ where: { email } });
  const valid = !!user && user.active && !!user.passwordHash && (await verifyPassword(user.passwordHash, input.password));
  if (!valid || !user) {
    limiter.recordFailure(email, input.address);
    await recordAudit(db, { actorId: user?.id ?? null, action: "auth.sign_in_failed", targetType: "user", targetId: email, data: { address: input.address } });
    throw new SignInError(SIGN_IN_ERRORS.invalid);
  }
  if (input.password === DEMO_PASSWORD && !demoAccountsAllowed()) throw new SignInError(SIGN_IN_ERRORS.demoDisabled);
  limiter.recordSuccess(email);
  await recordAudit(db, { actorId: user.id, action: "auth.sign_in", targetType: "user", targetId: user.id, data: { method: "credentials" } });
  return { id: user.id, email: user.email, name: user.name };
}
