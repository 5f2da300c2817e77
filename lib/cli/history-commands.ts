import fs from "node:fs";
import { docxToSections } from "../services/history/docx-import";
import { loadActor } from "../auth/actor";
import { getDb } from "../db/client";
import { diffDocuments } from "../domain/diff";
import { diffAsText } from "../domain/history/diff-text";
import { markdownSnapshot } from "../editor/markdown";
import { AppError } from "../errors";
import { diffSummary } from "../i18n/diff-summary";
import { isLocale } from "../i18n/locales";
import { messages } from "../i18n/messages";
import { compareVersions } from "../services/history/compare-versions";
import { exportVersion, isExportFormat } from "../services/history/export-version";
import { importChapterProposal, type ImportChapter } from "../services/history/import-chapter-proposal";
import { verifyDocument } from "../services/verify-document";
import { verifyOffline } from "./log-commands";
import { optionalOption, requireOption, UsageError, type Command, type ParsedArgs } from "./commands";
import { cliLocale, cliText } from "./text";

/** Commands over published history: export a version, compare versions or files, verify the chain, import a chapter. */

/** Origin written into exported files when the site's address is not configured. */
const FALLBACK_BASE_URL = "http://localhost:3000";

function positiveInt(args: ParsedArgs, name: string): number {
  const value = requireOption(args, name);
  if (!/^[1-9][0-9]{0,8}$/.test(value)) throw new UsageError(cliText().positiveInteger(name));
  return Number(value);
}

function readTextFile(path: string): string {
  try {
    return fs.readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(cliText().cannotRead({ file: path, detail: error instanceof Error ? error.message : String(error) }));
  }
}

export const exportCommand: Command = {
  name: "export",
  words: "export",
  options: { doc: "string", version: "string", format: "string", out: "string", lang: "string" },
  async run(args) {
    const format = requireOption(args, "format");
    if (!isExportFormat(format)) throw new UsageError(cliText().history.formatChoice);
    const lang = optionalOption(args, "lang");
    if (lang !== undefined && !isLocale(lang)) throw new UsageError(cliText().history.langChoice);
    const file = await exportVersion({
      slug: requireOption(args, "doc"),
      versionNumber: positiveInt(args, "version"),
      format,
      locale: lang,
      baseUrl: process.env.NEXTAUTH_URL ?? FALLBACK_BASE_URL,
    });
    const out = optionalOption(args, "out");
    if (out) {
      fs.writeFileSync(out, file.body);
      console.error(cliText().history.wrote({ file: out, bytes: Buffer.byteLength(file.body) }));
      return;
    }
    process.stdout.write(file.body);
  },
};

export const diffCommand: Command = {
  name: "diff",
  words: "diff",
  options: { doc: "string", from: "string", to: "string", files: "string", json: "boolean" },
  async run(args) {
    const json = args.options.json === true;
    const locale = cliLocale();
    const files = args.options.files;
    if (files !== undefined) {
      const first = typeof files === "string" ? files : args.positional[0];
      const second = typeof files === "string" ? args.positional[0] : args.positional[1];
      if (!first || !second) throw new UsageError(cliText().history.filesNeedTwoPaths);
      const diff = diffDocuments(markdownSnapshot(readTextFile(first)), markdownSnapshot(readTextFile(second)));
      process.stdout.write(json ? `${JSON.stringify(diff, null, 2)}\n` : diffAsText(diff, messages(locale).diff.text, diffSummary(diff, locale)));
      return;
    }
    const comparison = await compareVersions({ slug: requireOption(args, "doc"), from: positiveInt(args, "from"), to: positiveInt(args, "to") });
    if (json) {
      process.stdout.write(`${JSON.stringify(comparison.diff, null, 2)}\n`);
      return;
    }
    const heading = messages(locale).cli.history.versionsCompared({ title: comparison.document.title, from: comparison.from.number, to: comparison.to.number });
    process.stdout.write(`${heading}\n${diffAsText(comparison.diff, messages(locale).diff.text, diffSummary(comparison.diff, locale))}`);
  },
};

export const verifyCommand: Command = {
  name: "verify",
  words: "verify",
  options: { doc: "string", offline: "boolean", content: "string", proof: "string", policy: "string" },
  async run(args) {
    if (args.options.offline) {
      console.log(verifyOffline(args));
      return;
    }
    const slug = requireOption(args, "doc");
    const result = await verifyDocument(slug);
    console.log(JSON.stringify(result));
    if (!result.ok) {
      throw new AppError("CONFLICT", "chainInvalid", { slug, failedAt: result.failedAt, reason: result.reason }, result);
    }
  },
};

/** A chapter file: .docx files are read as Word documents, anything else as UTF-8 Markdown. */
async function readChapterFile(file: string): Promise<ImportChapter> {
  if (file.toLowerCase().endsWith(".docx")) return { sections: await docxToSections(fs.readFileSync(file)), format: "docx" };
  return { markdown: readTextFile(file) };
}

export const importCommand: Command = {
  name: "import",
  words: "import",
  options: { doc: "string", file: "string", as: "string", title: "string", rationale: "string" },
  async run(args) {
    const db = await getDb();
    const email = requireOption(args, "as").toLowerCase();
    const user = await db.user.findUnique({ where: { email } });
    const actor = user ? await loadActor(db, user.id) : null;
    if (!actor) throw new UsageError(cliText().noActiveUser(email));
    const proposal = await importChapterProposal({
      actor,
      slug: requireOption(args, "doc"),
      input: { ...(await readChapterFile(requireOption(args, "file"))), title: optionalOption(args, "title"), rationale: optionalOption(args, "rationale") },
    });
    console.log(JSON.stringify({ id: proposal.id, kind: proposal.kind, title: proposal.title, url: `/lam-viec/de-xuat/${proposal.id}` }));
  },
};

export const HISTORY_COMMANDS: Command[] = [exportCommand, diffCommand, verifyCommand, importCommand];
