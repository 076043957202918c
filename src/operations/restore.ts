/**
 * restore: `branch` from its own past or another branch in one Neon restore that keeps the overwritten state
 * as a backup branch; or from a snapshot through Neon's snapshot restore with finalize (the branch id changes,
 * the name and connection string stay, and the old branch, renamed, is the backup).
 */
import { formatDuration } from '../duration.js'
import type { RestoreSettings } from '../inputs.js'
import type { Branch, NeonGateway, Snapshot } from '../neon/index.js'
import { lineageDiagram, type LineageFacts } from '../diagrams/lineage.js'
import { backupPrefix } from '../lineage.js'
import { describeSource, type Point } from '../point.js'
import type { OperationResult, RunContext } from '../run.js'
import { Summary } from '../summary.js'
import { checkPoint, nameFor, neonTime, pointFields, resolveBranch, resolveSnapshot, restoreStep } from './common.js'
import { expiryCleared, oldNameTaken, restriction } from './explain.js'
import { listBackups, locatePoint } from './lineage.js'

/** More backups of one branch than this and the summary warns that they are using up branch slots. */
const BACKUP_WARNING_COUNT = 3

/** A branch source is where the point is read: the branch named, or the backup that held it (`note` says so). */
export type RestoreFrom =
  { kind: 'branch'; branch: Branch; point: Point; note?: string } | { kind: 'snapshot'; snapshot: Snapshot }

export interface RestorePlan {
  settings: RestoreSettings
  target: Branch
  from: RestoreFrom
  backupName: string
  /** Other backups of the target already in the project. */
  existingBackups: Branch[]
  /** A source branch with an expiry, cleared before the restore: Neon lets no expiring branch become a parent. */
  clearsExpiryOf?: Branch
  /** Set when the restore may not run: Neon restricts it, a name it needs is taken, or it needs `confirm`. */
  refusal?: string
}

export async function plan(settings: RestoreSettings, gateway: NeonGateway, context: RunContext): Promise<RestorePlan> {
  const target = await resolveBranch(gateway, settings.branch)
  const from = await resolveSource(settings, target, gateway)
  if (from.kind === 'branch') await checkPoint(gateway, from.branch, from.point, 'source', context)
  const backupName = nameFor(settings.name, target, 'restore', context)
  if (await gateway.branches.findByName(backupName)) {
    throw new Error(`name: a branch named "${backupName}" already exists; choose a name template that makes a new name`)
  }
  const existingBackups = await listBackups(gateway, target)
  const refusal =
    restoreRefusal(settings, target, from.kind === 'branch') ?? (await snapshotRefusal(from, target, gateway))
  return { settings, target, from, backupName, existingBackups, clearsExpiryOf: expiringSource(from, target), refusal }
}

/**
 * Why restoring `target` may not run, before anything changes: Neon lists `restore` in its restricted actions
 * (for an instant restore: Neon's docs name that restriction for PITR on a branch made by a snapshot restore,
 * neon.com/docs/guides/backup-restore, Limitations), or it needs `confirm`.
 */
export function restoreRefusal(settings: RestoreSettings, target: Branch, instant: boolean): string | undefined {
  return (instant ? restriction('branch', target, 'restore') : undefined) ?? confirmProblem(settings, target)
}

/**
 * A snapshot restore renames the replaced branch to `<branch> (old)` (neon.com/docs/guides/backup-restore,
 * "Renames the original branch to `<branch_name> (old)`"); what Neon does when that name is taken is not
 * documented, so a taken name is refused here rather than met halfway through.
 */
async function snapshotRefusal(from: RestoreFrom, target: Branch, gateway: NeonGateway): Promise<string | undefined> {
  if (from.kind !== 'snapshot') return undefined
  const oldName = `${target.name} (old)`
  return (await gateway.branches.findByName(oldName)) ? oldNameTaken('branch', target, oldName) : undefined
}

/**
 * The source, when it is another branch with an expiry: Neon's branch-expiration guide says expiration cannot be
 * set on parent branches nor children made from expiring branches, and the source of a restore becomes the
 * restored branch's parent (the snapshot step's own restore snippet names such a branch).
 */
function expiringSource(from: RestoreFrom, target: Branch): Branch | undefined {
  if (from.kind !== 'branch' || from.branch.id === target.id || !from.branch.expires_at) return undefined
  return from.branch
}

