import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { createDataPlane, PointError, type DataPlane } from '../../emulator/dataplane/index.js'
import { alignUp, formatLsn, parseLsn } from '../../src/lsn.js'
import { commitAtPageEnd } from '../../tools/wal-workload.js'

const run = promisify(execFile)
const PASSWORD = 'test-password'
const tmpRoot = existsSync('/dev/shm') ? '/dev/shm' : '/tmp'

async function withClient<T>(
  plane: DataPlane,
  storage: string,
  point: Parameters<DataPlane['acquire']>[1],
  fn: (client: pg.Client) => Promise<T>
) {
  const backend = await plane.acquire(storage, point)
  const client = new pg.Client({
    host: backend.socketDir,
    port: backend.port,
    user: 'neondb_owner',
    password: PASSWORD,
    database: 'neondb'
  })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
    backend.release()
  }
}

const count = (client: pg.Client, table = 'items') =>
  client.query(`SELECT count(*)::int AS n FROM ${table}`).then((result) => result.rows[0].n as number)
const currentLsn = (client: pg.Client) =>
  client.query('SELECT pg_current_wal_lsn()::text AS lsn').then((result) => parseLsn(result.rows[0].lsn))

async function postgresCommands(dir: string): Promise<string[]> {
  const { stdout } = await run('ps', ['-eo', 'args']).catch(() => ({ stdout: '' }))
  return stdout.split('\n').filter((line) => line.includes(`-D ${dir}`))
}

const postgresProcesses = async (dir: string) => (await postgresCommands(dir)).length

/** The socket directories (`-k`) of the servers under `dir`: the data plane's own, outside the state dir. */
async function socketDirs(dir: string): Promise<string[]> {
  const dirs = (await postgresCommands(dir)).map((line) => / -k (\S+)/.exec(line)?.[1]).filter((d) => d !== undefined)
  return [...new Set(dirs.map((socketDir) => path.dirname(socketDir)))]
}

