import { describe, expect, it } from "vitest";
import { highlightConflict } from "./highlight";

describe("highlightConflict", () => {
  const filler = "Việc dời đô từ Hoa Lư hiểm yếu nhưng chật hẹp sang Thăng Long, nơi đất đai";
  const tail = "là sự chuyển đổi tư duy từ phòng thủ sang phát triển của cả một dân tộc.";

  it("marks, word by word, what the published text and the proposal each changed in the base", () => {
    const base = `${filler} trống trải ${tail}`;
    const head = `${filler} rộng mở ${tail}`;
    const proposal = `${filler} bằng phẳng ${tail}`;
    const highlight = highlightConflict(base, head, proposal);
    expect(highlight?.head.filter((word) => word.op !== "equal")).toEqual([
      { op: "delete", text: "trống trải" },
      { op: "insert", text: "rộng mở" },
    ]);
    expect(highlight?.proposal.filter((word) => word.op !== "equal")).toEqual([
      { op: "delete", text: "trống trải" },
      { op: "insert", text: "bằng phẳng" },
    ]);
    expect(highlight?.base).toEqual([
      { text: `${filler} `, changedByHead: false, changedByProposal: false },
      { text: "trống trải", changedByHead: true, changedByProposal: true },
      { text: ` ${tail}`, changedByHead: false, changedByProposal: false },
    ]);
  });

  it("tells apart stretches of the base that only one side changed", () => {
    const base = "Một hai ba bốn năm sáu bảy.";
    const highlight = highlightConflict(base, "Một HAI ba bốn năm sáu bảy.", "Một hai ba bốn năm SÁU bảy.");
    expect(highlight?.base.map((segment) => [segment.text, segment.changedByHead, segment.changedByProposal])).toEqual([
      ["Một ", false, false],
      ["hai", true, false],
      [" ba bốn năm ", false, false],
      ["sáu", false, true],
      [" bảy.", false, false],
    ]);
    expect(highlight?.base.map((segment) => segment.text).join("")).toBe(base);
  });
});
