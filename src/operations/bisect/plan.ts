/**
 * bisect's plan: the branch, both bounds as aligned LSNs where they can be read without changing anything,
 * the round bound, and what `then` will do. A timestamp whose LSN only a branch can tell (a time-travel compute
 * that reports no replay LSN) stays open in the plan, "resolved when run" (src/operations/bisect/bounds.ts).
 */
import type { BisectSettings, RestoreSettings } from '../../inputs.js'
import { formatLsn, type Lsn } from '../../lsn.js'
import type { NeonGateway } from '../../neon/index.js'
import { describePoint, type Point } from '../../point.js'
import { pastUri, pointLsn, readTableShape, withClient } from '../../postgres/index.js'
import { tablesReadBy } from '../changes.js'
import type { RunContext } from '../../run.js'
import { maxRounds } from '../../search.js'
import { nameFor, resolveBranch } from '../common.js'
import * as restore from '../restore.js'
import { connectionTo, type BranchConnection } from '../branch-connection.js'
import { locateBounds } from '../lineage.js'

/** A bound of the search: the point the user gave and, once known, its aligned LSN. */
export interface Bound {
  name: 'good' | 'bad'
  point: Point
  lsn?: Lsn
}

/** A bound whose LSN is known. */
export type ResolvedBound = Bound & { lsn: Lsn }

export interface BisectPlan {
  settings: BisectSettings
  connection: BranchConnection
  /**
   * Where the search runs: `connection` itself, or (both bounds before the branch's last restore) the backup
   * that held that stretch of its history, reached through the same endpoint and credentials.
   */
  timeline: BranchConnection
  /** Set when `timeline` is not the branch: where the search ran, for the summary. */
  note?: string
  good: Bound
  bad: Bound
  /** then: branch, the recovery branch's name. */
  recoveryName?: string
  /** then: restore, the restore's settings (its source is filled in once the answer is known). */
  restoreSettings?: RestoreSettings
  /** Set when then: restore may not run: the branch restored needs `confirm`. */
  refusal?: string
  /** The tables compared across the boundary (and undone by then: recover): `tables`, or those the check reads. */
  tables: string[]
  /** Why `tables` is empty when the check's plan could not be read. */
  tablesNote?: string
}

export async function plan(settings: BisectSettings, gateway: NeonGateway, context: RunContext): Promise<BisectPlan> {
  const branch = await resolveBranch(gateway, settings.branch)
  const located = await locateBounds(gateway, branch, settings, settings.history)
  const connection = await connectionTo(branch, settings, gateway, context, 'bisect')
  const timeline = { ...connection, branch: located.good.branch }
  const [good, bad] = await Promise.all(
    (['good', 'bad'] as const).map((name) => readBound(name, settings[name], timeline))
  )
  if (good.lsn !== undefined && bad.lsn !== undefined) checkOrder(good as ResolvedBound, bad as ResolvedBound)
  const note = located.good.note && `${located.good.note}; bisect searches ${timeline.branch.name}`
  const result: BisectPlan = {
    settings,
    connection,
    timeline,
    note,
    good,
    bad,
    ...(await tablesToCompare(settings, timeline, good))
  }
  if (settings.then === 'recover') checkUndo(result)
  if (settings.then === 'branch') {
    result.recoveryName = nameFor(settings.name, branch, 'bisect', context)
    if (await gateway.branches.findByName(result.recoveryName)) {
      throw new Error(
        `name: a branch named "${result.recoveryName}" already exists; choose a name template that makes a new name`
      )
    }
  }
  if (settings.then === 'restore') {
    result.restoreSettings = {
      operation: 'restore',
      apiKey: settings.apiKey,
      projectIds: settings.projectIds,
      projectId: settings.projectId,
      apiHost: settings.apiHost,
      branch: branch.id,
      history: settings.history,
      dryRun: false,
      // A placeholder until the answer is known; restoreRefusal reads only the target and confirm.
      source: { kind: 'self', point: { kind: 'head' } },
      name: settings.name,
      confirm: settings.confirm
    }
    result.refusal = restore.restoreRefusal(result.restoreSettings, branch, true)
  }
  return result
}

/** `tables`, or the tables the check reads, from its plan at good (a failure there only loses the comparison). */
async function tablesToCompare(
  settings: BisectSettings,
  timeline: BranchConnection,
  good: Bound
): Promise<{ tables: string[]; tablesNote?: string }> {
  const at = good.lsn ?? (good.point.kind === 'timestamp' ? { timestamp: good.point.timestamp } : undefined)
  if (at === undefined) return { tables: settings.tables ?? [] }
  const uri = pastUri(timeline, at)
  if (settings.tables) {
    await checkTablesAt(uri, settings.tables, `good (${describePoint(good.point)})`)
    return { tables: settings.tables }
  }
  try {
    return { tables: await tablesReadBy(uri, settings.check) }
  } catch (error) {
    return { tables: [], tablesNote: `the tables the check reads could not be found: ${(error as Error).message}` }
  }
}

/** The tables named must be tables at good, or the comparison after the search would fail. */
async function checkTablesAt(uri: string, tables: string[], label: string): Promise<void> {
  await withClient(uri, async (client) => {
    for (const table of tables) {
      const shape = await readTableShape(client, table).catch((error: Error) => {
        throw new Error(`tables: ${error.message}`)
      })
      if (!shape)
        throw new Error(`tables: ${table} does not exist at ${label}; name tables that the check's data lives in`)
    }
  })
}

/** then: recover undoes on the branch's own history, in tables it knows before the search starts. */
function checkUndo(plan: BisectPlan): void {
  const { connection, timeline } = plan
  if (timeline.branch.id !== connection.branch.id) {
    throw new Error(
      `then: recover undoes the change on ${connection.branch.name}'s own history, but good and bad lie before its ` +
        `last restore (bisect searches ${timeline.branch.name}): use then: report or then: branch`
    )
  }
  if (plan.tables.length === 0) {
    throw new Error(
      `tables: then: recover needs the tables to undo, and ${plan.tablesNote ?? "the check's plan names none"}: ` +
        'set tables'
    )
  }
}

/** The rounds the search takes at most, once both bounds are known. */
export function roundBound(plan: BisectPlan): number | undefined {
  const { good, bad } = plan
  if (good.lsn === undefined || bad.lsn === undefined) return undefined
  return Math.max(1, maxRounds(good.lsn, bad.lsn, plan.settings.parallelism))
}

/** good must lie before bad, or there is nothing to search. */
export function checkOrder(good: ResolvedBound, bad: ResolvedBound): void {
  if (good.lsn < bad.lsn) return
  throw new Error(
    `good: LSN ${formatLsn(good.lsn)} (${describePoint(good.point)}) is not before bad: LSN ${formatLsn(bad.lsn)} ` +
      `(${describePoint(bad.point)}); good must be a point before the data went bad (e.g. good: 2h ago)`
  )
}

/** A bound's aligned LSN, read without changing anything; a timestamp may stay open (src/postgres/wal.ts). */
async function readBound(name: Bound['name'], point: Point, connection: BranchConnection): Promise<Bound> {
  try {
    return { name, point, lsn: await pointLsn(connection, point) }
  } catch (error) {
    throw new Error(
      `${name}: ${describePoint(point)} could not be resolved on ${connection.branch.name}: ${(error as Error).message}`
    )
  }
}
