import { bytesEqual, decodeUtf8, FormatError, textBytes } from "./bytes";
import { parseCheckpoint, type ParsedCheckpoint } from "./checkpoint";
import { cosignatureVerifier, parseCosignature } from "./cosignature";
import {
  formatVerifierKey,
  NoteError,
  noteVerifier,
  openNote,
  parseNote,
  parseVerifierKey,
  SIGNATURE_TYPE_COSIGNATURE,
  SIGNATURE_TYPE_ED25519,
  type NoteVerifier,
  type VerifierKey,
} from "./note";

/**
 * C2SP tlog-policy: which logs and witnesses a verifier trusts, and the quorum of witness
 * cosignatures a checkpoint needs.
 *
 *   log <vkey> [<url>]
 *   witness <name> <vkey> [<url>]
 *   group <name> all|any|<k> <member>...
 *   quorum <name>|none
 *
 * Log keys must be Ed25519 note keys (0x01) and witness keys Ed25519 cosignature keys (0x04),
 * the only types this module verifies. Names are compared exactly. The spec treats non-ASCII
 * octets as opaque; this parser requires the file to be UTF-8 (key names must be anyway).
 * "Each defined name can be listed as a group member at most once" is read across the whole
 * file, so no witness can count twice towards the quorum.
 */

/** Largest policy file read. */
export const MAX_POLICY_BYTES = 64 * 1024;
/** Most logs, witnesses and groups in one policy (the spec recommends supporting at least 32 of each). */
export const MAX_POLICY_LOGS = 64;
export const MAX_POLICY_WITNESSES = 256;
export const MAX_POLICY_GROUPS = 256;

export const QUORUM_NONE = "none";

export interface PolicyLog {
  key: VerifierKey;
  url: string | null;
}

export interface PolicyWitness {
  name: string;
  key: VerifierKey;
  url: string | null;
}

export type GroupThreshold = "all" | "any" | number;

export interface PolicyGroup {
  name: string;
  threshold: GroupThreshold;
  members: string[];
}

export interface Policy {
  logs: PolicyLog[];
  witnesses: PolicyWitness[];
  groups: PolicyGroup[];
  /** A witness or group name, or "none". */
  quorum: string;
}

function isAllowedOctet(byte: number): boolean {
  return byte === 0x09 || byte === 0x0a || (byte >= 0x20 && byte !== 0x7f);
}

function fields(line: string): string[] {
  const out: string[] = [];
  let current = "";
  for (const character of line) {
    if (character === " " || character === "\t") {
      if (current !== "") out.push(current);
      current = "";
    } else {
      current += character;
    }
  }
  if (current !== "") out.push(current);
  return out;
}

/** Parses a policy file, checking every rule of the spec. Throws FormatError naming the line. */
export function parsePolicy(input: Uint8Array | string): Policy {
  const bytes = textBytes(input);
  if (bytes.length > MAX_POLICY_BYTES) throw new FormatError("policy file too large");
  if (!bytes.every(isAllowedOctet)) throw new FormatError("policy files allow no control characters but tab and newline");
  const text = decodeUtf8(bytes);
  if (text.length > 0 && !text.endsWith("\n")) throw new FormatError("every policy line ends in a newline");
  const builder = new PolicyBuilder();
  text
    .slice(0, -1)
    .split("\n")
    .forEach((line, position) => {
      const parts = fields(line);
      if (parts.length === 0 || parts[0].startsWith("#")) return;
      try {
        builder.add(parts);
      } catch (error) {
        if (error instanceof FormatError) throw new FormatError(`policy line ${position + 1}: ${error.message}`);
        throw error;
      }
    });
  return builder.finish();
}

class PolicyBuilder {
  private readonly policy: Policy = { logs: [], witnesses: [], groups: [], quorum: "" };
  private readonly names = new Set<string>();
  private readonly usedAsMember = new Set<string>();
  private hasQuorum = false;

  add(parts: string[]): void {
    const [keyword, ...rest] = parts;
    if (keyword === "log") return this.addLog(rest);
    if (keyword === "witness") return this.addWitness(rest);
    if (keyword === "group") return this.addGroup(rest);
    if (keyword === "quorum") return this.addQuorum(rest);
    throw new FormatError(`unknown keyword ${JSON.stringify(keyword)}`);
  }

