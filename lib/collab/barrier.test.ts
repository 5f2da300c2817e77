import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { BARRIER_ANSWER_PREFIX, BARRIER_PREFIX, MAX_BARRIER_TOKEN_LENGTH, barrierAnswerToken, barrierMessage } from "./extensions/barrier";
import { DEMO, TEST_ORIGIN, createDraft, openClient, sectionText, serverAnswersBarrier, serverHandledEarlierMessages, tokenFor, typeText, waitFor, type TestClient } from "./test-helpers";
import { useLiveServer } from "./test-support";

const live = useLiveServer();
const { track } = live;

/** The live document on the server, read directly: what the server holds, not what a client saw. */
function serverText(name: string): string {
  const document = live.server.collab.server.hocuspocus.documents.get(name);
  if (!document) throw new Error(`${name} is not loaded`);
  return sectionText(document);
}

async function joined(email: string, name: string): Promise<TestClient> {
  const client = track(openClient(live.server.wsUrl, name, await tokenFor(live.database.db, email, name)));
  await waitFor(() => client.provider.isSynced, `${email} synced`);
  return client;
}

function statelessReceived(client: TestClient): string[] {
  const received: string[] = [];
  client.provider.on("stateless", ({ payload }: { payload: string }) => received.push(payload));
  return received;
}

describe("the barrier", () => {
  it("answers a writer after its earlier update is applied, and an observer's barrier after the update reached it", async () => {
    const name = (await createDraft(live.database.db)).documentName();
    const writer = await joined(DEMO.lan, name);
    const observer = await joined(DEMO.hoa, name);
    typeText(writer.doc, " WRITER-BEFORE-BARRIER");
    await serverAnswersBarrier(writer.provider);
    // Read at once, with no waiting: the answer itself says the update was handled.
    expect(serverText(name)).toContain("WRITER-BEFORE-BARRIER");
    typeText(writer.doc, " SECOND-EDIT");
    await serverHandledEarlierMessages(writer, observer);
    expect(sectionText(observer.doc)).toContain("SECOND-EDIT");
  });

  it("flushes batched broadcasts first, so an observer's barrier comes back behind the update however long the batching window", async () => {
    const name = (await createDraft(live.database.db)).documentName();
    const writer = await joined(DEMO.lan, name);
    const observer = await joined(DEMO.hoa, name);
    // Hocuspocus batches broadcasts for `flushDelay` (one event-loop turn by default); a window
    // far longer than the test makes a barrier that did not flush come back before the update.
    live.server.collab.server.hocuspocus.documents.get(name)!.flushDelay = 600_000;
    typeText(writer.doc, " BATCHED-EDIT");
    await serverHandledEarlierMessages(writer, observer);
    expect(sectionText(observer.doc)).toContain("BATCHED-EDIT");
  });

  it("answers a read-only connection after its dropped update, and answers only the sender", async () => {
    const name = (await createDraft(live.database.db)).documentName();
    const reviewer = await joined(DEMO.minh, name);
    const author = await joined(DEMO.lan, name);
    expect(reviewer.provider.authorizedScope).toBe("readonly");
    const toAuthor = statelessReceived(author);
    const before = serverText(name);
    typeText(reviewer.doc, " READ-ONLY-EDIT");
    await serverHandledEarlierMessages(reviewer, author);
    expect(serverText(name)).toBe(before);
    expect(sectionText(author.doc)).not.toContain("READ-ONLY-EDIT");
    // The author got the answer to its own barrier, never the reviewer's.
    expect(toAuthor.map(barrierAnswerToken).filter((token) => token !== null)).toHaveLength(1);
    expect(await live.database.db.collabUpdate.count({ where: { documentName: name } })).toBe(0);
  });

  it("ignores a malformed token and still answers the next barrier of the connection", async () => {
    const name = (await createDraft(live.database.db)).documentName();
    const writer = await joined(DEMO.lan, name);
    const received = statelessReceived(writer);
    const longest = "x".repeat(MAX_BARRIER_TOKEN_LENGTH);
    for (const token of ["", "y".repeat(MAX_BARRIER_TOKEN_LENGTH + 1), "a b", "é", "a:b", "a\u0000"]) writer.provider.sendStateless(`${BARRIER_PREFIX}${token}`);
    writer.provider.sendStateless(barrierMessage(longest));
    await serverAnswersBarrier(writer.provider);
    // Answers arrive in the order of the questions: the malformed ones, earlier, got none.
    const answers = received.map(barrierAnswerToken).filter((token) => token !== null);
    expect(answers).toHaveLength(2);
    expect(answers[0]).toBe(longest);
    expect(() => barrierMessage("y".repeat(MAX_BARRIER_TOKEN_LENGTH + 1))).toThrow();
    expect(() => barrierMessage("")).toThrow();
    expect(writer.provider.isSynced).toBe(true);
  });

  it("is never answered on a connection whose authentication failed", async () => {
    const name = (await createDraft(live.database.db)).documentName();
    const socket = new WebSocket(live.server.wsUrl, { headers: { origin: TEST_ORIGIN } });
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    const answers: string[] = [];
    const denials: string[] = [];
    let authenticated = false;
    socket.on("message", (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      decoding.readVarString(decoder);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_STATELESS) answers.push(decoding.readVarString(decoder));
      if (type === MESSAGE_AUTH) {
        const kind = decoding.readVarUint(decoder);
        if (kind === AUTH_PERMISSION_DENIED) denials.push(decoding.readVarString(decoder));
        if (kind === AUTH_AUTHENTICATED) authenticated = true;
      }
    });
    // Queued before authenticating, then dropped with the refused authentication.
    socket.send(message(name, MESSAGE_STATELESS, (encoder) => encoding.writeVarString(encoder, barrierMessage("before-refusal"))));
    socket.send(message(name, MESSAGE_AUTH, (encoder) => {
      encoding.writeVarUint(encoder, AUTH_TOKEN);
      encoding.writeVarString(encoder, "eyJhbGciOiJIUzI1NiJ9.e30.forged");
    }));
    await waitFor(() => denials.length === 1, "the forged token refused");
    // The same socket, now with a good token: its barrier is answered, the earlier one never was.
    const token = await tokenFor(live.database.db, DEMO.lan, name);
    socket.send(message(name, MESSAGE_AUTH, (encoder) => {
      encoding.writeVarUint(encoder, AUTH_TOKEN);
      encoding.writeVarString(encoder, token);
    }));
    socket.send(message(name, MESSAGE_STATELESS, (encoder) => encoding.writeVarString(encoder, barrierMessage("after-authentication"))));
    await waitFor(() => answers.length > 0, "the barrier after authenticating answered");
    socket.terminate();
    expect(authenticated).toBe(true);
    expect(answers).toEqual([`${BARRIER_ANSWER_PREFIX}after-authentication`]);
  });
});

// Hocuspocus's wire format (lib0 encoding): document name, message type, the type's payload.
const MESSAGE_AUTH = 2;
const MESSAGE_STATELESS = 5;
const AUTH_TOKEN = 0;
const AUTH_PERMISSION_DENIED = 1;
const AUTH_AUTHENTICATED = 2;

function message(documentName: string, type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}
