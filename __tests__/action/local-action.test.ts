/**
 * `npx @github/local-action run . src/main.ts <.env>` runs the action from the checkout, as the README's
 * development section shows: local-action stubs @actions/core, loads src/main.ts with tsx and calls run() (and
 * again for `--post src/main.ts`). Run here on Node 24 (local-action is tested on 22 and 24) against the
 * emulator, and judged from the emulator's branch list and from what local-action prints.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { node24Unavailable, withNode24OnPath } from '../../tools/node24.js'
import { ActionHarness, describeOnNode24 } from './helpers.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const dir = mkdtempSync(path.join(tmpdir(), 'local-action-'))
let harness: ActionHarness
let runs = 0

beforeAll(async () => {
  if (!node24Unavailable) harness = await ActionHarness.start()
}, 60_000)

afterAll(async () => {
  await harness?.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** The environment of local-action's processes: this one's, without the runner's (a CI job's) own files. */
function childEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(GITHUB_|RUNNER_|INPUT_|STATE_|NODE_OPTIONS$)/.test(name))
  )
  // Every node process on the way (npx, npm exec, tsx, the action) prints its version to stderr first.
  const printVersion = '--import=data:text/javascript,process.stderr.write(process.version+String.fromCharCode(10))'
  return withNode24OnPath({ ...env, NODE_OPTIONS: printVersion })
}

/** Writes the .env local-action reads (the inputs as INPUT_*), runs it from the repository root. */
async function localAction(inputs: Record<string, string>, args: string[] = []) {
  const run = ++runs
  const summary = path.join(dir, `summary-${run}`)
  writeFileSync(summary, '')
  const lines = Object.entries({ ...harness.connection, ...inputs }).map(
    ([name, value]) => `INPUT_${name.toUpperCase()}=${value}`
  )
  lines.push(`GITHUB_RUN_ID=${7000 + run}`, `GITHUB_STEP_SUMMARY=${summary}`)
  const envFile = path.join(dir, `env-${run}`)
  writeFileSync(envFile, lines.join('\n') + '\n')
  const child = spawn('npx', ['@github/local-action', 'run', '.', 'src/main.ts', envFile, ...args], {
    cwd: root,
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve))
  const versions = stderr.split('\n').filter((line) => /^v\d+\.\d+\.\d+$/.test(line))
  return { code, stdout, stderr, versions, summary: readFileSync(summary, 'utf8') }
}

const branchNames = async () => (await harness.branches()).map((branch) => branch.name).sort()

describeOnNode24('npx @github/local-action run . src/main.ts .env, on Node 24', () => {
  it('snapshot: creates the branch, prints the outputs and writes the job summary', async () => {
    const result = await localAction({ operation: 'snapshot', branch: 'main', name: 'la-snapshot' })
    expect({ code: result.code, stderr: result.stderr.replace(/^v.*\n/gm, '') }).toEqual({ code: 0, stderr: '' })
    expect(result.versions.length).toBeGreaterThan(1)
    expect(result.versions.filter((version) => !version.startsWith('v24.'))).toEqual([])
    expect(result.stdout).toContain('::info::Created branch la-snapshot')
    expect(result.stdout).toMatch(/'branch-name'\s*│\s*'la-snapshot'/)
    expect(result.stdout).not.toContain('::error::')
    expect(result.summary).toContain('Snapshot of main')
    expect(await branchNames()).toContain('la-snapshot')
  }, 60_000)

  it('a dry run creates nothing', async () => {
    const before = await branchNames()
    const result = await localAction({ operation: 'snapshot', branch: 'main', name: 'la-dry', 'dry-run': 'true' })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Dry run: Snapshot of main')
    expect(result.stdout).toContain('No outputs were set!')
    expect(await branchNames()).toEqual(before)
  }, 60_000)

  it('with --post src/main.ts, the second run() is the post step, not the operation again', async () => {
    const result = await localAction({ operation: 'verify', branch: 'main', checks: 'SELECT true' }, [
      '--post',
      'src/main.ts'
    ])
    expect(result.code).toBe(0)
    expect(result.stdout).not.toContain('::error::')
    expect(result.stdout).toMatch(/'passed'\s*│\s*'true'/)
    const postAt = result.stdout.indexOf('Running Post Step')
    expect(postAt).toBeGreaterThan(-1)
    // The drill ran once, before the post step; no throwaway branch is left.
    expect(result.stdout.match(/is ready; running/g)).toHaveLength(1)
    expect(result.stdout.indexOf('is ready; running')).toBeLessThan(postAt)
    expect((await branchNames()).filter((name) => name.startsWith('nra-ephemeral-'))).toEqual([])
  }, 60_000)

  it('an input error shows as ::error:: lines and sends nothing to Neon', async () => {
    const before = harness.emulator.requestLog().length
    const result = await localAction({ operation: 'restore', branch: 'main', source: '' })
    expect(result.stdout).toMatch(/::error::source: is empty/)
    expect(harness.emulator.requestLog().length).toBe(before)
  }, 60_000)
})
