import { execFile, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { alignUp, formatLsn, parseLsn, type Lsn } from '../../src/lsn.js'
import { checkBinaries, checkStateDir } from './access.js'
import { findPostgres, pgVersion, type Postgres } from './binaries.js'
import { Cluster, SUPERUSER } from './cluster.js'
import { copyTree, makeDir, snapshotTree, writeOwned } from './files.js'
import { lastCommit, recoveryTarget, type TimelineWal } from './history.js'
import {
  BeforeHistoryError,
  PointError,
  type Backend,
  type DataPlane,
  type PointRequest,
  type ResolvedPoint,
  type RootOptions
} from './types.js'
import { clusterUser, type RunAs } from './user.js'
import { SEGMENT_SIZE } from './wal.js'

export { PointError } from './types.js'
export type * from './types.js'

const run = promisify(execFile)

export interface DataPlaneOptions {
  stateDir: string
  /** PostgreSQL major version (15 to 18); default NEON_EMULATOR_PG_VERSION, else 17. See binaries.ts. */
  pgVersion?: number
  log?: (message: string) => void
  /** A read-write cluster with no connection for this long is stopped (Neon's scale to zero). */
  suspendAfterMs?: number
  /**
   * A time-travel instance with no connection for this long is removed. Neon's Time Travel page gives 10 s in
   * its older versions ("After 10 seconds of inactivity, the timeline is deleted and the endpoint is removed")
   * and 30 s in the current one (neondatabase/website content/docs/guides/time-travel-assist.md, updated
   * 2025-06-30: "After 30 seconds of inactivity"). Default 10 s: fewer idle instances on a small machine; a
   * client sees no difference but cold starts, since an instance is never removed while a connection is open.
   */
  timeTravelIdleMs?: number
  /**
   * What `pg_last_wal_replay_lsn()` answers on a time-travel connection: `reported` (default), the LSN the
   * instance paused at, or `null`, as a Neon compute may (see `startTimeTravel`).
   */
  timeTravelReplayLsn?: 'reported' | 'null'
  /** A fresh base backup is taken once a cluster wrote this much WAL since its last one. */
  backupEveryBytes?: bigint
  /**
   * A running cluster checkpoints once it wrote this much WAL since its last checkpoint (default 4 MB), even
   * while a base backup is still being copied: a time-travel instance moved forward restarts from the last
   * checkpoint it replayed, so this bounds what it replays again.
   */
  checkpointEveryBytes?: bigint
  /** The emulator's clock in ms (tests move it); real time by default. */
  now?: () => number
  /** Also remove this directory if the process that created the data plane dies without closing it. */
  removeOnCrash?: string
}

interface BackupRecord {
  dir: string
  /** When `pg_backup_start` was called (ms since epoch): files older than this can be shared. */
  startedAt: number
  /** Where its replay starts (the checkpoint's redo point): WAL written while copying lies in between. */
  startLsn?: string
  /** The backup's consistent point: recovery targets must not be before it. */
  endLsn: string
  /** Bytes of its files (missing in states saved before it was recorded). */
  bytes?: number
}

interface StorageRecord {
  id: string
  /** The storage whose WAL holds this one's history up to `lsn` (always a materialised one). */
  parent?: { id: string; lsn: string }
  /** Set once a cluster exists: its timeline and where that timeline begins. */
  timeline?: number
  switchLsn?: string
  backups: BackupRecord[]
  dropped?: boolean
}

/** A live Postgres: a storage's read-write cluster or a time-travel instance. */
interface Instance {
  cluster: Cluster
  users: number
  idleTimer?: NodeJS.Timeout
  starting?: Promise<void>
  /** A time-travel instance's own directory. */
  dir?: string
  /**
   * A time-travel instance's storage and recovery target, set once it is paused there, and from about where a
   * restart would replay: its base backup's start, or a checkpoint `checkpointEveryBytes` before the target.
   */
  paused?: { owner: string; target: Lsn; replayFrom: Lsn }
}

/**
 * Replaying WAL costs far more per byte than copying files (on tmpfs, about 30 MB/s against 600 MB/s and more
 * on two busy cores, measured with bench/bisect.ts): replaying this many bytes more is still cheaper than
 * copying a base backup of 16 times that size.
 */
const COPY_TO_REPLAY_RATIO = 16n
/**
 * What moving an instance costs besides its replay (a restartpoint, a stop, a start), counted as bytes of
 * replay. Without it, small histories got slower: at 2^16 (bench/bisect.ts) waves of moves took about 0.2 s a
 * wave more than fresh copies of a small backup at p=3 and p=7; with 4 MB they keep their former times.
 */
const MOVE_COST_BYTES = 4n * SEGMENT_SIZE

/** Microseconds since the epoch of an RFC 3339 time, keeping sub-millisecond digits. */
function timestampMicros(text: string): bigint {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/i.exec(text.trim())
  const millis = Date.parse(text)
  if (!match || Number.isNaN(millis)) throw new PointError(`"${text}" is not an RFC 3339 timestamp`)
  const seconds = BigInt(Date.parse(match[1] + match[3]) / 1000)
  return seconds * 1_000_000n + BigInt((match[2] ?? '').slice(0, 6).padEnd(6, '0'))
}

function microsToIso(micros: bigint): string {
  return new Date(Number(micros / 1000n)).toISOString()
}

/** What a base backup leaves out: WAL (replayed from the archive), the server's lock files and sockets. */
function isNotBackedUp(relative: string): boolean {
  return (
    /^(pg_wal|pg_replslot|pg_stat_tmp)\/./.test(relative) ||
    ['postmaster.pid', 'postmaster.opts'].includes(relative) ||
    relative.startsWith('.s.PGSQL.')
  )
}

/** The longest socket directory a cluster gets below the root: a number, then PostgreSQL's `/.s.PGSQL.5432`. */
const SOCKET_SUFFIX_BYTES = '/999999/.s.PGSQL.5432'.length
const SOCKET_PATH_MAX = process.platform === 'darwin' ? 103 : 107

/**
 * A short directory in TMPDIR for every cluster's socket (sockets are removed with it on close, and by the
 * reaper): the state dir may be deep, so sockets never live there.
 */
async function socketRoot(runAs: RunAs): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'neon-emu-'))
  if (Buffer.byteLength(root) + SOCKET_SUFFIX_BYTES > SOCKET_PATH_MAX) {
    await rm(root, { recursive: true, force: true })
    throw new Error(
      `TMPDIR is too long for PostgreSQL's unix sockets (${root}: at most ` +
        `${SOCKET_PATH_MAX - SOCKET_SUFFIX_BYTES} bytes fit): set TMPDIR to a shorter directory, e.g. /tmp`
    )
  }
  await makeDir(root, runAs)
  return root
}

