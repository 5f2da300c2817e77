import type { z } from "zod";
import { AppError, errorBody, httpStatusFor, isAppError } from "../errors";
import { DEFAULT_LOCALE, isLocale, LOCALES, requestLocale, type Locale } from "../i18n/locales";
import { messages } from "../i18n/messages";
import { boundedRequest, readBodyText } from "./body";
import { inputIssues } from "../domain/input-issues";

/**
 * Route-handler plumbing shared by every API route: one place maps AppError codes to HTTP
 * statuses and JSON bodies `{"error": {"code", "message"}}`, and no stack trace reaches a client.
 */

/** Largest JSON body the API reads: a whole section's content with headroom. */
export const MAX_JSON_BODY_BYTES = 4 * 1024 * 1024;

export function json(data: unknown, init: ResponseInit = {}): Response {
  return Response.json(data, init);
}

/** The error as JSON in the request's language (lib/i18n/locales.ts `requestLocale`). */
export function errorResponse(error: unknown, locale: Locale = DEFAULT_LOCALE): Response {
  if (isAppError(error)) {
    const headers = new Headers();
    const retryAfter = retryAfterOf(error);
    if (retryAfter !== null) headers.set("retry-after", String(retryAfter));
    return Response.json(errorBody(error, locale), { status: httpStatusFor(error.code), headers });
  }
  console.error("[api] unexpected error", error);
  return Response.json({ error: { code: "INTERNAL", message: messages(locale).errors.internal() } }, { status: 500 });
}

/** Seconds a rate-limited client should wait (RATE_LIMITED errors carry them in their details). */
function retryAfterOf(error: { code: string; details: unknown }): number | null {
  if (error.code !== "RATE_LIMITED" || typeof error.details !== "object" || error.details === null) return null;
  const seconds: unknown = (error.details as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof seconds === "number" && Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : null;
}

type Handler<Context> = (request: Request, context: Context) => Promise<Response>;

export function apiRoute<Context>(handler: Handler<Context>): Handler<Context> {
  return async (request, context) => {
    try {
      if (!isStateChanging(request)) return await handler(request, context);
      assertSameOriginForCookieWrites(request);
      // The body is read with the cap before the route's own code, whether the route reads it or not.
      return await handler(await boundedRequest(request, MAX_JSON_BODY_BYTES), context);
    } catch (error) {
      return errorResponse(error, requestLocale(request.headers));
    }
  };
}

function isStateChanging(request: Request): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(request.method);
}

/**
 * Route handlers have no CSRF protection of their own. Requests authenticated by a Bearer token
 * cannot be forged by a browser; cookie-authenticated writes must come from our own origin.
 */
export function assertSameOriginForCookieWrites(request: Request): void {
  if (request.headers.get("authorization")) return;
  const origin = request.headers.get("origin");
  if (!origin) {
    // Browsers always send Origin on cross-site POST/PUT/DELETE; its absence means a non-browser client.
    return;
  }
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("FORBIDDEN", "invalidOrigin");
  }
  if (!host || originHost !== host) {
    throw new AppError("FORBIDDEN", "crossOrigin");
  }
}

export async function readJson<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.infer<Schema>> {
  const text = await readBodyText(request, MAX_JSON_BODY_BYTES);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "malformedJson");
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issues = inputIssues(result.error);
    throw new AppError("BAD_REQUEST", "invalidInput", { issues }, { issues });
  }
  return result.data;
}

/** Like readJson, for bodies that may be left out entirely: an empty body reads as `{}`. */
export async function readOptionalJson<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.infer<Schema>> {
  const text = await readBodyText(request, MAX_JSON_BODY_BYTES);
  if (text.trim() === "") {
    const result = schema.safeParse({});
    if (result.success) return result.data;
  }
  return readJson(new Request(request.url, { method: "POST", body: text }), schema);
}

/**
 * The language asked for with `?lang=` (vi | en), or Vietnamese when none is given. Taken from the
 * address, not from headers, so a shared cache keyed on the address serves each language its own copy.
 */
export function parseLangParameter(url: URL): Locale {
  const lang = url.searchParams.get("lang");
  if (lang === null) return DEFAULT_LOCALE;
  if (!isLocale(lang)) throw new AppError("BAD_REQUEST", "languageParameter", { name: "lang", allowed: LOCALES.join(", ") });
  return lang;
}

export function parsePositiveInt(value: string | null | undefined, name: string): number {
  if (value === null || value === undefined || !/^[1-9][0-9]{0,8}$/.test(value)) {
    throw new AppError("BAD_REQUEST", "positiveInteger", { name });
  }
  return Number(value);
}

/**
 * The current text changes only when a version is published. Shared caches (nginx's micro-cache)
 * may answer from their copy for this long, so a publish shows within about a second, and keep
 * serving it while they fetch the new one in the background for STALE_WHILE_REVALIDATE_SECONDS;
 * browsers revalidate every time (max-age=0) and get a 304 while the ETag holds.
 */
export const CURRENT_TEXT_SHARED_MAX_AGE_SECONDS = 1;
export const STALE_WHILE_REVALIDATE_SECONDS = 30;
export const CURRENT_TEXT_CACHE_CONTROL = `public, max-age=0, s-maxage=${CURRENT_TEXT_SHARED_MAX_AGE_SECONDS}, stale-while-revalidate=${STALE_WHILE_REVALIDATE_SECONDS}`;
/** A published version never changes: a year, the longest RFC 9111 suggests, marked immutable. */
export const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";

/** Whether an If-None-Match header names `etag` (or `*`). */
export function ifNoneMatchHolds(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const value = tag.trim();
    return value === "*" || value === etag;
  });
}

/**
 * A JSON body already serialized, with its strong entity tag (`"…"`, the digest of the bytes):
 * 304 when the client holds it. `immutable` for a published version's own address, else the
 * current text's short shared lifetime.
 */
export function cachedJsonBody(request: Request, body: { body: string; bytes?: Uint8Array; etag: string }, options: { immutable: boolean }): Response {
  const headers = {
    etag: body.etag,
    "cache-control": options.immutable ? IMMUTABLE_CACHE_CONTROL : CURRENT_TEXT_CACHE_CONTROL,
    "content-type": "application/json",
  };
  if (ifNoneMatchHolds(request.headers.get("if-none-match"), body.etag)) return new Response(null, { status: 304, headers });
  return new Response((body.bytes as BodyInit | undefined) ?? body.body, { headers });
}
