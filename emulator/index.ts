/**
 * The Neon emulator: Neon's API v2 control plane (emulator/api) over real PostgreSQL point-in-time recovery
 * (emulator/dataplane), with a Postgres wire proxy per endpoint (emulator/proxy.ts).
 * `startEmulator` is what jest uses; `emulator/cli.ts` wraps it for `npm run emulator`.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Clock, parseDurationSeconds } from './api/clock.js'
import { ControlPlane, DEFAULT_DATABASE, DEFAULT_ROLE } from './api/controlplane.js'
import { FaultInjector, parseFaults } from './api/faults.js'
import * as ids from './api/ids.js'
import { latencyProfile, type LatencyProfileName } from './api/latency.js'
import { connectionUri, type ProjectRecord, type State } from './api/model.js'
import { Operations } from './api/operations.js'
import { StateFile } from './api/persistence.js'
import { RequestLog, type RequestLogEntry } from './api/requestlog.js'
import { NEON_RATE_LIMITS, RateLimiter, type RateLimits } from './api/ratelimit.js'
import { buildControlRoutes, buildRoutes } from './api/routes.js'
import { API_PREFIX, ApiServer } from './api/server.js'
import { SpecValidator } from './api/spec.js'
import { checkStateDir } from './dataplane/access.js'
import { findPostgres, pgVersion, type Postgres } from './dataplane/binaries.js'
import { createDataPlane } from './dataplane/index.js'
import { clusterUser } from './dataplane/user.js'
import { makeCertificate } from './certificate.js'
import { ExtraProjectsFile, ProjectRegistry, type ProjectStack } from './projects.js'
import { createProxy } from './proxy.js'

export type { RequestLogEntry } from './api/requestlog.js'

export interface EmulatorOptions {
  /** Resumed when it holds a previous run's state; created when missing. Default: a fresh dir, removed on stop. */
  stateDir?: string
  /** API port; default a free one. */
  port?: number
  latency?: LatencyProfileName
  /** Fault spec, e.g. `423:0.3,429:0.2,503:0.1,drop:0.05,slow:0.5,seed:7`. */
  faults?: string
  branchLimit?: number
  /** History retention window, e.g. `7d`, `6h`. */
  history?: string
  /**
   * Whether the project has Neon's Branch Recovery preview (default true): soft deletes, `hard_delete`,
   * `include_deleted` and `POST .../recover`. With false, deletes are permanent and those parameters and the
   * recover call answer 400.
   */
  branchRecovery?: boolean
  /**
   * What `SELECT pg_last_wal_replay_lsn()` answers on a time-travel connection (startup `options` with
   * `neon_lsn:` or `neon_timestamp:`): `reported` (default) the LSN of the point, `null` NULL, as a Neon compute
   * may. The data and read-only refusals are the same either way.
   */
  timeTravelReplayLsn?: 'reported' | 'null'
  /**
   * Enforce Neon's API rate limits (700 requests a minute per account, bursts of 40 a second per route; see
   * emulator/api/ratelimit.ts), answering 429 with Retry-After beyond them; or lower limits, for a test to meet
   * 429s at will. Default false: tests poll faster than Neon allows.
   */
  rateLimits?: boolean | RateLimits
  /**
   * PostgreSQL major version of every cluster: 15, 16, 17 or 18. Default: env NEON_EMULATOR_PG_VERSION, else 17
   * (Neon's default). An installed server of that version is used when there is one, else the npm build
   * (env NEON_EMULATOR_PG_SOURCE=npm|system forces one); see emulator/dataplane/binaries.ts.
   */
  pgVersion?: number
  /** Check every request and response against Neon's OpenAPI spec (also env NEON_EMULATOR_VALIDATE=1). */
  validate?: boolean
  /**
   * How many projects the API key sees (default 1), or each one's name, region and organization. The first is
   * the one `info` describes and starts with the emulator; the others start (a cluster each) on the first
   * request under `/projects/{id}`, so listing them costs nothing. Each has the options above.
   */
  projects?: number | ProjectOptions[]
  log?: (message: string) => void
}

export interface ProjectOptions {
  /** Default: the project's id, as Neon names a new project. */
  name?: string
  /** Neon region id (Project.region_id); default aws-local-emulator. */
  region?: string
  /** The organization (ProjectListItem.org_id); default none. */
  orgId?: string
}

