/**
 * The throwaway cluster a restore runs in: a work directory in RUNNER_TEMP holding the data directory, the server
 * log and our own pg_hba.conf; a server run as the cluster user, listening on a unix socket in the data directory
 * only (so no port can clash); stopped by its PID and removed with its directory. Readiness is line 8 of
 * postmaster.pid reading `ready` ("ready to accept connections"; it reads `starting` through recovery, and also
 * `ready` once a hot standby accepts read-only connections: postmaster.c writes `standby` only with hot_standby
 * off): pg_ctl -w returns too early during archive recovery (../shared/pitr-notes.md). So a cluster paused at its
 * target (bisect) is ready once its log also says it paused there.
 * Copies of a stopped cluster (bisect's probes) live in its work directory and are stopped and removed with it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { chown, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { FillCommand } from './backup.js'
import { parseControlData, recoveryFailure, settingsArgs, type RecoveryOptions } from './recovery.js'
import { CommandError, makeOwnedDir, runAs, type ClusterUser } from './user.js'

/** The directory prefix of every work directory, which the post step recognises. */
export const WORK_DIR_PREFIX = 'neon-recovery-'

/** The cluster user cannot reach RUNNER_TEMP: the message names the user and the fix. */
export class WorkDirAccessError extends Error {
  constructor(dir: string, user: ClusterUser) {
    super(
      `PostgreSQL refuses to run as root, so the restore runs as ${user.name}, which cannot write ${dir}: ` +
        `let it through (chmod o+x on each parent of ${dir}) or run the job as an unprivileged user`
    )
    this.name = 'WorkDirAccessError'
  }
}

