/**
 * WebSocket frames built by hand (RFC 6455 section 5.2, every field under the caller's control)
 * and collaboration messages (Hocuspocus: varString document name, varUint type, payload, in
 * lib0's encoding), broken in the ways a fuzzer breaks them, from a seeded generator.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import net from "node:net";
import WebSocket from "ws";
import type { Random } from "@/lib/domain/fixtures/random";
import { LOOPBACK, SECURITY_COLLAB_PORT, WEB_ORIGIN } from "./env";

/** How long the server is given to close an offending socket. */
export const CLOSE_TIMEOUT_MS = 5_000;

export const OPCODES = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

interface FrameSpec {
  fin?: boolean;
  rsv?: number;
  opcode: number;
  payload: Buffer;
  masked?: boolean;
  /** A length field that does not match the payload (a lie, or a truncation). */
  declaredLength?: number;
}

/** One frame as RFC 6455 section 5.2 lays it out, with every field under the caller's control. */
export function encodeFrame(spec: FrameSpec): Buffer {
  const length = spec.declaredLength ?? spec.payload.length;
  const header: number[] = [((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | (spec.opcode & 0x0f)];
  const maskBit = (spec.masked ?? true) ? 0x80 : 0;
  let lengthBytes: Buffer;
  if (length < 126) {
    header.push(maskBit | length);
    lengthBytes = Buffer.alloc(0);
  } else if (length < 0x10000) {
    header.push(maskBit | 126);
    lengthBytes = Buffer.alloc(2);
    lengthBytes.writeUInt16BE(length);
  } else {
    header.push(maskBit | 127);
    lengthBytes = Buffer.alloc(8);
    lengthBytes.writeBigUInt64BE(BigInt(length));
  }
  if (!(spec.masked ?? true)) return Buffer.concat([Buffer.from(header), lengthBytes, spec.payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(spec.payload.map((byte, index) => byte ^ mask[index % 4]));
  return Buffer.concat([Buffer.from(header), lengthBytes, mask, body]);
}

export function bytes(random: Random, count: number): Buffer {
  return Buffer.from(Array.from({ length: count }, () => random.int(0, 255)));
}

/** A broken frame of one of the ways a frame can be broken, chosen by the seed. */
export function malformedFrame(random: Random): { kind: string; bytes: Buffer; truncated: boolean } {
  const payload = bytes(random, random.int(0, 200));
  const kinds: (() => { kind: string; bytes: Buffer; truncated?: boolean })[] = [
    () => ({ kind: "reserved bits", bytes: encodeFrame({ opcode: OPCODES.binary, rsv: random.int(1, 7), payload }) }),
    () => ({ kind: "unknown opcode", bytes: encodeFrame({ opcode: random.pick([3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf]), payload }) }),
    () => ({ kind: "unmasked client frame", bytes: encodeFrame({ opcode: OPCODES.binary, payload, masked: false }) }),
    () => ({ kind: "control frame over 125 bytes", bytes: encodeFrame({ opcode: random.pick([OPCODES.ping, OPCODES.pong, OPCODES.close]), payload: bytes(random, random.int(126, 400)) }) }),
    () => ({ kind: "fragmented control frame", bytes: encodeFrame({ opcode: OPCODES.ping, fin: false, payload: bytes(random, 10) }) }),
    () => ({ kind: "continuation without a start", bytes: encodeFrame({ opcode: OPCODES.continuation, payload }) }),
    () => ({ kind: "invalid UTF-8 text", bytes: encodeFrame({ opcode: OPCODES.text, payload: Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, ...payload]) }) }),
    () => ({ kind: "close with an invalid code", bytes: encodeFrame({ opcode: OPCODES.close, payload: Buffer.from([random.pick([0x00, 0x03, 0x0b, 0x13]), random.int(0, 255)]) }) }),
    () => ({ kind: "close with one byte", bytes: encodeFrame({ opcode: OPCODES.close, payload: Buffer.from([3]) }) }),
    () => ({ kind: "new message inside a fragmented one", bytes: Buffer.concat([encodeFrame({ opcode: OPCODES.binary, fin: false, payload }), encodeFrame({ opcode: OPCODES.binary, payload })]) }),
    () => ({ kind: "64-bit length with the top bit set", bytes: Buffer.concat([Buffer.from([0x82, 0xff, 0x80, 0, 0, 0, 0, 0, 0, 1]), randomBytes(4), payload]) }),
    () => ({ kind: "length over the cap, few bytes sent", bytes: encodeFrame({ opcode: OPCODES.binary, payload: bytes(random, 64), declaredLength: 2 ** 40 + random.int(0, 1000) }) }),
    () => ({ kind: "truncated header", bytes: encodeFrame({ opcode: OPCODES.binary, payload: bytes(random, 300) }).subarray(0, random.int(1, 3)), truncated: true }),
    () => ({ kind: "truncated payload", bytes: encodeFrame({ opcode: OPCODES.binary, payload: bytes(random, 300) }).subarray(0, random.int(8, 200)), truncated: true }),
    () => ({ kind: "random bytes", bytes: bytes(random, random.int(1, 300)), truncated: true }),
  ];
  const made = random.pick(kinds)();
  return { kind: made.kind, bytes: made.bytes, truncated: made.truncated ?? false };
}

/** Opens a raw socket and completes the WebSocket handshake by hand. */
export function rawSocket(): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(SECURITY_COLLAB_PORT, LOOPBACK);
    const key = randomBytes(16).toString("base64");
    let answer = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error("no handshake answer"));
    }, CLOSE_TIMEOUT_MS);
    socket.once("connect", () => {
      socket.write(
        `GET / HTTP/1.1\r\nHost: ${LOOPBACK}:${SECURITY_COLLAB_PORT}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nOrigin: ${WEB_ORIGIN}\r\n\r\n`,
      );
    });
    const onData = (chunk: Buffer) => {
      answer += chunk.toString("latin1");
      if (!answer.includes("\r\n\r\n")) return;
      socket.off("data", onData);
      clearTimeout(timer);
      if (!answer.startsWith("HTTP/1.1 101")) {
        socket.destroy();
        reject(new Error(`handshake refused: ${answer.split("\r\n")[0]}`));
        return;
      }
      resolve(socket);
    };
    socket.on("data", onData);
    socket.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Resolves true when the server closes the socket (FIN or reset) within the timeout. */
