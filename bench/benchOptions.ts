/** Reads `--key=N` from the bench command line: a positive integer, or the fallback when absent. */
export function integerOption(
  options: ReadonlyMap<string, string>,
  key: string,
  fallback: number,
): number {
  const raw = options.get(key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new RangeError(`--${key} must be a positive integer, not ${raw}`);
  return value;
}
