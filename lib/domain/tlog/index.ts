/**
 * The verifiable record (transparency log) of published versions, framework-free and runnable
 * in Node and in a browser: RFC 6962 Merkle trees, C2SP signed notes, checkpoints,
 * cosignatures, witness decisions, tiles, proof files and policies, the canonical statement
 * of a version, and offline verification.
 */
export { decodeBase64, decodeHex, encodeBase64, encodeHex, FormatError, sha256 } from "./bytes";
export * from "./approval-keys";
export * from "./checkpoint";
export * from "./cosignature";
export * from "./keys";
export * from "./frontier";
export * from "./merkle";
export * from "./note";
export * from "./policy";
export * from "./proof-file";
export * from "./reader-check";
export * from "./statement";
export * from "./tiles";
export * from "./verify";
export * from "./witness";
