/**
 * The live suite's scenarios, in the order they run. Each makes its own branches (named with the run's prefix)
 * and the context deletes them after it, so one scenario's failure does not spill into the next.
 */
import type { LiveContext } from '../context.js'
import type { Scenario } from '../runner.js'
import { bisect } from './bisect.js'
import { prune } from './prune.js'
import { queryAtLsn } from './query.js'
import { recover } from './recover.js'
import { restoreFromOther, restoreOwnPast } from './restore.js'
import { snapshot } from './snapshot.js'
import { verify } from './verify.js'

export const SCENARIOS: Scenario<LiveContext>[] = [
  snapshot,
  restoreOwnPast,
  restoreFromOther,
  // LINEAGE SCENARIOS (issue 12 part 1) go here, added by the lead: after a restore, a point before it is read
  // as the branch held it (snapshot, query, bisect and recover at a point before the restore).
  bisect,
  queryAtLsn,
  verify,
  prune,
  recover
]