describe('data plane on real PostgreSQL', () => {
  let plane: DataPlane
  let root: string
  let stateDir: string

  beforeAll(async () => {
    // A deep state dir (a data directory in it passes the 107 bytes a unix socket path may have): every test here
    // also proves that sockets live elsewhere.
    stateDir = mkdtempSync(path.join(tmpRoot, `dataplane-test-${'d'.repeat(70)}-`))
    plane = await createDataPlane({ stateDir, timeTravelIdleMs: 500 })
    root = await plane.createRoot({ databaseName: 'neondb', roleName: 'neondb_owner', password: PASSWORD })
    await withClient(plane, root, undefined, async (client) => {
      await client.query('CREATE TABLE items (id int PRIMARY KEY, note text)')
      await client.query('INSERT INTO items SELECT g, repeat($1, 20) FROM generate_series(1, 10) g', ['x'])
    })
  })

  afterAll(async () => {
    await plane.close()
    await run('rm', ['-rf', stateDir])
  })

  test('runs the PostgreSQL version asked for (NEON_EMULATOR_PG_VERSION, else 17)', async () => {
    const [row] = await plane.adminQuery(root, 'postgres', "SELECT current_setting('server_version_num') AS version")
    expect(Math.floor(Number(row.version) / 10000)).toBe(Number(process.env.NEON_EMULATOR_PG_VERSION || 17))
  })

  test('a branch at each 8-byte step around a commit holds the commit only from the end of its record', async () => {
    const { before, after } = await withClient(plane, root, undefined, async (client) => {
      const before = await currentLsn(client)
      await client.query("INSERT INTO items VALUES (100, 'the commit under test')")
      return { before, after: await currentLsn(client) }
    })
    // The insert and commit records lie between `before` (where every earlier record has ended) and `after`:
    // try every aligned LSN from one to a little past the other, and unaligned ones (Neon rounds them up).
    const points: bigint[] = []
    for (let lsn = before; lsn <= after + 16n; lsn += 8n) points.push(lsn)
    points.push(after - 3n, before + 1n)
    await withClient(plane, root, undefined, (client) => client.query("INSERT INTO items VALUES (101, 'later')"))
    const seen: string[] = []
    const expected: string[] = []
    for (const lsn of points) {
      const resolved = await plane.resolvePoint(root, { kind: 'lsn', lsn: formatLsn(lsn) })
      expect(resolved.lsn).toBe(formatLsn(alignUp(lsn)))
      const branch = await plane.fork(root, resolved.lsn)
      const rows = await withClient(plane, branch, undefined, (client) => count(client))
      seen.push(`${formatLsn(lsn)}:${rows}`)
      expected.push(`${formatLsn(lsn)}:${alignUp(lsn) >= after ? 11 : 10}`)
      await plane.drop(branch)
    }
    expect(seen).toEqual(expected)
  })

  test('a commit that ends at a page boundary is in the branch and time travel at that boundary', async () => {
    // pg_current_wal_lsn() answers the boundary after it; the next record starts past the page header. This
    // failed once in CI by chance (time travel at such an LSN held one row less) before records ended by endLsn.
    const { lsn, id } = await withClient(plane, root, undefined, (client) =>
      commitAtPageEnd((sql, params) => client.query(sql, params).then((result) => result.rows), 'items', 9000)
    )
    await withClient(plane, root, undefined, (client) => client.query("INSERT INTO items VALUES (9999, 'later')"))
    const holds = (client: pg.Client) =>
      client.query('SELECT count(*)::int AS n FROM items WHERE id = $1', [id]).then((result) => result.rows[0].n)
    const seen: Record<string, number> = {}
    for (const point of [lsn - 8n, lsn, lsn + 8n]) {
      const branch = await plane.fork(root, formatLsn(point))
      seen[`branch at ${formatLsn(point)}`] = await withClient(plane, branch, undefined, holds)
      await plane.drop(branch)
      seen[`time travel at ${formatLsn(point)}`] = await withClient(
        plane,
        root,
        { kind: 'lsn', lsn: formatLsn(point) },
        holds
      )
    }
    const expected = Object.fromEntries(
      Object.keys(seen).map((key) => [key, key.endsWith(formatLsn(lsn - 8n)) ? 0 : 1])
    )
    expect(seen).toEqual(expected)
  })

  test('time travel sees the same states as branches and refuses writes', async () => {
    const { lsns } = await withClient(plane, root, undefined, async (client) => {
      await client.query('CREATE TABLE steps (n int)')
      const lsns: bigint[] = []
      for (let n = 1; n <= 4; n++) {
        await client.query('INSERT INTO steps VALUES ($1)', [n])
        lsns.push(await currentLsn(client))
      }
      return { lsns }
    })
    for (const [index, lsn] of lsns.entries()) {
      const seen = await withClient(plane, root, { kind: 'lsn', lsn: formatLsn(lsn) }, async (client) => ({
        rows: await count(client, 'steps'),
        // Not asserted (a record another backend wrote may follow the commit): shown when the rows are wrong.
        replayed: (await client.query('SELECT pg_last_wal_replay_lsn()::text AS l')).rows[0].l as string
      }))
      expect({ lsn: formatLsn(lsn), ...seen }).toMatchObject({ rows: index + 1 })
    }
    await withClient(plane, root, { kind: 'lsn', lsn: formatLsn(lsns[1]) }, async (client) => {
      await expect(client.query('INSERT INTO steps VALUES (99)')).rejects.toThrow(/read-only/)
      await expect(client.query('SELECT pg_is_in_recovery() AS r').then((r) => r.rows[0].r)).resolves.toBe(true)
    })
  })

  test('a branch at a timestamp holds the commits at or before it and reports their LSN', async () => {
    const { cut } = await withClient(plane, root, undefined, async (client) => {
      await client.query('CREATE TABLE events (n int)')
      await client.query('INSERT INTO events VALUES (1)')
      await new Promise((resolve) => setTimeout(resolve, 30))
      const cut = new Date().toISOString()
      await new Promise((resolve) => setTimeout(resolve, 30))
      await client.query('INSERT INTO events VALUES (2)')
      return { cut }
    })
    const resolved = await plane.resolvePoint(root, { kind: 'timestamp', timestamp: cut })
    expect(Date.parse(resolved.timestamp!)).toBeLessThanOrEqual(Date.parse(cut))
    const branch = await plane.fork(root, resolved.lsn)
    expect(await withClient(plane, branch, undefined, (client) => count(client, 'events'))).toBe(1)
    const viaTime = await withClient(plane, root, { kind: 'timestamp', timestamp: cut }, (client) =>
      count(client, 'events')
    )
    expect(viaTime).toBe(1)
    await plane.drop(branch)
  })

  test('a branch of a branch follows its own timeline, not its parent or sibling', async () => {
    const head = await plane.resolvePoint(root, { kind: 'head' })
    const child = await plane.fork(root, head.lsn)
    const sibling = await plane.fork(root, head.lsn)
    const childLsn = await withClient(plane, child, undefined, async (client) => {
      await client.query('CREATE TABLE only_child (n int)')
      await client.query('INSERT INTO only_child VALUES (1), (2)')
      const lsn = await currentLsn(client)
      await client.query('INSERT INTO only_child VALUES (3)')
      return lsn
    })
    await withClient(plane, sibling, undefined, (client) => client.query('CREATE TABLE only_sibling (n int)'))
    const grandchild = await plane.fork(
      child,
      (await plane.resolvePoint(child, { kind: 'lsn', lsn: formatLsn(childLsn) })).lsn
    )
    await withClient(plane, grandchild, undefined, async (client) => {
      expect(await count(client, 'only_child')).toBe(2)
      const tables = await client.query("SELECT to_regclass('only_sibling') AS t")
      expect(tables.rows[0].t).toBeNull()
    })
    // Before its start a branch has no history of its own: Neon refuses to branch there, and time travel (a
    // temporary branch at the point) refuses it too; a time before the start reads the start.
    const before = formatLsn(parseLsn(head.lsn) - 64n)
    await expect(plane.resolvePoint(child, { kind: 'lsn', lsn: before })).rejects.toThrow(
      /less than the branch's ancestor lsn/
    )
    await expect(withClient(plane, child, { kind: 'lsn', lsn: before }, () => Promise.resolve())).rejects.toThrow(
      /less than the branch's ancestor lsn/
    )
    const early = { kind: 'timestamp' as const, timestamp: '2000-01-01T00:00:00Z' }
    expect((await plane.resolvePoint(child, early)).lsn).toBe(head.lsn)
    await withClient(plane, child, early, async (client) => {
      expect((await client.query("SELECT to_regclass('only_child') AS t")).rows[0].t).toBeNull()
    })
    for (const id of [grandchild, sibling, child]) await plane.drop(id)
  })

  test('a branch inside a record longer than a WAL page holds none of it, and writes only after its start', async () => {
    // One commit record that makes 300 tables at once (its cache invalidations make it tens of KB long).
    const { commitStart, commitEnd } = await withClient(plane, root, undefined, async (client) => {
      await client.query('BEGIN')
      for (let n = 0; n < 300; n++) await client.query(`CREATE TABLE wide_${n} (n int)`)
      const insertLsn = async () =>
        parseLsn((await client.query('SELECT pg_current_wal_insert_lsn()::text AS lsn')).rows[0].lsn)
      const commitStart = await insertLsn()
      await client.query('COMMIT')
      return { commitStart, commitEnd: await insertLsn() }
    })
    expect(commitEnd - commitStart).toBeGreaterThan(64n * 1024n)
    const inside = formatLsn(alignUp((commitStart + commitEnd) / 2n))
    const branch = await plane.fork(root, inside)
    expect(
      await withClient(plane, branch, undefined, async (client) => {
        // Neon's rule: a branch holds the records that end at or before its LSN, so not this commit.
        return (await client.query("SELECT to_regclass('wide_0') AS t")).rows[0].t
      })
    ).toBeNull()
    const atEnd = await plane.fork(root, formatLsn(alignUp(commitEnd)))
    expect(await withClient(plane, atEnd, undefined, (client) => count(client, 'wide_299'))).toBe(0)

    // Recovery starts the new timeline where that record starts, before the branch point: with a record
    // longer than what the branch then writes, the branch's writes would fall before its own start.
    const big = await withClient(plane, root, undefined, async (client) => {
      const start = await currentLsn(client)
      await client.query("SELECT pg_logical_emit_message(false, 'big', repeat('x', 4000000))")
      return { start, end: await currentLsn(client) }
    })
    const middle = formatLsn(alignUp((big.start + big.end) / 2n))
    const late = await plane.fork(root, middle)
    const written = await withClient(plane, late, undefined, async (client) => {
      await client.query('CREATE TABLE after_fork (n int)')
      await client.query('INSERT INTO after_fork VALUES (1)')
      return currentLsn(client)
    })
    expect(written).toBeGreaterThan(parseLsn(middle))
    // An LSN read on the branch is a point of the branch: it can be branched from and read back.
    const resolved = await plane.resolvePoint(late, { kind: 'lsn', lsn: formatLsn(written) })
    const grandchild = await plane.fork(late, resolved.lsn)
    expect(await withClient(plane, grandchild, undefined, (client) => count(client, 'after_fork'))).toBe(1)
    for (const id of [grandchild, late, branch, atEnd]) await plane.drop(id)
  })

  test('many branches made, started and dropped at once all work (bisect probes arrive in waves)', async () => {
    const lsns = await withClient(plane, root, undefined, async (client) => {
      await client.query('CREATE TABLE waves (n int)')
      const lsns: bigint[] = []
      for (let n = 1; n <= 6; n++) {
        await client.query('INSERT INTO waves VALUES ($1)', [n])
        lsns.push(await currentLsn(client))
      }
      return lsns
    })
    const branches = await Promise.all(lsns.map((lsn) => plane.fork(root, formatLsn(lsn))))
    const counts = await Promise.all(branches.map((id) => withClient(plane, id, undefined, (c) => count(c, 'waves'))))
    expect(counts).toEqual([1, 2, 3, 4, 5, 6])
    await Promise.all(branches.map((id) => plane.drop(id)))
  })

  test('branches dropped at once never lose their directory under a server still stopping', async () => {
    // Each drop cleans up every dropped storage: one must not remove the files of another's server while that
    // server is still shutting down (ENOTEMPTY as Postgres wrote into pg_wal/archive_status).
    const failures: string[] = []
    for (let round = 0; round < 6; round++) {
      const head = await plane.resolvePoint(root, { kind: 'head' })
      const branches = await Promise.all([1, 2, 3, 4, 5, 6].map(() => plane.fork(root, head.lsn)))
      await Promise.all(
        branches.map((id) => withClient(plane, id, undefined, (client) => client.query('CREATE TABLE written (n int)')))
      )
      await Promise.all(branches.map((id) => plane.drop(id).catch((error: Error) => failures.push(error.message))))
      expect(branches.filter((id) => existsSync(path.join(stateDir, 'dataplane', id)))).toEqual([])
    }
    expect(failures).toEqual([])
  })

  test('points in the future or before the history are refused with a PointError', async () => {
    const head = parseLsn(await plane.headLsn(root))
    await expect(plane.resolvePoint(root, { kind: 'lsn', lsn: formatLsn(head + 4096n) })).rejects.toThrow(PointError)
    await expect(plane.resolvePoint(root, { kind: 'lsn', lsn: '0/10' })).rejects.toThrow(/before the start/)
    const future = new Date(Date.now() + 3_600_000).toISOString()
    await expect(plane.resolvePoint(root, { kind: 'timestamp', timestamp: future })).rejects.toThrow(/future/)
    await expect(plane.resolvePoint(root, { kind: 'timestamp', timestamp: '2001-01-01T00:00:00Z' })).rejects.toThrow(
      /before the start/
    )
  })

  test('no Postgres outlives a data plane whose process is killed with SIGKILL', async () => {
    const childDir = mkdtempSync(path.join(tmpRoot, 'dataplane-kill-'))
    const fixture = path.join(import.meta.dirname, 'fixtures', 'dataplane-child.ts')
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, childDir], {
      stdio: ['ignore', 'pipe', 'inherit']
    })
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (data: Buffer) => data.toString().includes('ready') && resolve())
      child.once('exit', (code) => reject(new Error(`fixture exited with ${code}`)))
    })
    expect(await postgresProcesses(childDir)).toBeGreaterThanOrEqual(3)
    const sockets = await socketDirs(childDir)
    expect(sockets).toHaveLength(1)
    child.kill('SIGKILL')
    for (
      let waited = 0;
      waited < 5000 && ((await postgresProcesses(childDir)) > 0 || existsSync(childDir));
      waited += 100
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(await postgresProcesses(childDir)).toBe(0)
    expect(existsSync(childDir)).toBe(false)
    expect(existsSync(sockets[0])).toBe(false)
  })
})

