import { NextRequest } from "next/server";
import { requestClientAddress } from "../auth/request-address";
import { SIGN_IN_ERRORS, withinSignInLimits } from "../auth/sign-in";
import { sharedSignInThrottle } from "../auth/sign-in-throttle";
import { isAppError } from "../errors";
import { requestLocale } from "../i18n/locales";
import { errorResponse } from "./api";
import { publicBaseUrl } from "./base-url";
import { assertJsonIfDeclared, readBodyText } from "./body";

/**
 * The largest body next-auth is given: a sign-in form holds an email (254), a password (1,024),
 * a CSRF token and a callback URL (2,048), a few times over once form-encoded.
 */
export const MAX_AUTH_BODY_BYTES = 16 * 1024;

type AuthHandler<Context> = (request: NextRequest, context: Context) => Promise<Response>;

/** The sign-in page with a next-auth error code, as next-auth's own JSON answers carry it. */
function signInErrorUrl(request: Request, code: string): string {
  return `${publicBaseUrl(request)}/dang-nhap?error=${encodeURIComponent(code)}`;
}

/**
 * Wraps next-auth's POST handler: the body is read with a byte cap (413), and a credentials
 * sign-in that the throttle refuses is answered 429 with `Retry-After` before next-auth or the
 * password hash runs. The body shape stays next-auth's (`{"url": …?error=RateLimited}`), so its
 * client shows the refusal like any other sign-in error.
 */
export function guardAuthPost<Context>(handler: AuthHandler<Context>): AuthHandler<Context> {
  return async (request, context) => {
    let body: string;
    try {
      body = await readBodyText(request, MAX_AUTH_BODY_BYTES);
      // next-auth parses a JSON body itself and fails with 500 on a broken one.
      assertJsonIfDeclared(request.headers.get("content-type"), body);
    } catch (error) {
      if (isAppError(error)) return errorResponse(error, requestLocale(request.headers));
      throw error;
    }
    if (request.nextUrl.pathname.endsWith("/callback/credentials")) {
      const form = new URLSearchParams(body);
      const email = form.get("email") ?? "";
      const password = form.get("password") ?? "";
      if (withinSignInLimits(email, password) && email.trim() !== "") {
        const decision = await (await sharedSignInThrottle()).check(email, requestClientAddress(request.headers));
        if (!decision.allowed) {
          return Response.json(
            { url: signInErrorUrl(request, SIGN_IN_ERRORS.rateLimited), error: { code: "RATE_LIMITED", retryAfterSeconds: decision.retryAfterSeconds } },
            { status: 429, headers: { "retry-after": String(decision.retryAfterSeconds) } },
          );
        }
      }
    }
    const forwarded = new NextRequest(request.url, { method: request.method, headers: request.headers, body });
    return handler(forwarded, context);
  };
}
