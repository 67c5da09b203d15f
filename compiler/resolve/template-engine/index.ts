/**
 * flowc's template engine: Handlebars, safely (resolve stage). Author strings are parsed and
 * checked at build time, rendered per locale with the flow's vars; every problem is a
 * TemplateIssue with an offset into the template string, never an exception.
 */
export type { ParsedTemplate, RenderContext, TemplateIssue } from './types.js';
export { parseTemplate, clearTemplateCache, templateCacheSize } from './parse-template.js';
export { checkTemplate } from './check-template.js';
export { renderTemplate } from './render-template.js';
export { knownHelpers } from './helpers/index.js';
export { BLOCK_HELPERS, RESERVED_NAMES } from './check-constructs.js';
export { isSsmlSource, xmlEscape } from './xml-escape.js';
