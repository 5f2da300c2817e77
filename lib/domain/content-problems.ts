/**
 * Why a section's content is refused: a key of the catalog's `content.problems` and its
 * parameters, rendered in the reader's language where it is shown (lib/i18n, `contentProblemText`),
 * never a sentence fixed at the time of the check.
 */
export type ContentProblem =
  | { key: "notADoc" }
  | { key: "notSerializable" }
  | { key: "tooLarge"; bytes: number; max: number }
  | { key: "textTooLong"; chars: number; max: number }
  | { key: "nestingTooDeep"; max: number }
  | { key: "notANode"; value: string }
  | { key: "unknownNodeType"; value: string }
  | { key: "textWithoutText" }
  | { key: "unstorableText"; value: string }
  | { key: "contentNotArray"; node: string }
  | { key: "marksNotArray" }
  | { key: "invalidMark"; value: string }
  | { key: "unknownMarkType"; value: string }
  | { key: "unsafeLink"; value: string }
  | { key: "attrsNotObject"; node: string }
  | { key: "attributeNotPrimitive"; node: string; name: string }
  | { key: "invalidAttributeValue"; node: string; name: string; value: string }
  | { key: "invalidStructure"; detail: string }
  | { key: "foreignRoots"; roots: string }
  | { key: "keyedEntries" }
  | { key: "unreadableDocument"; detail: string };

export type ContentProblemKey = ContentProblem["key"];

/** The words for each problem, one function per key taking that problem's parameters. */
export type ContentProblemTexts = { [Problem in ContentProblem as Problem["key"]]: (params: Omit<Problem, "key">) => string };

/** One problem in the words of `texts` (a language's `content.problems`). */
export function describeContentProblem(texts: ContentProblemTexts, problem: ContentProblem): string {
  const text = texts[problem.key] as (params: ContentProblem) => string;
  return text(problem);
}

/** A stable identity for a problem, to tell the problems an update adds from those a document already had. */
export function contentProblemId(problem: ContentProblem): string {
  return JSON.stringify(problem);
}

/** A problem in one section of an imported chapter: its place (1-based), its title, and what is wrong. */
export type ImportProblem = { section: number; title: string } & ({ kind: "content"; problem: ContentProblem } | { kind: "titleLength"; max: number });

/** The words a language gives one import problem: the section's place and title, then what is wrong with it. */
export interface ImportProblemTexts {
  problems: ContentProblemTexts;
  importProblem: (params: { section: number; title: string; problem: string }) => string;
  importTitleLength: (params: { max: number }) => string;
}

export function describeImportProblem(texts: ImportProblemTexts, problem: ImportProblem): string {
  const what = problem.kind === "content" ? describeContentProblem(texts.problems, problem.problem) : texts.importTitleLength({ max: problem.max });
  return texts.importProblem({ section: problem.section, title: problem.title, problem: what });
}
