/**
 * Reading benchmark: the published page and the documents API, served by the production
 * build as `npm start` serves it (lib/ops/web-server.mjs: Next's handler behind the reader
 * caches' early answers) on a fresh seeded SQLite database, loaded by the same bounded
 * closed-loop client as their anchors, A B A B over several rounds. Three comparisons, each in
 * the same run:
 *
 * - against a static file the same Next server sends without rendering anything (one of its
 *   build assets): the ceiling for anything Next serves, target >= 0.9x;
 * - through the nginx configuration the product ships (lib/ops/nginx/handbook.conf, its
 *   micro-cache included) against that same nginx sending the same bytes from a file,
 *   target >= 0.8x;
 * - with a background writer (two sign-ins a second and typing into a live draft through the
 *   collaboration server) against the same server quiet, target >= 0.9x.
 *
 * A plain `node:http` server sending the bytes from memory is measured too, for reference.
 *
 *   npm run bench -- read        (BENCH_ROUNDS, BENCH_READ_SECONDS, BENCH_READ_CONCURRENCY,
 *                                 BENCH_CPU_PROF_DIR for a CPU profile of each server and of the writer)
 */
import fs from "node:fs";
import path from "node:path";
import { DEMO_PASSWORD } from "../../lib/auth/password";
import { buildIsCurrent } from "../../lib/ops/build-stamp";
import {
  LOOPBACK,
  PROJECT_ROOT,
  benchSecrets,
  cpuProfileArgs,
  exitOf,
  freePort,
  prepareSeededDatabase,
  productEnv,
  startGroup,
  temporaryDatabaseFile,
  tsxArgs,
  waitForHttp,
  type GroupChild,
} from "./bench-env";
import { openBackgroundWriter, type BackgroundWriter } from "./background-writer";
import { startBenchNginx, type BenchNginx } from "./bench-nginx";
import { closedLoopLoad, type LoadResult } from "./http-load";
import { atLeast, formatRatio, roundsFromEnvironment, row, sleep, spread, type BenchRow, type PartResult, type Spread } from "./stats";

export const READ_DOCUMENT_SLUG = "cam-nang-chuyen-doi-so";
export const READ_PAGE_PATH = `/${READ_DOCUMENT_SLUG}/loi-tong-ket`;
export const READ_API_PATH = `/api/v1/documents/${READ_DOCUMENT_SLUG}`;
/** A seeded contributor (lib/db/seed): the background writer. */
const WRITER_EMAIL = "lan@mof.gov.vn";
const WRITER_PASSWORD = DEMO_PASSWORD;

const DEFAULT_ROUNDS = 5;
/** Long enough for a few hundred requests even from a slow dynamic page, short enough for the suite. */
const DEFAULT_SECONDS = 2.5;
/** Two cores: a few requests in flight keep both busy without measuring only queueing. */
const DEFAULT_CONCURRENCY = 8;
const WARM_UP_MS = 1_500;
/** Rounds of the anchor against itself behind nginx: enough to show the noise, short. */
const NOISE_ROUNDS = 2;
const START_TIMEOUT_MS = 90_000;

