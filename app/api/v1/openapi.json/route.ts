import { apiRoute, json } from "@/lib/http/api";
import { publicBaseUrl } from "@/lib/http/base-url";
import { buildOpenApiDocument } from "@/lib/http/openapi/document";
import { isLocale, requestLocale } from "@/lib/i18n/locales";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 description of /api/v1, its words in `?lang=vi|en` (else the request's language). */
export const GET = apiRoute(async (request: Request) => {
  const lang = new URL(request.url).searchParams.get("lang");
  const locale = isLocale(lang) ? lang : requestLocale(request.headers);
  return json(buildOpenApiDocument({ locale, serverUrl: publicBaseUrl(request) }), {
    headers: { "cache-control": "public, max-age=300", "content-language": locale, vary: "accept-language, cookie" },
  });
});
