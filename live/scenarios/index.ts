/**
 * The live suite's scenarios, in the order they run. Each makes its own branches (named with the run's prefix)
 * and the context deletes them after it, so one scenario's failure does not spill into the next.
 */
import type { LiveContext } from '../context.js'
import type { Scenario } from '../runner.js'
import { bisect } from './bisect.js'
import { lineageFromOther, lineageOwnPast } from './lineage.js'
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
  // After a restore, a point before it is read as the branch held it (issue 12 part 1).
  lineageOwnPast,
  lineageFromOther,
  bisect,
  queryAtLsn,
  verify,
  prune,
  recover
]
