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
