import { AppError } from "../errors";
import { requestLocale } from "../i18n/locales";
import { SERVER_ACTION_BODY_LIMIT_BYTES } from "./action-body-limit.mjs";
import { errorResponse } from "./api";
import { assertJsonIfDeclared, readBodyBytes } from "./body";

/**
 * The answer to a server action post that next.config.js sends here instead of to Next's action
 * handler, which reads such a body up to `bodySizeLimit` and then fails with 500:
 * - a Content-Length over SERVER_ACTION_BODY_LIMIT_BYTES: 413 at once, nothing read;
 * - a chunked body (no length; the product's own pages always send one): read with the cap and
 *   answered 413 as soon as it passes it, or 411 if it ends within it, since Next's action
 *   handler is only ever given bodies whose length is known.
 * Either way no action runs and nothing changes.
 */
export async function refuseActionBody(request: Request): Promise<Response> {
  const locale = requestLocale(request.headers);
  try {
    const body = await readBodyBytes(request, SERVER_ACTION_BODY_LIMIT_BYTES);
    // Posted here directly: declared JSON is held to what every other write is (lib/http/body.ts).
    assertJsonIfDeclared(request.headers.get("content-type"), new TextDecoder().decode(body));
    throw new AppError("LENGTH_REQUIRED", "lengthRequired");
  } catch (error) {
    return errorResponse(error, locale);
  }
}

/** React's reply format: the form entries named by a number alone hold the arguments' JSON rows. */
const REPLY_ROW = /^[0-9]+$/;

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a server action post (`Next-Action` header) is well-formed enough for Next's decoder,
 * which answers 500 to a truncated or malformed one: a multipart body must parse as a form and
 * each of its JSON rows as JSON; any other body is one JSON row. Called by proxy.ts, which sees
 * every action post within the body limit (its matcher); the proxy's copy of the body is its own.
 * Gives the 400 answer to send, or null when the body is fine.
 */
export async function malformedActionBody(request: Request): Promise<Response | null> {
  const malformed = () => errorResponse(new AppError("BAD_REQUEST", "malformedJson"), requestLocale(request.headers));
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return malformed();
    }
    for (const [name, value] of form.entries()) {
      if (REPLY_ROW.test(name) && typeof value === "string" && !isJson(value)) return malformed();
    }
    return null;
  }
  return isJson(await request.text()) ? null : malformed();
}
