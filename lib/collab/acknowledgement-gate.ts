import type { Connection, Document } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";

/** y-protocols over Hocuspocus: the message by which the server tells a client its update is saved. */
const SYNC_STATUS_MESSAGE = 8;

function isSyncStatus(message: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    return decoding.readVarUint(decoder) === SYNC_STATUS_MESSAGE;
  } catch {
    return false;
  }
}

/** Log appends of one document not yet durable, numbered in the order they were made. */
class DocumentWrites {
  private next = 1;
  private readonly outstanding = new Set<number>();

  begin(): number {
    const number = this.next++;
    this.outstanding.add(number);
    return number;
  }

  end(number: number): void {
    this.outstanding.delete(number);
  }

  /** The highest number up to which every append is durable. */
  durableThrough(): number {
    let lowest = this.next;
    for (const number of this.outstanding) lowest = Math.min(lowest, number);
    return lowest - 1;
  }

  /** Every append made so far. */
  madeThrough(): number {
    return this.next - 1;
  }
}

interface Held {
  message: Uint8Array;
  /** Sent once every append of the document up to this number is durable. */
  through: number;
}

/**
 * Holds back "saved" acknowledgements (SyncStatus) until the document's log is durable.
 *
 * An update is validated, handed to the durable log, and then applied and fanned out at once:
 * readers do not wait for the disk. What a client counts as saved is the acknowledgement, and
 * that is what waits: every SyncStatus message Hocuspocus sends to a connection of a document
 * is held until every log append of that document made before it is durable. The rule covers
 * acknowledgements of empty updates too (a client that reconnects and re-sends what the server
 * holds in memory only is told "saved" only once it is on disk). Other messages pass at once.
 *
 * Hocuspocus has no hook for outgoing messages, so each writing connection's `send` is wrapped
 * once, the first time the connection sends a sync message.
 */
export class AcknowledgementGate {
  private readonly writes = new WeakMap<Document, DocumentWrites>();
  private readonly held = new WeakMap<Connection, Held[]>();
  /** Each guarded connection's own `send`, which the gate calls to release what it held. */
  private readonly senders = new WeakMap<Connection, (message: Uint8Array) => void>();

  private writesOf(document: Document): DocumentWrites {
    let writes = this.writes.get(document);
    if (!writes) {
      writes = new DocumentWrites();
      this.writes.set(document, writes);
    }
    return writes;
  }

  /** Acknowledgements to `connection` go through the gate from now on. */
  guard(connection: Connection): void {
    if (this.senders.has(connection)) return;
    const send = connection.send.bind(connection);
    connection.send = (message: Uint8Array) => {
      const queue = this.held.get(connection);
      const writes = this.writes.get(connection.document);
      const mustWait = (queue !== undefined && queue.length > 0) || (writes !== undefined && writes.durableThrough() < writes.madeThrough());
      if (!mustWait || !isSyncStatus(message)) return send(message);
      const entry = { message, through: writes?.madeThrough() ?? 0 };
      if (queue) queue.push(entry);
      else this.held.set(connection, [entry]);
    };
    this.senders.set(connection, send);
  }

  /** An append of `document` begins; the returned function ends it once it is durable. */
  begin(document: Document): () => void {
    const writes = this.writesOf(document);
    const number = writes.begin();
    return () => {
      writes.end(number);
      this.release(document);
    };
  }

  private release(document: Document): void {
    const writes = this.writesOf(document);
    const durable = writes.durableThrough();
    for (const connection of document.getConnections()) {
      const queue = this.held.get(connection);
      const send = this.senders.get(connection);
      if (!queue || !send) continue;
      while (queue.length > 0 && queue[0].through <= durable) send(queue.shift()!.message);
    }
  }
}
