import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { qrMatrix } from "./qr";

describe("qrMatrix", () => {
  it("covers exactly the dark modules of the symbol, row by row", () => {
    const url = "https://camnang.gov.vn/cam-nang-chuyen-doi-so/v/2";
    const { modules } = QRCode.create(url, { errorCorrectionLevel: "M" });
    const matrix = qrMatrix(url);
    expect(matrix.size).toBe(modules.size);
    const drawn = new Set(matrix.runs.flatMap((run) => Array.from({ length: run.length }, (_, offset) => `${run.row},${run.column + offset}`)));
    for (let row = 0; row < modules.size; row += 1) {
      for (let column = 0; column < modules.size; column += 1) expect(drawn.has(`${row},${column}`)).toBe(modules.get(row, column) !== 0);
    }
    expect(matrix.runs.length).toBeLessThan(drawn.size);
    expect(qrMatrix(url)).toEqual(matrix);
  });
});