/** A project as the emulator lists it (`info.projects`). */
export interface ProjectInfo {
  id: string
  name: string
  region?: string
  orgId?: string
}

export interface EmulatorInfo {
  apiHost: string
  apiKey: string
  projectId: string
  branchId: string
  branchName: string
  databaseName: string
  roleName: string
  connectionUri: string
  /**
   * Path of the proxy's self-signed TLS certificate (PEM, made at every start): what `sslrootcert=` or
   * node-postgres' `ssl: { ca }` needs to verify a TLS connection (verify-full passes for 127.0.0.1).
   */
  tlsCertificate: string
  /** Every project, the first being `projectId`'s. */
  projects: ProjectInfo[]
}

export interface Emulator {
  info: EmulatorInfo
  /** Where the state lives (`requests.jsonl` included); removed on stop when the emulator created it. */
  stateDir: string
  /** The PostgreSQL every cluster runs: version, bin dir and where it was found. */
  postgres: Postgres
  stop(): Promise<void>
  /** Moves the emulator's clock (created_at, expiry, history window) by `ms` from real time. */
  setClockOffset(ms: number): void
  requestLog(): RequestLogEntry[]
  /** Spec violations seen so far (empty unless validation is on). */
  violations(): string[]
}

const DEFAULT_BRANCH_LIMIT = 10
const DEFAULT_HISTORY = '7d'
/** How often expired branches and snapshots are looked for. */
const EXPIRY_SWEEP_MS = 1000

/** A fresh state dir on tmpfs when there is one; world-traversable since clusters run as an unprivileged user. */
function freshStateDir(): string {
  const base = existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir()
  const dir = mkdtempSync(path.join(base, 'neon-emulator-'))
  chmodSync(dir, 0o755)
  return dir
}

function projectOptions(options: EmulatorOptions): ProjectOptions[] {
  const projects = options.projects ?? 1
  return typeof projects === 'number' ? Array.from({ length: projects }, () => ({})) : projects
}

function newRecord(options: EmulatorOptions, clock: Clock, wanted: ProjectOptions = {}): ProjectRecord {
  const id = ids.projectId()
  return {
    id,
    name: wanted.name ?? id,
    regionId: wanted.region,
    orgId: wanted.orgId,
    createdAt: clock.iso(),
    historyRetentionSeconds: parseDurationSeconds(options.history ?? DEFAULT_HISTORY),
    branchLimit: options.branchLimit ?? DEFAULT_BRANCH_LIMIT,
    branchRecovery: options.branchRecovery ?? true
  }
}

function newState(options: EmulatorOptions, clock: Clock, apiKey = ids.apiKey(), record?: ProjectRecord): State {
  return {
    version: 1,
    apiKey,
    project: record ?? newRecord(options, clock, projectOptions(options)[0]),
    branches: [],
    endpoints: [],
    snapshots: [],
    operations: [],
    deletedBranchIds: [],
    nextDatabaseId: 1
  }
}

function checkOptions(options: EmulatorOptions): void {
  if (options.branchLimit !== undefined && (!Number.isInteger(options.branchLimit) || options.branchLimit < 1)) {
    throw new Error(`invalid branch limit ${options.branchLimit} (expected a positive integer)`)
  }
  if (options.port !== undefined && (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)) {
    throw new Error(`invalid port ${options.port}`)
  }
  if (options.history !== undefined) parseDurationSeconds(options.history)
  const projects = options.projects
  if (typeof projects === 'number' && (!Number.isInteger(projects) || projects < 1 || projects > 1000)) {
    throw new Error(`invalid project count ${projects} (expected an integer from 1 to 1000)`)
  }
  if (Array.isArray(projects) && projects.length === 0) throw new Error('projects: give at least one project')
}

/** What every project of one emulator shares. */
interface Shared {
  options: EmulatorOptions
  pgVersion: number
  clock: Clock
  latency: ReturnType<typeof latencyProfile>
  certificate: Awaited<ReturnType<typeof makeCertificate>>
  log: (message: string) => void
  /** The emulator's own state dir, removed even if this process is killed (when the emulator made it). */
  removeOnCrash?: string
}

/**
 * One project's data plane, proxy and control plane over `state` (kept in `dir`): initialized when new, resumed
 * otherwise. On failure what was started is stopped again.
 */
