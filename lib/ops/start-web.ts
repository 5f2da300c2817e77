import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../db/config";
import { startGroup, stopGroup } from "./processes";
import { assertSafeExposure, instanceEnv } from "./runtime-env";

/**
 * `npm run start:web`: one web instance of a deployment of several, configured by the environment
 * only (see README, Deployment). It neither migrates nor builds: a release runs `npm run build`
 * once and `npm run migrate` once, then starts as many of these as it needs.
 */
async function main(): Promise<void> {
  const root = projectRoot();
  const env = instanceEnv("web");
  assertSafeExposure(process.env, env, { dev: false });
  if (!fs.existsSync(path.join(root, ".next/BUILD_ID"))) {
    throw new Error("Chưa có bản dựng (no build): run `npm run build` once per release before starting web instances");
  }
  const host = env.HOST ?? "127.0.0.1";
  // Next's handler behind the reader caches' early answers, as `npm start` runs it.
  const web = startGroup("web", process.execPath, [path.join(root, "lib/ops/web-server.mjs"), "-p", env.PORT ?? "3000", "-H", host], { ...env, NODE_ENV: "production" });
  console.log(`[web ${env.HANDBOOK_INSTANCE}] listening on ${host}:${env.PORT}`);
  const stop = () => stopGroup(web);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  web.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main().catch((error: unknown) => {
  console.error("[web] failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
