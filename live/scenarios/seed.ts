/** Data the scenarios seed over SQL, on branches of this run. */
import type { BranchOptions, LiveBranch, LiveContext } from '../context.js'
import { currentLsn, query } from '../sql.js'

/** A branch (options as `live.branch`) whose table `items` holds rows 1-3 at `lsn` and rows 1-6 at its head. */
export async function itemsWithHistory(
  live: LiveContext,
  part: string,
  options: BranchOptions = {}
): Promise<LiveBranch & { lsn: string }> {
  const branch = await live.branch(part, options)
  await query(branch.uri, 'CREATE TABLE items (id int PRIMARY KEY, note text)')
  await query(branch.uri, "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 3) g")
  const lsn = await currentLsn(branch.uri)
  await query(branch.uri, "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(4, 6) g")
  return { ...branch, lsn }
}

export const ONE_TO_THREE = [1, 2, 3]
export const ONE_TO_SIX = [1, 2, 3, 4, 5, 6]
