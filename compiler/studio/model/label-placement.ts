/**
 * Where the arrows' labels go so that no two of them overlap: each label has its measured size and the
 * places along its arrow it would like to sit (best first); labels are placed one after another, each at
 * its first place that touches no label placed before it and no box, else at its first place that touches
 * no label, else at the nearest free place found around its first choice (rows above and below it, then
 * further). Pure: the page measures the texts and the arrows and gives them here.
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface LabelToPlace {
  w: number;
  h: number;
  /** Centres the label may take, the best first (at least one). */
  candidates: Point[];
}

/** Space kept between two labels (and a label and a box): the text's halo is not part of its size. */
export const LABEL_GAP = 3;

export const intersects = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

const boxAt = (c: Point, label: LabelToPlace, gap: number): Box => ({
  x: c.x - label.w / 2 - gap / 2,
  y: c.y - label.h / 2 - gap / 2,
  w: label.w + gap,
  h: label.h + gap,
});

/** Far enough for any number of labels: each ring of the search moves one label height (or width) further. */
const MAX_RINGS = 10_000;

/** The centre of each label, in the order given; the boxes (the steps) are avoided where possible. */
export function placeLabels(labels: readonly LabelToPlace[], boxes: readonly Box[], gap = LABEL_GAP): Point[] {
  const placed: Box[] = [];
  const centres: Point[] = [];
  const freeOfLabels = (b: Box) => !placed.some((p) => intersects(p, b));
  const freeOfBoxes = (b: Box) => !boxes.some((p) => intersects(p, b));
  for (const label of labels) {
    const first = label.candidates[0] ?? { x: 0, y: 0 };
    let chosen = label.candidates.find((c) => {
      const b = boxAt(c, label, gap);
      return freeOfLabels(b) && freeOfBoxes(b);
    });
    chosen ??= label.candidates.find((c) => freeOfLabels(boxAt(c, label, gap)));
    if (!chosen) {
      // Rows above and below the first choice, a little left and right too; boxes avoided in the first rings.
      const stepY = label.h + gap;
      const stepX = Math.max(label.w / 2, 8);
      search: for (let ring = 1; ring <= MAX_RINGS; ring++) {
        const tries: Point[] = [];
        for (const dy of [ring, -ring]) for (const dx of [0, -1, 1]) tries.push({ x: first.x + dx * stepX, y: first.y + dy * stepY });
        for (const dx of [ring, -ring]) tries.push({ x: first.x + dx * stepX, y: first.y });
        for (const avoidBoxes of ring <= 12 ? [true] : [false]) {
          for (const t of tries) {
            const b = boxAt(t, label, gap);
            if (freeOfLabels(b) && (!avoidBoxes || freeOfBoxes(b))) {
              chosen = t;
              break search;
            }
          }
        }
      }
    }
    const at = chosen ?? first;
    centres.push(at);
    placed.push(boxAt(at, label, gap));
  }
  return centres;
}

/** The smallest box around all the boxes given (the diagram grows to keep a label pushed outside it). */
export function boundsOf(boxes: readonly Box[]): Box {
  if (boxes.length === 0) return { x: 0, y: 0, w: 0, h: 0 };
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.w));
  const bottom = Math.max(...boxes.map((b) => b.y + b.h));
  return { x, y, w: right - x, h: bottom - y };
}
