/**
 * What the collaboration benchmarks share: a server child (ours or bare Hocuspocus) to talk
 * to over IPC, and Node clients that connect to it the way the editor does.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { LOOPBACK, PROJECT_ROOT, cpuProfileArgs, exitOf, onExit } from "./bench-env";

export type ChildRequest =
  | { type: "heap" }
  | { type: "documents" }
  | { type: "metrics" }
  | { type: "hold"; updates: string[] }
  | { type: "release" }
  | { type: "stop" };

export type ChildReply =
  | { type: "ready"; port: number }
  | { type: "heap"; heapUsed: number; documents: number }
  | { type: "documents"; documents: number }
  | { type: "metrics"; metrics: unknown }
  | { type: "held"; count: number }
  | { type: "stopped" }
  | { type: "error"; message: string };

export interface CollabChild {
  mode: "ours" | "bare";
  port: number;
  url: string;
  request<T extends ChildReply["type"]>(request: ChildRequest, expect: T): Promise<Extract<ChildReply, { type: T }>>;
  stop(): Promise<void>;
  /** The last lines it wrote to stderr, for error messages. */
  output(): string;
}

const START_TIMEOUT_MS = 60_000;

const REQUEST_TIMEOUT_MS = 60_000;

export async function startCollabChild(mode: "ours" | "bare", env: NodeJS.ProcessEnv): Promise<CollabChild> {
  const child: ChildProcess = fork(path.join(PROJECT_ROOT, "e2e/bench/collab-server-child.ts"), [mode], {
    cwd: PROJECT_ROOT,
    env,
    // Bytecode flushing frees code of idle functions at random collections, which would show as
    // heap changes of hundreds of KiB unrelated to the documents being measured.
    execArgv: ["--expose-gc", "--no-flush-bytecode", ...cpuProfileArgs({ exitsOnSigterm: true }), "--import", "tsx"],
    detached: true,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(chunk.toString());
    if (tail.length > 40) tail.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const unregister = onExit(() => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  });

  let nextId = 1;
  const waiting = new Map<number, (reply: ChildReply) => void>();
  child.on("message", (message: { id: number; reply: ChildReply }) => {
    waiting.get(message.id)?.(message.reply);
    waiting.delete(message.id);
  });
  child.on("exit", (code) => {
    for (const resolve of waiting.values()) resolve({ type: "error", message: `server exited (${code}): ${tail.join("").slice(-1_500)}` });
    waiting.clear();
  });

  const reply = (id: number, timeoutMs: number) =>
    new Promise<ChildReply>((resolve) => {
      const timer = setTimeout(() => {
        waiting.delete(id);
        resolve({ type: "error", message: `no answer within ${timeoutMs} ms: ${tail.join("").slice(-1_500)}` });
      }, timeoutMs);
      waiting.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
    });

  const ready = await reply(0, START_TIMEOUT_MS);
  if (ready.type !== "ready") {
    killGroup(child);
    unregister();
    throw new Error(ready.type === "error" ? ready.message : `unexpected answer ${ready.type}`);
  }
  const port = ready.port;
  return {
    mode,
    port,
    url: `ws://${LOOPBACK}:${port}`,
    async request(request, expect) {
      if (child.exitCode !== null) throw new Error(`the ${mode} server is gone: ${tail.join("").slice(-1_500)}`);
      const id = nextId++;
      const answer = reply(id, REQUEST_TIMEOUT_MS);
      child.send({ id, request });
      const result = await answer;
      if (result.type !== expect) throw new Error(result.type === "error" ? result.message : `expected ${expect}, got ${result.type}`);
      return result as Extract<ChildReply, { type: typeof expect }>;
    },
    async stop() {
      if (child.exitCode === null) {
        const id = nextId++;
        const answer = reply(id, 15_000);
        child.send({ id, request: { type: "stop" } });
        await answer;
        if ((await exitOf(child, 5_000)) === null) killGroup(child);
      }
      unregister();
    },
    output: () => tail.join("").slice(-3_000),
  };
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

export interface Client {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  close(): void;
}

const SYNC_TIMEOUT_MS = 30_000;

/**
 * A provider on `socket`, or on a socket of its own, synced with the server. Rejects when
 * the server refuses it or does not sync in time.
 */
export function connectClient(options: {
  url: string;
  name: string;
  token: string;
  doc?: Y.Doc;
  socket?: HocuspocusProviderWebsocket;
}): Promise<Client> {
  const ownSocket = options.socket === undefined;
  const socket = options.socket ?? new HocuspocusProviderWebsocket({ url: options.url, WebSocketPolyfill: WebSocket });
  const doc = options.doc ?? new Y.Doc();
  return new Promise((resolve, reject) => {
    let settled = false;
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: options.name,
      document: doc,
      token: options.token,
      onSynced: () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ doc, provider, close });
      },
      onAuthenticationFailed: ({ reason }) => fail(new Error(`refused: ${reason}`)),
    });
    // A provider given a socket (its own or a shared one) does not sync until it is attached.
    provider.attach();
    const close = () => {
      provider.destroy();
      if (ownSocket) socket.destroy();
    };
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      close();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`${options.name} did not sync within ${SYNC_TIMEOUT_MS} ms`)), SYNC_TIMEOUT_MS);
  });
}
