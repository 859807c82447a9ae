// Structured errors of the library. A DomainError says which parameter, which value, which condition of
// the valid domain failed and why; it never names a command-line flag (the command line maps parameters
// to its flags, src/cli/errors.ts). Anything else thrown is a bug and propagates.

export interface ErrorDetails {
  /** the parameter (or option) at fault, by its library name: `alpha`, `d`, `C` */
  parameter?: string;
  /** the value given */
  value?: unknown;
  /** the condition of the valid domain, e.g. `2*alpha + 2*beta > 1` */
  condition?: string;
  /** why the condition is needed */
  reason?: string;
}

/** A value outside the valid domain of a model, method or option: exit code 2 on the command line. */
export class DomainError extends Error implements ErrorDetails {
  readonly parameter?: string;
  readonly value?: unknown;
  readonly condition?: string;
  readonly reason?: string;
  constructor(message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'DomainError';
    Object.assign(this, details);
  }
}

/** `name = value is outside the domain: requires condition (reason)`, with the details attached. */
export function outsideDomain(parameter: string, value: unknown, condition: string, reason?: string, what?: string): DomainError {
  return new DomainError(`${parameter} = ${String(value)} is outside the domain${what ? ` of ${what}` : ''}: requires ${condition}${reason ? ` (${reason})` : ''}`, {
    parameter,
    value,
    condition,
    reason,
  });
}