export async function createDataPlane(options: DataPlaneOptions): Promise<DataPlane> {
  const plane = new PostgresDataPlane(options)
  await plane.open()
  return plane
}

class PostgresDataPlane implements DataPlane {
  private readonly postgres: Postgres
  private readonly pgBin: string
  private readonly runAs: RunAs = clusterUser()
  private readonly root: string
  private readonly log: (message: string) => void
  private storages = new Map<string, StorageRecord>()
  private readonly clusters = new Map<string, Instance>()
  private readonly timeTravel = new Map<string, Instance>()
  private readonly materialising = new Map<string, Promise<void>>()
  private readonly backingUp = new Map<string, Promise<void>>()
  private saving: Promise<void> = Promise.resolve()
  /** Numbers time-travel directories: an instance being removed must not share one with its successor. */
  private instances = 0
  /** Every cluster's socket directory is a short one under this (see Cluster.socketDir), numbered by `sockets`. */
  private socketRoot = ''
  private sockets = 0
  private backupTimer?: NodeJS.Timeout
  private reaper?: number
  private closed = false
  /** Servers being stopped by an idle timer: close() waits for them too. */
  private readonly stopping = new Set<Promise<void>>()
  /** Read-write servers being stopped (suspended or dropped), by storage: their directory must outlive them. */
  private readonly stoppingStorage = new Map<string, Promise<void>>()
  /** Requests still running (they may be copying a backup or reading WAL in a child process): close() waits. */
  private readonly inFlight = new Set<Promise<unknown>>()

  constructor(private readonly options: DataPlaneOptions) {
    this.root = path.join(options.stateDir, 'dataplane')
    this.log = options.log ?? (() => undefined)
    this.postgres = findPostgres(pgVersion(options.pgVersion))
    this.pgBin = this.postgres.bin
  }

  async open(): Promise<void> {
    // Before anything is created: the cluster user must reach both, and a saved state its server version.
    checkStateDir(this.options.stateDir, this.runAs)
    checkBinaries(this.pgBin, this.runAs)
    await makeDir(this.options.stateDir, this.runAs, 0o755)
    await makeDir(this.root, this.runAs, 0o755)
    // Time-travel instances never outlive a run; read-write clusters resume from their data directories.
    await rm(path.join(this.root, 'tt'), { recursive: true, force: true })
    await makeDir(path.join(this.root, 'tt'), this.runAs, 0o755)
    const saved = await readFile(this.stateFile, 'utf8').catch(() => undefined)
    if (saved) this.storages = new Map((JSON.parse(saved) as StorageRecord[]).map((record) => [record.id, record]))
    await this.checkSavedVersion()
    this.socketRoot = await socketRoot(this.runAs)
    this.startReaper()
    this.backupTimer = setInterval(() => void this.takeDueBackups(), 200)
    this.backupTimer.unref()
  }

  /** Clusters of another major version cannot be started: say so rather than show the server's FATAL. */
  private async checkSavedVersion(): Promise<void> {
    for (const record of this.storages.values()) {
      if (record.dropped || record.timeline === undefined) continue
      const saved = (await readFile(path.join(this.dataDir(record.id), 'PG_VERSION'), 'utf8').catch(() => '')).trim()
      if (!saved || Number(saved) === this.postgres.major) continue
      throw new Error(
        `${this.options.stateDir} holds PostgreSQL ${saved} clusters, and this emulator runs PostgreSQL ` +
          `${this.postgres.major} (${this.postgres.from}): start it with --pg-version ${saved} ` +
          `(or NEON_EMULATOR_PG_VERSION=${saved}), or use another state directory`
      )
    }
  }

  private get stateFile(): string {
    return path.join(this.root, 'storages.json')
  }

  /** Saves run one at a time: concurrent branch operations would otherwise race on the temporary file. */
  private save(): Promise<void> {
    const write = async () => {
      const temporary = this.stateFile + '.tmp'
      await writeFile(temporary, JSON.stringify([...this.storages.values()], null, 1))
      await rename(temporary, this.stateFile)
    }
    this.saving = this.saving.then(write, write)
    return this.saving
  }

