/** Small call-data projects built in a temp folder, and their diagnostics as `code@file:line:col`. */
import { rm } from 'node:fs/promises';
import { buildProject, type BuildResult } from '../../../compiler/pipeline/build-project.js';
import { writeProject } from '../../helpers/temp-project.js';

export const lookupsYaml = `lookups:
  findAccount:
    description: The account for a phone number or an account number.
    input:
      phone: { type: digits, min: 7, max: 15, optional: true }
      account: { type: digits, length: 8, optional: true }
    output:
      account: { type: digits, length: 8 }
      balance: { type: money, min: 0, max: 10000 }
      dueDate: date
      name: { type: text, optional: true, max: 40 }
    timeout: 2s
hours:
  office:
    timeZone: America/New_York
    open: { mon-fri: "08:00-18:00", sat: "09:00-13:00" }
    closed: [2026-12-25]
`;

/** flowc.yaml with the lookup and the opening hours above, plus `extra`. */
export const flowcYaml = (extra = ''): string => `routerUrl: https://ivr.example.com/flowc\n${lookupsYaml}${extra}`;

export interface Built {
  result: BuildResult;
  /** `code@file:line:col` of every diagnostic except the default-router-url warning. */
  codes: string[];
}

export async function build(files: Record<string, string>): Promise<Built> {
  const dir = await writeProject({ 'flowc.yaml': flowcYaml(), ...files });
  try {
    const result = await buildProject(dir);
    const codes = result.diagnostics
      .filter((d) => d.code !== 'build/default-router-url')
      .map((d) => `${d.code}@${d.file ?? ''}:${d.range?.start.line ?? 0}:${d.range?.start.col ?? 0}`);
    return { result, codes };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A one-flow project: `head` is the flow's keys before `steps:` (after flow, locales, numbers). */
export const flow = (head: string, steps: string, locales = '[en-US]'): string =>
  `flow: a\nlocales: ${locales}\nnumbers: { "14155550100": en-US }\n${head}steps:\n${steps}`;
