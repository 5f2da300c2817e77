import type { z } from "zod";

/**
 * What zod found wrong with an input, kept without its message: the field's path and the issue's
 * code and limits, so that it is worded where it is shown, in the reader's language (zod's own
 * Vietnamese and English locales, through the catalog's `errors.invalidInput`).
 */
export interface InputIssue {
  /** The field, `title` or `sections.0.content`; empty for the input as a whole. */
  path: string;
  issue: Omit<z.core.$ZodIssue, "message" | "path" | "input">;
}

/** The issues of a failed parse, in a form that survives JSON between processes. */
export function inputIssues(error: z.ZodError): InputIssue[] {
  return error.issues.map(({ message: _message, path, input: _input, ...issue }) => ({ path: path.map(String).join("."), issue }));
}

/** One issue in the words of a zod locale (`z.locales.vi().localeError`), prefixed by its field. */
export function describeInputIssue(localeError: z.core.$ZodErrorMap, { path, issue }: InputIssue): string {
  const worded = localeError(issue as z.core.$ZodRawIssue);
  const text = typeof worded === "string" ? worded : (worded?.message ?? issue.code);
  return path ? `${path}: ${text}` : text;
}
