import { apiRoute } from "@/lib/http/api";
import { siteBaseUrl } from "@/lib/http/base-url";
import { requestNonce, verifierPageHtml } from "@/lib/http/verifier-page";
import { getLocale } from "@/lib/i18n/server";
import { readLogPolicy } from "@/lib/services/log/read-log";

export const dynamic = "force-dynamic";

/**
 * The static verification page (kiểm chứng): one self-contained HTML document, usable saved to
 * disk. Anyone may open it; it reads nothing private.
 */
export const GET = apiRoute(async (request) => {
  const html = verifierPageHtml({ locale: await getLocale(), nonce: requestNonce(request.headers), policy: readLogPolicy(), site: siteBaseUrl() });
  return new Response(html, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" } });
});
