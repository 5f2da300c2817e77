import { describe, expect, it } from "vitest";
import { parseNotificationEvent } from "./notification-events";

describe("parseNotificationEvent", () => {
  it("reads a stored kind and its parameters back as a typed event", () => {
    expect(parseNotificationEvent("decision", '{"reviewerName":"Lê Văn Minh","decision":"reject","proposalTitle":"Sửa Kỳ 18"}')).toEqual({
      kind: "decision",
      params: { reviewerName: "Lê Văn Minh", decision: "reject", proposalTitle: "Sửa Kỳ 18" },
    });
  });

  it("gives null for an unknown kind, parameters that do not fit the kind, and broken JSON", () => {
    expect(parseNotificationEvent("party", "{}")).toBeNull();
    expect(parseNotificationEvent("decision", '{"reviewerName":"A","decision":"maybe","proposalTitle":"B"}')).toBeNull();
    expect(parseNotificationEvent("published", '{"proposalTitle":"B","versionNumber":0}')).toBeNull();
    expect(parseNotificationEvent("published", "{")).toBeNull();
  });
});
