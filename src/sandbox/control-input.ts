/**
 * Input of the control actions, which come two ways: JSON from tests and scripts, and HTML forms
 * from the Controls page. Both become one set of fields read with the typed readers below; a form
 * is answered with a redirect back to the page, JSON with JSON.
 */
import { isForm, readForm, readJsonObject } from './body.js';
import type { Ctx } from './context.js';
import { ApiError, badRequest } from './errors.js';

export interface ControlInput {
  fields: Record<string, unknown>;
  fromForm: boolean;
}

export async function readControlInput(ctx: Ctx): Promise<ControlInput> {
  if (!isForm(ctx)) return { fields: await readJsonObject(ctx), fromForm: false };
  const form = await readForm(ctx);
  const fields: Record<string, unknown> = {};
  // The last value wins, so a hidden "false" before a checkbox stands for the unchecked box.
  for (const [name, value] of form) if (value !== '') fields[name] = value;
  return { fields, fromForm: true };
}

export function optionalString(fields: Record<string, unknown>, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${name} must be a string`);
  return value;
}

export function requiredString(fields: Record<string, unknown>, name: string): string {
  const value = optionalString(fields, name);
  if (value === undefined || value === '') throw badRequest(`${name} is required`);
  return value;
}

/** A whole number within bounds; forms send numbers as text, so numeric strings count. */
export function optionalInteger(
  fields: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = fields[name];
  if (raw === undefined || raw === null) return undefined;
  const value = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badRequest(`${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

export function optionalBoolean(
  fields: Record<string, unknown>,
  name: string,
): boolean | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (value === true || value === 'true' || value === 'on') return true;
  if (value === false || value === 'false') return false;
  throw badRequest(`${name} must be true or false`);
}

/**
 * Runs a control action and answers: JSON with the action's result, or for a form a 303 back to
 * the Controls page with a notice, or with the problem when the action refused.
 */
export async function answerControl(
  ctx: Ctx,
  act: (input: ControlInput) => { body: unknown; notice: string },
): Promise<void> {
  const input = await readControlInput(ctx);
  if (!input.fromForm) {
    ctx.body = act(input).body;
    return;
  }
  let query: URLSearchParams;
  try {
    query = new URLSearchParams({ notice: act(input).notice });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    query = new URLSearchParams({ error: error.message });
  }
  ctx.status = 303;
  ctx.redirect(`/sandbox/control?${query.toString()}`);
}
