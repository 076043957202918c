/**
 * neonctl 5 (Neon's CLI, a client no one here wrote) against the emulator: `branches list`, `branches create
 * --parent <lsn|time>`, `branches restore main ^self@<time> --preserve-under-name`, and `connection-string` for
 * a branch and for `main@<point>`, whose URLs (TLS with `sslmode=require&channel_binding=require`, time travel in
 * `options`) must connect as printed, with psql and node-postgres; so must the URL Neon's create-branch-action
 * builds from `endpoint.host`. Results are judged from the emulator's branch list and from rows read through
 * the printed URLs. neonctl runs with a preload that refuses and records any connection off the loopback.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { currentLsn, query, startHarness, type Harness } from './api-helpers.js'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname ?? '.', '../..')
const neonctlCli = path.join(root, 'node_modules/neonctl/bin/cli.js')
const guard = path.join(import.meta.dirname ?? '.', 'fixtures/loopback-only.mjs')
// psql is PostgreSQL's client: Debian's PostgreSQL has it (CI installs 15); the npm server builds do not.
const psqlPath = ['/usr/bin/psql', '/usr/lib/postgresql/15/bin/psql'].find((candidate) => existsSync(candidate))

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

interface Branch {
  id: string
  name: string
  parent_id?: string
}

describe('neonctl against the emulator', () => {
  let harness: Harness
  let home: string
  let networkLog: string
  /** Row 1 is committed before `lsn`, rows 1-2 before `time`, row 3 after it. */
  let lsn: string
  let time: string
  /** `connection-string main` as neonctl printed it before the restore (a restore keeps connection details). */
  let head: string

  /** Runs neonctl as a user would (own HOME, config dir), asynchronously: the emulator runs in this process. */
  async function neonctl(...args: string[]): Promise<string> {
    const { info } = harness.emulator
    const { stdout } = await run(
      process.execPath,
      ['--import', guard, neonctlCli, ...args, '--api-host', info.apiHost, '--api-key', info.apiKey].concat([
        '--project-id',
        info.projectId,
        '--no-analytics',
        '--config-dir',
        path.join(home, 'config')
      ]),
      { env: { PATH: process.env.PATH, HOME: home, NETWORK_LOG: networkLog }, timeout: 30_000 }
    )
    return stdout.trim()
  }

  /** The rows of `marks` read with psql through `url`, exactly as given. */
  async function psqlRows(url: string): Promise<string> {
    const { stdout } = await run(psqlPath!, [
      url,
      '-XAtv',
      'ON_ERROR_STOP=1',
      '-c',
      "SELECT string_agg(n::text, ',' ORDER BY n) FROM marks"
    ])
    return stdout.trim()
  }

  /** The rows of `marks` read with node-postgres, verifying the proxy's certificate from the ready line. */
  async function pgRows(url: string): Promise<string> {
    const withCa = `${url}&sslrootcert=${encodeURIComponent(harness.emulator.info.tlsCertificate)}`
    const client = new pg.Client({ connectionString: withCa, enableChannelBinding: true })
    await client.connect()
    try {
      const { rows } = await client.query<{ rows: string }>(
        `SELECT string_agg(n::text, ',' ORDER BY n) AS rows FROM marks`
      )
      return rows[0].rows
    } finally {
      await client.end()
    }
  }

  const branchList = async (): Promise<Branch[]> =>
    (await harness.api.listProjectBranches({ projectId: harness.projectId })).data.branches

  beforeAll(async () => {
    harness = await startHarness()
    home = mkdtempSync(path.join(os.tmpdir(), 'neonctl-home-'))
    networkLog = path.join(home, 'network.log')
    const uri = harness.emulator.info.connectionUri
    await query(uri, 'CREATE TABLE marks (n int); INSERT INTO marks VALUES (1)')
    lsn = await currentLsn(uri)
    await query(uri, 'INSERT INTO marks VALUES (2)')
    await sleep(50)
    time = new Date().toISOString() // neonctl takes milliseconds at most
    await sleep(50)
    await query(uri, 'INSERT INTO marks VALUES (3)')
  })

  afterAll(async () => {
    await harness?.emulator.stop()
    if (home) rmSync(home, { recursive: true, force: true })
  })

  it('lists the branches the emulator has', async () => {
    const listed = JSON.parse(await neonctl('branches', 'list', '-o', 'json')) as Branch[]
    expect(listed.map((branch) => [branch.id, branch.name])).toEqual(
      (await branchList()).map((branch) => [branch.id, branch.name])
    )
  })

  it(`prints connection strings that connect as printed (${psqlPath ? 'psql and ' : 'no psql here; '}node-postgres)`, async () => {
    head = await neonctl('connection-string', 'main')
    expect(head).toMatch(
      /^postgresql:\/\/neondb_owner:[^@]+@127\.0\.0\.1:\d+\/neondb\?sslmode=require&channel_binding=require$/
    )
    const atLsn = await neonctl('connection-string', `main@${lsn}`)
    expect(atLsn).toContain(`options=${encodeURIComponent(`neon_lsn:${lsn}`)}`)
    const atTime = await neonctl('connection-string', `main@${time}`)
    expect(await pgRows(head)).toBe('1,2,3')
    expect(await pgRows(atTime)).toBe('1,2')
    if (!psqlPath) return
    expect(await psqlRows(head)).toBe('1,2,3')
    expect(await psqlRows(atLsn)).toBe('1')
    expect(await psqlRows(atTime)).toBe('1,2')
  })

  it('serves the URL create-branch-action builds from endpoint.host, with psql', async () => {
    if (!psqlPath) return
    const { info } = harness.emulator
    const { data } = await harness.api.listProjectBranchEndpoints(harness.projectId, info.branchId)
    const { data: secret } = await harness.api.getProjectBranchRolePassword(
      harness.projectId,
      info.branchId,
      info.roleName
    )
    const url = `postgresql://${info.roleName}:${secret.password}@${data.endpoints[0].host}/${info.databaseName}?sslmode=require`
    expect(await psqlRows(url)).toBe('1,2,3')
  })

  it('creates branches from an LSN and from a time, holding the rows of that point', async () => {
    const fromLsn = JSON.parse(await neonctl('branches', 'create', '--name', 'at-lsn', '--parent', lsn, '-o', 'json'))
    const fromTime = JSON.parse(
      await neonctl('branches', 'create', '--name', 'at-time', '--parent', time, '-o', 'json')
    )
    const branches = await branchList()
    const main = branches.find((branch) => branch.name === 'main')!
    const rows = async (branchId: string): Promise<string> => {
      const { info } = harness.emulator
      const { data } = await harness.api.getConnectionUri({
        projectId: harness.projectId,
        branch_id: branchId,
        database_name: info.databaseName,
        role_name: info.roleName
      })
      const [row] = await query<{ rows: string }>(
        data.uri,
        "SELECT string_agg(n::text, ',' ORDER BY n) AS rows FROM marks"
      )
      return row.rows
    }
    for (const created of [fromLsn.branch, fromTime.branch]) {
      expect(branches.find((branch) => branch.id === created.id)).toMatchObject({ parent_id: main.id })
    }
    expect(await rows(fromLsn.branch.id)).toBe('1')
    expect(await rows(fromTime.branch.id)).toBe('1,2')
  })

  it('restores main to its own past, keeping the old head under the given name', async () => {
    await neonctl('branches', 'restore', 'main', `^self@${time}`, '--preserve-under-name', 'main-before', '-o', 'json')
    const branches = await branchList()
    const backup = branches.find((branch) => branch.name === 'main-before')
    expect(backup).toBeDefined()
    expect(branches.find((branch) => branch.name === 'main')).toMatchObject({ parent_id: backup!.id })
    expect(await pgRows(head)).toBe('1,2')
    if (psqlPath) expect(await psqlRows(head)).toBe('1,2')
  })

  it('reached nothing off the loopback, and the guard that checks so does refuse', async () => {
    expect(existsSync(networkLog) ? readFileSync(networkLog, 'utf8') : '').toBe('')
    const probe = path.join(home, 'probe.log')
    const script = "fetch('https://neon.tech').catch(() => undefined)"
    await run(process.execPath, ['--import', guard, '-e', script], {
      env: { PATH: process.env.PATH, NETWORK_LOG: probe }
    })
    expect(readFileSync(probe, 'utf8')).toBe('neon.tech:443\n')
  })
})
