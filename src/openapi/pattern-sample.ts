/**
 * A string that matches a `pattern`, for samples. openapi-sampler's generator misses `\d`, groups
 * and alternation, which real specs use (semver, hex colours, ids); this covers the usual subset
 * and every result is checked against the real RegExp, so a miss means "no sample", never a wrong one.
 */

interface Strategy {
  /** Which alternative of `a|b|c` to take. */
  alt: 'first' | 'last';
  /** How many times an open-ended quantifier (`*`, `+`, `{n,}`) repeats at least. */
  minReps: number;
}

const STRATEGIES: Strategy[] = [
  { alt: 'first', minReps: 1 },
  { alt: 'last', minReps: 1 },
  { alt: 'first', minReps: 0 },
  { alt: 'first', minReps: 8 },
  { alt: 'last', minReps: 8 },
];

class Generator {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly s: Strategy,
  ) {}

  run(): string {
    const out = this.alternation();
    if (this.i < this.src.length) throw new Error('unbalanced');
    return out;
  }

  private alternation(): string {
    const options = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return this.s.alt === 'first' ? options[0] : options[options.length - 1];
  }

  private sequence(): string {
    let out = '';
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      const [min, max] = this.quantifier();
      const reps = max === Infinity ? Math.max(min, this.s.minReps) : min;
      out += atom.repeat(reps);
    }
    return out;
  }

  private quantifier(): [number, number] {
    const c = this.src[this.i];
    let q: [number, number] = [1, 1];
    if (c === '*') q = [0, Infinity];
    else if (c === '+') q = [1, Infinity];
    else if (c === '?') q = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return q;
      this.i += m[0].length;
      if (this.src[this.i] === '?') this.i++;
      const min = Number(m[1]);
      return [min, m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3])];
    } else return q;
    this.i++;
    if (this.src[this.i] === '?') this.i++;
    return q;
  }

  private atom(): string {
    const c = this.src[this.i++];
    if (c === '^' || c === '$') return '';
    if (c === '.') return 'a';
    if (c === '\\') return this.escape(false);
    if (c === '[') return this.charClass();
    if (c === '(') {
      let lookaround = false;
      if (this.src[this.i] === '?') {
        const m = /^\?(:|=|!|<=|<!|<[A-Za-z_][A-Za-z0-9_]*>)/.exec(this.src.slice(this.i));
        if (!m) throw new Error('group');
        lookaround = m[1] !== ':' && !m[1].endsWith('>');
        this.i += m[0].length;
      }
      const inner = this.alternation();
      if (this.src[this.i++] !== ')') throw new Error('unbalanced');
      return lookaround ? '' : inner;
    }
    return c;
  }

  private escape(inClass: boolean): string {
    const c = this.src[this.i++];
    const table: Record<string, string> = { d: '0', w: 'a', s: ' ', D: 'a', W: '-', S: 'a', n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', '0': '\0' };
    if (table[c] !== undefined) return table[c];
    if (!inClass && (c === 'b' || c === 'B')) return '';
    if (c === 'u' || c === 'x') {
      const m = c === 'u' ? /^(\{[0-9a-fA-F]+\}|[0-9a-fA-F]{4})/.exec(this.src.slice(this.i)) : /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.i));
      if (!m) throw new Error('escape');
      this.i += m[0].length;
      return String.fromCodePoint(parseInt(m[0].replace(/[{}]/g, ''), 16));
    }
    if (/[1-9]/.test(c)) throw new Error('backreference');
    return c;
  }

  private charClass(): string {
    const negated = this.src[this.i] === '^';
    if (negated) this.i++;
    const members: string[] = [];
    const ranges: Array<[number, number]> = [];
    for (let first = true; this.i < this.src.length && (first || this.src[this.i] !== ']'); first = false) {
      let c = this.src[this.i++];
      if (c === '\\') c = this.escape(true);
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        this.i++;
        let end = this.src[this.i++];
        if (end === '\\') end = this.escape(true);
        ranges.push([c.codePointAt(0)!, end.codePointAt(0)!]);
      } else members.push(c);
    }
    if (this.src[this.i++] !== ']') throw new Error('class');
    if (!negated) return members[0] ?? (ranges[0] ? String.fromCodePoint(ranges[0][0]) : 'a');
    const inSet = (ch: string) => members.includes(ch) || ranges.some(([a, b]) => ch.codePointAt(0)! >= a && ch.codePointAt(0)! <= b);
    return [...'a0A_-x9Z.'].find((ch) => !inSet(ch)) ?? '~';
  }
}

/** A string matching `pattern` within the length bounds, or undefined when none of the strategies finds one. */
export function patternSample(pattern: string, minLength = 0, maxLength = Infinity): string | undefined {
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
  const body = pattern.replace(/^\^/, '').replace(/(?<!\\)\$$/, '');
  const anchored = body !== pattern;
  for (const strategy of STRATEGIES) {
    let out: string;
    try {
      out = new Generator(anchored ? `^${body}$` : pattern, strategy).run();
    } catch {
      return undefined;
    }
    if (re.test(out) && out.length >= minLength && out.length <= maxLength) return out;
  }
  return undefined;
}
