/**
 * Names that become file names — project files, and the flow, locale and step names of
 * dist/ncco/<flow>/<locale>/<step>.json — must work on every system a project is checked out on
 * (issue 10 #9, #13): macOS and Windows compare names without case (and macOS without Unicode
 * normalisation), Windows reserves device names and some characters, and a control character in a
 * name breaks logs and annotations.
 */

/** Device names Windows reserves in every folder, with any extension: CON, con.json, Nul.flow.yaml, COM1.txt. */
const windowsDevice = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** A control character (C0, DEL, C1), a line or paragraph separator, or a bidirectional override. */
export function controlCharacterIn(name: string): { char: string; index: number } | undefined {
  let index = 0;
  for (const char of name) {
    const cp = char.codePointAt(0)!;
    if (
      cp < 0x20 ||
      (cp >= 0x7f && cp <= 0x9f) ||
      cp === 0x2028 ||
      cp === 0x2029 ||
      (cp >= 0x202a && cp <= 0x202e) ||
      (cp >= 0x2066 && cp <= 0x2069)
    )
      return { char, index };
    index += char.length;
  }
  return undefined;
}

/** U+001B, as written in messages. */
export const codePointName = (char: string): string => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Letters, digits, "_" and "-" in dot-separated runs: no character Windows refuses, no dot or space at the
 * end; only a device name is left to rule out, and a device name is 3 or 4 characters before the first dot.
 */
const plainName = /^[\w-]+(?:\.[\w-]+)*$/;

/** Why one part of a path (a file or folder name) cannot exist on Windows, or undefined. */
export function windowsNameProblem(part: string): string | undefined {
  // The usual name, checked without cutting it (some 37,000 flow, locale and step names at 1,000 flows).
  if (plainName.test(part)) {
    const dot = part.indexOf('.');
    const baseLength = dot === -1 ? part.length : dot;
    if (baseLength !== 3 && baseLength !== 4) return undefined;
  }
  const base = part.split('.')[0]!.replace(/(?<! ) +$/, '');
  if (windowsDevice.test(base)) return `"${base}" is a device name on Windows (like CON, NUL, COM1), even with an extension`;
  const bad = /[<>:"|?*\\]/.exec(part);
  if (bad) return `Windows does not allow "${bad[0]}" in names`;
  if (/[. ]$/.test(part)) return 'Windows drops a dot or space at the end of a name';
  return undefined;
}

/**
 * The key under which case-insensitive file systems store a name: NFC-normalised (macOS treats
 * "é" and "e" + U+0301 as one name) and lower-cased (String.prototype.toLowerCase does not depend
 * on the locale).
 */
export const foldedName = (name: string): string => name.normalize('NFC').toLowerCase();
