import {
  checkApprovalKeys,
  decodeBase64,
  decodeEntryBundle,
  decodeStatement,
  entryBundlePath,
  FormatError,
  logVerifiersOf,
  parsePolicy,
  parsePublishedKeys,
  publishedKeysRewritten,
  QUORUM_NONE,
  rootFromLeafHashes,
  statementHash,
  statementLeafHash,
  TILE_WIDTH,
  verifyCheckpointWithPolicy,
  verifyConsistencyBetween,
  type Policy,
  type PublishedKey,
} from "../domain/tlog";
import { z } from "zod";
import { parseStoredJson } from "../domain/stored-json";
import { bytesEqual } from "../domain/tlog/bytes";
import { readStateFile, writeStateFile } from "./keys";

/**
 * `handbook monitor`: follows a log from any machine, as Go's checksum database client does.
 * It keeps the policy it started with and the latest checkpoint it accepted in a state file,
 * proves every newer checkpoint consistent with it, re-reads every statement from the entry
 * bundles, checks that they rebuild the checkpoint's root, that each is canonical, chains to
 * its document's previous statement, and that every signed approval verifies with a key the site
 * publishes (GET /api/v1/keys) as the approver's, registered before the version was published;
 * the key list itself may only grow (keys kept in the state file must stay as they were). Anything that
 * does not add up is a failure; a log that signed two trees no proof joins is a SECURITY ERROR
 * printed with both signed checkpoints and the proof. An unreachable log is a failure too.
 */

/** Keys kept in the state are checked as the key list itself is when it is read from the site. */
const keptKeysSchema = z.array(z.unknown()).transform((keys, context): PublishedKey[] => {
  try {
    return parsePublishedKeys({ keys });
  } catch (error) {
    context.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
    return z.NEVER;
  }
});

const monitorStateSchema = z.object({
  policy: z.string(),
  checkpoint: z.string().nullable(),
  /** The published reviewer keys as last read (absent in state files written before keys were checked). */
  keys: keptKeysSchema.optional(),
});
type MonitorState = z.infer<typeof monitorStateSchema>;

export interface MonitorOptions {
  /** The site's address, e.g. https://camnang.gov.vn. */
  baseUrl: string;
  stateFile: string;
  /** A policy file's text; else the one kept in the state, else the log's /log/policy on first run. */
  policy?: string;
  fetchImpl?: typeof fetch;
}

export type MonitorResult =
  | { ok: true; size: number; newEntries: number; unsignedLegacyApprovals: number; message: string }
  | { ok: false; security: boolean; message: string };

class MonitorFailure extends Error {
  constructor(
    message: string,
    readonly security: boolean = false,
  ) {
    super(message);
  }
}

export async function monitorOnce(options: MonitorOptions): Promise<MonitorResult> {
  try {
    return await run(options);
  } catch (error) {
    if (error instanceof MonitorFailure) return { ok: false, security: error.security, message: error.message };
    if (error instanceof FormatError) return { ok: false, security: false, message: `malformed answer from the log: ${error.message}` };
    throw error;
  }
}