async function startProject(shared: Shared, state: State, dir: string, resuming: boolean): Promise<ProjectStack> {
  const { clock, log } = shared
  const cleanups: (() => Promise<void> | void)[] = []
  const close = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup()
      } catch (error) {
        log(`stop: ${(error as Error).message}`)
      }
    }
    cleanups.length = 0
  }
  try {
    const dataPlane = await createDataPlane({
      stateDir: dir,
      pgVersion: shared.pgVersion,
      log,
      now: () => clock.nowMs(),
      timeTravelReplayLsn: shared.options.timeTravelReplayLsn,
      removeOnCrash: shared.removeOnCrash
    })
    cleanups.push(() => dataPlane.close())
    const stateFile = new StateFile(dir)
    const save = (): void => stateFile.save(state)
    const operations = new Operations(state, clock, shared.latency, save)
    cleanups.push(() => operations.stop())
    // The proxy asks the control plane where each new connection goes (only once clients connect, after the
    // control plane below exists); the control plane drives the proxy.
    const proxy = createProxy({
      dataPlane,
      lookup: (id, roleName, timeTravel) => controlPlane.routeConnection(id, roleName, timeTravel),
      certificate: shared.certificate,
      log,
      connectDelayMs: shared.latency.computeStartMs
    })
    cleanups.push(() => proxy.closeAll())
    const controlPlane = new ControlPlane(state, dataPlane, proxy, clock, operations, save, log)
    if (resuming) await controlPlane.resume()
    else await controlPlane.initialize(ids.password())
    cleanups.push(save)
    save()
    return { controlPlane, routes: buildRoutes(controlPlane, clock), close }
  } catch (error) {
    await close()
    throw error
  }
}

/** The records of the projects beyond the first: the previous run's on resume, else new ones. */
function extraRecords(options: EmulatorOptions, clock: Clock, stateDir: string, resuming: boolean): ProjectRecord[] {
  const file = new ExtraProjectsFile(stateDir)
  const saved = resuming ? file.load() : undefined
  if (saved) return saved
  const records = projectOptions(options)
    .slice(1)
    .map((wanted) => newRecord(options, clock, wanted))
  file.save(records)
  return records
}

/** A project beyond the first, started on its first request: its state in its own dir, the emulator's key. */
function extraStarter(
  shared: Shared,
  stateDir: string,
  apiKey: string
): (record: ProjectRecord) => Promise<ProjectStack> {
  return (record) => {
    const dir = ExtraProjectsFile.dirOf(stateDir, record.id)
    const stateFile = new StateFile(dir)
    const resuming = stateFile.exists()
    const state = resuming ? stateFile.load() : newState(shared.options, shared.clock, apiKey, record)
    shared.log(`starting project ${record.id} on its first request`)
    return startProject(shared, state, dir, resuming)
  }
}

