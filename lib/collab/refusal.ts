import { DEFAULT_LOCALE } from "../i18n/locales";
import { messages, type Messages } from "../i18n/messages";

/**
 * Why the server refuses a connection or a message. Hocuspocus sends `reason` to the client
 * (authentication failures arrive as `onAuthenticationFailed({ reason })`) and, for a
 * message refused after authentication, closes the document connection with `code`. The reasons
 * are the keys of the catalog's `collab.refusals`, whose words (with the refusal's parameters)
 * are the error's message.
 */
type RefusalTexts = Messages["collab"]["refusals"];
export type RefusalReason = keyof RefusalTexts;
type RefusalArguments<Reason extends RefusalReason> = Parameters<RefusalTexts[Reason]>;

/** Application close codes live in 4000-4999; these mirror the HTTP status they resemble. */
export const REFUSAL_CLOSE_CODES: Record<RefusalReason, number> = {
  "invalid-document": 4400,
  "origin-not-allowed": 4403,
  "invalid-token": 4401,
  "token-expired": 4401,
  "wrong-document": 4401,
  "unknown-user": 4401,
  "not-found": 4404,
  forbidden: 4403,
  "too-many-connections": 4429,
  "too-many-documents": 4429,
  "invalid-content": 4422,
  "document-too-large": 4413,
  "malformed-update": 4400,
};

export class CollabRefusal<Reason extends RefusalReason = RefusalReason> extends Error {
  readonly reason: Reason;
  readonly code: number;

  constructor(reason: Reason, ...params: RefusalArguments<Reason>) {
    // The message is for the server's logs, in the product's default language; the client gets `reason`.
    const text = messages(DEFAULT_LOCALE).collab.refusals[reason] as (...args: unknown[]) => string;
    super(text(...params));
    this.name = "CollabRefusal";
    this.reason = reason;
    this.code = REFUSAL_CLOSE_CODES[reason];
  }
}
