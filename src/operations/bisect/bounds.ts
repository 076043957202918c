/**
 * Bounds the plan left open: a timestamp whose LSN a time-travel compute did not report (Neon's computes may
 * answer NULL to pg_last_wal_replay_lsn()). A branch made at the timestamp, with no compute, has the LSN as its
 * parent_lsn. Making that branch is a change, so it happens only when the step runs, never in a plan.
 */
import { alignUp, parseLsn } from '../../lsn.js'
import { SETUP_MS, type Throwaways } from '../../throwaway.js'
import { checkOrder, type BisectPlan, type Bound, type ResolvedBound } from './plan.js'

export async function resolveBounds(
  plan: BisectPlan,
  branches: Throwaways
): Promise<{ good: ResolvedBound; bad: ResolvedBound }> {
  const [good, bad] = await Promise.all([plan.good, plan.bad].map((bound) => resolveBound(bound, plan, branches)))
  checkOrder(good, bad)
  return { good, bad }
}

async function resolveBound(bound: Bound, plan: BisectPlan, branches: Throwaways): Promise<ResolvedBound> {
  if (bound.lsn !== undefined) return bound as ResolvedBound
  if (bound.point.kind !== 'timestamp') throw new Error(`${bound.name}: the plan left a non-timestamp point open`)
  const branch = await branches.create({
    name: branches.name('point'),
    parentId: plan.timeline.branch.id,
    parentTimestamp: bound.point.timestamp,
    useMs: SETUP_MS
  })
  try {
    if (!branch.parent_lsn) throw new Error(`Neon did not report the LSN of ${bound.point.timestamp}`)
    return { ...bound, lsn: alignUp(parseLsn(branch.parent_lsn)) }
  } finally {
    await branches.delete(branch)
  }
}
