import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeLiveEvent, encodeLiveEvent, personTopic, proposalTopic, topicOf, type LiveEvent } from "./live-events";

const idArbitrary = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
const eventArbitrary: fc.Arbitrary<LiveEvent> = fc.oneof(
  fc.record({ kind: fc.constant("proposal" as const), proposalId: idArbitrary, change: fc.string({ minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant("notification" as const), userId: idArbitrary }),
);

describe("live events", () => {
  it("come back from the wire as they were sent, on their topic", () => {
    fc.assert(
      fc.property(eventArbitrary, (event) => {
        const decoded = decodeLiveEvent(encodeLiveEvent(event));
        expect(decoded).toEqual(event);
        expect(topicOf(decoded!)).toBe(event.kind === "proposal" ? proposalTopic(event.proposalId) : personTopic(event.userId));
      }),
      { seed: 13, numRuns: 200 },
    );
  });

  it("refuse what is not an event instead of passing it on", () => {
    for (const text of ["", "null", "{}", "not json", '{"kind":"proposal","proposalId":"a"}', '{"kind":"notification","userId":"../x"}', '{"kind":"other","userId":"a"}']) {
      expect(decodeLiveEvent(text)).toBeNull();
    }
    expect(decodeLiveEvent(JSON.stringify({ kind: "notification", userId: "x".repeat(65) }))).toBeNull();
  });

  it("are not sent when malformed", () => {
    expect(() => encodeLiveEvent({ kind: "proposal", proposalId: "", change: "x" })).toThrow();
  });
});
