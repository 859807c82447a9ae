// The seeded generator: normals() gives exactly the draws of repeated normal() (bit for bit), whatever
// the length and wherever a pending Box-Muller partner stands.
import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { createRng } from '../src/numeric/rng.js';

describe('createRng', () => {
  test.prop([fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 3 })])(
    'normals(n) equals n calls of normal(), and the stream continues the same',
    (seed, stream, n, before) => {
      const a = createRng(seed, stream), b = createRng(seed, stream);
      for (let k = 0; k < before; k++) expect(a.normal()).toBe(b.normal());
      const x = a.normals(new Float64Array(n));
      for (let i = 0; i < n; i++) expect(x[i]).toBe(b.normal());
      expect(a.normal()).toBe(b.normal());
      expect(a.uniform()).toBe(b.uniform());
    },
  );
});
