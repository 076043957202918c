/**
 * bisect with backend: postgres, run as the runner runs the built action (dist/index.js), over the base backups and
 * WAL archive of a real primary (./fixture.ts) that dropped pgbench_history and then took update traffic. The
 * answers are judged by the primary's own LSNs around the accident and by reading each side of the answer with
 * operation: query (each its own restore): the last good LSN must show the healthy data, the first bad the broken.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, readdirSync } from 'node:fs'
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

interface Step {
  main: StepResult
  runnerTemp: string
}

const fromDir = () => ({ backup: `dir:${fixture.baseDir}`, 'restore-command': `cp ${fixture.archiveDir}/%f "%p"` })
const fromStanza = () => ({
  backup: `pgbackrest:${STANZA}`,
  'restore-command': `pgbackrest --stanza=${STANZA} archive-get %f "%p"`
})

async function step(inputs: Record<string, string>): Promise<Step> {
  const runnerTemp = path.join(fixture.root, `runner-temp-${++runs}`)
  mkdirSync(runnerTemp)
  chmodSync(runnerTemp, 0o755)
  const job = new Job()
  const env = { RUNNER_TEMP: runnerTemp, PGBACKREST_CONFIG: fixture.pgbackrestConfig }
  try {
    return { main: await job.runMain({ backend: 'postgres', ...inputs }, { env }), runnerTemp }
  } finally {
    job.dispose()
  }
}

/** Our servers (their arguments name RUNNER_TEMP) and the files in RUNNER_TEMP. */
function expectNothingLeft(done: Step): void {
  const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n')
  expect(processes.filter((line) => line.includes(done.runnerTemp))).toEqual([])
  expect(readdirSync(done.runnerTemp)).toEqual([])
}

/** The query's one value at `at`, from the same backup. */
async function valueAt(backup: Record<string, string>, at: string, sql: string): Promise<string> {
  const done = await step({ ...backup, operation: 'query', at, sql })
  expect(done.main.errors).toEqual([])
  return Object.values(JSON.parse(done.main.outputs.result)[0] as Record<string, string>)[0]
}

const EXISTS = "SELECT to_regclass('public.pgbench_history') IS NOT NULL"

describe('bisect with backend: postgres', () => {
  test('from a pg_basebackup directory: the DROP TABLE, between the LSNs the primary had around it', async () => {
    // From the backup's end, through the pgbench traffic before the accident, to just after it.
    const done = await step({
      ...fromDir(),
      operation: 'bisect',
      check: EXISTS,
      good: fixture.backupTime,
      bad: fixture.afterAccident.lsn,
      parallelism: '3'
    })
    expect(done.main.errors).toEqual([])
    const { outputs } = done.main
    const [lastGood, firstBad] = [parseLsn(outputs['last-good-lsn']), parseLsn(outputs['first-bad-lsn'])]
    expect(firstBad - lastGood).toBe(8n)
    expect(lastGood).toBeGreaterThanOrEqual(parseLsn(fixture.beforeAccident.lsn))
    expect(firstBad).toBeLessThanOrEqual(parseLsn(fixture.afterAccident.lsn))
    expect(Number(outputs.rounds)).toBeGreaterThan(1)
    expect(done.main.summary).toMatch(/WAL replayed by the copies/)
    expectNothingLeft(done)
    // Each side read back as query sees it: the table with its rows at the last good LSN, gone at the first bad.
    const count = 'SELECT count(*) AS n FROM pgbench_history'
    expect(await valueAt(fromDir(), outputs['last-good-lsn'], count)).toBe(String(fixture.beforeAccident.historyRows))
    expect(await valueAt(fromDir(), outputs['first-bad-lsn'], EXISTS)).toBe(false)
  }, 120_000)

  test('from a pgBackRest stanza: the first update after the accident, and what it changed', async () => {
    const check = `SELECT sum(abalance) = ${fixture.afterAccident.balance} FROM pgbench_accounts`
    const done = await step({
      ...fromStanza(),
      operation: 'bisect',
      check,
      good: fixture.beforeAccident.lsn,
      parallelism: '3'
    })
    expect(done.main.errors).toEqual([])
    const { outputs } = done.main
    expect(parseLsn(outputs['first-bad-lsn']) - parseLsn(outputs['last-good-lsn'])).toBe(8n)
    // The DROP TABLE does not change the balance: the first update after it does.
    expect(parseLsn(outputs['last-good-lsn'])).toBeGreaterThanOrEqual(parseLsn(fixture.afterAccident.lsn))
    // One pgbench transaction: one account's balance updated (pgbench_history is gone, its insert is not there).
    expect(JSON.parse(outputs.changes)).toEqual({ 'public.pgbench_accounts': { deleted: 0, inserted: 0, updated: 1 } })
    expectNothingLeft(done)
    const sum = 'SELECT sum(abalance)::text AS s FROM pgbench_accounts'
    const [before, after] = [
      await valueAt(fromStanza(), outputs['last-good-lsn'], sum),
      await valueAt(fromStanza(), outputs['first-bad-lsn'], sum)
    ]
    expect(Number(before)).toBe(fixture.afterAccident.balance)
    expect(Number(after)).toBe(fixture.afterAccident.balance + 1)
  }, 120_000)

  test('refuses good at head and good after bad before restoring anything', async () => {
    const atHead = await step({ ...fromDir(), operation: 'bisect', check: EXISTS, good: 'head' })
    expect(atHead.main.exitCode).not.toBe(0)
    expect(atHead.main.errors.join('\n')).toMatch(/^good: must be a time or an LSN/m)
    expectNothingLeft(atHead)
    const reversed = await step({
      ...fromDir(),
      operation: 'bisect',
      check: EXISTS,
      good: fixture.end.lsn,
      bad: fixture.beforeAccident.lsn
    })
    expect(reversed.main.exitCode).not.toBe(0)
    expect(reversed.main.errors.join('\n')).toMatch(/^good: is not before bad/m)
    expectNothingLeft(reversed)
  })

  test('dry-run: true plans (the backup, the binaries, the bounds) and starts nothing', async () => {
    const done = await step({
      ...fromDir(),
      operation: 'bisect',
      check: EXISTS,
      good: fixture.backupTime,
      'dry-run': 'true'
    })
    expect(done.main.errors).toEqual([])
    expect(done.main.summary).toMatch(/bisect with backend: postgres, dry run/)
    expect(done.main.summary).toMatch(/Check<\/td><td>SELECT to_regclass/)
    expect(done.main.outputs).toEqual({})
    expectNothingLeft(done)
  })
})
