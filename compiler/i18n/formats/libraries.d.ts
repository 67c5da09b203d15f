/** The parts of gettext-parser and xliff (plain JavaScript packages) that flowc uses, typed. */
declare module 'gettext-parser' {
  export interface PoComments {
    translator?: string;
    reference?: string;
    extracted?: string;
    flag?: string;
    previous?: string;
  }
  export interface PoEntry {
    msgctxt?: string;
    msgid: string;
    msgid_plural?: string;
    msgstr: string[];
    comments?: PoComments;
  }
  export interface PoData {
    charset: string;
    headers: Record<string, string>;
    translations: Record<string, Record<string, PoEntry>>;
  }
  export const po: {
    parse(input: string | Buffer, options?: { defaultCharset?: string; validation?: boolean }): PoData;
    compile(data: PoData, options?: { foldLength?: number; sort?: boolean }): Buffer;
  };
}

declare module 'xliff' {
  export type InlineElement = Record<string, { id?: string; contents?: XliffValue; [attribute: string]: unknown }>;
  export type XliffValue = string | (string | InlineElement)[] | InlineElement;
  export interface XliffUnit {
    source?: XliffValue;
    target?: XliffValue;
    note?: string | string[];
    additionalAttributes?: Record<string, string>;
  }
  export interface XliffDocument {
    sourceLanguage: string;
    targetLanguage?: string;
    resources: Record<string, Record<string, XliffUnit>>;
  }
  export function jsToXliff12(obj: XliffDocument, options?: { indent?: string }): Promise<string>;
  export function xliff12ToJs(text: string, options?: Record<string, unknown>): Promise<XliffDocument>;
}
