/**
 * verify: a restore drill. Makes a throwaway branch of `branch` at `at` (or restores a snapshot into one),
 * runs the checks on it, times each phase, and deletes the branch whatever happened. A failing check fails
 * the step. The drill branch is a throwaway branch (src/throwaway.ts): named with the run, swept by the post
 * step when the run is killed, and expiring on its own when no post step runs.
 */
import { checkRows, drillFailure, phase, readChecksFile, runDrillCheck, type DrillRecord } from '../drill-checks.js'
import type { VerifySettings } from '../inputs.js'
import type { Branch, NeonGateway, Snapshot } from '../neon/index.js'
import { drillDiagram } from '../diagrams/drill.js'
import { describePoint } from '../point.js'
import type { OperationResult, RunContext } from '../run.js'
import { Summary } from '../summary.js'
import { SETUP_MS, Throwaways } from '../throwaway.js'
import { checkPoint, pointFields, resolveBranch, resolveSnapshot } from './common.js'
import { connectionTo } from './branch-connection.js'
import { locatePoint, type PointOn } from './lineage.js'

export interface VerifyPlan {
  settings: VerifySettings
  source: Branch
  /** Where the point is read (not for a snapshot drill): `source`, or the backup that held it. */
  at?: PointOn
  snapshot?: Snapshot
  checks: string[]
  drillName: string
  /** The longest the drill branch is used: made ready, the first query, every check at its timeout. */
  useMs: number
}

function throwaways(gateway: NeonGateway, context: RunContext): Throwaways {
  return new Throwaways(gateway, context, 'verify')
}

export async function plan(settings: VerifySettings, gateway: NeonGateway, context: RunContext): Promise<VerifyPlan> {
  const source = await resolveBranch(gateway, settings.branch)
  const checks = settings.checksFile ? await readChecksFile(settings.checksFile) : settings.checks
  const snapshot = settings.snapshot ? await resolveSnapshot(gateway, settings.snapshot) : undefined
  const at = snapshot ? undefined : await locatePoint(gateway, source, settings.at, 'at', settings.history)
  if (at) await checkPoint(gateway, at.branch, settings.at, 'at', context)
  const drillName = throwaways(gateway, context).name(Date.now().toString(36))
  const useMs = SETUP_MS + (checks.length + 1) * settings.checkTimeoutMs
  return { settings, source, at, snapshot, checks, drillName, useMs }
}

/** What the drill restores, in words. */
function origin(plan: VerifyPlan): string {
  return plan.snapshot
    ? `snapshot ${plan.snapshot.name} (${plan.snapshot.id})`
    : `${plan.source.name} at ${describePoint(plan.settings.at)}`
}

export function describe(plan: VerifyPlan): OperationResult {
  const from = origin(plan)
  const summary = new Summary()
    .heading(`Dry run: restore drill of ${from}`)
    .paragraph(
      `Nothing was changed. This step would restore ${from} into ${plan.drillName}, run these checks, then delete it.`
    )
    .paragraph(plan.at?.note)
    .code(plan.checks.join('\n'), 'sql')
  return { outputs: {}, summary }
}

type Phase = 'Branch ready' | 'First query' | 'Checks' | 'Drill branch deleted'

/** The drill's phases that completed (in order, with their times), its checks, where it stopped and why. */
export interface VerifyResult extends DrillRecord<Phase> {
  /** The drill branch, when it was made. */
  drill?: Branch
  /** Set when the drill branch could not be deleted (the post step tries again). */
  cleanupError?: Error
  /** From the request to the last check; only when every check ran. */
  recoveryMs?: number
}