function facts(plan: RestorePlan): [string, string | undefined][] {
  return [
    ['Branch', `${plan.target.name} (${plan.target.id})`],
    ['From', describeSource(plan.settings.source)],
    ['Read on', plan.from.kind === 'branch' && plan.from.note ? plan.from.branch.name : undefined],
    ['Backup of the current state', plan.backupName],
    ['Expiry cleared on', plan.clearsExpiryOf?.name]
  ]
}

export function describe(plan: RestorePlan): OperationResult {
  const summary = new Summary()
    .heading(`Dry run: Restore of ${plan.target.name}`)
    .paragraph('Nothing was changed. This step would restore as follows.')
    .paragraph(plan.from.kind === 'branch' ? plan.from.note : undefined)
    .keyValues(facts(plan))
  if (plan.refusal) summary.paragraph(`It would be refused: ${plan.refusal}`)
  else if (plan.clearsExpiryOf) summary.paragraph(expiryCleared('source', plan.clearsExpiryOf))
  return { outputs: {}, summary }
}

export interface RestoreResult {
  restored: Branch
  backup: Branch
  lsn?: string
  timestamp?: string
  ms: number
}

export async function execute(plan: RestorePlan, gateway: NeonGateway, context: RunContext): Promise<RestoreResult> {
  const started = Date.now()
  if (plan.refusal) throw new Error(plan.refusal)
  if (plan.clearsExpiryOf) {
    await gateway.branches.update(plan.clearsExpiryOf.id, { expiresAt: null })
    context.info(expiryCleared('source', plan.clearsExpiryOf))
  }
  const result =
    plan.from.kind === 'snapshot'
      ? await restoreSnapshot(plan, plan.from.snapshot, gateway, context)
      : await restoreBranch(plan, plan.from, gateway)
  context.info(
    `Restored ${plan.target.name} from ${describeSource(plan.settings.source)}; the previous state is ${result.backup.name}`
  )
  return { ...result, ms: Date.now() - started }
}

export function report(plan: RestorePlan, result: RestoreResult, context: RunContext): OperationResult {
  const { target } = plan
  const outputs = {
    'branch-id': result.restored.id,
    lsn: result.restored.parent_lsn ?? result.lsn ?? '',
    timestamp: neonTime(result.restored.parent_timestamp ?? result.timestamp) ?? '',
    'backup-branch-id': result.backup.id,
    'backup-branch-name': result.backup.name
  }
  const backups = plan.existingBackups.length + 1
  const slotWarning =
    backups > BACKUP_WARNING_COUNT
      ? `${backups} restore backups of ${target.name} now use branch slots; ` +
        `remove old ones with operation: prune, match: ${backupPrefix(target.name)}*`
      : undefined
  if (slotWarning) context.warning(slotWarning)
  const summary = new Summary()
    .heading(`Restore of ${target.name}`)
    .paragraph(`Restored ${target.name}. Its previous state is kept as ${result.backup.name}.`)
    .paragraph(plan.from.kind === 'branch' ? plan.from.note : undefined)
    .keyValues([
      ...facts(plan),
      ['Restored branch id', result.restored.id],
      ['Backup branch id', result.backup.id],
      ['Restored to LSN', outputs.lsn || undefined],
      ['Restored to time', outputs.timestamp || undefined],
      ['Took', formatDuration(result.ms)]
    ])
  summary.diagram(lineageDiagram(lineageFacts(plan, result, outputs.lsn ? `LSN ${outputs.lsn}` : outputs.timestamp)))
  if (slotWarning) summary.paragraph(`Warning: ${slotWarning}.`)
  if (plan.clearsExpiryOf) summary.paragraph(expiryCleared('source', plan.clearsExpiryOf))
  summary.heading('To undo this restore', 3).code(
    restoreStep({
      actionRef: context.actionRef,
      projectId: plan.settings.projectId,
      carried: plan.settings,
      branch: { ...target, id: result.restored.id },
      source: result.backup.name
    }),
    'yaml'
  )
  const undoRefused = restriction('branch', result.restored, 'restore')
  if (undoRefused) summary.paragraph(`Neon refuses that step for now. ${undoRefused}`)
  return { outputs, summary }
}

