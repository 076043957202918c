/** The report of a self-hosted restore drill: outputs and the job summary, from what the result holds only. */
import { formatDuration } from '../duration.js'
import type { OperationResult } from '../run.js'
import { checkRows, drillFailure } from '../drill-checks.js'
import { Summary } from '../summary.js'
import type { SelfHostedVerifyPlan, SelfHostedVerifyResult } from './verify.js'
import { describeBackup } from './backup.js'
import { describePoint } from '../point.js'
import { formatBytes } from '../format.js'

/**
 * The recovery point: how much before the target the newest replayed commit is. For `head` the target is the
 * moment of the drill: the data a restore right now would lose. An LSN target has no time to measure from.
 */
export function recoveryPointMs(
  plan: SelfHostedVerifyPlan,
  lastCommit: string | undefined,
  now: Date
): number | undefined {
  if (!lastCommit || plan.target.kind === 'lsn') return undefined
  const target = plan.target.kind === 'time' ? Date.parse(plan.target.time) : now.getTime()
  return Math.max(0, target - Date.parse(lastCommit))
}

function phaseMs(result: SelfHostedVerifyResult, name: string): number | undefined {
  return result.phases.find(([phase]) => phase === name)?.[1]
}

function facts(plan: SelfHostedVerifyPlan, result: SelfHostedVerifyResult, now: Date): [string, string | undefined][] {
  const { reached, binaries } = result
  const rpo = recoveryPointMs(plan, reached?.lastCommit, now)
  const ms = (name: string) => {
    const value = phaseMs(result, name)
    return value === undefined ? undefined : formatDuration(value)
  }
  return [
    ['Backup', describeBackup(plan.settings.backup)],
    ['Point', describePoint(plan.settings.at)],
    ['PostgreSQL', binaries ? `${binaries.major} (${binaries.from}: ${binaries.bin})` : undefined],
    ['Restore time', ms('Restore')],
    ['WAL replay time', ms('WAL replay')],
    [
      'WAL replayed',
      reached?.walBytes === undefined ? undefined : `${formatBytes(reached.walBytes)} (to LSN ${reached.lsn})`
    ],
    ['Newest commit reached', reached ? (reached.lastCommit ?? 'none replayed') : undefined],
    [
      'Recovery point',
      rpo === undefined ? undefined : `${formatDuration(rpo)} before ${plan.target.kind === 'end' ? 'now' : 'at'}`
    ],
    ...standbyFacts(plan, result, ms('Catch-up')),
    ['Restored copy', result.cleanupError ? 'NOT removed: the post step tries again' : 'stopped and removed']
  ]
}

/** verify-standby: how far behind the standby was at T0 and how long it took to catch up. */
function standbyFacts(
  plan: SelfHostedVerifyPlan,
  result: SelfHostedVerifyResult,
  took: string | undefined
): [string, string | undefined][] {
  if (!plan.standby) return []
  const caught = result.catchUp
  return [
    [
      'Standby',
      caught ? `caught up with the primary in ${took} (WAL receiver ${caught.receiverStatus})` : 'did not catch up'
    ],
    [
      'Behind the primary at T0',
      caught ? `${formatBytes(caught.bytesBehind)} (primary at LSN ${caught.primaryLsn})` : undefined
    ]
  ]
}

/** verify-standby's outputs, once the standby caught up. */
function standbyOutputs(result: SelfHostedVerifyResult): Record<string, string> {
  const caught = result.catchUp
  if (!caught) return {}
  return { 'standby-lag-bytes': String(caught.bytesBehind), 'standby-catchup-ms': String(caught.ms) }
}

export function report(plan: SelfHostedVerifyPlan, result: SelfHostedVerifyResult, now = new Date()): OperationResult {
  const from = `${describeBackup(plan.settings.backup)} at ${describePoint(plan.settings.at)}`
  const failure = drillFailure(result, plan.checks.length, from)
  const passed = failure === undefined
  const summary = new Summary()
    .heading(`Restore drill of ${from}: ${passed ? 'passed' : 'FAILED'}`)
    .keyValues(facts(plan, result, now))
  if (result.stopped)
    summary.paragraph(`The drill stopped at "${result.stopped.phase}": ${result.stopped.error.message}`)
  if (result.sizes.length > 0)
    summary.table(
      ['database', 'size'],
      result.sizes.map((size) => [size.database, formatBytes(size.bytes)])
    )
  if (result.reports.length > 0) {
    summary.table(['check', 'result', 'took'], checkRows(result.reports))
  }
  const outputs: Record<string, string> = { passed: String(passed), ...standbyOutputs(result) }
  const total = result.phases.filter(([name]) => name !== 'Cleanup').reduce((sum, [, ms]) => sum + ms, 0)
  if (!result.stopped) outputs['duration-ms'] = String(total)
  return { outputs, summary, failed: failure }
}
