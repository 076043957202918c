/**
 * bisect's execution: resolve the bounds the plan left open, run the search on the chosen prober, read what
 * changed at the boundary (its schema, and the rows of the tables compared), then do what `then` asks (a recovery
 * branch, a restore keeping a backup, or the undo of the bad transaction).
 */
import { formatLsn, type Lsn } from '../../lsn.js'
import type { Branch, NeonGateway } from '../../neon/index.js'
import { RUN_ANNOTATION, type RunContext } from '../../run.js'
import { Throwaways } from '../../throwaway.js'
import type { UndoSettings } from '../../inputs.js'
import { pastUri } from '../../postgres/index.js'
import type { SearchResult } from '../../search.js'
import { readChanges, type TableChanges } from '../changes.js'
import * as restore from '../restore.js'
import * as undo from '../undo.js'
import { resolveBounds } from './bounds.js'
import { readInsights, type Insights } from './insights.js'
import { roundBound, type BisectPlan, type ResolvedBound } from './plan.js'
import { proberFor, type Prober } from './probers.js'
import { probeLabel } from './report.js'
import { runSearch, type Searched } from './rounds.js'

export interface BisectResult {
  good: ResolvedBound
  bad: ResolvedBound
  maxRounds: number
  searched: Searched
  insights: Insights
  /** Probe branches that could not be deleted (the post step tries again). */
  cleanupProblems: string[]
  /** then: branch. */
  recovery?: Branch
  /** then: restore. */
  restored?: { plan: restore.RestorePlan; result: restore.RestoreResult }
  /** What the bad transaction changed in the tables compared; undefined when they could not be read. */
  changes?: TableChanges[]
  /** then: recover. */
  undone?: { plan: undo.UndoPlan; result: undo.UndoResult }
  ms: number
}

export async function execute(plan: BisectPlan, gateway: NeonGateway, context: RunContext): Promise<BisectResult> {
  const started = Date.now()
  if (plan.refusal) throw new Error(plan.refusal)
  const branches = new Throwaways(gateway, context, 'bisect')
  const { good, bad } = await resolveBounds(plan, branches)
  const resolved: BisectPlan = { ...plan, good, bad }
  const searched = await search(resolved, good, bad, branches, gateway, context)
  const { result: answer } = searched
  context.info(
    `First bad LSN ${formatLsn(answer.firstBad)}, last good LSN ${formatLsn(answer.lastGood)} ` +
      `(${searched.rounds.reduce((sum, round) => sum + round.probes.length, 0)} probes in ${searched.rounds.length} rounds)`
  )
  const result: BisectResult = {
    good,
    bad,
    maxRounds: roundBound(resolved)!,
    searched,
    insights: await readInsights(plan.timeline, answer),
    cleanupProblems: searched.cleanupProblems,
    ms: 0
  }
  result.changes = await changesAtBoundary(plan, answer, result.insights.notes)
  if (plan.settings.then === 'branch')
    result.recovery = await createRecoveryBranch(plan, answer.lastGood, gateway, context)
  if (plan.settings.then === 'restore') result.restored = await restoreTo(plan, answer.lastGood, gateway, context)
  if (plan.settings.then === 'recover') result.undone = await undoChange(plan, answer, gateway, context)
  result.ms = Date.now() - started
  return result
}

async function search(
  plan: BisectPlan,
  good: ResolvedBound,
  bad: ResolvedBound,
  branches: Throwaways,
  gateway: NeonGateway,
  context: RunContext
): Promise<Searched & { cleanupProblems: string[] }> {
  const prober = proberFor(plan, branches, gateway, context)
  const input = { good, bad, parallelism: plan.settings.parallelism, prober, label: probeLabel(good.lsn, bad.lsn) }
  let searched: Searched
  try {
    searched = await runSearch(input, context)
  } catch (error) {
    await drain(prober, context)
    throw await explainChangedBranch(error as Error, plan.connection.branch, gateway)
  }
  return { ...searched, cleanupProblems: await drain(prober, context) }
}

/** The answer (or the search's own error) matters more than a branch the post step can still delete. */
async function drain(prober: Prober, context: RunContext): Promise<string[]> {
  const problems = await prober.drain()
  if (problems.length > 0) {
    context.warning(
      `Could not delete ${problems.length} probe branches (the post step tries again): ${problems.join('; ')}`
    )
  }
  return problems
}

