import type { RichNode } from "../domain/document";
import { formatCalendarDate, formatDateTime } from "../i18n/format";
import type { Locale } from "../i18n/locales";
import { messages } from "../i18n/messages";
import type { PdfDocumentModel, PdfFact } from "./model";
import { renderPdf } from "./render";

/** One published version, as plain data: what its PDF shows. */
export interface VersionPdfInput {
  documentTitle: string;
  versionNumber: number;
  publishedAt: Date;
  /** The day the version takes effect, YYYY-MM-DD, when known. */
  effectiveDate?: string | null;
  hash: string;
  /** The previous version's hash; null for the first version; left out, not shown. */
  previousHash?: string | null;
  /** Absolute URL of the version's permalink: printed, linked and encoded in the QR code. */
  permalink: string;
  sections: { title: string; content: RichNode }[];
  locale: Locale;
}

/** The version as the renderer's document model, in the reader's language (catalog namespace `pdf`). */
export function versionPdfModel(input: VersionPdfInput): PdfDocumentModel {
  const t = messages(input.locale).pdf;
  const version = t.versionN(input.versionNumber);
  const published = formatDateTime(input.publishedAt, input.locale);
  const effective = input.effectiveDate ? formatCalendarDate(input.effectiveDate, input.locale) : null;

  const facts: PdfFact[] = [{ label: t.published, value: published }];
  if (effective) facts.push({ label: t.effectiveFrom, value: effective });
  facts.push({ label: t.hash, value: input.hash });
  if (input.previousHash !== undefined) facts.push({ label: t.previousHash, value: input.previousHash ?? t.firstVersion });
  facts.push({ label: t.permalink, value: input.permalink, link: input.permalink });

  const versionLine = [version, `${t.published}: ${published}`, ...(effective ? [`${t.effectiveFrom}: ${effective}`] : [])].join(" · ");
  return {
    language: input.locale,
    title: input.documentTitle,
    subtitle: version,
    facts,
    note: t.verifyNote,
    running: {
      header: input.documentTitle,
      footerLines: [{ text: versionLine }, { text: `${t.hash}: ${input.hash}` }, { text: input.permalink, link: input.permalink }],
      qrCode: input.permalink,
    },
    pageLabel: (page, total) => t.pageOf({ page, total }),
    contentsTitle: t.contents,
    sections: input.sections.map((section) => ({ title: section.title, body: { kind: "rich", content: section.content } })),
    info: {
      title: `${input.documentTitle} — ${version}`,
      subject: `${t.hash}: ${input.hash}`,
      creator: t.producedBy,
      date: input.publishedAt,
      fileIdentity: [input.hash, input.locale, input.permalink].join("\n"),
    },
  };
}

/** The PDF of one published version. */
export function renderVersionPdf(input: VersionPdfInput): Promise<Buffer<ArrayBuffer>> {
  return renderPdf(versionPdfModel(input));
}
