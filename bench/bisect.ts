/**
 * bisect against the blog's script (../shared/seeds/000_*.txt) on the emulator with Neon's latency model: for
 * histories of about 2^16, 2^21 and 2^26 bytes with a broken commit at a known LSN, the action (dist/index.js,
 * run as the runner does) at parallelism 1, 3 and 7 with both probe kinds, and a faithful re-implementation of
 * the blog's algorithm: a sequential binary search over raw LSN bytes, each probe a branch with a compute,
 * one query, a delete and a 2 s pause (and the same without the pause). Prints figures; asserts nothing.
 *
 *   npm run bench [-- --ranges 16,21,26 --latency neon --baseline pause,nopause --probes time-travel,branch]
 *   npm run bench -- --ranges 21,26,29 --traffic pgbench --baseline none --probes time-travel
 *
 * `--traffic pgbench` writes the history as pgbench's updates (the data stays small, the WAL grows), where the
 * default `insert` appends rows (the data grows with the history; at 2^29 that is half a gigabyte of table
 * copied into every base backup and probe).
 */
import { parseArgs } from 'node:util'
import { createApiClient } from '@neondatabase/api-client'
import pg from 'pg'
import { startEmulator } from '../emulator/index.js'
import { alignUp, formatLsn, parseLsn } from '../src/lsn.js'
import { maxRounds } from '../src/search.js'
import { Job } from '../tools/runner.js'

const { values } = parseArgs({
  options: {
    ranges: { type: 'string', default: '16,21,26' },
    latency: { type: 'string', default: 'neon' },
    baseline: { type: 'string', default: 'pause,nopause' },
    probes: { type: 'string', default: 'time-travel,branch' },
    traffic: { type: 'string', default: 'insert' }
  }
})
if (!['insert', 'pgbench'].includes(values.traffic)) throw new Error('--traffic is insert or pgbench')
const latency = values.latency as 'none' | 'neon'
const emulator = await startEmulator({
  latency,
  branchLimit: 50,
  log: (message) => process.env.BENCH_VERBOSE && process.stderr.write(`${new Date().toISOString()} ${message}\n`)
})
const { info } = emulator
const api = createApiClient({ apiKey: info.apiKey, baseURL: info.apiHost })
const main = new pg.Client(info.connectionUri)
await main.connect()
await main.query('CREATE TABLE filler (id bigserial, pad text)')

