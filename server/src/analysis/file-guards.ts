/** How much of a file is checked for NUL bytes to call it binary (git uses the first 8,000 bytes too). */
const BINARY_SNIFF_LENGTH = 8000;
/** Lines longer than this mean minified or generated code (a human never writes one). */
const MINIFIED_LINE_LENGTH = 20_000;

/** Why a file should not be analysed, or undefined when it is fine. */
export function skipReason(text: string, maxBytes: number): string | undefined {
  // UTF-16 length is a lower bound of the UTF-8 size: count bytes only when it could matter.
  const bytes = text.length * 3 > maxBytes ? Buffer.byteLength(text, 'utf8') : text.length;
  if (bytes > maxBytes) return `skipped: ${bytes.toLocaleString('en-US')} bytes is over maxFileBytes (${maxBytes.toLocaleString('en-US')})`;
  if (text.slice(0, BINARY_SNIFF_LENGTH).includes('\u0000')) return 'skipped: binary content';
  let lineStart = 0;
  for (let i = text.indexOf('\n'); ; i = text.indexOf('\n', lineStart)) {
    const end = i === -1 ? text.length : i;
    if (end - lineStart > MINIFIED_LINE_LENGTH) return 'skipped: minified or generated (a line over 20,000 characters)';
    if (i === -1) return undefined;
    lineStart = i + 1;
  }
}
