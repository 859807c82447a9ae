// Regenerates scaling.csv from a checkout of github.com/mlfoundations/scaling (MIT, LICENSE.txt beside
// this file), commit a003c4913793ac2ae7ef87b28ecb562955d026d5:
//   node data/mlfoundations-scaling/extract.mjs /path/to/mlfoundations-scaling > data/mlfoundations-scaling/scaling.csv
// One row per trained model (exp_data/models/*.json): N = hyperparameters.params (all parameters),
// N_non_embedding = hyperparameters.params_no_embed, D = hyperparameters.tokens, C = 6 N D,
// M = 20 * chinchilla_multiplier (tokens per parameter, the repository's tok_mult), and each loss
// evaluation's "loss" under the name the repository's scaling/shared.py gives it (second-to-last path
// component of val_data[0]; the file name for de-en). `loss` repeats loss_c4_val, the split that
// scaling_explorer.ipynb fits ("NOTE: C4 eval used as the loss evaluation").
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2];
if (!root) throw new Error('usage: extract.mjs PATH_TO_MLFOUNDATIONS_SCALING_CHECKOUT');
const dir = join(root, 'exp_data', 'models');
const rows = [];
const splits = new Set();
for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const j = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  const h = j.hyperparameters;
  const losses = {};
  for (const r of j.results) {
    const p = r.val_data[0].split('/');
    let s = p[p.length - 2];
    if (s.includes('de-en')) s = p[p.length - 1].split('.')[0];
    losses[s] = r.loss;
    splits.add(s);
  }
  rows.push({ dataset: j.dataset_name, model: h.model.split('/').pop().replace(/\.json$/, ''), N: h.params, Nne: h.params_no_embed, D: h.tokens, M: 20 * h.chinchilla_multiplier, losses });
}
const cols = [...splits].sort();
console.log(['dataset', 'model', 'N', 'N_non_embedding', 'D', 'C', 'M', 'loss', ...cols.map((c) => `loss_${c}`)].join(','));
rows.sort((a, b) => (a.dataset < b.dataset ? -1 : a.dataset > b.dataset ? 1 : a.N * a.D - b.N * b.D));
for (const r of rows) {
  console.log([r.dataset, r.model, r.N, r.Nne, r.D, 6 * r.N * r.D, r.M, r.losses.c4_val, ...cols.map((c) => r.losses[c] ?? '')].join(','));
}
