/**
 * What the benchmarks need around the product: fresh seeded SQLite databases under the
 * system's temporary directory, secrets of their own, free loopback ports, and children in
 * their own process groups that are always stopped, even when a part fails or is interrupted.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { MIN_SECRET_LENGTH } from "../../lib/auth/secrets";
import { sleep } from "./stats";

export const LOOPBACK = "127.0.0.1";

export const PROJECT_ROOT = process.cwd();

const TSX_IMPORT = ["--import", "tsx"];

/** A fresh database file of its own per part and process, removed at exit. */
export function temporaryDatabaseFile(name: string): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), `camnang-bench-${name}-`));
  onExit(() => fs.rmSync(directory, { recursive: true, force: true }));
  return path.join(directory, "handbook.db");
}

export interface BenchSecrets {
  NEXTAUTH_SECRET: string;
  COLLAB_TOKEN_SECRET: string;
  COLLAB_INTERNAL_SECRET: string;
}

/** Secrets for this run only, never the install's own (data/secrets.json). */
export function benchSecrets(): BenchSecrets {
  const secret = () => randomBytes(32).toString("base64url");
  const secrets = { NEXTAUTH_SECRET: secret(), COLLAB_TOKEN_SECRET: secret(), COLLAB_INTERNAL_SECRET: secret() };
  for (const value of Object.values(secrets)) if (value.length < MIN_SECRET_LENGTH) throw new Error("secret too short");
  return secrets;
}

/** The environment every product process of a part shares. */
export function productEnv(databaseFile: string, secrets: BenchSecrets, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...secrets,
    DATABASE_URL: `file:${databaseFile}`,
    HANDBOOK_ROOT: PROJECT_ROOT,
    NEXT_TELEMETRY_DISABLED: "1",
    // Nothing in the benchmarks talks to a collaboration server unless it starts one.
    COLLAB_PORT: "9",
    COLLAB_INTERNAL_URL: `http://${LOOPBACK}:9`,
    COLLAB_PUBLIC_URL: `ws://${LOOPBACK}:9`,
    ...extra,
  };
}

/**
 * Applies the migrations and seeds the handbook (demo ministries and people, versions 1
 * and 2), the way `npm run migrate` does on a fresh install.
 */
export async function prepareSeededDatabase(env: NodeJS.ProcessEnv): Promise<void> {
  const output: string[] = [];
  const child = spawn(process.execPath, [...TSX_IMPORT, path.join(PROJECT_ROOT, "lib/ops/migrate-command.ts")], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const code = await exitOf(child, 120_000);
  if (code !== 0) throw new Error(`migrate-command failed (${code}): ${output.join("").slice(-2_000)}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface GroupChild {
  child: ChildProcess;
  /** The last lines it wrote, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts a command in its own process group (so that everything it starts is stopped with
 * it) and keeps the tail of its output. Stopped at exit whatever happens.
 */
export function startGroup(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): GroupChild {
  const child = spawn(command, args, { env, cwd: PROJECT_ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(chunk.toString());
    if (tail.length > 50) tail.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.on("error", (error) => tail.push(`[${name}] failed to start: ${error.message}`));
  const kill = (signal: NodeJS.Signals) => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const unregister = onExit(() => kill("SIGKILL"));
  return {
    child,
    output: () => tail.join("").slice(-3_000),
    async stop() {
      kill("SIGTERM");
      const code = await exitOf(child, 10_000);
      if (code === null) kill("SIGKILL");
      unregister();
    },
  };
}

/** Resolves with the exit code, or null if the child is still running after the timeout. */
export function exitOf(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  if (child.signalCode !== null) return Promise.resolve(1);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** Waits until a URL answers 2xx; false after the timeout. */
export async function waitForHttp(url: string, timeoutMs: number, alive: () => boolean = () => true): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && alive()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.ok) return true;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  return false;
}

/**
 * BENCH_CPU_PROF_DIR=<dir> runs the server children of a benchmark under `node --cpu-prof`,
 * one .cpuprofile per process in that directory (Node refuses --cpu-prof in NODE_OPTIONS, so it
 * cannot come from there). Node writes the profile only when the process exits by itself, so a
 * child that would die of the SIGTERM it is stopped with exits on it instead
 * (e2e/bench/exit-on-sigterm.mjs); `exitsOnSigterm` says the child already does.
 */
export function cpuProfileArgs(options: { exitsOnSigterm?: boolean } = {}): string[] {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  if (!dir) return [];
  const exit = options.exitsOnSigterm ? [] : ["--import", path.join(PROJECT_ROOT, "e2e/bench/exit-on-sigterm.mjs")];
  return [...exit, "--cpu-prof", `--cpu-prof-dir=${path.resolve(dir)}`];
}

/** `node --expose-gc --import tsx <script>`: how benchmark children run TypeScript. */
export function tsxArgs(script: string, args: string[] = []): string[] {
  return ["--expose-gc", ...TSX_IMPORT, path.resolve(PROJECT_ROOT, script), ...args];
}

const exitHandlers = new Set<() => void>();
let exitHooked = false;

/**
 * Runs `handler` synchronously when the process leaves, normally or on SIGINT/SIGTERM.
 * Returns a function that removes it.
 */
export function onExit(handler: () => void): () => void {
  exitHandlers.add(handler);
  if (!exitHooked) {
    exitHooked = true;
    process.on("exit", runExitHandlers);
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        runExitHandlers();
        process.exit(130);
      });
    }
  }
  return () => exitHandlers.delete(handler);
}

function runExitHandlers(): void {
  for (const handler of [...exitHandlers]) {
    exitHandlers.delete(handler);
    try {
      handler();
    } catch {
      // Best effort: the process is leaving.
    }
  }
}