export function closedByServer(socket: net.Socket | WebSocket): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      cleanup();
      resolve(false);
    }, CLOSE_TIMEOUT_MS);
    const done = () => {
      cleanup();
      resolve(true);
    };
    const cleanup = () => {
      clearTimeout(timer);
      if (socket instanceof WebSocket) socket.terminate();
      else socket.destroy();
    };
    if (socket instanceof WebSocket) {
      if (socket.readyState === WebSocket.CLOSED) return done();
      socket.once("close", done);
      socket.once("error", () => undefined);
    } else {
      if (socket.destroyed) return done();
      socket.once("end", done);
      socket.once("close", done);
      socket.once("error", done);
      socket.resume();
    }
  });
}

// Hocuspocus messages: varString document name, varUint type, then the type's payload (lib0 encoding).
function varUint(value: number): Buffer {
  const out: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    out.push(0x80 | (rest & 0x7f));
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return Buffer.from(out);
}
function varString(text: string): Buffer {
  const encoded = Buffer.from(text, "utf8");
  return Buffer.concat([varUint(encoded.length), encoded]);
}
function varBytes(content: Buffer): Buffer {
  return Buffer.concat([varUint(content.length), content]);
}
const MESSAGE_AUTH = 2;
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_STATELESS = 5;

/** A broken collaboration message inside a well-formed binary frame. */
export function malformedMessage(random: Random, documentName: string): { kind: string; data: Buffer } {
  const kinds: (() => { kind: string; data: Buffer })[] = [
    () => ({ kind: "random bytes", data: bytes(random, random.int(1, 500)) }),
    () => ({ kind: "empty message", data: Buffer.alloc(0) }),
    () => ({ kind: "name length past the end", data: Buffer.concat([varUint(random.int(1_000, 2 ** 28)), bytes(random, 10)]) }),
    () => ({ kind: "unterminated varint", data: Buffer.from(Array.from({ length: random.int(1, 12) }, () => 0xff)) }),
    () => ({ kind: "unknown message type", data: Buffer.concat([varString(documentName), varUint(random.int(11, 5_000)), bytes(random, 20)]) }),
    () => ({ kind: "sync update of garbage", data: Buffer.concat([varString(documentName), varUint(MESSAGE_SYNC), varUint(2), varBytes(bytes(random, random.int(1, 400)))]) }),
    () => ({ kind: "sync step of garbage", data: Buffer.concat([varString(documentName), varUint(MESSAGE_SYNC), varUint(random.int(0, 9)), bytes(random, random.int(0, 100))]) }),
    () => ({ kind: "sync update length lie", data: Buffer.concat([varString(documentName), varUint(MESSAGE_SYNC), varUint(2), varUint(2 ** 30), bytes(random, 30)]) }),
    () => ({ kind: "awareness of garbage", data: Buffer.concat([varString(documentName), varUint(MESSAGE_AWARENESS), varBytes(bytes(random, random.int(1, 200)))]) }),
    () => ({ kind: "auth of garbage", data: Buffer.concat([varString(documentName), varUint(MESSAGE_AUTH), bytes(random, random.int(0, 100))]) }),
    () => ({ kind: "auth with a forged token", data: Buffer.concat([varString(documentName), varUint(MESSAGE_AUTH), varUint(0), varString(`eyJhbGciOiJIUzI1NiJ9.${bytes(random, 30).toString("base64url")}.${bytes(random, 32).toString("base64url")}`)]) }),
    () => ({ kind: "stateless of garbage", data: Buffer.concat([varString(documentName), varUint(MESSAGE_STATELESS), bytes(random, random.int(0, 200))]) }),
    () => ({ kind: "name not a room", data: Buffer.concat([varString(bytes(random, 20).toString("latin1")), varUint(MESSAGE_SYNC), bytes(random, 20)]) }),
  ];
  const made = random.pick(kinds)();
  return made;
}

export function authMessage(documentName: string, token: string): Buffer {
  return Buffer.concat([varString(documentName), varUint(MESSAGE_AUTH), varUint(0), varString(token)]);
}

export function openWs(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://${LOOPBACK}:${SECURITY_COLLAB_PORT}`, { headers: { origin: WEB_ORIGIN } });
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}

export function collabHealth(): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get({ host: LOOPBACK, port: SECURITY_COLLAB_PORT, path: "/health", timeout: 5_000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", () => resolve(0));
    request.on("timeout", () => request.destroy());
  });
}

