/**
 * A collaboration server in a process of its own, for the fan-out and memory benchmarks:
 *
 *   ours  createCollabServer (lib/collab/server.ts) with its authentication, persistence,
 *         content guard, durable log and limits, on the database in DATABASE_URL
 *   bare  `new Server()` from @hocuspocus/server with no hooks at all
 *
 * Started by collab-harness.ts through `fork` with --expose-gc; it answers over IPC with its
 * port, its heap after a full collection, its documents, and our server's own timings.
 */
import { Server } from "@hocuspocus/server";
import * as Y from "yjs";
import { LOOPBACK } from "./bench-env";
import type { ChildReply, ChildRequest } from "./collab-harness";
import { collectGarbage, errorText, sleep } from "./stats";

type Mode = "ours" | "bare";

interface Running {
  port: number;
  documents(): number;
  metrics(): unknown;
  destroy(): Promise<void>;
}

async function startOurs(): Promise<Running> {
  const [{ createCollabServer }, { collabConfigFromEnv }, { getDb, disconnectDb }, { createLogger }] = await Promise.all([
    import("../../lib/collab/server"),
    import("../../lib/collab/config"),
    import("../../lib/db/client"),
    import("../../lib/collab/logger"),
  ]);
  const config = { ...collabConfigFromEnv(), port: 0, host: LOOPBACK, allowedOrigins: [] };
  const db = await getDb();
  const collab = createCollabServer({ ...config, db, logger: createLogger("warn", (line) => process.stderr.write(`${line}\n`)) });
  const port = await collab.listen();
  return {
    port,
    documents: () => collab.server.hocuspocus.getDocumentsCount(),
    metrics: () => collab.metrics.summary(),
    async destroy() {
      await collab.destroy();
      await disconnectDb();
    },
  };
}

async function startBare(): Promise<Running> {
  const server = new Server({ port: 0, address: LOOPBACK, quiet: true, stopOnSignals: false });
  await server.listen();
  return {
    port: server.address.port,
    documents: () => server.hocuspocus.getDocumentsCount(),
    metrics: () => ({}),
    destroy: () => server.destroy(),
  };
}

async function heapAfterCollection(): Promise<number> {
  // Two passes with a turn between them: weak references and finalizers settle after the first.
  for (let pass = 0; pass < 3; pass++) {
    collectGarbage?.();
    await sleep(20);
  }
  return process.memoryUsage().heapUsed;
}

/** Documents held outside any server: the memory anchor, in the same process as the server. */
let heldDocuments: Y.Doc[] = [];

async function handle(running: Running, request: ChildRequest): Promise<ChildReply> {
  switch (request.type) {
    case "heap":
      return { type: "heap", heapUsed: await heapAfterCollection(), documents: running.documents() };
    case "documents":
      return { type: "documents", documents: running.documents() };
    case "metrics":
      return { type: "metrics", metrics: running.metrics() };
    case "hold": {
      heldDocuments = request.updates.map((update) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, new Uint8Array(Buffer.from(update, "base64")));
        return doc;
      });
      return { type: "held", count: heldDocuments.length };
    }
    case "release": {
      for (const doc of heldDocuments) doc.destroy();
      heldDocuments = [];
      return { type: "held", count: 0 };
    }
    case "stop":
      await running.destroy();
      return { type: "stopped" };
  }
}

async function main(): Promise<void> {
  const mode = process.argv[2] as Mode;
  if (mode !== "ours" && mode !== "bare") throw new Error(`unknown mode ${String(mode)}`);
  if (!process.send) throw new Error("collab-server-child must be started with an IPC channel");
  const running = mode === "ours" ? await startOurs() : await startBare();
  process.on("message", (message: { id: number; request: ChildRequest }) => {
    handle(running, message.request)
      .then((reply) => process.send?.({ id: message.id, reply }))
      .catch((error: unknown) => process.send?.({ id: message.id, reply: { type: "error", message: errorText(error) } }))
      .finally(() => {
        if (message.request.type === "stop") setImmediate(() => process.exit(0));
      });
  });
  process.send({ id: 0, reply: { type: "ready", port: running.port } });
}

// The parent going away (a crash, an interrupt) must not leave a server behind.
process.on("disconnect", () => process.exit(0));

main().catch((error: unknown) => {
  process.send?.({ id: 0, reply: { type: "error", message: errorText(error) } });
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 100);
});
