/**
 * The command line (dist/cli.js, package.json "bin"), run as a user runs it: the Neon connection in
 * NEON_API_KEY, NEON_PROJECT_ID and NEON_API_HOST, stdin not a terminal (as in a script). Judged from the
 * emulator's branch list, its request log and the data in Postgres.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { InputError, readSettings } from '../../src/inputs.js'
import { ActionHarness, currentLsn, ids, query } from './helpers.js'

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
const recordLoads = fileURLToPath(new URL('../../tools/record-loads.mjs', import.meta.url))

interface CliRun {
  code: number
  stdout: string
  stderr: string
}

let harness: ActionHarness
let app: { id: string; uri: string }
/** On app: rows 1-3 exist at this point, rows 4-6 only after it. */
let lsnAfterThree: string
const runs: CliRun[] = []

/** The CLI's run and how many requests it sent to the emulator. */
async function neonRecoveryRequests(args: string[]): Promise<CliRun & { requests: number }> {
  const before = harness.emulator.requestLog().length
  const run = await neonRecovery(args)
  return { ...run, requests: harness.emulator.requestLog().length - before }
}

function neonRecovery(args: string[], extraEnv: Record<string, string> = {}, nodeArgs: string[] = []): Promise<CliRun> {
  const { apiKey, apiHost, projectId } = harness.emulator.info
  const env = { PATH: process.env.PATH ?? '', NEON_API_KEY: apiKey, NEON_PROJECT_ID: projectId, NEON_API_HOST: apiHost }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...nodeArgs, cli, ...args],
      { env: { ...env, ...extraEnv } },
      (error, stdout, stderr) => {
        const run = { code: error ? (error.code as number) : 0, stdout, stderr }
        runs.push(run)
        resolve(run)
      }
    )
  })
}

/**
 * The CLI in a terminal: util-linux `script` gives it a pseudo-terminal (stdout and stderr both arrive in
 * `stdout`), and `answer` is typed at its question.
 */
function inTerminal(args: string[], answer: string): Promise<CliRun> {
  const { apiKey, apiHost, projectId } = harness.emulator.info
  const env = { PATH: process.env.PATH ?? '', NEON_API_KEY: apiKey, NEON_PROJECT_ID: projectId, NEON_API_HOST: apiHost }
  const command = [process.execPath, cli, ...args].map((arg) => `'${arg.replace(/'/g, "'\\''")}'`).join(' ')
  return new Promise((resolve) => {
    const child = execFile('script', ['-qec', command, '/dev/null'], { env }, (error, stdout, stderr) => {
      const run = { code: error ? (error.code as number) : 0, stdout, stderr }
      runs.push(run)
      resolve(run)
    })
    child.stdin!.end(`${answer}\n`)
  })
}

async function branchNames(): Promise<string[]> {
  return (await harness.branches()).map((branch) => branch.name).sort()
}

beforeAll(async () => {
  harness = await ActionHarness.start()
  app = await harness.createBranch('app')
  await query(app.uri, 'CREATE TABLE items (id int PRIMARY KEY)')
  await query(app.uri, 'INSERT INTO items SELECT generate_series(1, 3)')
  lsnAfterThree = await currentLsn(app.uri)
  await query(app.uri, 'INSERT INTO items SELECT generate_series(4, 6)')
})

afterAll(() => harness?.stop())