  private addLog(rest: string[]): void {
    if (rest.length < 1 || rest.length > 2) throw new FormatError("log <vkey> [<url>]");
    const key = parseVerifierKey(rest[0]);
    if (key.type !== SIGNATURE_TYPE_ED25519) throw new FormatError("a log key must be an Ed25519 note key (type 0x01)");
    if (this.policy.logs.some((log) => bytesEqual(log.key.publicKey, key.publicKey))) throw new FormatError("duplicate log key");
    if (this.policy.logs.length === MAX_POLICY_LOGS) throw new FormatError("too many logs");
    this.policy.logs.push({ key, url: rest[1] ?? null });
  }

  private addWitness(rest: string[]): void {
    if (rest.length < 2 || rest.length > 3) throw new FormatError("witness <name> <vkey> [<url>]");
    const [name, vkey, url] = rest;
    this.define(name);
    const key = parseVerifierKey(vkey);
    if (key.type !== SIGNATURE_TYPE_COSIGNATURE) throw new FormatError("a witness key must be an Ed25519 cosignature key (type 0x04)");
    if (this.policy.witnesses.some((witness) => bytesEqual(witness.key.publicKey, key.publicKey))) throw new FormatError("duplicate witness key");
    if (this.policy.witnesses.length === MAX_POLICY_WITNESSES) throw new FormatError("too many witnesses");
    this.policy.witnesses.push({ name, key, url: url ?? null });
  }

  private addGroup(rest: string[]): void {
    if (rest.length < 3) throw new FormatError("group <name> all|any|<k> <member>...");
    const [name, thresholdText, ...members] = rest;
    for (const member of members) {
      if (member === QUORUM_NONE || !this.names.has(member)) throw new FormatError(`group member ${JSON.stringify(member)} is not defined above`);
      if (this.usedAsMember.has(member)) throw new FormatError(`${JSON.stringify(member)} is already a group member`);
      this.usedAsMember.add(member);
    }
    const threshold = parseThreshold(thresholdText, members.length);
    this.define(name);
    if (this.policy.groups.length === MAX_POLICY_GROUPS) throw new FormatError("too many groups");
    this.policy.groups.push({ name, threshold, members });
  }

  private addQuorum(rest: string[]): void {
    if (rest.length !== 1) throw new FormatError("quorum <name>");
    if (this.hasQuorum) throw new FormatError("a policy has exactly one quorum line");
    const [name] = rest;
    if (name !== QUORUM_NONE && !this.names.has(name)) throw new FormatError(`quorum ${JSON.stringify(name)} is not defined above`);
    this.policy.quorum = name;
    this.hasQuorum = true;
  }

  private define(name: string): void {
    if (name === QUORUM_NONE) throw new FormatError("the name none is reserved");
    if (this.names.has(name)) throw new FormatError(`${JSON.stringify(name)} is defined twice`);
    this.names.add(name);
  }

  finish(): Policy {
    if (!this.hasQuorum) throw new FormatError("a policy needs a quorum line");
    return this.policy;
  }
}

function parseThreshold(text: string, memberCount: number): GroupThreshold {
  if (text === "all" || text === "any") return text;
  if (!/^[1-9][0-9]{0,3}$/.test(text)) throw new FormatError("a group threshold is all, any or a decimal k");
  const k = Number(text);
  if (k > memberCount) throw new FormatError("a group threshold k must be between 1 and the number of members");
  return k;
}

/** The policy file for a policy (logs, then witnesses, groups and the quorum). */
export function formatPolicy(policy: Policy): string {
  const withUrl = (line: string, url: string | null) => (url === null ? `${line}\n` : `${line} ${url}\n`);
  const lines = [
    ...policy.logs.map((log) => withUrl(`log ${formatVerifierKey(log.key)}`, log.url)),
    ...policy.witnesses.map((witness) => withUrl(`witness ${witness.name} ${formatVerifierKey(witness.key)}`, witness.url)),
    ...policy.groups.map((group) => `group ${group.name} ${group.threshold} ${group.members.join(" ")}\n`),
    `quorum ${policy.quorum}\n`,
  ];
  const text = lines.join("");
  parsePolicy(text);
  return text;
}