async function drill(
  plan: VerifyPlan,
  result: VerifyResult,
  branches: Throwaways,
  gateway: NeonGateway,
  context: RunContext
) {
  const { settings, snapshot } = plan
  const started = Date.now()
  const point = pointFields(settings.at)
  result.drill = await phase(result, 'Branch ready', () =>
    snapshot
      ? branches.fromSnapshot(snapshot.id, { name: plan.drillName, useMs: plan.useMs })
      : branches.create({
          name: plan.drillName,
          parentId: (plan.at?.branch ?? plan.source).id,
          parentLsn: point.lsn,
          parentTimestamp: point.timestamp,
          endpoint: 'read_write',
          useMs: plan.useMs
        })
  )
  context.info(`Drill branch ${result.drill.name} is ready; running ${plan.checks.length} checks`)
  const connection = await connectionTo(result.drill, settings, gateway, context, 'verify')
  await phase(result, 'First query', async () => {
    const first = await runDrillCheck(connection.uri, 'SELECT true', settings.checkTimeoutMs)
    if (!first.passed) throw new Error(`the restored branch did not answer a first query: ${first.detail}`)
  })
  await phase(result, 'Checks', async () => {
    for (const sql of plan.checks)
      result.reports.push(await runDrillCheck(connection.uri, sql, settings.checkTimeoutMs))
  })
  result.recoveryMs = Date.now() - started
}

export async function execute(plan: VerifyPlan, gateway: NeonGateway, context: RunContext): Promise<VerifyResult> {
  const result: VerifyResult = { phases: [], reports: [] }
  const branches = throwaways(gateway, context)
  await drill(plan, result, branches, gateway, context).catch((error: Error) => {
    // A failure outside a timed phase (finding the drill's connection) stops the drill after its last phase.
    result.stopped ??= { phase: result.phases.length > 0 ? 'First query' : 'Branch ready', error }
  })
  const made = result.drill
  if (made) {
    await phase(result, 'Drill branch deleted', () => branches.delete(made)).catch((error: Error) => {
      result.cleanupError = error
      context.warning(`Could not delete ${made.name} (the post step tries again): ${error.message}`)
    })
  }
  return result
}

export function report(plan: VerifyPlan, result: VerifyResult): OperationResult {
  const from = origin(plan)
  const failed = result.reports.filter((check) => !check.passed)
  const failure = drillFailure(result, plan.checks.length, from)
  const passed = failure === undefined
  const { drill: made } = result
  const into = made
    ? `${made.name} (${made.id}), ${result.cleanupError ? 'NOT deleted: the post step tries again' : 'deleted afterwards'}`
    : `${plan.drillName}: never made`
  const summary = new Summary().heading(`Restore drill of ${from}: ${passed ? 'passed' : 'FAILED'}`).keyValues([
    ['Restored', made ? from : undefined],
    ['Into', into],
    [
      'Recovery time',
      result.recoveryMs === undefined ? undefined : `${result.recoveryMs} ms (branch ready, first query and checks)`
    ],
    [
      'Checks',
      result.reports.length > 0
        ? `${result.reports.length - failed.length} of ${plan.checks.length} passed`
        : `none run (of ${plan.checks.length})`
    ]
  ])
  summary.paragraph(plan.at?.note)
  if (result.stopped)
    summary.paragraph(`The drill stopped at "${result.stopped.phase}": ${result.stopped.error.message}`)
  if (result.phases.length > 0)
    summary.table(
      ['phase', 'took'],
      result.phases.map(([name, ms]) => [name, `${ms} ms`])
    )
  if (result.phases.length > 0)
    summary.diagram(
      drillDiagram({ phases: result.phases, stopped: result.stopped?.phase, cleanup: 'Drill branch deleted' })
    )
  if (result.reports.length > 0) {
    summary.table(['check', 'result', 'took'], checkRows(result.reports))
  }
  const outputs: Record<string, string> = { passed: String(passed) }
  if (result.recoveryMs !== undefined) outputs['duration-ms'] = String(result.recoveryMs)
  return { outputs, summary, failed: failure }
}

/** The drill branch is a throwaway branch. */
export const makesThrowaways = true
