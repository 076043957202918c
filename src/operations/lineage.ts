/**
 * Points along a branch's lineage, for every operation that takes one (src/lineage.ts decides; this looks the
 * branches up and words refusals in terms of the input). A branch never restored costs no extra request.
 */
import { LineageError, backupPrefix, backupsOf, lineageOf, locate, sameIncarnation, type Located } from '../lineage.js'
import type { Branch, NeonGateway } from '../neon/index.js'
import type { Point } from '../point.js'
import { resolveBranch } from './common.js'

/** Where a point of `branch` is read: on the branch itself, or on the backup that held it then. */
export interface PointOn {
  /** The branch that held the point: the branch named, or the backup of one of its restores. */
  branch: Branch
  /** Set when it is a backup: where the point was read, for the summary. */
  note?: string
}

/** The branch that held `point` of `branch`; refuses, naming `input`, when that cannot be known for sure. */
export async function locatePoint(
  gateway: NeonGateway,
  branch: Branch,
  point: Point,
  input: string,
  history?: string
): Promise<PointOn> {
  const [located] = await locateOn(gateway, branch, [[point, input]], history)
  return pointOn(located)
}

/** Both bounds of a bisect, on the same timeline of `branch`, or a refusal saying to bisect each side. */
export async function locateBounds(
  gateway: NeonGateway,
  branch: Branch,
  bounds: { good: Point; bad: Point },
  history?: string
): Promise<{ good: PointOn; bad: PointOn }> {
  const [good, bad] = await locateOn(
    gateway,
    branch,
    [
      [bounds.good, 'good'],
      [bounds.bad, 'bad']
    ],
    history
  )
  try {
    sameIncarnation(good, bad, branch.name)
  } catch (error) {
    throw error instanceof LineageError ? new Error(`good, bad: ${error.message}`, { cause: error }) : error
  }
  return { good: pointOn(good), bad: pointOn(bad) }
}

async function locateOn(
  gateway: NeonGateway,
  branch: Branch,
  points: [Point, string][],
  history?: string
): Promise<Located<Branch>[]> {
  const historyBranch = history ? await resolveBranch(gateway, history, 'history') : undefined
  // Only a restored branch has a past elsewhere: the others need no look-up.
  const backups = branch.last_reset_at ? await listBackups(gateway, branch) : []
  const lineage = lineageOf(branch, [...backups, ...(await parentOf(gateway, branch, backups))], historyBranch)
  // Each point with the input it came from, for the refusal's wording.
  return points.map(([point, input]) => {
    try {
      return locate(lineage, point)
    } catch (error) {
      throw error instanceof LineageError ? new Error(`${input}: ${error.message}`, { cause: error }) : error
    }
  })
}

/** The branch's parent (the restore's source or backup), for naming it; none for a branch never restored. */
async function parentOf(gateway: NeonGateway, branch: Branch, known: Branch[]): Promise<Branch[]> {
  if (!branch.last_reset_at || !branch.parent_id || known.some((candidate) => candidate.id === branch.parent_id)) {
    return []
  }
  try {
    return [await gateway.branches.get(branch.parent_id)]
  } catch {
    return [] // named by its id in the summary then
  }
}

function pointOn(located: Located<Branch>): PointOn {
  return { branch: located.incarnation.branch, note: located.note }
}

/** The `{branch}_old_*` backups of `branch` Neon lists (its search matches anywhere in the name: filtered here). */
export async function listBackups(gateway: NeonGateway, branch: Branch): Promise<Branch[]> {
  return backupsOf(branch, await gateway.branches.list({ search: backupPrefix(branch.name) }))
}
