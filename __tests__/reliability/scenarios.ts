/**
 * Every operation of the action, run from dist/index.js as the runner does, against an emulator that injects
 * faults (423, 429 with Retry-After, 503, dropped connections after a mutation was applied, slow operations).
 * Shared by the fault suite (a small matrix in `npm test`) and `npm run test:faults:wide` (bench/faults.ts).
 *
 * Each scenario sets up its own data, runs the main step and then the post step, and judges the outcome from
 * Neon's branch list and the rows in Postgres, never from what the action says about itself:
 * - the run succeeded (exit 0) with the right answer, or failed (exit 1) with a clear `::error::`;
 * - afterwards the project holds only what the operation is meant to leave (no `nra-ephemeral-*` branch);
 * - the target's data is unchanged unless the operation completed (a restore is old data plus a backup, or
 *   nothing at all).
 * Setup and inspection go through the project's own gateway (src/neon/), which retries the same faults.
 */
import pg from 'pg'
import type { RequestLogEntry } from '../../emulator/index.js'
import { NeonGateway, type Branch } from '../../src/neon/index.js'
import type { Job, StepResult } from '../../tools/runner.js'
import { ActionHarness } from '../action/helpers.js'
import { query as sql } from '../emulator/api-helpers.js'

export const OPERATIONS = [
  'snapshot',
  'restore',
  'restore-snapshot',
  'bisect-time-travel',
  'bisect-branch',
  'query',
  'verify',
  'prune',
  'recover'
] as const
export type ScenarioName = (typeof OPERATIONS)[number]

/** Mixed fault kinds adding up to `rate` of requests: 423, 429 and 503 a quarter each, drops and slow an eighth. */
export function faultSpec(rate: number, seed: number): string {
  const part = (share: number) => Math.round(rate * share * 1000) / 1000
  return [
    `423:${part(0.25)}`,
    `429:${part(0.25)}`,
    `503:${part(0.25)}`,
    `drop:${part(0.125)}`,
    `slow:${part(0.125)}`,
    `seed:${seed}`
  ].join(',')
}

export interface Outcome {
  scenario: ScenarioName
  /** The main step exited 0 with the right answer. */
  succeeded: boolean
  /** The `::error::` of a failed run. */
  error?: string
  /** Requests answered 423, 429 or 503, or cut (drop), in main and post: each one retried or looked up. */
  retries: number
  /** Faults injected into those requests, by kind. */
  faults: Record<string, number>
  /** Ephemeral branches (or other branches the operation must not leave) still there after the post step. */
  leaked: string[]
  /** What is wrong with the outcome: empty when it is one the operation may have. */
  problems: string[]
  ms: number
  main: StepResult
  post: StepResult
}

/** Reads and writes through src/neon/, which rides out the faults the action rides out. */
export class FaultWorld {
  readonly gateway: NeonGateway
  private count = 0

  private constructor(readonly harness: ActionHarness) {
    const { apiKey, apiHost, projectId } = harness.emulator.info
    this.gateway = new NeonGateway({
      apiKey,
      apiHost,
      projectId,
      // Setup and checks only: shorter waits than the action's, so the suite spends its time on the action.
      retry: { attempts: 12, baseDelayMs: 20, maxDelayMs: 200, maxRetryAfterMs: 50 }
    })
  }

  static async start(faults: string, options: { latency?: 'none' | 'neon' } = {}): Promise<FaultWorld> {
    return new FaultWorld(await ActionHarness.start({ faults, branchLimit: 200, latency: options.latency }))
  }

  stop(): Promise<void> {
    return this.harness.stop()
  }

  unique(prefix: string): string {
    return `${prefix}-${++this.count}`
  }

  /** A branch of main with a compute, and its connection string. */
  async createBranch(name: string, parentId = this.harness.emulator.info.branchId, endpoint = true) {
    const { branch } = await this.gateway.branches.create({
      name,
      parentId,
      endpoint: endpoint ? 'read_write' : undefined
    })
    return { branch, uri: endpoint ? await this.uri(branch.id) : '' }
  }

  /** A connection string of the branch, giving it a compute first when it has none (as a restore backup). */
  async uri(branchId: string): Promise<string> {
    if ((await this.gateway.connections.listEndpoints(branchId)).length === 0) {
      await this.gateway.connections.createEndpoint(branchId)
    }
    const { databaseName, roleName } = this.harness.emulator.info
    return this.gateway.connections.getUri({ branchId, database: databaseName, role: roleName })
  }

  branches(): Promise<Branch[]> {
    return this.gateway.branches.list()
  }

