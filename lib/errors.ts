import { DEFAULT_LOCALE, type Locale } from "./i18n/locales";
import { messages, type Messages } from "./i18n/messages";

/**
 * One error type with stable codes. Services throw it; route handlers, server actions and
 * pages map the code to an HTTP status in one place (httpStatusFor). A user sees the message,
 * never a stack trace.
 *
 * The message is a key of the catalog's `errors` namespace plus its parameters, rendered in the
 * reader's language where it is shown (`renderErrorMessage`): `new AppError("NOT_FOUND",
 * "proposalNotFound")`, `new AppError("FORBIDDEN", "forbiddenAction", { action })`.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  INVALID_CONTENT: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  POLICY_NOT_MET: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  MERGE_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

type ErrorTexts = Messages["errors"];
export type ErrorMessageKey = keyof ErrorTexts;
type ParamsOf<Key extends ErrorMessageKey> = Parameters<ErrorTexts[Key]>;
/** The parameters a message takes, then optional machine-readable details for API clients. */
type ErrorArguments<Key extends ErrorMessageKey> = ParamsOf<Key> extends []
  ? [params?: undefined, details?: unknown]
  : [params: ParamsOf<Key>[0], details?: unknown];

export class AppError<Key extends ErrorMessageKey = ErrorMessageKey> extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly messageKey: Key | null;
  readonly messageParams: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, key: Key, ...rest: ErrorArguments<Key>);
  /**
   * @deprecated A message that is not in the catalog cannot be shown in the reader's language;
   * use a key of lib/i18n/vi/errors.ts.
   */
  constructor(code: ErrorCode, legacyMessage: string, details?: unknown);
  constructor(code: ErrorCode, keyOrMessage: string, params?: unknown, details?: unknown) {
    const isKey = keyOrMessage in messages(DEFAULT_LOCALE).errors;
    const key = isKey ? (keyOrMessage as Key) : null;
    const messageParams = isKey ? (params as Record<string, unknown> | undefined) : undefined;
    super(key ? render(key, messageParams, DEFAULT_LOCALE) : keyOrMessage);
    this.name = "AppError";
    this.code = code;
    this.messageKey = key;
    this.messageParams = messageParams;
    this.details = isKey ? details : params;
  }
}

function render(key: ErrorMessageKey, params: Record<string, unknown> | undefined, locale: Locale): string {
  const text = messages(locale).errors[key] as (params: Record<string, unknown> | undefined) => string;
  return text(params);
}

/** The error's message in the reader's language. */
export function renderErrorMessage(error: AppError, locale: Locale): string {
  return error.messageKey ? render(error.messageKey, error.messageParams, locale) : error.message;
}

export function httpStatusFor(code: ErrorCode): number {
  return ERROR_STATUS[code];
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorBody(error: AppError, locale: Locale = DEFAULT_LOCALE): ErrorBody {
  const body: ErrorBody = { error: { code: error.code, message: renderErrorMessage(error, locale) } };
  if (error.details !== undefined) body.error.details = error.details;
  return body;
}
