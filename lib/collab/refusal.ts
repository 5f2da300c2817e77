/**
 * Why the server refuses a connection or a message. Hocuspocus sends `reason` to the client
 * (authentication failures arrive as `onAuthenticationFailed({ reason })`) and, for a
 * message refused after authentication, closes the document connection with `code`.
 */
export type RefusalReason =
  | "invalid-document"
  | "origin-not-allowed"
  | "invalid-token"
  | "token-expired"
  | "wrong-document"
  | "unknown-user"
  | "not-found"
  | "forbidden"
  | "too-many-connections"
  | "too-many-documents"
  | "invalid-content"
  | "document-too-large"
  | "malformed-update";

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

export class CollabRefusal extends Error {
  readonly reason: RefusalReason;
  readonly code: number;

  constructor(reason: RefusalReason, message: string) {
    super(message);
    this.name = "CollabRefusal";
    this.reason = reason;
    this.code = REFUSAL_CLOSE_CODES[reason];
  }
}
