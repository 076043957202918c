/**
 * The throwaway cluster a restore runs in: a work directory in RUNNER_TEMP holding the data directory, the server
 * log and our own pg_hba.conf; a server run as the cluster user, listening on a unix socket in the data directory
 * only (so no port can clash); stopped by its PID and removed with its directory. Readiness is line 8 of
 * postmaster.pid reading `ready` ("ready to accept connections"; it reads `starting` through recovery and
 * `standby` in hot standby): pg_ctl -w returns too early during archive recovery (../shared/pitr-notes.md).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { chown, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { FillCommand } from './backup.js'
import { recoveryFailure, settingsArgs, type RecoveryOptions } from './recovery.js'
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

export class RestoredCluster {
  private child?: ChildProcess
  private exited?: Promise<void>
  /** Set by remove(): a start after it (a cancelled step's work still under way) must not leave a server behind. */
  private removed = false

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

  get hbaFile(): string {
    return path.join(this.workDir, 'pg_hba.conf')
  }

  /** A new work directory under `parent` with an empty data directory, both owned by the cluster user. */
  static async create(parent: string, user: ClusterUser, remember: (dir: string) => void): Promise<RestoredCluster> {
    const workDir = await mkdtemp(path.join(parent, WORK_DIR_PREFIX))
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

  /** recovery.signal (pgBackRest writes it too) and a pg_hba.conf that trusts the socket, owned by the cluster user. */
  async prepare(): Promise<void> {
    await this.writeOwned(path.join(this.dataDir, 'recovery.signal'), '')
    await this.writeOwned(this.hbaFile, 'local all all trust\n')
  }

  private async writeOwned(file: string, text: string): Promise<void> {
    await writeFile(file, text, { mode: 0o600 })
    if (this.user.ids) await chown(file, this.user.ids.uid, this.user.ids.gid)
  }

  recoveryOptions(restoreCommand: string, target: RecoveryOptions['target']): RecoveryOptions {
    return { restoreCommand, target, socketDir: this.dataDir, hbaFile: this.hbaFile }
  }

  /** Starts the server on `settings` and resolves once recovery ended and it accepts connections. */
  async start(bin: string, settings: Record<string, string>): Promise<void> {
    if (this.removed) throw new Error(`${this.workDir} was removed (the step was cancelled)`)
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
      if (lines[7]?.trim() === 'ready' && Number(lines[0]) === child.pid) return
      await sleep(10)
    }
  }

  log(): string {
    return readText(this.logFile)
  }

  /** A connection string over the socket (trusted: our pg_hba.conf). */
  uri(database: string, role: string): string {
    return `postgresql://${encodeURIComponent(role)}@localhost/${encodeURIComponent(database)}?host=${encodeURIComponent(this.dataDir)}`
  }

  /** Stops the server (fast shutdown, then immediate after `graceMs`). */
  async stop(graceMs = 5000): Promise<void> {
    const child = this.child
    if (!child?.pid) return
    signal(child.pid, 'SIGINT')
    const timer = setTimeout(() => child.pid && signal(child.pid, 'SIGQUIT'), graceMs)
    await this.exited
    clearTimeout(timer)
  }

  /** Stops the server and removes the work directory with everything in it. */
  async remove(): Promise<void> {
    this.removed = true
    await this.stop()
    await rm(this.workDir, { recursive: true, force: true })
  }
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
  const dataDir = path.join(workDir, 'data')
  const pidFile = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '')
  const [pid, dir] = pidFile.split('\n')
  if (Number(pid) > 0 && dir === dataDir) {
    signal(Number(pid), 'SIGQUIT')
    for (let i = 0; i < 500 && alive(Number(pid)); i++) await sleep(10)
  }
  const existed = await stat(workDir).then(
    () => true,
    () => false
  )
  await rm(workDir, { recursive: true, force: true })
  return existed
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
