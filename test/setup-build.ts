// vitest global setup: build dist/ (the command-line tests run the real `bin/scaling-theory.js`) unless
// it is newer than every source and theory file (e.g. right after `npm ci`, whose `prepare` built it).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

export default function setup(): void {
  const stamp = 'dist/.build-stamp';
  const sources = Math.max(newest('src'), newest('theory'), statSync('scripts/build.mjs').mtimeMs);
  if (existsSync(stamp) && statSync(stamp).mtimeMs > sources) return;
  execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
}