/** The restore as lineage: read on which branch at which point, made into which, the old state kept where. */
function lineageFacts(plan: RestorePlan, result: RestoreResult, point: string | undefined): LineageFacts {
  const made = { name: plan.target.name, id: result.restored.id, what: 'restored' }
  const backup = { name: result.backup.name, id: result.backup.id }
  const { from, target } = plan
  if (from.kind === 'snapshot') {
    const snapshot = { name: from.snapshot.name, id: from.snapshot.id, snapshot: true }
    return { from: snapshot, made, backup: { ...backup, isSource: false } }
  }
  // A restore to its own past reads the point on the state it preserves: the backup becomes the parent.
  const ownPast = from.branch.id === target.id
  const source = plan.settings.source
  const named =
    source.kind === 'branch' ? source.branch : source.kind === 'self' ? target.name : `parent of ${target.name}`
  return {
    from: { name: from.branch.name, id: from.branch.id },
    named: from.note ? named : undefined,
    point,
    made,
    backup: { ...backup, isSource: ownPast }
  }
}

type Restored = Omit<RestoreResult, 'ms'>

async function restoreBranch(
  plan: RestorePlan,
  from: Extract<RestoreFrom, { kind: 'branch' }>,
  gateway: NeonGateway
): Promise<Restored> {
  const point = pointFields(from.point)
  const restored = await gateway.branches.restore(plan.target.id, {
    sourceBranchId: from.branch.id,
    sourceLsn: point.lsn,
    sourceTimestamp: point.timestamp,
    preserveUnderName: plan.backupName
  })
  const backup = await gateway.branches.find(plan.backupName)
  return { restored, backup, ...point }
}

async function restoreSnapshot(
  plan: RestorePlan,
  snapshot: Snapshot,
  gateway: NeonGateway,
  context: RunContext
): Promise<Restored> {
  const restored = await gateway.snapshots.restore(snapshot.id, {
    name: plan.target.name,
    targetBranchId: plan.target.id,
    finalize: true
  })
  // Finalizing keeps the old branch under a name Neon chooses; give it the backup name the user expects.
  let backup: Branch
  try {
    backup = await gateway.branches.update(plan.target.id, { name: plan.backupName })
  } catch (error) {
    // The restore is done and the backup exists: failing the step now would only invite a second restore.
    backup = await gateway.branches.get(plan.target.id).catch(() => {
      throw new Error(
        `restored ${plan.target.name} from snapshot ${snapshot.name}, and its previous state is kept in branch ` +
          `${plan.target.id}, but renaming that branch to ${plan.backupName} failed: ${(error as Error).message}`
      )
    })
    context.warning(
      `Restored ${plan.target.name}; its previous state is kept as ${backup.name} (${backup.id}) because renaming ` +
        `it to ${plan.backupName} failed: ${(error as Error).message}`
    )
  }
  return { restored, backup, lsn: snapshot.lsn, timestamp: snapshot.timestamp }
}

async function resolveSource(settings: RestoreSettings, target: Branch, gateway: NeonGateway): Promise<RestoreFrom> {
  const source = settings.source
  if (source.kind === 'snapshot') return { kind: 'snapshot', snapshot: await resolveSnapshot(gateway, source.snapshot) }
  const branch = await sourceBranch(source, target, gateway)
  // What the source held at the point, which after a restore of the source may be on its backup.
  const on = await locatePoint(gateway, branch, source.point, 'source', settings.history)
  return { kind: 'branch', branch: on.branch, point: source.point, note: on.note }
}

async function sourceBranch(
  source: Exclude<RestoreSettings['source'], { kind: 'snapshot' }>,
  target: Branch,
  gateway: NeonGateway
): Promise<Branch> {
  switch (source.kind) {
    case 'self':
      return target
    case 'parent':
      if (!target.parent_id) throw new Error(`source: ${target.name} has no parent branch to restore from`)
      return gateway.branches.get(target.parent_id)
    case 'branch': {
      const branch = await resolveBranch(gateway, source.branch, 'source')
      if (branch.id === target.id && source.point.kind === 'head') {
        throw new Error(
          `source: ${source.branch} is the branch itself at head, which changes nothing (give a past point)`
        )
      }
      return branch
    }
  }
}

export function confirmProblem(settings: RestoreSettings, target: Branch): string | undefined {
  const why = target.default ? 'the default branch' : target.protected ? 'a protected branch' : undefined
  if (!why || settings.confirm === target.name) return undefined
  const given = settings.confirm ? ` (confirm is "${settings.confirm}")` : ''
  return `confirm: ${target.name} is ${why}; to restore it, set confirm: ${target.name}${given}`
}
