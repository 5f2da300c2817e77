import { verifier as en } from "./en/verifier";
import type { Locale } from "./locales";
import { verifier as vi } from "./vi/verifier";
import type { Messages } from "./vi";

/**
 * The verifier's words in every language, without the rest of the catalog: what the browser
 * bundles for the /kiem-chung page (saved to disk, it still speaks both languages) and for the
 * version pages' "Đã kiểm chứng" badge. The same objects as messages(locale).verifier.
 */
export type VerifierMessages = Messages["verifier"];
export const VERIFIER_MESSAGES: Record<Locale, VerifierMessages> = { vi, en };
export type VerifierReason = keyof VerifierMessages["reasons"];

export function isVerifierReason(reason: string): reason is VerifierReason {
  return Object.prototype.hasOwnProperty.call(vi.reasons, reason);
}
