// vitest global setup: build dist/ once so command-line tests run the real `bin/scaling-theory.js`.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
}
