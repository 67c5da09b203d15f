import { describe, expect, it } from 'vitest';
import { bearerToken } from '../../../compiler/router/runtime/signature.mjs';

/** What the router took with a capturing regular expression before: bearerToken must take exactly the same. */
const CAPTURE = /^Bearer[ \t]+([A-Za-z0-9_.-]+)[ \t]*$/i;

describe('bearerToken (the Authorization header without a match array per webhook)', () => {
  it.each([
    'Bearer abc.def.ghi',
    'bearer abc.def.ghi',
    'BEARER\tabc.def.ghi',
    'Bearer    abc.def.ghi   ',
    'Bearer abc.def.ghi\t \t',
    'Bearer \t a-b_c.d-e_f.g',
    'Bearer',
    'Bearer ',
    'Bearerabc.def.ghi',
    'Bearer abc def',
    'Bearer abc.def.ghi!',
    'Bearer abc=.def.ghi',
    ' Bearer abc.def.ghi',
    'Basic YWxhZGRpbjpvcGVuc2VzYW1l',
    'Bearer abc.def.ghi\n',
    'Bearer\u00a0abc.def.ghi',
    'Beare\u0072 x',
    'Bearer é.def.ghi',
    '',
  ])('%j', (header) => {
    expect(bearerToken(header)).toBe(CAPTURE.exec(header)?.[1]);
  });
});
