import { describe, expect, it } from "vitest";
import { collabDocumentName, parseCollabDocumentName } from "./collab-names";

describe("collaboration document names", () => {
  it("names a proposal section and parses the name back", () => {
    const name = collabDocumentName("cm1abc_2-Z", "sec-loi-tong-ket");
    expect(name).toBe("proposal:cm1abc_2-Z:section:sec-loi-tong-ket");
    expect(parseCollabDocumentName(name)).toEqual({ proposalId: "cm1abc_2-Z", sectionId: "sec-loi-tong-ket" });
  });

  it("refuses ids that would make an ambiguous or unsafe name", () => {
    expect(() => collabDocumentName("p:1", "s1")).toThrow();
    expect(() => collabDocumentName("p1", "")).toThrow();
    expect(() => collabDocumentName("p1", "s".repeat(65))).toThrow();
    expect(() => collabDocumentName("p1", "s/../x")).toThrow();
  });

  it.each([
    "",
    "proposal:p1",
    "proposal:p1:section:",
    "proposal::section:s1",
    "proposal:p1:section:s1:extra",
    " proposal:p1:section:s1",
    "proposal:p1:section:s1\n",
    "proposal:p 1:section:s1",
    "PROPOSAL:p1:SECTION:s1",
    "proposal:p1:section:s1\u0000x",
    `proposal:${"p".repeat(65)}:section:s1`,
    "proposal:pé:section:s1",
  ])("parses %j as no document at all", (name) => {
    expect(parseCollabDocumentName(name)).toBeNull();
  });
});
