import { DEFAULT_LOCALE, type Locale } from "./i18n/locales";
import { messages, type Messages } from "./i18n/messages";

/**
 * One error type with stable codes. Services throw it; route handlers, server actions and
 * pages map the code to an HTTP status in one place (httpStatusFor). A user sees the message,
 * never a stack trace.
 *
 * The message is a key of the catalog's `errors` namespace plus its parameters, rendered in the
 * reader's language where it is shown (`renderErrorMessage`):
 * `new AppError("NOT_FOUND", "proposalNotFound")`, `new AppError("FORBIDDEN", "forbiddenAction", { action })`.
 * There is no overload taking a sentence: lib/ops/one-catalog.test.ts keeps it from coming back.
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
  LENGTH_REQUIRED: 411,
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
  readonly messageKey: Key;
  readonly messageParams: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, key: Key, ...[params, details]: ErrorArguments<Key>) {
    // The types admit only catalog keys; this keeps a cast or plain JavaScript from smuggling a sentence in.
    if (!isErrorMessageKey(key)) throw new TypeError(`AppError needs a key of lib/i18n/vi/errors.ts, not ${JSON.stringify(key)}`);
    const messageParams = params as Record<string, unknown> | undefined;
    // `message` is the Vietnamese text, for logs and for callers that never learn the reader's language.
    super(render(key, messageParams, DEFAULT_LOCALE));
    this.name = "AppError";
    this.code = code;
    this.messageKey = key;
    this.messageParams = messageParams;
    this.details = details;
  }
}

export function isErrorMessageKey(value: unknown): value is ErrorMessageKey {
  return typeof value === "string" && Object.hasOwn(messages(DEFAULT_LOCALE).errors, value);
}

/**
 * An error another process of ours sent as JSON (`errorBody` with its key and parameters), rebuilt
 * so that it is rendered in the reader's language here too. Null when the key is not one of ours.
 */
export function relayedError(code: ErrorCode, key: unknown, params: unknown, details: unknown): AppError | null {
  if (!isErrorMessageKey(key)) return null;
  // The key was checked above; its parameters were built by the sender against the same catalog.
  return Reflect.construct(AppError, [code, key, params, details]) as AppError;
}

function render(key: ErrorMessageKey, params: Record<string, unknown> | undefined, locale: Locale): string {
  const text = messages(locale).errors[key] as (params: Record<string, unknown> | undefined) => string;
  return text(params);
}

/** The error's message in the reader's language. */
export function renderErrorMessage(error: AppError, locale: Locale): string {
  return render(error.messageKey, error.messageParams, locale);
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
