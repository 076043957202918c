/**
 * snapshot: a branch (or, with kind: snapshot, a Neon snapshot) of `branch` at `at`. Running the same step
 * again in the same workflow run finds the snapshot it made, by its name, instead of making a second.
 */
import { formatDuration } from '../duration.js'
import type { SnapshotSettings } from '../inputs.js'
import type { Branch, NeonGateway } from '../neon/index.js'
import { lineageDiagram } from '../diagrams/lineage.js'
import { describePoint } from '../point.js'
import { RUN_ANNOTATION, type OperationResult, type RunContext } from '../run.js'
import { Summary } from '../summary.js'
import { expiryTime } from '../format.js'
import { chooseConnection } from './branch-connection.js'
import { checkPoint, nameFor, neonTime, pointFields, resolveBranch, restoreStep } from './common.js'
import { locatePoint, type PointOn } from './lineage.js'

export interface SnapshotPlan {
  settings: SnapshotSettings
  source: Branch
  /** Where the point is read: `source`, or the backup that held it before a restore. */
  at: PointOn
  name: string
  expiresAt?: string
  /** Made by an earlier attempt of this step in the same run. */
  existing?: { branch?: Branch; snapshotId?: string }
}

export async function plan(
  settings: SnapshotSettings,
  gateway: NeonGateway,
  context: RunContext
): Promise<SnapshotPlan> {
  const source = await resolveBranch(gateway, settings.branch)
  const at = await locatePoint(gateway, source, settings.at, 'at', settings.history)
  await checkPoint(gateway, at.branch, settings.at, 'at', context)
  // The branch gets the source's databases and roles: a wrong database or role fails here, before creating it.
  if (settings.kind === 'branch') {
    chooseConnection(
      await gateway.connections.listDatabases(source.id),
      await gateway.connections.listRoles(source.id),
      settings
    )
  }
  const name = nameFor(settings.name, source, 'snapshot', context)
  const expiresAt = settings.expiresInMs === undefined ? undefined : expiryTime(context.now, settings.expiresInMs)
  // Reusing a snapshot of an earlier run would silently restore old data later: reuse only what this run made.
  const taken = `name: "${name}" already exists and was not made by this workflow run; use a name template with {run_id}`
  if (settings.kind === 'snapshot') {
    const snapshot = (await gateway.snapshots.list()).find((candidate) => candidate.name === name)
    if (snapshot && !settings.name.includes('{run_id}')) throw new Error(taken)
    return { settings, source, at, name, expiresAt, existing: snapshot && { snapshotId: snapshot.id } }
  }
  const branch = await gateway.branches.findByName(name)
  if (branch && (await gateway.branches.annotation(branch.id))[RUN_ANNOTATION] !== context.runId) throw new Error(taken)
  return { settings, source, at, name, expiresAt, existing: branch && { branch } }
}

function facts(plan: SnapshotPlan): [string, string | undefined][] {
  const { settings, source } = plan
  return [
    ['Kind', settings.kind === 'snapshot' ? 'Neon snapshot' : 'branch'],
    ['Name', plan.name],
    ['Of', `${source.name} (${source.id}) at ${describePoint(settings.at)}`],
    ['Read on', plan.at.note && `${plan.at.branch.name} (${plan.at.branch.id})`],
    ['Expires', plan.expiresAt],
    ['Protected', settings.protected ? 'yes' : undefined]
  ]
}

export function describe(plan: SnapshotPlan): OperationResult {
  const action = plan.existing ? 'would reuse the existing' : 'would create a new'
  const summary = new Summary()
    .heading(`Dry run: Snapshot of ${plan.source.name}`)
    .paragraph(`Nothing was changed. This step ${action} ${plan.settings.kind} ${plan.name}.`)
    .paragraph(plan.at.note)
    .keyValues(facts(plan))
  return { outputs: {}, summary }
}

export interface SnapshotResult {
  outputs: Record<string, string>
  /** kind: branch: the new branch's id and its database and role. */
  branch?: { id: string; connection: string }
  ms: number
}

