import { getDb, type DbOrTx } from "../../db/client";
import { loadVersionSections } from "../../db/documents";
import { sectionsToMarkdown } from "../../editor/markdown";
import { exportFileName, versionHtml, versionMarkdown, type ExportMetadata, type HtmlLabels } from "../../domain/history/export-formats";
import { renderSectionHtml } from "../../editor/content";
import { AppError } from "../../errors";
import { formatDateTime } from "../../i18n/format";
import type { Locale } from "../../i18n/locales";
import { renderVersionPdf } from "../../pdf/version-pdf";
import { authorize, type Actor } from "../../policies";
import { requireDocument, requireVersion } from "./lookup";

export const EXPORT_FORMATS = ["md", "html", "pdf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string | null | undefined): value is ExportFormat {
  return value === "md" || value === "html" || value === "pdf";
}

export interface ExportedFile {
  fileName: string;
  contentType: string;
  /** Text for Markdown and HTML, bytes for PDF. */
  body: string | Buffer<ArrayBuffer>;
}

const HTML_LABELS: Record<Locale, Omit<HtmlLabels, "publishedText">> = {
  vi: {
    lang: "vi",
    version: "Phiên bản",
    published: "Ban hành",
    hash: "Mã băm SHA-256",
    previousHash: "Mã băm phiên bản trước",
    none: "(không có — phiên bản đầu tiên)",
    contents: "Mục lục",
    source: "Nguồn",
  },
  en: {
    lang: "en",
    version: "Version",
    published: "Published",
    hash: "SHA-256 hash",
    previousHash: "Previous version's hash",
    none: "(none — first version)",
    contents: "Contents",
    source: "Source",
  },
};

/**
 * One version as a file: Markdown (front matter with number, date and hashes, then each
 * section under `##`), a standalone UTF-8 HTML page with inline styles, or a PDF made on the
 * server (lib/pdf) with the version's number, hash and permalink on every page.
 */
export async function exportVersion(options: {
  slug: string;
  versionNumber: number;
  format: string;
  /** Origin for the permalink written into the file, e.g. "https://camnang.gov.vn". */
  baseUrl: string;
  locale?: Locale;
  actor?: Actor | null;
  db?: DbOrTx;
}): Promise<ExportedFile> {
  authorize(options.actor ?? null, "document:read");
  const format = options.format;
  if (!isExportFormat(format)) {
    throw new AppError("BAD_REQUEST", "exportFormat");
  }
  const db = options.db ?? (await getDb());
  const document = await requireDocument(db, options.slug);
  const version = await requireVersion(db, document.id, options.versionNumber);
  const sections = await loadVersionSections(db, version.id);
  const meta: ExportMetadata = {
    documentSlug: document.slug,
    documentTitle: document.title,
    number: version.number,
    hash: version.hash,
    prevHash: version.prevHash,
    publishedAt: version.publishedAt,
    permalink: `${options.baseUrl.replace(/\/+$/, "")}/${document.slug}/v/${version.number}`,
  };
  if (format === "md") {
    return {
      fileName: exportFileName(document.slug, version.number, "md"),
      contentType: "text/markdown; charset=utf-8",
      body: versionMarkdown(meta, sectionsToMarkdown(sections)),
    };
  }
  const locale = options.locale ?? "vi";
  if (format === "pdf") {
    return {
      fileName: exportFileName(document.slug, version.number, "pdf"),
      contentType: "application/pdf",
      body: await renderVersionPdf({
        documentTitle: document.title,
        versionNumber: version.number,
        publishedAt: version.publishedAt,
        effectiveDate: version.effectiveFrom,
        hash: version.hash,
        previousHash: version.prevHash,
        permalink: meta.permalink,
        sections: sections.map((section) => ({ title: section.title, content: section.content })),
        locale,
      }),
    };
  }
  const labels: HtmlLabels = { ...HTML_LABELS[locale], publishedText: formatDateTime(version.publishedAt, locale) };
  const rendered = sections.map((section) => ({ slug: section.slug, title: section.title, html: renderSectionHtml(section.content) }));
  return {
    fileName: exportFileName(document.slug, version.number, "html"),
    contentType: "text/html; charset=utf-8",
    body: versionHtml(meta, labels, rendered),
  };
}