  /**
   * Postgres must not outlive the emulator even when it is killed with SIGKILL: a detached shell watches
   * this process and stops every server under the state directory when it goes.
   */
  private startReaper(): void {
    const script =
      'while kill -0 "$1" 2>/dev/null; do sleep 0.2; done; pkill -QUIT -f -- "-D $2/" ; ' +
      'sleep 0.5; pkill -KILL -f -- "-D $2/"; rm -rf -- "$4"; if [ -n "$3" ]; then rm -rf -- "$3"; fi'
    const child = spawn(
      'sh',
      ['-c', script, 'reaper', String(process.pid), this.root, this.options.removeOnCrash ?? '', this.socketRoot],
      {
        detached: true,
        stdio: 'ignore'
      }
    )
    child.unref()
    this.reaper = child.pid
  }

  private dir(id: string): string {
    return path.join(this.root, id)
  }

  private dataDir(id: string): string {
    return path.join(this.dir(id), 'pgdata')
  }

  private archiveDir(id: string): string {
    return path.join(this.dir(id), 'archive')
  }

  private record(id: string): StorageRecord {
    const record = this.storages.get(id)
    if (!record || record.dropped) throw new Error(`unknown storage ${id}`)
    return record
  }

  private newId(): string {
    return 's-' + randomBytes(5).toString('hex')
  }

  private newCluster(dataDir: string): Cluster {
    const logFile = path.join(path.dirname(dataDir), 'postgres.log')
    return new Cluster(this.pgBin, dataDir, this.runAs, logFile, path.join(this.socketRoot, String(++this.sockets)))
  }

  async createRoot(root: RootOptions): Promise<string> {
    const id = this.newId()
    await makeDir(this.dir(id), this.runAs, 0o755)
    await makeDir(this.archiveDir(id), this.runAs)
    await run(
      path.join(this.pgBin, 'initdb'),
      [
        '--no-sync',
        '--wal-segsize=1',
        '-U',
        SUPERUSER,
        '-A',
        'trust',
        '-E',
        'UTF8',
        '--locale=C',
        '-D',
        this.dataDir(id)
      ],
      { uid: this.runAs.uid, gid: this.runAs.gid, env: { ...process.env, TZ: 'UTC' } }
    )
    // The superuser only over the socket, everyone else with a password, as on Neon.
    const hba = `local all ${SUPERUSER} trust\nlocal all all scram-sha-256\n`
    await writeOwned(path.join(this.dataDir(id), 'pg_hba.conf'), hba, this.runAs)
    const record: StorageRecord = { id, timeline: 1, switchLsn: '0/0', backups: [] }
    this.storages.set(id, record)
    const cluster = this.newCluster(this.dataDir(id))
    await cluster.configure({ archiveDir: this.archiveDir(id) })
    await cluster.start()
    this.clusters.set(id, { cluster, users: 0, starting: Promise.resolve() })
    const role = pg.escapeIdentifier(root.roleName)
    await cluster.query(`CREATE ROLE ${role} LOGIN CREATEDB CREATEROLE PASSWORD ${pg.escapeLiteral(root.password)}`)
    await cluster.query(`CREATE DATABASE ${pg.escapeIdentifier(root.databaseName)} OWNER ${role}`)
    await this.takeBackup(id)
    await this.save()
    this.scheduleSuspend(id)
    return id
  }

  /** The storage that holds the WAL of `id`'s history at `lsn`. */
  private owner(id: string, lsn: Lsn): StorageRecord {
    let record = this.storages.get(id)
    while (record) {
      if (record.timeline !== undefined && lsn >= parseLsn(record.switchLsn ?? '0/0')) return record
      if (!record.parent) break
      record = this.storages.get(record.parent.id)
    }
    throw new Error(`no WAL holds ${formatLsn(lsn)} of storage ${id}`)
  }

  /** Where each timeline of a storage's ancestry keeps its WAL: archives first, then live pg_wal. */
  private walDirs(record: StorageRecord): string[] {
    const chain: StorageRecord[] = []
    for (let current: StorageRecord | undefined = record; current;) {
      chain.push(current)
      current = current.parent ? this.storages.get(current.parent.id) : undefined
    }
    return [
      ...chain.map((item) => this.archiveDir(item.id)),
      ...chain.map((item) => path.join(this.dataDir(item.id), 'pg_wal'))
    ]
  }

  private timelineWal(record: StorageRecord): TimelineWal {
    return {
      timeline: record.timeline ?? 1,
      dirs: [this.archiveDir(record.id), path.join(this.dataDir(record.id), 'pg_wal')]
    }
  }

  /** The oldest LSN any recovery can reach: the end of the root's first base backup. */
  private floor(id: string): Lsn {
    let record = this.storages.get(id)
    while (record?.parent) record = this.storages.get(record.parent.id)
    const first = record?.backups[0]
    return first ? parseLsn(first.endLsn) : 0n
  }

  headLsn(id: string): Promise<string> {
    return this.track(() => this.headLsnNow(id))
  }

  private async headLsnNow(id: string): Promise<string> {
    return formatLsn(await this.head(id))
  }

