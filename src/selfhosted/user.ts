/**
 * Who runs PostgreSQL and the backup tools. PostgreSQL refuses to run as root ("root" execution of the
 * PostgreSQL server is not permitted", src/backend/main/main.c), and self-hosted runners and this project's CI
 * run as root: then the restored cluster, the backup tool's restore and the archive's restore_command all run as
 * `nobody`, which must be able to read the backup and the archive. Any other user runs them as itself.
 */
import { execFile, execFileSync, type ExecFileOptions } from 'node:child_process'
import { chown, mkdir } from 'node:fs/promises'
import { promisify } from 'node:util'

export const UNPRIVILEGED_USER = 'nobody'

export interface ClusterUser {
  /** Set only when running as root: the ids to spawn with and to give the files to. */
  ids?: { uid: number; gid: number }
  /** For messages: `nobody`, or `the runner's user`. */
  name: string
}

/** The user the clusters run as, looked up once. */
export function clusterUser(getuid = process.getuid?.bind(process)): ClusterUser {
  if (getuid?.() !== 0) return { name: "the runner's user" }
  const id = (flag: string) => Number(execFileSync('id', [flag, UNPRIVILEGED_USER], { encoding: 'utf8' }).trim())
  return { ids: { uid: id('-u'), gid: id('-g') }, name: UNPRIVILEGED_USER }
}

/** spawn/execFile options that run a child as the cluster user. */
export function asUser(user: ClusterUser): { uid?: number; gid?: number } {
  return user.ids ? { uid: user.ids.uid, gid: user.ids.gid } : {}
}

/**
 * A directory of mode 0700 that the cluster user owns (PostgreSQL wants its data directory so), in a parent that
 * must exist: never recursive, so a work directory the cancel handler removed is not made again under it.
 */
export async function makeOwnedDir(dir: string, user: ClusterUser): Promise<void> {
  await mkdir(dir, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error
  })
  if (user.ids) await chown(dir, user.ids.uid, user.ids.gid)
}

export interface CommandResult {
  stdout: string
  stderr: string
}

/** A command failed: its exit code and what it wrote to stderr, for a message that quotes it. */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | string | undefined,
    readonly stderr: string
  ) {
    super(`${command} failed (exit ${exitCode ?? '?'})${stderr.trim() ? `: ${stderr.trim()}` : ''}`)
    this.name = 'CommandError'
  }
}

const execFileAsync = promisify(execFile)

/** Runs `file args` as the cluster user; throws CommandError naming `what` when it fails. */
export async function runAs(
  user: ClusterUser,
  file: string,
  args: string[],
  options: ExecFileOptions & { what?: string } = {}
): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await execFileAsync(file, args, {
      maxBuffer: 64 * 1024 * 1024,
      ...options,
      ...asUser(user),
      encoding: 'utf8'
    })
    return { stdout, stderr }
  } catch (error) {
    const failure = error as { code?: number | string; stderr?: string; message: string }
    throw new CommandError(options.what ?? file, failure.code, failure.stderr || failure.message)
  }
}
