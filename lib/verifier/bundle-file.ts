import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../db/config";

/**
 * The /kiem-chung page's script: components/verifier/standalone.ts bundled by esbuild into one
 * self-contained file (lib/ops/build-verifier.ts, run by `npm run build` and `npm start`), which
 * the page carries inline. Build output: never committed.
 */
export const VERIFIER_ENTRY = "components/verifier/standalone.ts";
export const VERIFIER_BUNDLE_FILE = "lib/verifier/generated/kiem-chung.js";

export function verifierBundlePath(root: string = projectRoot()): string {
  return path.join(root, VERIFIER_BUNDLE_FILE);
}

let cached: { mtimeMs: number; script: string } | null = null;

/** The bundled script, read once per build (and again when the file changes); null when it was never built. */
export function readVerifierBundle(): string | null {
  const file = verifierBundlePath();
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  if (cached?.mtimeMs !== stat.mtimeMs) cached = { mtimeMs: stat.mtimeMs, script: fs.readFileSync(file, "utf8") };
  return cached.script;
}
