/** The live suite's reporting and settings, without any Neon: what a maintainer reads in the log. */
import { spawnSync } from 'node:child_process'
import { readSettings } from '../../live/context.js'
import { exitCode, runScenarios } from '../../live/runner.js'

async function report(scenarios: { name: string; run(): Promise<void> }[], after?: () => Promise<void>) {
  const lines: string[] = []
  const result = await runScenarios(scenarios, undefined, { after }, (line) => lines.push(line))
  return { lines, code: exitCode(result) }
}

const passes = { name: 'passes', run: async () => undefined }
const fails = {
  name: 'fails',
  run: async () => {
    throw new Error('rows: expected [1,2,3]\ngot [1,2]')
  }
}

describe('the live runner', () => {
  test('prints PASS with the time, FAIL with the reason on one line, and the closing count; exit 0 or 1', async () => {
    const ok = await report([passes, passes])
    expect(ok.lines).toEqual([
      expect.stringMatching(/^PASS passes \(\d+\.\d+s\)$/),
      expect.stringMatching(/^PASS passes \(\d+\.\d+s\)$/),
      '2 passed, 0 failed'
    ])
    expect(ok.code).toBe(0)

    const bad = await report([passes, fails, passes])
    expect(bad.lines).toEqual([
      expect.stringMatching(/^PASS passes /),
      'FAIL fails: rows: expected [1,2,3] | got [1,2]',
      expect.stringMatching(/^PASS passes /),
      '2 passed, 1 failed'
    ])
    expect(bad.code).toBe(1)
  })

  test('runs the clean-up after every scenario, and a clean-up that fails fails its scenario', async () => {
    const cleaned: string[] = []
    const { lines, code } = await report([passes, fails], async () => {
      cleaned.push('after')
      if (cleaned.length === 1) throw new Error('could not delete br-x')
    })
    expect(cleaned).toEqual(['after', 'after'])
    expect(lines).toEqual([
      'FAIL passes: cleaning up: could not delete br-x',
      'FAIL fails: rows: expected [1,2,3] | got [1,2]',
      '0 passed, 2 failed'
    ])
    expect(code).toBe(1)
  })
})

describe('the live settings', () => {
  test('NEON_API_HOST defaults to Neon; the key and project are required, each named with what to set', () => {
    expect(readSettings({ NEON_API_KEY: 'napi_x', NEON_PROJECT_ID: 'small-tree-123' })).toEqual({
      apiKey: 'napi_x',
      projectId: 'small-tree-123',
      apiHost: 'https://console.neon.tech/api/v2'
    })
    expect(() => readSettings({ NEON_API_HOST: 'neon' })).toThrow(
      /^NEON_API_KEY is not set: .*\nNEON_PROJECT_ID is not set: .*disposable.*\nNEON_API_HOST "neon" is not a URL/
    )
  })

  test('npm run test:live without them exits 1 before calling anything', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NEON_')))
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'live/run.ts'], {
      env: { ...env, NODE_OPTIONS: '' },
      encoding: 'utf8'
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('NEON_API_KEY is not set')
    expect(run.stdout).toBe('')
  })
})