/** PostgreSQL exited before it was ready, and its log shows no recovery failure we know. */
export class ServerStartError extends Error {
  constructor(logTail: string) {
    super(`PostgreSQL stopped before it was ready; its log ends:\n${logTail}`)
    this.name = 'ServerStartError'
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Logged once a recovery target is reached with recovery_target_action = pause (xlogrecovery.c,
 * recoveryPausesHere: "pausing at the end of recovery"); messages are in English (lc_messages=C, recovery.ts).
 */
const PAUSED_AT_TARGET = 'pausing at the end of recovery'

/** How a copy was made: a reflink shares the blocks until either side writes them. */
export type CopyMethod = 'reflink' | 'copy'

export class RestoredCluster {
  private child?: ChildProcess
  private exited?: Promise<void>
  /** Set by remove(): a start after it (a cancelled step's work still under way) must not leave a server behind. */
  private removed = false
  /** The copies made in this work directory, stopped before it is removed. */
  private readonly copies: RestoredCluster[] = []
  /** Kills a copy's `cp` still running when the cluster is removed (a cancel mid-round). */
  private readonly copying = new AbortController()

  private constructor(
    readonly workDir: string,
    readonly user: ClusterUser
  ) {}

  get dataDir(): string {
    return path.join(this.workDir, 'data')
  }

  get logFile(): string {
    return path.join(this.workDir, 'server.log')
  }

  /** The unix socket's directory: the work directory, the shortest path of ours (see checkSocketPath). */
  get socketDir(): string {
    return this.workDir
  }

  get hbaFile(): string {
    return path.join(this.workDir, 'pg_hba.conf')
  }

  /** A new work directory under `parent` with an empty data directory, both owned by the cluster user. */
  static async create(
    parent: string,
    user: ClusterUser,
    remember: (dir: string) => void,
    prefix = WORK_DIR_PREFIX
  ): Promise<RestoredCluster> {
    const workDir = await mkdtemp(path.join(parent, prefix))
    remember(workDir)
    const cluster = new RestoredCluster(workDir, user)
    await makeOwnedDir(workDir, user)
    await runAs(user, 'test', ['-w', workDir]).catch((error: unknown) => {
      if (error instanceof CommandError) throw new WorkDirAccessError(parent, user)
      throw error
    })
    await makeOwnedDir(cluster.dataDir, user)
    return cluster
  }

  /** Runs the backup tool's command that fills the data directory, as the cluster user; `signal` kills it. */
  async fill(command: FillCommand, signal?: AbortSignal): Promise<void> {
    await runAs(this.user, command.file, command.args, {
      env: { ...process.env, ...command.env },
      what: command.what,
      signal
    })
  }

  async readDataFile(name: string): Promise<string | undefined> {
    return readFile(path.join(this.dataDir, name), 'utf8').catch(() => undefined)
  }

  /**
   * recovery.signal (pgBackRest writes it too), or standby.signal for a standby, and a pg_hba.conf that trusts the
   * socket, owned by the cluster user.
   */
  async prepare(signalFile: 'recovery.signal' | 'standby.signal' = 'recovery.signal'): Promise<void> {
    await this.writeOwned(path.join(this.dataDir, signalFile), '')
    await this.writeOwned(this.hbaFile, 'local all all trust\n')
  }

  /**
   * Appends `name = value` lines to postgresql.auto.conf, "read after postgresql.conf" so its settings win
   * (docs: Setting Parameters): for a setting that must not show in the server's command line (a password).
   */
  async appendSetting(name: string, quotedValue: string): Promise<void> {
    const file = path.join(this.dataDir, 'postgresql.auto.conf')
    const existing = await readFile(file, 'utf8').catch(() => '')
    await this.writeOwned(
      file,
      `${existing}${existing.endsWith('\n') || !existing ? '' : '\n'}${name} = ${quotedValue}\n`
    )
  }

  private async writeOwned(file: string, text: string): Promise<void> {
    await writeFile(file, text, { mode: 0o600 })
    if (this.user.ids) await chown(file, this.user.ids.uid, this.user.ids.gid)
  }

  recoveryOptions(restoreCommand: string, target: RecoveryOptions['target']): RecoveryOptions {
    return { restoreCommand, target, socketDir: this.socketDir, hbaFile: this.hbaFile }
  }

  /**
   * Starts the server on `settings` and resolves once recovery ended and it accepts connections (or, a standby,
   * read-only ones), or, with `paused`, once it paused at its target and accepts read-only connections. `watch`
   * runs at each poll and may throw to give up (the caller then removes the cluster).
   */
  async start(
    bin: string,
    settings: Record<string, string>,
    { paused = false, watch }: { paused?: boolean; watch?: () => void } = {}
  ): Promise<void> {
    this.checkNotRemoved()
    const logStart = this.log().length
    const log = openSync(this.logFile, 'a')
    const child = spawn(path.join(bin, 'postgres'), ['-D', this.dataDir, ...settingsArgs(settings)], {
      ...(this.user.ids ?? {}),
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, ...restoreCommandEnv(this.dataDir) }
    })
    closeSync(log)
    this.child = child
    let ended = false
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        ended = true
        this.child = undefined
        resolve()
      })
    )
    const pidFile = path.join(this.dataDir, 'postmaster.pid')
    for (;;) {
      if (ended)
        throw (
          recoveryFailure(this.log()) ?? new ServerStartError(this.log().trimEnd().split('\n').slice(-12).join('\n'))
        )
      const lines = readText(pidFile).split('\n')
      const state = Number(lines[0]) === child.pid ? lines[7]?.trim() : undefined
      if (!paused && state === 'ready') return
      if (paused && state === 'ready' && this.log().slice(logStart).includes(PAUSED_AT_TARGET)) return
      watch?.()
      await sleep(10)
    }
  }

  log(): string {
    return readText(this.logFile)
  }

  /** A connection string over the socket (trusted: our pg_hba.conf). */
  uri(database: string, role: string): string {
    return `postgresql://${encodeURIComponent(role)}@localhost/${encodeURIComponent(database)}?host=${encodeURIComponent(this.socketDir)}`
  }

  private checkNotRemoved(): void {
    if (this.removed) throw new Error(`${this.workDir} was removed (the step was cancelled)`)
  }

  /** Stops the server (fast shutdown, then immediate after `graceMs`; 0: immediate at once). */
  async stop(graceMs = 5000): Promise<void> {
    const child = this.child
    if (!child?.pid) return
    signal(child.pid, 'SIGINT')
    const timer = setTimeout(() => child.pid && signal(child.pid, 'SIGQUIT'), graceMs)
    await this.exited
    clearTimeout(timer)
  }

  /** Stops the server (and every copy's) and removes the work directory with everything in it. */
  async remove(): Promise<void> {
    // Before anything is awaited: a copy bisect would start meanwhile must refuse, not run in a removed directory.
    this.removed = true
    for (const copy of [this, ...this.copies]) {
      copy.removed = true
      copy.copying.abort()
    }
    await Promise.all(this.copies.map((copy) => copy.stop()))
    await this.stop()
    // A killed cp may still be writing for a moment: rm retries on ENOTEMPTY.
    await rm(this.workDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })
  }

  /** Removes the (stopped) data directory only, freeing its space; the work directory and copies stay. */
  async discardData(): Promise<void> {
    await this.stop()
    await rm(this.dataDir, { recursive: true, force: true })
  }

  /** A new, empty cluster in this one's work directory (`copies/`), stopped and removed with it. */
  async newCopy(): Promise<RestoredCluster> {
    this.checkNotRemoved()
    const parent = path.join(this.workDir, COPIES_DIR)
    await makeOwnedDir(parent, this.user)
    // Short names (c/XXXXXX): the copy's socket path must stay within the limit (checkSocketPath).
    const copy = await RestoredCluster.create(parent, this.user, () => undefined, '')
    this.copies.push(copy)
    copy.removed = this.removed // removed while it was being made
    return copy
  }

  /**
   * Fills this cluster's empty data directory with `source`'s, which must be stopped (a running server's files
   * are not a consistent copy). `cp --reflink=always` shares the blocks on filesystems that can (btrfs, XFS);
   * where it fails, a plain copy (GNU coreutils' cp). pg_wal is always a directory of the copy's own (a symlinked
   * one would be shared), holding only the files `keepWal` names: the copy fetches the rest from the archive.
   */
  async copyFrom(
    source: RestoredCluster,
    { tryReflink = true, keepWal = () => true }: { tryReflink?: boolean; keepWal?: (name: string) => boolean } = {}
  ): Promise<CopyMethod> {
    const top = (await readdir(source.dataDir)).filter((name) => name !== 'pg_wal')
    const wal = (await readdir(path.join(source.dataDir, 'pg_wal'))).filter(keepWal)
    await makeOwnedDir(path.join(this.dataDir, 'pg_wal'), this.user)
    const copy = async (reflink: string[]) => {
      const run = (names: string[], from: string, to: string) =>
        names.length === 0
          ? Promise.resolve()
          : runAs(this.user, 'cp', ['-a', ...reflink, '--', ...names.map((name) => path.join(from, name)), to], {
              what: `cp of ${from}`,
              signal: this.copying.signal
            })
      await run(top, source.dataDir, this.dataDir)
      await run(wal, path.join(source.dataDir, 'pg_wal'), path.join(this.dataDir, 'pg_wal'))
    }
    if (
      tryReflink &&
      (await copy(['--reflink=always']).then(
        () => true,
        () => false
      ))
    )
      return 'reflink'
    // Over what a failed reflink may have left: cp -a overwrites it.
    await copy([])
    return 'copy'
  }

  /** pg_controldata of the (stopped) data directory, in English, as name → value. */
  async controlData(bin: string): Promise<Record<string, string>> {
    const { stdout } = await runAs(this.user, path.join(bin, 'pg_controldata'), ['-D', this.dataDir], {
      env: { ...process.env, LC_ALL: 'C' },
      what: 'pg_controldata'
    })
    return parseControlData(stdout)
  }
}

