// The information-bound template [reconstruction] and its negative control as models with the
// `optimum` capability (theory/info-bound.ts states them; src/law/info-bound.ts computes).
import { infoBound, negativeControl } from '../../theory/info-bound.js';
import {
  INFO_BOUND_LABEL,
  infoBoundOptimum,
  infoBoundNumeric,
  negativeControlOptimum,
  dataStarvedBudget,
  edgeCrossoverBudget,
  skeletonAsymptotics,
} from '../law/info-bound.js';
import type { ScalingModel } from './types.js';

type Entry = Omit<ScalingModel, 'capabilities'>;

export const infoBoundModel: Entry = {
  id: infoBound.id,
  title: infoBound.title,
  citation: infoBound.citation,
  url: infoBound.url,
  kind: 'bound',
  provenance: infoBound.provenance,
  parameters: infoBound.parameters.map((p) => ({ name: p.name, description: p.description, domain: p.domain })),
  domain: infoBound.domain.map((d) => d.condition),
  variants: {},
  bound: {
    label: INFO_BOUND_LABEL,
    bound: infoBound.bound.expr,
    constraint: infoBound.compute.expr,
    constants: ['m', 'k'],
    budget: 'C',
    optimum: infoBoundOptimum,
    minBudget: dataStarvedBudget,
    localBelow: edgeCrossoverBudget,
    numericCheck: infoBoundNumeric,
    asymptotics: () => skeletonAsymptotics(infoBound.skeleton, infoBound.provenance),
    closedForm: infoBound.closedForm,
    method: { name: 'closed form: lower-branch Lambert W', provenance: infoBound.closedForm.provenance },
    contrast: negativeControl.id,
    mappings: infoBound.mappings,
  },
};

export const negativeControlModel: Entry = {
  id: negativeControl.id,
  title: negativeControl.title,
  citation: negativeControl.bound.source,
  kind: 'bound',
  provenance: negativeControl.provenance,
  parameters: [
    { name: 'm', description: 'misspecification constant', domain: 'm > 0' },
    { name: 'b', description: 'constant of the parameter-counting estimation term b p ln(T)/T', domain: 'b > 0' },
    { name: 'C', description: 'compute budget C = p*T', domain: 'C > 0' },
  ],
  domain: ['m > 0', 'b > 0', 'C > 0'],
  variants: {},
  bound: {
    label: `${negativeControl.title} [${negativeControl.provenance}: ${negativeControl.bound.source}]`,
    bound: negativeControl.bound.expr,
    constraint: negativeControl.compute,
    constants: ['m', 'b'],
    budget: 'C',
    optimum: negativeControlOptimum,
    asymptotics: () => skeletonAsymptotics(negativeControl.skeleton, negativeControl.provenance),
    method: { name: 'numeric minimisation along C = p*T (Brent); slope by central differences in ln C', provenance: 'derived' },
    note: negativeControl.note,
    contrast: infoBound.id,
  },
};
