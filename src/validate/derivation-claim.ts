// The shape of a `kind: derivation` claim (docs/validator-tutorial.md, "Checking a derivation"): a theory
// (`model:` or `theory: FILE` relative to the claims file), an optional region and ordered one-key steps.
// Only the outer shape is checked here (zod); each step is read by ./derivation-steps.ts, whose messages
// name the step (`steps[2].substitute`).
import { z } from 'zod';

/** The step kinds, in the order a derivation usually takes them. */
export const STEP_KINDS = ['terms', 'relation', 'substitute', 'balance', 'solve', 'loss'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const DerivationClaimSchema = z
  .object({
    id: z.string().min(1),
    /** a registered model id, or */
    model: z.string().min(1).optional(),
    /** a theory file (YAML or JSON), relative to the claims file */
    theory: z.string().min(1).optional(),
    note: z.string().optional(),
    kind: z.literal('derivation'),
    /** a phase name, or inequalities such as ["2*beta > 1", "alpha < 1/2"]; absent: the whole domain */
    region: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    /** one-key mappings: `- balance: "F_pp = F_0"` (read by ./derivation-steps.ts) */
    steps: z.array(z.unknown()).min(1),
  })
  .strict();

export type DerivationClaim = z.infer<typeof DerivationClaimSchema>;
