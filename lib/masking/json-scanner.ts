/**
 * The tolerant JSON scanner behind maskJsonText (json-text.ts): walks JSON
 * text that may be cut short, asks `keyMasked` about every object key, and
 * splices the replacement over the value of a masked one. Throws NotJson on
 * anything that is not (the start of) a JSON value.
 */

/** depth 1 = keys of the top-level object. */
export type KeyTest = (key: string, depth: number) => boolean;

/** Masks a string token whose content may itself be JSON; returns the token itself when unchanged. */
export type StringHook = (
  token: string,
  complete: boolean,
  keyMasked: KeyTest,
  replacementToken: string,
  depth: number,
) => string;

/** Containers deeper than this are not walked: the scan gives up and the caller fails closed. */
export const MAX_JSON_DEPTH = 32;

/** Thrown inside the scan, caught by maskJsonText: cheaper to unwind than checking every return. */
export class NotJson extends Error {}

/**
 * Scanner state. A class with methods rather than closures made per call:
 * the server runs under tsx, whose esbuild `keepNames` wraps every closure
 * in a `__name()` call each time it is created, and a set of seven cost
 * ~2 µs per scan (measured), ten times the scan of a small key.
 */
export class Scanner {
  i = 0;
  copied = 0;
  out = '';
  /** > 0 while skipping the value of a masked key: it is replaced whole, nothing inside it. */
  suppress = 0;

  constructor(
    readonly text: string,
    readonly limit: number,
    readonly keyMasked: KeyTest,
    readonly token: string,
    readonly offset: number,
    /** maskStringToken, passed in rather than imported: it calls back into the scanner. */
    readonly onString: StringHook,
  ) {}

  atEnd(): boolean {
    return this.i >= this.limit;
  }

  ws(): void {
    const { text, limit } = this;
    while (this.i < limit) {
      const c = text.charCodeAt(this.i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return;
      this.i++;
    }
  }

  replace(from: number, to: number, token: string): void {
    if (this.suppress > 0) return;
    this.out += this.text.slice(this.copied, from) + token;
    this.copied = to;
  }

  /** Reads a string token; false when the text ends inside it. */
  str(): boolean {
    const { text, limit } = this;
    let i = this.i + 1;
    while (i < limit) {
      const c = text.charCodeAt(i);
      if (c === 92)
        i += 2; // backslash
      else if (c === 34) {
        this.i = i + 1;
        return true;
      } else i++;
    }
    this.i = limit;
    return false;
  }

  /** Reads one value; false when the text ends inside it. */
  value(depth: number): boolean {
    this.ws();
    if (this.atEnd()) return false;
    const c = this.text[this.i];
    if (c === '{' || c === '[') {
      if (depth + this.offset >= MAX_JSON_DEPTH) throw new NotJson();
      return c === '{' ? this.object(depth + 1) : this.array(depth + 1);
    }
    const start = this.i;
    if (c === '"') {
      const complete = this.str();
      if (this.suppress > 0) return complete;
      const token = this.text.slice(start, this.i);
      if (!mayHoldJson(token)) return complete;
      const keyMasked = this.keyMasked;
      const masked = this.onString(token, complete, (k, d) => keyMasked(k, d + depth), this.token, depth + this.offset);
      if (masked !== token) this.replace(start, this.i, masked);
      return complete;
    }
    while (this.i < this.limit && isScalarChar(this.text.charCodeAt(this.i))) this.i++;
    if (!isScalar(this.text.slice(start, this.i), this.i >= this.limit)) throw new NotJson();
    return true;
  }

  object(depth: number): boolean {
    this.i++;
    this.ws();
    if (this.atEnd()) return false;
    if (this.text[this.i] === '}') {
      this.i++;
      return true;
    }
    for (;;) {
      this.ws();
      if (this.atEnd()) return false;
      if (this.text[this.i] !== '"') throw new NotJson();
      const keyStart = this.i;
      if (!this.str()) return false;
      const rawKey = this.text.slice(keyStart + 1, this.i - 1);
      // Most keys have no escapes: skip JSON.parse for them.
      const key = rawKey.includes('\\') ? (JSON.parse(`"${rawKey}"`) as string) : rawKey;
      this.ws();
      if (this.atEnd()) return false;
      if (this.text[this.i] !== ':') throw new NotJson();
      this.i++;
      this.ws();
      if (this.atEnd()) return false;
      if (this.suppress === 0 && this.keyMasked(key, depth)) {
        const start = this.i;
        this.suppress++;
        let complete: boolean;
        try {
          complete = this.value(depth);
        } finally {
          this.suppress--;
        }
        this.replace(start, complete ? this.i : this.limit, this.token);
        if (!complete) return false;
      } else if (!this.value(depth)) return false;
      const after = this.next('}');
      if (after !== 'more') return after === 'closed';
    }
  }

  array(depth: number): boolean {
    this.i++;
    this.ws();
    if (this.atEnd()) return false;
    if (this.text[this.i] === ']') {
      this.i++;
      return true;
    }
    for (;;) {
      if (!this.value(depth)) return false;
      const after = this.next(']');
      if (after !== 'more') return after === 'closed';
    }
  }

  /** After a member: a `,` (more follow), the closing bracket (consumed), or the end of the text. */
  next(close: string): 'more' | 'closed' | 'end' {
    this.ws();
    if (this.atEnd()) return 'end';
    const c = this.text[this.i];
    this.i++;
    if (c === ',') return 'more';
    if (c === close) return 'closed';
    throw new NotJson();
  }
}

/** Letters, digits, `.`, `+`, `-`, `_`: what true, false, null and numbers (cut or not) are made of, and a bit more. */
function isScalarChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 46 ||
    c === 43 ||
    c === 45 ||
    c === 95
  );
}

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const NUMBER_PREFIX = /^-?(\d+(\.\d*)?([eE][+-]?\d*)?)?$/;
const WORDS = ['true', 'false', 'null'];

/** A JSON literal, or (where the text was cut) the start of one: `abc` is not JSON, `nu…` may be. */
function isScalar(token: string, cut: boolean): boolean {
  if (token.length === 0) return false;
  if (NUMBER.test(token) || WORDS.includes(token)) return true;
  return cut && (NUMBER_PREFIX.test(token) || WORDS.some((w) => w.startsWith(token)));
}

/** Only string tokens starting `"{`, `"[` or `" ` can hold a JSON document. */
function mayHoldJson(token: string): boolean {
  return token.length >= 3 && (token[1] === '{' || token[1] === '[' || token[1] === ' ');
}