async function lsn(): Promise<bigint> {
  return parseLsn((await main.query('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn)
}

/** pgbench's accounts at scale 1 (100,000 rows of about 100 bytes) and its history table. */
const ACCOUNTS = 100_000
if (values.traffic === 'pgbench') {
  await main.query('CREATE TABLE accounts (aid int PRIMARY KEY, abalance int NOT NULL, filler char(84))')
  await main.query(`INSERT INTO accounts SELECT g, 0, '' FROM generate_series(1, ${ACCOUNTS}) g`)
  await main.query('CREATE TABLE history (aid int, delta int, mtime timestamptz DEFAULT now(), filler char(22))')
}

/**
 * Writes WAL until the position passes `target`, in transactions of about `chunk` bytes: `insert` appends rows
 * (the data directory grows with the history), `pgbench` updates random accounts and logs each update in
 * history as pgbench's TPC-B-like script does (the data stays about the same size, mostly WAL grows).
 */
async function fill(target: bigint, chunk: number): Promise<void> {
  while ((await lsn()) < target) {
    if (values.traffic === 'pgbench') {
      const rows = Math.max(1, Math.min(2000, Math.floor(chunk / 250)))
      await main.query(
        `WITH picked AS (SELECT DISTINCT 1 + floor(random() * ${ACCOUNTS})::int AS aid FROM generate_series(1, ${rows})), ` +
          'moved AS (UPDATE accounts SET abalance = abalance + 1 FROM picked WHERE accounts.aid = picked.aid RETURNING accounts.aid) ' +
          "INSERT INTO history (aid, delta, filler) SELECT aid, 1, '' FROM moved"
      )
      continue
    }
    const rows = Math.max(1, Math.floor(chunk / 1100))
    await main.query(`INSERT INTO filler (pad) SELECT repeat('x', 1000) FROM generate_series(1, ${rows})`)
  }
}

/** The first LSN holding the commit: see __tests__/action/bisect.test.ts. */
async function commitEnd(sql: string): Promise<bigint> {
  const results = (await main.query(
    `BEGIN; ${sql}; COMMIT; SELECT pg_current_wal_lsn()::text AS lsn`
  )) as unknown as pg.QueryResult[]
  const end = alignUp(parseLsn(results[results.length - 1].rows[0].lsn))
  if (end % (1024n * 1024n) === 0n) return end + 40n
  if (end % 8192n === 0n) return end + 24n
  return end
}

interface History {
  bits: number
  table: string
  good: bigint
  bad: bigint
  firstBad: bigint
}

async function makeHistory(bits: number): Promise<History> {
  const table = `users_${bits}`
  await main.query(`CREATE TABLE ${table} (id serial PRIMARY KEY, name text)`)
  await main.query(`INSERT INTO ${table} (name) SELECT 'user' || g FROM generate_series(1, 200) g`)
  const good = alignUp(await lsn())
  const size = 2n ** BigInt(bits)
  const chunk = Math.max(1, Number(size / 64n))
  await fill(good + (size * 37n) / 100n, chunk)
  const firstBad = await commitEnd(`DELETE FROM ${table} WHERE id > 1`)
  await fill(good + size, chunk)
  const bad = alignUp(await lsn())
  return { bits, table, good, bad, firstBad }
}

interface Row {
  range: string
  method: string
  rounds: number
  probes: number
  apiCalls: number
  seconds: number
  correct: boolean
}

async function runAction(history: History, probe: string, parallelism: number): Promise<Row> {
  const job = new Job({ GITHUB_RUN_ID: String(Date.now()) })
  const before = emulator.requestLog().length
  const started = Date.now()
  const { main: step } = await job.run(
    {
      operation: 'bisect',
      'api-key': info.apiKey,
      'api-host': info.apiHost,
      'project-id': info.projectId,
      check: `SELECT count(*) > 1 FROM ${history.table}`,
      good: formatLsn(history.good),
      bad: formatLsn(history.bad),
      probe,
      parallelism: String(parallelism)
    },
    { timeoutMs: 600_000 }
  )
  const seconds = (Date.now() - started) / 1000
  job.dispose()
  if (step.exitCode !== 0) process.stderr.write(`${probe} p=${parallelism} failed: ${step.errors.join('; ')}\n`)
  return {
    range: `2^${history.bits}`,
    method: `bisect ${probe} p=${parallelism}`,
    rounds: Number(step.outputs.rounds),
    probes: Number(step.outputs.probes),
    apiCalls: emulator.requestLog().length - before,
    seconds,
    correct: step.outputs['first-bad-lsn'] === formatLsn(history.firstBad)
  }
}

/** The blog's script: bsearch_rightmost over raw bytes, one branch with a compute per probe, then a 2 s pause. */
async function runBlog(history: History, pauseMs: number): Promise<Row> {
  const before = emulator.requestLog().length
  const started = Date.now()
  let probes = 0
  const queryAt = async (position: bigint): Promise<boolean> => {
    probes++
    const { data } = await api.createProjectBranch(info.projectId, {
      branch: { parent_id: info.branchId, name: `blog-${position}`, parent_lsn: formatLsn(position) },
      endpoints: [{ type: 'read_write' as never }]
    })
    const client = new pg.Client(data.connection_uris![0].connection_uri)
    await client.connect()
    const { rows } = await client.query(`SELECT count(*) > 1 AS ok FROM ${history.table}`)
    await client.end()
    // The script ignores the delete's answer; on Neon it is 423 while the create is still running, which would
    // leak a branch a probe. Retrying the 423 is the one change made to it (its cost is in its time).
    for (;;) {
      try {
        await api.deleteProjectBranch({ projectId: info.projectId, branchId: data.branch.id })
        break
      } catch (error) {
        if ((error as { response?: { status: number } }).response?.status !== 423) throw error
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs))
    return rows[0].ok
  }
  let low = history.good
  let high = history.bad
  while (low < high) {
    const middle = (low + high) / 2n
    if (await queryAt(middle)) low = middle + 1n
    else high = middle
  }
  return {
    range: `2^${history.bits}`,
    method: pauseMs ? 'blog script (2 s pause)' : 'blog script, no pause',
    rounds: probes,
    probes,
    apiCalls: emulator.requestLog().length - before,
    seconds: (Date.now() - started) / 1000,
    // The blog answers the first bad byte; Neon rounds it up to the LSN it means.
    correct: alignUp(low) === history.firstBad
  }
}

const rows: Row[] = []
const print = (row: Row, baseline?: Row, unpaused?: Row) =>
  console.log(
    [
      row.range.padEnd(6),
      row.method.padEnd(26),
      String(row.rounds).padStart(6),
      String(row.probes).padStart(6),
      String(row.apiCalls).padStart(9),
      row.seconds.toFixed(1).padStart(8),
      (baseline ? `${(baseline.seconds / row.seconds).toFixed(1)}x` : '').padStart(8),
      (unpaused ? `${(unpaused.seconds / row.seconds).toFixed(1)}x` : '').padStart(9),
      row.correct ? 'yes' : 'NO'
    ].join(' | ')
  )
console.log(`latency model: ${latency}; ranges: ${values.ranges}; traffic: ${values.traffic}`)
console.log(
  'range  | method                     | rounds | probes | API calls |   wall s | vs blog  | vs no-pause | exact'
)
for (const bits of values.ranges.split(',').map(Number)) {
  const history = await makeHistory(bits)
  const bound = (k: number) => maxRounds(history.good, history.bad, k)
  console.log(
    `# 2^${bits}: ${history.bad - history.good} bytes, first bad ${formatLsn(history.firstBad)}; ` +
      `round bounds k=1: ${bound(1)}, k=3: ${bound(3)}, k=7: ${bound(7)}`
  )
  let baseline: Row | undefined
  let unpaused: Row | undefined
  if (values.baseline.includes('nopause')) {
    unpaused = await runBlog(history, 0)
    rows.push(unpaused)
    print(unpaused)
  }
  if (values.baseline.split(',').includes('pause')) {
    baseline = await runBlog(history, 2000)
    rows.push(baseline)
    print(baseline, undefined, unpaused)
  }
  for (const probe of values.probes.split(',')) {
    for (const parallelism of [1, 3, 7]) {
      const row = await runAction(history, probe, parallelism)
      rows.push(row)
      print(row, baseline, unpaused)
    }
  }
}
await main.end()
await emulator.stop()
