/**
 * Emulator speed: how long a branch at an LSN and a time-travel connection take to answer their first query,
 * alone and four at once, on a small database and after 100 MB of history. Prints figures; asserts nothing.
 *
 *   npm run bench:emulator [-- --latency neon]
 */
import { parseArgs } from 'node:util'
import { createApiClient, EndpointType } from '@neondatabase/api-client'
import pg from 'pg'
import { startEmulator } from '../emulator/index.js'

const { values } = parseArgs({
  options: { latency: { type: 'string', default: 'none' }, rounds: { type: 'string', default: '7' } }
})
const rounds = Number(values.rounds)
const emulator = await startEmulator({
  latency: values.latency as 'none' | 'neon',
  branchLimit: 500,
  log: (message) => process.env.BENCH_VERBOSE && process.stderr.write(message + '\n')
})
const { info } = emulator
const api = createApiClient({ apiKey: info.apiKey, baseURL: info.apiHost })

async function firstQuery(uri: string, options?: string): Promise<void> {
  const client = new pg.Client({ connectionString: uri, options })
  await client.connect()
  await client.query('SELECT count(*) FROM items')
  await client.end()
}

async function currentLsn(): Promise<string> {
  const client = new pg.Client(info.connectionUri)
  await client.connect()
  const { rows } = await client.query(
    "INSERT INTO items (note) VALUES ('tick') RETURNING pg_current_wal_lsn()::text AS lsn"
  )
  await client.end()
  return rows[0].lsn
}

/** Create a branch at the LSN with a compute, then connect and query it. */
async function branchAt(lsn: string, name: string): Promise<number> {
  const started = performance.now()
  const { data } = await api.createProjectBranch(info.projectId, {
    branch: { parent_id: info.branchId, parent_lsn: lsn, name },
    endpoints: [{ type: EndpointType.ReadWrite }]
  })
  const uri = data.connection_uris![0].connection_uri
  for (;;) {
    const { data: operation } = await api.getProjectOperation(info.projectId, data.operations[0].id)
    if (operation.operation.status === 'finished') break
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  await firstQuery(uri)
  const elapsed = performance.now() - started
  await api.deleteProjectBranch({ projectId: info.projectId, branchId: data.branch.id })
  return elapsed
}

async function timeTravelAt(lsn: string): Promise<number> {
  const started = performance.now()
  await firstQuery(info.connectionUri, `neon_lsn:${lsn}`)
  return performance.now() - started
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const fmt = (ms: number) => `${(ms / 1000).toFixed(3)} s`

async function measure(label: string, probe: (lsn: string, name: string) => Promise<number>) {
  const single: number[] = []
  for (let round = 0; round < rounds; round++) single.push(await probe(await currentLsn(), `bench-${label}-${round}`))
  const lsns = await Promise.all([0, 1, 2, 3].map(() => currentLsn()))
  const started = performance.now()
  await Promise.all(lsns.map((lsn, index) => probe(lsn, `bench-${label}-par-${index}`)))
  const four = performance.now() - started
  return { label, median: median(single), four, speedup: (4 * median(single)) / four }
}

const setup = new pg.Client(info.connectionUri)
await setup.connect()
await setup.query('CREATE TABLE items (id serial PRIMARY KEY, note text)')
await setup.query("INSERT INTO items (note) SELECT 'row ' || g FROM generate_series(1, 1000) g")

const rows = []
rows.push(await measure('branch at LSN, small db', branchAt))
rows.push(await measure('time travel at LSN, small db', timeTravelAt))
await setup.query("INSERT INTO items (note) SELECT repeat('h', 1000) FROM generate_series(1, 90000) g")
await setup.end()
await new Promise((resolve) => setTimeout(resolve, 1500))
rows.push(await measure('branch at LSN, after 100 MB', branchAt))
rows.push(await measure('time travel at LSN, after 100 MB', timeTravelAt))

console.log(`\nEmulator first-query latency (--latency ${values.latency}, ${rounds} rounds, median; 2 cores)\n`)
console.log('| probe | first query | 4 at once (wall) | throughput vs one at a time |')
console.log('|---|---|---|---|')
for (const row of rows)
  console.log(`| ${row.label} | ${fmt(row.median)} | ${fmt(row.four)} | ${row.speedup.toFixed(2)}x |`)
await emulator.stop()
