import type { Messages } from "../vi";

export const approvals: Messages["approvals"] = {
  signingHint: "Approvals are signed right here in this browser with your own Ed25519 key; the server never holds the private key.",
  signing: "Signing…",
  signingFailed: "The approval could not be signed in this browser (it needs Ed25519 in WebCrypto). Nothing was sent.",
  signed: "Signed",
  invalid: "Invalid signature — not counted",
  unsigned: "Unsigned — not counted",
  unsignedLegacy: "Unsigned legacy approval — not counted",
  fingerprint: "Key fingerprint",
  keysTitle: "Approval signing keys",
  keysHint: "Your public key is published at /api/v1/keys so that anyone can check your approval signatures; old keys stay published after a rotation or revocation.",
  noKeys: "You have no key yet: one is made in your browser on your first approval (or register a key file with “npx handbook key:register”).",
  publicKey: "Public key",
  inUse: "In use",
  rotated: "Replaced",
  revoked: "Revoked",
  registeredAt: "Registered",
  rotate: "Make a new key",
  revoke: "Revoke key",
  rotateFailed: "A new key could not be made in this browser.",
};
