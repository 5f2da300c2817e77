import type { Locale } from "@/lib/i18n/locales";
import { messages } from "@/lib/i18n/messages";
import { PdfDownloadLink } from "./PdfDownloadLink";

/** Download links for one version: Markdown, a standalone HTML page, a PDF and its transparency log proof file. */
export function ExportLinks({ documentSlug, number, locale }: { documentSlug: string; number: number; locale: Locale }) {
  const t = messages(locale).history;
  const pdf = messages(locale).pdf;
  const log = messages(locale).log;
  const base = `/api/v1/documents/${documentSlug}/versions/${number}/export`;
  return (
    <span className="export-links">
      <span className="export-links__label">{t.exportHeading}:</span>
      <a href={`${base}?format=md`} download>{t.exportMarkdown}</a>
      <a href={`${base}?format=html&lang=${locale}`} download>{t.exportHtml}</a>
      <PdfDownloadLink
        href={`${base}?format=pdf&lang=${locale}`}
        fileName={`${documentSlug}-v${number}.pdf`}
        label={pdf.download}
        preparing={pdf.preparing}
        failed={pdf.failed}
      />
      <a href={`/api/v1/documents/${documentSlug}/versions/${number}/proof`} download={`${documentSlug}-v${number}.tlog-proof`} title={log.proofFileHint}>
        {log.proofFile}
      </a>
    </span>
  );
}
