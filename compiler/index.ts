/** The public API of flowc (`import { validateNcco } from 'flowc'`). The CLI is a thin layer over it. */
export type { Diagnostic, Severity, Range, Position, RelatedLocation } from './diagnostics/diagnostic.js';
export { validateNcco } from './validate/validate-ncco.js';
export type { ValidateOptions } from './validate/validate-options.js';
export { lintNccoFiles } from './validate/lint-ncco.js';
export { buildProject, defaultRouterUrl, type BuildOptions, type BuildResult, type FlowOutputSink } from './pipeline/build-project.js';
export { planOutput, planNccoFiles, planProjectFiles, type NccoFileEntry, type OutputFile } from './emit/plan-output.js';
export { BuildOutputStager } from './emit/build-output-stager.js';
export type { OutputStream } from './emit/output-stream.js';
export { compilerFingerprint, FlowCache, type OutputStep } from './pipeline/flow-cache.js';
export { ParseCache } from './load/parse-cache.js';
export { readOutputRecord, writeOutputRecord, type OutputRecord } from './emit/output-record.js';
export {
  writeOutputAtomically,
  compareOutput,
  writeOutput,
  openOutput,
  recoverOutputFolder,
  resolveOutputTarget,
  type WriteOutputOptions,
  type WriteOutputReport,
} from './emit/write-output.js';
export { flowChunkFile, generateRouterFiles, type GeneratedFile, type RouterProgram } from './router/generate-router.js';
export { summarizeFlow, type FlowSummary } from './router/flow-summary.js';
export type { FlowProgram, ProjectProgram, StepProgram, Target } from './router/runtime/program.mjs';
export { signWebhook } from './router/sign-webhook.js';
export { formatDiagnostics, outputFormats, type OutputFormat } from './diagnostics/format.js';
export { flowSchema } from './check/schemas/flow-schema.js';
export { editorSchema, editorSchemaKinds } from './check/schemas/editor-schemas.js';
export { rebaseDiagnostics } from './diagnostics/rebase-paths.js';
