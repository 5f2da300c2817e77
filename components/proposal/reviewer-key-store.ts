/**
 * The reviewer's signing key in this browser: an Ed25519 key pair made by WebCrypto with a
 * non-extractable private key, stored in IndexedDB (CryptoKey objects are stored as they are,
 * so script cannot read the private key's bytes), one per account, and registered to the
 * account (POST /api/v1/me/keys) before its first signature. A key the account no longer
 * accepts (revoked or rotated elsewhere) is replaced by a new one.
 */

const DATABASE = "camnangmo-reviewer-keys";
const STORE = "keys";
const ED25519 = { name: "Ed25519" } as const;

interface StoredKey {
  privateKey: CryptoKey;
  publicKey: string;
}

function request<T>(run: (store: IDBObjectStore) => IDBRequest<T>, mode: IDBTransactionMode): Promise<T> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DATABASE, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const transaction = open.result.transaction(STORE, mode);
      const result = run(transaction.objectStore(STORE));
      result.onsuccess = () => resolve(result.result);
      result.onerror = () => reject(result.error);
      transaction.oncomplete = () => open.result.close();
    };
  });
}

function toBase64(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

async function makeKey(): Promise<StoredKey> {
  const pair = (await crypto.subtle.generateKey(ED25519, false, ["sign", "verify"])) as CryptoKeyPair;
  // The public half is always exportable; the private half stays inside WebCrypto.
  return { privateKey: pair.privateKey, publicKey: toBase64(await crypto.subtle.exportKey("raw", pair.publicKey)) };
}

async function register(key: StoredKey): Promise<Response> {
  return fetch("/api/v1/me/keys", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ publicKey: key.publicKey }),
    credentials: "same-origin",
  });
}

/** The account's key in this browser, made and registered on first use. */
export async function browserReviewerKey(userId: string): Promise<StoredKey> {
  const stored = await request<StoredKey | undefined>((store) => store.get(userId) as IDBRequest<StoredKey | undefined>, "readonly");
  if (stored) {
    const response = await register(stored);
    if (response.ok) return stored;
    if (response.status !== 409) throw new Error(`key registration failed: ${response.status}`);
  }
  const fresh = await makeKey();
  const response = await register(fresh);
  if (!response.ok) throw new Error(`key registration failed: ${response.status}`);
  await request((store) => store.put(fresh, userId), "readwrite");
  return fresh;
}

/** Forgets this browser's key for the account (after revoking it), so the next approval makes a new one. */
export async function forgetBrowserReviewerKey(userId: string): Promise<void> {
  await request((store) => store.delete(userId), "readwrite");
}

/** Base64 of the Ed25519 signature over the base64 payload. */
export async function signWithReviewerKey(key: StoredKey, payload: string): Promise<string> {
  return toBase64(await crypto.subtle.sign(ED25519, key.privateKey, fromBase64(payload)));
}
