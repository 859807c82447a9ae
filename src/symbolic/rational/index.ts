// Exact algebra for the printer: bigint integers and rationals, multivariate polynomials over Z,
// rational functions in lowest terms over Q, factorisation over Z (docs/printer.md).
export { AlgebraLimitError, MAX_DEGREE, MAX_TERMS, MAX_BITS, WORK_BUDGET, resetWork } from './limits.js';
export { igcd, parseDecimal, divisors, type Rat } from './integer.js';
export { Poly, gcd, exactDiv, prem, contentIn, primitivePartIn, cmpMono, type Term } from './poly.js';
export { factor, expandFactored, type Factored } from './factor.js';
export { RatFunc, NotRationalError, ratFromNode } from './ratfunc.js';
