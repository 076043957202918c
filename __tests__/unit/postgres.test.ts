/**
 * src/postgres/: time-travel URIs, the connect policy and ConnectError's wording (pure), and checks, reads and
 * LSNs against real PostgreSQL (the emulator's main branch, through its proxy, which also serves time travel).
 */
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { alignUp, parseLsn } from '../../src/lsn.js'
import { connectTimeoutMs, describeDestination, mayPass } from '../../src/postgres/connect.js'
import {
  CheckTimeoutError,
  ConnectError,
  ConnectionError,
  NotBooleanError,
  StatementError,
  connect,
  headLsn,
  pastUri,
  pointLsn,
  readQuery,
  readRows,
  runCheck,
  timeTravelUri,
  withClient,
  type BranchEndpoint
} from '../../src/postgres/index.js'
import { timeTravelPoint } from '../../src/postgres/time-travel.js'

let emulator: Emulator
let uri: string

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
    // An IP host cannot carry the branch id: Neon's non-SNI `endpoint` option does.
    expect(url.searchParams.get('options')).toBe(
      '-c search_path=shop endpoint=br-y neon_timestamp:2026-11-24T06:33:57.000Z'
    )
  })

  it('routes an IP host by the endpoint option, replacing one the endpoint URI carried', () => {
    const uri = timeTravelUri(
      'postgresql://u:p@127.0.0.1:5432/db?options=endpoint%3Dep-x',
      { endpointId: 'ep-x', branchId: 'br-backup' },
      { lsn: '0/16B3748' }
    )
    expect(new URL(uri).searchParams.get('options')).toBe('endpoint=br-backup neon_lsn:0/16B3748')
  })
})