  private async head(id: string): Promise<Lsn> {
    const record = this.record(id)
    if (record.timeline === undefined) return parseLsn(record.parent!.lsn)
    const cluster = await this.readWrite(id)
    try {
      const [row] = await cluster.query('SELECT pg_current_wal_flush_lsn()::text AS lsn')
      return parseLsn(String(row.lsn))
    } finally {
      this.release(id)
    }
  }

  /**
   * A point on a branch, as Neon's pageserver resolves it on the branch's timeline, for every path alike (branch
   * creation, restore, snapshots and time travel, which Neon serves from "a temporary branch and compute at the
   * selected point in time": neon.com/docs/guides/time-travel-assist):
   * - an LSN before the timeline's start (its ancestor LSN) is refused: the pageserver's branch creation bails
   *   with "invalid start lsn ... less than timeline ancestor lsn" (neondatabase/neon, pageserver
   *   `branch_timeline`; test_branch_behind.py expects it). The older past belongs to the ancestor.
   * - a timestamp is searched only from the timeline's start: `find_lsn_for_timestamp` takes
   *   `min_lsn = max(gc_cutoff, ancestor_lsn)` and its contract is "not to return something before the ancestor
   *   lsn" (neondatabase/neon#7488), answering `Past(min_lsn)` when no commit is older. So a time before a
   *   restore reads the restored timeline's start, not what the branch held then. Whether Neon's control plane
   *   refuses a `past` answer instead of branching at it is not documented: the emulator branches at the start
   *   (the answer that is silently wrong for a caller that does not check, which the action must not be).
   */
  resolvePoint(id: string, point: PointRequest): Promise<ResolvedPoint> {
    return this.track(() => this.resolvePointNow(id, point))
  }

  private async resolvePointNow(id: string, point: PointRequest): Promise<ResolvedPoint> {
    const start = this.record(id).parent?.lsn
    const resolved = await this.resolveAnyPoint(id, point).catch((error: unknown) => {
      // Older than every commit of the history: `Past(min_lsn)`, the start, on a branch that has one.
      if (start && error instanceof BeforeHistoryError) return { lsn: '0/0' }
      throw error
    })
    if (!start || parseLsn(resolved.lsn) >= parseLsn(start)) return resolved
    if (point.kind === 'timestamp') return { lsn: start, timestamp: await this.commitTimeAt(id, parseLsn(start)) }
    throw new PointError(
      `invalid start lsn ${resolved.lsn}: less than the branch's ancestor lsn ${start} (its older past belongs ` +
        'to its parent: branch from the parent instead)'
    )
  }

  private async resolveAnyPoint(id: string, point: PointRequest): Promise<ResolvedPoint> {
    const head = await this.head(id)
    if (point.kind === 'head') {
      return { lsn: formatLsn(alignUp(head)), timestamp: await this.commitTimeAt(id, head) }
    }
    if (point.kind === 'lsn') {
      let lsn: Lsn
      try {
        lsn = alignUp(parseLsn(point.lsn))
      } catch {
        throw new PointError(`invalid LSN "${point.lsn}": expected hex like 0/16B3748`)
      }
      if (lsn > alignUp(head)) {
        throw new PointError(`LSN ${formatLsn(lsn)} is in the future of the branch: its head is at ${formatLsn(head)}`)
      }
      if (lsn < this.floor(id)) {
        throw new PointError(
          `LSN ${formatLsn(lsn)} is before the start of the branch's history (${formatLsn(this.floor(id))})`
        )
      }
      return { lsn: formatLsn(lsn), timestamp: await this.commitTimeAt(id, lsn) }
    }
    const micros = timestampMicros(point.timestamp)
    if (micros > BigInt((this.options.now ?? Date.now)()) * 1000n)
      throw new PointError(`timestamp ${point.timestamp} is in the future`)
    const commit = await this.findCommit(id, head, (candidate) => candidate.micros <= micros)
    if (!commit)
      throw new BeforeHistoryError(`timestamp ${point.timestamp} is before the start of the branch's history`)
    return { lsn: formatLsn(alignUp(commit.lsn)), timestamp: microsToIso(commit.micros) }
  }

  /** Walks the storage's own timeline, then its ancestors' up to each fork point, newest first. */
  private async findCommit(
    id: string,
    upTo: Lsn,
    accept: (commit: { lsn: Lsn; micros: bigint }) => boolean,
    maxSegments?: number
  ) {
    let limit = upTo
    let record: StorageRecord | undefined = this.owner(id, upTo)
    const floor = this.floor(id)
    while (record) {
      const from = parseLsn(record.switchLsn ?? '0/0')
      const begin = from > floor ? from : floor
      if (limit > begin) {
        const found = await lastCommit(this.timelineWal(record), begin, limit, accept, maxSegments)
        if (found) return found
      }
      if (!record.parent) return undefined
      limit = parseLsn(record.parent.lsn)
      record = this.storages.get(record.parent.id)
    }
    return undefined
  }

  private async commitTimeAt(id: string, lsn: Lsn): Promise<string | undefined> {
    const commit = await this.findCommit(id, lsn, (candidate) => candidate.lsn <= lsn, 4)
    return commit ? microsToIso(commit.micros) : undefined
  }

  async fork(id: string, lsn: string): Promise<string> {
    const at = parseLsn(lsn)
    const owner = this.owner(id, at)
    const child: StorageRecord = { id: this.newId(), parent: { id: owner.id, lsn: formatLsn(at) }, backups: [] }
    this.storages.set(child.id, child)
    await this.save()
    return child.id
  }

