/**
 * A restore drill's phases on a time line (gantt): each phase the verify report measures, one after another, and
 * where the drill stopped when it did. Pure.
 */
import { formatDuration } from '../duration.js'
import { Gantt, type Diagram } from './mermaid.js'

export interface DrillFacts {
  /** Completed phases in order, with how long each took. */
  phases: [string, number][]
  /** The phase the drill stopped in, when it failed. */
  stopped?: string
}

export function drillDiagram(facts: DrillFacts): Diagram {
  const chart = new Gantt('Restore drill phases, end to end (axis in minutes and seconds)').section('drill')
  let at = 0
  for (const [name, ms] of facts.phases) {
    chart.task(`${name} (${formatDuration(ms)})`, at, at + ms, 'done')
    at += ms
  }
  if (facts.stopped) chart.task(`${facts.stopped} stopped here`, at, at, 'crit')
  return { title: 'the drill phases', source: chart.toString() }
}