/** Listens on the requested port, else the previous run's (when still free), else a free one. */
async function listenApi(
  server: ApiServer,
  requested: number | undefined,
  previous: number | undefined,
  log: (message: string) => void
): Promise<number> {
  if (requested !== undefined || previous === undefined) return server.listen(requested)
  try {
    return await server.listen(previous)
  } catch (error) {
    log(`API port ${previous} of the previous run is taken (${(error as Error).message}); using a free one`)
    return server.listen(0)
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  checkOptions(options)
  const log = options.log ?? ((message: string) => process.stderr.write(`[neon-emulator] ${message}\n`))
  const latency = latencyProfile(options.latency ?? 'none')
  const faults = new FaultInjector(parseFaults(options.faults))
  const validate = options.validate ?? process.env.NEON_EMULATOR_VALIDATE === '1'

  // Refuse what cannot work before anything is created: no server of the version, a state dir out of reach.
  const postgres = findPostgres(pgVersion(options.pgVersion))
  if (options.stateDir !== undefined) checkStateDir(options.stateDir, clusterUser())
  const created = options.stateDir === undefined || !existsSync(options.stateDir)
  const stateDir = options.stateDir ?? freshStateDir()
  if (created) mkdirSync(stateDir, { recursive: true, mode: 0o755 })

  const clock = new Clock()
  const stateFile = new StateFile(stateDir)
  const resuming = stateFile.exists()
  const state = resuming ? stateFile.load() : newState(options, clock)
  // Flags given on resume win over the stored ones.
  if (options.branchLimit !== undefined) state.project.branchLimit = options.branchLimit
  if (options.history !== undefined) state.project.historyRetentionSeconds = parseDurationSeconds(options.history)
  if (options.branchRecovery !== undefined) state.project.branchRecovery = options.branchRecovery

  const cleanups: (() => Promise<void> | void)[] = []
  const runCleanups = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup()
      } catch (error) {
        log(`stop: ${(error as Error).message}`)
      }
    }
    cleanups.length = 0
  }
  if (created && options.stateDir === undefined) cleanups.push(() => rmSync(stateDir, { recursive: true, force: true }))

  try {
    const certificate = await makeCertificate(stateDir)
    const shared: Shared = {
      options,
      pgVersion: postgres.major,
      clock,
      latency,
      certificate,
      log,
      // A state dir the emulator made goes even if this process is killed.
      removeOnCrash: options.stateDir === undefined ? stateDir : undefined
    }
    const main = await startProject(shared, state, stateDir, resuming)
    cleanups.push(() => main.close())
    const controlPlane = main.controlPlane
    const projects = new ProjectRegistry(
      main,
      extraRecords(options, clock, stateDir, resuming),
      extraStarter(shared, stateDir, state.apiKey)
    )
    cleanups.push(() => projects.closeExtras())
    const save = (): void => stateFile.save(state)

    const violations: string[] = []
    const requestLog = new RequestLog(stateDir)
    const server = new ApiServer({
      apiKey: state.apiKey,
      routes: (requestPath) => projects.routesFor(requestPath),
      controlRoutes: buildControlRoutes(controlPlane, clock),
      rateLimiter: options.rateLimits
        ? new RateLimiter(options.rateLimits === true ? NEON_RATE_LIMITS : options.rateLimits)
        : undefined,
      clock,
      faults,
      latency,
      requestLog,
      spec: validate ? SpecValidator.load() : undefined,
      violation: (message) => {
        violations.push(message)
        log(`spec violation: ${message}`)
      },
      clockMoved: () => projects.sweepExpired(),
      log
    })
    const port = await listenApi(server, options.port, state.apiPort, log)
    state.apiPort = port
    save()
    cleanups.push(() => server.close())

    const sweep = setInterval(() => {
      projects.sweepExpired().catch((error: unknown) => log(`expiry sweep failed: ${(error as Error).message}`))
    }, EXPIRY_SWEEP_MS)
    sweep.unref()
    cleanups.push(() => clearInterval(sweep))

    const mainBranch = controlPlane.defaultBranch()
    const endpoint = controlPlane.endpointsOf(mainBranch.id)[0]
    const role = mainBranch.roles.find((candidate) => candidate.name === DEFAULT_ROLE) ?? mainBranch.roles[0]
    const info: EmulatorInfo = {
      apiHost: `http://127.0.0.1:${port}${API_PREFIX}`,
      apiKey: state.apiKey,
      projectId: state.project.id,
      branchId: mainBranch.id,
      branchName: mainBranch.name,
      databaseName: DEFAULT_DATABASE,
      roleName: role.name,
      connectionUri: connectionUri(role, DEFAULT_DATABASE, endpoint.port),
      tlsCertificate: certificate.path,
      projects: projects.records().map((record) => ({
        id: record.id,
        name: record.name,
        region: record.regionId,
        orgId: record.orgId
      }))
    }
    log(
      `${resuming ? 'resumed' : 'started'}: API ${info.apiHost}, state ${stateDir}, ` +
        `PostgreSQL ${postgres.version} (${postgres.from})`
    )

    let stopping: Promise<void> | undefined
    return {
      info,
      stateDir,
      postgres,
      stop: () => (stopping ??= runCleanups().then(() => log('stopped'))),
      setClockOffset: (ms) => {
        clock.setOffset(ms)
        projects.sweepExpired().catch((error: unknown) => log(`expiry sweep failed: ${(error as Error).message}`))
      },
      requestLog: () => requestLog.all(),
      violations: () => [...violations]
    }
  } catch (error) {
    await runCleanups()
    // A state dir this start made holds nothing worth keeping: a failed start leaves no partial one.
    if (created) rmSync(stateDir, { recursive: true, force: true })
    throw error
  }
}