  /** The API key and the password of every role on every branch. */
  async secrets(): Promise<string[]> {
    const secrets = new Set([this.harness.emulator.info.apiKey])
    for (const branch of await this.branches()) {
      for (const role of await this.gateway.connections.listRoles(branch.id)) {
        secrets.add(await this.gateway.connections.revealPassword(branch.id, role.name))
      }
    }
    return [...secrets]
  }

  /** Runs main then post in one job, as the runner does, and returns both with the requests they made. */
  async run(inputs: Record<string, string>, job: Job = this.harness.job()) {
    const before = this.harness.emulator.requestLog().length
    const step = await this.harness.run(inputs, job)
    return { ...step, requests: this.harness.emulator.requestLog().slice(before) }
  }
}

export { sql }

export const ids = async (uri: string, table = 'items'): Promise<number[]> =>
  (await sql<{ id: number }>(uri, `SELECT id FROM ${table} ORDER BY id`)).map((row) => row.id)

export const lsnOf = async (uri: string): Promise<string> =>
  (await sql<{ lsn: string }>(uri, 'SELECT pg_current_wal_lsn()::text AS lsn'))[0].lsn

export function parseLsnText(text: string): bigint {
  const [high, low] = text.split('/')
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`)
}

/** A request the gateway had to retry (or look up): a fault, or Neon's own 423 for a conflicting operation. */
export function isRetried(request: RequestLogEntry): boolean {
  return request.status === 0 || request.status === 423 || request.status === 429 || request.status === 503
}

export function faultCounts(requests: RequestLogEntry[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const request of requests) {
    const kind = request.fault ?? (isRetried(request) ? String(request.status) : undefined)
    if (kind) counts[kind] = (counts[kind] ?? 0) + 1
  }
  return counts
}

export const EPHEMERAL = /^nra-ephemeral-/

/** A failure message a user can act on: it names what failed and says what to do, not a stack trace. */
export function unclear(error: string | undefined): string | undefined {
  if (!error) return 'failed without an ::error:: line'
  if (/\bat .+\.js:\d+|TypeError|ReferenceError|undefined is not|Cannot read properties/.test(error)) {
    return `failed with an internal error: ${error}`
  }
  return undefined
}

/**
 * The history every scenario reads: `items` holds ids 1-3 at `good`, then ids 4-20 are inserted one commit
 * each; `SELECT count(*) <= 10 FROM items` turns false with the commit of id 11, between `lastGood` and `firstBad`.
 */
export interface History {
  branch: Branch
  uri: string
  good: string
  lastGood: string
  firstBad: string
}

export async function makeHistory(world: FaultWorld, name: string): Promise<History> {
  const { branch, uri } = await world.createBranch(name)
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  try {
    const lsn = async () => (await client.query('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn as string
    await client.query('CREATE TABLE items (id int PRIMARY KEY, note text)')
    await client.query("INSERT INTO items SELECT g, 'row ' || g FROM generate_series(1, 3) g")
    const good = await lsn()
    let lastGood = good
    let firstBad = good
    for (let id = 4; id <= 20; id++) {
      await client.query('INSERT INTO items VALUES ($1, $2)', [id, `row ${id}`])
      if (id === 10) lastGood = await lsn()
      if (id === 11) firstBad = await lsn()
    }
    return { branch, uri, good, lastGood, firstBad }
  } finally {
    await client.end()
  }
}

const ALL_IDS = Array.from({ length: 20 }, (_, index) => index + 1)

interface Judged {
  succeeded: boolean
  problems: string[]
  /** Branches that may exist afterwards besides those before the run. */
  allowed: (branch: Branch) => boolean
}

/** Runs one scenario in `world` and judges it. */
export async function runScenario(world: FaultWorld, scenario: ScenarioName): Promise<Outcome> {
  const setup = await SCENARIOS[scenario](world)
  const before = new Set((await world.branches()).map((branch) => branch.id))
  const started = Date.now()
  const { main, post, requests } = await world.run({ ...world.harness.connection, ...setup.inputs })
  const ms = Date.now() - started
  const ok = main.exitCode === 0
  const error = main.errors.join('\n') || undefined
  const judged = await setup.judge(main, ok)
  const problems = [...judged.problems]
  if (!ok) {
    const why = unclear(error)
    if (why) problems.push(why)
    if (main.exitCode !== 1) problems.push(`main step exited ${main.exitCode} (${main.signal ?? 'no signal'})`)
  }
  if (post.exitCode !== 0) problems.push(`post step exited ${post.exitCode}: ${post.errors.join('; ')}`)
  const after = await world.branches()
  const leaked = after
    .filter((branch) => !before.has(branch.id))
    .filter((branch) => EPHEMERAL.test(branch.name) || !judged.allowed(branch))
    .map((branch) => branch.name)
  if (leaked.length > 0) problems.push(`branches left behind: ${leaked.join(', ')}`)
  return {
    scenario,
    succeeded: ok && judged.succeeded,
    error,
    retries: requests.filter(isRetried).length,
    faults: faultCounts(requests),
    leaked,
    problems,
    ms,
    main,
    post
  }
}

interface Setup {
  inputs: Record<string, string>
  judge: (main: StepResult, ok: boolean) => Promise<Judged>
}

const nothingNew = () => false

/** The target's rows are all still there (operations that only read). */
async function unchanged(history: History, problems: string[]): Promise<void> {
  const now = await ids(history.uri)
  if (now.join() !== ALL_IDS.join()) problems.push(`the target's rows changed: ${now.join(',')}`)
}