  /**
   * A data directory that recovery brings to `target` on `owner`'s timeline: the newest base backup that ends
   * at or before the target, found along the ancestry, plus the WAL in between. It is then promoted (a
   * read-write branch, which archives into `archiveDir`) or paused at the point (a read-only instance).
   */
  private async prepareRecovery(
    owner: StorageRecord,
    target: Lsn,
    dataDir: string,
    end: { action: 'promote' | 'pause'; archiveDir?: string }
  ) {
    const backup = this.backupFor(owner, target)
    await makeDir(dataDir, this.runAs)
    await copyTree(backup.dir, dataDir)
    const cluster = this.newCluster(dataDir)
    await cluster.configure({ archiveDir: end.archiveDir, recovery: this.recovery(owner, target, end.action) })
    return { cluster, backup }
  }

  private recovery(owner: StorageRecord, target: Lsn, action: 'promote' | 'pause') {
    return { targetLsn: formatLsn(target), timeline: owner.timeline ?? 1, action, walDirs: this.walDirs(owner) }
  }

  /** The recovery target for `lsn` on `owner`'s timeline (see history.ts), with a fence written at the head. */
  private async targetFor(owner: StorageRecord, lsn: Lsn): Promise<Lsn> {
    const findTarget = () => recoveryTarget(this.timelineWal(owner), lsn, parseLsn(owner.switchLsn ?? '0/0'))
    const found = await findTarget()
    let target = found.target
    if (found.atEnd) {
      // Recovery stops only when it reads a record at its target: write one (flushed, harmless) at the head.
      const cluster = await this.readWrite(owner.id)
      try {
        await cluster.query("SELECT pg_logical_emit_message(true, 'neon-emulator-fence', '')")
      } finally {
        this.release(owner.id)
      }
      // The flush also wrote out a record the point may fall inside, if it was still partly in memory.
      target = (await findTarget()).target
    }
    return target
  }

  private backupFor(owner: StorageRecord, target: Lsn): BackupRecord {
    let limit = target
    for (let record: StorageRecord | undefined = owner; record;) {
      const usable = record.backups.filter((backup) => parseLsn(backup.endLsn) <= limit)
      if (usable.length) return usable[usable.length - 1]
      if (!record.parent) break
      limit = parseLsn(record.switchLsn ?? '0/0')
      record = this.storages.get(record.parent.id)
    }
    throw new PointError(`LSN ${formatLsn(target)} is before the start of the branch's history`)
  }

  /** Turns a lazy storage into a running read-write cluster by point-in-time recovery. */
  private async materialise(record: StorageRecord): Promise<Cluster> {
    const parent = this.record(record.parent!.id)
    const dataDir = this.dataDir(record.id)
    await rm(this.dir(record.id), { recursive: true, force: true })
    await makeDir(this.dir(record.id), this.runAs, 0o755)
    await makeDir(this.archiveDir(record.id), this.runAs)
    const target = await this.targetFor(parent, parseLsn(record.parent!.lsn))
    const { cluster } = await this.prepareRecovery(parent, target, dataDir, {
      action: 'promote',
      archiveDir: this.archiveDir(record.id)
    })
    await cluster.start()
    await this.padTo(cluster, parseLsn(record.parent!.lsn))
    const [row] = await cluster.query('SELECT substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8) AS timeline')
    record.timeline = parseInt(String(row.timeline), 16)
    record.switchLsn = formatLsn(target)
    // A restart must not recover again: keep only the cluster's own settings.
    await cluster.configure({ archiveDir: this.archiveDir(record.id) })
    await this.save()
    this.log(`materialised ${record.id} at ${record.parent!.lsn} (timeline ${record.timeline})`)
    return cluster
  }

  /**
   * A branch inside a record starts its timeline at that record's start, before its parent_lsn: write a
   * harmless message over the gap, so that, as on Neon, everything the branch writes comes after its start.
   */
  private async padTo(cluster: Cluster, start: Lsn): Promise<void> {
    const [row] = await cluster.query('SELECT pg_current_wal_insert_lsn()::text AS lsn')
    const gap = start - parseLsn(String(row.lsn))
    if (gap <= 0n) return
    await cluster.query("SELECT pg_logical_emit_message(false, 'neon-emulator-pad', repeat('x', $1::int))", [
      String(gap)
    ])
  }

  /** The storage's read-write cluster, started (or made) if needed. The caller must `release`. */
  private async readWrite(id: string): Promise<Cluster> {
    return (await this.readWriteInstance(id)).cluster
  }

  private async readWriteInstance(id: string): Promise<{ cluster: Cluster; cold: boolean }> {
    const record = this.record(id)
    let instance = this.clusters.get(id)
    const cold = !instance
    if (!instance) {
      this.checkOpen()
      instance = { cluster: undefined as unknown as Cluster, users: 0 }
      const entry = instance
      this.clusters.set(id, entry)
      entry.starting = (async () => {
        if (record.timeline === undefined) {
          entry.cluster = await this.materialise(record)
        } else {
          entry.cluster = this.newCluster(this.dataDir(id))
          await entry.cluster.start()
        }
      })()
      entry.starting.catch(() => this.clusters.delete(id))
    }
    instance.users++
    clearTimeout(instance.idleTimer)
    try {
      await instance.starting
    } catch (error) {
      instance.users--
      throw error
    }
    return { cluster: instance.cluster, cold }
  }

