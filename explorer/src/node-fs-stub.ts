// The browser build's stand-in for node:fs (scripts/explorer.mjs aliases it): the validator and the
// theory-file loader read files with readFileSync / statSync on the command line; the page passes text
// instead (a pasted claim, a pasted or dropped theory file) and never reads files.
export function readFileSync(path: string): never {
  throw new Error(`reading files is not available in the browser (asked for ${path}): paste the text instead`);
}
export function statSync(path: string): never {
  return readFileSync(path);
}
export default { readFileSync, statSync };
