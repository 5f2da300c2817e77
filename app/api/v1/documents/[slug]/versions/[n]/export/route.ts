import { publicBaseUrl } from "@/lib/http/base-url";
import { apiRoute, parsePositiveInt } from "@/lib/http/api";
import { downloadResponse } from "@/lib/http/download";
import { isLocale, requestLocale } from "@/lib/i18n/locales";
import { exportVersion } from "@/lib/services/history/export-version";

export const dynamic = "force-dynamic";

/**
 * `?format=md|html|pdf` (md by default), `&lang=vi|en` for the words of the HTML page and the
 * PDF (else the reader's language); served as a download that caches may keep for good.
 */
export const GET = apiRoute<{ params: Promise<{ slug: string; n: string }> }>(async (request, { params }) => {
  const { slug, n } = await params;
  const url = new URL(request.url);
  const lang = url.searchParams.get("lang");
  const file = await exportVersion({
    slug,
    versionNumber: parsePositiveInt(n, "n"),
    format: url.searchParams.get("format") ?? "md",
    locale: isLocale(lang) ? lang : requestLocale(request.headers),
    baseUrl: publicBaseUrl(request),
  });
  return downloadResponse(request, file, { languageFromHeaders: !isLocale(lang) });
});
