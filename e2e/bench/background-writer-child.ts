/**
 * The background writer's own process (see background-writer.ts): signs in, opens a proposal
 * and joins its draft, then starts and pauses its loops when the benchmark asks, answering each
 * request with the counts so far. Leaves when the benchmark disconnects.
 *
 *   node --import tsx e2e/bench/background-writer-child.ts '<WriterOptions as JSON>'   (forked, with IPC)
 */
import { openWriterHere, type WriterOptions, type WriterReply, type WriterRequest } from "./background-writer";

function reply(message: WriterReply): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? "{}") as WriterOptions;
  let writer;
  try {
    writer = await openWriterHere(options);
  } catch (error) {
    reply({ type: "failed", message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  const opened = writer;
  process.on("message", (request: WriterRequest) => {
    void (async () => {
      if (request.type === "start") opened.start();
      else if (request.type === "pause") await opened.pause();
      reply({ type: "done", request: request.type, counts: opened.counts() });
    })();
  });
  process.on("disconnect", () => {
    void opened.close().finally(() => process.exit(0));
  });
  reply({ type: "ready" });
}

void main();
