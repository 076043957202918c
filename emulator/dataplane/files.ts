import { execFile } from 'node:child_process'
import { chmod, chown, copyFile, link, mkdir, readdir, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import type { RunAs } from './user.js'

const run = promisify(execFile)

/** A directory the cluster user can write. */
export async function makeDir(dir: string, runAs: RunAs, mode = 0o700): Promise<void> {
  await mkdir(dir, { recursive: true, mode })
  if (runAs.owner) await chown(dir, runAs.owner.uid, runAs.owner.gid)
}

/** Copies a base backup into a new data directory, keeping owners and modes (backups never change). */
export async function copyTree(from: string, to: string): Promise<void> {
  await run('cp', ['-a', '--', `${from}/.`, to])
}

/** Writes a file inside a data directory, owned by the cluster user (Postgres rewrites some of them). */
export async function writeOwned(file: string, content: string, runAs: RunAs): Promise<void> {
  await writeFile(file, content, { mode: 0o600 })
  if (runAs.owner) await chown(file, runAs.owner.uid, runAs.owner.gid)
}

/**
 * Copies a running data directory into a new base backup, hard-linking each file that has not changed since
 * well before the previous backup started from that backup instead (backups are never written to, so they
 * can share files). Files that vanish under the server are skipped: the WAL replay recreates them.
 * Call it after `pg_backup_start`, whose checkpoint has written every dirty page. Answers the bytes of its files.
 */
export async function snapshotTree(
  from: string,
  to: string,
  previous: { dir: string; startedAt: number } | undefined,
  skip: (relative: string) => boolean,
  runAs: RunAs
): Promise<number> {
  let bytes = 0
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(from, relative), { withFileTypes: true }).catch(() => [])
    // Files of one directory are copied concurrently: a data directory holds about a thousand small files.
    await Promise.all(
      entries.map(async (entry) => {
        const name = path.join(relative, entry.name)
        if (skip(name)) return
        const source = path.join(from, name)
        const target = path.join(to, name)
        if (entry.isDirectory()) {
          await makeDir(target, runAs)
          return walk(name)
        }
        if (!entry.isFile()) return
        const stats = await stat(source).catch(() => undefined)
        if (!stats) return
        bytes += stats.size
        if (previous && stats.mtimeMs < previous.startedAt - 1000) {
          const linked = await link(path.join(previous.dir, name), target).then(
            () => true,
            () => false
          )
          if (linked) return
        }
        const copied = await copyFile(source, target).then(
          () => true,
          () => false
        )
        if (!copied) return
        if (runAs.owner) await chown(target, runAs.owner.uid, runAs.owner.gid)
        await chmod(target, stats.mode & 0o777)
      })
    )
  }
  await makeDir(to, runAs)
  await walk('')
  return bytes
}