/** Is the quorum met when exactly the named witnesses have cosigned? */
export function quorumMet(policy: Policy, cosignedWitnesses: ReadonlySet<string>): boolean {
  if (policy.quorum === QUORUM_NONE) return true;
  const groups = new Map(policy.groups.map((group) => [group.name, group]));
  const witnessed = (name: string): boolean => {
    const group = groups.get(name);
    if (!group) return cosignedWitnesses.has(name) && policy.witnesses.some((witness) => witness.name === name);
    const needed = group.threshold === "all" ? group.members.length : group.threshold === "any" ? 1 : group.threshold;
    return group.members.filter(witnessed).length >= needed;
  };
  return witnessed(policy.quorum);
}

/** Verifiers for the log signatures of every log the policy lists. */
export function logVerifiersOf(policy: Policy): NoteVerifier[] {
  return policy.logs.map((log) => noteVerifier(log.key));
}

export type PolicyFailure =
  | "malformed_checkpoint"
  | "unknown_log"
  | "log_signature_missing"
  | "log_signature_invalid"
  | "cosignature_invalid"
  | "ambiguous_key"
  | "quorum_not_met";

export interface WitnessCosignature {
  /** The witness's name in the policy. */
  witness: string;
  /** When the witness cosigned (POSIX seconds): the trusted time of the checkpoint. */
  timestamp: number;
}

export type PolicyVerification =
  | { ok: true; checkpoint: ParsedCheckpoint; log: PolicyLog; cosignatures: WitnessCosignature[] }
  | { ok: false; reason: PolicyFailure; message: string };

/**
 * Verifies a signed checkpoint under a policy: signed by a log the policy lists for its
 * origin (the log key's name is the origin), every cosignature from a listed witness valid,
 * and the quorum met by them.
 */
export function verifyCheckpointWithPolicy(note: Uint8Array | string, policy: Policy): PolicyVerification {
  let checkpoint: ParsedCheckpoint;
  try {
    checkpoint = parseCheckpoint(parseNote(note).text);
  } catch (error) {
    if (error instanceof FormatError || error instanceof NoteError) return { ok: false, reason: "malformed_checkpoint", message: error.message };
    throw error;
  }
  const logs = policy.logs.filter((log) => log.key.name === checkpoint.origin);
  if (logs.length === 0) return { ok: false, reason: "unknown_log", message: `no log in the policy for origin ${checkpoint.origin}` };
  const logVerifiers = logs.map((log) => noteVerifier(log.key));
  const witnessVerifiers = new Map<NoteVerifier, PolicyWitness>(policy.witnesses.map((witness) => [cosignatureVerifier(witness.key), witness]));
  try {
    const opened = openNote(note, [...logVerifiers, ...witnessVerifiers.keys()]);
    const logIndex = logVerifiers.findIndex((verifier) => opened.verified.some((signature) => signature.verifier === verifier));
    if (logIndex < 0) return { ok: false, reason: "log_signature_missing", message: "the checkpoint has no signature from the log" };
    const cosignatures: WitnessCosignature[] = [];
    for (const signature of opened.verified) {
      const witness = witnessVerifiers.get(signature.verifier);
      const parsed = parseCosignature(signature.signature);
      if (witness && parsed) cosignatures.push({ witness: witness.name, timestamp: parsed.timestamp });
    }
    if (!quorumMet(policy, new Set(cosignatures.map((cosignature) => cosignature.witness)))) {
      return { ok: false, reason: "quorum_not_met", message: `cosigned by ${cosignatures.length} witness(es), short of the quorum ${policy.quorum}` };
    }
    return { ok: true, checkpoint, log: logs[logIndex], cosignatures };
  } catch (error) {
    if (!(error instanceof NoteError)) throw error;
    if (error.code === "invalid_signature") {
      const isLog = logVerifiers.some((verifier) => verifier.name === error.keyName && verifier.keyId === error.keyId);
      return { ok: false, reason: isLog ? "log_signature_invalid" : "cosignature_invalid", message: error.message };
    }
    if (error.code === "ambiguous_key") return { ok: false, reason: "ambiguous_key", message: error.message };
    if (error.code === "no_verified_signature") return { ok: false, reason: "log_signature_missing", message: error.message };
    return { ok: false, reason: "malformed_checkpoint", message: error.message };
  }
}
