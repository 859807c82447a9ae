// Reading a theory file (YAML or JSON, docs/theory-files.md): size and alias limits, prototype keys
// refused, the shape checked by ./schema.ts (zod) and then its formulas (the safe reader). Every problem
// is one TheoryFileError naming the field path, the line, what was found and what is expected.
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, parseDocument, visit, isMap, isSeq, isScalar, isPair, isCollection, type Document, type Node as YamlNode } from 'yaml';
import type { core } from 'zod';
import { theoryFileSchema, semanticProblems, LIMITS, PROTOTYPE_KEYS, type Problem } from './schema.js';
import type { TheoryFile } from '../engine/types.js';

type Path = (string | number)[];

export class TheoryFileError extends Error {
  /** the file (or the name given to parseTheoryText / checkTheory) */
  readonly file: string;
  /** the field path, e.g. `terms[2].cases[0].form` */
  readonly path: string;
  /** 1-based line in the YAML/JSON text (undefined for an object that did not come from text) */
  readonly line?: number;
  readonly found: string;
  readonly expected: string;
  constructor(file: string, path: string, line: number | undefined, found: string, expected: string) {
    super(`${file}${line !== undefined ? ` line ${line}` : ''}: ${path}: found ${found}; expected ${expected}`);
    this.name = 'TheoryFileError';
    this.file = file;
    this.path = path;
    this.line = line;
    this.found = found;
    this.expected = expected;
  }
}

