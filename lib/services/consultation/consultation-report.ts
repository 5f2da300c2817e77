import { formatDateTime } from "../../i18n/format";
import { escapeHtml } from "../../domain/escape";
import type { Locale } from "../../i18n/locales";
import { messages } from "../../i18n/messages";
import type { PdfDocumentModel } from "../../pdf/model";
import { renderPdf } from "../../pdf/render";
import type { Actor } from "../../policies";
import { now as clockNow } from "../clock";
import { getConsultationView, type ConsultationCommentView, type ConsultationView } from "./consultation-view";

export const REPORT_FORMATS = ["html", "csv", "pdf"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * The consultation report (báo cáo tổng hợp, tiếp thu, giải trình ý kiến): every published
 * comment with its paragraph, disposition and reason, and the figures, in the reader's language.
 * One model, three files: HTML and PDF from here, CSV from the route (lib/http/csv.ts).
 */
export interface ConsultationReport {
  locale: Locale;
  title: string;
  proposalTitle: string;
  documentTitle: string;
  /** Label and value lines: the window, the figures, the published version. */
  facts: { label: string; value: string }[];
  columns: string[];
  rows: string[][];
  generatedAt: Date;
  /** Where the report is read online. */
  url: string;
  fileBase: string;
}

export function paragraphLabel(comment: ConsultationCommentView, locale: Locale): string {
  const t = messages(locale).consultation;
  if (comment.anchor.kind === "proposal" || comment.place.sectionTitle === null) return t.wholeProposal;
  const excerpt = comment.place.excerpt ? `: “${comment.place.excerpt}”` : "";
  return `${t.section} ${comment.place.sectionTitle}${excerpt}`;
}

export function consultationReportModel(view: ConsultationView, locale: Locale, baseUrl: string, generatedAt: Date): ConsultationReport {
  const t = messages(locale).consultation;
  const f = view.figures;
  const facts = [
    { label: t.window, value: `${formatDateTime(view.consultation.opensAt, locale)} – ${formatDateTime(view.consultation.closesAt, locale)}` },
    { label: t.proposalBy, value: view.proposal.organizationName },
    { label: t.figureReceived, value: String(f.received) },
    { label: t.figureConsidered, value: String(f.considered) },
    { label: t.figureCommenters, value: String(f.commenters) },
    { label: t.figureAnswered, value: String(f.answered) },
    { label: t.figureUnanswered, value: String(f.unanswered) },
    ...(["accepted", "partly_accepted", "not_accepted", "explained"] as const).map((disposition) => ({ label: t.dispositions[disposition], value: String(f.byDisposition[disposition]) })),
    { label: t.figurePending, value: String(f.pending) },
    { label: t.figureHidden, value: String(f.hidden) },
  ];
  if (view.proposal.publishedVersion) facts.push({ label: t.reportOnVersion, value: t.reportVersion({ version: view.proposal.publishedVersion.number }) });
  const c = t.columns;
  return {
    locale,
    title: t.reportHeading,
    proposalTitle: view.proposal.title,
    documentTitle: view.proposal.document.title,
    facts,
    columns: [c.number, c.commenter, c.paragraph, c.comment, c.disposition, c.reason, c.date],
    rows: view.published.map((comment, index) => [
      String(index + 1),
      comment.author.name,
      paragraphLabel(comment, locale),
      comment.body,
      comment.answer ? t.dispositions[comment.answer.disposition] : t.noAnswer,
      comment.answer?.reason ?? "",
      formatDateTime(comment.createdAt, locale),
    ]),
    generatedAt,
    url: new URL(`/${encodeURIComponent(view.proposal.document.slug)}/gop-y/${encodeURIComponent(view.proposal.id)}`, baseUrl).toString(),
    fileBase: `bao-cao-gop-y-${view.proposal.id}`,
  };
}

/** Reads the consultation (public once opened) and builds its report. */
export async function getConsultationReport(options: { actor: Actor | null; proposalId: string; locale: Locale; baseUrl: string; now?: Date }): Promise<ConsultationReport> {
  const now = options.now ?? clockNow();
  const view = await getConsultationView({ actor: options.actor, proposalId: options.proposalId, now });
  return consultationReportModel(view, options.locale, options.baseUrl, now);
}

/** A standalone HTML file: no script, no external resource, every text escaped. */
export function consultationReportHtml(report: ConsultationReport): string {
  const t = messages(report.locale).consultation;
  const facts = report.facts.map((fact) => `<tr><th scope="row">${escapeHtml(fact.label)}</th><td>${escapeHtml(fact.value)}</td></tr>`).join("\n");
  const head = report.columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join("");
  const rows = report.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell).replace(/\n/g, "<br>")}</td>`).join("")}</tr>`).join("\n");
  return `<!doctype html>
<html lang="${report.locale}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${report.title} — ${report.proposalTitle}`)}</title>
<style>body{font-family:"Be Vietnam Pro",system-ui,sans-serif;line-height:1.6;margin:2rem;max-width:75rem}table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #999;padding:.4rem;text-align:left;vertical-align:top}</style>
</head>
<body>
<h1>${escapeHtml(report.title)}</h1>
<p>${escapeHtml(report.documentTitle)}</p>
<p><strong>${escapeHtml(t.reportFor({ title: report.proposalTitle }))}</strong></p>
<h2>${escapeHtml(t.figures)}</h2>
<table>
${facts}
</table>
<table>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p>${escapeHtml(t.reportGenerated({ at: formatDateTime(report.generatedAt, report.locale) }))} <a href="${escapeHtml(report.url)}">${escapeHtml(report.url)}</a></p>
</body>
</html>
`;
}

/** The same report as a PDF, through the product's PDF machinery (lib/pdf, Be Vietnam Pro). */
export function consultationReportPdf(report: ConsultationReport): Promise<Buffer<ArrayBuffer>> {
  const t = messages(report.locale).consultation;
  const pdf = messages(report.locale).pdf;
  const model: PdfDocumentModel = {
    language: report.locale,
    title: report.title,
    subtitle: t.reportFor({ title: report.proposalTitle }),
    facts: [{ label: report.documentTitle, value: report.url, link: report.url }],
    note: t.reportGenerated({ at: formatDateTime(report.generatedAt, report.locale) }),
    running: { header: report.title, footerLines: [{ text: report.proposalTitle }, { text: report.url, link: report.url }], qrCode: report.url },
    pageLabel: (page, total) => pdf.pageOf({ page, total }),
    contentsTitle: null,
    sections: [
      { title: t.figures, body: { kind: "table", columns: ["", ""], rows: report.facts.map((fact) => [fact.label, fact.value]) } },
      { title: t.commentsHeading({ count: report.rows.length }), body: { kind: "table", columns: report.columns, rows: report.rows } },
    ],
    info: {
      title: `${report.title} — ${report.proposalTitle}`,
      subject: report.proposalTitle,
      creator: pdf.producedBy,
      date: report.generatedAt,
      fileIdentity: [report.url, report.locale, report.generatedAt.toISOString(), ...report.rows.flat()].join("\n"),
    },
  };
  return renderPdf(model);
}
