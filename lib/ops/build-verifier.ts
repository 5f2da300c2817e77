import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { projectRoot } from "../db/config";
import { VERIFIER_ENTRY, verifierBundlePath } from "../verifier/bundle-file";

/**
 * Bundles the /kiem-chung page's script (components/verifier/standalone.ts with lib/domain/tlog,
 * @noble's curves and hashes and both languages' words) into one file the page inlines. esbuild,
 * which tsx already brings, because Next bundles scripts into chunks loaded from /_next, and a
 * page saved to disk must carry all of its code. The result must not hold a sequence that would
 * end the inline script early.
 */
export async function buildVerifierBundle(root: string = projectRoot()): Promise<string> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, VERIFIER_ENTRY)],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: ["es2020"],
    minify: true,
    legalComments: "inline",
    charset: "utf8",
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "silent",
  });
  const script = result.outputFiles[0].text;
  if (/<\/script|<!--/i.test(script)) throw new Error("the verifier bundle holds </script or <!--, which would end its inline script");
  const file = verifierBundlePath(root);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, script);
  return file;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = await buildVerifierBundle();
  console.log(`[build] verifier page script: ${path.relative(projectRoot(), file)} (${fs.statSync(file).size} bytes)`);
}
