/**
 * Query-string values shared by the list routes, validated the way Webex answers bad ones: 400.
 */
import { badRequest } from './errors.js';

/** `max`: a positive whole number; capped so one call cannot ask for an unbounded page. */
export function parseMax(value: string | null, fallback: number): number {
  if (value === null) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw badRequest('max must be a positive integer');
  return Math.min(Number(value), 1000);
}