  private release(id: string): void {
    const instance = this.clusters.get(id)
    if (!instance) return
    instance.users--
    if (instance.users <= 0) this.scheduleSuspend(id)
  }

  private scheduleSuspend(id: string): void {
    const instance = this.clusters.get(id)
    if (!instance) return
    clearTimeout(instance.idleTimer)
    instance.idleTimer = setTimeout(() => void this.suspend(id), this.options.suspendAfterMs ?? 60_000)
    instance.idleTimer.unref()
  }

  private async suspend(id: string): Promise<void> {
    const instance = this.clusters.get(id)
    if (!instance || instance.users > 0 || this.backingUp.has(id)) return
    this.clusters.delete(id)
    await this.stopStorage(id, instance)
    this.log(`suspended ${id}`)
  }

  /** Stops a storage's read-write server, taken out of `clusters` by the caller (in the same tick). */
  private stopStorage(id: string, instance: Instance): Promise<void> {
    const stopped = (async () => {
      await instance.starting?.catch(() => undefined)
      if (instance.cluster) await this.stopTracked(instance.cluster, 'fast')
    })()
    this.stoppingStorage.set(id, stopped)
    const forget = () => {
      if (this.stoppingStorage.get(id) === stopped) this.stoppingStorage.delete(id)
    }
    stopped.then(forget, forget)
    return stopped
  }

  adminQuery(id: string, database: string, sql: string, params: unknown[] = []) {
    return this.track(() => this.adminQueryNow(id, database, sql, params))
  }

  private async adminQueryNow(id: string, database: string, sql: string, params: unknown[] = []) {
    const cluster = await this.readWrite(id)
    try {
      return await cluster.query(sql, params, database)
    } finally {
      this.release(id)
    }
  }

  acquire(id: string, point?: PointRequest): Promise<Backend> {
    return this.track(() => this.acquireNow(id, point))
  }

  private async acquireNow(id: string, point?: PointRequest): Promise<Backend> {
    if (!point || point.kind === 'head') {
      const { cluster, cold } = await this.readWriteInstance(id)
      let released = false
      return {
        socketDir: cluster.socketDir,
        port: 5432,
        cold,
        release: () => {
          if (!released) this.release(id)
          released = true
        }
      }
    }
    return this.acquireTimeTravel(id, point)
  }

  /** A read-only instance paused at the point: shared by every connection to the same point. */
  private async acquireTimeTravel(id: string, point: PointRequest): Promise<Backend> {
    // The same resolution as a branch made at the point: Neon's time travel is a temporary branch there.
    const { lsn } = await this.resolvePointNow(id, point)
    const owner = this.owner(id, parseLsn(lsn))
    const key = `${owner.id}-${lsn.replace('/', '-')}`
    let instance = this.timeTravel.get(key)
    const cold = !instance
    if (!instance) {
      this.checkOpen()
      const entry: Instance = {
        cluster: undefined as unknown as Cluster,
        users: 0,
        dir: path.join(this.root, 'tt', `${key}-${++this.instances}`)
      }
      instance = entry
      this.timeTravel.set(key, entry)
      entry.starting = (async () => {
        const started = performance.now()
        const from = await this.startTimeTravel(owner, parseLsn(lsn), entry)
        this.log(`time-travel instance of ${id} at ${lsn} (${from}) in ${Math.round(performance.now() - started)} ms`)
      })()
      entry.starting.catch(() => {
        if (this.timeTravel.get(key) === entry) this.timeTravel.delete(key)
        void rm(entry.dir!, { recursive: true, force: true })
      })
    }
    const entry = instance
    entry.users++
    clearTimeout(entry.idleTimer)
    try {
      await entry.starting
    } catch (error) {
      entry.users--
      throw error
    }
    let released = false
    return {
      socketDir: entry.cluster.socketDir,
      port: 5432,
      cold,
      release: () => {
        if (released) return
        released = true
        entry.users--
        if (entry.users > 0) return
        entry.idleTimer = setTimeout(
          () => void this.removeTimeTravel(key, entry),
          this.options.timeTravelIdleMs ?? 10_000
        )
        entry.idleTimer.unref()
      }
    }
  }

  /**
   * A read-only Postgres at the point. By default a hot standby paused there, which reports the point as
   * `pg_last_wal_replay_lsn()`. With `timeTravelReplayLsn: 'null'` the function answers NULL instead, as on a
   * Neon compute that starts from a page server image without replaying WAL (Neon's xlogrecovery.c skips WAL
   * recovery when zenith.signal holds a valid PREV LSN: github.com/neondatabase/neon issue 3532, pull 735), and
   * as PostgreSQL documents for a server "started normally without recovery" (PostgreSQL 15 docs, Recovery
   * Information Functions).
   * Vanilla Postgres reports the last replayed LSN after any recovery, so the instance is promoted at the point
   * (the same data), shut down cleanly, and started again without recovery, read-only by default. The
   * differences a client could see: pg_is_in_recovery() is false, and a session could turn read-only off.
   */
  private async startTimeTravel(owner: StorageRecord, lsn: Lsn, entry: Instance): Promise<string> {
    if (this.options.timeTravelReplayLsn === 'null') {
      await this.startFresh(owner, await this.targetFor(owner, lsn), entry, 'promote')
      await entry.cluster.stop('fast')
      await entry.cluster.configure({ readOnly: true })
      await entry.cluster.start()
      return 'promoted and restarted'
    }
    const target = await this.targetFor(owner, lsn)
    const idle = this.takeIdleBelow(owner, target)
    if (idle) {
      try {
        await this.moveForward(owner, target, idle)
        const replayFrom = this.restartFrom(idle.paused!.replayFrom, target)
        Object.assign(entry, { cluster: idle.cluster, dir: idle.dir, paused: { owner: owner.id, target, replayFrom } })
        return `moved forward from ${formatLsn(idle.paused!.target)}`
      } catch (error) {
        this.log(`moving a time-travel instance forward failed, starting a new one: ${(error as Error).message}`)
        await this.stopTracked(idle.cluster, 'immediate')
        await rm(idle.dir!, { recursive: true, force: true })
      }
    }
    const backup = await this.startFresh(owner, target, entry, 'pause')
    entry.paused = { owner: owner.id, target, replayFrom: this.restartFrom(this.replayStart(backup), target) }
    return `from the base backup ending at ${backup.endLsn}`
  }

