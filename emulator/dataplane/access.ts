/**
 * What the unprivileged cluster user must be able to reach (the state directory, the server binaries), and
 * the message that says which user and what to change when it cannot. The emulator checks before it creates
 * anything: otherwise initdb fails with a bare "Permission denied" and leaves a partial state directory.
 */
import { statSync, type Stats } from 'node:fs'
import path from 'node:path'
import type { RunAs } from './user.js'

/** A path the cluster user cannot reach; the message names the user, the directory in the way and the fix. */
export class AccessError extends Error {}

const SEARCH = 0o1
const READ = 0o4

/** Permission bits `wanted` (as the "other" triplet) for a user, by owner, group or other (no ACLs). */
function allows(stats: Stats, runAs: RunAs, wanted: number): boolean {
  if (stats.uid === runAs.uid) return ((stats.mode >> 6) & wanted) === wanted
  if (stats.gid === runAs.gid) return ((stats.mode >> 3) & wanted) === wanted
  return (stats.mode & wanted) === wanted
}

function statOf(file: string): Stats | undefined {
  try {
    return statSync(file)
  } catch {
    return undefined
  }
}

/** The existing directories on the way to `target`, from `/` down; `target` itself included when asked. */
function pathDirs(target: string, includeTarget: boolean): { dir: string; stats: Stats }[] {
  const parts = path.resolve(target).split(path.sep).filter(Boolean)
  const dirs: { dir: string; stats: Stats }[] = []
  for (let depth = 0; depth <= parts.length; depth++) {
    if (depth === parts.length && !includeTarget) break
    const dir = path.sep + parts.slice(0, depth).join(path.sep)
    const stats = statOf(dir)
    if (!stats) break
    dirs.push({ dir, stats })
  }
  return dirs
}

function describe(dir: string, stats: Stats): string {
  return `${dir} (mode ${(stats.mode & 0o777).toString(8).padStart(4, '0')}, owner uid ${stats.uid})`
}

function userOf(runAs: RunAs): string {
  return `${runAs.name ?? 'the cluster user'} (uid ${runAs.uid})`
}

/**
 * Refuses a state directory whose parents the cluster user cannot search. The directory itself may be
 * missing or owned by anyone: the emulator creates it and gives it to the cluster user.
 */
export function checkStateDir(stateDir: string, runAs: RunAs): void {
  if (runAs.uid === undefined) return
  const blocked = pathDirs(path.dirname(path.resolve(stateDir)), true).find(
    ({ stats }) => !allows(stats, runAs, SEARCH)
  )
  if (!blocked) return
  throw new AccessError(
    `The emulator runs PostgreSQL as ${userOf(runAs)}, since PostgreSQL refuses to run as root, and that user ` +
      `cannot reach the state directory ${path.resolve(stateDir)}: it may not enter ${describe(blocked.dir, blocked.stats)}. ` +
      `Pick a state directory under /dev/shm or /tmp (or leave --state-dir out for a fresh one), ` +
      `or let it through with chmod o+x ${blocked.dir}`
  )
}

/** Refuses server binaries the cluster user cannot run (an npm build inside a home directory of mode 0700). */
export function checkBinaries(bin: string, runAs: RunAs): void {
  if (runAs.uid === undefined) return
  const blocked = pathDirs(bin, true).find(({ stats }) => !allows(stats, runAs, SEARCH))
  const server = path.join(bin, 'postgres')
  const stats = statOf(server)
  const message = blocked
    ? `it may not enter ${describe(blocked.dir, blocked.stats)}`
    : stats && !allows(stats, runAs, READ | SEARCH)
      ? `it may not run ${describe(server, stats)}`
      : undefined
  if (!message) return
  throw new AccessError(
    `The emulator runs PostgreSQL as ${userOf(runAs)}, since PostgreSQL refuses to run as root, and that user ` +
      `cannot run ${server}: ${message}. ` +
      `Let it through with chmod o+x ${blocked?.dir ?? server}, keep the checkout where others may read it, ` +
      `or point PG_BIN at an installed PostgreSQL`
  )
}
