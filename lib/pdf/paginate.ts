/**
 * Placing laid-out boxes on pages. A box is an unbreakable strip of the page (a line of text, a
 * heading, a table row slice) that knows its height and how to draw itself; pagination only
 * decides where each one goes, so the whole document's page numbers are known before anything
 * is drawn (the table of contents prints them, and the footer prints "page n of N").
 */

export interface Anchor {
  /** Unique within the document; the named destination a table-of-contents entry jumps to. */
  id: string;
  title: string;
  /** 1 for a section's title, 2 and deeper for headings inside it (the outline's nesting). */
  level: number;
}

export interface Box<Painter> {
  height: number;
  /** Space above the box, dropped at the top of a page. */
  spaceBefore: number;
  /** Never end a page after this box (headings, a paragraph's first line). */
  keepWithNext: boolean;
  /** Start a new page with this box (the contents, the first section). */
  pageBreakBefore: boolean;
  anchor: Anchor | null;
  /** Draws the box with its top-left corner at (x, y); `spaceAbove` is the space actually left above it. */
  draw(painter: Painter, x: number, y: number, spaceAbove: number): void;
}

export interface Placement {
  page: number;
  /** Offset of the box's top from the top of the page's body area. */
  y: number;
  spaceAbove: number;
}

/** Height a box needs together with the boxes it must stay with, as long as that fits on one page. */
function heightKeptTogether<Painter>(boxes: readonly Box<Painter>[], index: number, pageHeight: number): number {
  let height = boxes[index].height;
  let cursor = index;
  while (boxes[cursor].keepWithNext && cursor + 1 < boxes.length && !boxes[cursor + 1].pageBreakBefore) {
    const next = boxes[cursor + 1];
    if (height + next.spaceBefore + next.height > pageHeight) break;
    height += next.spaceBefore + next.height;
    cursor += 1;
  }
  return height;
}

/**
 * Where each box goes: in order, on the current page when it (and what it keeps with) fits,
 * else at the top of the next. A box taller than a whole page is placed anyway, at a page top;
 * the layout keeps such boxes from arising (long table rows are sliced).
 */
export function paginate<Painter>(boxes: readonly Box<Painter>[], pageHeight: number): { placements: Placement[]; pageCount: number } {
  const placements: Placement[] = [];
  let page = 0;
  let y = 0;
  let pageHasContent = false;
  boxes.forEach((box, index) => {
    if (box.pageBreakBefore && pageHasContent) {
      page += 1;
      y = 0;
      pageHasContent = false;
    }
    let space = pageHasContent ? box.spaceBefore : 0;
    if (pageHasContent && y + space + heightKeptTogether(boxes, index, pageHeight) > pageHeight) {
      page += 1;
      y = 0;
      space = 0;
    }
    placements.push({ page, y: y + space, spaceAbove: space });
    y += space + box.height;
    pageHasContent = true;
  });
  return { placements, pageCount: page + 1 };
}
