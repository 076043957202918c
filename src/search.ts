/**
 * The k-ary boundary search behind bisect, without I/O. Between an LSN where the check passes (`good`) and one
 * where it fails (`bad`), it finds the two adjacent 8-byte-aligned LSNs where the verdict flips. Each round
 * probes up to k LSNs splitting the interval into k + 1 nearly equal parts, so a range of n aligned steps takes
 * ceil(log_(k+1)(n)) rounds. The caller runs the probes (possibly k at once) and reports the verdicts back.
 */
import { LSN_ALIGNMENT, type Lsn } from './lsn.js'

export interface SearchResult {
  lastGood: Lsn
  firstBad: Lsn
  /**
   * True when some round saw a healthy verdict after a broken one: the data broke, recovered and broke again.
   * The search then answers the earliest flip it saw, which is a real boundary but maybe not the only one.
   */
  nonMonotonic: boolean
}

export class BoundarySearch {
  private good: Lsn
  private bad: Lsn
  private pending?: Lsn[]
  private flipFlop = false
  rounds = 0

  /** Both bounds must be 8-byte aligned with good < bad. */
  constructor(good: Lsn, bad: Lsn) {
    if (good % LSN_ALIGNMENT !== 0n || bad % LSN_ALIGNMENT !== 0n) {
      throw new RangeError(`bounds must be 8-byte aligned (got ${good} and ${bad})`)
    }
    if (good >= bad) throw new RangeError(`good (${good}) must be before bad (${bad})`)
    this.good = good
    this.bad = bad
  }

  get done(): boolean {
    return this.bad - this.good === LSN_ALIGNMENT
  }

  /** The current interval: healthy at `good`, broken at `bad`. */
  get interval(): { good: Lsn; bad: Lsn } {
    return { good: this.good, bad: this.bad }
  }

  /**
   * The LSNs of the next round for `k` probes: k points strictly inside the interval splitting it into k + 1
   * parts of at most ceil(n / (k + 1)) steps (fewer points when the interval has fewer inside). Empty when done.
   */
  nextRound(k: number): Lsn[] {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer (got ${k})`)
    if (this.pending) throw new Error('the previous round has not been reported yet')
    if (this.done) return []
    const steps = (this.bad - this.good) / LSN_ALIGNMENT
    const parts = BigInt(k) + 1n
    const lsns: Lsn[] = []
    for (let index = 1n; index < parts; index++) {
      const offset = (index * steps) / parts
      const lsn = this.good + offset * LSN_ALIGNMENT
      if (offset > 0n && offset < steps && lsn !== lsns[lsns.length - 1]) lsns.push(lsn)
    }
    this.pending = lsns
    return [...lsns]
  }

  /** The verdicts of the round from `nextRound`, in the same order: true = healthy. */
  report(healthy: boolean[]): void {
    const lsns = this.pending
    if (!lsns) throw new Error('no round to report: call nextRound first')
    if (healthy.length !== lsns.length) {
      throw new Error(`expected ${lsns.length} verdicts, got ${healthy.length}`)
    }
    this.pending = undefined
    this.rounds++
    const firstBroken = healthy.indexOf(false)
    if (firstBroken === -1) {
      this.good = lsns[lsns.length - 1]
      return
    }
    if (healthy.slice(firstBroken).includes(true)) this.flipFlop = true
    this.bad = lsns[firstBroken]
    if (firstBroken > 0) this.good = lsns[firstBroken - 1]
  }

  result(): SearchResult {
    if (!this.done) throw new Error('the search has not finished')
    return { lastGood: this.good, firstBad: this.bad, nonMonotonic: this.flipFlop }
  }
}

/** The most rounds a search of [good, bad] takes with k probes a round: ceil(log_(k+1)((bad - good) / 8)). */
export function maxRounds(good: Lsn, bad: Lsn, k: number): number {
  const steps = (bad - good) / LSN_ALIGNMENT
  const parts = BigInt(k) + 1n
  let rounds = 0
  for (let covered = 1n; covered < steps; covered *= parts) rounds++
  return rounds
}
