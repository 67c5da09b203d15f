/**
 * How text looks in a terminal: how many columns a character takes, and which characters
 * must not reach the terminal raw (control characters could move the cursor or change colours).
 */

/** Tab stops every 4 columns, so a tab looks the same wherever it is printed. */
export const TAB_WIDTH = 4;

// Zero-width: combining marks, zero-width spaces/joiners, variation selectors, the byte-order mark.
const zeroWidth: ReadonlyArray<readonly [number, number]> = [
  [0x0300, 0x036f],
  [0x0483, 0x0489],
  [0x0591, 0x05bd],
  [0x0610, 0x061a],
  [0x064b, 0x065f],
  [0x0e31, 0x0e31],
  [0x0e34, 0x0e3a],
  [0x0e47, 0x0e4e],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x200b, 0x200f],
  [0x2060, 0x2064],
  [0x20d0, 0x20ff],
  [0xfe00, 0xfe0f],
  [0xfe20, 0xfe2f],
  [0xfeff, 0xfeff],
  [0xe0100, 0xe01ef],
];

// Double-width: East Asian Wide/Fullwidth blocks and emoji (after Markus Kuhn's wcwidth, plus emoji planes).
const doubleWidth: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f5],
  [0x26fa, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f2ff],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

const inRanges = (cp: number, ranges: ReadonlyArray<readonly [number, number]>): boolean => {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = ranges[mid]!;
    if (cp < from) hi = mid - 1;
    else if (cp > to) lo = mid + 1;
    else return true;
  }
  return false;
};

/** Terminal columns one printable code point occupies (0, 1 or 2). */
export function codePointWidth(cp: number): 0 | 1 | 2 {
  if (inRanges(cp, zeroWidth)) return 0;
  if (inRanges(cp, doubleWidth)) return 2;
  return 1;
}

/**
 * A visible stand-in for a character that must not reach the terminal raw, or undefined
 * when the character is safe. C0 controls and DEL become their Unicode "control pictures"
 * (U+2400 block, one column wide); C1 controls, lone surrogates and bidirectional
 * overrides (which could make a line read differently from what the file holds) become U+FFFD.
 */
export function controlStandIn(cp: number): string | undefined {
  if (cp < 0x20) return String.fromCodePoint(0x2400 + cp);
  if (cp === 0x7f) return '\u2421';
  if (cp >= 0x80 && cp <= 0x9f) return '\ufffd';
  if (cp >= 0xd800 && cp <= 0xdfff) return '\ufffd';
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return '\ufffd';
  return undefined;
}

/** Replace control characters (except tab) in one line of compiler-written text. */
export function sanitizeLine(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    out += cp === 0x09 ? ch : (controlStandIn(cp) ?? ch);
  }
  return out;
}

/** Split compiler-written text into safe display lines (`\n`, `\r\n` and `\r` all break lines). */
export const displayLines = (text: string): string[] => text.split(/\r\n|\r|\n/).map(sanitizeLine);
