import http from "node:http";
import { z } from "zod";
import { parseStoredJson } from "../domain/stored-json";
import {
  cosignAccepted,
  cosigner,
  decideAddCheckpoint,
  decodeBase64,
  encodeBase64,
  formatVerifierKey,
  MAX_ADD_CHECKPOINT_BODY_BYTES,
  noteVerifier,
  parseAddCheckpointRequest,
  parseVerifierKey,
  sameWitnessState,
  SIGNATURE_TYPE_COSIGNATURE,
  SIGNATURE_TYPE_ED25519,
  witnessCheckpointPath,
  type NoteVerifier,
  type WitnessLogState,
  type WitnessResponse,
} from "../domain/tlog";
import { loadOrCreateKeyFile, readStateFile, writeStateFile, type KeyFile } from "./keys";

/**
 * `handbook witness`: a C2SP tlog-witness a ministry or the national archive runs on its own
 * machine with its own key. It cosigns a checkpoint only when it is signed by a log it knows
 * and consistent with the last checkpoint it cosigned for that log; the state check and the
 * state write are one step (requests are handled one at a time, the state re-read inside it,
 * and the file replaced atomically).
 *
 *   POST /add-checkpoint                 the tlog-witness call (200, 400, 403, 404, 409, 413, 422)
 *   GET  /<hex SHA-256 of origin>/checkpoint   the latest checkpoint it cosigned for that log
 */

/** What the witness keeps per log (by origin): the last tree it cosigned and the note it answered with. */
const witnessStateSchema = z.record(
  z.string(),
  z.object({
    size: z.number().int().nonnegative(),
    /** Base64 of the tree's root hash. */
    rootHash: z.string(),
    cosignedNote: z.string(),
  }),
);
type WitnessState = z.infer<typeof witnessStateSchema>;
type StoredLogState = WitnessState[string];

function readWitnessState(stateFile: string): WitnessState {
  return parseStoredJson(witnessStateSchema, readStateFile(stateFile) ?? "{}", `witness state file ${stateFile}`);
}

export interface WitnessOptions {
  keyFile: string;
  /** The key's name when the key file is created. */
  name: string;
  stateFile: string;
  /** Verifier key strings of the logs this witness follows (`<origin>+<key id>+<base64>`). */
  logKeys: readonly string[];
  /** Clock, POSIX seconds (tests). */
  now?: () => number;
}

export interface Witness {
  key: KeyFile;
  verifierKey: string;
  handle(body: Uint8Array): Promise<WitnessResponse>;
  latest(origin: string): WitnessLogState | null;
}

export function createWitness(options: WitnessOptions): Witness {
  const key = loadOrCreateKeyFile(options.keyFile, options.name, SIGNATURE_TYPE_COSIGNATURE);
  const signer = cosigner({ name: key.signer.name, publicKey: key.publicKey, sign: key.sign });
  const logs = new Map<string, NoteVerifier[]>();
  for (const text of options.logKeys) {
    const logKey = parseVerifierKey(text);
    if (logKey.type !== SIGNATURE_TYPE_ED25519) throw new Error(`${logKey.name}: a log key is an Ed25519 note key (type 0x01)`);
    logs.set(logKey.name, [...(logs.get(logKey.name) ?? []), noteVerifier(logKey)]);
  }
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const readState = (): WitnessState => readWitnessState(options.stateFile);
  const stateOf = (stored: StoredLogState | undefined): WitnessLogState | null =>
    stored ? { size: stored.size, rootHash: decodeBase64(stored.rootHash) } : null;
  let queue: Promise<unknown> = Promise.resolve();

  async function decide(body: Uint8Array): Promise<WitnessResponse> {
    const parsed = parseAddCheckpointRequest(body);
    if (!parsed.ok) return parsed.response;
    const origin = parsed.request.checkpoint.origin;
    const state = readState();
    const latest = stateOf(state[origin]);
    const decision = decideAddCheckpoint({ request: parsed.request, logVerifiers: logs.get(origin) ?? null, latest });
    if (!decision.accepted) return decision.response;
    // The compare of the compare-and-set: nothing changed the state since it was read (one request at a time here).
    if (!sameWitnessState(stateOf(readState()[origin]), decision.expected)) return { status: 409, contentType: "text/x.tlog.size", body: `${latest?.size ?? 0}\n` };
    const { response, cosignedNote } = await cosignAccepted(decision, [signer], now());
    state[origin] = { size: decision.next.size, rootHash: encodeBase64(decision.next.rootHash), cosignedNote };
    writeStateFile(options.stateFile, JSON.stringify(state, null, 2));
    return response;
  }

  return {
    key,
    verifierKey: formatVerifierKey(key.verifier),
    handle(body) {
      const result = queue.catch(() => undefined).then(() => decide(body));
      queue = result;
      return result;
    },
    latest(origin) {
      return stateOf(readState()[origin]);
    },
  };
}

function send(response: http.ServerResponse, answer: { status: number; contentType: string; body: string }): void {
  response.writeHead(answer.status, { "content-type": answer.contentType });
  response.end(answer.body);
}

/** The witness's HTTP server. */
export function witnessHttpServer(witness: Witness, options: { stateFile: string }): http.Server {
  return http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://witness");
    if (request.method === "POST" && url.pathname === "/add-checkpoint") {
      const chunks: Buffer[] = [];
      let length = 0;
      let refused = false;
      request.on("data", (chunk: Buffer) => {
        length += chunk.length;
        if (length > MAX_ADD_CHECKPOINT_BODY_BYTES && !refused) {
          refused = true;
          send(response, { status: 413, contentType: "text/plain; charset=utf-8", body: "request body too large\n" });
          request.destroy();
        }
        if (!refused) chunks.push(chunk);
      });
      request.on("end", () => {
        if (refused) return;
        witness.handle(new Uint8Array(Buffer.concat(chunks))).then(
          (answer) => send(response, answer),
          (error: unknown) => {
            console.error("[witness] add-checkpoint failed:", error);
            send(response, { status: 500, contentType: "text/plain; charset=utf-8", body: "internal error\n" });
          },
        );
      });
      return;
    }
    if (request.method === "GET" && url.pathname.endsWith("/checkpoint")) {
      const state = readWitnessState(options.stateFile);
      const found = Object.entries(state).find(([origin]) => `/${witnessCheckpointPath(origin)}` === url.pathname);
      if (found) {
        response.writeHead(200, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-cache" });
        response.end(found[1].cosignedNote);
        return;
      }
    }
    response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    response.end("not found\n");
  });
}
