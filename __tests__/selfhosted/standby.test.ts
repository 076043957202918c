/**
 * verify with verify-standby, run as the runner runs the built action (dist/index.js): the fixture's primary
 * (./fixture.ts) runs again and takes writes while the restored pg_basebackup catches up as its standby. The
 * verdict comes from the primary itself (its pg_current_wal_lsn() and pg_stat_replication, which lists a standby
 * while it streams) and from rows that only the stream carries; afterwards no server of ours runs and RUNNER_TEMP
 * holds nothing.
 */
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import type { RunOptions } from '../../tools/runner.js'
import { dirInputs, leftovers, runStep, useFixture, type Step } from './steps.js'

let primary: pg.Client

const fixture = useFixture(
  async (built) => {
    await built.primary.start()
    primary = new pg.Client({ connectionString: built.primary.url })
    await primary.connect()
    await primary.query('CREATE TABLE marks (n int)')
  },
  async () => {
    await primary?.end()
  }
)

const primaryDir = () => path.join(fixture().root, 'primary')
/** The secret of the drill: the trusted socket ignores the password, which must still never be printed. */
const PASSWORD = 'never-print-me-7Q'

async function primaryLsn(): Promise<string> {
  return (await primary.query('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn
}

/** A verify step from the pg_basebackup directory and its post step. */
const drill = (inputs: Record<string, string>, options: Pick<RunOptions, 'killWhen'> = {}) =>
  runStep(
    fixture(),
    { operation: 'verify', ...dirInputs(fixture()), checks: 'SELECT true', ...inputs },
    { post: true, ...options }
  )

/** Nothing is left once the post step ran (a killed main step leaves the standby to it). */
function expectNothingLeft(step: Step): void {
  expect(leftovers(step.runnerTemp)).toEqual({ servers: [], files: [] })
}

/** Samples the primary's pg_stat_replication until stopped: whether a standby streamed with WAL flushed past `lsn`. */
function watchReplication(lsn: string): { stop: () => Promise<boolean> } {
  const watcher = new pg.Client({ connectionString: fixture().primary.url })
  let streamedPast = false
  let running = true
  const done = (async () => {
    await watcher.connect()
    while (running) {
      const { rows } = await watcher.query(
        "SELECT count(*)::int AS n FROM pg_stat_replication WHERE state = 'streaming' AND flush_lsn >= $1::pg_lsn",
        [lsn]
      )
      streamedPast ||= rows[0].n > 0
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    await watcher.end()
  })()
  return {
    stop: async () => {
      running = false
      await done
      return streamedPast
    }
  }
}

test('the restored backup streams from the primary and catches up with writes made meanwhile', async () => {
  // Rows the archive does not hold (the primary's current WAL segment is not archived yet): only streaming brings them.
  await primary.query('INSERT INTO marks SELECT generate_series(1, 200)')
  const before = await primaryLsn()
  const watch = watchReplication(before)
  let writing = true
  const writes = (async () => {
    for (let n = 201; writing; n++) {
      await primary.query('INSERT INTO marks VALUES ($1)', [n])
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  })()
  const step = await drill({
    'verify-standby': `host=${primaryDir()} user=postgres password=${PASSWORD} application_name=drill`,
    // The last check holds the caught-up standby for 1.5 s, so the primary's view, sampled every 100 ms, sees it.
    checks: [
      'SELECT pg_is_in_recovery()',
      'SELECT count(*) >= 200 FROM marks',
      'SELECT pg_sleep(1.5) IS NOT NULL'
    ].join('\n')
  }).finally(() => (writing = false))
  await writes
  const streamed = await watch.stop()
  expect(step.main.errors).toEqual([])
  expect(step.main.outputs.passed).toBe('true')
  // The primary itself saw the standby stream, with WAL flushed past its position before the drill started.
  expect(streamed).toBe(true)
  expect(Number(step.main.outputs['standby-lag-bytes'])).toBeGreaterThanOrEqual(0)
  expect(Number(step.main.outputs['standby-catchup-ms'])).toBeGreaterThanOrEqual(0)
  expect(step.main.summary).toMatch(/caught up with the primary in .* \(WAL receiver streaming\)/)
  expect(step.main.log).toContain(`::add-mask::${PASSWORD}`)
  const unmasked = step.main.log.split('\n').filter((line) => !line.startsWith('::add-mask::'))
  expect(unmasked.join('\n')).not.toContain(PASSWORD)
  // Gone from the primary's view too.
  expect((await primary.query('SELECT count(*)::int AS n FROM pg_stat_replication')).rows[0].n).toBe(0)
  expectNothingLeft(step)
}, 60_000)

test("a primary whose pg_hba.conf has no replication entry: the WAL receiver's FATAL line and the fix", async () => {
  const hba = path.join(primaryDir(), 'pg_hba.conf')
  const original = await readFile(hba, 'utf8')
  const withoutReplication = original
    .split('\n')
    .filter((line) => line.trim().split(/\s+/)[1] !== 'replication')
    .join('\n')
  await writeFile(hba, withoutReplication)
  await primary.query('SELECT pg_reload_conf()')
  try {
    const step = await drill({ 'verify-standby': `postgresql://postgres@localhost/?host=${primaryDir()}` })
    expect(step.main.exitCode).toBe(1)
    const error = step.main.errors.join('\n')
    expect(error).toContain('no pg_hba.conf entry for replication connection')
    expect(error).toMatch(/FATAL: could not connect to the primary server/)
    expect(error).toMatch(/add a replication line .* pg_hba\.conf/)
    expectNothingLeft(step)
  } finally {
    await writeFile(hba, original)
    await primary.query('SELECT pg_reload_conf()')
  }
}, 60_000)

test('the post step stops and removes the standby of a killed main step, and the primary sees it go', async () => {
  const step = await drill(
    { 'verify-standby': `host=${primaryDir()} user=postgres` },
    { killWhen: { pattern: /runs as a standby/, signal: 'SIGKILL' } }
  )
  expect(step.main.signal).toBe('SIGKILL')
  expect(step.afterMain.servers.length).toBeGreaterThan(0)
  expect(step.post?.log).toMatch(/Removed the restored copy the main step left/)
  expectNothingLeft(step)
  // The primary's WAL sender ends with the standby's connection.
  let senders = -1
  for (let i = 0; i < 100 && senders !== 0; i++) {
    senders = (await primary.query('SELECT count(*)::int AS n FROM pg_stat_replication')).rows[0].n
    if (senders !== 0) await new Promise((resolve) => setTimeout(resolve, 50))
  }
  expect(senders).toBe(0)
}, 60_000)

test('an earlier at is refused with verify-standby before anything starts', async () => {
  const step = await drill({ 'verify-standby': `host=${primaryDir()} user=postgres`, at: fixture().beforeAccident.lsn })
  expect(step.main.exitCode).toBe(1)
  expect(step.main.errors.join('\n')).toMatch(/^verify-standby: conflicts with at \(LSN .*\): .*remove at/m)
  expect(step.main.log).not.toMatch(/Restored /)
  expectNothingLeft(step)
})

test('a connection string that does not parse is refused without showing it', async () => {
  const step = await drill({ 'verify-standby': `host=${primaryDir()} password='${PASSWORD}` })
  expect(step.main.exitCode).toBe(1)
  expect(step.main.errors.join('\n')).toMatch(/^verify-standby: has an unterminated quoted value .*a secret/m)
  expect(step.main.errors.join('\n')).not.toContain(PASSWORD)
  expectNothingLeft(step)
})
