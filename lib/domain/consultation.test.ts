import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DAY_MS,
  DISPOSITIONS,
  MAX_CONSULTATION_DAYS,
  OPENS_AT_GRACE_MS,
  checkWindow,
  consultationPhase,
  dispositionOf,
  hiddenByReports,
  initialCommentStatus,
  parseAnchor,
  reportFigures,
  storedDisposition,
  unansweredCount,
} from "./consultation";

const now = new Date("2026-12-16T03:00:00Z");
const inDays = (days: number, from = now) => new Date(from.getTime() + days * DAY_MS);

describe("consultation window", () => {
  it("is scheduled before it opens, open until its end, and closed from the end on", () => {
    const window = { opensAt: inDays(1), closesAt: inDays(31) };
    expect(consultationPhase(window, now)).toBe("scheduled");
    expect(consultationPhase(window, inDays(1))).toBe("open");
    expect(consultationPhase(window, new Date(inDays(31).getTime() - 1))).toBe("open");
    expect(consultationPhase(window, inDays(31))).toBe("closed");
  });

  it("must last at least the document's minimum and at most a year, and end after it starts", () => {
    expect(checkWindow({ opensAt: now, closesAt: inDays(29), now, minDays: 30 })).toEqual({ ok: false, error: { problem: "too_short", minDays: 30 } });
    expect(checkWindow({ opensAt: now, closesAt: inDays(30), now, minDays: 30 })).toMatchObject({ ok: true });
    expect(checkWindow({ opensAt: inDays(2), closesAt: inDays(1), now, minDays: 1 })).toEqual({ ok: false, error: { problem: "closes_before_opens" } });
    expect(checkWindow({ opensAt: now, closesAt: inDays(MAX_CONSULTATION_DAYS + 1), now, minDays: 1 })).toEqual({ ok: false, error: { problem: "too_long", maxDays: MAX_CONSULTATION_DAYS } });
  });

  it("takes a start a few minutes ago as now, and refuses one further in the past", () => {
    const slightlyEarlier = new Date(now.getTime() - OPENS_AT_GRACE_MS + 1000);
    const result = checkWindow({ opensAt: slightlyEarlier, closesAt: inDays(30), now, minDays: 30 });
    expect(result).toEqual({ ok: true, opensAt: now, closesAt: inDays(30) });
    expect(checkWindow({ opensAt: inDays(-1), closesAt: inDays(40), now, minDays: 30 })).toEqual({ ok: false, error: { problem: "opens_in_past" } });
  });
});

describe("moderation", () => {
  it("holds a first-time commenter's comment under pre-moderation, and nobody's under post-moderation", () => {
    expect(initialCommentStatus("PRE", false)).toBe("PENDING");
    expect(initialCommentStatus("PRE", true)).toBe("PUBLISHED");
    expect(initialCommentStatus("POST", false)).toBe("PUBLISHED");
  });

  it("hides a comment after the document's number of reports, only under post-moderation", () => {
    expect(hiddenByReports("POST", 2, 3)).toBe(false);
    expect(hiddenByReports("POST", 3, 3)).toBe(true);
    expect(hiddenByReports("PRE", 10, 3)).toBe(false);
  });
});

describe("anchors and dispositions", () => {
  it("reads stored anchors back, and treats an unreadable one as the whole proposal", () => {
    expect(parseAnchor('{"kind":"block","sectionId":"s1","blockId":"b1"}')).toEqual({ kind: "block", sectionId: "s1", blockId: "b1" });
    expect(parseAnchor('{"kind":"range","sectionId":"s1","blockId":"b1","start":3,"end":9,"quote":"chuyển"}')).toMatchObject({ kind: "range", start: 3, end: 9 });
    expect(parseAnchor('{"kind":"range","sectionId":"s1","blockId":"b1","start":9,"end":3}')).toEqual({ kind: "proposal" });
    expect(parseAnchor("not json")).toEqual({ kind: "proposal" });
  });

  it("stores each disposition as one value and reads it back", () => {
    for (const disposition of DISPOSITIONS) expect(dispositionOf(storedDisposition(disposition))).toBe(disposition);
    expect(dispositionOf("MAYBE")).toBeNull();
  });
});

const statusArb = fc.constantFrom("PENDING", "PUBLISHED", "HIDDEN");
const commentArb = fc.record({
  status: statusArb,
  disposition: fc.option(fc.constantFrom(...DISPOSITIONS), { nil: null }),
  authorId: fc.constantFrom("a", "b", "c", "d"),
});

describe("figures of the report", () => {
  it("add up: every comment considered is answered or not, each answer has one disposition, hidden ones owe nothing", () => {
    fc.assert(
      fc.property(fc.array(commentArb, { maxLength: 60 }), (comments) => {
        const figures = reportFigures(comments);
        expect(figures.considered + figures.hidden).toBe(figures.received);
        expect(figures.answered + figures.unanswered).toBe(figures.considered);
        expect(Object.values(figures.byDisposition).reduce((sum, count) => sum + count, 0)).toBe(figures.answered);
        expect(figures.unanswered).toBe(unansweredCount(comments));
        expect(figures.commenters).toBeLessThanOrEqual(figures.considered);
        // Answering one more comment that is owed an answer lowers the count by exactly one.
        const owed = comments.findIndex((comment) => comment.status !== "HIDDEN" && comment.disposition === null);
        if (owed >= 0) {
          const answered = comments.map((comment, index) => (index === owed ? { ...comment, disposition: "explained" as const } : comment));
          expect(unansweredCount(answered)).toBe(unansweredCount(comments) - 1);
        }
      }),
    );
  });
});
