import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../db/config";
import { AppError, isErrorMessageKey } from "../errors";

/**
 * Every word a person reads comes from the catalog (lib/i18n), and every error is a catalog key
 * plus parameters. These scans keep it so: a language picked inline (`vi ? "…" : "…"`,
 * `locale === "en" ? …`) or an error thrown with a sentence instead of a key fails here, with the
 * file and line to fix.
 */
const SCANNED_FOLDERS = ["app", "components", "lib"];
const SCANNED_FILES = ["proxy.ts"];
/** The catalog itself is where languages are told apart. */
const CATALOG = "lib/i18n/";
/** Folders whose words are still being moved into the catalog; each entry is removed when its move lands. */
const NOT_YET_MOVED = ["lib/domain/diff/"];
/** This file, whose probes are the very lines it forbids. */
const SELF = "lib/ops/one-catalog.test.ts";
const EXCLUDED = [CATALOG, ...NOT_YET_MOVED, "lib/db/generated/"];

/** A comparison with a language code: the start of an inline choice of words by language. */
const LANGUAGE_COMPARISON = /[!=]==?\s*["'`](?:vi|en)["'`]|["'`](?:vi|en)["'`]\s*[!=]==?/;
/** A language flag used as a condition: `vi ? "Xin chào" : "Hello"`. */
const LANGUAGE_FLAG_TERNARY = /\b(?:vi|en|isVi|isVietnamese|isEnglish)\s*\?\s*[^.?]/;
/** `new AppError("CODE", <message>`: the message must be a plain string literal naming a catalog key. */
const APP_ERROR = /new AppError\(\s*"[A-Z_]+"\s*,\s*([^,)]+)/g;

