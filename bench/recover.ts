/**
 * recover's speed and memory: a 200k-row table copied from the past of a branch on the emulator, by the built
 * action (dist/index.js, run as the runner runs it) into a new schema and merged back into the emptied original,
 * next to a `psql -c "COPY … TO STDOUT" | psql -c "COPY … FROM STDIN"` pipe between the same time-travel
 * connection and the same branch. A second table of the same rows with a primary key, a unique index and two
 * secondary indexes is dropped and re-created by `mode: merge`, next to the psql pipe into an empty table without
 * indexes followed by the same CREATE INDEX statements (psql too). Peak memory is the kernel's peak RSS of each
 * process (GNU time's %M). Prints a table with each method's throughput as a multiple of its psql baseline (the
 * machine is shared, so the ratio of runs side by side is the figure that counts); asserts nothing.
 *
 *   npm run bench:recover [-- --rows 200000 --rounds 3]
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { parse } from 'yaml'
import { startEmulator } from '../emulator/index.js'
import { DIST, parseCommandFile } from '../tools/runner.js'

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '3' } }
})
const ROWS = Number(values.rows)
const ROUNDS = Number(values.rounds)
const TIME = '/usr/bin/time'

const emulator = await startEmulator({
  branchLimit: 100,
  log: (message) => process.env.BENCH_VERBOSE && process.stderr.write(message + '\n')
})
const { info } = emulator
const work = mkdtempSync(path.join(os.tmpdir(), 'bench-recover-'))

async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(uri: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  try {
    return (await client.query<T>(text)).rows
  } finally {
    await client.end()
  }
}

interface Measured {
  seconds: number
  /** The action's own figure for the copy (its summary's "Took": connect, copy, commit). */
  copySeconds?: number
  /** Peak RSS of each process, in MiB. */
  peakMiB: number[]
}

/** Runs `command` under GNU time (peak RSS into a file) and returns its wall time and peak RSS. */
function timed(argv: string[], env: NodeJS.ProcessEnv, stdio: 'pipe' | 'inherit' = 'pipe') {
  const file = path.join(work, `time-${Math.random().toString(36).slice(2)}`)
  const child = spawn(TIME, ['-f', '%M', '-o', file, ...argv], { env, stdio: ['pipe', stdio, 'pipe'] })
  return { child, peakMiB: () => Number(readFileSync(file, 'utf8').trim().split('\n').pop()) / 1024 }
}

function exited(child: ReturnType<typeof spawn>): Promise<number | null> {
  return new Promise((resolve) => child.once('close', (code) => resolve(code)))
}

/** The action as the runner starts it: every declared input as INPUT_*, outputs and summary through files. */
async function runAction(inputs: Record<string, string>): Promise<Measured & { outputs: Record<string, string> }> {
  const action = parse(readFileSync(path.join(path.dirname(DIST), '..', 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>
  }
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_ACTIONS: 'true' }
  for (const [name, input] of Object.entries(action.inputs)) env[`INPUT_${name.toUpperCase()}`] = input.default ?? ''
  const all = { 'api-key': info.apiKey, 'api-host': info.apiHost, 'project-id': info.projectId, ...inputs }
  for (const [name, value] of Object.entries(all)) env[`INPUT_${name.toUpperCase()}`] = value
  for (const name of ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY']) {
    env[name] = path.join(work, `${name}-${Math.random().toString(36).slice(2)}`)
    writeFileSync(env[name]!, '')
  }
  const started = performance.now()
  const run = timed([process.execPath, DIST], env)
  let log = ''
  run.child.stdout!.on('data', (chunk) => (log += chunk))
  run.child.stderr!.on('data', (chunk) => (log += chunk))
  const code = await exited(run.child)
  const seconds = (performance.now() - started) / 1000
  if (code !== 0) throw new Error(`the action failed:\n${log}`)
  const took = /^\s+Took\s+([\d.]+) (ms|s)$/m.exec(log)
  return {
    seconds,
    copySeconds: took ? Number(took[1]) / (took[2] === 'ms' ? 1000 : 1) : undefined,
    peakMiB: [run.peakMiB()],
    outputs: parseCommandFile(readFileSync(env.GITHUB_OUTPUT!, 'utf8'))
  }
}

/** Two psql processes: COPY TO STDOUT on the past, piped into COPY FROM STDIN on the branch. */
async function psqlPipe(pastUri: string, liveUri: string, source: string, target: string): Promise<Measured> {
  const env = { PATH: process.env.PATH }
  const started = performance.now()
  const out = timed(
    ['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', pastUri, '-c', `COPY (SELECT * FROM ${source}) TO STDOUT`],
    env
  )
  const into = timed(
    ['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', liveUri, '-c', `COPY ${target} FROM STDIN`],
    env,
    'inherit'
  )
  out.child.stdout!.pipe(into.child.stdin!)
  const [a, b] = await Promise.all([exited(out.child), exited(into.child)])
  const seconds = (performance.now() - started) / 1000
  if (a !== 0 || b !== 0) throw new Error(`psql failed (${a}, ${b})`)
  return { seconds, peakMiB: [out.peakMiB(), into.peakMiB()] }
}

/** One psql process running `statements` (ON_ERROR_STOP, one transaction each as psql -c sends them). */
async function psqlRun(liveUri: string, statements: string): Promise<Measured> {
  const started = performance.now()
  const run = timed(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', liveUri, '-c', statements], {
    PATH: process.env.PATH
  })
  const code = await exited(run.child)
  if (code !== 0) throw new Error(`psql failed (${code}): ${statements}`)
  return { seconds: (performance.now() - started) / 1000, peakMiB: [run.peakMiB()] }
}

