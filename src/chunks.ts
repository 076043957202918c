/**
 * Splits project ids into the groups of a workflow matrix. GitHub runs at most 256 jobs from one matrix
 * ("A matrix will generate a maximum of 256 jobs per workflow run", docs.github.com: Using a matrix for your
 * jobs), so more projects share legs: each leg gets a comma list, and the legs differ in size by one at most.
 * Pure: no I/O.
 */

/** GitHub's limit on the jobs one matrix makes in a workflow run. */
export const MAX_MATRIX_JOBS = 256

/** At most `max` comma lists of ids, in the order given, as even as possible; one id a chunk up to `max` ids. */
export function chunkIds(ids: readonly string[], max = MAX_MATRIX_JOBS): string[] {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer, not ${max}`)
  const count = Math.min(ids.length, max)
  const chunks: string[] = []
  let start = 0
  for (let index = 0; index < count; index++) {
    // The first `ids.length % count` chunks take one id more.
    const size = Math.floor(ids.length / count) + (index < ids.length % count ? 1 : 0)
    chunks.push(ids.slice(start, start + size).join(','))
    start += size
  }
  return chunks
}
