import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * What a production build depends on; a change to any of these means `npm start` rebuilds. The
 * fingerprint hashes paths and contents, not modification times: a fresh clone, a `touch` or a
 * checkout of the same commit keeps the build, and any edit (proxy.ts and the Prisma schema
 * included) invalidates it.
 */
const BUILD_INPUTS = ["app", "components", "lib", "public", "prisma", "proxy.ts", "next.config.js", "package-lock.json", "tsconfig.json"];
const SKIPPED = new Set(["node_modules", "generated", ".next"]);
export const BUILD_STAMP_FILE = ".next/handbook-build-stamp";

function walk(target: string, hash: ReturnType<typeof createHash>): void {
  if (!fs.existsSync(target)) return;
  const stat = fs.statSync(target);
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(target).sort()) {
      if (!SKIPPED.has(entry) && !entry.endsWith(".test.ts")) walk(path.join(target, entry), hash);
    }
    return;
  }
  hash.update(target).update("\0").update(fs.readFileSync(target)).update("\0");
}

export function buildFingerprint(root: string): string {
  const hash = createHash("sha256");
  for (const input of BUILD_INPUTS) walk(path.join(root, input), hash);
  return hash.digest("hex");
}

export function buildIsCurrent(root: string): boolean {
  const stampFile = path.join(root, BUILD_STAMP_FILE);
  if (!fs.existsSync(path.join(root, ".next/BUILD_ID")) || !fs.existsSync(stampFile)) return false;
  return fs.readFileSync(stampFile, "utf8").trim() === buildFingerprint(root);
}

export function writeBuildStamp(root: string): void {
  fs.writeFileSync(path.join(root, BUILD_STAMP_FILE), buildFingerprint(root));
}
