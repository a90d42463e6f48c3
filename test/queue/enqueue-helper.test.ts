/** Every job enters the queue through one helper that sets its options (F13). */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EVENT_JOB_OPTIONS } from '../../src/queue/event-queue.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('adding jobs', () => {
  it('happens only in src/queue/event-queue.ts', () => {
    const adders = sourceFiles(SRC)
      .filter((file) => /\b\w*[qQ]ueue\w*\.(add|addBulk)\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file));
    expect(adders).toEqual(['queue/event-queue.ts']);
  });

  it('puts attempts and backoff in the job options, never in the data', () => {
    expect(EVENT_JOB_OPTIONS).toMatchObject({
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
    });
  });
});