describe('runCheck', () => {
  const check = (sql: string) => runCheck(uri, sql, { timeoutMs: 5000, attempts: 2, retryDelayMs: 10 })

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
    // Typed, so a caller tells it from a compute that did not answer without reading the message.
    const timedOut = await runCheck(uri, 'SELECT pg_sleep(2) IS NULL', { timeoutMs: 200 }).catch((error) => error)
    expect(timedOut).toBeInstanceOf(CheckTimeoutError)
    expect(timedOut).toBeInstanceOf(ConnectionError)
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

describe('pastUri and timeTravelPoint', () => {
  const endpoint: BranchEndpoint = {
    branch: { id: 'br-wild-tree-abc123' },
    endpointId: 'ep-cool-darkness-123456',
    uri: 'postgresql://alex:secret@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require'
  }

  it('writes an LSN as PostgreSQL prints it, and a time as given, on the branch host', () => {
    const atLsn = new URL(pastUri(endpoint, 0x16b3748n))
    expect(atLsn.hostname).toBe('br-wild-tree-abc123.us-east-2.aws.neon.tech')
    expect(atLsn.searchParams.get('options')).toBe('neon_lsn:0/16B3748')
    const atTime = new URL(pastUri(endpoint, { timestamp: '2026-11-24T06:33:57.000Z' }))
    expect(atTime.searchParams.get('options')).toBe('neon_timestamp:2026-11-24T06:33:57.000Z')
  })

  it('reads the point back from a time-travel URI, and none from a URI of the branch now', () => {
    expect(timeTravelPoint(pastUri(endpoint, 0x16b3748n))).toEqual({ lsn: '0/16B3748' })
    expect(timeTravelPoint(pastUri(endpoint, { timestamp: '2026-11-24T06:33:57.000Z' }))).toEqual({
      timestamp: '2026-11-24T06:33:57.000Z'
    })
    expect(timeTravelPoint(endpoint.uri)).toBeUndefined()
    expect(timeTravelPoint('postgresql://u@h/db?options=-c%20search_path%3Dshop')).toBeUndefined()
  })
})

describe('the connect policy', () => {
  it('waits longer for a time-travel compute, which may be starting for this connection', () => {
    expect(connectTimeoutMs('postgresql://u:p@ep-x.neon.tech/db')).toBe(30_000)
    expect(connectTimeoutMs('postgresql://u:p@br-y.neon.tech/db?options=neon_lsn%3A0%2F1')).toBe(60_000)
    expect(
      connectTimeoutMs('postgresql://u:p@br-y.neon.tech/db?options=neon_timestamp%3A2026-01-01T00%3A00%3A00Z')
    ).toBe(60_000)
  })

  it('names what it reaches, with the point, and never the password', () => {
    expect(describeDestination('postgresql://alex:s3cret@ep-x.neon.tech:5432/neondb?sslmode=require')).toBe(
      'alex@ep-x.neon.tech:5432/neondb'
    )
    expect(describeDestination('postgresql://alex:s3cret@br-y.neon.tech/neondb?options=neon_lsn%3A0%2F16B3748')).toBe(
      'alex@br-y.neon.tech/neondb at LSN 0/16B3748'
    )
    expect(
      describeDestination(
        'postgresql://alex:s3cret@br-y.neon.tech/neondb?options=neon_timestamp%3A2026-11-24T06%3A33%3A57Z'
      )
    ).toBe('alex@br-y.neon.tech/neondb at 2026-11-24T06:33:57Z')
  })

  it('tries again only what may pass: refused, reset, a compute starting, overload', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', '57P03', '08006', '53300']) expect(mayPass(code)).toBe(true)
    for (const code of ['28P01', '3D000', '42P01', 'EPROTO', undefined]) expect(mayPass(code)).toBe(false)
  })

  it('throws ConnectError, a ConnectionError carrying the code, the tries and no password', async () => {
    const closed = uri.replace(/:(\d+)\//, ':1/')
    const error = await connect(closed, { attempts: 2, retryDelayMs: 10 }).catch((failure) => failure)
    expect(error).toBeInstanceOf(ConnectError)
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error).toMatchObject({ code: 'ECONNREFUSED', attempts: 2 })
    expect(error.message).toMatch(/^could not connect to .+@127\.0\.0\.1:1\/.+ after 2 attempts: /)
    const password = decodeURIComponent(new URL(uri).password)
    expect(password).not.toBe('')
    expect(error.message).not.toContain(password)
  })

  it('does not retry what will not pass (a wrong password)', async () => {
    const wrong = new URL(uri)
    wrong.password = 'wrong'
    const error = await connect(wrong.toString(), { attempts: 3, retryDelayMs: 10 }).catch((failure) => failure)
    expect(error).toMatchObject({ name: 'ConnectError', code: '28P01', attempts: 1 })
  })
})

describe('readQuery', () => {
  it('reads at most maxRows and says when there were more', async () => {
    const read = await readQuery(uri, 'SELECT g FROM generate_series(1, 5) g', { maxRows: 3, timeoutMs: 5000 })
    expect(read).toMatchObject({ columns: ['g'], rows: [{ g: 1 }, { g: 2 }, { g: 3 }], truncated: true })
    const all = await readQuery(uri, 'SELECT g FROM generate_series(1, 3) g', { maxRows: 3, timeoutMs: 5000 })
    expect(all.truncated).toBe(false)
  })

  it('names the columns of an empty result; a primary reports no replay LSN', async () => {
    const read = await readQuery(uri, 'SELECT 1 AS a, 2 AS b WHERE false', { maxRows: 3, timeoutMs: 5000 })
    expect(read).toEqual({ columns: ['a', 'b'], rows: [], truncated: false, replayLsn: undefined })
  })

  it('throws StatementError with the SQLSTATE for a second statement or a write, and writes nothing', async () => {
    const limits = { maxRows: 3, timeoutMs: 5000 }
    await expect(readQuery(uri, 'SELECT 1; DELETE FROM things', limits)).rejects.toMatchObject({
      name: 'StatementError',
      code: '42601'
    })
    const write = await readQuery(
      uri,
      'WITH gone AS (DELETE FROM things RETURNING 1) SELECT * FROM gone',
      limits
    ).catch((error) => error)
    expect(write).toBeInstanceOf(StatementError)
    expect(write.code).toBe('25006')
    expect(await readRows(uri, 'SELECT count(*)::int AS n FROM things')).toEqual([{ n: 2 }])
  })
})

describe('headLsn and pointLsn', () => {
  const endpoint = (): BranchEndpoint => ({ branch: { id: emulator.info.branchId }, endpointId: 'ep-none', uri })
  const write = () => withClient(uri, (client) => client.query('INSERT INTO things VALUES (3)'))
  const flushLsn = async () =>
    parseLsn((await readRows<{ lsn: string }>(uri, 'SELECT pg_current_wal_flush_lsn()::text AS lsn'))[0].lsn)

  it('reads the head as the flush LSN, at or after every committed write', async () => {
    await write()
    const before = await flushLsn()
    const head = await headLsn(uri)
    expect(head).toBeGreaterThanOrEqual(before)
    expect(head).toBeLessThanOrEqual(await flushLsn())
  })

  it('aligns an LSN as given without connecting', async () => {
    const nowhere: BranchEndpoint = {
      branch: { id: 'br-x' },
      endpointId: 'ep-x',
      uri: 'postgresql://u:p@127.0.0.1:1/db'
    }
    await expect(pointLsn(nowhere, { kind: 'lsn', lsn: '0/16B3749' })).resolves.toBe(0x16b3750n)
    await expect(pointLsn(nowhere, { kind: 'lsn', lsn: '0/16B3748' })).resolves.toBe(0x16b3748n)
  })

  const count = async (at: string) => (await readRows<{ n: number }>(at, 'SELECT count(*)::int AS n FROM things'))[0].n

  it('reads head now, aligned: a time-travel read there sees every write committed before', async () => {
    await write()
    const head = await headLsn(uri)
    const lsn = await pointLsn(endpoint(), { kind: 'head' })
    expect(lsn % 8n).toBe(0n)
    expect(lsn).toBeGreaterThanOrEqual(alignUp(head))
    expect(await count(pastUri(endpoint(), lsn))).toBe(await count(uri))
  }, 60_000)

  it('reads a timestamp from the replay LSN of a time-travel compute at it', async () => {
    await write()
    const { rows } = await withClient(uri, (client) =>
      client.query<{ time: string }>(
        `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS time`
      )
    )
    const lsn = await pointLsn(endpoint(), { kind: 'timestamp', timestamp: rows[0].time })
    expect(lsn).toBeDefined()
    expect(lsn! % 8n).toBe(0n)
    expect(lsn!).toBeLessThanOrEqual(alignUp(await headLsn(uri)))
    // Nothing was written after the timestamp: the state at its LSN is the state now.
    expect(await count(pastUri(endpoint(), lsn!))).toBe(await count(uri))
  }, 60_000)
})