/** Letters only Vietnamese writes (ă â đ ê ô ơ ư and the tone marks): words meant for a person. */
const VIETNAMESE_LETTER = /[ăâđêôơưạảãàáậầấẩẫắằẳẵặẹẻẽèéệềếểễịỉĩìíọỏõòóộồốổỗợờớởỡụủũùúựừứửữỵỷỹỳý]/i;
/** Text between JSX tags with Vietnamese in it: a page or component writing its own words. */
const JSX_TEXT = new RegExp(`>[^<>{}]*${VIETNAMESE_LETTER.source}[^<>{}]*<`, "i");
/** A collaboration refusal given a sentence: its words come from the catalog's `collab.refusals` by its reason. */
const COLLAB_REFUSAL_SENTENCE = /new CollabRefusal\(\s*"[a-z-]+"\s*,\s*["'`]/;
/**
 * A zod check given its own message (`.min(3, "Tiêu đề…")`, `.email("Invalid")`, `{ message: … }`):
 * zod's issues are worded where they are shown, in the reader's language (lib/domain/input-issues.ts).
 */
const ZOD_OWN_MESSAGE = /\bz\.\w+\(.*\.(?:min|max|length|email|url|uuid|regex|refine|nonempty)\((?:(?:[^()"'`]|\([^()]*\))*,\s*)?(?:["'`]|\{\s*(?:message|error):\s*["'`])/;
/** The command line (lib/cli), whose usage errors, exits and printed lines take the catalog's `cli` words. */
const CLI_FOLDER = "lib/cli/";
/**
 * A usage error, an exit or a printed line given a sentence: a literal starting with a letter (or
 * an option's dashes), or a template whose first placeholder is followed by words (`${file} is not…`).
 */
const CLI_SENTENCE = /(?:new UsageError\(|new CommandExit\(\s*\w+\s*,\s*|console\.(?:log|error)\(\s*)(?:["'`][\s-]*\p{L}|`\$\{[^}]*\}\s*\p{L})/u;
/** A string literal with Vietnamese in it, in a source line (comments excluded by the caller). */
const VIETNAMESE_STRING = new RegExp(`["'\`][^"'\`]*${VIETNAMESE_LETTER.source}`, "i");
/** Files where a person reads whatever a string literal says: success messages, health answers, content checks. */
const WORDS_FOR_PEOPLE_FILES = [
  "app/quan-tri/actions.ts",
  "app/api/health/route.ts",
  "app/error.tsx",
  "lib/editor/content.ts",
  "lib/collab/content-inspection.ts",
  "lib/collab/refusal.ts",
  "lib/collab/extensions/authentication.ts",
  "lib/collab/extensions/content-guard.ts",
  "lib/collab/extensions/limits.ts",
  "app/quan-tri/webhook/page.tsx",
];

interface Finding {
  where: string;
  text: string;
}

function sourceFiles(): string[] {
  const root = projectRoot();
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      const path = `${folder}/${entry.name}`;
      if (path === SELF || EXCLUDED.some((excluded) => `${path}/`.startsWith(excluded))) continue;
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name)) files.push(path);
    }
  };
  for (const folder of SCANNED_FOLDERS) walk(folder);
  return [...files, ...SCANNED_FILES];
}

function read(path: string): string {
  return readFileSync(join(projectRoot(), path), "utf8");
}

function lineFindings(pattern: RegExp): Finding[] {
  return sourceFiles().flatMap((path) =>
    read(path)
      .split("\n")
      .flatMap((line, index) => (pattern.test(line) ? [{ where: `${path}:${index + 1}`, text: line.trim() }] : [])),
  );
}

/** Source lines without their comments (whole-line `//`, `*` and `/*` lines), as findings. */
function codeLines(path: string, source: string): Finding[] {
  return source.split("\n").flatMap((line, index) => (/^\s*(?:\/\/|\*|\/\*)/.test(line) ? [] : [{ where: `${path}:${index + 1}`, text: line.trim() }]));
}

/** Where `new AppError` is given something other than a quoted catalog key (a sentence, a template, a variable). */
export function legacyErrorFindings(path: string, source: string): Finding[] {
  return [...source.matchAll(APP_ERROR)].flatMap((match) => {
    const argument = match[1].trim();
    const quoted = /^"([A-Za-z0-9]+)"$/.exec(argument);
    if (quoted && isErrorMessageKey(quoted[1])) return [];
    // A choice between keys (`invalid ? "invalidEmail" : "subscriptionTargetNotFound"`) is still keys only.
    const choices = argument.split(/[?:]/).slice(1).map((choice) => choice.trim());
    if (choices.length > 0 && choices.every((choice) => /^"[A-Za-z0-9]+"$/.test(choice) && isErrorMessageKey(choice.slice(1, -1)))) return [];
    const line = source.slice(0, match.index).split("\n").length;
    return [{ where: `${path}:${line}`, text: match[0] }];
  });
}

describe("one catalog for words and errors", () => {
  it("scans the sources it means to (the scan is not vacuous)", () => {
    const files = sourceFiles();
    expect(files).toContain("app/lam-viec/page.tsx");
    expect(files).toContain("lib/services/publish-version.ts");
    expect(files.some((file) => file.startsWith(CATALOG))).toBe(false);
  });

  it("has no inline choice of words by language outside the catalog", () => {
    expect(lineFindings(LANGUAGE_COMPARISON)).toEqual([]);
    expect(lineFindings(LANGUAGE_FLAG_TERNARY)).toEqual([]);
  });

  it("recognises the inline choices it forbids", () => {
    for (const line of ['locale === "vi" ? "Lọc" : "Filter"', '{vi ? "Chờ thẩm định" : "Awaiting review"}', 'const vi = locale === "vi";', '"en" === locale ? a : b']) {
      expect(LANGUAGE_COMPARISON.test(line) || LANGUAGE_FLAG_TERNARY.test(line), line).toBe(true);
    }
    expect(LANGUAGE_FLAG_TERNARY.test("const review = event?.kind;")).toBe(false);
  });

  it("throws every AppError with a catalog key, never a sentence", () => {
    expect(sourceFiles().flatMap((path) => legacyErrorFindings(path, read(path)))).toEqual([]);
  });

  it("recognises the legacy error strings it forbids", () => {
    const legacy = [
      'throw new AppError("NOT_FOUND", "Không tìm thấy mục (section not found).");',
      'throw new AppError("BAD_REQUEST", `Tệp có ${count} mục (too many sections).`);',
      'throw new AppError("BAD_REQUEST", message);',
      'throw new AppError("BAD_REQUEST", "notAKeyOfTheCatalog");',
    ];
    for (const source of legacy) expect(legacyErrorFindings("probe.ts", source), source).toHaveLength(1);
    expect(legacyErrorFindings("probe.ts", 'throw new AppError("NOT_FOUND", "sectionNotFound");')).toEqual([]);
  });

  it("refuses, at run time too, an AppError whose message is not a catalog key", () => {
    expect(() => Reflect.construct(AppError, ["BAD_REQUEST", "Dữ liệu không hợp lệ (invalid input)."])).toThrow(TypeError);
    expect(new AppError("NOT_FOUND", "sectionNotFound").messageKey).toBe("sectionNotFound");
  });

  it("writes no words of its own in pages and components (JSX text), collaboration refusals or zod checks", () => {
    const findings = sourceFiles().flatMap((path) =>
      codeLines(path, read(path)).filter(({ text }) => (path.endsWith(".tsx") && JSX_TEXT.test(text)) || COLLAB_REFUSAL_SENTENCE.test(text) || ZOD_OWN_MESSAGE.test(text)),
    );
    expect(findings).toEqual([]);
  });

  it("has no Vietnamese string literal where a person reads it outside the catalog (success messages, health, content checks, refusals, error page)", () => {
    for (const path of WORDS_FOR_PEOPLE_FILES) expect(sourceFiles(), path).toContain(path);
    const findings = WORDS_FOR_PEOPLE_FILES.flatMap((path) => codeLines(path, read(path)).filter(({ text }) => VIETNAMESE_STRING.test(text)));
    expect(findings).toEqual([]);
  });

  it("has the command line print only the catalog's words", () => {
    const files = sourceFiles().filter((path) => path.startsWith(CLI_FOLDER) && !path.endsWith(".test.ts"));
    expect(files).toContain("lib/cli/mirror-command.ts");
    expect(files.flatMap((path) => codeLines(path, read(path)).filter(({ text }) => CLI_SENTENCE.test(text)))).toEqual([]);
  });

  it("recognises the command-line sentences it forbids", () => {
    for (const line of ['throw new UsageError("--format must be md, html or pdf");', "throw new UsageError(`${path} is not a key file`);", 'throw new CommandExit(1, "the archive is not a zip file");', "console.error(`wrote ${out}`);"]) {
      expect(CLI_SENTENCE.test(line), line).toBe(true);
    }
    for (const line of ["throw new UsageError(cliText().keys.notKeyFile(path));", "console.log(JSON.stringify(report));", "console.error(`${t.unknownCommand(name)}\\n\\n${help(t)}`);", "throw new CommandExit(1, t.notZip);"]) {
      expect(CLI_SENTENCE.test(line), line).toBe(false);
    }
  });

  it("recognises the words of its own it forbids", () => {
    expect(JSX_TEXT.test("<h1>Đã có lỗi</h1>")).toBe(true);
    expect(JSX_TEXT.test("<h1>{t.title}</h1>")).toBe(false);
    expect(COLLAB_REFUSAL_SENTENCE.test('throw new CollabRefusal("forbidden", "Bạn không có quyền (forbidden)");')).toBe(true);
    expect(COLLAB_REFUSAL_SENTENCE.test('throw new CollabRefusal("document-too-large", { maxBytes });')).toBe(false);
    for (const line of ['title: z.string().min(3, "Tiêu đề cần ít nhất 3 ký tự")', 'email: z.string().email("Email không hợp lệ")', 'id: z.string().refine(isId, "invalid id")', "name: z.string().min(1, { message: `Cần có họ tên` })"]) {
      expect(ZOD_OWN_MESSAGE.test(line), line).toBe(true);
    }
    expect(ZOD_OWN_MESSAGE.test("title: z.string().trim().min(3).max(MAX_TITLE)")).toBe(false);
    expect(VIETNAMESE_STRING.test('return "Đã tạo người dùng.";')).toBe(true);
    expect(VIETNAMESE_STRING.test("return (await adminWords()).userCreated;")).toBe(false);
  });
});
