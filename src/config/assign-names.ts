/** Gives every endpoint a unique name: its own, or "METHOD path", then " #2", " #3" … in load order. */

export interface NameRequest {
  /** The name written in the config, if any. */
  explicit?: string;
  method: string;
  path: string;
}

export interface NameResult {
  names: string[];
  /** Endpoints whose written name an earlier endpoint already has (`first` is that one's index). */
  duplicates: { index: number; first: number }[];
}

export function assignNames(requests: readonly NameRequest[]): NameResult {
  const taken = new Map<string, number>();
  const duplicates: NameResult['duplicates'] = [];
  // Written names are claimed first, so a generated name never takes one a user chose.
  requests.forEach((request, index) => {
    if (request.explicit === undefined) return;
    const first = taken.get(request.explicit);
    if (first === undefined) taken.set(request.explicit, index);
    else duplicates.push({ index, first });
  });
  // Counters per base name keep this linear when thousands of endpoints share a path.
  const next = new Map<string, number>();
  const names = requests.map((request, index) => {
    if (request.explicit !== undefined) return request.explicit;
    const base = `${request.method} ${request.path}`;
    let name = base;
    let n = next.get(base) ?? 1;
    while (taken.has(name)) name = `${base} #${++n}`;
    next.set(base, n);
    taken.set(name, index);
    return name;
  });
  return { names, duplicates };
}
