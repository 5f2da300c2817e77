import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findDocumentBySlug, findVersion, loadVersionSections } from "../../db/documents";
import { plainText } from "../../domain/document";
import { isWordToken, tokenize } from "../../domain/text";
import { downloadResponse, IMMUTABLE_MAX_AGE_SECONDS } from "../../http/download";
import { PDF_BODY_AREA } from "../../pdf/render";
import { availableEngines, createTestDatabase, type TestDatabase } from "../../testing/databases";
import { pdfFonts, pdfInfo, pdfOutline, pdfText } from "../../testing/pdf-tools";
import { exportVersion } from "./export-version";

const engines = await availableEngines();
const SLUG = "cam-nang-chuyen-doi-so";
const BASE_URL = "https://camnang.example";
const EXPORT_URL = `${BASE_URL}/api/v1/documents/${SLUG}/versions/2/export?format=pdf&lang=vi`;

function words(value: string): string[] {
  return tokenize(value).filter(isWordToken);
}

describe.each(engines)("the PDF export of the seeded version 2 on %s", (engine) => {
  let database: TestDatabase;
  let pdf: Buffer;
  let version: { hash: string; publishedAt: Date };
  let sections: { title: string; text: string }[];

  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
    const document = await findDocumentBySlug(database.db, SLUG);
    if (!document) throw new Error("the seed has no handbook");
    const row = await findVersion(database.db, document.id, 2);
    if (!row) throw new Error("the seed has no version 2");
    version = row;
    sections = (await loadVersionSections(database.db, row.id)).map((section) => ({ title: section.title, text: plainText(section.content) }));
    const file = await exportVersion({ slug: SLUG, versionNumber: 2, format: "pdf", baseUrl: BASE_URL, locale: "vi" });
    expect(file).toMatchObject({ fileName: `${SLUG}-v2.pdf`, contentType: "application/pdf" });
    if (typeof file.body === "string") throw new Error("a PDF export must be bytes");
    pdf = file.body;
  });
  afterAll(async () => {
    await database.drop();
  });

  it("embeds Be Vietnam Pro and nothing else", () => {
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.name).toMatch(/^[A-Z]{6}\+BeVietnamPro-(Regular|Bold|Italic|BoldItalic)$/);
      expect(font).toMatchObject({ embedded: true, subset: true, unicode: true });
    }
    expect(fonts.map((font) => font.name)).toEqual(expect.arrayContaining([expect.stringMatching(/BeVietnamPro-Regular$/), expect.stringMatching(/BeVietnamPro-Bold$/)]));
  });

  it("reads back as the version's text: every word of every section, in order, and nothing else", () => {
    const body = pdfText(pdf, { first: 3, crop: PDF_BODY_AREA });
    expect(body).toBe(body.normalize("NFC"));
    const expected = sections.flatMap((section) => [section.title, section.text]).join(" ");
    expect(body.replace(/\s+/g, " ").trim()).toBe(expected.normalize("NFC").replace(/\s+/g, " ").trim());
    expect(words(body)).toEqual(words(expected));
  });

  it("has one bookmark per section, each on the page where the section starts", () => {
    const outline = pdfOutline(pdf);
    expect(outline.map((entry) => entry.title)).toEqual(sections.map((section) => section.title));
    for (const entry of outline) expect(pdfText(pdf, { first: entry.page, last: entry.page, crop: PDF_BODY_AREA })).toContain(entry.title);
  });

  it("carries the version's hash and permalink on every page, and its publication time as the file's dates", () => {
    const info = pdfInfo(pdf);
    expect(info.CreationDate).toBe(version.publishedAt.toISOString().replace(/\.\d{3}Z$/, "Z"));
    for (let page = 1; page <= Number(info.Pages); page += 1) {
      const text = pdfText(pdf, { first: page, last: page });
      expect(text).toContain(version.hash);
      expect(text).toContain(`${BASE_URL}/${SLUG}/v/2`);
    }
  });

  it("gives the same bytes on every export", async () => {
    const again = await exportVersion({ slug: SLUG, versionNumber: 2, format: "pdf", baseUrl: BASE_URL, locale: "vi" });
    expect(Buffer.compare(Buffer.from(again.body), pdf)).toBe(0);
  });

  it("answers 404 for a version that does not exist", async () => {
    await expect(exportVersion({ slug: SLUG, versionNumber: 99, format: "pdf", baseUrl: BASE_URL })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(exportVersion({ slug: "khong-co", versionNumber: 2, format: "pdf", baseUrl: BASE_URL })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("is served as a PDF attachment that caches keep for a year, with an ETag that answers 304", async () => {
    const file = await exportVersion({ slug: SLUG, versionNumber: 2, format: "pdf", baseUrl: BASE_URL, locale: "vi" });
    const response = downloadResponse(new Request(EXPORT_URL), file, { languageFromHeaders: false });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${SLUG}-v2.pdf"`);
    expect(response.headers.get("cache-control")).toBe(`public, max-age=${IMMUTABLE_MAX_AGE_SECONDS}, immutable`);
    expect(response.headers.get("vary")).toBeNull();
    const etag = response.headers.get("etag");
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);

    const revalidated = downloadResponse(new Request(EXPORT_URL, { headers: { "if-none-match": `"other", ${etag}` } }), file, { languageFromHeaders: false });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get("etag")).toBe(etag);
    expect(await revalidated.text()).toBe("");

    const english = await exportVersion({ slug: SLUG, versionNumber: 2, format: "pdf", baseUrl: BASE_URL, locale: "en" });
    const byHeaders = downloadResponse(new Request(EXPORT_URL, { headers: { "if-none-match": etag ?? "" } }), english, { languageFromHeaders: true });
    expect(byHeaders.status).toBe(200);
    expect(byHeaders.headers.get("vary")).toBe("Accept-Language, Cookie");
  });
});
