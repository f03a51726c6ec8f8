/**
 * Globs over JSON paths, so platforms declare where people's text lives as data. A path is the
 * keys and array indexes from the payload's root joined by dots (`data.3.user.displayName`); in a
 * glob `*` stands for one key or index and `**` for any number of them (`**.comments.*.text`).
 */
export type Segment = string | number;

export class JsonGlob {
  private readonly parts: readonly string[];

  constructor(readonly source: string) {
    this.parts = source.split('.');
  }

  matches(path: readonly Segment[]): boolean {
    return match(this.parts, 0, path, 0);
  }
}

function match(p: readonly string[], i: number, s: readonly Segment[], j: number): boolean {
  if (i === p.length) return j === s.length;
  const part = p[i];
  if (part === '**') {
    for (let k = j; k <= s.length; k++) if (match(p, i + 1, s, k)) return true;
    return false;
  }
  if (j === s.length) return false;
  return (part === '*' || part === String(s[j])) && match(p, i + 1, s, j + 1);
}

/** `$.data[*].user.displayName`: the JSONPath of a field with every array index generalised. */
export function jsonPathOf(path: readonly Segment[]): string {
  return `$${path.map((s) => (typeof s === 'number' ? '[*]' : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('')}`;
}
