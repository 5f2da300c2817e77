/**
 * A bounded closed-loop HTTP client: `concurrency` keep-alive connections, each sending its
 * next GET as soon as the previous answer is fully read, for a fixed time. The same client
 * measures our server and its anchor, so its own cost is in both figures.
 */
import http from "node:http";
import { percentileOfSorted, round } from "./stats";

export interface LoadOptions {
  url: string;
  concurrency: number;
  durationMs: number;
  /** One request taking longer than this counts as an error and ends that connection's loop. */
  requestTimeoutMs?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Bytes of the last successful body, to check both servers sent the same thing. */
  bodyBytes: number;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

export async function closedLoopLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const target = new URL(options.url);
  const latencies: number[] = [];
  let errors = 0;
  let bodyBytes = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  let finished = started;

  const loop = async () => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      try {
        const { status, bytes } = await get(agent, target, options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
        const done = performance.now();
        finished = Math.max(finished, done);
        if (status !== 200) {
          errors += 1;
          continue;
        }
        latencies.push(done - sent);
        bodyBytes = bytes;
      } catch {
        errors += 1;
        // A failing server is not hammered in a tight loop.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  agent.destroy();

  const sorted = latencies.sort((left, right) => left - right);
  const elapsedSeconds = Math.max(1e-3, (finished - started) / 1000);
  return {
    requests: sorted.length,
    errors,
    requestsPerSecond: round(sorted.length / elapsedSeconds),
    p50Ms: round(percentileOfSorted(sorted, 0.5)),
    p99Ms: round(percentileOfSorted(sorted, 0.99)),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
    bodyBytes,
  };
}

function get(agent: http.Agent, target: URL, timeoutMs: number): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: "GET", agent },
      (response) => {
        let bytes = 0;
        response.on("data", (chunk: Buffer) => {
          bytes += chunk.byteLength;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, bytes }));
        response.on("error", reject);
      },
    );
    request.setTimeout(timeoutMs, () => request.destroy(new Error("request timed out")));
    request.on("error", reject);
    request.end();
  });
}