  private async startFresh(owner: StorageRecord, target: Lsn, entry: Instance, action: 'promote' | 'pause') {
    const dataDir = path.join(entry.dir!, 'pgdata')
    await makeDir(entry.dir!, this.runAs, 0o755)
    const { cluster, backup } = await this.prepareRecovery(owner, target, dataDir, { action })
    entry.cluster = cluster
    await cluster.start()
    return backup
  }

  /**
   * An idle instance of the same timeline paused at or before `target`, taken out of the map (so nothing else
   * uses or removes it), when moving it there replays less than starting one from the nearest base backup
   * would, counting the copy of that backup (see COPY_TO_REPLAY_RATIO). A paused standby cannot go back, only on.
   * On Neon a time-travel compute reads pages at its LSN from the pageserver; replaying from an instance already
   * near the point is the emulator's way to keep a probe's cost independent of how long the history is.
   */
  private takeIdleBelow(owner: StorageRecord, target: Lsn): Instance | undefined {
    let best: [string, Instance] | undefined
    for (const [key, entry] of this.timeTravel) {
      const paused = entry.paused
      if (entry.users > 0 || !paused || paused.owner !== owner.id || paused.target > target) continue
      if (!best || paused.target > best[1].paused!.target) best = [key, entry]
    }
    if (!best) return undefined
    const backup = this.backupFor(owner, target)
    const fresh = target - this.replayStart(backup) + BigInt(backup.bytes ?? 0) / COPY_TO_REPLAY_RATIO
    if (target - best[1].paused!.replayFrom + MOVE_COST_BYTES > fresh) return undefined
    clearTimeout(best[1].idleTimer)
    this.timeTravel.delete(best[0])
    return best[1]
  }

  private replayStart(backup: BackupRecord): Lsn {
    return parseLsn(backup.startLsn ?? backup.endLsn)
  }

  /** Where a paused instance would replay from once restarted: the last checkpoint, at most this far back. */
  private restartFrom(replayFrom: Lsn, target: Lsn): Lsn {
    const checkpointed = target - (this.options.checkpointEveryBytes ?? 4n * SEGMENT_SIZE)
    return checkpointed > replayFrom ? checkpointed : replayFrom
  }

  /**
   * Restarts a paused standby with a later target. CHECKPOINT on a standby makes a restartpoint at the last
   * checkpoint record it replayed, so the restart replays from there (see `checkpointEveryBytes`), not from
   * its base backup. Then an immediate stop, which a standby survives as a crash: a fast shutdown of a paused
   * standby waits about a second (measured on PostgreSQL 17: "received fast shutdown request" to "shutting
   * down"), the pause loop's sleep.
   */
  private async moveForward(owner: StorageRecord, target: Lsn, idle: Instance): Promise<void> {
    await idle.cluster.query('CHECKPOINT')
    await this.stopTracked(idle.cluster, 'immediate')
    await idle.cluster.configure({ recovery: this.recovery(owner, target, 'pause') })
    await idle.cluster.start()
  }

  private async removeTimeTravel(key: string, entry: Instance): Promise<void> {
    if (entry.users > 0 || this.timeTravel.get(key) !== entry) return
    this.timeTravel.delete(key)
    await this.stopTracked(entry.cluster, 'immediate')
    await rm(entry.dir!, { recursive: true, force: true })
  }

  /** Base backup without pg_basebackup: backup mode, a copy without WAL, then the backup label. */
  private takeBackup(id: string): Promise<void> {
    const running = this.backingUp.get(id) ?? this.copyBackup(id).finally(() => this.backingUp.delete(id))
    this.backingUp.set(id, running)
    return running
  }

