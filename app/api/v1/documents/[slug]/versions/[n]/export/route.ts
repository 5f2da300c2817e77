import { publicBaseUrl } from "@/lib/http/base-url";
import { apiRoute, parsePositiveInt } from "@/lib/http/api";
import { isLocale } from "@/lib/i18n/locales";
import { exportVersion } from "@/lib/services/history/export-version";

export const dynamic = "force-dynamic";

/** `?format=md|html` (md by default), `&lang=vi|en` for the HTML page's labels; served as a download. */
export const GET = apiRoute<{ params: Promise<{ slug: string; n: string }> }>(async (request, { params }) => {
  const { slug, n } = await params;
  const url = new URL(request.url);
  const lang = url.searchParams.get("lang");
  const file = await exportVersion({
    slug,
    versionNumber: parsePositiveInt(n, "n"),
    format: url.searchParams.get("format") ?? "md",
    locale: isLocale(lang) ? lang : "vi",
    baseUrl: publicBaseUrl(request),
  });
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
    },
  });
});