/** Where a cluster's copies are made, inside its work directory. */
const COPIES_DIR = 'c'

/** The socket's path below the work directories' parent: ours, and a copy's (bisect). */
const SOCKET_SUFFIX = `/${WORK_DIR_PREFIX}XXXXXX/.s.PGSQL.5432`
const COPY_SOCKET_SUFFIX = `/${WORK_DIR_PREFIX}XXXXXX/${COPIES_DIR}/XXXXXX/.s.PGSQL.5432`

/** The work directories' parent is too long for PostgreSQL's unix socket path. */
export class SocketPathError extends Error {
  constructor(parent: string, length: number, limit: number) {
    super(
      `RUNNER_TEMP: ${parent} is too long for the restored copy's unix socket (${length} bytes with the socket's ` +
        `own path, at most ${limit}): set RUNNER_TEMP in the step's env to a shorter directory, e.g. /tmp/restore`
    )
    this.name = 'SocketPathError'
  }
}

/**
 * PostgreSQL refuses a unix socket path longer than sockaddr_un's sun_path less its NUL ("Unix-domain socket path
 * \"%s\" is too long (maximum %d bytes)", pqcomm.c): 107 bytes on Linux, 103 on macOS. Checked before anything
 * starts; with `copies`, for bisect's copies, which live one level deeper.
 */