  private async copyBackup(id: string): Promise<void> {
    const record = this.record(id)
    const cluster = await this.readWrite(id)
    const client = cluster.client()
    const dir = path.join(this.dir(id), 'backups', String(Date.now()))
    try {
      await client.connect()
      const startedAt = Date.now()
      await client.query("SELECT pg_backup_start('neon-emulator', true)")
      const bytes = await snapshotTree(cluster.dataDir, dir, record.backups.at(-1), isNotBackedUp, this.runAs)
      const { rows } = await client.query('SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(false)')
      await writeOwned(path.join(dir, 'backup_label'), rows[0].labelfile, this.runAs)
      if (rows[0].spcmapfile) await writeOwned(path.join(dir, 'tablespace_map'), rows[0].spcmapfile, this.runAs)
      await makeDir(path.join(dir, 'pg_wal', 'archive_status'), this.runAs)
      await rm(path.join(dir, 'recovery.signal'), { force: true })
      const startLsn = /START WAL LOCATION: (\S+)/.exec(rows[0].labelfile)?.[1]
      record.backups.push({ dir, startedAt, startLsn, endLsn: String(rows[0].lsn), bytes })
      await this.save()
      this.log(`base backup of ${id} ends at ${rows[0].lsn}`)
    } catch (error) {
      await rm(dir, { recursive: true, force: true })
      if (!this.closed) this.log(`base backup of ${id} failed: ${(error as Error).message}`)
    } finally {
      await client.end().catch(() => undefined)
      this.release(id)
    }
  }

  /**
   * Keeps WAL replay short: a new base backup once a running cluster wrote enough since the last one's redo
   * point (not its end: under heavy writes a backup spans the WAL written while it was copied).
   */
  private async takeDueBackups(): Promise<void> {
    for (const [id, instance] of this.clusters) {
      if (instance.starting === undefined) continue
      try {
        await instance.starting
        const record = this.storages.get(id)
        if (!record || record.dropped) continue
        const latest = record.backups.at(-1)
        const last = latest?.startLsn ?? latest?.endLsn ?? record.switchLsn ?? '0/0'
        const [row] = await instance.cluster.query(
          'SELECT pg_current_wal_flush_lsn()::text AS lsn, redo_lsn::text AS redo FROM pg_control_checkpoint()'
        )
        const since = (lsn: unknown) => parseLsn(String(row.lsn)) - parseLsn(String(lsn))
        if (!this.backingUp.has(id) && since(last) >= (this.options.backupEveryBytes ?? 4n * SEGMENT_SIZE)) {
          await this.takeBackup(id)
        } else if (since(row.redo) >= (this.options.checkpointEveryBytes ?? 4n * SEGMENT_SIZE)) {
          await instance.cluster.query('CHECKPOINT')
        }
      } catch {
        // the cluster stopped meanwhile; the next tick looks again
      }
    }
  }

  drop(id: string): Promise<void> {
    return this.track(() => this.dropNow(id))
  }

  private async dropNow(id: string): Promise<void> {
    const record = this.storages.get(id)
    if (!record || record.dropped) return
    record.dropped = true
    const instance = this.clusters.get(id)
    if (instance) {
      this.clusters.delete(id)
      await this.stopStorage(id, instance)
    }
    await this.collectGarbage()
    await this.save()
  }

  /** Removes dropped storages that no live storage descends from. */
  private async collectGarbage(): Promise<void> {
    const needed = new Set<string>()
    for (const record of this.storages.values()) {
      if (record.dropped) continue
      for (let current: StorageRecord | undefined = record; current;) {
        needed.add(current.id)
        current = current.parent ? this.storages.get(current.parent.id) : undefined
      }
    }
    for (const record of [...this.storages.values()]) {
      if (!record.dropped || needed.has(record.id)) continue
      for (const [key, entry] of this.timeTravel) {
        if (key.startsWith(record.id + '-')) await this.removeTimeTravel(key, Object.assign(entry, { users: 0 }))
      }
      this.storages.delete(record.id)
      // A drop running at the same time may still be stopping this storage's server.
      await this.stoppingStorage.get(record.id)
      await rm(this.dir(record.id), { recursive: true, force: true })
    }
  }

  /**
   * A server started once close() has looked at the maps would outlive the emulator (and keep the process alive):
   * a connection or request still in flight when the emulator stops gets an error instead of a new server.
   */
  private checkOpen(): void {
    if (this.closed) throw new Error('the emulator is stopping')
  }

  private track<T>(work: () => Promise<T>): Promise<T> {
    const running = work()
    this.inFlight.add(running)
    const forget = () => this.inFlight.delete(running)
    running.then(forget, forget)
    return running
  }

  private async stopTracked(cluster: Cluster, mode: 'fast' | 'immediate'): Promise<void> {
    const stopped = cluster.stop(mode)
    this.stopping.add(stopped)
    try {
      await stopped
    } finally {
      this.stopping.delete(stopped)
    }
  }

  async close(): Promise<void> {
    this.closed = true
    clearInterval(this.backupTimer)
    await Promise.allSettled([...this.inFlight])
    await Promise.all(this.backingUp.values())
    const stops: Promise<void>[] = []
    for (const instance of this.clusters.values()) {
      clearTimeout(instance.idleTimer)
      stops.push((async () => (await instance.starting?.catch(() => undefined), instance.cluster?.stop('fast')))())
    }
    for (const instance of this.timeTravel.values()) {
      clearTimeout(instance.idleTimer)
      stops.push((async () => (await instance.starting?.catch(() => undefined), instance.cluster?.stop('immediate')))())
    }
    await Promise.all([...stops, ...this.stopping])
    this.clusters.clear()
    this.timeTravel.clear()
    if (this.reaper) {
      try {
        process.kill(this.reaper, 'SIGKILL')
      } catch {
        // already gone
      }
    }
    if (this.socketRoot) await rm(this.socketRoot, { recursive: true, force: true })
    if (existsSync(this.root)) await this.save().catch(() => undefined)
  }
}
