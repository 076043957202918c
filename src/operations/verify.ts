/**
 * verify: a restore drill. Makes a branch of `branch` at `at` (or restores a snapshot into a new branch),
 * runs the checks on it, times each phase, and deletes the branch whatever happened. A failing check fails
 * the step. The drill branch carries the run id in its name, so the post step removes it if the run is
 * killed, and it expires after a day in any case.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { VerifySettings } from '../inputs.js'
import type { Branch, NeonGateway, Snapshot } from '../neon/index.js'
import { describePoint } from '../point.js'
import { ConnectionError, NotBooleanError, runCheck } from '../postgres.js'
import { ephemeralName, RUN_ANNOTATION, type OperationResult, type RunContext } from '../run.js'
import { Summary } from '../summary.js'
import { checkPoint, expiryTime, pointFields, resolveBranch, resolveSnapshot } from './common.js'
import { connectionTarget } from './target.js'

const DRILL_EXPIRY_MS = 24 * 3600_000

export interface VerifyPlan {
  settings: VerifySettings
  source: Branch
  snapshot?: Snapshot
  checks: string[]
  drillName: string
}

/** One SQL statement a line; blank lines and `--` comments are skipped. */
export function parseChecks(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('--'))
}

async function readChecksFile(file: string): Promise<string[]> {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
  const full = path.resolve(workspace, file)
  let text: string
  try {
    text = await readFile(full, 'utf8')
  } catch {
    throw new Error(
      `checks-file: ${file} was not found in the workspace (${workspace}); check out the repository first`
    )
  }
  const checks = parseChecks(text)
  if (checks.length === 0) throw new Error(`checks-file: ${file} holds no checks (one SQL statement a line)`)
  return checks
}

export async function plan(settings: VerifySettings, gateway: NeonGateway, context: RunContext): Promise<VerifyPlan> {
  const source = await resolveBranch(gateway, settings.branch)
  const checks = settings.checksFile ? await readChecksFile(settings.checksFile) : settings.checks
  const snapshot = settings.snapshot ? await resolveSnapshot(gateway, settings.snapshot) : undefined
  if (!snapshot) await checkPoint(gateway, source, settings.at, 'at', context)
  const drillName = ephemeralName(context.runId, `verify-${context.runAttempt}-${Date.now().toString(36)}`)
  return { settings, source, snapshot, checks, drillName }
}

interface CheckReport {
  sql: string
  passed: boolean
  ms: number
  detail: string
}

async function runDrillCheck(uri: string, sql: string, timeoutMs: number): Promise<CheckReport> {
  const started = Date.now()
  try {
    const outcome = await runCheck(uri, sql, { timeoutMs })
    if (outcome.kind === 'sql-error') {
      return { sql, passed: false, ms: outcome.ms, detail: `error ${outcome.code}: ${outcome.message}` }
    }
    return { sql, passed: outcome.healthy, ms: outcome.ms, detail: outcome.healthy ? 'true' : 'false' }
  } catch (error) {
    if (error instanceof NotBooleanError || error instanceof ConnectionError) {
      return { sql, passed: false, ms: Date.now() - started, detail: error.message }
    }
    throw error
  }
}

export async function execute(plan: VerifyPlan, gateway: NeonGateway, context: RunContext): Promise<OperationResult> {
  const { settings, source, snapshot } = plan
  const from = snapshot
    ? `snapshot ${snapshot.name} (${snapshot.id})`
    : `${source.name} at ${describePoint(settings.at)}`
  const summary = new Summary()
  if (settings.dryRun) {
    summary
      .heading(`Dry run: restore drill of ${from}`)
      .paragraph(
        `Nothing was changed. This step would restore ${from} into ${plan.drillName}, run these checks, then delete it.`
      )
      .code(plan.checks.join('\n'), 'sql')
    return { outputs: {}, summary }
  }

  const started = Date.now()
  const phases: [string, number][] = []
  const reports: CheckReport[] = []
  let drill: Branch | undefined
  let failure: Error | undefined
  try {
    const point = pointFields(settings.at)
    drill = snapshot
      ? await gateway.snapshots.restore(snapshot.id, { name: plan.drillName, finalize: false })
      : (
          await gateway.branches.create({
            name: plan.drillName,
            parentId: source.id,
            parentLsn: point.lsn,
            parentTimestamp: point.timestamp,
            endpoint: 'read_write',
            expiresAt: expiryTime(context.now, DRILL_EXPIRY_MS),
            annotations: { [RUN_ANNOTATION]: context.runId }
          })
        ).branch
    phases.push(['Branch ready', Date.now() - started])
    context.info(`Drill branch ${drill.name} is ready; running ${plan.checks.length} checks`)
    const target = await connectionTarget(drill, settings, gateway, context, 'verify')
    const first = Date.now()
    const probe = await runDrillCheck(target.uri, 'SELECT true', settings.checkTimeoutMs)
    if (!probe.passed) throw new Error(`the restored branch did not answer a first query: ${probe.detail}`)
    phases.push(['First query', Date.now() - first])
    const checksStarted = Date.now()
    for (const sql of plan.checks) reports.push(await runDrillCheck(target.uri, sql, settings.checkTimeoutMs))
    phases.push(['Checks', Date.now() - checksStarted])
  } catch (error) {
    failure = error as Error
  }
  const durationMs = Date.now() - started
  if (drill) {
    const cleanup = Date.now()
    await gateway.branches.delete(drill.id).then(
      () => phases.push(['Drill branch deleted', Date.now() - cleanup]),
      (error: Error) => context.warning(`Could not delete ${drill!.name} (the post step tries again): ${error.message}`)
    )
  }

  const failed = reports.filter((report) => !report.passed)
  const passed = !failure && failed.length === 0 && reports.length === plan.checks.length
  summary
    .heading(`Restore drill of ${from}: ${passed ? 'passed' : 'FAILED'}`)
    .keyValues([
      ['Restored', from],
      ['Into', `${plan.drillName}${drill ? ` (${drill.id}), deleted afterwards` : ''}`],
      ['Recovery time', `${durationMs} ms (branch ready, first query and checks)`],
      ['Checks', `${reports.length - failed.length} of ${plan.checks.length} passed`]
    ])
    .table(
      ['phase', 'took'],
      phases.map(([phase, ms]) => [phase, `${ms} ms`])
    )
  if (reports.length > 0) {
    summary.table(
      ['check', 'result', 'took'],
      reports.map((report) => [report.sql, report.passed ? 'passed' : `FAILED: ${report.detail}`, `${report.ms} ms`])
    )
  }
  if (failure) summary.paragraph(`The drill stopped: ${failure.message}`)
  const outputs = { passed: String(passed), 'duration-ms': String(durationMs) }
  if (passed) return { outputs, summary }
  const reason = failure
    ? `verify: the drill of ${from} failed: ${failure.message}`
    : `verify: ${failed.length} of ${plan.checks.length} checks failed on ${from}: ` +
      failed.map((report) => `${report.sql} → ${report.detail}`).join('; ')
  return { outputs, summary, failed: reason }
}
