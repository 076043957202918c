/**
 * prune: delete the branches and Neon snapshots whose names match `match` and which the retention policy does
 * not keep. The default branch, protected branches and branches with children are never deleted; they are
 * listed as kept with that reason. The plan (every matching item and its decision) is the dry-run output and
 * the summary.
 */
import { minimatch } from 'minimatch'
import type { PruneSettings } from '../inputs.js'
import type { Branch, NeonGateway, Snapshot } from '../neon/index.js'
import { BranchRecoveryUnavailableError } from '../neon/index.js'
import { applyRetention, describePolicy, describeReason, type RetentionDecision } from '../retention.js'
import type { OperationResult, RunContext } from '../run.js'
import { Summary } from '../summary.js'
import { neonTime, workflowStep } from './common.js'

export interface PruneItem {
  id: string
  name: string
  kind: 'branch' | 'snapshot'
  createdAt: number
  pinned?: string
}

export interface PrunePlan {
  settings: PruneSettings
  decisions: RetentionDecision<PruneItem>[]
}

/** `*` does not cross `/` (as in GitHub's branch filters); `**` does. */
export function matcher(pattern: string): (name: string) => boolean {
  return (name) => minimatch(name, pattern, { dot: true, nocomment: true, nonegate: true })
}

/** Why a branch must never be deleted by prune, if it must not. */
export function pinReason(branch: Branch, all: Branch[]): string | undefined {
  if (branch.default) return 'default branch'
  if (branch.protected) return 'protected branch'
  const children = all.filter((candidate) => candidate.parent_id === branch.id).map((child) => child.name)
  if (children.length > 0) return `has child branches (${children.join(', ')})`
  return undefined
}

export async function plan(settings: PruneSettings, gateway: NeonGateway, context: RunContext): Promise<PrunePlan> {
  const matches = matcher(settings.match)
  const branches = await gateway.branches.list()
  const snapshots: Snapshot[] = await gateway.snapshots.list()
  const items: PruneItem[] = [
    ...branches
      .filter((branch) => matches(branch.name))
      .map((branch) => ({
        id: branch.id,
        name: branch.name,
        kind: 'branch' as const,
        createdAt: Date.parse(branch.created_at),
        pinned: pinReason(branch, branches)
      })),
    ...snapshots
      .filter((snapshot) => matches(snapshot.name))
      .map((snapshot) => ({
        id: snapshot.id,
        name: snapshot.name,
        kind: 'snapshot' as const,
        createdAt: Date.parse(snapshot.created_at)
      }))
  ]
  return { settings, decisions: applyRetention(items, settings, context.now.getTime()) }
}

function facts(plan: PrunePlan): [string, string][] {
  const { settings, decisions } = plan
  const doomed = decisions.filter((decision) => !decision.keep).length
  return [
    ['Match', settings.match],
    ['Policy', describePolicy(settings)],
    ['Matching', `${decisions.length} (${doomed} to delete, ${decisions.length - doomed} to keep)`]
  ]
}

function doomed(plan: PrunePlan): PruneItem[] {
  return plan.decisions.filter((decision) => !decision.keep).map((decision) => decision.item)
}

export function describe(plan: PrunePlan, context: RunContext): OperationResult {
  const items = doomed(plan)
  const summary = new Summary()
    .heading(`Dry run: Prune of ${plan.settings.match}`)
    .paragraph(`Nothing was changed. This step would delete ${count(items.length)}.`)
    .keyValues(facts(plan))
  decisionTable(summary, plan.decisions, 'would delete')
  context.info(`Dry run: would delete ${count(items.length)}: ${items.map((item) => item.name).join(', ')}`)
  return { outputs: { deleted: '0' }, summary }
}

export interface PruneResult {
  deleted: PruneItem[]
  /**
   * The deleted branches Neon can still recover (a plain delete is soft where Branch Recovery is on), or why
   * that is not known; absent when no branch was deleted.
   */
  undo?: { recoverable: Branch[] } | { unknown: string }
}

/**
 * Deletes in the plan's order, softly (a mistaken prune can be undone for 7 days where Neon has Branch
 * Recovery); a failure stops the step and says what was already deleted.
 */
export async function execute(plan: PrunePlan, gateway: NeonGateway, context: RunContext): Promise<PruneResult> {
  const deleted = await deleteAll(plan, gateway, context)
  const branchIds = new Set(deleted.filter((item) => item.kind === 'branch').map((item) => item.id))
  if (branchIds.size === 0) return { deleted }
  return { deleted, undo: await recoverable(gateway, branchIds) }
}