/**
 * A restore or reset of the branch while the probes ran (another job) changes its history under them: say so,
 * instead of only what the failed probe saw (an LSN "in the future of the branch", say).
 */
async function explainChangedBranch(error: Error, branch: Branch, gateway: NeonGateway): Promise<Error> {
  const now = await gateway.branches.get(branch.id).catch(() => undefined)
  if (!now || (now.last_reset_at === branch.last_reset_at && now.parent_id === branch.parent_id)) return error
  return new Error(
    `${error.message}. ${branch.name} was restored or reset while bisect ran (by another job?), so its history ` +
      'changed under the probes: put the jobs that change it in one concurrency group, then run bisect again'
  )
}

/** then: branch. The recovery branch is the user's to keep: annotated with the run, never expiring. */
async function createRecoveryBranch(
  plan: BisectPlan,
  lastGood: Lsn,
  gateway: NeonGateway,
  context: RunContext
): Promise<Branch> {
  const { branch } = await gateway.branches.create({
    name: plan.recoveryName!,
    parentId: plan.timeline.branch.id,
    parentLsn: formatLsn(lastGood),
    endpoint: 'read_write',
    annotations: { [RUN_ANNOTATION]: context.runId }
  })
  context.info(`Created recovery branch ${branch.name} (${branch.id}) at ${formatLsn(lastGood)}`)
  return branch
}

/** then: restore. The same restore as operation: restore, to the last good LSN, keeping a backup. */
async function restoreTo(
  plan: BisectPlan,
  lastGood: Lsn,
  gateway: NeonGateway,
  context: RunContext
): Promise<BisectResult['restored']> {
  const point = { kind: 'lsn' as const, lsn: formatLsn(lastGood) }
  const onBackup = plan.timeline.branch.id !== plan.connection.branch.id
  const settings = {
    ...plan.restoreSettings!,
    // A search on a backup found the backup's LSN: restore from there, not from the branch's own timeline.
    source: onBackup
      ? { kind: 'branch' as const, branch: plan.timeline.branch.id, point }
      : { kind: 'self' as const, point }
  }
  const restorePlan = await restore.plan(settings, gateway, context)
  return { plan: restorePlan, result: await restore.execute(restorePlan, gateway, context) }
}

/** What the bad transaction changed, read on both sides of the boundary; a failure only loses the detail. */
async function changesAtBoundary(
  plan: BisectPlan,
  answer: SearchResult,
  notes: string[]
): Promise<TableChanges[] | undefined> {
  if (plan.tablesNote) notes.push(`Could not compare rows across the boundary: ${plan.tablesNote}`)
  if (plan.tables.length === 0) return undefined
  const at = (lsn: Lsn) => pastUri(plan.timeline, lsn)
  const label = { before: 'the last good LSN', after: 'the first bad LSN' }
  try {
    return await readChanges(at(answer.lastGood), at(answer.firstBad), plan.tables, label)
  } catch (error) {
    notes.push(`Could not compare ${plan.tables.join(', ')} across the boundary: ${(error as Error).message}`)
    return undefined
  }
}

/** then: recover. The same undo as recover with mode: undo, from the last good to the first bad LSN. */
async function undoChange(
  plan: BisectPlan,
  answer: SearchResult,
  gateway: NeonGateway,
  context: RunContext
): Promise<BisectResult['undone']> {
  const { settings, connection } = plan
  const undoSettings: UndoSettings = {
    operation: 'recover',
    mode: 'undo',
    apiKey: settings.apiKey,
    projectId: settings.projectId,
    projectIds: settings.projectIds,
    apiHost: settings.apiHost,
    branch: connection.branch.id,
    dryRun: false,
    database: connection.database,
    role: connection.role,
    history: settings.history,
    good: { kind: 'lsn', lsn: formatLsn(answer.lastGood) },
    bad: { kind: 'lsn', lsn: formatLsn(answer.firstBad) },
    tables: plan.tables
  }
  const undoPlan = await undo.planUndo(undoSettings, gateway, context, { strict: false })
  return { plan: undoPlan, result: await undo.execute(undoPlan, gateway, context) }
}
