/**
 * verify with backend: postgres, run as the runner runs the built action (dist/index.js), against a real
 * primary's pg_basebackup directory and pgBackRest stanza (./fixture.ts). Each verdict is the checks' own, with
 * the row counts the primary recorded; afterwards no server of ours runs and RUNNER_TEMP holds nothing.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parseLsn } from '../../src/lsn.js'
import { Job, type StepResult } from '../../tools/runner.js'
import { buildFixture, STANZA, toolsAvailable, type Fixture } from './fixture.js'

let fixture: Fixture
let runs = 0

beforeAll(async () => {
  if (!toolsAvailable())
    throw new Error('needs /usr/lib/postgresql/15/bin and pgbackrest: apt-get install postgresql-15 pgbackrest')
  fixture = await buildFixture()
}, 60_000)

afterAll(async () => {
  await fixture?.stop()
})

interface Drill {
  main: StepResult
  post: StepResult
  runnerTemp: string
}

/** One step of verify with backend: postgres, in a fresh RUNNER_TEMP the cluster user can reach. */
async function drill(inputs: Record<string, string>): Promise<Drill> {
  const runnerTemp = path.join(fixture.root, `runner-temp-${++runs}`)
  mkdirSync(runnerTemp)
  chmodSync(runnerTemp, 0o755)
  const job = new Job()
  try {
    const { main, post } = await job.run(
      { operation: 'verify', backend: 'postgres', ...inputs },
      { env: { RUNNER_TEMP: runnerTemp, PGBACKREST_CONFIG: fixture.pgbackrestConfig } }
    )
    return { main, post, runnerTemp }
  } finally {
    job.dispose()
  }
}

function dirInputs(): Record<string, string> {
  return { backup: `dir:${fixture.baseDir}`, 'restore-command': `cp ${fixture.archiveDir}/%f "%p"` }
}
function stanzaInputs(): Record<string, string> {
  return { backup: `pgbackrest:${STANZA}`, 'restore-command': `pgbackrest --stanza=${STANZA} archive-get %f "%p"` }
}

/** Nothing of the drill is left: no server whose arguments name RUNNER_TEMP, no file in it. */
function expectNothingLeft({ runnerTemp }: Drill): void {
  const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
  expect(processes.split('\n').filter((line) => line.includes(runnerTemp))).toEqual([])
  expect(readdirSync(runnerTemp)).toEqual([])
}

describe.each([
  ['dir: (pg_basebackup and a cp archive)', dirInputs],
  ['pgbackrest: (a stanza and archive-get)', stanzaInputs]
])('verify from %s', (_kind, inputs) => {
  test('at the time before the accident sees the dropped table with the rows the primary had then', async () => {
    const step = await drill({
      ...inputs(),
      at: fixture.beforeAccident.time,
      checks: `SELECT count(*) = ${fixture.beforeAccident.historyRows} FROM pgbench_history`
    })
    expect(step.main.errors).toEqual([])
    expect(step.main.exitCode).toBe(0)
    expect(step.main.outputs.passed).toBe('true')
    expect(step.main.summary).toMatch(/Newest commit reached/)
    expectNothingLeft(step)
  })

  test('refuses a time before the backup ended, before restoring anything', async () => {
    const before = new Date(Date.parse(fixture.backupTime) - 120_000).toISOString()
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
      `SELECT sum(abalance) = ${fixture.end.balance} FROM pgbench_accounts`
    ].join('\n')
  })
  expect(step.main.errors).toEqual([])
  expect(step.main.outputs.passed).toBe('true')
  // The replay reaches the primary's last LSN: every archived record was applied.
  const reached = /to LSN ([0-9A-F]+\/[0-9A-F]+)/.exec(step.main.log)?.[1]
  expect(reached).toBeDefined()
  expect(parseLsn(reached!) >= parseLsn(fixture.end.lsn)).toBe(true)
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
  const label = readFileSync(path.join(fixture.baseDir, 'backup_label'), 'utf8')
  const segment = /\(file ([0-9A-F]{24})\)/.exec(label)![1]
  const step = await drill({ ...dirInputs(), 'restore-command': 'cp /nonexistent/%f "%p"', checks: 'SELECT true' })
  expect(step.main.exitCode).toBe(1)
  const error = step.main.errors.join('\n')
  expect(error).toContain(`could not fetch WAL segment ${segment}`)
  expect(error).toContain(`cp: cannot stat '/nonexistent/${segment}'`)
  expect(error).toContain('FATAL: could not locate required checkpoint record')
  expectNothingLeft(step)
})
