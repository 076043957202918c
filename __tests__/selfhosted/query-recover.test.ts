/**
 * query and recover with backend: postgres, run as the runner runs the built action (dist/index.js), from the
 * pg_basebackup directory and WAL archive of a real primary (./fixture.ts) that dropped pgbench_history and took
 * more writes after. query is judged by the row count the primary recorded before the accident; recover by the
 * primary's own rows afterwards (the primary is the live database). Nothing of ours runs or stays on disk after.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { parseLsn } from '../../src/lsn.js'
import { dirInputs, expectNothingLeft, runStep, useFixture } from './steps.js'

// The primary is recover's live database.
const fixture = useFixture((built) => built.primary.start())

/** One main step from the pg_basebackup directory at the time before the accident (unless inputs say). */
const step = (inputs: Record<string, string>) =>
  runStep(fixture(), { ...dirInputs(fixture()), at: fixture().beforeAccident.time, ...inputs })

describe('query with backend: postgres', () => {
  test('at the time before the accident counts the rows the dropped table had then', async () => {
    const done = await step({ operation: 'query', sql: 'SELECT count(*) AS n FROM pgbench_history' })
    expect(done.main.errors).toEqual([])
    expect(JSON.parse(done.main.outputs.result)).toEqual([{ n: String(fixture().beforeAccident.historyRows) }])
    expect(done.main.outputs.rows).toBe('1')
    expect(done.main.outputs.truncated).toBe('false')
    // The replay reached past the point's LSN but not the primary's end.
    const reached = parseLsn(done.main.outputs.lsn)
    expect(reached).toBeGreaterThanOrEqual(parseLsn(fixture().beforeAccident.lsn))
    expect(reached).toBeLessThan(parseLsn(fixture().end.lsn))
    expectNothingLeft(done)
  })

  test('refuses a statement that writes', async () => {
    const done = await step({ operation: 'query', sql: 'DELETE FROM pgbench_accounts' })
    expect(done.main.exitCode).not.toBe(0)
    expect(done.main.errors.join('\n')).toMatch(/^sql: the statement tries to write/m)
    expectNothingLeft(done)
  })
})

describe('recover with backend: postgres into the primary', () => {
  const count = async (table: string) => Number(await fixture().primary.psql(`SELECT count(*) FROM ${table}`))
  const balance = async () => Number(await fixture().primary.psql('SELECT sum(abalance) FROM pgbench_accounts'))

  test('refuses a database-url that is not a postgres:// URL before restoring, without printing it', async () => {
    const done = await step({
      operation: 'recover',
      tables: 'pgbench_history',
      'database-url': 'mysql://admin:s3cret-pw@db.example/app'
    })
    expect(done.main.exitCode).not.toBe(0)
    expect(done.main.errors.join('\n')).toMatch(/^database-url: is not a postgres:\/\/ URL/m)
    // Masked (the runner hides it everywhere), and written nowhere else.
    const lines = done.main.log.split('\n')
    expect(lines).toContain('::add-mask::mysql://admin:s3cret-pw@db.example/app')
    expect(lines.filter((line) => !line.startsWith('::add-mask::')).join('\n')).not.toMatch(/s3cret-pw/)
    expect(readdirSync(done.runnerTemp)).toEqual([])
  })

  test('refuses a database-url it cannot reach, before restoring anything', async () => {
    const nowhere = `postgres://postgres@localhost/postgres?host=${encodeURIComponent(path.join(fixture().root, 'nowhere'))}`
    const done = await step({ operation: 'recover', tables: 'pgbench_history', 'database-url': nowhere })
    expect(done.main.exitCode).not.toBe(0)
    expect(done.main.errors.join('\n')).toMatch(/^database-url: could not connect to the live database/m)
    expect(readdirSync(done.runnerTemp)).toEqual([])
  })

  test('mode: merge brings the dropped table back with its rows and keeps the writes made since', async () => {
    const done = await step({
      operation: 'recover',
      mode: 'merge',
      tables: 'pgbench_history',
      'database-url': fixture().primary.url
    })
    expect(done.main.errors).toEqual([])
    expect(JSON.parse(done.main.outputs.rows)).toEqual({
      'public.pgbench_history': fixture().beforeAccident.historyRows
    })
    expect(await count('public.pgbench_history')).toBe(fixture().beforeAccident.historyRows)
    expect(await balance()).toBe(fixture().end.balance)
    expectNothingLeft(done)
  })

  test('mode: schema copies the table into a new schema and changes nothing else', async () => {
    const inputs = { operation: 'recover', tables: 'pgbench_history', into: 'recovered' }
    const done = await step({ ...inputs, 'database-url': fixture().primary.url })
    expect(done.main.errors).toEqual([])
    expect(await count('recovered.pgbench_history')).toBe(fixture().beforeAccident.historyRows)
    expect(await balance()).toBe(fixture().end.balance)
    expectNothingLeft(done)

    // The schema is taken now: refused before anything is restored.
    const again = await step({ ...inputs, 'database-url': fixture().primary.url })
    expect(again.main.errors.join('\n')).toMatch(/^into: schema "recovered" already exists/m)
    expect(readdirSync(again.runnerTemp)).toEqual([])
  })
})
