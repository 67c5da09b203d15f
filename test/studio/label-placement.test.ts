/**
 * The arrows' labels: each at its first place that is free of labels and steps, else free of labels, else
 * the nearest free place around it; never two on each other, however many meet at one point.
 */
import { describe, expect, it } from 'vitest';
import { type Box, boundsOf, intersects, LABEL_GAP, type LabelToPlace, placeLabels } from '../../compiler/studio/model/label-placement.js';
import { seededRandom } from '../helpers/seeded-random.js';

const label = (w: number, h: number, ...candidates: [number, number][]): LabelToPlace => ({
  w,
  h,
  candidates: candidates.map(([x, y]) => ({ x, y })),
});
const boxOf = (l: LabelToPlace, c: { x: number; y: number }): Box => ({ x: c.x - l.w / 2, y: c.y - l.h / 2, w: l.w, h: l.h });

describe('placeLabels', () => {
  it.each<[string, LabelToPlace[], Box[], [number, number][]]>([
    ['a label alone stays at its first place', [label(40, 12, [100, 100], [100, 150])], [], [[100, 100]]],
    [
      'the second of two labels at one place takes its next place',
      [label(40, 12, [100, 100], [100, 150]), label(40, 12, [100, 100], [100, 130])],
      [],
      [
        [100, 100],
        [100, 130],
      ],
    ],
    [
      'a label leaves a step for the next place along its arrow',
      [label(40, 12, [100, 100], [100, 160])],
      [{ x: 50, y: 90, w: 100, h: 30 }],
      [[100, 160]],
    ],
    [
      'a label moves a row off its arrow rather than onto a step',
      [label(40, 12, [100, 100]), label(40, 12, [100, 100], [300, 100])],
      [{ x: 250, y: 80, w: 100, h: 40 }],
      [
        [100, 100],
        [100, 100 + 12 + LABEL_GAP],
      ],
    ],
    [
      'a step is covered rather than another label when nothing near is free',
      [label(40, 12, [100, 100]), label(40, 12, [100, 100], [300, 100])],
      [
        { x: 0, y: 0, w: 250, h: 99 },
        { x: 0, y: 101, w: 250, h: 200 },
        { x: 250, y: 0, w: 200, h: 300 },
      ],
      [
        [100, 100],
        [300, 100],
      ],
    ],
    [
      'with no free place on its arrow, the nearest row below or above',
      [label(40, 12, [100, 100]), label(40, 12, [100, 100])],
      [],
      [
        [100, 100],
        [100, 100 + 12 + LABEL_GAP],
      ],
    ],
  ])('%s', (_what, labels, boxes, expected) => {
    expect(placeLabels(labels, boxes).map((c) => [c.x, c.y])).toEqual(expected);
  });

  it('keeps a label inside the frame where it can', () => {
    const frame = { x: 0, y: 0, w: 200, h: 200 };
    // Its first place sticks out on the right; the next one along its arrow is inside.
    expect(placeLabels([label(60, 12, [190, 100], [120, 100])], [], frame)).toEqual([{ x: 120, y: 100 }]);
    // Without a frame, the first place is fine.
    expect(placeLabels([label(60, 12, [190, 100], [120, 100])], [])).toEqual([{ x: 190, y: 100 }]);
  });

  it('never puts two labels on each other: 40 random crowds of up to 80 labels around a few points', () => {
    const random = seededRandom(14);
    for (let crowd = 0; crowd < 40; crowd++) {
      const points = Array.from({ length: 1 + Math.floor(random() * 4) }, () => [Math.round(random() * 300), Math.round(random() * 300)]);
      const labels = Array.from({ length: 2 + Math.floor(random() * 79) }, () => {
        const candidates = Array.from({ length: 1 + Math.floor(random() * 5) }, () => {
          const [x = 0, y = 0] = points[Math.floor(random() * points.length)]!;
          return [x + Math.round(random() * 20), y + Math.round(random() * 20)] as [number, number];
        });
        return label(10 + Math.round(random() * 150), 10 + Math.round(random() * 4), ...candidates);
      });
      const steps = Array.from({ length: 5 }, () => ({ x: random() * 300, y: random() * 300, w: 200, h: 58 }));
      const boxes = placeLabels(labels, steps).map((c, i) => boxOf(labels[i]!, c));
      for (const [i, a] of boxes.entries())
        for (const b of boxes.slice(i + 1)) expect(intersects(a, b), `crowd ${crowd}: labels ${i} and another`).toBe(false);
    }
  });

  it('bounds every box', () => {
    expect(
      boundsOf([
        { x: -5, y: 10, w: 10, h: 10 },
        { x: 20, y: -3, w: 5, h: 40 },
      ]),
    ).toEqual({ x: -5, y: -3, w: 30, h: 40 });
    expect(boundsOf([])).toEqual({ x: 0, y: 0, w: 0, h: 0 });
  });
});
