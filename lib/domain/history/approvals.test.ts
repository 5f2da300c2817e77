import { describe, expect, it } from "vitest";
import { publishedApprovals, type ReviewRecord } from "./approvals";

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const review = (reviewerId: string, decision: string, contentHash: string, minute: number): ReviewRecord<string> => ({
  reviewerId,
  decision,
  contentHash,
  createdAt: at(minute),
  reviewer: reviewerId,
});

describe("published approvals", () => {
  it("lists reviewers whose latest review approved the published text, in order of approval", () => {
    const result = publishedApprovals([review("thu", "APPROVE", "h2", 5), review("minh", "APPROVE", "h2", 3)], "h2", at(10));
    expect(result.map((entry) => entry.reviewer)).toEqual(["minh", "thu"]);
  });

  it("leaves out approvals of an earlier text", () => {
    expect(publishedApprovals([review("minh", "APPROVE", "h1", 1)], "h2", at(10))).toEqual([]);
  });

  it("leaves out a reviewer whose latest word was a change request", () => {
    const reviews = [review("minh", "APPROVE", "h2", 1), review("minh", "REQUEST_CHANGES", "h2", 2)];
    expect(publishedApprovals(reviews, "h2", at(10))).toEqual([]);
  });

  it("counts a reviewer once, for their latest approval", () => {
    const reviews = [review("minh", "REQUEST_CHANGES", "h1", 1), review("minh", "APPROVE", "h2", 2), review("minh", "APPROVE", "h2", 4)];
    expect(publishedApprovals(reviews, "h2", at(10)).map((entry) => entry.createdAt)).toEqual([at(4)]);
  });

  it("ignores reviews dated after publishing", () => {
    expect(publishedApprovals([review("minh", "APPROVE", "h2", 11)], "h2", at(10))).toEqual([]);
  });
});
