/**
 * The search loop: waves of probes driven by the k-ary search (src/search.ts). The first wave checks both bounds
 * together with the first round; wrong bounds stop the search with an error that says which.
 */
import { formatDuration } from '../../duration.js'
import { formatLsn, type Lsn } from '../../lsn.js'
import { describePoint } from '../../point.js'
import type { CheckOutcome } from '../../postgres/index.js'
import type { RunContext } from '../../run.js'
import { BoundarySearch, type SearchResult } from '../../search.js'
import type { ResolvedBound } from './plan.js'
import type { Prober } from './probers.js'

/** One probe: the check at one LSN. */
export interface Probe {
  lsn: Lsn
  outcome: CheckOutcome
}

export interface Round {
  probes: Probe[]
  ms: number
  /** The search interval after this round. */
  good: Lsn
  bad: Lsn
}

export interface Searched {
  result: SearchResult
  rounds: Round[]
}

export interface SearchInput {
  good: ResolvedBound
  bad: ResolvedBound
  parallelism: number
  prober: Prober
  /** How a probe's LSN is shown in the log: `0/16B3748 (good)`. */
  label: (lsn: Lsn) => string
}

export async function runSearch(input: SearchInput, context: RunContext): Promise<Searched> {
  const { good, bad, parallelism: k } = input
  const search = new BoundarySearch(good.lsn, bad.lsn)
  const rounds: Round[] = []
  const record = (lsns: Lsn[], outcomes: CheckOutcome[], ms: number) =>
    rounds.push({ probes: lsns.map((lsn, index) => ({ lsn, outcome: outcomes[index] })), ms, ...search.interval })

  const first = search.nextRound(k)
  const wave = await runWave(1, [good.lsn, bad.lsn, ...first], input, context)
  const [atGood, atBad, ...firstOutcomes] = wave.outcomes
  checkBounds(input, atGood, atBad)
  if (first.length > 0) search.report(healthy(firstOutcomes))
  record([good.lsn, bad.lsn, ...first], wave.outcomes, wave.ms)
  await input.prober.afterRound?.(search.interval)

  while (!search.done) {
    const lsns = search.nextRound(k)
    const next = await runWave(rounds.length + 1, lsns, input, context)
    search.report(healthy(next.outcomes))
    record(lsns, next.outcomes, next.ms)
    await input.prober.afterRound?.(search.interval)
  }
  return { result: search.result(), rounds }
}

function healthy(outcomes: CheckOutcome[]): boolean[] {
  return outcomes.map((outcome) => outcome.kind === 'value' && outcome.healthy)
}

/** The check must pass at good and fail at bad, or the search would answer a question nobody asked. */
function checkBounds(input: SearchInput, atGood: CheckOutcome, atBad: CheckOutcome): void {
  const { good, bad } = input
  const at = (bound: ResolvedBound) => `LSN ${formatLsn(bound.lsn)}, ${describePoint(bound.point)}`
  const problems: string[] = []
  if (atGood.kind === 'sql-error') {
    problems.push(
      `good: the check fails at good (${at(good)}) with an SQL error, so it cannot tell healthy from broken: ` +
        `${atGood.code} ${atGood.message}. Fix the check, or choose a good point where it runs`
    )
  } else if (!atGood.healthy) {
    problems.push(
      `good: the check is false at good (${at(good)}): the data was already broken there. Choose an earlier good point`
    )
  }
  if (atBad.kind === 'value' && atBad.healthy) {
    problems.push(
      `bad: the check is true at bad (${at(bad)}): by this check nothing broke between good and bad. ` +
        'Choose a later bad point, or check that the check returns false on the broken data'
    )
  }
  if (problems.length > 0) throw new Error(problems.join('\n'))
}

async function runWave(
  number: number,
  lsns: Lsn[],
  input: SearchInput,
  context: RunContext
): Promise<{ outcomes: CheckOutcome[]; ms: number }> {
  context.info(`Round ${number}: probing ${lsns.map(input.label).join(', ')}`)
  const started = Date.now()
  // Every probe settles before an error is raised, so no probe creates a branch after cleanup has run.
  const settled = await Promise.allSettled(
    lsns.map((lsn) =>
      input.prober.probe(lsn).catch((error: Error) => {
        throw new Error(`the check at LSN ${formatLsn(lsn)}: ${error.message}`)
      })
    )
  )
  const failed = settled.find((outcome) => outcome.status === 'rejected')
  if (failed) throw (failed as PromiseRejectedResult).reason
  const outcomes = settled.map((outcome) => (outcome as PromiseFulfilledResult<CheckOutcome>).value)
  const ms = Date.now() - started
  context.info(
    `Round ${number} took ${formatDuration(ms)}: ` +
      lsns.map((lsn, index) => `${formatLsn(lsn)} ${verdictText(outcomes[index])}`).join(', ')
  )
  return { outcomes, ms }
}

export function verdictText(outcome: CheckOutcome): string {
  if (outcome.kind === 'sql-error') return `broken (SQL error ${outcome.code})`
  return outcome.healthy ? 'healthy' : 'broken'
}
