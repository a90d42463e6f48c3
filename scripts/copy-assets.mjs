// Copies the files the compiled code reads beside itself: the card templates and the sandbox
// page's scripts and styles.
import { cpSync, rmSync } from 'node:fs';

rmSync('dist/cards', { recursive: true, force: true });
cpSync('cards', 'dist/cards', { recursive: true });
cpSync('src/sandbox/assets', 'dist/src/sandbox/assets', { recursive: true });
