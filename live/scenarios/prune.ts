/**
 * operation: prune with keep-last on branches this run made: exactly the older ones disappear from the branch
 * list. Neon's created_at has whole seconds, so the newest is made after a pause to keep the order certain.
 */
import type { LiveContext } from '../context.js'
import { same } from '../judge.js'
import type { Scenario } from '../runner.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export const prune: Scenario<LiveContext> = {
  name: 'prune keeps the newest of its snapshots',
  async run(live) {
    await live.branch('prune-a', { expires: true })
    await live.branch('prune-b', { expires: true })
    await sleep(1100)
    const newest = await live.branch('prune-c', { expires: true })
    const step = await live.step({ operation: 'prune', match: live.name('prune-*'), 'keep-last': '1' })
    const left = (await live.neon.branches()).filter((branch) => branch.name.startsWith(live.name('prune-')))
    same(
      'prune branches left',
      left.map((branch) => branch.name),
      [newest.name]
    )
    same('deleted', step.outputs.deleted, '2')
  }
}
