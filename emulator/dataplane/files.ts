import { execFile } from 'node:child_process'
import { chown, mkdir, writeFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import type { RunAs } from './user.js'

const run = promisify(execFile)

/** A directory the cluster user can write. */
export async function makeDir(dir: string, runAs: RunAs, mode = 0o700): Promise<void> {
  await mkdir(dir, { recursive: true, mode })
  if (runAs.owner) await chown(dir, runAs.owner.uid, runAs.owner.gid)
}

/**
 * Copies a data directory keeping owners and modes. `tar` tolerates files that change or vanish under a
 * running server (exit status 1), which a base backup must accept: the WAL replay repairs them.
 */
export async function copyTree(from: string, to: string, exclude: string[] = []): Promise<void> {
  const excludes = exclude.map((pattern) => `--exclude=${pattern}`)
  const script = 'tar -C "$1" --warning=no-file-changed --warning=no-file-removed --ignore-failed-read -cf - ' +
    '"${@:3}" . | tar -C "$2" -xpf -; s=("${PIPESTATUS[@]}"); [ "${s[0]}" -le 1 ] && [ "${s[1]}" -eq 0 ]'
  await run('bash', ['-c', script, 'copy', from, to, ...excludes])
}

/** Writes a file inside a data directory, owned by the cluster user (Postgres rewrites some of them). */
export async function writeOwned(file: string, content: string, runAs: RunAs): Promise<void> {
  await writeFile(file, content, { mode: 0o600 })
  if (runAs.owner) await chown(file, runAs.owner.uid, runAs.owner.gid)
}
