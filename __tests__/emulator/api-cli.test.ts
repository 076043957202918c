/**
 * The CLI contract other checks depend on: `npm run --silent emulator -- …` prints exactly one JSON line when
 * ready, its URI works with psql and pg, SIGTERM stops it with exit 0, and a second start on the same
 * `--state-dir` resumes the same project, key, branches, ports and data.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { createApiClient } from '@neondatabase/api-client'
import type { EmulatorInfo } from '../../emulator/index.js'
import { query } from './api-helpers.js'

const root = path.resolve(import.meta.dirname ?? '.', '../..')
const hasPsql = spawnSync('psql', ['--version']).status === 0

interface Running {
  child: ChildProcess
  info: EmulatorInfo
  stdout: () => string
}

function start(args: string[], options: { detached?: boolean } = {}): Promise<Running> {
  const child = spawn('npm', ['run', '--silent', 'emulator', '--', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached
  })
  let stdout = ''
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (stdout.includes('\n'))
        resolve({ child, info: JSON.parse(stdout.split('\n')[0]) as EmulatorInfo, stdout: () => stdout })
    })
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code} before it was ready: ${stderr}`)))
  })
}

const groupAlive = (group: number): boolean => {
  try {
    process.kill(-group, 0)
    return true
  } catch {
    return false
  }
}

function stop(running: Running): Promise<number | null> {
  return new Promise((resolve) => {
    running.child.on('exit', (code) => resolve(code))
    running.child.kill('SIGTERM')
  })
}

describe('emulator CLI', () => {
  let stateDir: string

  beforeAll(() => {
    // Clusters run as an unprivileged user, who must be able to reach the state dir.
    const parent = mkdtempSync('/dev/shm/api-cli-test-')
    chmodSync(parent, 0o755)
    stateDir = path.join(parent, 'state')
  })

  afterAll(() => {
    rmSync(path.dirname(stateDir), { recursive: true, force: true })
  })

  it('exits 2 with a clear message on a bad flag', () => {
    const result = spawnSync('npm', ['run', '--silent', 'emulator', '--', '--faults', 'boom:1'], {
      cwd: root,
      encoding: 'utf8'
    })
    expect(result.status).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/unknown fault kind "boom"/)
  })

  it(`starts, serves ${hasPsql ? 'psql and pg' : 'pg (no psql here)'}, stops on SIGTERM, and resumes from its state dir`, async () => {
    const first = await start(['--state-dir', stateDir, '--branch-limit', '5'])
    const { info } = first
    expect(Object.keys(info)).toEqual([
      'apiHost',
      'apiKey',
      'projectId',
      'branchId',
      'branchName',
      'databaseName',
      'roleName',
      'connectionUri',
      'tlsCertificate',
      'projects'
    ])
    expect(info).toMatchObject({ branchName: 'main', databaseName: 'neondb', roleName: 'neondb_owner' })
    expect(info.apiHost).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v2$/)
    expect(info.connectionUri).toMatch(/^postgresql:\/\/neondb_owner:[^@]+@127\.0\.0\.1:\d+\/neondb$/)
    expect(readFileSync(info.tlsCertificate, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/)

    // psql is PostgreSQL's client, not part of the emulator: a machine without PostgreSQL installed has none.
    if (hasPsql) {
      const psql = spawnSync(
        'psql',
        [
          info.connectionUri,
          '-v',
          'ON_ERROR_STOP=1',
          '-c',
          'CREATE TABLE kept (v text)',
          '-c',
          "INSERT INTO kept VALUES ('psql')"
        ],
        {
          encoding: 'utf8'
        }
      )
      expect(psql.stderr).toBe('')
      expect(psql.status).toBe(0)
    } else {
      await query(info.connectionUri, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('psql')")
    }
    const api = createApiClient({ apiKey: info.apiKey, baseURL: info.apiHost })
    const created = await api.createProjectBranch(info.projectId, {
      branch: { name: 'survivor' },
      endpoints: [{ type: 'read_write' as never }]
    })
    const branchUri = created.data.connection_uris![0].connection_uri

    expect(await stop(first)).toBe(0)
    expect(first.stdout().trim().split('\n')).toHaveLength(1)

    const second = await start(['--state-dir', stateDir])
    try {
      expect(second.info).toEqual(info)
      const again = createApiClient({ apiKey: info.apiKey, baseURL: second.info.apiHost })
      const { data } = await again.listProjectBranches({ projectId: info.projectId })
      expect(data.branches.map((branch) => branch.name).sort()).toEqual(['main', 'survivor'])
      expect((await again.getProject(info.projectId)).data.project.owner?.branches_limit).toBe(5)
      expect(await query(info.connectionUri, 'SELECT v FROM kept')).toEqual([{ v: 'psql' }])
      expect(await query(branchUri, 'SELECT v FROM kept')).toEqual([{ v: 'psql' }])
    } finally {
      expect(await stop(second)).toBe(0)
    }
  })

  it('removes the state dir it made when its whole process group gets SIGTERM, as on Ctrl-C or a cancelled job', async () => {
    const running = await start([], { detached: true })
    // Its own state dir, where the ready line's certificate is (other test files make emulators at the same time).
    const made = [path.basename(path.dirname(running.info.tlsCertificate))]
    expect(made[0]).toMatch(/^neon-emulator-/)
    expect(existsSync(path.join('/dev/shm', made[0]))).toBe(true)
    // A running server (the branch's compute) makes the stop do real work.
    expect(await query(running.info.connectionUri, 'SELECT 1 AS one')).toEqual([{ one: 1 }])
    const exited = new Promise<number | null>((resolve) => running.child.on('exit', resolve))
    process.kill(-running.child.pid!, 'SIGTERM')
    expect(await exited).toBe(0)
    for (let waited = 0; waited < 10_000 && groupAlive(running.child.pid!); waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(groupAlive(running.child.pid!)).toBe(false)
    expect(existsSync(path.join('/dev/shm', made[0]))).toBe(false)
  })
})
