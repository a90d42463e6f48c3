/**
 * Apps added to the built-in polls and help. Add yours to this list; see "Adding a command" in
 * the README.
 */
import type { DeputyApp } from '../commands/types.js';

export const apps: DeputyApp[] = [];
