/** src/postgres.ts: time-travel URIs (pure) and runCheck against real PostgreSQL (the emulator's main branch). */
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { ConnectionError, NotBooleanError, readRows, runCheck, timeTravelUri } from '../../src/postgres.js'

describe('timeTravelUri', () => {
  it('swaps the endpoint id in the host for the branch id and adds neon_lsn, as neonctl does', () => {
    const uri = timeTravelUri(
      'postgresql://alex:secret@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require',
      { endpointId: 'ep-cool-darkness-123456', branchId: 'br-wild-tree-abc123' },
      { lsn: '0/16B3748' }
    )
    const url = new URL(uri)
    expect(url.hostname).toBe('br-wild-tree-abc123.us-east-2.aws.neon.tech')
    expect(url.searchParams.get('options')).toBe('neon_lsn:0/16B3748')
    expect(url.searchParams.get('sslmode')).toBe('require')
    expect(url.password).toBe('secret')
  })

  it('keeps other options, replaces an earlier point, and takes timestamps', () => {
    const uri = timeTravelUri(
      'postgresql://u:p@127.0.0.1:5432/db?options=-c%20search_path%3Dshop%20neon_lsn%3A0%2F1',
      { endpointId: 'ep-x', branchId: 'br-y' },
      { timestamp: '2026-11-24T06:33:57.000Z' }
    )
    const url = new URL(uri)
    expect(url.hostname).toBe('127.0.0.1')
    expect(url.searchParams.get('options')).toBe('-c search_path=shop neon_timestamp:2026-11-24T06:33:57.000Z')
  })
})

describe('runCheck', () => {
  let emulator: Emulator
  let uri: string
  const check = (sql: string) => runCheck(uri, sql, { timeoutMs: 5000, attempts: 2, retryDelayMs: 10 })

  beforeAll(async () => {
    emulator = await startEmulator({ validate: true, log: () => undefined })
    uri = emulator.info.connectionUri
    await readRows(uri, 'SELECT 1') // warm up
    const { default: pg } = await import('pg')
    const client = new pg.Client(uri)
    await client.connect()
    await client.query('CREATE TABLE things (id int); INSERT INTO things VALUES (1), (2)')
    await client.end()
  })

  afterAll(() => emulator?.stop())

  it('reads one boolean', async () => {
    await expect(check('SELECT count(*) = 2 FROM things')).resolves.toMatchObject({ kind: 'value', healthy: true })
    await expect(check('SELECT false')).resolves.toMatchObject({ kind: 'value', healthy: false })
  })

  it('refuses anything but one row with one boolean column', async () => {
    await expect(check('SELECT count(*) FROM things')).rejects.toThrow(
      /one boolean column, but it returned 1 column: count \(bigint\)/
    )
    await expect(check('SELECT true, false')).rejects.toThrow(/returned 2 columns/)
    await expect(check('SELECT id > 0 FROM things')).rejects.toThrow(/exactly one row, but it returned 2/)
    await expect(check('SELECT NULL::boolean')).rejects.toThrow(NotBooleanError)
  })

  it('runs one statement only, read-only: a smuggled write is refused and changes nothing', async () => {
    // The server refuses it before running anything: an SQL error at good, so bisect stops there.
    expect(await check('SELECT true; COMMIT; DELETE FROM things')).toMatchObject({
      kind: 'sql-error',
      code: '42601',
      message: 'cannot insert multiple commands into a prepared statement'
    })
    const write = await check('WITH gone AS (DELETE FROM things RETURNING 1) SELECT count(*) = 0 FROM gone')
    expect(write).toMatchObject({ kind: 'sql-error', code: '25006' })
    expect(await readRows(uri, 'SELECT count(*)::int AS n FROM things')).toEqual([{ n: 2 }])
  })

  it('returns SQL errors as outcomes, with their SQLSTATE', async () => {
    await expect(check('SELECT count(*) > 0 FROM missing')).resolves.toMatchObject({
      kind: 'sql-error',
      code: '42P01',
      message: 'relation "missing" does not exist'
    })
  })

  it('stops a check at the timeout', async () => {
    await expect(runCheck(uri, 'SELECT pg_sleep(2) IS NULL', { timeoutMs: 200 })).rejects.toThrow(
      /longer than check-timeout \(200 ms\)/
    )
  })

  it('retries a connection that is refused, then says so', async () => {
    const closed = uri.replace(/:(\d+)\//, ':1/')
    await expect(runCheck(closed, 'SELECT true', { timeoutMs: 1000, attempts: 3, retryDelayMs: 10 })).rejects.toThrow(
      ConnectionError
    )
    await expect(runCheck(closed, 'SELECT true', { timeoutMs: 1000, attempts: 3, retryDelayMs: 10 })).rejects.toThrow(
      /after 3 attempts/
    )
  })
})
