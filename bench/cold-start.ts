/**
 * Cold start of the bundle: the time from spawning node to its exit, for `node -e 0` (node alone) and for the
 * bundle reaching its first input error or its first answer from Neon, with a bundle from git (`--before`,
 * default main: its committed dist/) and this checkout's dist/ side by side, on Node 20 (this process's node)
 * and Node 24 (tools/node24.ts). Median of `--runs` (default 11), cases interleaved so that load on the
 * machine falls on all of them alike. Then dist/'s size, total and per chunk, with what loads each chunk
 * (tools/record-loads.mjs). Prints figures; asserts nothing (__tests__/dist/bundle.test.ts does).
 *
 *   npm run bench:cold-start [-- --runs 11 --before main]
 */
import { execFile, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { parse } from 'yaml'
import { NODE24, node24Unavailable } from '../tools/node24.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '11' }, before: { type: 'string', default: 'main' } }
})
const runs = Number(values.runs)
const work = mkdtempSync(path.join(os.tmpdir(), 'cold-start-'))

/** A stand-in for Neon that refuses every key: a step fails on its first answer, once its operation loaded. */
const refusing = createServer((_request, response) => {
  response.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"authentication failed"}')
})
await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve))
const apiHost = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/api/v2`

interface Case {
  label: string
  /** Inputs beyond action.yml's defaults; none for `node -e 0`. */
  inputs?: Record<string, string>
  /** What the step's output must show, checked once before timing. */
  expect?: RegExp
}

const connection = { 'api-key': 'napi_refused', 'project-id': 'shiny-sun-12345678', 'api-host': apiHost }
const CASES: Case[] = [
  { label: 'node -e 0' },
  { label: 'first input error (prune, no api-key)', inputs: { operation: 'prune' }, expect: /::error::api-key/ },
  {
    label: 'input error, prune dry run',
    inputs: { operation: 'prune', 'dry-run': 'true', match: 'main-*', 'keep-last': '3' },
    expect: /::error::api-key/
  },
  { label: 'input error, bisect', inputs: { operation: 'bisect', check: 'SELECT true' }, expect: /::error::api-key/ },
  {
    label: "Neon's first answer (401), prune",
    inputs: { ...connection, operation: 'prune', match: 'main-*', 'keep-last': '3' },
    expect: /Neon rejected the api-key/
  },
  {
    label: "Neon's first answer (401), bisect",
    inputs: { ...connection, operation: 'bisect', check: 'SELECT true', good: '0/1000000' },
    expect: /Neon rejected the api-key/
  }
]

/** action.yml's defaults as INPUT_*, as the runner passes every declared input. */
function inputEnv(inputs: Record<string, string>): Record<string, string> {
  const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>
  }
  const all = { ...Object.fromEntries(Object.entries(action.inputs).map(([n, i]) => [n, i.default ?? ''])), ...inputs }
  return Object.fromEntries(Object.entries(all).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]))
}

/** The environment of one step: its inputs and fresh runner files (saveState needs GITHUB_STATE to exist). */
function stepEnv(inputs: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  const step = mkdtempSync(path.join(work, 'step-'))
  const files = Object.fromEntries(
    ['GITHUB_STATE', 'GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY'].map((name) => [name, path.join(step, name)])
  )
  for (const file of Object.values(files)) writeFileSync(file, '')
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...files, ...inputEnv(inputs), ...extra }
}

const argsOf = (bundle: string, item: Case) => (item.inputs ? [bundle] : ['-e', '0'])

/** Milliseconds from spawn to exit. */
function timeOnce(node: string, args: string[], env: Record<string, string>): Promise<number> {
  const started = process.hrtime.bigint()
  const child = spawn(node, args, { env, stdio: 'ignore' })
  return new Promise((resolve) => child.once('exit', () => resolve(Number(process.hrtime.bigint() - started) / 1e6)))
}

/** The old bundle: `ref`'s committed dist/, which CI keeps in sync with its sources. */
function bundleAt(ref: string): string {
  const dir = path.join(work, 'before')
  execFileSync('mkdir', ['-p', dir])
  execFileSync('sh', ['-c', `git -C "${root}" archive "${ref}" dist | tar -x -C "${dir}"`])
  return path.join(dir, 'dist', 'index.js')
}

/**
 * A step's output. Asynchronous, never execFileSync: the stand-in for Neon answers from this process's event
 * loop, which a synchronous child would block until the step gives up.
 */
function output(node: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve) => execFile(node, args, { env }, (_error, stdout) => resolve(String(stdout))))
}

/** Checks each case does what its label says before it is timed. */
async function check(node: string, bundle: string, item: Case): Promise<void> {
  if (!item.expect) return
  const text = await output(node, argsOf(bundle, item), stepEnv(item.inputs!))
  if (!item.expect.test(text)) throw new Error(`${item.label} with ${bundle}: no ${item.expect} in:\n${text}`)
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]
const seconds = (ms: number) => (ms / 1000).toFixed(3)
const kB = (bytes: number) => `${Math.round(bytes / 1000)} kB`

/** Median milliseconds per node, bundle and case; `node -e 0` once a round, each bundle case once a round. */
async function measure(nodes: [string, string][], bundles: Record<string, string>) {
  const samples = new Map<string, number[]>()
  const add = (key: string, ms: number) => samples.set(key, [...(samples.get(key) ?? []), ms])
  for (let round = 0; round < runs; round++) {
    for (const [version, node] of nodes) {
      for (const item of CASES) {
        for (const [which, bundle] of Object.entries(item.inputs ? bundles : { node: '' })) {
          const env = item.inputs ? stepEnv(item.inputs) : { PATH: process.env.PATH ?? '' }
          add(`${version}|${which}|${item.label}`, await timeOnce(node, argsOf(bundle, item), env))
        }
      }
    }
  }
  return (version: string, which: string, label: string) => median(samples.get(`${version}|${which}|${label}`)!)
}

function printTimes(nodes: [string, string][], at: (version: string, which: string, label: string) => number) {
  console.log(`\nSpawn to exit, median of ${runs} (s); before: ${values.before}'s dist/, after: this dist/\n`)
  console.log('| Node | case | before | after | after ÷ node -e 0 |')
  console.log('| ---- | ---- | ------ | ----- | ----------------- |')
  for (const [version] of nodes) {
    const bare = at(version, 'node', 'node -e 0')
    console.log(`| ${version} | node -e 0 | ${seconds(bare)} | ${seconds(bare)} | 1.0x |`)
    for (const item of CASES.filter((candidate) => candidate.inputs)) {
      const [before, after] = [at(version, 'before', item.label), at(version, 'after', item.label)]
      console.log(
        `| ${version} | ${item.label} | ${seconds(before)} | ${seconds(after)} | ${(after / bare).toFixed(1)}x |`
      )
    }
  }
}

