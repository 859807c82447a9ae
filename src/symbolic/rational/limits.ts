// Bounds on the exact algebra behind the printer (docs/printer.md, "Bounded work"): every operation
// checks them, so no input can make the printer hang or exhaust memory; exceeding one is an error.

export class AlgebraLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AlgebraLimitError';
  }
}

/** Largest total degree of any polynomial built (numerator or denominator). */
export const MAX_DEGREE = 24;
/** Largest number of terms of any polynomial built. */
export const MAX_TERMS = 2000;
/** Largest size, in bits, of any integer coefficient. */
export const MAX_BITS = 4096;
/** Work budget of one step (reading the input; printing it), in coefficient operations (about 1 s at most). */
export const WORK_BUDGET = 5_000_000;

let work = 0;

/** Start a fresh budget (each public entry point calls this once). */
export function resetWork(): void {
  work = 0;
}

/** Charge `n` units of work; throws once the budget of the current call is spent. */
export function charge(n: number): void {
  work += n;
  if (work > WORK_BUDGET) throw new AlgebraLimitError(`the expression needs more than ${WORK_BUDGET} coefficient operations (work budget)`);
}
