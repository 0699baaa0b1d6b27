/** Edit distance (insertions, deletions, substitutions), for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * Up to `limit` candidates closest to `input`: near misses by edit distance first, then candidates that
 * contain the input or share most of its words (so `root-mfa` suggests `root-mfa-enabled`).
 */
export function closest(input: string, candidates: readonly string[], limit = 3): string[] {
  const needle = input.toLowerCase();
  const words = needle.split(/[^a-z0-9]+/).filter(Boolean);
  const scored = candidates.map((candidate) => {
    const c = candidate.toLowerCase();
    const distance = editDistance(needle, c);
    const near = distance <= Math.max(2, Math.floor(needle.length / 4));
    const contains = needle.length >= 3 && (c.includes(needle) || needle.includes(c));
    const shared = words.filter((w) => w.length >= 2 && c.split(/[^a-z0-9]+/).includes(w)).length;
    const wordMatch = words.length > 0 && shared >= Math.max(1, Math.ceil(words.length * 0.6));
    const rank = near ? distance : contains ? 100 + distance : wordMatch ? 200 + distance - shared * 10 : -1;
    return { candidate, rank };
  });
  return scored
    .filter((s) => s.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((s) => s.candidate);
}
