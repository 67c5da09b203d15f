/** Intl formatters made once per locale and kind, and ICU's no-break spaces made plain for TTS. */

const formats = new Map<string, Intl.DateTimeFormat>();

export function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formats.get(key);
  if (f === undefined) {
    f = make();
    formats.set(key, f);
  }
  return f;
}

/** ICU puts no-break spaces in dates/times ("2:30 PM" uses U+202F); TTS wants plain spaces. */
export const plainSpaces = (s: string): string => s.replace(/[\u00a0\u2007\u202f]/g, ' ');
