#!/usr/bin/env node
// Entry point: the compiled command line (built by `npm run build`, run on `npm ci` by `prepare`).
import { main } from '../dist/src/cli/main.js';

// `scaling-theory ... | head`: a closed pipe ends the output quietly, not with a stack trace
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`scaling-theory: internal error: ${err && err.stack ? err.stack : err}\n`); process.exitCode = 1; },
);
