/** Runs the committed bundle as the runner does, to catch a bundle that builds but cannot run. */
import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const bundle = fileURLToPath(new URL('../../dist/index.js', import.meta.url))
const recordLoads = fileURLToPath(new URL('../../tools/record-loads.mjs', import.meta.url))

interface Run {
  code: number
  stdout: string
  state: string
  /** The files of dist/ the step loaded (tools/record-loads.mjs), in order. */
  loaded: string[]
}

function runAction(inputs: Record<string, string>): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'action-'))
  const files = { GITHUB_STATE: join(dir, 'state'), GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary') }
  for (const file of Object.values(files)) writeFileSync(file, '')
  const loads = join(dir, 'loads')
  writeFileSync(loads, '')
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', RECORD_LOADS: loads, ...files }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', recordLoads, bundle], { env }, (error, stdout) => {
      resolve({
        code: error ? (error.code as number) : 0,
        stdout,
        state: readFileSync(files.GITHUB_STATE, 'utf8'),
        loaded: readFileSync(loads, 'utf8').split('\n').filter(Boolean).map((file) => basename(file))
      })
    })
  })
}

/** Whether a file of dist/ holds `text`: chunks are told apart by what only they hold (the ids are webpack's). */
const holds = (text: string) => (file: string) =>
  readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8').includes(text)

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
    // The action's entry, the one bundle, and the action's chunks; bad input fails before the Neon client (with
    // axios) is even read, and the command line's chunk is never read by the action.
    expect(result.loaded.slice(0, 2)).toEqual(['index.js', 'bundle.js'])
    expect(result.loaded.filter(holds('AxiosError'))).toEqual([])
    expect(result.loaded.filter(holds('usage: neon-recovery'))).toEqual([])
  })

  it('masks the api key before anything else is logged', async () => {
    const result = await runAction({ 'api-key': 'napi_not_a_real_key', 'project-id': 'Bad Id' })
    expect(result.code).toBe(1)
    expect(result.stdout.split('\n')[0]).toBe('::add-mask::napi_not_a_real_key')
    expect(result.stdout).toContain('::error::project-id: "Bad Id" is not a Neon project id')
  })

  it('ships the licenses of the packages in every chunk, not only the last written (tools/merge-licenses.mjs)', () => {
    const names = readFileSync(new URL('../../dist/licenses.txt', import.meta.url), 'utf8').split('\n')
    for (const name of ['@actions/core', 'undici', '@neondatabase/api-client', 'axios', 'pg', 'minimatch', 'p-limit']) {
      expect(names).toContain(name)
    }
  })
})

describe('what each operation loads', () => {
  /** A stand-in for Neon that refuses every key: a step fails on its first request, once its operation loaded. */
  let refusing: Server
  let apiHost: string
  beforeAll(async () => {
    refusing = createServer((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"authentication failed"}')
    })
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve))
    apiHost = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/api/v2`
  })
  afterAll(() => new Promise((resolve) => refusing.close(resolve)))

  // pg's chunk is the one that names its optional native binding; the chunk ids are webpack's own.
  const postgresDriver = (file: string) => readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8').includes('pg-native')
  const step = (inputs: Record<string, string>) =>
    runAction({ 'api-key': 'napi_refused', 'project-id': 'shiny-sun-12345678', 'api-host': apiHost, at: 'head', ...inputs })

  it.each([
    ['prune', { match: 'main-snapshot-*', 'keep-last': '3' }],
    ['snapshot', { kind: 'branch' }]
  ])('%s reads no Postgres driver', async (operation, inputs) => {
    const result = await step({ operation, ...inputs })
    expect(result.stdout).toMatch(/::error::.*api-key/)
    expect(result.loaded.filter(holds('AxiosError'))).toHaveLength(1)
    expect(result.loaded.filter(postgresDriver)).toEqual([])
  })

  it('query reads it', async () => {
    const result = await step({ operation: 'query', sql: 'SELECT 1' })
    expect(result.stdout).toMatch(/::error::.*api-key/)
    expect(result.loaded.filter(postgresDriver)).toHaveLength(1)
  })
})