/** The psql baseline of a re-creation: the pipe into a table without indexes, then the index statements. */
async function psqlRecreate(pastUri: string, liveUri: string): Promise<Measured> {
  await sql(liveUri, 'DROP TABLE IF EXISTS bench_psql.items; CREATE TABLE bench_psql.items (LIKE events)')
  const pipe = await psqlPipe(pastUri, liveUri, 'items', 'bench_psql.items')
  const indexes = await psqlRun(liveUri, ITEMS_INDEXES('bench_psql.items'))
  return { seconds: pipe.seconds + indexes.seconds, peakMiB: [...pipe.peakMiB, ...indexes.peakMiB] }
}

/** The re-created table's indexes: a primary key, a unique index and two secondary ones. */
const ITEMS_INDEXES = (table: string) =>
  `ALTER TABLE ${table} ADD PRIMARY KEY (id); CREATE UNIQUE INDEX ON ${table} (created);
   CREATE INDEX ON ${table} (customer); CREATE INDEX ON ${table} (amount)`

const live = info.connectionUri
await sql(
  live,
  `CREATE TABLE events (id bigint PRIMARY KEY, created timestamptz NOT NULL, customer text NOT NULL,
                        amount numeric(12,2), payload text);
   INSERT INTO events SELECT g, timestamptz '2026-01-01' + g * interval '1 second', 'customer ' || (g % 5000),
                             (g % 100000) / 100.0, repeat(md5(g::text), 2)
     FROM generate_series(1, ${ROWS}) g;
   CREATE TABLE items (LIKE events);
   INSERT INTO items SELECT * FROM events;
   ${ITEMS_INDEXES('items')}`
)
const [{ lsn, size }] = await sql<{ lsn: string; size: string }>(
  live,
  `SELECT pg_current_wal_lsn()::text AS lsn, pg_size_pretty(pg_total_relation_size('events')) AS size`
)
// The accidents: every row of events is gone (the table stays; merge writes into it), and items is dropped.
await sql(live, 'TRUNCATE events; CREATE SCHEMA bench_psql; CREATE TABLE bench_psql.events (LIKE events INCLUDING ALL)')
const pastUri = `${live}?options=${encodeURIComponent(`neon_lsn:${lsn}`)}`

const results: Record<string, Measured[]> = { dry: [], psql: [], schema: [], merge: [], recreate: [], psqlRecreate: [] }
/** Why the re-creation did not run, when this build of the action cannot re-create a dropped table. */
let recreateUnsupported: string | undefined
// The first time-travel connection at the point starts its compute: a dry run (plan only) pays for it.
results.dry.push(await runAction({ operation: 'recover', at: lsn, tables: 'events', 'dry-run': 'true' }))
for (let round = 1; round <= ROUNDS; round++) {
  await sql(live, 'TRUNCATE bench_psql.events')
  results.psql.push(await psqlPipe(pastUri, live, 'events', 'bench_psql.events'))

  const schema = await runAction({ operation: 'recover', at: lsn, tables: 'events', into: `bench_${round}` })
  if (JSON.parse(schema.outputs.rows)['public.events'] !== ROWS) throw new Error(`schema copied ${schema.outputs.rows}`)
  results.schema.push(schema)

  await sql(live, 'TRUNCATE events')
  const merge = await runAction({ operation: 'recover', at: lsn, tables: 'events', mode: 'merge' })
  if (JSON.parse(merge.outputs.rows)['public.events'] !== ROWS) throw new Error(`merge copied ${merge.outputs.rows}`)
  results.merge.push(merge)

  results.psqlRecreate.push(await psqlRecreate(pastUri, live))
  if (recreateUnsupported === undefined) await recreate()
}
const [{ count }] = await sql<{ count: string }>(live, 'SELECT count(*) AS count FROM bench_psql.events')
if (Number(count) !== ROWS) throw new Error(`the psql pipe copied ${count} rows`)