describe('data plane after a lot of history', () => {
  test('fresh base backups keep the WAL a new branch replays to a few MB after 100 MB of bulk load', async () => {
    const stateDir = mkdtempSync(path.join(tmpRoot, 'dataplane-wal-'))
    const plane = await createDataPlane({ stateDir })
    let sockets: string[] = []
    try {
      const root = await plane.createRoot({ databaseName: 'neondb', roleName: 'neondb_owner', password: PASSWORD })
      const start = await plane.headLsn(root)
      let middle = ''
      await withClient(plane, root, undefined, async (client) => {
        await client.query('CREATE TABLE bulk (id int, payload text)')
        for (let batch = 0; batch < 80; batch++) {
          await client.query("INSERT INTO bulk SELECT g, repeat('y', 1000) FROM generate_series(1, 1500) g")
        }
        // Then ordinary traffic, with a point in the middle of it.
        await new Promise((resolve) => setTimeout(resolve, 1000))
        for (let n = 0; n < 100; n++) {
          await client.query("INSERT INTO bulk VALUES ($1, repeat('z', 2000))", [n])
          if (n === 50) middle = (await client.query('SELECT pg_current_wal_lsn()::text AS l')).rows[0].l
          await new Promise((resolve) => setTimeout(resolve, 5))
        }
      })
      sockets = await socketDirs(stateDir)
      const written = parseLsn(await plane.headLsn(root)) - parseLsn(start)
      expect(written).toBeGreaterThan(100n * 1024n * 1024n)
      await new Promise((resolve) => setTimeout(resolve, 1500))
      for (const point of [{ kind: 'head' as const }, { kind: 'lsn' as const, lsn: middle }]) {
        const resolved = await plane.resolvePoint(root, point)
        const branch = await plane.fork(root, resolved.lsn)
        await withClient(plane, branch, undefined, (client) => count(client, 'bulk'))
        const { stdout: logText } = await run('cat', [path.join(stateDir, 'dataplane', branch, 'postgres.log')])
        const redoStart = parseLsn(/redo starts at (\S+)/.exec(logText)![1])
        const redoEnd = parseLsn(/redo done at (\S+)/.exec(logText)![1])
        expect(redoEnd - redoStart).toBeLessThan(8n * 1024n * 1024n)
      }
    } finally {
      await plane.close()
      await run('rm', ['-rf', stateDir])
    }
    // close() removes the sockets' directory, which lives outside the state dir.
    expect(sockets).toHaveLength(1)
    expect(existsSync(sockets[0])).toBe(false)
  })
})

