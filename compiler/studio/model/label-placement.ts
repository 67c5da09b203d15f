/**
 * Where the arrows' labels go so that no two of them overlap: each label has its measured size and the
 * places along its arrow it would like to sit (best first); labels are placed one after another, each at
 * its first place that touches no label placed before it and no box, else just beside its arrow (a few
 * rows above or below) where it touches neither, else at its first place that touches no label, else at
 * the nearest free place further away. Pure: the page measures the texts and the arrows and gives them.
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
/** How far (in label heights) a label may move off its arrow to leave a step free. */
const NEAR_RINGS = 3;

/** The centre of each label, in the order given; the boxes (the steps) and leaving `frame` are avoided where possible. */
export function placeLabels(labels: readonly LabelToPlace[], boxes: readonly Box[], frame?: Box, gap = LABEL_GAP): Point[] {
  const placed: Box[] = [];
  const centres: Point[] = [];
  const freeOfLabels = (b: Box) => !placed.some((p) => intersects(p, b));
  // Leaving the frame (the picture would grow, and shrink when fitted) counts as sitting on a box.
  const within = (b: Box) =>
    !frame || (b.x >= frame.x && b.y >= frame.y && b.x + b.w <= frame.x + frame.w && b.y + b.h <= frame.y + frame.h);
  const freeOfBoxes = (b: Box) => within(b) && !boxes.some((p) => intersects(p, b));
  for (const label of labels) {
    const first = label.candidates[0] ?? { x: 0, y: 0 };
    const free = (avoidBoxes: boolean) => (c: Point) => {
      const b = boxAt(c, label, gap);
      return freeOfLabels(b) && (!avoidBoxes || freeOfBoxes(b));
    };
    const stepY = label.h + gap;
    const stepX = Math.max(label.w / 2, 8);
    /** Rows above and below `at`, a little left and right too, `ring` rows away. */
    const around = (at: Point, ring: number): Point[] => {
      const tries: Point[] = [];
      for (const dy of [ring, -ring]) for (const dx of [0, -1, 1]) tries.push({ x: at.x + dx * stepX, y: at.y + dy * stepY });
      for (const dx of [ring, -ring]) tries.push({ x: at.x + dx * stepX, y: at.y });
      return tries;
    };
    const near = [first, label.candidates[1]].filter((p): p is Point => p !== undefined);
    let chosen = label.candidates.find(free(true));
    // Next to its arrow, off the steps; else on its arrow over a step; else further away.
    for (let ring = 1; !chosen && ring <= NEAR_RINGS; ring++) chosen = near.flatMap((p) => around(p, ring)).find(free(true));
    chosen ??= label.candidates.find(free(false));
    for (let ring = NEAR_RINGS + 1; !chosen && ring <= MAX_RINGS; ring++) chosen = around(first, ring).find(free(ring <= 12));
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