/** Which of the branches just deleted Neon lists as recoverable: what the summary's undo steps may promise. */
async function recoverable(gateway: NeonGateway, ids: Set<string>): Promise<PruneResult['undo']> {
  try {
    const branches = await gateway.branches.listIncludingDeleted()
    return { recoverable: branches.filter((branch) => branch.recovery && ids.has(branch.id)) }
  } catch (error) {
    if (error instanceof BranchRecoveryUnavailableError) {
      return {
        unknown:
          'Branch recovery (a Neon preview) is not enabled for this project, so undelete cannot bring these branches back.'
      }
    }
    return { unknown: `Could not list the deleted branches (${(error as Error).message}).` }
  }
}

async function deleteAll(plan: PrunePlan, gateway: NeonGateway, context: RunContext): Promise<PruneItem[]> {
  const deleted: PruneItem[] = []
  for (const item of doomed(plan)) {
    try {
      if (item.kind === 'branch') await gateway.branches.delete(item.id)
      else await gateway.snapshots.delete(item.id)
    } catch (error) {
      const done = deleted.length > 0 ? ` after deleting ${deleted.map((each) => each.name).join(', ')}` : ''
      throw new Error(
        `prune stopped at ${item.kind} ${item.name}${done}: ${(error as Error).message}. Run it again to finish.`
      )
    }
    deleted.push(item)
    context.info(`Deleted ${item.kind} ${item.name} (${item.id})`)
  }
  return deleted
}

export function report(plan: PrunePlan, result: PruneResult, context: RunContext): OperationResult {
  const { decisions } = plan
  const { deleted } = result
  const summary = new Summary()
    .heading(`Prune of ${plan.settings.match}`)
    .paragraph(`Deleted ${count(deleted.length)}; kept ${decisions.length - deleted.length}.`)
    .keyValues(facts(plan))
  decisionTable(summary, decisions, 'deleted')
  undoSection(summary, plan, result, context)
  return { outputs: { deleted: String(deleted.length) }, summary }
}

/** At most this many undo steps are printed; the rest are listed by id. */
const UNDO_STEPS = 5

function undoSection(summary: Summary, plan: PrunePlan, result: PruneResult, context: RunContext): void {
  const { undo } = result
  if (!undo) return
  summary.heading('To undo this prune', 3)
  if ('unknown' in undo) {
    summary.paragraph(undo.unknown)
    return
  }
  const { recoverable } = undo
  if (recoverable.length === 0) {
    summary.paragraph('Neon lists none of the deleted branches as recoverable.')
    return
  }
  const until = neonTime(recoverable.map((branch) => branch.recovery!.recoverable_until).sort()[0])
  summary.paragraph(
    `Neon keeps the deleted branches recoverable until ${until}. Each step brings one back` +
      `${result.deleted.some((item) => item.kind === 'snapshot') ? ' (branches only: undelete does not bring back Neon snapshots)' : ''}:`
  )
  const step = (branch: Branch) =>
    workflowStep({
      actionRef: context.actionRef,
      projectId: plan.settings.projectId,
      carried: plan.settings,
      operation: 'undelete',
      inputs: [['branch', `${branch.id} # ${branch.name}`]]
    })
  summary.code(recoverable.slice(0, UNDO_STEPS).map(step).join('\n\n'), 'yaml')
  const rest = recoverable.slice(UNDO_STEPS)
  if (rest.length > 0) {
    summary.paragraph(
      `And ${rest.length} more, the same step with branch: ${rest.map((branch) => branch.id).join(', ')}`
    )
  }
}

function decisionTable(summary: Summary, decisions: RetentionDecision<PruneItem>[], deleteWord: string): void {
  if (decisions.length === 0) {
    summary.paragraph('No branch or snapshot matches.')
    return
  }
  summary.table(
    ['Name', 'Kind', 'Created', 'Decision', 'Why'],
    decisions.map(({ item, keep, reasons }) => [
      item.name,
      item.kind,
      neonTime(new Date(item.createdAt).toISOString()) ?? '',
      keep ? 'kept' : deleteWord,
      keep ? reasons.map(describeReason).join('; ') : 'no rule keeps it'
    ])
  )
}

function count(items: number): string {
  return `${items} item${items === 1 ? '' : 's'}`
}