/** `['terms', 2, 'cases', 0, 'form']` -> `terms[2].cases[0].form`. */
export function formatPath(path: Path): string {
  if (path.length === 0) return '(document)';
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${k}`)).join('');
}

function excerpt(v: unknown): string {
  if (v === undefined) return 'nothing (the field is missing)';
  const s = typeof v === 'string' ? `'${v}'` : (JSON.stringify(v) ?? String(v));
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function valueAt(root: unknown, path: Path): { ok: boolean; value: unknown } {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k)) return { ok: false, value: undefined };
    v = (v as Record<string | number, unknown>)[k];
  }
  return { ok: true, value: v };
}

/** Where the text is: the YAML document and its line counter. */
interface Source {
  doc: Document;
  lines: LineCounter;
}

function lineOf(src: Source | undefined, node: { range?: [number, number, number] | null } | undefined): number | undefined {
  return src && node?.range ? src.lines.linePos(node.range[0]).line : undefined;
}

/**
 * The path as the user wrote it: a normalised path into a shorthand (a term's `form` for
 * `cases[0].form`; a plain string for `domain[0].condition`) is mapped back to the text's own path.
 */
function sourcePath(raw: unknown, path: Path): Path {
  if (valueAt(raw, path).ok) return path;
  const c = path.indexOf('cases');
  if (c > 0 && path[c + 1] === 0) {
    const short = [...path.slice(0, c), ...path.slice(c + 2)];
    if (valueAt(raw, path.slice(0, c)).ok && !valueAt(raw, [...path.slice(0, c), 'cases']).ok) return sourcePath(raw, short);
  }
  for (let n = path.length - 1; n > 0; n--) {
    const at = valueAt(raw, path.slice(0, n));
    if (at.ok) return typeof at.value === 'string' ? path.slice(0, n) : path;
  }
  return path;
}

function fail(name: string, raw: unknown, src: Source | undefined, p: Problem): never {
  const path = sourcePath(raw, p.path);
  let line: number | undefined;
  for (let n = path.length; n >= 0 && line === undefined && src; n--) line = lineOf(src, src.doc.getIn(path.slice(0, n), true) as YamlNode | undefined);
  throw new TheoryFileError(name, formatPath(path), line, p.found ?? excerpt(valueAt(raw, path).value), p.expected);
}

const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

/** A zod issue as a problem: the path, what is expected in words. */
function zodProblem(issue: core.$ZodIssue): Problem {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  switch (issue.code) {
    case 'invalid_type':
      return { path, expected: article(issue.expected === 'tuple' ? 'list [low, high]' : issue.expected) };
    case 'unrecognized_keys': {
      return { path: [...path, issue.keys[0]], found: `the key '${issue.keys[0]}'`, expected: `only the fields of the format (docs/theory-files.md); '${issue.keys.join("', '")}' is not one` };
    }
    case 'too_small':
      return { path, expected: issue.origin === 'array' ? `at least ${issue.minimum} entr${issue.minimum === 1 ? 'y' : 'ies'}` : `at least ${issue.minimum} character(s)` };
    case 'too_big':
      return { path, expected: issue.origin === 'array' ? `at most ${issue.maximum} entries` : `at most ${issue.maximum} characters` };
    case 'invalid_value':
      return { path, expected: `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` };
    default:
      return { path, expected: issue.message };
  }
}

/** Prototype keys and excessive nesting in a plain value (a parsed file or a built-in object). */
function hostileValue(v: unknown, path: Path = []): Problem | null {
  if (path.length > LIMITS.documentDepth) return { path, found: 'deeper nesting', expected: `maps and lists nested at most ${LIMITS.documentDepth} deep` };
  if (v === null || typeof v !== 'object') return null;
  for (const k of Object.keys(v)) {
    if ((PROTOTYPE_KEYS as readonly string[]).includes(k)) return { path: [...path, k], found: `the key '${k}'`, expected: `no prototype key (${PROTOTYPE_KEYS.join(', ')})` };
    const sub = hostileValue((v as Record<string, unknown>)[k], [...path, Array.isArray(v) ? Number(k) : k]);
    if (sub) return sub;
  }
  return null;
}

/** The same in the YAML tree, before it becomes an object (so a `__proto__` key never reaches one). */
function hostileNode(node: unknown, src: Source, name: string, path: Path = []): void {
  if (path.length > LIMITS.documentDepth) throw new TheoryFileError(name, formatPath(path), lineOf(src, node as YamlNode), 'deeper nesting', `maps and lists nested at most ${LIMITS.documentDepth} deep`);
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      const k = typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
      if (k === undefined) throw new TheoryFileError(name, formatPath(path), lineOf(src, pair.key as YamlNode), 'a key that is not a name', 'plain string keys');
      if ((PROTOTYPE_KEYS as readonly string[]).includes(k)) throw new TheoryFileError(name, formatPath([...path, k]), lineOf(src, pair.key as YamlNode), `the key '${k}'`, `no prototype key (${PROTOTYPE_KEYS.join(', ')})`);
      if (isCollection(pair.value)) hostileNode(pair.value, src, name, [...path, k]);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      if (isCollection(item)) hostileNode(item, src, name, [...path, i]);
    });
  }
}

function check(value: unknown, name: string, src?: Source): TheoryFile {
  const hostile = hostileValue(value);
  if (hostile) fail(name, value, src, hostile);
  const parsed = theoryFileSchema.safeParse(value);
  if (!parsed.success) fail(name, value, src, zodProblem(parsed.error.issues[0]));
  const theory = parsed.data as TheoryFile;
  const problems = semanticProblems(theory);
  if (problems.length) fail(name, value, src, problems[0]);
  return theory;
}

/** Check a theory given as an object (JSON already parsed, a theory built in code): the normalised TheoryFile. */
export function checkTheory(value: unknown, name = 'theory'): TheoryFile {
  return check(value, name);
}

/** The line of the document's first alias (`*a`), for an alias bomb. */
function firstAliasLine(src: Source): number | undefined {
  let line: number | undefined;
  visit(src.doc, {
    Alias(_, node) {
      line = lineOf(src, node);
      return visit.BREAK;
    },
  });
  return line;
}

/** Parse a theory file's text, YAML or JSON (JSON is read as YAML 1.2, so lines are known). */
export function parseTheoryText(text: string, name = 'theory file'): TheoryFile {
  if (typeof text !== 'string') throw new TheoryFileError(name, '(document)', undefined, typeof text, 'text');
  const bytes = new TextEncoder().encode(text).length; // (no Buffer: the explorer parses the built-in files too)
  if (bytes > LIMITS.fileSize) throw new TheoryFileError(name, '(document)', undefined, `${bytes} bytes`, `a file of at most ${LIMITS.fileSize} bytes`);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new TheoryFileError(name, '(document)', e.linePos?.[0].line, 'text that is not YAML or JSON', `valid YAML or JSON (${e.message.split('\n')[0].replace(/:$/, '')})`);
  }
  const src: Source = { doc, lines };
  hostileNode(doc.contents, src, name);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: LIMITS.aliases });
  } catch (e) {
    if (e instanceof ReferenceError) throw new TheoryFileError(name, '(document)', firstAliasLine(src), 'YAML aliases that expand too far (an alias bomb)', `at most ${LIMITS.aliases} alias expansions (${e.message})`);
    throw e;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TheoryFileError(name, '(document)', 1, excerpt(value), 'a map of the theory fields (id, title, parameters, ...)');
  return check(value, name, src);
}

/** Read and check a theory file (YAML or JSON). */
export function loadTheoryFile(path: string): TheoryFile {
  const size = statSync(path).size;
  if (size > LIMITS.fileSize) throw new TheoryFileError(path, '(document)', undefined, `${size} bytes`, `a file of at most ${LIMITS.fileSize} bytes`);
  return parseTheoryText(readFileSync(path, 'utf8'), path);
}
