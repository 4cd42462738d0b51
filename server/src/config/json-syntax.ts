/** Where a JSON text first goes wrong and why, in words for humans. */
export interface JsonSyntaxError {
  /** UTF-16 offset of the offending character (the text's length at an unexpected end). */
  offset: number;
  message: string;
}

/** Thrown inside the scanner to stop at the first error. */
class ScanError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const LITERALS = ['true', 'false', 'null'];
const HEX_DIGITS_IN_ESCAPE = 4;
/** Code units below this are control characters, not allowed raw inside strings. */
const FIRST_PRINTABLE = 0x20;

/** A strict JSON scanner (RFC 8259) that only reports the first error; it builds no values. */
class Scanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  run(): void {
    this.value();
    this.space();
    if (this.pos < this.text.length) this.fail('unexpected content after the end of the JSON value');
  }

  private fail(message: string, offset = this.pos): never {
    throw new ScanError(offset, message);
  }

  private peek(): string | undefined {
    return this.pos < this.text.length ? this.text[this.pos] : undefined;
  }

  private space(): void {
    while (this.pos < this.text.length && WHITESPACE.has(this.text[this.pos])) this.pos++;
    if (this.text.startsWith('//', this.pos) || this.text.startsWith('/*', this.pos)) {
      this.fail('comments are not allowed in JSON');
    }
  }

  private unexpected(what: string): never {
    const ch = this.peek();
    if (ch === undefined) this.fail(`unexpected end of file; expected ${what}`);
    if (ch === "'") this.fail('strings must use double quotes (")');
    this.fail(`unexpected ${JSON.stringify(ch)}; expected ${what}`);
  }

  private value(): void {
    this.space();
    const ch = this.peek();
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return this.string();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.number();
    for (const literal of LITERALS) {
      if (this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length;
        return;
      }
    }
    this.unexpected('a value');
  }

  private object(): void {
    this.pos++;
    this.space();
    if (this.peek() === '}') {
      this.pos++;
      return;
    }
    for (let comma = -1; ; comma = this.pos - 1) {
      this.space();
      const ch = this.peek();
      if (ch === '}' && comma >= 0) this.fail("trailing comma before '}'", comma);
      if (ch !== undefined && /[A-Za-z_$]/.test(ch)) this.fail('property names must be in double quotes');
      if (ch !== '"') this.unexpected('a property name in double quotes');
      this.string();
      this.space();
      if (this.peek() !== ':') this.unexpected("':' after the property name");
      this.pos++;
      this.value();
      this.space();
      const next = this.peek();
      this.pos++;
      if (next === '}') return;
      if (next !== ',') {
        this.pos--;
        this.unexpected("',' or '}' after the property value");
      }
    }
  }

  private array(): void {
    this.pos++;
    this.space();
    if (this.peek() === ']') {
      this.pos++;
      return;
    }
    for (let comma = -1; ; comma = this.pos - 1) {
      this.space();
      if (this.peek() === ']' && comma >= 0) this.fail("trailing comma before ']'", comma);
      this.value();
      this.space();
      const next = this.peek();
      this.pos++;
      if (next === ']') return;
      if (next !== ',') {
        this.pos--;
        this.unexpected("',' or ']' after the array item");
      }
    }
  }

  private string(): void {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const ch = this.peek();
      if (ch === undefined || ch === '\n') this.fail('unterminated string', start);
      if (ch === '"') {
        this.pos++;
        return;
      }
      if (ch.charCodeAt(0) < FIRST_PRINTABLE) this.fail('control characters must be escaped inside strings');
      if (ch === '\\') this.escape();
      else this.pos++;
    }
  }

  private escape(): void {
    const kind = this.text[this.pos + 1];
    if (kind === 'u') {
      const hex = this.text.slice(this.pos + 2, this.pos + 2 + HEX_DIGITS_IN_ESCAPE);
      if (!/^[0-9A-Fa-f]{4}$/.test(hex)) this.fail('invalid \\u escape; expected 4 hex digits');
      this.pos += 2 + HEX_DIGITS_IN_ESCAPE;
      return;
    }
    if (kind === undefined || !SIMPLE_ESCAPES.has(kind)) this.fail(`invalid escape \\${kind ?? ''}`);
    this.pos += 2;
  }

  private number(): void {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (match === null) this.fail('invalid number');
    this.pos += match[0].length;
    const next = this.peek();
    if (next !== undefined && /[0-9.eExX]/.test(next)) this.fail('invalid number');
  }
}

/**
 * The first syntax error of a JSON text, located by offset, or undefined when the text is valid JSON.
 * Never throws (a pathologically deep text reports its error at offset 0).
 * @example findJsonSyntaxError('{"a": 1,}') // { offset: 7, message: "trailing comma before '}'" }
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  try {
    new Scanner(text).run();
    return undefined;
  } catch (error) {
    if (error instanceof ScanError) return { offset: error.offset, message: error.message };
    return { offset: 0, message: error instanceof Error ? error.message : String(error) };
  }
}
