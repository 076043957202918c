/**
 * Fault injection for the HTTP API (`--faults 423:0.3,429:0.2,503:0.1,drop:0.05,slow:0.5,seed:7`).
 * A seeded PRNG draws one number per fault kind for every API request, so a given seed replays the same sequence.
 */

export type FaultKind = '423' | '429' | '503' | 'drop' | 'slow'

const KINDS: readonly FaultKind[] = ['423', '429', '503', 'drop', 'slow']

export interface FaultSpec {
  rates: Record<FaultKind, number>
  seed: number
}

export interface FaultDecision {
  /** Answer with this status instead of handling the request (423 only for mutations). */
  status?: 423 | 429 | 503
  /** Apply the mutation, then cut the connection without answering. */
  drop: boolean
  /** The request's operations take 10x longer. */
  slow: boolean
}

export function parseFaults(spec: string | undefined): FaultSpec | undefined {
  if (spec === undefined || spec.trim() === '') return undefined
  const rates: Record<FaultKind, number> = { '423': 0, '429': 0, '503': 0, drop: 0, slow: 0 }
  let seed = 1
  for (const part of spec.split(',')) {
    const [name, value, extra] = part.trim().split(':')
    if (value === undefined || extra !== undefined || value.trim() === '') {
      throw new Error(`invalid fault "${part}" in --faults (expected kind:rate, e.g. 423:0.3)`)
    }
    const number = Number(value)
    if (name === 'seed') {
      if (!Number.isSafeInteger(number)) throw new Error(`invalid fault seed "${value}" (expected an integer)`)
      seed = number
    } else if ((KINDS as readonly string[]).includes(name)) {
      if (!Number.isFinite(number) || number < 0 || number > 1) {
        throw new Error(`invalid rate "${value}" for fault ${name} (expected a number from 0 to 1)`)
      }
      rates[name as FaultKind] = number
    } else {
      throw new Error(`unknown fault kind "${name}" in --faults (known: ${KINDS.join(', ')}, seed)`)
    }
  }
  return { rates, seed }
}

/** mulberry32: a tiny, well-known 32-bit PRNG; enough for reproducible fault sequences. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class FaultInjector {
  private readonly random: () => number

  constructor(private readonly spec: FaultSpec | undefined) {
    this.random = mulberry32(spec?.seed ?? 1)
  }

  /** Decides the faults of one API request. Always draws the same count of numbers, whatever the request. */
  decide(mutation: boolean): FaultDecision {
    if (!this.spec) return { drop: false, slow: false }
    const hit: Record<FaultKind, boolean> = { '423': false, '429': false, '503': false, drop: false, slow: false }
    for (const kind of KINDS) hit[kind] = this.random() < this.spec.rates[kind]
    let status: FaultDecision['status']
    if (hit['429']) status = 429
    else if (hit['503']) status = 503
    else if (mutation && hit['423']) status = 423
    return { status, drop: status === undefined && mutation && hit.drop, slow: hit.slow }
  }
}
