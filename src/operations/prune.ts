/**
 * prune: delete the branches and Neon snapshots whose names match `match` and which the retention policy does
 * not keep. The default branch, protected branches and branches with children are never deleted; they are
 * listed as kept with that reason. The plan (every matching item and its decision) is the dry-run output and
 * the summary.
 */
import { minimatch } from 'minimatch'
import type { PruneSettings } from '../inputs.js'
import type { Branch, NeonGateway, Snapshot } from '../neon/index.js'
import { applyRetention, describePolicy, describeReason, type RetentionDecision } from '../retention.js'
import type { OperationResult, RunContext } from '../run.js'
import { Summary } from '../summary.js'
import { neonTime } from './common.js'

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

/** Deletes in the plan's order; a failure stops the step and says what was already deleted. */
export async function execute(plan: PrunePlan, gateway: NeonGateway, context: RunContext): Promise<PruneItem[]> {
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

export function report(plan: PrunePlan, deleted: PruneItem[]): OperationResult {
  const { decisions } = plan
  const summary = new Summary()
    .heading(`Prune of ${plan.settings.match}`)
    .paragraph(`Deleted ${count(deleted.length)}; kept ${decisions.length - deleted.length}.`)
    .keyValues(facts(plan))
  decisionTable(summary, decisions, 'deleted')
  return { outputs: { deleted: String(deleted.length) }, summary }
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
