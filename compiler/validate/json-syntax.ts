/**
 * Where and why a text is not valid JSON (RFC 8259), in plain words. JSON.parse says neither reliably, and the
 * usual mistakes in published NCCOs (comments, trailing commas, a missing comma, single quotes, unfilled
 * template markers such as $format$) deserve a message that names them. Only runs after JSON.parse failed.
 */

export interface JsonSyntaxError {
  /** 0-based offset of the problem in the text. */
  offset: number;
  message: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const wsChars = new Set([' ', '\t', '\n', '\r']);

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let pos = 0;
  const fail = (message: string, at = pos): never => {
    throw new Stop(at, message);
  };
  const describeAt = (at: number): string => {
    if (at >= text.length) return 'the end of the file';
    const word = /^[^\s,:[\]{}"]+/.exec(text.slice(at, at + 40))?.[0];
    return word !== undefined && word.length > 1 ? `"${word}"` : `"${text[at]}"`;
  };
  const skipWs = (): void => {
    while (pos < text.length && wsChars.has(text[pos]!)) pos++;
    if (text.startsWith('//', pos) || text.startsWith('/*', pos)) fail('JSON does not allow comments');
  };
  const expectEnd = (): void => {
    if (pos >= text.length) fail('the file ends too early: a closing ] or } (or a closing quote) is missing');
  };

  const readString = (): void => {
    const start = pos;
    pos++; // opening quote
    for (;;) {
      if (pos >= text.length) fail('this text in quotes is never closed', start);
      const c = text[pos]!;
      if (c === '"') {
        pos++;
        return;
      }
      if (c === '\\') {
        const e = text[pos + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) fail('\\u must be followed by four hex digits');
          pos += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          pos += 2;
        } else {
          fail(`"\\${e ?? ''}" is not a valid escape in JSON (write \\\\ for a backslash)`);
        }
        continue;
      }
      if (c === '\n' || c === '\r') {
        fail(
          'the text in quotes that starts here is not closed before the end of the line (a closing " is missing, or \' was used instead)',
          start,
        );
      }
      if (c.charCodeAt(0) < 0x20) fail('a control character inside text in quotes (write it as \\u00XX)');
      pos++;
    }
  };

  const readNumber = (): void => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(pos, pos + 400));
    if (m === null || m[0] === '' || m[0] === '-') fail(`${describeAt(pos)} is not a valid JSON value`);
    pos += m![0].length;
    if (pos < text.length && /[0-9.eE+-]/.test(text[pos]!)) fail(`this number is not written the way JSON allows`, pos - m![0].length);
  };

  const readValue = (): void => {
    skipWs();
    expectEnd();
    const c = text[pos]!;
    if (c === '{') readObject();
    else if (c === '[') readArray();
    else if (c === '"') readString();
    else if (c === '-' || (c >= '0' && c <= '9')) readNumber();
    else if (c === "'") fail('JSON needs double quotes "…" around text, not single quotes');
    else readLiteral();
  };

  const readLiteral = (): void => {
    const c = text[pos]!;
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, pos) && !/[A-Za-z0-9_$]/.test(text[pos + literal.length] ?? '')) {
        pos += literal.length;
        return;
      }
    }
    if (c === ']' || c === '}') fail(`a value is missing before "${c}"`);
    if (c === ',') fail('a value is missing before ","');
    fail(
      `${describeAt(pos)} is not a valid JSON value${c === '$' || c === '{' || c === '<' ? ' (an unfilled template placeholder?)' : ''}`,
    );
  };

  const readArray = (): void => {
    pos++; // [
    skipWs();
    expectEnd();
    if (text[pos] === ']') {
      pos++;
      return;
    }
    for (;;) {
      readValue();
      skipWs();
      expectEnd();
      const c = text[pos];
      if (c === ']') {
        pos++;
        return;
      }
      if (c !== ',')
        fail(
          c === '"' || c === '{' || c === '[' ? 'a comma is missing before this item' : `expected "," or "]" but found ${describeAt(pos)}`,
        );
      const comma = pos;
      pos++;
      skipWs();
      if (text[pos] === ']') fail('JSON does not allow a comma after the last item of a list', comma);
    }
  };

  const readObject = (): void => {
    pos++; // {
    skipWs();
    expectEnd();
    if (text[pos] === '}') {
      pos++;
      return;
    }
    for (;;) {
      skipWs();
      expectEnd();
      const k = text[pos];
      if (k === "'") fail('JSON needs double quotes "…" around names, not single quotes');
      if (k !== '"') fail(`expected a name in double quotes but found ${describeAt(pos)}`);
      readString();
      skipWs();
      expectEnd();
      if (text[pos] !== ':') fail(`expected ":" after the name but found ${describeAt(pos)}`);
      pos++;
      readValue();
      skipWs();
      expectEnd();
      const c = text[pos];
      if (c === '}') {
        pos++;
        return;
      }
      if (c !== ',') fail(c === '"' ? 'a comma is missing before this entry' : `expected "," or "}" but found ${describeAt(pos)}`);
      const comma = pos;
      pos++;
      skipWs();
      if (text[pos] === '}') fail('JSON does not allow a comma after the last entry of an object', comma);
    }
  };

  try {
    readValue();
    skipWs();
    if (pos < text.length) fail('there is more text after the end of the JSON value');
    return undefined;
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, message: e.reason };
    if (e instanceof RangeError) return { offset: pos, message: 'the JSON is nested too deeply to read' };
    throw e;
  }
}
