/** The post step: delete the ephemeral branches this run created and a failure, cancellation or kill left. */
import type { Branch, NeonGateway } from './neon/index.js'
import { ephemeralPrefix } from './run.js'

/**
 * Deletes every branch named with this run's ephemeral prefix, children before parents; returns their names.
 * A branch that cannot be deleted does not stop the others: the error names every one that is left.
 */
export async function sweepEphemeralBranches(gateway: NeonGateway, runId: string): Promise<string[]> {
  const prefix = ephemeralPrefix(runId)
  const leftovers = (await gateway.branches.list({ search: prefix })).filter((branch) => branch.name.startsWith(prefix))
  const deleted: string[] = []
  const failed: string[] = []
  for (const branch of childrenFirst(leftovers)) {
    try {
      await gateway.branches.delete(branch.id)
      deleted.push(branch.name)
    } catch (error) {
      failed.push(`${branch.name} (${branch.id}): ${(error as Error).message}`)
    }
  }
  if (failed.length > 0) {
    const done = deleted.length > 0 ? `; deleted ${deleted.join(', ')}` : ''
    throw new Error(
      `could not delete ${failed.length} ephemeral branch${failed.length === 1 ? '' : 'es'} of this run: ` +
        `${failed.join('; ')}${done}. Delete ${failed.length === 1 ? 'it' : 'them'} in the Neon console ` +
        `(names start with ${prefix})`
    )
  }
  return deleted
}

/** Neon refuses to delete a branch that has children, so leaves go first. */
export function childrenFirst(branches: Branch[]): Branch[] {
  const depth = (branch: Branch): number => {
    const parent = branches.find((candidate) => candidate.id === branch.parent_id)
    return parent ? 1 + depth(parent) : 0
  }
  return [...branches].sort((a, b) => depth(b) - depth(a))
}
