import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { revisionTextsByKey } from "../db/section-text";
import { loadVersionPlacements } from "../db/version-sections";
import { blockHash, packBlock, splitSectionText } from "../domain/content-blocks";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { parseArgs, type Command } from "./commands";
import { diffCommand, exportCommand, importCommand, verifyCommand } from "./history-commands";
import { messages } from "../i18n/messages";
import { cliText } from "./text";

const SLUG = "cam-nang-chuyen-doi-so";

/** Runs a command and returns what it printed to stdout (console.log included). */
async function run(command: Command, argv: string[]): Promise<string> {
  const chunks: string[] = [];
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  });
  const log = vi.spyOn(console, "log").mockImplementation((...values: unknown[]) => {
    chunks.push(`${values.map(String).join(" ")}\n`);
  });
  const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    await command.run(parseArgs(argv, command.options));
  } finally {
    write.mockRestore();
    log.mockRestore();
    error.mockRestore();
  }
  return chunks.join("");
}

describe("history commands (SQLite)", () => {
  let database: TestDatabase;
  let directory: string;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite", { seed: true });
    directory = fs.mkdtempSync(path.join(os.tmpdir(), "handbook-cli-"));
  });
  afterAll(async () => {
    await database.drop();
    fs.rmSync(directory, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it("exports a version as Markdown to stdout, and as HTML and PDF to files", async () => {
    const markdown = await run(exportCommand, ["--doc", SLUG, "--version", "2", "--format", "md"]);
    expect(markdown).toMatch(/^---\ntitle: "Cẩm nang chuyển đổi số"\ndocument: "cam-nang-chuyen-doi-so"\nversion: 2\n/);
    expect(markdown).toContain("## Lời tổng kết");
    const out = path.join(directory, "v1.html");
    await run(exportCommand, ["--doc", SLUG, "--version", "1", "--format", "html", "--out", out, "--lang", "en"]);
    const html = fs.readFileSync(out, "utf8");
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("ĐÁNH GIÁ BÀI VIẾT");
    const pdf = path.join(directory, "v2.pdf");
    await run(exportCommand, ["--doc", SLUG, "--version", "2", "--format", "pdf", "--out", pdf]);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await expect(run(exportCommand, ["--doc", SLUG, "--version", "1", "--format", "docx"])).rejects.toThrow(cliText().history.formatChoice);
    await expect(run(exportCommand, ["--doc", SLUG, "--version", "x", "--format", "md"])).rejects.toThrow(cliText().positiveInteger("version"));
  });

  it("compares two versions as text and as JSON, in the command line's language", async () => {
    vi.stubEnv("HANDBOOK_LANG", "vi");
    const text = await run(diffCommand, ["--doc", SLUG, "--from", "1", "--to", "2"]);
    expect(text.split("\n")[0]).toBe("Cẩm nang chuyển đổi số: phiên bản 1 → 2");
    expect(text).toContain("## Lời tổng kết (thay đổi)");
    // Version 2 joined the two paragraphs the web copy broke mid-sentence: one joined line, no insertion.
    expect(text).toContain("Mục “Lời tổng kết”: nối 2 đoạn, xóa 1 đoạn lặp lại, xóa 1 dòng");
    expect(text).toContain("~ Cách đây hơn 1000 năm");
    expect(text).toContain("khi đó là Vua Lý Thái Tổ.");
    expect(text).not.toContain("{+");
    expect(text).toContain("- ĐÁNH GIÁ BÀI VIẾT");
    const json = JSON.parse(await run(diffCommand, ["--doc", SLUG, "--from", "2", "--to", "1", "--json"])) as { stats: { wordsAdded: number } };
    expect(json.stats.wordsAdded).toBeGreaterThan(0);

    vi.stubEnv("HANDBOOK_LANG", "en");
    const english = await run(diffCommand, ["--doc", SLUG, "--from", "1", "--to", "2"]);
    expect(english.split("\n")[0]).toBe(messages("en").cli.history.versionsCompared({ title: "Cẩm nang chuyển đổi số", from: 1, to: 2 }));
    expect(english).toContain(`## Lời tổng kết (${messages("en").diff.text.sectionStatus.changed})`);
  });

  it("compares two Markdown files, exported versions included", async () => {
    const first = path.join(directory, "a.md");
    const second = path.join(directory, "b.md");
    await run(exportCommand, ["--doc", SLUG, "--version", "1", "--format", "md", "--out", first]);
    await run(exportCommand, ["--doc", SLUG, "--version", "2", "--format", "md", "--out", second]);
    const text = await run(diffCommand, ["--files", first, second]);
    expect(text).toContain("- ĐÁNH GIÁ BÀI VIẾT");
    expect(text).not.toContain("## Kỳ 18");
    await expect(run(diffCommand, ["--files", first])).rejects.toThrow(cliText().history.filesNeedTwoPaths);
  });

  it("imports a chapter as the given person", async () => {
    const file = path.join(directory, "chapter.md");
    fs.writeFileSync(file, "# Dữ liệu mở\n\nCơ quan nhà nước cung cấp dữ liệu mở.\n");
    const output = JSON.parse(await run(importCommand, ["--doc", SLUG, "--file", file, "--as", "admin@camnang.gov.vn"])) as { id: string; kind: string };
    expect(output.kind).toBe("IMPORT");
    expect(await database.db.proposal.findUnique({ where: { id: output.id } })).toMatchObject({ kind: "IMPORT", status: "DRAFT" });
    await expect(run(importCommand, ["--doc", SLUG, "--file", file, "--as", "lan@mof.gov.vn"])).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(run(importCommand, ["--doc", SLUG, "--file", file, "--as", "nobody@example.vn"])).rejects.toThrow(cliText().noActiveUser("nobody@example.vn"));
  });

  it("verifies the chain, and fails (exit 1) once stored text was altered behind its back", async () => {
    expect(JSON.parse(await run(verifyCommand, ["--doc", SLUG]))).toMatchObject({ ok: true, versions: 2 });
    // Someone with access to the database file disables the append-only guard and edits a revision.
    const { db } = database;
    // The revision is kept by block: the paragraph's stored block is what gets rewritten.
    const triggers = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Block'`);
    for (const trigger of triggers) await db.$executeRawUnsafe(`DROP TRIGGER "${trigger.name}"`);
    const first = await db.version.findFirstOrThrow({ where: { number: 1 } });
    const keys = (await loadVersionPlacements(db, first.id)).map((row) => row.revisionId);
    const texts = [...(await revisionTextsByKey(db, keys)).values()];
    const paragraph = texts.flatMap((text) => splitSectionText(text) ?? []).find((block) => block.includes("Có ba"));
    if (!paragraph) throw new Error("the seeded paragraph is missing");
    const block = await db.block.findUniqueOrThrow({ where: { hash: blockHash(paragraph) } });
    expect(block.baseId).toBeNull();
    await db.block.update({ where: { id: block.id }, data: { data: packBlock(paragraph.replace("Có ba", "Có bốn"), null) } });
    await expect(run(verifyCommand, ["--doc", SLUG])).rejects.toMatchObject({ code: "CONFLICT", details: { ok: false, failedAt: 1, reason: "content_hash_mismatch" } });
  });
});
