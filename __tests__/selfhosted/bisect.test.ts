/**
 * bisect with backend: postgres, run as the runner runs the built action (dist/index.js), over the base backups and
 * WAL archive of a real primary (./fixture.ts) that dropped pgbench_history and then took update traffic. The
 * answers are judged by the primary's own LSNs around the accident and by reading each side of the answer with
 * operation: query (each its own restore): the last good LSN must show the healthy data, the first bad the broken.
 */
import { parseLsn } from '../../src/lsn.js'
import { dirInputs, expectNothingLeft, runStep, stanzaInputs, useFixture } from './steps.js'

const fixture = useFixture()
const step = (inputs: Record<string, string>) => runStep(fixture(), inputs)
const fromDir = () => dirInputs(fixture())
const fromStanza = stanzaInputs

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
      good: fixture().backupTime,
      bad: fixture().afterAccident.lsn,
      parallelism: '3'
    })
    expect(done.main.errors).toEqual([])
    const { outputs } = done.main
    const [lastGood, firstBad] = [parseLsn(outputs['last-good-lsn']), parseLsn(outputs['first-bad-lsn'])]
    expect(firstBad - lastGood).toBe(8n)
    expect(lastGood).toBeGreaterThanOrEqual(parseLsn(fixture().beforeAccident.lsn))
    expect(firstBad).toBeLessThanOrEqual(parseLsn(fixture().afterAccident.lsn))
    expect(Number(outputs.rounds)).toBeGreaterThan(1)
    expect(done.main.summary).toMatch(/WAL replayed by the copies/)
    expectNothingLeft(done)
    // Each side read back as query sees it: the table with its rows at the last good LSN, gone at the first bad.
    const count = 'SELECT count(*) AS n FROM pgbench_history'
    expect(await valueAt(fromDir(), outputs['last-good-lsn'], count)).toBe(String(fixture().beforeAccident.historyRows))
    expect(await valueAt(fromDir(), outputs['first-bad-lsn'], EXISTS)).toBe(false)
  }, 120_000)

  test('from a pgBackRest stanza: the first update after the accident, and what it changed', async () => {
    const check = `SELECT sum(abalance) = ${fixture().afterAccident.balance} FROM pgbench_accounts`
    const done = await step({
      ...fromStanza(),
      operation: 'bisect',
      check,
      good: fixture().beforeAccident.lsn,
      parallelism: '3'
    })
    expect(done.main.errors).toEqual([])
    const { outputs } = done.main
    expect(parseLsn(outputs['first-bad-lsn']) - parseLsn(outputs['last-good-lsn'])).toBe(8n)
    // The DROP TABLE does not change the balance: the first update after it does.
    expect(parseLsn(outputs['last-good-lsn'])).toBeGreaterThanOrEqual(parseLsn(fixture().afterAccident.lsn))
    // One pgbench transaction: one account's balance updated (pgbench_history is gone, its insert is not there).
    expect(JSON.parse(outputs.changes)).toEqual({ 'public.pgbench_accounts': { deleted: 0, inserted: 0, updated: 1 } })
    expectNothingLeft(done)
    const sum = 'SELECT sum(abalance)::text AS s FROM pgbench_accounts'
    const [before, after] = [
      await valueAt(fromStanza(), outputs['last-good-lsn'], sum),
      await valueAt(fromStanza(), outputs['first-bad-lsn'], sum)
    ]
    expect(Number(before)).toBe(fixture().afterAccident.balance)
    expect(Number(after)).toBe(fixture().afterAccident.balance + 1)
  }, 120_000)

  test('cancelled while a round makes its copies, it stops and removes every copy before it exits', async () => {
    const done = await runStep(
      fixture(),
      {
        ...fromDir(),
        operation: 'bisect',
        check: EXISTS,
        good: fixture().backupTime,
        bad: fixture().afterAccident.lsn
      },
      { cancelWhen: /Round 2: probing/ }
    )
    expect(done.main.exitCode).toBe(1)
    expect(done.main.log).toMatch(/SIGINT received/)
    // Only the cancellation: not the failure of the probe whose cluster the cancel handler removed.
    expect(done.main.errors).toEqual(['The step was cancelled; the restored copy was stopped and removed.'])
    expect(done.main.outputs['first-bad-lsn']).toBeUndefined()
    expectNothingLeft(done)
  }, 60_000)

  test('refuses good at head and good after bad before restoring anything', async () => {
    const atHead = await step({ ...fromDir(), operation: 'bisect', check: EXISTS, good: 'head' })
    expect(atHead.main.exitCode).not.toBe(0)
    expect(atHead.main.errors.join('\n')).toMatch(/^good: must be a time or an LSN/m)
    expectNothingLeft(atHead)
    const reversed = await step({
      ...fromDir(),
      operation: 'bisect',
      check: EXISTS,
      good: fixture().end.lsn,
      bad: fixture().beforeAccident.lsn
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
      good: fixture().backupTime,
      'dry-run': 'true'
    })
    expect(done.main.errors).toEqual([])
    expect(done.main.summary).toMatch(/bisect with backend: postgres, dry run/)
    expect(done.main.summary).toMatch(/Check<\/td><td>SELECT to_regclass/)
    expect(done.main.outputs).toEqual({})
    expectNothingLeft(done)
  })
})