const SCENARIOS: Record<ScenarioName, (world: FaultWorld) => Promise<Setup>> = {
  async snapshot(world) {
    const history = await makeHistory(world, world.unique('snap'))
    const name = `${history.branch.name}-copy-{run_id}`
    return {
      inputs: { operation: 'snapshot', branch: history.branch.name, at: history.lastGood, name },
      async judge(main, ok) {
        const problems: string[] = []
        await unchanged(history, problems)
        const copyPrefix = `${history.branch.name}-copy-`
        if (ok) {
          const copy = await world.uri(main.outputs['branch-id'])
          const rows = await ids(copy)
          if (rows.join() !== ALL_IDS.slice(0, 10).join()) problems.push(`the snapshot holds ${rows.join(',')}`)
        }
        // A failed snapshot may leave its branch (a rerun of the step in the same run reuses it), nothing else.
        return { succeeded: ok, problems, allowed: (branch) => branch.name.startsWith(copyPrefix) }
      }
    }
  },

  async restore(world) {
    const history = await makeHistory(world, world.unique('rest'))
    return restoreSetup(world, history, `^self@${history.lastGood}`)
  },

  async 'restore-snapshot'(world) {
    const history = await makeHistory(world, world.unique('rsnap'))
    const name = `${history.branch.name}-nightly`
    await world.gateway.snapshots.create(history.branch.id, { name, lsn: history.lastGood })
    return restoreSetup(world, history, `snapshot:${name}`)
  },

  'bisect-time-travel': (world) => bisectScenario(world, 'time-travel'),
  'bisect-branch': (world) => bisectScenario(world, 'branch'),

  async query(world) {
    const history = await makeHistory(world, world.unique('query'))
    return {
      inputs: {
        operation: 'query',
        branch: history.branch.name,
        at: history.lastGood,
        sql: 'SELECT id, note FROM items ORDER BY id'
      },
      async judge(main, ok) {
        const problems: string[] = []
        await unchanged(history, problems)
        if (ok) {
          const rows = (JSON.parse(main.outputs.result) as { id: number }[]).map((row) => row.id)
          if (rows.join() !== ALL_IDS.slice(0, 10).join()) problems.push(`query returned ${rows.join(',')}`)
        }
        return { succeeded: ok, problems, allowed: nothingNew }
      }
    }
  },

  async verify(world) {
    const history = await makeHistory(world, world.unique('verify'))
    return {
      inputs: {
        operation: 'verify',
        branch: history.branch.name,
        at: history.lastGood,
        checks: 'SELECT count(*) = 10 FROM items\nSELECT max(id) = 10 FROM items'
      },
      async judge(main, ok) {
        const problems: string[] = []
        await unchanged(history, problems)
        if (ok && main.outputs.passed !== 'true') problems.push(`passed is ${main.outputs.passed}`)
        return { succeeded: ok, problems, allowed: nothingNew }
      }
    }
  },

  async prune(world) {
    const prefix = world.unique('prune')
    const made: Branch[] = []
    for (let index = 1; index <= 4; index++) {
      made.push((await world.createBranch(`${prefix}-${index}`, undefined, false)).branch)
    }
    return {
      inputs: { operation: 'prune', match: `${prefix}-*`, 'keep-last': '1' },
      async judge(main, ok) {
        const problems: string[] = []
        const left = (await world.branches()).filter((branch) => branch.name.startsWith(`${prefix}-`))
        const names = left.map((branch) => branch.name).sort()
        // One is always kept (made in the same second, any may count as the newest); a failed prune may have
        // deleted some of the others (it says which).
        if (names.length === 0) problems.push('every matching branch was deleted')
        if (ok && names.length !== 1) problems.push(`exit 0 but left ${names.join(', ')}`)
        if (ok && main.outputs.deleted !== '3') problems.push(`deleted is ${main.outputs.deleted}`)
        return { succeeded: ok, problems, allowed: nothingNew }
      }
    }
  },

  async recover(world) {
    const history = await makeHistory(world, world.unique('recover'))
    await sql(history.uri, 'DELETE FROM items WHERE id > 5')
    const into = `rescued_${history.branch.name.replace(/\W/g, '_')}`
    return {
      inputs: { operation: 'recover', branch: history.branch.name, at: history.lastGood, tables: 'items', into },
      async judge(_main, ok) {
        const problems: string[] = []
        const live = await ids(history.uri)
        if (live.join() !== '1,2,3,4,5') problems.push(`the live table changed: ${live.join(',')}`)
        const [{ exists }] = await sql<{ exists: boolean }>(
          history.uri,
          'SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = $1) AS exists',
          [into]
        )
        if (ok) {
          const copied = exists ? await ids(history.uri, `${into}.items`) : []
          if (copied.join() !== ALL_IDS.slice(0, 10).join()) problems.push(`recovered ${copied.join(',')}`)
        } else if (exists) {
          problems.push(`failed, but schema ${into} was created`)
        }
        return { succeeded: ok, problems, allowed: nothingNew }
      }
    }
  }
}

