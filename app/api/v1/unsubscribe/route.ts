import { AppError } from "@/lib/errors";
import { apiRoute, json } from "@/lib/http/api";
import { unsubscribeByToken } from "@/lib/services/mail/unsubscribe-by-token";

export const dynamic = "force-dynamic";

/** Where the unsubscribe page lives; a browser that opens the List-Unsubscribe address lands there. */
const UNSUBSCRIBE_PAGE = "/nhan-tin/huy";

/** A relative Location (RFC 9110 allows it), so that it stays on whatever public host the request came through. */
function redirectToPage(token: string): Response {
  return new Response(null, { status: 303, headers: { location: `${UNSUBSCRIBE_PAGE}?${new URLSearchParams({ token })}` } });
}

/** A browser submitting the unsubscribe page's form, rather than a mail provider's one-click POST. */
function isBrowserNavigation(request: Request): boolean {
  return request.headers.get("sec-fetch-mode") === "navigate" || (request.headers.get("accept") ?? "").includes("text/html");
}

/**
 * RFC 8058 one-click unsubscribe: the address in every email's List-Unsubscribe header, with
 * List-Unsubscribe-Post. The signed token in the address is the only credential (no cookie, no
 * session), so a mail provider's POST works and nothing else is needed. A second POST is
 * harmless and answers the same.
 */
export const POST = apiRoute(async (request: Request) => {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const outcome = await unsubscribeByToken({ token });
  if (outcome.kind === "invalid") throw new AppError("BAD_REQUEST", "invalidMailLink");
  if (isBrowserNavigation(request)) return redirectToPage(token);
  return json({ unsubscribed: true, kind: outcome.kind });
});

/** Opening the List-Unsubscribe address in a browser shows the page that asks first. */
export const GET = apiRoute(async (request: Request) => {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return redirectToPage(token);
});
