/** operation: snapshot, at head and at an LSN: each branch is listed under the base and holds its point's rows. */
import type { LiveContext } from '../context.js'
import { ensure, same } from '../judge.js'
import type { Scenario } from '../runner.js'
import { ids } from '../sql.js'
import { itemsWithHistory, ONE_TO_SIX, ONE_TO_THREE } from './seed.js'

export const snapshot: Scenario<LiveContext> = {
  name: 'snapshot at head and at an LSN',
  async run(live) {
    const app = await itemsWithHistory(live, 'snap')
    const points = [
      { at: 'head', name: live.name('snap-head'), rows: ONE_TO_SIX },
      { at: app.lsn, name: live.name('snap-lsn'), rows: ONE_TO_THREE }
    ]
    for (const point of points) {
      const step = await live.step({
        operation: 'snapshot',
        branch: app.name,
        at: point.at,
        name: point.name,
        'expires-in': '3h'
      })
      const listed = await live.branchNamed(point.name)
      ensure(listed !== undefined, `snapshot at ${point.at}: no branch named ${point.name} in the branch list`)
      same(`snapshot at ${point.at}: branch-id output`, step.outputs['branch-id'], listed!.id)
      same(`snapshot at ${point.at}: parent`, listed!.parent_id, app.id)
      ensure(Boolean(listed!.expires_at), `snapshot at ${point.at}: the branch has no expires_at`)
      same(`snapshot at ${point.at}: rows`, await ids(await live.uri(listed!.id), 'items'), point.rows)
      // Neon rounds a branch point up to 8 bytes: the output is the point the branch really has.
      if (point.at !== 'head') same('snapshot at an LSN: lsn output', step.outputs.lsn, listed!.parent_lsn)
    }
  }
}