export function checkSocketPath(parent: string, copies = false, platform = process.platform): void {
  const limit = platform === 'linux' ? 107 : 103
  const length = Buffer.byteLength(parent + (copies ? COPY_SOCKET_SUFFIX : SOCKET_SUFFIX))
  if (length > limit) throw new SocketPathError(parent, length, limit)
}

/**
 * The environment restore_command runs in, beyond the step's own (which carries PGBACKREST_CONFIG and the
 * like). pgBackRest's archive-get refuses a data directory other than its configured pg1-path ("is the
 * PostgreSQL data_directory configured the same as the pg1-path option?"); "Any option may be set in an
 * environment variable using the PGBACKREST_ prefix ... pg1-path becomes PGBACKREST_PG1_PATH"
 * (pgbackrest.org/command.html, Introduction). The docs do not say that it overrides the configuration file;
 * measured with 2.45, it does (__tests__/selfhosted/verify.test.ts). Other tools ignore it.
 */
function restoreCommandEnv(dataDir: string): Record<string, string> {
  return { PGBACKREST_PG1_PATH: dataDir, TZ: 'UTC' }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name)
  } catch {
    // already gone
  }
}

/**
 * The post step's sweep of a work directory the main step could not remove (killed): stops the server still
 * running in it (its postmaster.pid names the data directory on line 2) and removes the directory.
 */
export async function removeLeftover(workDir: string): Promise<boolean> {
  if (!path.basename(workDir).startsWith(WORK_DIR_PREFIX)) return false
  const copies = await readdir(path.join(workDir, COPIES_DIR)).catch(() => [] as string[])
  const dataDirs = [workDir, ...copies.map((copy) => path.join(workDir, COPIES_DIR, copy))].map((dir) =>
    path.join(dir, 'data')
  )
  await Promise.all(dataDirs.map(stopLeftoverServer))
  const existed = await stat(workDir).then(
    () => true,
    () => false
  )
  await rm(workDir, { recursive: true, force: true })
  return existed
}

/** Stops the server whose postmaster.pid in `dataDir` names that directory (line 2), if one runs. */
async function stopLeftoverServer(dataDir: string): Promise<void> {
  const pidFile = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '')
  const [pid, dir] = pidFile.split('\n')
  if (!(Number(pid) > 0 && dir === dataDir)) return
  signal(Number(pid), 'SIGQUIT')
  for (let i = 0; i < 500 && alive(Number(pid)); i++) await sleep(10)
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
