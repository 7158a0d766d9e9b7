/** CSV writing (RFC 4180) for spreadsheet users: pure, no I/O. */

export type CsvCell = string | number | boolean | null | undefined;

/** Excel reads a UTF-8 file as the local code page unless it starts with a byte order mark. */
export const UTF8_BOM = '\uFEFF';

/**
 * Text a spreadsheet would run as a formula (OWASP "CSV injection"): a team called
 * `=HYPERLINK(...)` must stay text. Numbers are written as numbers, so a negative score
 * keeps its sign; only text cells get the quote.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole document: BOM, header, rows, CRLF line ends (what Excel and RFC 4180 expect). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
