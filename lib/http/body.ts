import { AppError } from "../errors";

/**
 * Reads a request body with a byte cap, chunk by chunk: a chunked upload (no Content-Length)
 * or one that lies about its length is cut off with 413 as soon as it passes the cap, so no
 * request makes the server hold more than the cap in memory.
 */
export async function readBodyBytes(request: Request, limitBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limitBytes) {
    await request.body?.cancel();
    throw new AppError("PAYLOAD_TOO_LARGE", "payloadTooLarge", { limitBytes });
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel();
      throw new AppError("PAYLOAD_TOO_LARGE", "payloadTooLarge", { limitBytes });
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

export async function readBodyText(request: Request, limitBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request, limitBytes));
}
