// The browser build's stand-in for node:fs (scripts/explorer.mjs aliases it): the validator reads claims
// files with readFileSync on the command line; the page passes claim text instead and never reads files.
export function readFileSync(path: string): never {
  throw new Error(`reading files is not available in the browser (asked for ${path}): paste the claim instead`);
}
export default { readFileSync };
