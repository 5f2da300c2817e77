import { getRequestActor } from "@/lib/auth/current";
import { AppError } from "@/lib/errors";
import { apiRoute } from "@/lib/http/api";
import { consultationReportResponse } from "@/lib/http/consultation-report";
import { requestLocale } from "@/lib/i18n/locales";
import { publicBaseUrl } from "@/lib/http/base-url";
import { getConsultationReport, isReportFormat } from "@/lib/services/consultation/consultation-report";

export const dynamic = "force-dynamic";

/** `?format=html|csv|pdf` (html by default): the consultation report, public once the consultation opened. */
export const GET = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  const format = new URL(request.url).searchParams.get("format") ?? "html";
  if (!isReportFormat(format)) throw new AppError("BAD_REQUEST", "reportFormatInvalid");
  const locale = requestLocale(request.headers);
  const report = await getConsultationReport({ actor: await getRequestActor(request), proposalId: id, locale, baseUrl: publicBaseUrl(request) });
  return consultationReportResponse(report, format);
});
