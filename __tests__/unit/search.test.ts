import { BoundarySearch, maxRounds } from '../../src/search.js'

/** Drives a search with an oracle: healthy while lsn < firstBad. Returns the result and every probed LSN. */
function drive(good: bigint, bad: bigint, k: number, firstBad: bigint) {
  const search = new BoundarySearch(good, bad)
  const probed: bigint[][] = []
  while (!search.done) {
    const round = search.nextRound(k)
    if (round.length === 0 || round.length > k) throw new Error(`round of ${round.length} probes for k = ${k}`)
    probed.push(round)
    search.report(round.map((lsn) => lsn < firstBad))
  }
  return { result: search.result(), rounds: search.rounds, probed }
}

/** A deterministic generator, so a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

describe('BoundarySearch', () => {
  it('finds every boundary of a small range exactly, for k = 1 to 16', () => {
    const good = 0x1000n
    const bad = good + 8n * 40n
    for (let k = 1; k <= 16; k++) {
      for (let firstBad = good + 8n; firstBad <= bad; firstBad += 8n) {
        const { result, rounds } = drive(good, bad, k, firstBad)
        expect(result).toEqual({ lastGood: firstBad - 8n, firstBad, nonMonotonic: false })
        expect(rounds).toBeLessThanOrEqual(maxRounds(good, bad, k))
      }
    }
  })

  it('finds a boundary in the first and in the last 8 bytes of a large range', () => {
    const good = 0x1_0000_0000n
    const bad = good + 2n ** 26n
    for (const k of [1, 3, 7]) {
      expect(drive(good, bad, k, good + 8n).result).toMatchObject({ lastGood: good, firstBad: good + 8n })
      expect(drive(good, bad, k, bad).result).toMatchObject({ lastGood: bad - 8n, firstBad: bad })
    }
  })

  it('is done without probing when the bounds are adjacent', () => {
    const search = new BoundarySearch(16n, 24n)
    expect(search.done).toBe(true)
    expect(search.nextRound(3)).toEqual([])
    expect(search.result()).toEqual({ lastGood: 16n, firstBad: 24n, nonMonotonic: false })
    expect(maxRounds(16n, 24n, 3)).toBe(0)
  })

  it('probes only aligned LSNs strictly inside the interval, in increasing order, splitting it evenly', () => {
    const search = new BoundarySearch(0n, 8n * 100n)
    const round = search.nextRound(3)
    expect(round).toEqual([200n, 400n, 600n])
    const narrow = new BoundarySearch(0n, 24n)
    expect(narrow.nextRound(7)).toEqual([8n, 16n])
  })

  it('stays within ceil(log_(k+1)(range / 8)) rounds over many random ranges and boundaries', () => {
    const next = random(42)
    for (let trial = 0; trial < 3000; trial++) {
      const k = 1 + Math.floor(next() * 16)
      const steps = 1n + BigInt(Math.floor(2 ** (next() * 30)))
      const good = BigInt(Math.floor(next() * 2 ** 40)) * 8n
      const bad = good + steps * 8n
      const firstBad = good + 8n * (1n + BigInt(Math.floor(next() * Number(steps))))
      const { result, rounds, probed } = drive(good, bad, k, firstBad)
      expect(result.firstBad).toBe(firstBad)
      expect(result.lastGood).toBe(firstBad - 8n)
      // The bound, computed independently with floating point (exact enough far from powers of k + 1).
      const bound = maxRounds(good, bad, k)
      expect(rounds).toBeLessThanOrEqual(bound)
      const approx = Math.log(Number(steps)) / Math.log(k + 1)
      expect(bound).toBeGreaterThanOrEqual(Math.floor(approx))
      expect(bound).toBeLessThanOrEqual(Math.ceil(approx) + 1)
      const outside = probed.flat().filter((lsn) => lsn % 8n !== 0n || lsn <= good || lsn >= bad)
      expect(outside).toEqual([])
    }
  })

  it('needs exactly the bound when the boundary is at the worst place', () => {
    // 4^5 steps with k = 3: five rounds whatever the boundary.
    const good = 0n
    const bad = 8n * 4n ** 5n
    for (const firstBad of [8n, bad, 8n * 513n, 8n * 1000n]) {
      expect(drive(good, bad, 3, firstBad).rounds).toBe(5)
    }
    expect(maxRounds(good, bad, 3)).toBe(5)
    expect(maxRounds(good, bad + 8n, 3)).toBe(6)
  })

  it('answers the earliest flip and says so when the verdicts are not monotonic', () => {
    const search = new BoundarySearch(0n, 800n)
    const round = search.nextRound(3)
    search.report([true, false, true])
    expect(search.interval).toEqual({ good: round[0], bad: round[1] })
    while (!search.done) {
      const next = search.nextRound(3)
      search.report(next.map((lsn) => lsn < 344n))
    }
    expect(search.result()).toEqual({ lastGood: 336n, firstBad: 344n, nonMonotonic: true })
  })

  it('rejects misuse: unaligned or reversed bounds, unreported rounds, wrong verdict counts', () => {
    expect(() => new BoundarySearch(4n, 16n)).toThrow(/aligned/)
    expect(() => new BoundarySearch(16n, 16n)).toThrow(/before bad/)
    const search = new BoundarySearch(0n, 800n)
    expect(() => search.report([])).toThrow(/nextRound first/)
    search.nextRound(2)
    expect(() => search.nextRound(2)).toThrow(/not been reported/)
    expect(() => search.report([true])).toThrow(/expected 2 verdicts/)
    expect(() => search.result()).toThrow(/not finished/)
    expect(() => new BoundarySearch(0n, 80n).nextRound(0)).toThrow(/positive integer/)
  })
})