describe('neon-recovery (the CLI)', () => {
  it('snapshot makes the branch from the environment, prints the summary and a progress line', async () => {
    const run = await neonRecovery(['snapshot', '--branch', 'app', '--name', 'app-cli-snap'])
    expect(run.stderr).toContain('Created branch app-cli-snap')
    expect(run.code).toBe(0)
    const snapshot = (await harness.branches()).find((branch) => branch.name === 'app-cli-snap')
    expect(snapshot?.parent_id).toBe(app.id)
    expect(await ids(await harness.connectionUri(snapshot!.id), 'items')).toEqual([1, 2, 3, 4, 5, 6])
    // The summary as text, and the outputs with the connection URI masked.
    expect(run.stdout).toMatch(/app-cli-snap/)
    expect(run.stdout).toMatch(/connection-uri\s+\*\*\*/)
  })

  it('projects lists the projects with NEON_PROJECT_ID set: the environment fills only what an operation reads', async () => {
    const run = await neonRecovery(['projects'])
    expect(run.stderr).not.toContain('project-id')
    expect(run.code).toBe(0)
    const projects = JSON.parse(/^\s*projects\s+(\[.*\])$/m.exec(run.stdout)?.[1] ?? '[]') as { id: string }[]
    expect(projects.map((project) => project.id)).toEqual([harness.projectId])
  })

  it('a bad flag or value fails with the fix-it message, before any request to Neon', async () => {
    const before = await branchNames()
    const unknown = await neonRecoveryRequests(['snapshot', '--brnch', 'app'])
    expect(unknown.code).toBe(1)
    expect(unknown.requests).toBe(0)
    expect(unknown.stderr).toMatch(/^error: unknown flag --brnch; the flags are the action's inputs: .*\bbranch\b/)

    const bad = await neonRecoveryRequests(['restore', '--branch', 'app', '--at', 'x', '--parallelism', '0'])
    expect(bad.code).toBe(1)
    expect(bad.requests).toBe(0)
    // The action's own messages for the same inputs.
    const inputs: Record<string, string> = { operation: 'restore', branch: 'app', at: 'x', parallelism: '0' }
    let expected: string[] = []
    try {
      readSettings({ getInput: (name) => inputs[name] ?? (name === 'api-key' ? 'k' : ''), now: new Date() })
    } catch (error) {
      expected = (error as InputError).problems.filter((problem) => !problem.startsWith('project-id'))
    }
    expect(expected.length).toBeGreaterThan(1)
    for (const problem of expected) expect(bad.stderr).toContain(`error: ${problem}`)
    expect(await branchNames()).toEqual(before)
  })

  it('bisect prints a progress line per round', async () => {
    const run = await neonRecovery([
      'bisect',
      '--branch',
      'app',
      '--good',
      lsnAfterThree,
      '--check',
      'SELECT count(*) = 3 FROM items'
    ])
    expect(run.code).toBe(0)
    const rounds = Number(run.stdout.match(/^\s+rounds\s+(\d+)$/m)?.[1])
    expect(rounds).toBeGreaterThan(1)
    expect(run.stderr.split('\n').filter((line) => /^Round \d+: probing/.test(line))).toHaveLength(rounds)
  })

  it('a restore without a terminal is refused unless --yes is given, which restores', async () => {
    const source = `^self@${lsnAfterThree}`
    const before = await branchNames()
    const refused = await neonRecoveryRequests(['restore', '--branch', 'app', '--source', source])
    expect(refused.code).toBe(1)
    expect(refused.requests).toBe(0)
    expect(refused.stderr).toContain('restore overwrites app: not run without a terminal to ask in; add --yes')
    expect(await branchNames()).toEqual(before)
    expect(await ids(app.uri, 'items')).toEqual([1, 2, 3, 4, 5, 6])

    const restored = await neonRecovery(['restore', '--branch', 'app', '--source', source, '--yes'])
    expect(restored.code).toBe(0)
    expect(await ids(app.uri, 'items')).toEqual([1, 2, 3])
    expect((await branchNames()).filter((name) => name.startsWith('app_old_'))).toHaveLength(1)
  })

  it('in a terminal it shows the plan and asks: n changes nothing, y restores', async () => {
    const lsn = await currentLsn(app.uri)
    await query(app.uri, 'INSERT INTO items VALUES (7)')
    const args = ['restore', '--branch', 'app', '--source', `^self@${lsn}`]
    const before = await branchNames()

    const declined = await inTerminal(args, 'n')
    expect(declined.code).toBe(1)
    expect(declined.stdout).toMatch(/Dry run/i)
    expect(declined.stdout).toContain('restore overwrites app. Proceed? [y/N]')
    expect(declined.stdout).toContain('Nothing changed.')
    expect(await branchNames()).toEqual(before)
    expect(await ids(app.uri, 'items')).toEqual([1, 2, 3, 7])

    const accepted = await inTerminal(args, 'y')
    expect(accepted.code).toBe(0)
    expect(await ids(app.uri, 'items')).toEqual([1, 2, 3])
  })

  it('loads neither @actions/core nor the emulator from the shared bundle (npx installs no runner, no dev tools)', async () => {
    const loads = path.join(mkdtempSync(path.join(os.tmpdir(), 'cli-loads-')), 'loads')
    writeFileSync(loads, '')
    const run = await neonRecovery(['snapshot', '--branch', 'app', '--dry-run'], { RECORD_LOADS: loads }, [
      '--import',
      recordLoads
    ])
    expect(run.code).toBe(0)
    const loaded = readFileSync(loads, 'utf8').split('\n').filter(Boolean)
    // The operation ran: its chunk and the Neon client's loaded, beside the entries.
    expect(loaded.length).toBeGreaterThan(3)
    // What each reads from its environment: core its output file, the emulator its PostgreSQL choice; both are
    // in dist/ (the action's chunks), in none of the files the CLI loaded.
    const dist = fileURLToPath(new URL('../../dist/', import.meta.url))
    const all = readdirSync(dist).filter((file) => file.endsWith('.js'))
    expect(all.some((file) => readFileSync(dist + file, 'utf8').includes('GITHUB_OUTPUT'))).toBe(true)
    for (const file of loaded.filter((file) => file.startsWith(dist))) {
      const text = readFileSync(file, 'utf8')
      expect([file, text.includes('GITHUB_OUTPUT'), text.includes('NEON_EMULATOR_PG')]).toEqual([file, false, false])
    }
  })

  it('prints no secret', async () => {
    const secrets = await harness.secrets()
    for (const run of runs) for (const secret of secrets) expect(run.stdout + run.stderr).not.toContain(secret)
  })
})
