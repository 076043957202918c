/** verify's checks (either backend): read from checks or checks-file, one SQL statement a line, and run. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { ConnectionError, NotBooleanError, runCheck } from './postgres/index.js'

/** One SQL statement a line; blank lines and `--` comments are skipped. */
export function parseChecks(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('--'))
}

export async function readChecksFile(file: string): Promise<string[]> {
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

export interface CheckReport {
  sql: string
  passed: boolean
  ms: number
  detail: string
}

/** Runs one check; a failure to answer (no boolean, no connection) is a failed check with its reason. */
export async function runDrillCheck(uri: string, sql: string, timeoutMs: number): Promise<CheckReport> {
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

/** What a drill records as it runs (either backend): each phase's time, where it stopped and why, each check. */
export interface DrillRecord<P extends string> {
  phases: [P, number][]
  stopped?: { phase: P; error: Error }
  reports: CheckReport[]
}

/** Runs one phase: records its time when it completes, or where the drill stopped when it fails. */
export async function phase<P extends string, T>(record: DrillRecord<P>, name: P, work: () => Promise<T>): Promise<T> {
  const started = Date.now()
  try {
    const value = await work()
    record.phases.push([name, Date.now() - started])
    return value
  } catch (error) {
    record.stopped ??= { phase: name, error: error as Error }
    throw error
  }
}

/** The drill's verdict on `from` (what was restored, at which point): undefined when it passed, else why not. */
export function drillFailure<P extends string>(
  record: DrillRecord<P>,
  checks: number,
  from: string
): string | undefined {
  const failed = record.reports.filter((check) => !check.passed)
  if (!record.stopped && failed.length === 0 && record.reports.length === checks) return undefined
  return record.stopped
    ? `verify: the drill of ${from} stopped at "${record.stopped.phase}": ${record.stopped.error.message}`
    : `verify: ${failed.length} of ${checks} checks failed on ${from}: ` +
        failed.map((check) => `${check.sql} → ${check.detail}`).join('; ')
}

/** The rows of the summary's table of checks: the statement, its result and its time. */
export function checkRows(reports: CheckReport[]): string[][] {
  return reports.map((check) => [check.sql, check.passed ? 'passed' : `FAILED: ${check.detail}`, `${check.ms} ms`])
}
