/**
 * Reading benchmark: the published page and the documents API, served by the production
 * build (`next start`) on a fresh seeded SQLite database, against the anchor "a plain
 * `node:http` server sending the same bytes from memory". Both run as their own process on
 * loopback and are loaded by the same bounded closed-loop client, A B A B over several
 * rounds, after a noise floor (the anchor against itself).
 *
 *   npm run bench -- read        (BENCH_ROUNDS, BENCH_READ_SECONDS, BENCH_READ_CONCURRENCY)
 */
import fs from "node:fs";
import path from "node:path";
import { buildIsCurrent } from "../../lib/ops/build-stamp";
import {
  LOOPBACK,
  PROJECT_ROOT,
  benchSecrets,
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
import { closedLoopLoad, type LoadResult } from "./http-load";
import { atLeast, formatRatio, roundsFromEnvironment, row, sleep, spread, type BenchRow, type PartResult } from "./stats";

export const READ_PAGE_PATH = "/cam-nang-chuyen-doi-so/loi-tong-ket";
export const READ_API_PATH = "/api/v1/documents/cam-nang-chuyen-doi-so";

const DEFAULT_ROUNDS = 5;
/** Long enough for a few hundred requests even from a slow dynamic page, short enough for the suite. */
const DEFAULT_SECONDS = 2.5;
/** Two cores: a few requests in flight keep both busy without measuring only queueing. */
const DEFAULT_CONCURRENCY = 8;
const WARM_UP_MS = 1_500;
const INFORMATIONAL_ROUNDS = 3;
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
  const env = productEnv(databaseFile, secrets, {
    NODE_ENV: "production",
    PORT: String(webPort),
    NEXTAUTH_URL: `http://${LOOPBACK}:${webPort}`,
  });
  log(`read bench: preparing a fresh seeded database (${databaseFile})`);
  await prepareSeededDatabase(env);

  const startedAt = performance.now();
  const web = startGroup("web", process.execPath, [nextBin, "start", "-p", String(webPort), "-H", LOOPBACK], env);
  let anchor: GroupChild | null = null;
  try {
    const ready = await waitForHttp(`http://${LOOPBACK}:${webPort}/api/health`, START_TIMEOUT_MS, () => web.child.exitCode === null);
    if (!ready) throw new Error(`next start did not answer /api/health: ${web.output()}`);
    log(`read bench: next start ready on ${LOOPBACK}:${webPort} in ${Math.round(performance.now() - startedAt)} ms`);

    const page = await capture(webPort, READ_PAGE_PATH, "published page");
    const captured = [page, await capture(webPort, READ_API_PATH, "documents API")];
    // A file Next serves without rendering anything: the ceiling a cached or static page could reach.
    const script = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(page.body.toString("utf8"))?.[1];
    if (script) captured.push({ ...(await capture(webPort, script, "static file, no rendering")), informational: true });
    const manifestDirectory = path.dirname(databaseFile);
    const manifest = captured.map((page, index) => {
      const file = path.join(manifestDirectory, `body-${index}`);
      fs.writeFileSync(file, page.body);
      return { path: page.path, file, contentType: page.contentType };
    });
    const manifestFile = path.join(manifestDirectory, "manifest.json");
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    anchor = startGroup("anchor", process.execPath, tsxArgs("e2e/bench/static-server.ts", [manifestFile]), process.env);
    const anchorPort = await listeningPort(anchor);

    log(
      `read bench: ${rounds} rounds of ${durationMs / 1000} s per server, ${concurrency} keep-alive connections, closed loop; ` +
        `anchor: node:http serving the captured bytes on ${LOOPBACK}:${anchorPort}`,
    );
    const rows: BenchRow[] = [];
    const endpoints: Record<string, unknown>[] = [];
    for (const endpoint of captured) {
      const oursUrl = `http://${LOOPBACK}:${webPort}${endpoint.path}`;
      const anchorUrl = `http://${LOOPBACK}:${anchorPort}${endpoint.path}`;
      const load = (url: string, ms = durationMs) => closedLoopLoad({ url, concurrency, durationMs: ms });
      await load(oursUrl, WARM_UP_MS);
      await load(anchorUrl, WARM_UP_MS);

      // The informational line needs no noise floor of its own and fewer rounds.
      const informational = endpoint.informational === true;
      const endpointRounds = informational ? Math.min(rounds, INFORMATIONAL_ROUNDS) : rounds;
      const noiseRps: number[] = [];
      const noiseP99: number[] = [];
      for (let round = 0; round < (informational ? 0 : rounds); round++) {
        const first = await load(anchorUrl);
        const second = await load(anchorUrl);
        noiseRps.push(second.requestsPerSecond / first.requestsPerSecond);
        noiseP99.push(second.p99Ms / first.p99Ms);
      }

      const ours: LoadResult[] = [];
      const anchors: LoadResult[] = [];
      for (let round = 0; round < endpointRounds; round++) {
        ours.push(await load(oursUrl));
        anchors.push(await load(anchorUrl));
      }
      // One connection alone: the time one request costs, without waiting behind others.
      const alone = await closedLoopLoad({ url: oursUrl, concurrency: 1, durationMs: WARM_UP_MS });
      const rpsRatio = spread(ours.map((result, index) => result.requestsPerSecond / anchors[index].requestsPerSecond));
      const p99Ratio = spread(ours.map((result, index) => result.p99Ms / anchors[index].p99Ms));
      const oursRps = spread(ours.map((result) => result.requestsPerSecond));
      const anchorRps = spread(anchors.map((result) => result.requestsPerSecond));
      const oursP99 = spread(ours.map((result) => result.p99Ms));
      const anchorP99 = spread(anchors.map((result) => result.p99Ms));
      const errors = ours.reduce((sum, result) => sum + result.errors, 0);
      const label = endpoint.label;

      log(
        `${label} ${endpoint.path} (${endpoint.body.byteLength} bytes, cache-control: ${endpoint.cacheControl ?? "none"}): ` +
          `ours ${oursRps.median} req/s, p99 ${oursP99.median} ms; anchor ${anchorRps.median} req/s, p99 ${anchorP99.median} ms; ` +
          `requests/s ratio ${formatRatio(rpsRatio)}; p99 ratio ${formatRatio(p99Ratio)}; noise floor ${informational ? "n/a" : formatRatio(spread(noiseRps))}` +
          (errors > 0 ? `; ${errors} failed requests on ours` : ""),
      );
      const noise = informational ? null : spread(noiseRps);
      rows.push(
        row({
          measure: `read: ${label} requests/s`,
          ratio: rpsRatio,
          noise,
          target: informational ? "(ceiling; no target)" : ">= 0.5x",
          meets: informational ? undefined : atLeast(0.5),
          detail:
            `ours ${oursRps.median} req/s vs node:http ${anchorRps.median} req/s (${concurrency} connections, ${endpoint.body.byteLength} bytes); ` +
            `one request alone takes ${alone.p50Ms} ms on ours`,
        }),
      );
      if (!informational) {
        rows.push(
          row({
            measure: `read: ${label} p99 latency`,
            ratio: p99Ratio,
            noise: spread(noiseP99),
            target: "(none; lower is better)",
            detail: `ours p99 ${oursP99.median} ms vs node:http p99 ${anchorP99.median} ms`,
          }),
        );
      }
      endpoints.push({
        path: endpoint.path,
        bytes: endpoint.body.byteLength,
        cacheControl: endpoint.cacheControl,
        nextCache: endpoint.nextCache,
        requestsPerSecondRatio: rpsRatio,
        p99Ratio,
        informational,
        noiseFloorRequestsPerSecond: noise,
        noiseFloorP99: informational ? null : spread(noiseP99),
        ours: {
          requestsPerSecond: oursRps,
          p99Ms: oursP99,
          p50Ms: spread(ours.map((result) => result.p50Ms)),
          failedRequests: errors,
          oneConnectionP50Ms: alone.p50Ms,
        },
        anchor: { requestsPerSecond: anchorRps, p99Ms: anchorP99, p50Ms: spread(anchors.map((result) => result.p50Ms)) },
      });
      if (endpoint.cacheControl?.includes("no-store") || endpoint.cacheControl?.includes("private")) {
        notes.push(`${endpoint.path} is rendered per request (cache-control: ${endpoint.cacheControl})`);
      }
    }
    return { rows, notes, details: { rounds, durationMs, concurrency, endpoints } };
  } finally {
    await anchor?.stop();
    await web.stop();
  }
}

interface Captured {
  path: string;
  label: string;
  /** Measured to explain the others; no target applies. */
  informational?: boolean;
  body: Buffer;
  contentType: string;
  cacheControl: string | null;
  nextCache: string | null;
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
    nextCache: response.headers.get("x-nextjs-cache"),
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