async function run(options: MonitorOptions): Promise<MonitorResult> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, "");
  const get = async (path: string): Promise<Response> => {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`);
    } catch (error) {
      throw new MonitorFailure(`the log is unreachable (${path}): ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!response.ok) throw new MonitorFailure(`the log answered ${response.status} for ${path}`);
    return response;
  };
  const stored = readStateFile(options.stateFile);
  const state: MonitorState = stored ? parseStoredJson(monitorStateSchema, stored, `monitor state file ${options.stateFile}`) : { policy: "", checkpoint: null };
  const policyText = options.policy ?? (state.policy || (await (await get("/log/policy")).text()));
  let policy: Policy;
  try {
    policy = parsePolicy(policyText);
  } catch (error) {
    throw new MonitorFailure(`the policy is not valid: ${error instanceof Error ? error.message : String(error)}`);
  }

  const note = await (await get("/log/checkpoint")).text();
  // The log's signature first, then history, then the quorum: a rewrite is reported as such even when no witness cosigned it.
  const logOnly = { ...policy, quorum: QUORUM_NONE, groups: [] };
  const signed = verifyCheckpointWithPolicy(note, logOnly);
  if (!signed.ok) throw new MonitorFailure(`the checkpoint is not signed by the log (${signed.reason}): ${signed.message}`);
  const checkpoint = signed.checkpoint;
  const verifiers = logVerifiersOf(policy);

  if (state.checkpoint) {
    const previous = verifyCheckpointWithPolicy(state.checkpoint, logOnly);
    if (!previous.ok) throw new MonitorFailure(`the checkpoint kept in ${options.stateFile} no longer verifies: ${previous.message}`);
    const [from, to] = previous.checkpoint.size <= checkpoint.size ? [previous.checkpoint.size, checkpoint.size] : [checkpoint.size, previous.checkpoint.size];
    let proof: Uint8Array[] = [];
    if (from > 0 && from !== to) {
      const answer = await fetchImpl(`${base}/api/v1/log/proof/consistency?from=${from}&to=${to}`).catch(() => null);
      if (answer?.ok) proof = ((await answer.json()) as { hashes: string[] }).hashes.map(decodeBase64);
    }
    const consistency = verifyConsistencyBetween(state.checkpoint, note, proof, verifiers);
    if (!consistency.ok) throw new MonitorFailure(consistency.message, consistency.security);
    if (consistency.latest === "old") {
      throw new MonitorFailure(
        ["SECURITY ERROR", `the log serves a checkpoint of ${checkpoint.size} entries after one of ${previous.checkpoint.size}`, "", "checkpoint kept:", state.checkpoint, "checkpoint received:", note].join("\n"),
        true,
      );
    }
  }

  const checked = verifyCheckpointWithPolicy(note, policy);
  if (!checked.ok) throw new MonitorFailure(`the checkpoint does not meet the policy (${checked.reason}): ${checked.message}`);

  // Every statement, from the entry bundles; together they must be the tree the checkpoint signs.
  const statements: Uint8Array[] = [];
  for (let index = 0; index * TILE_WIDTH < checkpoint.size; index++) {
    const width = Math.min(TILE_WIDTH, checkpoint.size - index * TILE_WIDTH);
    const bundle = new Uint8Array(await (await get(`/log/${entryBundlePath({ index, width })}`)).arrayBuffer());
    statements.push(...decodeEntryBundle(bundle, width));
  }
  const leafHashes = statements.map(statementLeafHash);
  const root = rootFromLeafHashes(leafHashes);
  if (!bytesEqual(root, checkpoint.rootHash)) {
    throw new MonitorFailure(`SECURITY ERROR\nthe log's entries do not rebuild the root of its signed checkpoint\n\ncheckpoint received:\n${note}`, true);
  }
  let keys: PublishedKey[];
  try {
    keys = parsePublishedKeys(await (await get("/api/v1/keys")).json());
  } catch (error) {
    throw new MonitorFailure(`the published key list (/api/v1/keys) is not valid: ${error instanceof Error ? error.message : String(error)}`);
  }
  const rewrittenKey = publishedKeysRewritten(state.keys ?? [], keys);
  if (rewrittenKey) throw new MonitorFailure(`SECURITY ERROR\nthe published reviewer keys were rewritten: ${rewrittenKey}`, true);

  const previousSize = state.checkpoint ? verifyCheckpointWithPolicy(state.checkpoint, logOnly) : null;
  const firstNew = previousSize && previousSize.ok ? previousSize.checkpoint.size : 0;
  const lastByDocument = new Map<string, { version: number; hash: string }>();
  let unsignedLegacyApprovals = 0;
  statements.forEach((bytes, index) => {
    let statement;
    try {
      statement = decodeStatement(bytes);
    } catch (error) {
      throw new MonitorFailure(`entry ${index} is not a canonical statement: ${error instanceof Error ? error.message : String(error)}`);
    }
    const last = lastByDocument.get(statement.document);
    if ((last?.version ?? 0) + 1 !== statement.version || (last?.hash ?? null) !== statement.previousStatementHash) {
      throw new MonitorFailure(`entry ${index} (${statement.document} version ${statement.version}) does not follow the document's previous statement`);
    }
    const badApproval = checkApprovalKeys(statement, keys);
    if (badApproval) {
      throw new MonitorFailure(`SECURITY ERROR\nentry ${index} (${statement.document} version ${statement.version}): ${badApproval.message}\n\ncheckpoint received:\n${note}`, true);
    }
    for (const approval of statement.approvals) {
      if (approval.signing === "unsigned-legacy" && index >= firstNew) unsignedLegacyApprovals += 1;
    }
    lastByDocument.set(statement.document, { version: statement.version, hash: statementHash(bytes) });
  });

  writeStateFile(options.stateFile, JSON.stringify({ policy: policyText, checkpoint: note, keys } satisfies MonitorState, null, 2));
  const newEntries = checkpoint.size - firstNew;
  return {
    ok: true,
    size: checkpoint.size,
    newEntries,
    unsignedLegacyApprovals,
    message: `${checkpoint.origin}: ${checkpoint.size} entries verified (${newEntries} new, ${unsignedLegacyApprovals} unsigned legacy approval(s) among them), cosigned by ${checked.cosignatures.map((item) => item.witness).join(", ") || "no witness"}`,
  };
}
