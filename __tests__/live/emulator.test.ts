/**
 * The live suite (live/run.ts, `npm run test:live`) run as a maintainer runs it, against the emulator instead of
 * Neon: every scenario passes, the closing line says so, and the project's branch list is the one it started
 * with. The emulator keeps Neon's default branch limit, so the suite is also
 * shown to fit a Free plan project.
 */
import { spawn } from 'node:child_process'
import { createApiClient } from '@neondatabase/api-client'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { SCENARIOS } from '../../live/scenarios/index.js'

let emulator: Emulator
let api: ReturnType<typeof createApiClient>

beforeAll(async () => {
  emulator = await startEmulator({ validate: true, log: () => undefined })
  api = createApiClient({ apiKey: emulator.info.apiKey, baseURL: emulator.info.apiHost })
})

afterAll(() => emulator?.stop())

async function branchList({ includeDeleted = false } = {}): Promise<string[]> {
  const { data } = await api.listProjectBranches({
    projectId: emulator.info.projectId,
    ...(includeDeleted ? { include_deleted: true } : {})
  })
  return data.branches.map((branch) => `${branch.id} ${branch.name}`).sort()
}

function runSuite(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('NEON_API') && name !== 'NEON_PROJECT_ID')
  )
  const child = spawn(process.execPath, ['--import', 'tsx', 'live/run.ts'], {
    env: { ...inherited, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })))
}

test('every scenario passes on the emulator and the project is left as it was found', async () => {
  const before = await branchList()
  const { apiKey, apiHost, projectId } = emulator.info
  const { code, output } = await runSuite({ NEON_API_KEY: apiKey, NEON_PROJECT_ID: projectId, NEON_API_HOST: apiHost })
  const lines = output.trim().split('\n')

  expect(lines.filter((line) => line.startsWith('FAIL'))).toEqual([])
  expect(code).toBe(0)
  for (const scenario of SCENARIOS)
    expect(lines).toContainEqual(expect.stringMatching(`^PASS ${escape(scenario.name)} \\(`))
  expect(lines.at(-1)).toBe(`${SCENARIOS.length + 1} passed, 0 failed`)
  expect(await branchList()).toEqual(before)
  // The suite deletes its own branches for good (hard_delete). Only what the action's prune deleted stays
  // recoverable, as Neon keeps a plain delete for 7 days: the two older prune branches.
  const recoverable = (await branchList({ includeDeleted: true })).filter((branch) => !before.includes(branch))
  expect(recoverable.map((branch) => branch.replace(/^\S+ live-[0-9a-z]+-/, '')).sort()).toEqual(['prune-a', 'prune-b'])
  expect(output).not.toContain(apiKey)
}, 240_000)

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
