/** The action schemas, one module per action; validate-ncco.ts dispatches on `action` to their precompiled validators (action-validators.ts). */
import type { SchemaObject } from 'ajv';
import { connectSchema } from './connect.js';
import { conversationSchema } from './conversation.js';
import { inputSchema } from './input.js';
import { notifySchema } from './notify.js';
import { paySchema } from './pay.js';
import { recordSchema } from './record.js';
import { streamSchema } from './stream.js';
import { talkSchema } from './talk.js';
import { transferSchema } from './transfer.js';
import { waitSchema } from './wait.js';

export const actionSchemas = {
  record: recordSchema,
  conversation: conversationSchema,
  connect: connectSchema,
  talk: talkSchema,
  stream: streamSchema,
  input: inputSchema,
  notify: notifySchema,
  pay: paySchema,
  wait: waitSchema,
  transfer: transferSchema,
} as const satisfies Record<string, SchemaObject>;

export type ActionName = keyof typeof actionSchemas;

export const actionNames = Object.keys(actionSchemas) as ActionName[];

export const isActionName = (name: string): name is ActionName => Object.hasOwn(actionSchemas, name);
