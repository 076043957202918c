/**
 * The lineage around a restore or a snapshot as a small flowchart: which branch the point was read on, at which
 * point, what was made from it, and where the overwritten state was kept. Pure: names and points come in.
 *
 * The spec (restoreProjectBranch, `preserve_under_name`): "the previous state of the branch will be saved to a
 * branch with this name". That this backup becomes the restored branch's parent in a restore to its own past is
 * the reading src/lineage.ts documents and the emulator models (emulator/api/controlplane.ts restoreBranch); the
 * Neon docs found do not say it in those words. So the backup is drawn as the parent there; otherwise the backup
 * is the old timeline kept beside it: a dotted "previous state kept as" edge.
 */
import { Flowchart, type Diagram } from './mermaid.js'

export interface LineageFacts {
  /** Where the point was read: a branch (name and id) or a snapshot. */
  from: { name: string; id?: string; snapshot?: boolean }
  /** The branch the user named, when the point was read on another one (its backup, before its last restore). */
  named?: string
  /** The point, as the summary says it (`LSN 0/16B3748`, `2026-12-01T10:00:00Z`). */
  point?: string
  /** What was made from it: the restored branch, the snapshot branch or the Neon snapshot. */
  made: { name: string; id?: string; what: string }
  /** The backup of the overwritten state; `isSource` when it is also `from` (a restore to its own past). */
  backup?: { name: string; id?: string; isSource: boolean }
}

export function lineageDiagram(facts: LineageFacts): Diagram {
  const chart = new Flowchart('TD')
  const ids = (it: { name: string; id?: string }) => (it.id ? [it.name, `(${it.id})`] : [it.name])
  const backup = facts.backup
  const fromLines = facts.from.snapshot ? [`snapshot ${facts.from.name}`, ...ids(facts.from).slice(1)] : ids(facts.from)
  const from = chart.node(backup?.isSource ? [`backup ${backup.name}`, ...ids(backup).slice(1)] : fromLines, 'round')
  if (facts.named) chart.edge(chart.node([facts.named], 'round'), from, 'before its last restore, held by', 'dotted')
  const made = chart.node([`${facts.made.what} ${facts.made.name}`, ...ids(facts.made).slice(1)])
  chart.edge(from, made, facts.point ? `at ${facts.point}` : undefined)
  if (backup && !backup.isSource) {
    chart.edge(
      made,
      chart.node([`backup ${backup.name}`, ...ids(backup).slice(1)], 'round'),
      'previous state kept as',
      'dotted'
    )
  }
  return { title: `lineage of ${facts.made.name}`, source: chart.toString() }
}