export async function execute(plan: SnapshotPlan, gateway: NeonGateway, context: RunContext): Promise<SnapshotResult> {
  const started = Date.now()
  const result =
    plan.settings.kind === 'snapshot' ? await takeSnapshot(plan, gateway) : await takeBranch(plan, gateway, context)
  context.info(`${plan.existing ? 'Reused' : 'Created'} ${plan.settings.kind} ${plan.name}`)
  return { ...result, ms: Date.now() - started }
}

async function takeSnapshot(plan: SnapshotPlan, gateway: NeonGateway): Promise<Omit<SnapshotResult, 'ms'>> {
  const { settings, name } = plan
  const snapshot =
    plan.existing?.snapshotId !== undefined
      ? (await gateway.snapshots.list()).find((candidate) => candidate.id === plan.existing!.snapshotId)!
      : await gateway.snapshots.create(plan.at.branch.id, {
          name,
          ...pointFields(settings.at),
          expiresAt: plan.expiresAt
        })
  const outputs = {
    'snapshot-id': snapshot.id,
    lsn: snapshot.lsn ?? '',
    timestamp: neonTime(snapshot.timestamp ?? snapshot.created_at) ?? ''
  }
  return { outputs }
}

async function takeBranch(
  plan: SnapshotPlan,
  gateway: NeonGateway,
  context: RunContext
): Promise<Omit<SnapshotResult, 'ms'>> {
  const branch = plan.existing?.branch ?? (await createSnapshotBranch(plan, gateway, context))
  const { database, role } = chooseConnection(
    await gateway.connections.listDatabases(branch.id),
    await gateway.connections.listRoles(branch.id),
    plan.settings
  )
  const uri = await gateway.connections.getUri({ branchId: branch.id, database, role })
  context.mask(uri)
  const outputs = {
    'branch-id': branch.id,
    'branch-name': branch.name,
    lsn: branch.parent_lsn ?? '',
    timestamp: neonTime(branch.parent_timestamp ?? branch.created_at) ?? '',
    'connection-uri': uri
  }
  return { outputs, branch: { id: branch.id, connection: `${database} as ${role}` } }
}

export function report(plan: SnapshotPlan, result: SnapshotResult, context: RunContext): OperationResult {
  const { settings, source, name } = plan
  const { outputs } = result
  const made = result.branch
    ? facts(plan).concat([
        ['Branch id', result.branch.id],
        ['Database', result.branch.connection]
      ])
    : facts(plan)
  const summary = new Summary()
    .heading(`Snapshot of ${source.name}`)
    .paragraph(plan.existing ? `Reused ${name}, made earlier in this workflow run.` : `Created ${name}.`)
    .paragraph(plan.at.note)
    .keyValues([...made, ['LSN', outputs.lsn], ['Time', outputs.timestamp], ['Took', formatDuration(result.ms)]])
    .diagram(
      lineageDiagram({
        from: { name: plan.at.branch.name, id: plan.at.branch.id },
        named: plan.at.note && source.name,
        point: outputs.lsn ? `LSN ${outputs.lsn}` : describePoint(settings.at),
        made: { name, id: result.branch?.id ?? outputs['snapshot-id'], what: settings.kind }
      })
    )
    .heading(`To restore ${source.name} to this snapshot`, 3)
    .code(
      restoreStep({
        actionRef: context.actionRef,
        projectId: settings.projectId,
        carried: settings,
        branch: source,
        source: settings.kind === 'snapshot' ? `snapshot:${name}` : name
      }),
      'yaml'
    )
  return { outputs, summary }
}

async function createSnapshotBranch(plan: SnapshotPlan, gateway: NeonGateway, context: RunContext): Promise<Branch> {
  const point = pointFields(plan.settings.at)
  const created = await gateway.branches.create({
    name: plan.name,
    parentId: plan.at.branch.id,
    parentLsn: point.lsn,
    parentTimestamp: point.timestamp,
    protected: plan.settings.protected || undefined,
    expiresAt: plan.expiresAt,
    endpoint: 'read_write',
    annotations: { [RUN_ANNOTATION]: context.runId }
  })
  return created.branch
}
