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
  /** The user's name, for messages. */
  name?: string
}

export const CLUSTER_USER = 'nobody'

export function clusterUser(): RunAs {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {}
  const lookup = (flag: string) => Number(execFileSync('id', [flag, CLUSTER_USER], { encoding: 'utf8' }).trim())
  const uid = lookup('-u')
  const gid = lookup('-g')
  return { uid, gid, owner: { uid, gid }, name: CLUSTER_USER }
}
