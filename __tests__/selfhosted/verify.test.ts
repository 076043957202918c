/**
 * verify with backend: postgres, run as the runner runs the built action (dist/index.js), against a real
 * primary's pg_basebackup directory and pgBackRest stanza (./fixture.ts). Each verdict is the checks' own, with
 * the row counts the primary recorded; afterwards no server of ours runs and RUNNER_TEMP holds nothing.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parseLsn } from '../../src/lsn.js'
import type { RunOptions } from '../../tools/runner.js'
import { dirInputs as dirOf, expectNothingLeft, leftovers, runStep, stanzaInputs, useFixture } from './steps.js'

const fixture = useFixture()

/** A verify step and its post step, as the runner runs them. */
const drill = (inputs: Record<string, string>, options: Pick<RunOptions, 'cancelWhen' | 'killWhen'> = {}) =>
  runStep(fixture(), { operation: 'verify', ...inputs }, { post: true, ...options })

const dirInputs = () => dirOf(fixture())

function tarInputs(): Record<string, string> {
  return { ...dirInputs(), backup: `dir:${fixture().baseTar}` }
}

describe.each([
  ['dir: (pg_basebackup and a cp archive)', dirInputs],
  ['dir: of a base.tar (pg_basebackup -Ft)', tarInputs],
  ['pgbackrest: (a stanza and archive-get)', stanzaInputs]
])('verify from %s', (_kind, inputs) => {
  test('at the time before the accident sees the dropped table with the rows the primary had then', async () => {
    const step = await drill({
      ...inputs(),
      at: fixture().beforeAccident.time,
      checks: `SELECT count(*) = ${fixture().beforeAccident.historyRows} FROM pgbench_history`
    })
    expect(step.main.errors).toEqual([])
    expect(step.main.exitCode).toBe(0)
    expect(step.main.outputs.passed).toBe('true')
    expect(step.main.summary).toMatch(/Newest commit reached/)
    expectNothingLeft(step)
  })

  test('at the LSN before the accident (recovery_target_lsn) holds the same rows', async () => {
    const step = await drill({
      ...inputs(),
      at: fixture().beforeAccident.lsn,
      checks: `SELECT count(*) = ${fixture().beforeAccident.historyRows} FROM pgbench_history`
    })
    expect(step.main.errors).toEqual([])
    expect(step.main.outputs.passed).toBe('true')
    expectNothingLeft(step)
  })

  test('refuses a time before the backup ended, before restoring anything', async () => {
    const before = new Date(Date.parse(fixture().backupTime) - 120_000).toISOString()
    const step = await drill({ ...inputs(), at: before, checks: 'SELECT true' })
    expect(step.main.exitCode).not.toBe(0)
    expect(step.main.errors.join('\n')).toMatch(/^at: .* is before the end of .*choose a later at/m)
    expect(step.main.log).not.toMatch(/Restored /)
    expect(readdirSync(step.runnerTemp)).toEqual([])
  })
})

test("verify at head replays the whole archive: the table is gone and the balance is the primary's last", async () => {
  const step = await drill({
    ...dirInputs(),
    checks: [
      "SELECT to_regclass('pgbench_history') IS NULL",
      `SELECT sum(abalance) = ${fixture().end.balance} FROM pgbench_accounts`
    ].join('\n')
  })
  expect(step.main.errors).toEqual([])
  expect(step.main.outputs.passed).toBe('true')
  // The replay reaches the primary's last LSN: every archived record was applied.
  const reached = /to LSN ([0-9A-F]+\/[0-9A-F]+)/.exec(step.main.log)?.[1]
  expect(reached).toBeDefined()
  expect(parseLsn(reached!) >= parseLsn(fixture().end.lsn)).toBe(true)
  expectNothingLeft(step)
})

test('a failing check fails the step and leaves nothing running or on disk', async () => {
  const step = await drill({ ...dirInputs(), checks: 'SELECT count(*) = -1 FROM pgbench_accounts' })
  expect(step.main.exitCode).toBe(1)
  expect(step.main.outputs.passed).toBe('false')
  expect(step.main.errors.join('\n')).toMatch(/1 of 1 checks failed/)
  expectNothingLeft(step)
})

test('a restore-command that cannot fetch names the segment and quotes what it printed', async () => {
  const label = readFileSync(path.join(fixture().baseDir, 'backup_label'), 'utf8')
  const segment = /\(file ([0-9A-F]{24})\)/.exec(label)![1]
  const step = await drill({ ...dirInputs(), 'restore-command': 'cp /nonexistent/%f "%p"', checks: 'SELECT true' })
  expect(step.main.exitCode).toBe(1)
  const error = step.main.errors.join('\n')
  expect(error).toContain(`could not fetch WAL segment ${segment}`)
  expect(error).toContain(`cp: cannot stat '/nonexistent/${segment}'`)
  expect(error).toContain('FATAL: could not locate required checkpoint record')
  expectNothingLeft(step)
})

test('a cancelled step stops the restored server and removes its copy before it exits', async () => {
  // The runner's SIGINT arrives while the restored server runs a check.
  const step = await drill(
    { ...dirInputs(), checks: 'SELECT pg_sleep(30) IS NOT NULL' },
    { cancelWhen: /running 1 checks/ }
  )
  expect(step.main.exitCode).toBe(1)
  expect(step.main.log).toMatch(/SIGINT received/)
  expectNothingLeft(step)
})

test('the post step stops and removes what a killed main step left', async () => {
  const step = await drill(
    { ...dirInputs(), checks: 'SELECT pg_sleep(30) IS NOT NULL' },
    { killWhen: { pattern: /running 1 checks/, signal: 'SIGKILL' } }
  )
  expect(step.main.signal).toBe('SIGKILL')
  expect(step.afterMain.files).toHaveLength(1)
  expect(step.afterMain.servers.length).toBeGreaterThan(0)
  expect(step.post?.log).toMatch(/Removed the restored copy the main step left/)
  expect(leftovers(step.runnerTemp)).toEqual({ servers: [], files: [] })
})

test('a command: backup fills $PGDATA, and its version is read from what it wrote', async () => {
  const step = await drill({
    ...dirInputs(),
    backup: `command:cp -R "${fixture().baseDir}/." "$PGDATA"`,
    'pg-bin': '/usr/lib/postgresql/15/bin',
    at: fixture().beforeAccident.time,
    checks: `SELECT count(*) = ${fixture().beforeAccident.historyRows} FROM pgbench_history`
  })
  expect(step.main.errors).toEqual([])
  expect(step.main.outputs.passed).toBe('true')
  expect(step.main.log).toMatch(/replaying WAL with PostgreSQL 15 \(pg-bin\)/)
  expectNothingLeft(step)
})
