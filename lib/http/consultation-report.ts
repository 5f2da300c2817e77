import { consultationReportHtml, consultationReportPdf, type ConsultationReport, type ReportFormat } from "../services/consultation/consultation-report";
import { csvDocument } from "./csv";

/**
 * The consultation report as a download. Answers may still change until the proposal is
 * published, so the file is never cached as immutable; CSV goes through the spreadsheet-safe
 * writer (formula prefixes, quoting, byte-order mark).
 */
export async function consultationReportResponse(report: ConsultationReport, format: ReportFormat): Promise<Response> {
  const headers = new Headers({ "cache-control": "no-store", "content-disposition": `attachment; filename="${report.fileBase}.${format}"` });
  if (format === "csv") {
    headers.set("content-type", "text/csv; charset=utf-8");
    return new Response(csvDocument(report.columns, report.rows), { headers });
  }
  if (format === "pdf") {
    headers.set("content-type", "application/pdf");
    return new Response(await consultationReportPdf(report), { headers });
  }
  headers.set("content-type", "text/html; charset=utf-8");
  return new Response(consultationReportHtml(report), { headers });
}