async function bisectScenario(world: FaultWorld, probe: 'time-travel' | 'branch'): Promise<Setup> {
  const history = await makeHistory(world, world.unique(`bisect-${probe}`))
  return {
    inputs: {
      operation: 'bisect',
      branch: history.branch.name,
      check: 'SELECT count(*) <= 10 FROM items',
      good: history.good,
      probe,
      parallelism: '3'
    },
    async judge(main, ok) {
      const problems: string[] = []
      await unchanged(history, problems)
      if (ok) {
        const firstBad = parseLsnText(main.outputs['first-bad-lsn'])
        if (firstBad <= parseLsnText(history.lastGood) || firstBad > parseLsnText(history.firstBad) + 8n) {
          problems.push(
            `first-bad-lsn ${main.outputs['first-bad-lsn']} is not in ${history.lastGood}..${history.firstBad}`
          )
        }
      }
      return { succeeded: ok, problems, allowed: nothingNew }
    }
  }
}

/**
 * A restore of the history's branch to its state at lastGood (ids 1-10). Afterwards the branch of that name
 * holds either every id (not restored, and no backup) or ids 1-10 with exactly one backup holding every id.
 * A snapshot restore replaces the branch (new id, same name and connection string); its backup is the old one.
 */
function restoreSetup(world: FaultWorld, history: History, source: string): Setup {
  const target = history.branch.name
  const isBackup = (branch: Branch) =>
    branch.name.startsWith(`${target}-backup-`) || branch.name.startsWith(`${target}_old_`)
  return {
    inputs: { operation: 'restore', branch: target, source, name: `${target}-backup-{run_id}` },
    async judge(main, ok) {
      const problems: string[] = []
      const rows = await ids(history.uri)
      const branches = await world.branches()
      const backups = branches.filter(isBackup)
      const named = branches.filter((branch) => branch.name === target)
      if (named.length !== 1) problems.push(`${named.length} branches are named ${target}`)
      const restored = rows.join() === ALL_IDS.slice(0, 10).join()
      if (!restored && rows.join() !== ALL_IDS.join()) problems.push(`the target holds ${rows.join(',')}`)
      if (restored) {
        // Done: the overwritten state must be kept as the backup.
        if (backups.length !== 1) problems.push(`restored, but ${backups.length} backup branches`)
        else {
          const kept = await ids(await world.uri(backups[0].id))
          if (kept.join() !== ALL_IDS.join()) problems.push(`the backup holds ${kept.join(',')}`)
          const said = main.errors.join()
          if (!ok && !said.includes(backups[0].name) && !said.includes(backups[0].id)) {
            problems.push(`restored and failed, but the error does not name the backup ${backups[0].name}`)
          }
        }
      } else if (backups.length > 0) {
        problems.push(`not restored, but a backup exists: ${backups.map((branch) => branch.name).join(', ')}`)
      }
      if (ok && !restored) problems.push('exit 0 but the target was not restored')
      if (ok && main.outputs['backup-branch-id'] !== backups[0]?.id) problems.push('backup-branch-id is wrong')
      return {
        succeeded: ok && restored,
        problems,
        allowed: (branch) => isBackup(branch) || branch.name === target
      }
    }
  }
}
