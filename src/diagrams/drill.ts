/**
 * A restore drill's phases on a time line (gantt): each phase the verify report measures, laid end to end (the
 * untimed steps between them, such as finding the connection, are left out), and where the drill stopped when it
 * did. Pure.
 */
import { formatDuration } from '../duration.js'
import { Gantt, type Diagram } from './mermaid.js'

export interface DrillFacts {
  /** Completed phases in the order they completed, with how long each took. */
  phases: [string, number][]
  /** The phase the drill stopped in, when it failed. */
  stopped?: string
  /** The phase that runs whatever happened (deleting the drill branch): drawn after where the drill stopped. */
  cleanup?: string
}

export function drillDiagram(facts: DrillFacts): Diagram {
  const chart = new Gantt('Restore drill phases, end to end (axis in minutes and seconds)').section('drill')
  let at = 0
  const draw = ([name, ms]: [string, number]) => {
    chart.task(`${name} (${formatDuration(ms)})`, at, at + ms, 'done')
    at += ms
  }
  facts.phases.filter(([name]) => name !== facts.cleanup).forEach(draw)
  if (facts.stopped) chart.task(`${facts.stopped} stopped here`, at, at, 'crit')
  facts.phases.filter(([name]) => name === facts.cleanup).forEach(draw)
  return { title: 'the drill phases', source: chart.toString() }
}
