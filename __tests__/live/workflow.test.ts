/**
 * .github/workflows/live.yml as the runner would read it: scheduled and dispatchable, read-only, and its first
 * step (run here with bash, the secrets as its env gives them) skips the job with a notice when the repository
 * has no NEON_API_KEY secret, so a fork or a fresh clone gets a green run instead of a failure.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'
import { parseCommandFile } from '../../tools/runner.js'

interface Step {
  id?: string
  if?: string
  run?: string
  env?: Record<string, string>
}
const workflow = parse(readFileSync('.github/workflows/live.yml', 'utf8')) as {
  on: Record<string, unknown>
  permissions: Record<string, string>
  jobs: { live: { steps: Step[] } }
}
const steps = workflow.jobs.live.steps
const [settings, ...rest] = steps
const CONFIGURED = "steps.settings.outputs.configured == 'true'"

/** Runs the settings step with these values for its env (a secret that is not set arrives empty). */
function checkSettings(values: Record<string, string>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'live-workflow-'))
  const output = path.join(dir, 'output')
  try {
    const env = Object.fromEntries(Object.keys(settings.env ?? {}).map((name) => [name, values[name] ?? '']))
    const run = spawnSync(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', '-c', `: > ${output}\n${settings.run}`],
      {
        env: { PATH: process.env.PATH, GITHUB_OUTPUT: output, ...env },
        encoding: 'utf8'
      }
    )
    return { code: run.status, log: run.stdout, outputs: parseCommandFile(readFileSync(output, 'utf8')) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

test('runs daily and on demand with read-only contents, and never expands an expression inside run:', () => {
  expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch'])
  expect(workflow.permissions).toEqual({ contents: 'read' })
  for (const step of steps) expect(step.run ?? '').not.toContain('${{')
})

test('without the secret: a notice, configured=false, exit 0; every later step is skipped by its if', () => {
  const { code, log, outputs } = checkSettings({})
  expect(code).toBe(0)
  expect(log).toMatch(/^::notice title=Live suite skipped::no NEON_API_KEY secret/m)
  expect(outputs).toEqual({ configured: 'false' })
  for (const step of rest) expect(step.if).toBe(CONFIGURED)
})

test('with the key but no project: an error naming NEON_PROJECT_ID; with both: configured=true', () => {
  const missing = checkSettings({ NEON_API_KEY: 'napi_x' })
  expect(missing.code).toBe(1)
  expect(missing.log).toMatch(/^::error title=Live suite::NEON_API_KEY is set but NEON_PROJECT_ID is not/m)
  const both = checkSettings({ NEON_API_KEY: 'napi_x', NEON_PROJECT_ID: 'small-tree-12345678' })
  expect(both.code).toBe(0)
  expect(both.outputs).toEqual({ configured: 'true' })
})

test('runs npm run test:live with the key, the project and the optional host', () => {
  const suite = steps.find((step) => step.run === 'npm run test:live')
  expect(Object.keys(suite?.env ?? {}).sort()).toEqual(['NEON_API_HOST', 'NEON_API_KEY', 'NEON_PROJECT_ID'])
  expect(suite?.env?.NEON_API_KEY).toBe('${{ secrets.NEON_API_KEY }}')
})
