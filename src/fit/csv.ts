// Measured losses from a CSV file: a header naming the columns (N, D, loss; others ignored), one run per
// row, '#' comments and blank lines skipped. Every problem is a CsvError naming the row (the file's line
// number) and the column, so the command line can exit 2 with it. `columns` names the header's columns
// read as N, D, loss (in that order: `fit --columns`); `budgetColumn`, when given, is kept as C.

export class CsvError extends Error {
  readonly row?: number;
  readonly column?: string;
  constructor(message: string, row?: number, column?: string) {
    super(message);
    this.name = 'CsvError';
    this.row = row;
    this.column = column;
  }
}

export interface Observation {
  N: number;
  D: number;
  loss: number;
  /** training compute, when a budget column is read */
  C?: number;
  /** line number in the file (1-based) */
  line: number;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Messages quote at most this many characters of a cell, and at most MAX_LISTED header names. */
const MAX_QUOTE = 40;
const MAX_LISTED = 12;
function quote(cell: string): string {
  const p = cell.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return p.length > MAX_QUOTE ? `${p.slice(0, MAX_QUOTE)}... (${cell.length} characters)` : p;
}

function splitRow(line: string): string[] {
  return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim());
}

/** The header's column names (the first row that is not blank or a comment), or [] for an empty file. */
export function readHeader(text: string): string[] {
  for (const line of text.split(/\r?\n/)) {
    const raw = line.trim();
    if (raw !== '' && !raw.startsWith('#')) return splitRow(raw);
  }
  return [];
}

export interface TableRow {
  values: Record<string, number>;
  /** line number in the file (1-based) */
  line: number;
}

/**
 * Parse CSV text, reading `columns` (all must be present and positive numbers; others ignored).
 * `need` says in the too-few-rows message what the rows are for.
 */
export function parseTable(text: string, source: string, columns: readonly string[], minRows = 6, maxRows = Infinity, need = 'the fit has 5 parameters and needs'): TableRow[] {
  const lines = text.split(/\r?\n/);
  let header: string[] | null = null;
  let headerLine = 0;
  const out: TableRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const cells = splitRow(raw);
    if (!header) {
      header = cells;
      headerLine = i + 1;
      const missing = columns.filter((c) => !header!.includes(c));
      if (missing.length) {
        throw new CsvError(`${source}, row ${i + 1} (header): missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')} (found ${header.slice(0, MAX_LISTED).map((h) => `'${quote(h)}'`).join(', ')}${header.length > MAX_LISTED ? `, ... (${header.length} columns)` : ''}; need ${columns.join(', ')})`, i + 1, missing[0]);
      }
      continue;
    }
    if (cells.length !== header.length) throw new CsvError(`${source}, row ${i + 1}: ${cells.length} cells, the header (row ${headerLine}) has ${header.length}`, i + 1);
    const rec: Record<string, number> = Object.create(null) as Record<string, number>; // own keys only (a column may be named __proto__)
    for (const c of columns) {
      const cell = cells[header.indexOf(c)];
      if (!NUMBER.test(cell)) throw new CsvError(`${source}, row ${i + 1}, column ${c}: '${quote(cell)}' is not a finite number`, i + 1, c);
      const v = Number(cell);
      if (!Number.isFinite(v) || !(v > 0)) throw new CsvError(`${source}, row ${i + 1}, column ${c}: ${quote(cell)} is outside the domain (${c} > 0)`, i + 1, c);
      rec[c] = v;
    }
    out.push({ values: rec, line: i + 1 });
    if (out.length > maxRows) throw new CsvError(`${source}: more than ${maxRows} data rows (the limit; docs/cli.md, "Limits")`, i + 1);
  }
  if (!header) throw new CsvError(`${source}: empty (need a header row with columns ${columns.join(', ')})`, 1);
  if (out.length < minRows) {
    throw new CsvError(`${source}: ${out.length} data row${out.length === 1 ? '' : 's'} after the header (row ${headerLine}); ${need} at least ${minRows} rows`, lines.length, columns[0]);
  }
  return out;
}

/** Parse CSV text with columns `columns` (all must be present and positive numbers). */
export function parseObservations(text: string, source = 'the CSV file', minRows = 6, names: readonly string[] = ['N', 'D', 'loss'], maxRows = Infinity, budgetColumn?: string): Observation[] {
  const columns = budgetColumn === undefined ? names : [...names, budgetColumn];
  return parseTable(text, source, columns, minRows, maxRows).map(({ values: rec, line }) => {
    const o: Observation = { N: rec[names[0]], D: rec[names[1]], loss: rec[names[2]], line };
    if (budgetColumn !== undefined) o.C = rec[budgetColumn];
    return o;
  });
}
