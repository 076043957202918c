import { execFileSync } from 'node:child_process'

/**
 * PostgreSQL refuses to run as root, and CI runs as root: then every cluster runs as `nobody`.
 * A normal user runs them as itself.
 */
export interface RunAs {
  uid?: number
  gid?: number
  /** Owner to give files the clusters must write. */
  owner?: { uid: number; gid: number }
}

export function clusterUser(): RunAs {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {}
  const lookup = (flag: string) => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim())
  const uid = lookup('-u')
  const gid = lookup('-g')
  return { uid, gid, owner: { uid, gid } }
}
