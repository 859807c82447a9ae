// Theory files (YAML or JSON): the schema and the loader (docs/theory-files.md). The command line reads one with `--theory FILE` (src/cli/theory.ts).
export { TheoryFileError, loadTheoryFile, parseTheoryText, checkTheory, formatPath } from './load.js';
export { theoryFileSchema, semanticProblems, LIMITS, PROTOTYPE_KEYS, PROVENANCE_TAGS, type Problem } from './schema.js';
