/**
 * bisect's interval narrowing round by round as a flowchart: one node a round with the interval left after it
 * (LSNs as PostgreSQL prints them) and its width, then the answer. A chain of boxes stays readable at any
 * range, 2^29 bytes or more, because every box says its bounds in text; past MAX_ROUNDS_SHOWN rounds the middle
 * ones are one "…" box (the Rounds table lists them all). Pure.
 */
import { formatLsn, type Lsn } from '../lsn.js'
import { formatBytes } from '../format.js'
import { Flowchart, type Diagram } from './mermaid.js'

/** More rounds than this and only the first FIRST_SHOWN and the last LAST_SHOWN get a box. */
export const MAX_ROUNDS_SHOWN = 12
const FIRST_SHOWN = 4
const LAST_SHOWN = 6

export interface NarrowingFacts {
  good: Lsn
  bad: Lsn
  /** The interval after each round, and how many probes it ran. */
  rounds: { good: Lsn; bad: Lsn; probes: number }[]
  lastGood: Lsn
  firstBad: Lsn
}

export function narrowingDiagram(facts: NarrowingFacts): Diagram {
  const chart = new Flowchart('TD')
  const interval = (good: Lsn, bad: Lsn) => `${formatLsn(good)} .. ${formatLsn(bad)}`
  let previous = chart.node(
    ['bounds', interval(facts.good, facts.bad), formatBytes(facts.bad - facts.good, { whole: true })],
    'round'
  )
  const { rounds } = facts
  const cut = rounds.length > MAX_ROUNDS_SHOWN
  rounds.forEach((round, index) => {
    if (cut && index === FIRST_SHOWN) {
      const hidden = rounds.length - FIRST_SHOWN - LAST_SHOWN
      const skipped = chart.node([`… ${hidden} more rounds (see the Rounds table)`])
      chart.edge(previous, skipped, undefined, 'dotted')
      previous = skipped
    }
    if (cut && index >= FIRST_SHOWN && index < rounds.length - LAST_SHOWN) return
    const node = chart.node([
      `round ${index + 1}`,
      interval(round.good, round.bad),
      formatBytes(round.bad - round.good, { whole: true })
    ])
    chart.edge(previous, node, `${round.probes} probe${round.probes === 1 ? '' : 's'}`)
    previous = node
  })
  const answer = chart.node(
    [`last good ${formatLsn(facts.lastGood)}`, `first bad ${formatLsn(facts.firstBad)}`],
    'stadium'
  )
  chart.edge(previous, answer)
  return { title: 'the search interval by round', source: chart.toString() }
}
