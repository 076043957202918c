/**
 * How changes and their undo are told: output `changes` (table → counts), output `conflicts` (table → keys),
 * the "What changed" section (bisect and recover's mode: undo) and the undo's own summary and dry run.
 */
import { counts, SAMPLE_KEYS, type TableDiff } from '../changes/diff.js'
import { undoSql } from '../changes/undo-sql.js'
import { formatDuration } from '../duration.js'
import { describePoint } from '../point.js'
import type { OperationResult, RunContext } from '../run.js'
import { Summary } from '../summary.js'
import type { UndoPlan, UndoResult } from './undo.js'

export function changesOutput(tables: { table: string; diff: TableDiff }[]): string {
  return JSON.stringify(Object.fromEntries(tables.map(({ table, diff }) => [table, counts(diff)])))
}

/** The counts, the first keys of each kind and, for updates, the columns that changed. */
export function changesSection(summary: Summary, title: string, tables: { table: string; diff: TableDiff }[]): void {
  const keys = (diff: TableDiff, kind: 'deleted' | 'inserted' | 'updated') => {
    const count = diff[kind]
    if (count === 0) return '–'
    const more = count > SAMPLE_KEYS ? `, … (${count - SAMPLE_KEYS} more)` : ''
    return `${diff.samples[kind].join(', ')}${more}`
  }
  summary.heading(title, 3)
  if (tables.every(({ diff }) => diff.deleted + diff.inserted + diff.updated === 0)) {
    summary.paragraph(`No row of ${tables.map(({ table }) => table).join(', ') || 'the tables compared'} changed.`)
    return
  }
  summary.table(
    ['Table', 'Deleted', 'Inserted', 'Updated', 'Columns updated', 'First keys deleted', 'inserted', 'updated'],
    tables.map(({ table, diff }) => [
      table,
      String(diff.deleted),
      String(diff.inserted),
      String(diff.updated),
      diff.changedColumns.join(', ') || '–',
      keys(diff, 'deleted'),
      keys(diff, 'inserted'),
      keys(diff, 'updated')
    ])
  )
}

export function conflictsOutput(result: UndoResult): string {
  return JSON.stringify(Object.fromEntries(result.tables.map((table) => [table.table, table.conflicts.keys])))
}

/** The undo's counts a table, and the rows left as they are. */
export function undoneSection(summary: Summary, plan: UndoPlan, result: UndoResult): void {
  summary.heading('Undone', 3).table(
    [
      'Table',
      'Deleted rows restored',
      'Updated rows reverted',
      'Inserted rows deleted',
      'Conflicts (left as they are)'
    ],
    result.tables.map((table) => [
      table.table,
      String(table.restored),
      String(table.reverted),
      String(table.removed),
      table.conflicts.count === 0
        ? '0'
        : `${table.conflicts.count}: ${table.conflicts.keys.join(', ')}${table.conflicts.count > table.conflicts.keys.length ? ', …' : ''}`
    ])
  )
  const conflicts = result.tables.reduce((sum, table) => sum + table.conflicts.count, 0)
  if (conflicts > 0) {
    const rows = conflicts === 1 ? '1 changed row was' : `${conflicts} changed rows were`
    summary.paragraph(
      `${rows} changed again after the bad change (neither as the bad change left it nor as it was before), so ` +
        'the undo left it as it is: look at them by key (output conflicts).'
    )
  }
  for (const { table, reason } of plan.refused) summary.paragraph(`Not undone: ${table}: ${reason}.`)
}

function facts(plan: UndoPlan): [string, string | undefined][] {
  const { settings, branch } = plan
  return [
    ['Branch', `${branch.name} (${branch.id}), database ${plan.database} as ${plan.role}`],
    ['Good (last point before the change)', describePoint(settings.good)],
    ['Bad (first point after it)', describePoint(settings.bad)],
    ['Read on', plan.on.note && plan.on.branch.name],
    ['Tables', plan.tables.map((table) => table.table).join(', ')],
    ['Only rows where', settings.where]
  ]
}

export function describeUndo(plan: UndoPlan): OperationResult {
  const summary = new Summary()
    .heading(`Dry run: undo of the change between good and bad on ${plan.branch.name}`)
    .paragraph(plan.on.note)
    .paragraph(
      'Nothing was changed. This step would stage the rows that changed between good and bad, then run in one ' +
        'transaction (a row changed again since is left as it is and reported as a conflict):'
    )
    .keyValues(facts(plan))
  if (plan.preview) changesSection(summary, 'What changed between good and bad (what would be undone)', plan.preview)
  const statements = plan.tables.flatMap((table) => {
    const sql = undoSql(table.target)
    return [`-- ${table.table}`, `${sql.restore};`, `${sql.revert};`, `${sql.remove};`]
  })
  summary.code(['BEGIN;', ...statements, 'COMMIT;'].join('\n'), 'sql')
  return { outputs: plan.preview ? { changes: changesOutput(plan.preview) } : {}, summary }
}

export function reportUndo(plan: UndoPlan, result: UndoResult, context: RunContext): OperationResult {
  const summary = new Summary()
    .heading(`Undo of the change between good and bad on ${plan.branch.name}`)
    .paragraph(plan.on.note)
    .keyValues([...facts(plan), ['Took', formatDuration(result.ms)]])
  changesSection(summary, 'What changed between good and bad', result.tables)
  undoneSection(summary, plan, result)
  context.info(`Undo on ${plan.branch.name}: conflicts ${conflictsOutput(result)}`)
  return { outputs: { changes: changesOutput(result.tables), conflicts: conflictsOutput(result) }, summary }
}
