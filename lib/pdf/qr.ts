import QRCode from "qrcode";

/** A horizontal run of dark modules in a QR symbol: row, first column, length. */
export interface QrRun {
  row: number;
  column: number;
  length: number;
}

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  runs: QrRun[];
}

/**
 * Medium error correction (15% of the symbol may be lost): printed copies get folded, stamped
 * and photocopied, and a permalink is short enough that the symbol stays small.
 */
const ERROR_CORRECTION = "M";

/**
 * The QR symbol of a text as runs of dark modules, to be drawn as vector rectangles (one per
 * run rather than per module keeps every page's drawing small). The symbol is fully determined
 * by the text: `qrcode` picks the version and mask from the data alone.
 */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: ERROR_CORRECTION });
  const runs: QrRun[] = [];
  for (let row = 0; row < modules.size; row += 1) {
    let start = -1;
    for (let column = 0; column <= modules.size; column += 1) {
      const dark = column < modules.size && modules.get(row, column) !== 0;
      if (dark && start < 0) start = column;
      if (!dark && start >= 0) {
        runs.push({ row, column: start, length: column - start });
        start = -1;
      }
    }
  }
  return { size: modules.size, runs };
}
