import { expect, test } from "@playwright/test";
import { createRandom } from "@/lib/domain/fixtures/random";
import { collabGrant, connect, liveText, typeText, waitFor, type LiveClient } from "./support/collab";
import { closeDatabase } from "./support/database";
import { authMessage, closedByServer, collabHealth, encodeFrame, malformedFrame, malformedMessage, OPCODES, openWs, rawSocket } from "./support/frames";
import { recordFigures } from "./support/figures";
import { inBatches, send } from "./support/http";
import { createProposal, DEMO_EMAILS, proposalSectionContent, proposalSections, signedIn } from "./support/world";

/**
 * Malformed, truncated and oversized WebSocket frames against the collaboration server, from a
 * fixed seed and in fixed numbers, while a well-behaved client edits another draft: the server
 * must not crash (both health checks answer, the editing client never loses its connection),
 * every socket that sent a broken or oversized frame must be closed by the server, broken
 * collaboration messages in well-formed frames must change no document, and the other draft's
 * content must converge and be stored.
 */
const SEED = 0x5eed_f8a3;
/** Raw sockets with one broken frame each (framing level: bits, opcodes, lengths, masks). */
const FRAMING_CASES = 1_200;
/** Well-formed frames carrying broken collaboration messages, before and after authenticating. */
const MESSAGE_CASES = 1_600;
/** Frames over the 2 MiB cap (each a socket). */
const OVERSIZED_CASES = 12;
/** Broken collaboration messages sent on one socket. */
const MESSAGES_PER_SOCKET = 16;
/** How long a socket of broken messages is watched before it is dropped. */
const MESSAGE_SETTLE_MS = 500;
/** Sockets open at once while fuzzing. */
const CONCURRENCY = 16;
/** The well-behaved client's edits while the fuzzing runs. */
const GOOD_EDITS = 30;

test.afterAll(() => closeDatabase());

test("malformed, truncated and oversized frames close their own socket and nothing else", async () => {
  test.setTimeout(240_000);
  const random = createRandom(SEED);
  const lan = await signedIn(DEMO_EMAILS.lan);
  const goodProposal = await createProposal(lan, "Bản nháp soạn trong lúc bị tấn công", "Kiểm tra khung WebSocket hỏng.");
  const [goodSection] = proposalSections(goodProposal);
  const targetProposal = await createProposal(lan, "Bản nháp nhận khung hỏng", "Kiểm tra khung WebSocket hỏng.");
  const [targetSection] = proposalSections(targetProposal);

  const goodGrant = (await collabGrant(lan, goodProposal, goodSection.sectionId))!;
  const good: LiveClient | null = await connect(goodGrant.document, goodGrant.token);
  expect(good, "the well-behaved client joins").not.toBeNull();
  let goodDisconnects = 0;
  good!.provider.on("disconnect", () => {
    goodDisconnects += 1;
  });
  const markers: string[] = [];
  let editing = true;
  const editor = (async () => {
    for (let edit = 0; edit < GOOD_EDITS && editing; edit += 1) {
      const marker = ` [sửa ${edit}]`;
      typeText(good!.doc, marker);
      markers.push(marker);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  })();

  const failures: string[] = [];
  let frames = 0;

  // Framing level: one broken frame per raw socket.
  const framing = Array.from({ length: FRAMING_CASES }, () => malformedFrame(random));
  await inBatches(framing, CONCURRENCY, async (frame) => {
    const socket = await rawSocket();
    socket.write(frame.bytes);
    // A frame cut short cannot be told from a slow one until its sender gives up: then it must go.
    if (frame.truncated) socket.end();
    frames += 1;
    if (!(await closedByServer(socket))) failures.push(`framing: ${frame.kind} left open`);
  });

  // Oversized: over 2 MiB in one frame, declared and sent.
  const oversized = Array.from({ length: OVERSIZED_CASES }, (_, index) => 2 * 1024 * 1024 + 1 + index * 97_003);
  await inBatches(oversized, 4, async (size) => {
    const socket = await rawSocket();
    socket.on("error", () => undefined);
    socket.write(encodeFrame({ opcode: OPCODES.binary, payload: Buffer.alloc(size, 0x41) }));
    frames += 1;
    if (!(await closedByServer(socket))) failures.push(`oversized ${size} bytes left open`);
  });

  // Collaboration messages: well-formed frames with broken contents, on sockets that did not
  // authenticate and on sockets authenticated to another draft. Several per socket: a socket
  // carries many documents, and Hocuspocus answers a refused document without closing it.
  const targetGrant = (await collabGrant(lan, targetProposal, targetSection.sectionId))!;
  const watcher = await connect(targetGrant.document, targetGrant.token);
  expect(watcher, "the target draft opens").not.toBeNull();
  const targetBefore = liveText(watcher!.doc);
  const sockets = Array.from({ length: Math.ceil(MESSAGE_CASES / MESSAGES_PER_SOCKET) }, (_, index) => ({
    authenticated: index % 2 === 1,
    messages: Array.from({ length: MESSAGES_PER_SOCKET }, () => malformedMessage(random, targetGrant.document)),
  }));
  let messageSocketsClosed = 0;
  await inBatches(sockets, CONCURRENCY, async (socketCase) => {
    const socket = await openWs();
    socket.on("error", () => undefined);
    if (socketCase.authenticated) socket.send(authMessage(targetGrant.document, targetGrant.token));
    for (const message of socketCase.messages) {
      if (socket.readyState !== socket.OPEN) break;
      socket.send(message.data);
      frames += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, MESSAGE_SETTLE_MS));
    if (socket.readyState === socket.CLOSED || socket.readyState === socket.CLOSING) messageSocketsClosed += 1;
    socket.terminate();
  });
  // Nothing of the garbage reached the draft: another client sees the text it had.
  expect(liveText(watcher!.doc), "the target draft is unchanged by broken messages").toBe(targetBefore);
  watcher!.close();
  editing = false;
  await editor;
  const webHealth = await send({ path: "/api/health" });
  const collab = await collabHealth();
  const crashes = (webHealth.status === 200 ? 0 : 1) + (collab === 200 ? 0 : 1) + goodDisconnects;

  // The well-behaved draft: every edit acknowledged, a fresh client sees the same text, and it is stored.
  expect(await waitFor(() => good!.provider.unsyncedChanges === 0, 15_000), "the well-behaved client's edits are acknowledged").toBe(true);
  const expected = liveText(good!.doc);
  const fresh = await connect(goodGrant.document, (await collabGrant(lan, goodProposal, goodSection.sectionId))!.token);
  expect(fresh, "a fresh client joins the well-behaved draft").not.toBeNull();
  expect(await waitFor(() => liveText(fresh!.doc) === expected, 10_000), "the fresh client converges").toBe(true);
  fresh!.close();
  good!.close();
  expect(await waitFor(() => markers.every((marker) => proposalSectionContent(goodProposal, goodSection.sectionId).includes(marker.trim())), 20_000), "the well-behaved draft is stored with every edit").toBe(true);

  recordFigures({ framesFuzzed: frames, crashes });
  console.log(`[security] frames: ${frames} fuzzed; ${messageSocketsClosed} of ${sockets.length} sockets of broken collaboration messages closed by the server`);
  expect(crashes, `web health ${webHealth.status}, collaboration health ${collab}, well-behaved client disconnects ${goodDisconnects}`).toBe(0);
  expect(failures, "offending sockets the server left open").toEqual([]);
  expect(frames).toBeGreaterThanOrEqual(FRAMING_CASES + OVERSIZED_CASES);
});
