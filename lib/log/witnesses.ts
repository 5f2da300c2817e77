import {
  formatPolicy,
  parseVerifierKey,
  QUORUM_NONE,
  SIGNATURE_TYPE_COSIGNATURE,
  TLOG_SIZE_CONTENT_TYPE,
  type GroupThreshold,
  type Policy,
  type VerifierKey,
} from "../domain/tlog";

/**
 * The witnesses this installation pushes each new checkpoint to, and the policy it publishes.
 *
 *   HANDBOOK_WITNESSES="<witness vkey> <url>, <witness vkey> <url>"   (commas or newlines)
 *   HANDBOOK_WITNESS_QUORUM=any | all | <k> | none                    (default: any)
 *
 * A witness's verifier key names it (`archive.gov.vn+1a2b3c4d+BA…`, a cosignature key, type
 * 0x04, as `handbook witness` prints it); the url is the prefix its `add-checkpoint` lives under.
 */

export const WITNESS_GROUP = "witnesses";
/** How long a push to one witness may take before it counts as a failure. */
export const WITNESS_TIMEOUT_MS = 10_000;

export interface ConfiguredWitness {
  name: string;
  key: VerifierKey;
  url: string;
}

export class WitnessConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WitnessConfigError";
  }
}

export function parseWitnessList(text: string | undefined): ConfiguredWitness[] {
  if (!text || text.trim() === "") return [];
  const witnesses = text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map((entry) => {
      const [vkey, url, ...rest] = entry.split(/\s+/);
      if (!vkey || !url || rest.length > 0) throw new WitnessConfigError(`HANDBOOK_WITNESSES: "${entry}" is not "<verifier key> <url>"`);
      let key: VerifierKey;
      try {
        key = parseVerifierKey(vkey);
      } catch (error) {
        throw new WitnessConfigError(`HANDBOOK_WITNESSES: ${vkey} is not a verifier key (${error instanceof Error ? error.message : String(error)})`);
      }
      if (key.type !== SIGNATURE_TYPE_COSIGNATURE) throw new WitnessConfigError(`HANDBOOK_WITNESSES: ${key.name} is not a cosignature (witness) key`);
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new WitnessConfigError(`HANDBOOK_WITNESSES: ${url} is not a URL`);
      }
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new WitnessConfigError(`HANDBOOK_WITNESSES: ${url} is not http(s)`);
      return { name: key.name, key, url: url.replace(/\/+$/, "") };
    });
  const names = new Set<string>();
  for (const witness of witnesses) {
    if (names.has(witness.name)) throw new WitnessConfigError(`HANDBOOK_WITNESSES: ${witness.name} is listed twice`);
    names.add(witness.name);
  }
  return witnesses;
}

export function parseQuorum(text: string | undefined, witnessCount: number): GroupThreshold | "none" {
  const value = (text ?? "").trim() || (witnessCount > 0 ? "any" : QUORUM_NONE);
  if (value === QUORUM_NONE || value === "any" || value === "all") return value;
  if (/^[1-9][0-9]*$/.test(value) && Number(value) <= witnessCount) return Number(value);
  throw new WitnessConfigError(`HANDBOOK_WITNESS_QUORUM must be any, all, none or a number from 1 to ${witnessCount}`);
}

export function configuredWitnesses(env: NodeJS.ProcessEnv = process.env): ConfiguredWitness[] {
  return parseWitnessList(env.HANDBOOK_WITNESSES);
}

/** The tlog-policy file a verifier of this log should use: the log key, the witnesses and the quorum. */
export function logPolicy(input: { logKey: VerifierKey; logUrl: string | null; witnesses: readonly ConfiguredWitness[]; quorum: GroupThreshold | "none" }): Policy {
  const { witnesses, quorum } = input;
  const policy: Policy = {
    logs: [{ key: input.logKey, url: input.logUrl }],
    witnesses: witnesses.map((witness) => ({ name: witness.name, key: witness.key, url: witness.url })),
    groups: [],
    quorum: QUORUM_NONE,
  };
  if (quorum !== QUORUM_NONE && witnesses.length > 0) {
    policy.groups.push({ name: WITNESS_GROUP, threshold: quorum, members: witnesses.map((witness) => witness.name) });
    policy.quorum = WITNESS_GROUP;
  }
  return policy;
}

export function logPolicyText(input: Parameters<typeof logPolicy>[0]): string {
  return formatPolicy(logPolicy(input));
}

export type WitnessAnswer =
  | { kind: "cosigned"; lines: string }
  | { kind: "size_mismatch"; size: number }
  | { kind: "refused"; status: number; body: string }
  | { kind: "unreachable"; message: string };

/** One `POST <url>/add-checkpoint`, answered as the tlog-witness spec defines. */
export async function postAddCheckpoint(url: string, body: string, timeoutMs: number = WITNESS_TIMEOUT_MS): Promise<WitnessAnswer> {
  let response: Response;
  try {
    response = await fetch(`${url}/add-checkpoint`, {
      method: "POST",
      body,
      headers: { "content-type": "text/plain; charset=utf-8" },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { kind: "unreachable", message: error instanceof Error ? error.message : String(error) };
  }
  const text = await response.text();
  if (response.status === 200) return { kind: "cosigned", lines: text };
  if (response.status === 409 && (response.headers.get("content-type") ?? "").startsWith(TLOG_SIZE_CONTENT_TYPE) && /^[0-9]+\n?$/.test(text)) {
    return { kind: "size_mismatch", size: Number(text.trim()) };
  }
  return { kind: "refused", status: response.status, body: text.slice(0, 500) };
}
