/** Runs the committed bundle as the runner does, to catch a bundle that builds but cannot run. */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const bundle = fileURLToPath(new URL('../../dist/index.js', import.meta.url))

function runAction(inputs: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'action-'))
  const files = { GITHUB_STATE: join(dir, 'state'), GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary') }
  for (const file of Object.values(files)) writeFileSync(file, '')
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', ...files }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  return new Promise<{ code: number; stdout: string; state: string }>((resolve) => {
    execFile(process.execPath, [bundle], { env }, (error, stdout) => {
      resolve({ code: error ? (error.code as number) : 0, stdout, state: readFileSync(files.GITHUB_STATE, 'utf8') })
    })
  })
}

describe('dist/index.js', () => {
  it('fails with one ::error:: a problem and exit 1, before calling Neon', async () => {
    const result = await runAction({ operation: 'restore', 'project-id': 'p1', 'api-host': 'http://127.0.0.1:1', at: 'x' })
    expect(result.code).toBe(1)
    const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error::'))
    expect(errors).toEqual([
      expect.stringMatching(/^::error::at: restore takes its point from source/),
      expect.stringMatching(/^::error::api-key: is empty\. Secrets are not passed to workflows triggered by pull requests from forks/),
      expect.stringMatching(/^::error::source: is empty/)
    ])
    expect(result.state).toContain('isPost')
  })

  it('masks the api key before anything else is logged', async () => {
    const result = await runAction({ 'api-key': 'napi_not_a_real_key', 'project-id': 'Bad Id' })
    expect(result.code).toBe(1)
    expect(result.stdout.split('\n')[0]).toBe('::add-mask::napi_not_a_real_key')
    expect(result.stdout).toContain('::error::project-id: "Bad Id" is not a Neon project id')
  })
})
