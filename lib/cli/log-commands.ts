import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../db/config";
import { verifyVersionFiles } from "../domain/tlog";
import { monitorOnce } from "../log/monitor";
import { createWitness, witnessHttpServer } from "../log/witness-server";
import { optionalOption, requireOption, UsageError, type Command, type ParsedArgs } from "./commands";
import { cliText } from "./text";

/** The transparency log from the command line: verify a version offline, run a witness, monitor a log. */

export const DEFAULT_WITNESS_PORT = 3030;
export const DEFAULT_MONITOR_INTERVAL_SECONDS = 300;
/** Exit code of a monitor that found evidence against the log (other failures exit 1). */
export const SECURITY_ERROR_EXIT_CODE = 3;
const MS_PER_SECOND = 1000;

export class CommandExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function readFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new UsageError(cliText().cannotRead({ file, detail: error instanceof Error ? error.message : String(error) }));
  }
}

/**
 * `verify --offline --content version.json --proof file.tlog-proof --policy policy.txt`: the
 * content is the version JSON of `GET /api/v1/documents/{slug}/versions/{n}` as saved; the
 * statement comes from the proof file's extra line (or the JSON's `statement`). No network. The
 * same checks as the /kiem-chung page (lib/domain/tlog/reader-check.ts), NFC included.
 */
export function verifyOffline(args: ParsedArgs): string {
  const t = cliText().log;
  const contentFile = requireOption(args, "content");
  const proofText = readFile(requireOption(args, "proof")).toString("utf8");
  const policyText = readFile(requireOption(args, "policy")).toString("utf8");
  const result = verifyVersionFiles({ content: readFile(contentFile).toString("utf8"), proof: proofText, policy: policyText });
  if (!result.ok && result.reason === "content_invalid") throw new UsageError(t.notVersionJson({ file: contentFile, detail: result.message }));
  if (!result.ok && result.reason === "statement_missing") throw new UsageError(result.message);
  if (!result.ok) throw new CommandExit(1, t.notVerified({ reason: result.reason, detail: result.message }));
  const doc = optionalOption(args, "doc");
  if (doc && result.statement.document !== doc) throw new CommandExit(1, t.notVerified({ reason: "statement_mismatch", detail: t.statementForOther(result.statement.document) }));
  const witnesses = result.cosignatures.map((item) => t.witnessAt({ witness: item.witness, at: new Date(item.timestamp * MS_PER_SECOND).toISOString() }));
  const approvals = result.statement.approvals.map((item) => `${item.reviewer.name} (${item.signing === "ed25519" ? item.keyFingerprint : t.unsignedLegacy})`);
  return [
    t.verified({ document: result.statement.document, version: result.statement.version, entry: result.leafIndex, size: result.checkpoint.size, origin: result.checkpoint.origin }),
    t.statement({ hash: result.statementHash, publishedAt: result.statement.publishedAt, publisher: result.statement.publisher.name }),
    t.approvals(approvals.join(", ") || t.none),
    t.witnesses(witnesses.join(", ") || t.noWitnessRequired),
  ].join("\n");
}

function dataFile(args: ParsedArgs, option: string, fallback: string): string {
  return path.resolve(projectRoot(), optionalOption(args, option) ?? fallback);
}

export const witnessCommand: Command = {
  name: "witness",
  words: "witness",
  options: { log: "string", name: "string", key: "string", state: "string", port: "string", host: "string" },
  async run(args) {
    const logKeys = requireOption(args, "log").split(",").map((key) => key.trim()).filter(Boolean);
    const stateFile = dataFile(args, "state", "data/witness-state.json");
    const witness = createWitness({
      keyFile: dataFile(args, "key", "data/witness-key"),
      name: optionalOption(args, "name") ?? `${os.hostname()}/witness`,
      stateFile,
      logKeys,
    });
    const port = Number(optionalOption(args, "port") ?? DEFAULT_WITNESS_PORT);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(cliText().log.portChoice);
    const host = optionalOption(args, "host") ?? "127.0.0.1";
    const server = witnessHttpServer(witness, { stateFile });
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    console.log(cliText().log.witnessListening({ name: witness.key.signer.name, url: `http://${host}:${port}` }));
    console.log(cliText().log.witnessKey(witness.verifierKey));
    await new Promise<void>((resolve) => {
      process.once("SIGINT", () => server.close(() => resolve()));
      process.once("SIGTERM", () => server.close(() => resolve()));
    });
  },
};

export const monitorCommand: Command = {
  name: "monitor",
  words: "monitor",
  options: { url: "string", policy: "string", state: "string", once: "boolean", interval: "string" },
  async run(args) {
    const baseUrl = requireOption(args, "url");
    const policyFile = optionalOption(args, "policy");
    const options = {
      baseUrl,
      stateFile: dataFile(args, "state", "data/monitor-state.json"),
      policy: policyFile ? readFile(policyFile).toString("utf8") : undefined,
    };
    const interval = Number(optionalOption(args, "interval") ?? DEFAULT_MONITOR_INTERVAL_SECONDS);
    if (!Number.isInteger(interval) || interval < 1) throw new UsageError(cliText().log.intervalChoice);
    for (;;) {
      const result = await monitorOnce(options);
      if (!result.ok) throw new CommandExit(result.security ? SECURITY_ERROR_EXIT_CODE : 1, result.message);
      console.log(`[monitor] ${new Date().toISOString()} ${result.message}`);
      if (args.options.once) return;
      await new Promise((resolve) => setTimeout(resolve, interval * MS_PER_SECOND));
    }
  },
};

export const LOG_COMMANDS: Command[] = [witnessCommand, monitorCommand];