describe('time-travel instances over a long history', () => {
  test('a later point moves an idle instance forward, replaying from its last checkpoint, with the same answers', async () => {
    const stateDir = mkdtempSync(path.join(tmpRoot, 'dataplane-move-'))
    // No base backup after the first: only the checkpoints every 2 MB (checkpointEveryBytes) bound the replay.
    const plane = await createDataPlane({
      stateDir,
      timeTravelIdleMs: 300,
      backupEveryBytes: 1n << 40n,
      checkpointEveryBytes: 2n * 1024n * 1024n
    })
    try {
      const root = await plane.createRoot({ databaseName: 'neondb', roleName: 'neondb_owner', password: PASSWORD })
      const { early, late } = await withClient(plane, root, undefined, async (client) => {
        await client.query('CREATE TABLE bulk (id int, payload text)')
        const load = async (batches: number) => {
          for (let batch = 0; batch < batches; batch++) {
            await client.query("INSERT INTO bulk SELECT g, repeat('y', 1000) FROM generate_series(1, 1000) g")
            await new Promise((resolve) => setTimeout(resolve, 150))
          }
        }
        await load(10)
        await client.query("INSERT INTO bulk VALUES (0, 'early')")
        const early = await currentLsn(client)
        await load(2)
        await client.query("INSERT INTO bulk VALUES (-1, 'late')")
        return { early, late: await currentLsn(client) }
      })
      const look = (lsn: bigint) =>
        withClient(plane, root, { kind: 'lsn', lsn: formatLsn(lsn) }, async (client) => ({
          rows: await count(client, 'bulk'),
          replayLsn: (await client.query('SELECT pg_last_wal_replay_lsn()::text AS l')).rows[0].l as string,
          dir: client.host
        }))
      // A fresh instance at the late point first, gone once idle; then one at the early point, moved forward.
      const fresh = await look(late)
      await new Promise((resolve) => setTimeout(resolve, 1000))
      const first = await look(early)
      const moved = await look(late)
      expect(first.rows).toBe(10001)
      expect(moved.dir).toBe(first.dir)
      expect(moved.dir).not.toBe(fresh.dir)
      expect({ rows: moved.rows, replayLsn: moved.replayLsn }).toEqual({ rows: 12002, replayLsn: fresh.replayLsn })
      // Its restart replayed from a checkpoint it had replayed (late in the load), not from the base backup.
      const server = (await postgresCommands(stateDir)).find((line) => line.endsWith(` -k ${moved.dir}`))!
      const dataDir = / -D (\S+)/.exec(server)![1]
      const { stdout: logText } = await run('cat', [path.join(path.dirname(dataDir), 'postgres.log')])
      const starts = [...logText.matchAll(/redo starts at (\S+)/g)].map((match) => parseLsn(match[1]))
      expect(starts).toHaveLength(2)
      expect(starts[1] - starts[0]).toBeGreaterThan(3n * 1024n * 1024n)
      expect(starts[1]).toBeLessThan(early)
    } finally {
      await plane.close()
      await run('rm', ['-rf', stateDir])
    }
  })
})