/** Valid inputs of each operation: each step loads its operation, then fails on Neon's 401. */
const OPERATIONS: Record<string, Record<string, string>> = {
  snapshot: {},
  restore: { source: 'other' },
  bisect: { check: 'SELECT true', good: '0/1000000' },
  query: { sql: 'SELECT 1' },
  verify: { checks: 'SELECT true' },
  prune: { match: 'main-*', 'keep-last': '3' },
  recover: { tables: 'items', at: '90m ago' }
}

/** Which steps load each file of dist/: an input error, each operation, a post step (tools/record-loads.mjs). */
async function loadedBy(node: string, bundle: string): Promise<Map<string, string[]>> {
  const by = new Map<string, string[]>()
  type Step = [name: string, inputs: Record<string, string>, state: Record<string, string>]
  const steps: Step[] = [
    ['input error', { operation: 'prune' }, {}],
    ...Object.entries(OPERATIONS).map(([operation, inputs]): Step => [
      operation,
      { ...connection, operation, ...inputs },
      {}
    ]),
    // The post step of a verify: the runner passes the state the main step saved.
    [
      'post step',
      { ...connection, operation: 'verify', checks: 'SELECT true' },
      { STATE_isPost: 'true', STATE_sweep: 'true' }
    ]
  ]
  for (const [name, inputs, state] of steps) {
    const record = path.join(work, `loads-${name.replace(/ /g, '-')}`)
    writeFileSync(record, '')
    // Every step fails, on its inputs or on Neon's 401: what it loaded on the way is the point.
    const text = await output(node, ['--import', path.join(root, 'tools', 'record-loads.mjs'), bundle], {
      ...stepEnv(inputs, state),
      RECORD_LOADS: record
    })
    if (!/::error::/.test(text) || (name !== 'input error' && !/Neon rejected the api[- ]key/i.test(text))) {
      throw new Error(`${name} did not reach Neon:\n${text}`)
    }
    for (const file of new Set(readFileSync(record, 'utf8').split('\n').filter(Boolean))) {
      by.set(path.basename(file), [...(by.get(path.basename(file)) ?? []), name])
    }
  }
  return by
}

/** What a chunk holds, by a string only that package's code has; the chunk ids are webpack's own. */
const MARKERS: [string, string][] = [
  ['pg-native', 'pg, the Postgres driver'],
  ['SWAGGER-TYPESCRIPT-API', '@neondatabase/api-client, axios'],
  ['minimatch', 'minimatch'],
  ['class ProxyAgent', '@actions/core, its http-client and undici']
]

function printSizes(beforeBundle: string, by: Map<string, string[]>) {
  const sizeOf = (dir: string) => readdirSync(dir).reduce((sum, file) => sum + statSync(path.join(dir, file)).size, 0)
  const dist = path.join(root, 'dist')
  console.log(`\ndist/: ${kB(sizeOf(dist))} now, ${kB(sizeOf(path.dirname(beforeBundle)))} before (${values.before})\n`)
  console.log('| file | size | loaded by | holds (besides src/) |')
  console.log('| ---- | ---- | --------- | -------------------- |')
  const files = readdirSync(dist).sort((a, b) => statSync(path.join(dist, b)).size - statSync(path.join(dist, a)).size)
  for (const file of files) {
    const text = readFileSync(path.join(dist, file), 'utf8')
    const holds = MARKERS.filter(([marker]) => file.endsWith('.js') && text.includes(marker)).map(([, name]) => name)
    const loaders = by.get(file) ?? []
    const loaded = loaders.includes('input error') ? 'every step' : loaders.join(', ') || '-'
    console.log(`| ${file} | ${kB(statSync(path.join(dist, file)).size)} | ${loaded} | ${holds.join('; ')} |`)
  }
}

try {
  const bundles = { before: bundleAt(values.before), after: path.join(root, 'dist', 'index.js') }
  const nodes: [string, string][] = [process.execPath, ...(node24Unavailable ? [] : [NODE24])].map((node) => [
    execFileSync(node, ['--version']).toString().trim(),
    node
  ])
  if (node24Unavailable) console.log(`Node 24 skipped: ${node24Unavailable}`)
  for (const [, node] of nodes)
    for (const bundle of Object.values(bundles)) for (const item of CASES) await check(node, bundle, item)
  printTimes(nodes, await measure(nodes, bundles))
  printSizes(bundles.before, await loadedBy(nodes[nodes.length - 1][1], bundles.after))
} finally {
  refusing.close()
  rmSync(work, { recursive: true, force: true })
}
