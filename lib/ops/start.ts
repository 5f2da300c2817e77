import path from "node:path";
import { disconnectDb } from "../db/client";
import { projectRoot } from "../db/config";
import { buildIsCurrent, writeBuildStamp } from "./build-stamp";
import { buildVerifierBundle } from "./build-verifier";
import { prepareDatabase } from "./prepare-database";
import { runToCompletion, startGroup, stopGroup, waitForHttp } from "./processes";
import { assertSafeExposure, runtimeEnv } from "./runtime-env";

/**
 * `npm start`: everything the product needs on one machine. Applies migrations, seeds an empty
 * database, builds the web app when its sources changed, then runs the web app and the
 * collaboration server until stopped. `--dev` runs Next's development server instead.
 */
/** The collaboration server answers within seconds; a slow first start still fits. */
const COLLAB_READY_TIMEOUT_MS = 60_000;

async function main(): Promise<void> {
  const dev = process.argv.includes("--dev");
  const root = projectRoot();
  const env = runtimeEnv();
  assertSafeExposure(process.env, env, { dev });
  Object.assign(process.env, env);

  await prepareDatabase();
  await disconnectDb();

  // The /kiem-chung page's self-contained script (a second or so; outside Next's build, which splits scripts into chunks).
  await buildVerifierBundle(root);
  const nextBin = path.join(root, "node_modules/next/dist/bin/next");
  if (!dev && !buildIsCurrent(root)) {
    console.log("[start] building the web app (next build)…");
    const code = await runToCompletion(process.execPath, [nextBin, "build"], { ...env, NODE_ENV: "production" });
    if (code !== 0) {
      console.error("[start] build failed");
      process.exit(code);
    }
    writeBuildStamp(root);
  }

  const tsxBin = path.join(root, "node_modules/tsx/dist/cli.mjs");
  const collab = startGroup("collab", process.execPath, [tsxBin, path.join(root, "lib/collab/main.ts")], env);
  if (!(await waitForHttp(`${env.COLLAB_INTERNAL_URL}/health`, COLLAB_READY_TIMEOUT_MS))) {
    console.error("[start] the collaboration server did not start");
    stopGroup(collab);
    process.exit(1);
  }
  const host = env.HOST ?? "127.0.0.1";
  // Production: Next's handler behind the reader caches' early answers (lib/ops/web-server.mjs).
  const webArgs = dev ? [nextBin, "dev"] : [path.join(root, "lib/ops/web-server.mjs")];
  const web = startGroup("web", process.execPath, [...webArgs, "-p", env.PORT ?? "3000", "-H", host], env);
  console.log(`[start] Cẩm nang mở: http://localhost:${env.PORT} (listening on ${host}; collaboration ${env.COLLAB_PUBLIC_URL})`);

  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    stopGroup(web);
    stopGroup(collab);
    // The collaboration server flushes pending stores on SIGTERM; give it time before leaving.
    setTimeout(() => process.exit(code), 10_000).unref();
    let remaining = 2;
    const done = () => {
      remaining -= 1;
      if (remaining === 0) process.exit(code);
    };
    web.once("exit", done);
    collab.once("exit", done);
    if (web.exitCode !== null) done();
    if (collab.exitCode !== null) done();
  };
  process.on("SIGINT", () => stop(0));
  process.on("SIGTERM", () => stop(0));
  web.on("exit", (code) => {
    if (!stopping) console.error(`[start] web app exited (${code}); stopping`);
    stop(code ?? 1);
  });
  collab.on("exit", (code) => {
    if (!stopping) console.error(`[start] collaboration server exited (${code}); stopping`);
    stop(code ?? 1);
  });
}

main().catch((error: unknown) => {
  console.error("[start] failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
