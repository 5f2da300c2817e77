/**
 * pdfkit 0.20 accepts a destination for outline items (`top`, `left`) that its type
 * declarations leave out. It writes `page width - left` as the destination's left edge, so
 * `left: <page width>` means the page's left edge; lib/pdf/render.test.ts reads the outline
 * back to hold pdfkit to that.
 */
declare namespace PDFKit {
  interface PDFOutline {
    addItem(title: string, options?: { expanded?: boolean; top?: number; left?: number }): PDFOutline;
  }
}
