/**
 * Real WAL for the WAL reader's tests and benchmark: a throwaway cluster of a chosen PostgreSQL version (1 MB
 * segments, as the emulator's), a workload that writes the records the reader must get right, and the two
 * oracles it is checked against: the pg_walinspect extension (every version, from the server itself) and
 * pg_waldump's text (where an installed pg_waldump of the version exists).
 */
import { execFile, execFileSync } from 'node:child_process'
import { appendFile, chmod, mkdtemp, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { formatLsn, parseLsn, type Lsn } from '../src/lsn.js'
import { findPostgres, type Postgres } from '../emulator/dataplane/binaries.js'
import { Cluster, SUPERUSER } from '../emulator/dataplane/cluster.js'
import { makeDir } from '../emulator/dataplane/files.js'
import { clusterUser } from '../emulator/dataplane/user.js'

const run = promisify(execFile)

export interface WalCluster {
  postgres: Postgres
  cluster: Cluster
  walDir: string
  close(): Promise<void>
}

/** Resource manager names by id, as pg_walinspect and pg_waldump print them (src/include/access/rmgrlist.h). */
export const RMGR_NAMES = [
  'XLOG',
  'Transaction',
  'Storage',
  'CLOG',
  'Database',
  'Tablespace',
  'MultiXact',
  'RelMap',
  'Standby',
  'Heap2',
  'Heap',
  'Btree',
  'Hash',
  'Gin',
  'Gist',
  'Sequence',
  'SPGist',
  'BRIN',
  'CommitTs',
  'ReplicationOrigin',
  'Generic',
  'LogicalMessage'
]

/** A running cluster of `major` under /dev/shm (or /tmp): pg_walinspect, prepared transactions, its WAL kept. */
export async function startWalCluster(major: number): Promise<WalCluster> {
  const postgres = findPostgres(major)
  const runAs = clusterUser()
  const base = existsSync('/dev/shm') ? '/dev/shm' : '/tmp'
  const dir = await mkdtemp(path.join(base, `walreader-${major}-`))
  await chmod(dir, 0o755)
  const dataDir = path.join(dir, 'pgdata')
  await makeDir(dataDir, runAs)
  const initdb = ['--no-sync', '--wal-segsize=1', '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C']
  await run(path.join(postgres.bin, 'initdb'), [...initdb, '-D', dataDir], { uid: runAs.uid, gid: runAs.gid })
  const cluster = new Cluster(postgres.bin, dataDir, runAs, path.join(dir, 'postgres.log'), path.join(dir, 's'))
  await cluster.configure({})
  await appendFile(path.join(dataDir, 'postgresql.auto.conf'), 'max_prepared_transactions = 4\nwal_keep_size = 256\n')
  await cluster.start()
  await cluster.query('CREATE EXTENSION pg_walinspect')
  return {
    postgres,
    cluster,
    walDir: path.join(dataDir, 'pg_wal'),
    close: async () => {
      await cluster.stop('immediate')
      await rm(dir, { recursive: true, force: true })
    }
  }
}

const insertLsn = async (cluster: Cluster) =>
  parseLsn(String((await cluster.query('SELECT pg_current_wal_insert_lsn()::text AS lsn'))[0].lsn))

type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>

const PAGE_BYTES = 8192n
const lsnOf = async (query: Query, fn: string) => parseLsn(String((await query(`SELECT ${fn}()::text AS lsn`))[0].lsn))

/**
 * Commits one row (`INSERT INTO <table> (id) VALUES (id)`) whose commit record ends exactly at a WAL page
 * boundary, where pg_current_wal_lsn() then answers the boundary and the next record starts past the next page's
 * header. A non-transactional logical message pads the page first, sized from what the last try measured; a
 * record another backend writes in between spoils a try, so it tries again. Returns the boundary and the id.
 */
export async function commitAtPageEnd(query: Query, table: string, firstId: number): Promise<{ lsn: Lsn; id: number }> {
  const pad = (bytes: bigint) => query("SELECT pg_logical_emit_message(false, 'pad', repeat('p', $1))", [Number(bytes)])
  let commitBytes = 0n
  let padOverhead = 64n
  for (let attempt = 0, id = firstId; attempt < 40; attempt++, id++) {
    const from = await lsnOf(query, 'pg_current_wal_insert_lsn')
    if (commitBytes === 0n) {
      await query(`INSERT INTO ${table} (id) VALUES ($1)`, [id])
      const end = await lsnOf(query, 'pg_current_wal_lsn')
      if (end / PAGE_BYTES === from / PAGE_BYTES) commitBytes = end - from
      continue
    }
    const pageEnd = (from / PAGE_BYTES + 1n) * PAGE_BYTES
    const room = pageEnd - commitBytes - from - padOverhead
    if (room < 300n) {
      await pad(pageEnd - from + 100n) // into the next page, with room to spare there
      continue
    }
    await pad(room)
    const padded = await lsnOf(query, 'pg_current_wal_insert_lsn')
    if (padded !== pageEnd - commitBytes) {
      padOverhead += padded - (pageEnd - commitBytes)
      continue
    }
    await query(`INSERT INTO ${table} (id) VALUES ($1)`, [id])
    const end = await lsnOf(query, 'pg_current_wal_lsn')
    if (end === pageEnd) return { lsn: end, id }
    commitBytes = 0n
  }
  throw new Error('no commit ended at a page boundary in 40 tries')
}

/**
 * Writes at least `bytes` of WAL: small commits, a subtransaction, a prepared commit, a commit that ends at a
 * page boundary (its LSN, `pageEndCommit`, is returned), a 40 kB record (many
 * pages), a 1.5 MB one (across segments), full-page images after a checkpoint, a segment switch, and bulk
 * inserts. Returns where it started and the flushed end.
 */
export async function writeWorkload(
  cluster: Cluster,
  bytes = 3 * 1024 * 1024
): Promise<{ start: Lsn; end: Lsn; pageEndCommit: Lsn }> {
  const start = await insertLsn(cluster)
  await cluster.query('CREATE TABLE items (id int PRIMARY KEY, note text)')
  for (let n = 1; n <= 40; n++) await cluster.query('INSERT INTO items VALUES ($1, repeat($2, $1))', [n, 'x'])
  await cluster.query(
    "BEGIN; INSERT INTO items VALUES (1000, 'a'); SAVEPOINT s; INSERT INTO items VALUES (1001, 'b'); COMMIT"
  )
  await cluster.query("BEGIN; INSERT INTO items VALUES (2000, 'prepared'); PREPARE TRANSACTION 'p1'")
  await cluster.query("COMMIT PREPARED 'p1'")
  const pageEndCommit = await commitAtPageEnd((sql, params) => cluster.query(sql, params), 'items', 3000)
  await cluster.query("SELECT pg_logical_emit_message(true, 'long', repeat('l', 40000))")
  await cluster.query("SELECT pg_logical_emit_message(true, 'huge', repeat('h', 1500000))")
  await cluster.query('CHECKPOINT')
  await cluster.query("UPDATE items SET note = note || 'u'")
  await cluster.query('SELECT pg_switch_wal()')
  await cluster.query('CREATE TABLE bulk (id int, payload text)')
  for (let n = 0; (await insertLsn(cluster)) - start < BigInt(bytes); n++) {
    await cluster.query('INSERT INTO bulk SELECT g, md5(g::text) FROM generate_series($1::int, $1::int + 999) g', [
      n * 1000
    ])
  }
  await cluster.query("SELECT pg_logical_emit_message(true, 'end', '')")
  const [row] = await cluster.query('SELECT pg_current_wal_flush_lsn()::text AS lsn')
  return { start, end: parseLsn(String(row.lsn)), pageEndCommit: pageEndCommit.lsn }
}

export interface OracleRecord {
  start: Lsn
  /** pg_walinspect's end_lsn: the aligned end (for a switch record, the end of its segment). */
  end?: Lsn
  rmgr: string
  totalLength: number
  commitMicros?: bigint
}

/** Microseconds since the epoch of `YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC. */
function utcMicros(date: string, fraction: string | undefined): bigint {
  const seconds = BigInt(Date.parse(date.replace(' ', 'T') + 'Z') / 1000)
  return seconds * 1_000_000n + BigInt((fraction ?? '').padEnd(6, '0'))
}

/** A commit's time in its description: `COMMIT 2026-11-24 09:30:01.25+00 ...` or `... UTC` (pg_waldump). */
const COMMIT_TIME = /(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(?:\+00| UTC)/

function commitOf(recordType: string, description: string): bigint | undefined {
  if (!/^COMMIT(_PREPARED)?$/.test(recordType)) return undefined
  const match = COMMIT_TIME.exec(description)
  return match ? utcMicros(match[1], match[2]) : undefined
}

/** The records pg_walinspect decodes from `start` (its first record at or after) that end by `end`. */
export async function walinspectRecords(cluster: Cluster, start: Lsn, end: Lsn): Promise<OracleRecord[]> {
  const rows = await cluster.query(
    'SELECT start_lsn::text AS start, end_lsn::text AS end, resource_manager AS rmgr, record_type AS type, ' +
      'record_length AS length, description FROM pg_get_wal_records_info($1, $2)',
    [formatLsn(start), formatLsn(end)]
  )
  return rows.map((row) => {
    const record: OracleRecord = {
      start: parseLsn(String(row.start)),
      end: parseLsn(String(row.end)),
      rmgr: String(row.rmgr),
      totalLength: Number(row.length)
    }
    const micros = commitOf(String(row.type), String(row.description ?? ''))
    if (micros !== undefined) record.commitMicros = micros
    return record
  })
}

const WALDUMP_LINE =
  /^rmgr: (\S+)\s+len \(rec\/tot\):\s*\d+\/\s*(\d+), tx:\s*\d+, lsn: ([0-9A-F]+\/[0-9A-F]+), prev [^,]+, desc: (\S+) ?(.*)$/

/** pg_waldump's lines as records; a run that reaches the end of written WAL exits non-zero after printing. */
export async function waldumpRecords(waldump: string, walDir: string, start: Lsn, end: Lsn): Promise<OracleRecord[]> {
  const args = ['--path', walDir, '--start', formatLsn(start), '--end', formatLsn(end)]
  const env = { ...process.env, TZ: 'UTC', LC_ALL: 'C' }
  const output = await run(waldump, args, { env, maxBuffer: 256 * 1024 * 1024 }).then(
    (result) => result.stdout,
    (error: { stdout?: string }) => error.stdout ?? ''
  )
  return parseWaldump(output)
}

export function parseWaldump(output: string): OracleRecord[] {
  const records: OracleRecord[] = []
  for (const line of output.split('\n')) {
    const match = WALDUMP_LINE.exec(line)
    if (!match) continue
    const [, rmgr, totalLength, lsn, type, description] = match
    const record: OracleRecord = { start: parseLsn(lsn), rmgr, totalLength: Number(totalLength) }
    const micros = rmgr === 'Transaction' ? commitOf(type, description) : undefined
    if (micros !== undefined) record.commitMicros = micros
    records.push(record)
  }
  return records
}

/** An installed pg_waldump of `major` (in PG_BIN or Debian's /usr/lib/postgresql/<major>/bin), if any. */
export function installedWaldump(major: number): string | undefined {
  for (const dir of [process.env.PG_BIN, `/usr/lib/postgresql/${major}/bin`]) {
    const waldump = dir && path.join(dir, 'pg_waldump')
    if (!waldump || !existsSync(waldump)) continue
    const version = execFileSync(waldump, ['--version'], { encoding: 'utf8' })
    if (new RegExp(`\\(PostgreSQL\\) ${major}\\b`).test(version)) return waldump
  }
  return undefined
}