export async function runReadBench(log: (line: string) => void = console.log): Promise<PartResult> {
  const rounds = roundsFromEnvironment(DEFAULT_ROUNDS);
  const durationMs = numberFromEnvironment("BENCH_READ_SECONDS", DEFAULT_SECONDS) * 1000;
  const concurrency = Math.round(numberFromEnvironment("BENCH_READ_CONCURRENCY", DEFAULT_CONCURRENCY));
  const notes: string[] = [];

  const nextBin = path.join(PROJECT_ROOT, "node_modules/next/dist/bin/next");
  if (!fs.existsSync(path.join(PROJECT_ROOT, ".next/BUILD_ID"))) {
    const note = "no production build (.next/BUILD_ID) was found: ran `next build` once before measuring";
    log(`read bench: ${note}`);
    notes.push(note);
    const build = startGroup("build", process.execPath, [nextBin, "build"], { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
    const code = await exitOf(build.child, 15 * 60_000);
    if (code !== 0) throw new Error(`next build failed (${code}): ${build.output()}`);
  } else if (!buildIsCurrent(PROJECT_ROOT)) {
    notes.push("the production build may be older than the sources (its stamp does not match): run `npm run build` to measure the current code");
  }

  const databaseFile = temporaryDatabaseFile("read");
  const secrets = benchSecrets();
  const webPort = await freePort();
  const collabPort = await freePort();
  const env = productEnv(databaseFile, secrets, {
    NODE_ENV: "production",
    PORT: String(webPort),
    NEXTAUTH_URL: `http://${LOOPBACK}:${webPort}`,
    // The background writer types through a collaboration server of this run.
    COLLAB_PORT: String(collabPort),
    COLLAB_INTERNAL_URL: `http://${LOOPBACK}:${collabPort}`,
    COLLAB_PUBLIC_URL: `ws://${LOOPBACK}:${collabPort}`,
    // The writer signs in with a seeded demo account, refused in production unless allowed.
    HANDBOOK_DEMO_ACCOUNTS: "1",
  });
  log(`read bench: preparing a fresh seeded database (${databaseFile})`);
  await prepareSeededDatabase(env);

  const startedAt = performance.now();
  // BENCH_CPU_PROF_DIR: a CPU profile of each server (bench-env.ts, cpuProfileArgs).
  const web = startGroup("web", process.execPath, [...cpuProfileArgs(), path.join(PROJECT_ROOT, "lib/ops/web-server.mjs"), "-p", String(webPort), "-H", LOOPBACK], env);
  const collab = startGroup("collab", process.execPath, [...cpuProfileArgs({ exitsOnSigterm: true }), ...tsxArgs("lib/collab/main.ts")], env);
  let anchor: GroupChild | null = null;
  let nginx: BenchNginx | null = null;
  let writer: BackgroundWriter | null = null;
  try {
    const ready = await waitForHttp(`http://${LOOPBACK}:${webPort}/api/health`, START_TIMEOUT_MS, () => web.child.exitCode === null);
    if (!ready) throw new Error(`the web server did not answer /api/health: ${web.output()}`);
    log(`read bench: web server ready on ${LOOPBACK}:${webPort} in ${Math.round(performance.now() - startedAt)} ms`);

    const page = await capture(webPort, READ_PAGE_PATH, "published page");
    const api = await capture(webPort, READ_API_PATH, "documents API");
    // A file Next serves without rendering anything: the ceiling a cached or static page could reach.
    const script = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(page.body.toString("utf8"))?.[1];
    if (!script) throw new Error(`${READ_PAGE_PATH} names no script under /_next/static/`);
    const ceiling = await capture(webPort, script, "static file served by Next");
    const captured = [page, api, ceiling];
    const manifestDirectory = path.dirname(databaseFile);
    const manifest = captured.map((endpoint, index) => {
      const file = path.join(manifestDirectory, `body-${index}`);
      fs.writeFileSync(file, endpoint.body);
      return { path: endpoint.path, file, contentType: endpoint.contentType };
    });
    const manifestFile = path.join(manifestDirectory, "manifest.json");
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    anchor = startGroup("anchor", process.execPath, tsxArgs("e2e/bench/static-server.ts", [manifestFile]), process.env);
    const anchorPort = await listeningPort(anchor);

    const direct = (endpoint: Captured) => `http://${LOOPBACK}:${webPort}${endpoint.path}`;
    const load = (url: string, ms = durationMs) => closedLoopLoad({ url, concurrency, durationMs: ms });
    log(
      `read bench: ${rounds} rounds of ${durationMs / 1000} s per server, ${concurrency} keep-alive connections, closed loop; ` +
        `ceiling ${ceiling.path} (${ceiling.body.byteLength} bytes) from the same Next server; node:http on ${LOOPBACK}:${anchorPort}`,
    );
    const rows: BenchRow[] = [];
    const details: Record<string, unknown> = { rounds, durationMs, concurrency };

    // 1. Against the ceiling: in each round the static file, the page, the API, node:http, and the static file again (noise).
    for (const endpoint of captured) await load(direct(endpoint), WARM_UP_MS);
    const quiet: Record<"ceiling" | "ceilingAgain" | "page" | "api" | "nodeHttp", LoadResult[]> = { ceiling: [], ceilingAgain: [], page: [], api: [], nodeHttp: [] };
    for (let round = 0; round < rounds; round++) {
      quiet.ceiling.push(await load(direct(ceiling)));
      quiet.page.push(await load(direct(page)));
      quiet.api.push(await load(direct(api)));
      quiet.nodeHttp.push(await load(`http://${LOOPBACK}:${anchorPort}${ceiling.path}`));
      quiet.ceilingAgain.push(await load(direct(ceiling)));
    }
    const ceilingNoise = ratioOf(quiet.ceilingAgain, quiet.ceiling);
    for (const [endpoint, results] of [
      [page, quiet.page],
      [api, quiet.api],
    ] as const) {
      const ratio = ratioOf(results, quiet.ceiling);
      log(`${endpoint.label} ${endpoint.path} (${endpoint.body.byteLength} bytes, cache-control: ${endpoint.cacheControl ?? "none"}): ${describe(results)}; ceiling ${describe(quiet.ceiling)}; ratio ${formatRatio(ratio)}`);
      rows.push(
        row({
          measure: `read: ${endpoint.label} requests/s vs a static file served by the same Next server`,
          ratio,
          noise: ceilingNoise,
          target: ">= 0.9x",
          meets: atLeast(0.9),
          detail: `ours ${rps(results)} req/s (p99 ${p99(results)} ms, ${endpoint.body.byteLength} bytes) vs the static file ${rps(quiet.ceiling)} req/s (p99 ${p99(quiet.ceiling)} ms, ${ceiling.body.byteLength} bytes); ${concurrency} connections${failures(results)}`,
        }),
      );
      if (endpoint.cacheControl?.includes("no-store") || endpoint.cacheControl?.includes("private")) notes.push(`${endpoint.path} is rendered per request (cache-control: ${endpoint.cacheControl})`);
    }
    const ceilingVsNode = ratioOf(quiet.ceiling, quiet.nodeHttp);
    log(`static file served by Next vs node:http: ${formatRatio(ceilingVsNode)} (${rps(quiet.ceiling)} vs ${rps(quiet.nodeHttp)} req/s)`);
    rows.push(
      row({
        measure: "read: a static file served by Next vs node:http sending the same bytes (the ceiling)",
        ratio: ceilingVsNode,
        noise: ceilingNoise,
        target: "(ceiling; no target)",
        detail: `Next ${rps(quiet.ceiling)} req/s vs node:http ${rps(quiet.nodeHttp)} req/s for ${ceiling.path}`,
      }),
    );
    details.quiet = summarize(quiet);

    // 2. Through the shipped nginx configuration, against the same nginx sending the same bytes from a file.
    nginx = await startBenchNginx({ webPort, routes: manifest.slice(0, 2) });
    if (!nginx) {
      notes.push("nginx is not installed: the comparisons through nginx were not measured");
      for (const endpoint of [page, api]) {
        rows.push(row({ measure: `read: ${endpoint.label} through the shipped nginx configuration vs nginx sending the same bytes from a file`, ratio: null, noise: null, target: ">= 0.8x", detail: "nginx is not installed" }));
      }
    } else {
      const running = nginx;
      const proxied = (endpoint: Captured) => `http://${LOOPBACK}:${running.proxiedPort}${endpoint.path}`;
      const fromFile = (endpoint: Captured) => `http://${LOOPBACK}:${running.filesPort}${endpoint.path}`;
      const viaNginx: Record<string, unknown> = {};
      for (const endpoint of [page, api]) {
        await load(proxied(endpoint), WARM_UP_MS);
        await load(fromFile(endpoint), WARM_UP_MS);
        const ours: LoadResult[] = [];
        const anchors: LoadResult[] = [];
        const anchorsAgain: LoadResult[] = [];
        for (let round = 0; round < rounds; round++) {
          anchors.push(await load(fromFile(endpoint)));
          ours.push(await load(proxied(endpoint)));
          if (round < NOISE_ROUNDS) anchorsAgain.push(await load(fromFile(endpoint)));
        }
        const ratio = ratioOf(ours, anchors);
        log(`${endpoint.label} through nginx: ${describe(ours)}; nginx from a file ${describe(anchors)}; ratio ${formatRatio(ratio)}`);
        rows.push(
          row({
            measure: `read: ${endpoint.label} through the shipped nginx configuration vs nginx sending the same bytes from a file`,
            ratio,
            noise: ratioOf(anchorsAgain, anchors.slice(0, anchorsAgain.length)),
            target: ">= 0.8x",
            meets: atLeast(0.8),
            detail: `through nginx's micro-cache ${rps(ours)} req/s (p99 ${p99(ours)} ms) vs nginx from a file ${rps(anchors)} req/s (p99 ${p99(anchors)} ms)${failures(ours)}`,
          }),
        );
        viaNginx[endpoint.path] = { ours: summary(ours), anchor: summary(anchors) };
      }
      details.nginx = viaNginx;
    }

    // 3. With a background writer against quiet, straight to the web app (nginx would hide it).
    writer = await openBackgroundWriter({ base: `http://${LOOPBACK}:${webPort}`, documentSlug: READ_DOCUMENT_SLUG, email: WRITER_EMAIL, password: WRITER_PASSWORD });
    const busyResults: Record<string, unknown> = {};
    for (const endpoint of [page, api]) {
      const calm: LoadResult[] = [];
      const busy: LoadResult[] = [];
      for (let round = 0; round < rounds; round++) {
        calm.push(await load(direct(endpoint)));
        writer.start();
        busy.push(await load(direct(endpoint)));
        await writer.pause();
      }
      const ratio = ratioOf(busy, calm);
      const counts = writer.counts();
      log(`${endpoint.label} with a background writer: ${describe(busy)}; quiet ${describe(calm)}; ratio ${formatRatio(ratio)}; writer so far ${JSON.stringify(counts)}`);
      rows.push(
        row({
          measure: `read: ${endpoint.label} requests/s while a writer signs in twice a second and types into a draft, vs quiet`,
          ratio,
          noise: ceilingNoise,
          target: ">= 0.9x",
          meets: atLeast(0.9),
          detail: `busy ${rps(busy)} req/s (p99 ${p99(busy)} ms) vs quiet ${rps(calm)} req/s (p99 ${p99(calm)} ms)${failures(busy)}`,
        }),
      );
      busyResults[endpoint.path] = { busy: summary(busy), quiet: summary(calm) };
    }
    const counts = writer.counts();
    if (counts.failedSignIns > 0) notes.push(`the background writer's sign-ins: ${counts.signIns} succeeded, ${counts.failedSignIns} failed`);
    details.backgroundWriter = { ...busyResults, writer: counts };
    details.endpoints = captured.map((endpoint) => ({ path: endpoint.path, bytes: endpoint.body.byteLength, cacheControl: endpoint.cacheControl, etag: endpoint.etag }));
    return { rows, notes, details };
  } finally {
    await writer?.close();
    await nginx?.stop();
    await anchor?.stop();
    await collab.stop();
    await web.stop();
  }
}

function ratioOf(ours: readonly LoadResult[], anchors: readonly LoadResult[]): Spread {
  return spread(ours.map((result, index) => result.requestsPerSecond / anchors[index].requestsPerSecond));
}

function rps(results: readonly LoadResult[]): number {
  return spread(results.map((result) => result.requestsPerSecond)).median;
}

function p99(results: readonly LoadResult[]): number {
  return spread(results.map((result) => result.p99Ms)).median;
}

function describe(results: readonly LoadResult[]): string {
  return `${rps(results)} req/s, p99 ${p99(results)} ms`;
}

function failures(results: readonly LoadResult[]): string {
  const errors = results.reduce((sum, result) => sum + result.errors, 0);
  return errors > 0 ? `; ${errors} failed requests` : "";
}

function summary(results: readonly LoadResult[]): Record<string, Spread | number> {
  return {
    requestsPerSecond: spread(results.map((result) => result.requestsPerSecond)),
    p50Ms: spread(results.map((result) => result.p50Ms)),
    p99Ms: spread(results.map((result) => result.p99Ms)),
    failedRequests: results.reduce((sum, result) => sum + result.errors, 0),
  };
}

function summarize(results: Record<string, readonly LoadResult[]>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(results).map(([name, list]) => [name, summary(list)]));
}

interface Captured {
  path: string;
  label: string;
  body: Buffer;
  contentType: string;
  cacheControl: string | null;
  etag: string | null;
}

async function capture(port: number, pagePath: string, label: string): Promise<Captured> {
  const response = await fetch(`http://${LOOPBACK}:${port}${pagePath}`, { signal: AbortSignal.timeout(30_000) });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`${pagePath} answered ${response.status}: ${body.toString("utf8").slice(0, 300)}`);
  return {
    path: pagePath,
    label,
    body,
    contentType: response.headers.get("content-type") ?? "application/octet-stream",
    cacheControl: response.headers.get("cache-control"),
    etag: response.headers.get("etag"),
  };
}

async function listeningPort(child: GroupChild): Promise<number> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && child.child.exitCode === null) {
    const match = /listening (\d+)/.exec(child.output());
    if (match) return Number(match[1]);
    await sleep(50);
  }
  throw new Error(`the anchor server did not start: ${child.output()}`);
}

function numberFromEnvironment(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
