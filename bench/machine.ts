/**
 * The machine the figures come from, printed with them: without it a figure means little. The
 * load average before and after shows whether other work shared the CPU during the run.
 */
import os from 'node:os';
import type { Redis } from 'ioredis';
import { infoField } from './redis.js';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  redis: string;
  /** 1-minute load average when the run started and when it ended. */
  loadBefore: number;
  loadAfter: number | undefined;
}

export async function describeMachine(redis: Redis): Promise<Machine> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    redis: await infoField(redis, 'server', 'redis_version'),
    loadBefore: Math.round(os.loadavg()[0]! * 100) / 100,
    loadAfter: undefined,
  };
}

export function loadNow(): number {
  return Math.round(os.loadavg()[0]! * 100) / 100;
}
