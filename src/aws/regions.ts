import { KNOWN_REGIONS } from '../known-regions.js';

export { KNOWN_REGIONS };

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] ?? 0;
}

/** undefined when the region is known; otherwise a message with the closest known region. */
export function regionProblem(region: string): string | undefined {
  if ((KNOWN_REGIONS as readonly string[]).includes(region)) return undefined;
  // ISO partitions are not public; accept their well-formed names.
  if (/^us-iso[a-z]?-[a-z]+-\d$/.test(region)) return undefined;
  const closest = [...KNOWN_REGIONS].sort((x, y) => distance(region, x) - distance(region, y))[0];
  return `'${region}' is not an AWS region${closest ? ` (did you mean ${closest}?)` : ''}`;
}

export const partitionOf = (region: string): string =>
  region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
