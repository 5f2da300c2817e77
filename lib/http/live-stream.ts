/**
 * A server-sent events response (text/event-stream, read by the browser's EventSource): one
 * `data:` line of JSON per message, a comment line now and then so proxies and load balancers do
 * not close a quiet stream, and the reconnection delay the browser should use.
 */

/** A comment every this often: under nginx's default proxy_read_timeout (60 s) and common idle timeouts. */
export const LIVE_HEARTBEAT_MS = 20_000;
/** The browser reconnects after this long when the stream drops (an instance restarted one at a time): about a second's gap. */
export const LIVE_RETRY_MS = 1_000;

export class LiveStream {
  private readonly encoder = new TextEncoder();
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private readonly stream: ReadableStream<Uint8Array>;
  private readonly onClose: (() => void)[] = [];
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(signal: AbortSignal) {
    this.stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
      },
      cancel: () => this.close(),
    });
    this.write(`retry: ${LIVE_RETRY_MS}\n\n`);
    this.heartbeat = setInterval(() => this.write(": keep-alive\n\n"), LIVE_HEARTBEAT_MS);
    this.heartbeat.unref?.();
    if (signal.aborted) this.close();
    else signal.addEventListener("abort", () => this.close(), { once: true });
  }

  /** Runs when the browser goes away (or the stream fails): where the route stops following. */
  whenClosed(callback: () => void): void {
    if (this.closed) callback();
    else this.onClose.push(callback);
  }

  send(message: unknown): void {
    this.write(`data: ${JSON.stringify(message)}\n\n`);
  }

  response(): Response {
    return new Response(this.stream, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        // Personal and endless: never stored, never transformed (compression would buffer it).
        "cache-control": "private, no-store, no-transform",
        // nginx passes each message on as it comes instead of buffering the answer.
        "x-accel-buffering": "no",
      },
    });
  }

  private write(text: string): void {
    if (this.closed) return;
    try {
      this.controller.enqueue(this.encoder.encode(text));
    } catch {
      this.close();
    }
  }

  /** Ends the stream (also when the route refuses after all) and runs what waits for it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    try {
      this.controller.close();
    } catch {
      // Closed already by the reader going away.
    }
    for (const callback of this.onClose.splice(0)) callback();
  }
}
