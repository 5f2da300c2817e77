import type { IncomingMessage, ServerResponse } from "node:http";

/** See early-answer-registry.mjs. */
export type EarlyAnswer = (request: IncomingMessage, response: ServerResponse) => false | Promise<boolean>;
export function registerEarlyAnswer(answer: EarlyAnswer): void;
export function answerEarly(request: IncomingMessage, response: ServerResponse): false | Promise<boolean>;
