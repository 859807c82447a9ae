// Web worker: the allocation calculator (src/law/: Chinchilla presets, the information-theoretic bound)
// and the claim box (src/validate/). Both may run the CAS (the engine derives a written law's exponents
// on first use), so they stay off the page's main thread.
import './models.js';
import { lawOptimum, lawExponents, type LawExponent } from '../../src/law/allocate.js';
import { logGrid } from '../../src/law/info-bound.js';
import { addTheories, findModel, modelsWith } from '../../src/models/registry.js';
import { parseClaimsText, validateAll } from '../../src/validate/index.js';
import type { AllocateReply, AllocateRequest, BoundResult, ClaimReply, ExponentShown, PresetRow, ToolsReply, ToolsRequest } from './tools-protocol.js';

const shown = (e: LawExponent): ExponentShown => ({ value: e.value, expr: e.expr, latex: e.latex, provenance: e.provenance });
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The law models with published constants, and the first bound model of the registry (the information bound). */
const presetModels = () => modelsWith('optimum').filter((m) => m.law?.values);
const boundModel = () => modelsWith('optimum').find((m) => m.bound)!;

function allocate(req: AllocateRequest): Omit<AllocateReply, 'ms'> {
  const laws = presetModels();
  const presets: PresetRow[] = laws.map((p) => {
    const values = { ...p.law!.values! };
    const base = { id: p.id, title: p.title, provenance: p.provenance ?? 'unverified', source: p.law!.source, values };
    try {
      const law = p.law!.parsed();
      const o = lawOptimum(law, values, req.flops);
      let exponents: PresetRow['exponents'] = null;
      try {
        const ex = lawExponents(law, values);
        exponents = { a: shown(ex.a), b: shown(ex.b), loss: shown(ex.loss) };
      } catch (e) {
        if (!(e instanceof Error)) throw e;
        exponents = null;
      }
      return { ...base, N: o.x[law.allocate], D: o.x[law.other], loss: o.loss, method: o.method, exponents };
    } catch (e) {
      return { ...base, N: NaN, D: NaN, loss: NaN, method: '', exponents: null, error: message(e) };
    }
  });
  const { m, k, C } = req.bound;
  const bm = boundModel();
  const b = bm.bound!;
  const asym = b.asymptotics();
  const bound: BoundResult = {
    label: b.label,
    bound: b.bound,
    constraint: b.constraint,
    provenance: bm.provenance ?? 'unverified',
    at: null,
    slopes: [],
    asymptote: shown(asym.p),
    note: asym.note,
  };
  try {
    const o = b.optimum(m, k, C);
    bound.at = { C, p: o.p, T: o.T, error: o.error, slope: o.slope, slopeT: o.slopeT };
  } catch (e) {
    bound.error = message(e);
  }
  try {
    const lo = (b.minBudget?.(m, k) ?? 1) * 1.5;
    bound.slopes = logGrid(lo, lo * 1e16, 4).map((c) => ({ C: c, slope: b.optimum(m, k, c).slope }));
  } catch (e) {
    bound.error ??= message(e);
  }
  return { type: 'allocate', id: req.id, law: laws[0]?.law?.text ?? '', constraint: laws[0]?.law?.constraint ?? '', presets, bound };
}

/** A pasted claim: a claims file (`claims:` list) or a single claim mapping, in YAML or JSON. */
function claimsDocument(text: string): string {
  if (/^\s*claims\s*:/m.test(text) || /^\s*\{\s*"claims"/.test(text)) return text;
  const lines = text.replace(/\s+$/, '').split('\n').filter((l, i) => i > 0 || l.trim() !== '');
  return 'claims:\n' + lines.map((l, i) => (i === 0 ? `  - ${l.trimStart()}` : `    ${l}`)).join('\n') + '\n';
}

async function claim(id: number, text: string): Promise<Omit<ClaimReply, 'ms'>> {
  try {
    const claims = parseClaimsText(claimsDocument(text), 'pasted claim');
    return { type: 'claim', id, verdicts: await validateAll(claims) };
  } catch (e) {
    return { type: 'claim', id, verdicts: [], error: message(e) };
  }
}

self.onmessage = async (ev: MessageEvent<ToolsRequest>) => {
  const t0 = performance.now();
  const req = ev.data;
  // the user's theory: registered under its id when that id is free (a built-in's id keeps the built-in)
  if (req.type === 'claim' && req.theory && !findModel(req.theory.id)) addTheories([req.theory]);
  const body = req.type === 'allocate' ? allocate(req) : await claim(req.id, req.text);
  const reply = { ...body, ms: performance.now() - t0 } as ToolsReply;
  (self as unknown as Worker).postMessage(reply);
};
