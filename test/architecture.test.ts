// The layering the model interface promises (docs/architecture.md):
// - no model id is written as a string outside theory/ and src/models/ (commands, the validator, the
//   explorer and numeric code dispatch on capabilities, never on ids);
// - src/ has no import cycle (static imports, type-only ones included; a dynamic import() is a lazy
//   loading point and is not an edge).
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname, resolve, relative } from 'node:path';
import { listModels } from '../src/models/registry.js';
import { loadLibrary } from '../src/models/library.js';

await loadLibrary(); // the library's ids (theory/library/*.yaml) are model ids too

const ROOT = resolve(__dirname, '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** Source text with comments removed (a comment may name a model; code may not). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Every string literal of a file (single, double and template quotes; template holes left in). */
function literals(src: string): string[] {
  const out: string[] = [];
  const re = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g;
  for (let m; (m = re.exec(src)); ) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

describe('model ids live in theory/ and src/models/ only', () => {
  const models = listModels();
  const ids = new Set(models.map((m) => m.id));
  // variant suffixes (`~ensemble`) and id families (`chinchilla:`) are ids too
  const suffixes = new Set(models.flatMap((m) => Object.values(m.variants).map((v) => v.slice(v.indexOf('~')))));
  const families = new Set(models.map((m) => m.id).filter((id) => id.includes(':')).map((id) => id.slice(0, id.indexOf(':') + 1)));
  const files = [...tsFiles(join(ROOT, 'src')), ...tsFiles(join(ROOT, 'explorer', 'src'))].filter((f) => !relative(ROOT, f).startsWith(join('src', 'models')));

  it('the registry lists the models the issue names', () => {
    for (const id of ['plrf', 'rf-dynamics', 'rf-dynamics~ensemble', 'info-bound', 'negative-control', 'chinchilla:hoffmann', 'chinchilla:hoffmann-rounded', 'chinchilla:epoch']) expect(ids.has(id), id).toBe(true);
  });

  it('no string literal outside theory/ and src/models/ is a model id, a variant suffix or an id family', () => {
    const found: string[] = [];
    for (const f of files) {
      for (const lit of literals(code(readFileSync(f, 'utf8')))) {
        const bare = lit.trim();
        if (ids.has(bare) || suffixes.has(bare) || [...suffixes].some((s) => bare.endsWith(s) && bare.includes('${')) || families.has(bare)) found.push(`${relative(ROOT, f)}: '${lit}'`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the check itself finds an id written in code (it is not vacuous)', () => {
    const sample = code(`const m = getModel('plrf'); // 'rf-dynamics' in a comment is fine\nconst v = \`\${id}~ensemble\`;`);
    const hits = literals(sample).filter((l) => ids.has(l) || [...suffixes].some((s) => l.endsWith(s)));
    expect(hits).toEqual(['plrf', '${id}~ensemble']);
  });
});

describe('src/ has no import cycle', () => {
  const files = tsFiles(join(ROOT, 'src'));
  const edges = new Map<string, string[]>();
  for (const f of files) {
    const src = code(readFileSync(f, 'utf8'));
    const targets: string[] = [];
    // static imports and re-exports (`import x from`, `import type {..} from`, `export {..} from`), not import()
    for (const m of src.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+['"](\.[^'"]+)['"]/gm)) {
      const t = resolve(dirname(f), m[1].replace(/\.js$/, '.ts'));
      if (t.startsWith(join(ROOT, 'src'))) targets.push(t);
    }
    for (const m of src.matchAll(/^\s*import\s+['"](\.[^'"]+)['"]/gm)) targets.push(resolve(dirname(f), m[1].replace(/\.js$/, '.ts')));
    edges.set(f, targets);
  }

  /** The first cycle found by depth-first search, as a list of files, or null. */
  function findCycle(graph: Map<string, string[]>): string[] | null {
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    const visit = (n: string): string[] | null => {
      state.set(n, 1);
      stack.push(n);
      for (const t of graph.get(n) ?? []) {
        if (state.get(t) === 1) return [...stack.slice(stack.indexOf(t)), t];
        if (!state.has(t)) {
          const c = visit(t);
          if (c) return c;
        }
      }
      stack.pop();
      state.set(n, 2);
      return null;
    };
    for (const n of graph.keys()) {
      if (!state.has(n)) {
        const c = visit(n);
        if (c) return c;
      }
    }
    return null;
  }

  it('the import graph of src/ is acyclic', () => {
    const cycle = findCycle(edges);
    expect(cycle ? cycle.map((f) => relative(ROOT, f)) : null).toBeNull();
  });

  it('the cycle finder finds a planted cycle', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ]);
    expect(findCycle(g)).toEqual(['a', 'b', 'c', 'a']);
  });
});
