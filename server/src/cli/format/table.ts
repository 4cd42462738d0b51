/** How a column is aligned. */
export type Align = 'left' | 'right';

/** A table cell: its plain text (measured for alignment) and an optional styling of the padded text. */
export interface Cell {
  text: string;
  paint?: (padded: string) => string;
}

/** Columns of a table are separated by this many spaces (as ESLint's stylish output does). */
const COLUMN_GAP = 2;

/** Display width of plain text (code points; the formatter's symbols are all one column wide). */
function width(text: string): number {
  return [...text].length;
}

/**
 * Lays out rows in aligned columns, measuring plain text so colours do not upset alignment.
 * Trailing spaces are trimmed, and the last column is not padded when left-aligned.
 * @example renderTable([[{ text: '1' }, { text: 'a' }], [{ text: '10' }, { text: 'bb' }]], ['right', 'left'], '  ')
 * // ['   1  a', '  10  bb']
 */
export function renderTable(rows: readonly (readonly (Cell | string)[])[], align: readonly Align[], indent = ''): string[] {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === 'string' ? { text: cell } : cell)));
  const widths = align.map((_, column) => Math.max(0, ...cells.map((row) => width(row[column]?.text ?? ''))));
  const gap = ' '.repeat(COLUMN_GAP);
  return cells.map((row) => {
    const parts = row.map((cell, column) => {
      const last = column === row.length - 1;
      const padding = ' '.repeat(widths[column] - width(cell.text));
      const padded = align[column] === 'right' ? padding + cell.text : last ? cell.text : cell.text + padding;
      return cell.paint ? cell.paint(padded) : padded;
    });
    return `${indent}${parts.join(gap)}`.trimEnd();
  });
}
