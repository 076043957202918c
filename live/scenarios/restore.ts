/**
 * operation: restore, to the branch's own past and from another branch, on branches of this run (never the
 * default branch): the branch keeps its id and connection string and holds the source's rows, and the state it
 * had is kept in a backup branch.
 */
import type { Branch } from '../neon.js'
import type { LiveContext } from '../context.js'
import { ensure, same } from '../judge.js'
import type { Scenario } from '../runner.js'
import { currentLsn, ids, query } from '../sql.js'
import { itemsWithHistory, ONE_TO_SIX, ONE_TO_THREE } from './seed.js'

/** The one backup Neon made of `name` (the action's default name `{branch}_old_{timestamp}`). */
async function backupOf(live: LiveContext, name: string, outputId: string): Promise<Branch> {
  const backups = (await live.neon.branches()).filter((branch) => branch.name.startsWith(`${name}_old_`))
  same(
    `backups of ${name} in the branch list`,
    backups.map((branch) => branch.id),
    [outputId]
  )
  return backups[0]
}

/** The restored branch is still listed under its name, with its id and connection string. */
async function expectSameBranch(live: LiveContext, branch: { id: string; name: string; uri: string }) {
  const listed = await live.branchNamed(branch.name)
  same(`id of ${branch.name} after the restore`, listed?.id, branch.id)
  ensure((await live.uri(branch.id)) === branch.uri, `the connection string of ${branch.name} changed`)
}

export const restoreOwnPast: Scenario<LiveContext> = {
  name: 'restore to its own past (^self@<lsn>)',
  async run(live) {
    const main = await itemsWithHistory(live, 'self-main')
    const step = await live.step({ operation: 'restore', branch: main.name, source: `^self@${main.lsn}` })
    await expectSameBranch(live, main)
    same('rows of the restored branch', await ids(main.uri, 'items'), ONE_TO_THREE)
    const backup = await backupOf(live, main.name, step.outputs['backup-branch-id'])
    same('rows of the backup', await ids(await live.uri(backup.id), 'items'), ONE_TO_SIX)
  }
}

export const restoreFromOther: Scenario<LiveContext> = {
  name: 'restore from another branch at a point (<branch>@<lsn>)',
  async run(live) {
    const main = await itemsWithHistory(live, 'other-main')
    const other = await live.branch('other-source', { parentId: main.id })
    await query(other.uri, "INSERT INTO items VALUES (7, 'item 7')")
    const lsn = await currentLsn(other.uri)
    await query(other.uri, "INSERT INTO items VALUES (8, 'item 8')")

    const step = await live.step({ operation: 'restore', branch: main.name, source: `${other.name}@${lsn}` })
    await expectSameBranch(live, main)
    same('rows of the restored branch', await ids(main.uri, 'items'), [...ONE_TO_SIX, 7])
    const backup = await backupOf(live, main.name, step.outputs['backup-branch-id'])
    same('rows of the backup', await ids(await live.uri(backup.id), 'items'), ONE_TO_SIX)
    same('rows of the source', await ids(other.uri, 'items'), [...ONE_TO_SIX, 7, 8])
    // The spec (RestoreBranchRequest.preserve_under_name): the branch's children move to the preserved branch.
    same(`parent of ${other.name}`, (await live.neon.branch(other.id)).parent_id, backup.id)
  }
}