/** Drops items and lets mode: merge re-create it; checks its rows and indexes from the catalogs. */
async function recreate(): Promise<void> {
  await sql(live, 'DROP TABLE IF EXISTS items')
  const recreated = await runAction({ operation: 'recover', at: lsn, tables: 'items', mode: 'merge' }).catch(
    (error: Error) => {
      recreateUnsupported = /mode: merge needs public\.items at the head/.test(error.message)
        ? 'not supported by this build (mode: merge refuses a dropped table)'
        : error.message.split('\n').slice(0, 3).join(' ')
      return undefined
    }
  )
  if (!recreated) return
  const [found] = await sql<{ rows: string; indexes: string }>(
    live,
    `SELECT (SELECT count(*) FROM items) AS rows, (SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'items') AS indexes`
  )
  if (Number(found.rows) !== ROWS || Number(found.indexes) !== 4) {
    throw new Error(`the re-created items has ${found.rows} rows and ${found.indexes} indexes`)
  }
  results.recreate.push(recreated)
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]
/** Each method, its results and the psql baseline its ratio is taken against. */
const methods: [label: string, key: string, baseline?: string][] = [
  ['recover, dry run (plan only, first time-travel connection)', 'dry'],
  ['recover into a new schema (CREATE TABLE + COPY, one transaction)', 'schema', 'psql'],
  ['recover mode: merge into the emptied table (staging, then INSERT of the missing keys)', 'merge', 'psql'],
  ['psql "COPY … TO STDOUT" \\| psql "COPY … FROM STDIN" (into a table with its primary key)', 'psql'],
  ['recover mode: merge re-creating the dropped table with its 4 indexes', 'recreate', 'psqlRecreate'],
  ['psql pipe into a table without indexes, then psql CREATE INDEX × 4', 'psqlRecreate']
]
const wall = (key: string) => median(results[key].map((run) => run.seconds))
const rows: string[][] = methods.map(([label, key, baseline]) => {
  const runs = results[key]
  if (runs.length === 0) return [label, '-', recreateUnsupported ?? 'not run', '-', '-', '-', '-']
  const seconds = wall(key)
  const copy = runs[0].copySeconds === undefined ? undefined : median(runs.map((run) => run.copySeconds!))
  const peak = Math.max(...runs.flatMap((run) => run.peakMiB))
  const perProcess = runs[0].peakMiB.length > 1 ? ` (${runs[0].peakMiB.map((mib) => mib.toFixed(0)).join(' + ')})` : ''
  const copied = key !== 'dry'
  const ratio =
    baseline === undefined
      ? '-'
      : `${(wall(baseline) / seconds).toFixed(2)}x (time ${(seconds / wall(baseline)).toFixed(2)}x)`
  return [
    label,
    copied ? String(ROWS) : '-',
    seconds.toFixed(2),
    copied ? Math.round(ROWS / seconds).toLocaleString('en-US') : '-',
    ratio,
    copied && copy !== undefined ? `${copy.toFixed(2)} s, ${Math.round(ROWS / copy).toLocaleString('en-US')}/s` : '-',
    `${peak.toFixed(0)} MiB${perProcess}`
  ]
})
const headers = [
  'Method',
  'Rows',
  'Wall s (median)',
  'Rows/s (wall)',
  'x of its psql baseline',
  'Copy step (median)',
  'Peak RSS'
]
const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)))
const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`
console.log(
  `recover benchmark: ${ROWS} rows (${size} on disk), ${ROUNDS} rounds, emulator on PostgreSQL, ${os.cpus().length} cores, Node ${process.version}`
)
console.log(line(headers))
console.log(line(widths.map((width) => '-'.repeat(width))))
for (const row of rows) console.log(line(row))
console.log(
  'Wall: process start to exit (node or psql), connections included; the action also plans (API calls, catalogs). ' +
    "Copy step: the action's execute phase (connect, COPY, commit) as its summary reports it. " +
    'x of its psql baseline: wall throughput against the psql row below it (time: wall time against it).'
)

rmSync(work, { recursive: true, force: true })
await emulator.stop()
