/** ANSI SGR codes the text formatter uses. */
const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  underline: [4, 24],
  red: [31, 39],
  yellow: [33, 39],
  blue: [34, 39],
  green: [32, 39],
  gray: [90, 39],
} as const;

/** A style name. */
export type Style = keyof typeof CODES;

/** Applies styles to text, or leaves it unchanged when colours are off. */
export type Paint = (text: string, ...styles: Style[]) => string;

/**
 * A painter: ANSI escapes when `color` is true, the identity otherwise.
 * @example createPaint(true)('x', 'red') // '\u001b[31mx\u001b[39m'
 */
export function createPaint(color: boolean): Paint {
  if (!color) return (text) => text;
  return (text, ...styles) =>
    styles.reduce((styled, style) => `\u001b[${CODES[style][0]}m${styled}\u001b[${CODES[style][1]}m`, text);
}
