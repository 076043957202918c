/** Look-ups of what inputs name, and wording, shared by the operations. */
import { formatTime } from '../format.js'
import { INPUTS, readsInput, type OperationName } from '../inputs.js'
import { formatLsn, parseLsn, type Lsn } from '../lsn.js'
import type { Branch, NeonGateway, Snapshot } from '../neon/index.js'
import { describePoint, type Point } from '../point.js'
import type { RunContext } from '../run.js'
import { renderTemplate } from '../template.js'
import { explainLookup } from './explain.js'

/** The branch an input names (`branch` unless said), or the project's default branch when it names none. */
export async function resolveBranch(
  gateway: NeonGateway,
  nameOrId: string | undefined,
  input = 'branch'
): Promise<Branch> {
  try {
    return await (nameOrId ? gateway.branches.find(nameOrId) : gateway.branches.getDefault())
  } catch (error) {
    throw explainLookup(error, input)
  }
}

/** The snapshot a `source: snapshot:<id or name>` names. */
export async function resolveSnapshot(gateway: NeonGateway, idOrName: string): Promise<Snapshot> {
  try {
    return await gateway.snapshots.find(idOrName)
  } catch (error) {
    throw explainLookup(error, 'source')
  }
}

export function nameFor(template: string, branch: Branch, operation: string, context: RunContext): string {
  return renderTemplate(template, {
    branch: branch.name,
    operation,
    runId: context.runId,
    runAttempt: context.runAttempt,
    sha: context.sha,
    now: context.now
  })
}

/** The API's fields for a point on a parent or source branch; head is the absence of both. */
export function pointFields(point: Point): { lsn?: string; timestamp?: string } {
  if (point.kind === 'lsn') return { lsn: point.lsn }
  if (point.kind === 'timestamp') return { timestamp: point.timestamp }
  return {}
}

/**
 * Refuses a point Neon would refuse, before anything is changed: a time before the project's history window,
 * or an LSN past the head of `branch` (read on its compute; skipped when it has none or cannot be reached).
 * `input` is the input the point came from, for the message.
 */
export async function checkPoint(
  gateway: NeonGateway,
  branch: Branch,
  point: Point,
  input: string,
  context: RunContext
): Promise<void> {
  if (point.kind === 'timestamp') {
    const project = await gateway.project.get()
    const windowStart = context.now.getTime() - project.history_retention_seconds * 1000
    if (Date.parse(point.timestamp) < windowStart) {
      throw new Error(
        `${input}: ${point.timestamp} is before the history Neon keeps for project ${gateway.projectId} ` +
          `(it starts at ${formatTime(windowStart)}); choose a later point`
      )
    }
  }
  if (point.kind !== 'lsn') return
  const endpoint = (await gateway.connections.listEndpoints(branch.id)).find(
    (candidate) => candidate.type === 'read_write'
  )
  const [database] = await gateway.connections.listDatabases(branch.id)
  if (!endpoint || !database) return
  let head: Lsn
  try {
    const uri = await gateway.connections.getUri({
      branchId: branch.id,
      database: database.name,
      role: database.owner_name
    })
    context.mask(uri)
    // Loaded here, not on import: snapshot, restore and prune reach Postgres only for an LSN point.
    const { headLsn } = await import('../postgres/index.js')
    head = await headLsn(uri)
  } catch (error) {
    context.info(`Could not read the head LSN of ${branch.name} (${(error as Error).message}); Neon checks the point`)
    return
  }
  if (parseLsn(point.lsn) > head) {
    throw new Error(
      `${input}: ${describePoint(point)} is past the head of ${branch.name} (${formatLsn(head)}); ` +
        'use an LSN at or before it, or head'
    )
  }
}

/** Neon's times in the action's format; undefined stays undefined. */
export function neonTime(time: string | undefined): string | undefined {
  return time ? formatTime(Date.parse(time)) : undefined
}

/** The inputs of this step that a pasted step carries over when the pasted operation reads them. */
export interface CarriedInputs {
  apiHost: string
  database?: string
  role?: string
}

/**
 * A ready-to-paste workflow step running `operation` with `inputs`, plus every input of this step (`carried`)
 * that the pasted operation reads and that differs from its default: pasted against the emulator or a proxy,
 * the step must reach the same API host, database and role as this one.
 */
export function workflowStep(options: {
  actionRef: string
  projectId: string
  carried: CarriedInputs
  operation: OperationName
  inputs: [string, string | undefined][]
}): string {
  const { carried, operation } = options
  const lines = [
    `- uses: ${options.actionRef}`,
    '  with:',
    `    operation: ${operation}`,
    '    api-key: ${{ secrets.NEON_API_KEY }}',
    `    project-id: ${options.projectId}`
  ]
  const carriedInputs: [string, string | undefined][] = [
    ['api-host', carried.apiHost],
    ['database', carried.database],
    ['role', carried.role]
  ]
  for (const [name, value] of [...carriedInputs, ...options.inputs]) {
    if (value === undefined || value === '' || value === INPUTS[name].default) continue
    if (!readsInput(operation, name)) continue
    lines.push(`    ${name}: ${value}`)
  }
  return lines.join('\n')
}

/** A ready-to-paste step that restores `branch` from `source`, with confirm where the branch needs it. */
export function restoreStep(options: {
  actionRef: string
  projectId: string
  carried: CarriedInputs
  branch: Branch
  source: string
}): string {
  const needsConfirm = options.branch.default || options.branch.protected
  return workflowStep({
    ...options,
    operation: 'restore',
    inputs: [
      ['branch', options.branch.name],
      ['source', options.source],
      ['confirm', needsConfirm ? options.branch.name : undefined]
    ]
  })
}

/**
 * A ready-to-paste step that undoes the change between `good` and `bad` (bisect's last good and first bad LSNs) in
 * `tables` of `branch`, keeping later writes: recover with mode: undo.
 */
export function undoStep(options: {
  actionRef: string
  projectId: string
  carried: CarriedInputs
  branch: Branch
  good: string
  bad: string
  tables: string
}): string {
  return workflowStep({
    ...options,
    operation: 'recover',
    inputs: [
      ['branch', options.branch.name],
      ['mode', 'undo'],
      ['good', options.good],
      ['bad', options.bad],
      ['tables', options.tables]
    ]
  })
}
