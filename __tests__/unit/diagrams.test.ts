/**
 * @jest-environment jsdom
 *
 * The summary's Mermaid diagrams, checked with Mermaid's own parser (it needs a DOM for DOMPurify, hence jsdom):
 * every diagram parses, and hostile branch names stay label text (the parsed graph has exactly the nodes and
 * edges the builder made, and each label decodes back to the name).
 */
import mermaid from 'mermaid'
import { narrowingDiagram, MAX_ROUNDS_SHOWN } from '../../src/diagrams/bisect.js'
import { drillDiagram } from '../../src/diagrams/drill.js'
import { lineageDiagram } from '../../src/diagrams/lineage.js'
import { mermaidText, type Diagram } from '../../src/diagrams/mermaid.js'
import { formatLsn, type Lsn } from '../../src/lsn.js'
import type { Branch } from '../../src/neon/index.js'
import { TextDecoder, TextEncoder } from 'node:util'
import type { BisectPlan } from '../../src/operations/bisect/plan.js'
import type { BisectResult } from '../../src/operations/bisect/execute.js'
import type * as restoreModule from '../../src/operations/restore.js'
import type * as verifyModule from '../../src/operations/verify.js'
import type { RunContext } from '../../src/run.js'
import { BoundarySearch } from '../../src/search.js'
import { Summary, SUMMARY_LIMIT_BYTES } from '../../src/summary.js'

interface Vertex {
  id: string
  text: string
}
interface Edge {
  start: string
  end: string
  text: string
  stroke: string
}
interface Task {
  task: string
  startTime: Date
  endTime: Date
  crit?: boolean
}

/** Parses as GitHub's renderer would (Mermaid encodes entity codes before parsing) and returns the parsed db. */
async function parsed(diagram: Diagram): Promise<Record<string, () => unknown>> {
  await mermaid.parse(diagram.source)
  const result = await mermaid.mermaidAPI.getDiagramFromText(diagram.source)
  return result.db as unknown as Record<string, () => unknown>
}

async function graph(diagram: Diagram): Promise<{ vertices: Vertex[]; edges: Edge[] }> {
  const db = await parsed(diagram)
  return { vertices: [...(db.getVertices() as Map<string, Vertex>).values()], edges: db.getEdges() as Edge[] }
}

/** A parsed label as it will show: Mermaid's encoded entity codes decoded, `<br>` as a line break. */
function shown(text: string): string[] {
  return text.replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCharCode(Number(code))).split('<br>')
}

const HOSTILE = [
  'a"]-->B[x',
  'x"|y" --> n9',
  '```\nflowchart LR\nA-->B',
  '#quot;#35; already coded',
  '%% comment',
  'style n0 fill:#f00;',
  '<img src=x onerror=alert(1)>',
  'a;b:c',
  'ünï©ødé 🐘',
  '`markdown` **bold**',
  'click n0 call alert()',
  'end'
]

describe('mermaidText', () => {
  it('turns every character that could end a label, comment, markup or the fence into an entity code', () => {
    expect(mermaidText('a"]-->B[x')).toBe('a#34;]--#62;B[x')
    expect(mermaidText('#;:%|&<>`')).toBe('#35;#59;#58;#37;#124;#38;#60;#62;#96;')
    expect(mermaidText('two\nlines\r\nhere')).toBe('two lines here')
    expect(mermaidText('ünï©ødé 🐘')).toBe('ünï©ødé 🐘')
  })

  it('cuts long text with an ellipsis, counting characters not UTF-16 units', () => {
    const cut = mermaidText('🐘'.repeat(100))
    expect([...cut]).toHaveLength(60)
    expect(cut.endsWith('…')).toBe(true)
  })
})

describe('lineageDiagram', () => {
  it.each(HOSTILE)('keeps the branch name %j as label text: no extra node or edge', async (name) => {
    const diagram = lineageDiagram({
      from: { name, id: 'br-source' },
      point: 'LSN 0/16B3748',
      made: { name, id: 'br-new', what: 'restored' },
      backup: { name: `${name}_old`, id: 'br-old', isSource: false }
    })
    const { vertices, edges } = await graph(diagram)
    const flat = name.replace(/\n/g, ' ')
    expect(vertices.map((vertex) => [vertex.id, shown(vertex.text)])).toEqual([
      ['n0', [flat, '(br-source)']],
      ['n1', [`restored ${flat}`, '(br-new)']],
      ['n2', [`backup ${flat}_old`, '(br-old)']]
    ])
    expect(edges.map((edge) => [edge.start, edge.end, edge.stroke])).toEqual([
      ['n0', 'n1', 'normal'],
      ['n1', 'n2', 'dotted']
    ])
    expect(diagram.source).not.toContain('```')
    expect(diagram.source).not.toContain('<img')
  })

  it('draws the backup of a restore to its own past as the restored branch parent', async () => {
    const { vertices, edges } = await graph(
      lineageDiagram({
        from: { name: 'main', id: 'br-main' },
        point: 'LSN 0/16B3748',
        made: { name: 'main', id: 'br-main', what: 'restored' },
        backup: { name: 'main_old_2026', id: 'br-old', isSource: true }
      })
    )
    expect(vertices.map((vertex) => shown(vertex.text)[0])).toEqual(['backup main_old_2026', 'restored main'])
    expect(edges.map((edge) => [edge.start, edge.end, shown(edge.text)[0]])).toEqual([['n0', 'n1', 'at LSN 0/16B3748']])
  })

  it('shows the branch named when the point was read on its backup', async () => {
    const { vertices, edges } = await graph(
      lineageDiagram({
        from: { name: 'main_old_1', id: 'br-old' },
        named: 'main',
        point: '2026-12-01T10:00:00Z',
        made: { name: 'main-snap', id: 'br-snap', what: 'branch' }
      })
    )
    expect(vertices.map((vertex) => shown(vertex.text)[0])).toEqual(['main_old_1', 'main', 'branch main-snap'])
    expect(edges.map((edge) => [edge.start, edge.end, edge.stroke, shown(edge.text)[0]])).toEqual([
      ['n1', 'n0', 'dotted', 'before its last restore, held by'],
      ['n0', 'n2', 'normal', 'at 2026-12-01T10:00:00Z']
    ])
  })
})

/** The rounds of a real k-ary search from `good` to `bad` with the boundary at `boundary`. */
function searchRounds(good: Lsn, bad: Lsn, boundary: Lsn, k: number) {
  const search = new BoundarySearch(good, bad)
  const rounds: { good: Lsn; bad: Lsn; probes: number }[] = []
  while (!search.done) {
    const lsns = search.nextRound(k)
    search.report(lsns.map((lsn) => lsn < boundary))
    rounds.push({ ...search.interval, probes: lsns.length })
  }
  return { good, bad, rounds, lastGood: search.interval.good, firstBad: search.interval.bad }
}

describe('narrowingDiagram', () => {
  it('shows every round of a short search, with LSNs as PostgreSQL prints them', async () => {
    const facts = searchRounds(0x16b0000n, 0x16b0040n, 0x16b0018n, 1)
    expect(facts.rounds).toHaveLength(3)
    const { vertices, edges } = await graph(narrowingDiagram(facts))
    expect(vertices.map((vertex) => shown(vertex.text))).toEqual([
      ['bounds', '0/16B0000 .. 0/16B0040', '64 bytes'],
      ['round 1', '0/16B0000 .. 0/16B0020', '32 bytes'],
      ['round 2', '0/16B0010 .. 0/16B0020', '16 bytes'],
      ['round 3', '0/16B0010 .. 0/16B0018', '8 bytes'],
      ['last good 0/16B0010', 'first bad 0/16B0018']
    ])
    expect(edges.map((edge) => shown(edge.text)[0])).toEqual(['1 probe', '1 probe', '1 probe', ''])
  })

  it('stays small over a 2^29-byte range in 26 rounds: the middle rounds are one "…" box', async () => {
    const good = 0x1_0000_0000n
    const facts = searchRounds(good, good + 2n ** 29n, good + 0x1234568n, 1)
    expect(facts.rounds.length).toBeGreaterThan(MAX_ROUNDS_SHOWN)
    const { vertices, edges } = await graph(narrowingDiagram(facts))
    const labels = vertices.map((vertex) => shown(vertex.text))
    expect(labels).toHaveLength(1 + 4 + 1 + 6 + 1)
    expect(labels[0]).toEqual(['bounds', '1/0 .. 1/20000000', '512 MiB'])
    expect(labels[5]).toEqual([`… ${facts.rounds.length - 10} more rounds (see the Rounds table)`])
    expect(labels[11][0]).toBe(`round ${facts.rounds.length}`)
    expect(labels[12]).toEqual([`last good ${formatLsn(facts.lastGood)}`, `first bad ${formatLsn(facts.firstBad)}`])
    expect(formatLsn(facts.firstBad)).toBe('1/1234568')
    expect(edges).toHaveLength(labels.length - 1)
  })
})

describe('drillDiagram', () => {
  async function tasks(diagram: Diagram) {
    const db = await parsed(diagram)
    return (db.getTasks() as Task[]).map((task) => [
      task.task.trim(),
      task.startTime.getTime(),
      task.endTime.getTime(),
      Boolean(task.crit)
    ])
  }

  it('lays the phases end to end and marks where the drill stopped, before the cleanup that ran anyway', async () => {
    const phases: [string, number][] = [
      ['Branch ready', 1200],
      ['First query', 0],
      ['Drill branch deleted', 300]
    ]
    expect(await tasks(drillDiagram({ phases, stopped: 'Checks', cleanup: 'Drill branch deleted' }))).toEqual([
      ['Branch ready (1.2 s)', 0, 1200, false],
      ['First query (0 ms)', 1200, 1201, false],
      ['Checks stopped here', 1200, 1201, true],
      ['Drill branch deleted (300 ms)', 1200, 1500, false]
    ])
  })
})

describe('Summary.diagram', () => {
  const diagram = lineageDiagram({ from: { name: '<b>x</b>' }, made: { name: 'main', what: 'restored' } })

  it('writes a ```mermaid fence between blank lines, so GitHub ends the HTML block before it', () => {
    const html = new Summary().heading('Restore').diagram(diagram).paragraph('after').toHtml()
    expect(html).toBe(`<h2>Restore</h2>\n\n\`\`\`mermaid\n${diagram.source}\n\`\`\`\n\n<p>after</p>\n`)
    expect(html).not.toContain('<b>')
  })

  it('leaves diagrams out of the terminal text and the brief form, tables kept in the text', () => {
    const summary = new Summary()
      .heading('Restore')
      .table(['a'], [['1']])
      .diagram(diagram)
      .details('more', (inner) => inner.diagram(diagram))
    expect(summary.toText()).not.toMatch(/mermaid|flowchart|restored main/)
    expect(summary.toText()).toContain('1')
    expect(summary.brief().toHtml()).not.toContain('mermaid')
  })

  it('counts a diagram toward the limit and drops it whole when it does not fit', () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => [String(i), 'x'.repeat(80)])
    const after = new Summary().table(['id', 'value'], rows).diagram(diagram).toHtml()
    expect(Buffer.byteLength(after)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
    expect(after).not.toContain('mermaid')
    const before = new Summary().diagram(diagram).table(['id', 'value'], rows).toHtml()
    expect(Buffer.byteLength(before)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
    expect(before).toContain(`\`\`\`mermaid\n${diagram.source}\n\`\`\`\n`)
    const budget = Buffer.byteLength(new Summary().heading('h').toHtml()) + 210
    const cut = new Summary().heading('h').diagram(diagram).toHtml(budget)
    expect(cut).toContain('the section diagram of lineage of main left out')
    expect(cut).not.toContain('```')
  })
})

const context: RunContext = {
  runId: '7',
  runAttempt: '1',
  sha: 'abc',
  now: new Date('2026-12-01T12:00:00Z'),
  actionRef: 'owner/neon-recovery-action@v1',
  info: () => {},
  warning: () => {},
  mask: () => {}
}

function branch(id: string, name: string, extra: Partial<Branch> = {}): Branch {
  return { id, name, created_at: '2026-12-01T11:00:00Z', ...extra } as Branch
}

/** The diagrams of a report's HTML, parsed. */
async function diagramsIn(html: string) {
  const sources = [...html.matchAll(/\n```mermaid\n([\s\S]*?)\n```\n/g)].map((match) => match[1])
  return Promise.all(sources.map((source) => graph({ title: '', source })))
}

describe('the reports carry their diagram', () => {
  let restore: typeof restoreModule
  let verify: typeof verifyModule
  let bisect: typeof import('../../src/operations/bisect/report.js')
  beforeAll(async () => {
    // jsdom's globals lack these, which the operations' imports (the API client, pg) use when loaded.
    Object.assign(globalThis, { TextEncoder, TextDecoder })
    restore = await import('../../src/operations/restore.js')
    verify = await import('../../src/operations/verify.js')
    bisect = await import('../../src/operations/bisect/report.js')
  })

  it('restore: the backup of a restore to its own past is the parent of the restored branch', async () => {
    const main = branch('br-main', 'main')
    const plan = {
      settings: { projectId: 'p-1', source: { kind: 'self', point: { kind: 'lsn', lsn: '0/16B3748' } } },
      target: main,
      from: { kind: 'branch', branch: main, point: { kind: 'lsn', lsn: '0/16B3748' } },
      backupName: 'main_old_1',
      existingBackups: []
    } as unknown as restoreModule.RestorePlan
    const result: restoreModule.RestoreResult = {
      restored: branch('br-main', 'main', { parent_id: 'br-old', parent_lsn: '0/16B3748' }),
      backup: branch('br-old', 'main_old_1'),
      ms: 900
    }
    const [lineage, ...others] = await diagramsIn(restore.report(plan, result, context).summary.toHtml())
    expect(others).toHaveLength(0)
    expect(lineage.vertices.map((vertex) => shown(vertex.text))).toEqual([
      ['backup main_old_1', '(br-old)'],
      ['restored main', '(br-main)']
    ])
    expect(lineage.edges.map((edge) => [edge.start, edge.end, shown(edge.text)[0]])).toEqual([
      ['n0', 'n1', 'at LSN 0/16B3748']
    ])
  })

  it('bisect: the interval after each round, ending at the answer', async () => {
    const facts = searchRounds(0x16b0000n, 0x16b0040n, 0x16b0018n, 1)
    const main = branch('br-main', 'main')
    const connection = { branch: main }
    const plan = {
      settings: { projectId: 'p-1', check: 'select true', parallelism: 1, probe: 'time-travel', then: 'report' },
      connection,
      timeline: connection,
      good: { point: { kind: 'lsn', lsn: '0/16B0000' }, lsn: facts.good },
      bad: { point: { kind: 'lsn', lsn: '0/16B0040' }, lsn: facts.bad },
      tables: []
    } as unknown as BisectPlan
    const result = {
      good: plan.good,
      bad: plan.bad,
      maxRounds: 3,
      searched: {
        result: { lastGood: facts.lastGood, firstBad: facts.firstBad, nonMonotonic: false },
        rounds: facts.rounds.map((round) => ({ ...round, probes: [], ms: 10 }))
      },
      insights: { notes: [] },
      cleanupProblems: [],
      ms: 50
    } as unknown as BisectResult
    const [narrowing, ...others] = await diagramsIn(bisect.report(plan, result, context).summary.toHtml())
    expect(others).toHaveLength(0)
    expect(narrowing.vertices.map((vertex) => shown(vertex.text)[0])).toEqual([
      'bounds',
      'round 1',
      'round 2',
      'round 3',
      'last good 0/16B0010'
    ])
  })

  it('verify: the drill phases as a time line', async () => {
    const plan = {
      settings: { at: { kind: 'head' } },
      source: branch('br-main', 'main'),
      checks: ['select true'],
      drillName: 'verify-7'
    } as unknown as verifyModule.VerifyPlan
    const result: verifyModule.VerifyResult = {
      drill: branch('br-drill', 'verify-7'),
      phases: [
        ['Branch ready', 800],
        ['First query', 40],
        ['Checks', 20],
        ['Drill branch deleted', 100]
      ],
      reports: [{ sql: 'select true', passed: true, ms: 20, detail: 'true' }],
      recoveryMs: 860
    }
    const html = verify.report(plan, result).summary.toHtml()
    const source = html.match(/\n```mermaid\n([\s\S]*?)\n```\n/)![1]
    const tasks = ((await parsed({ title: '', source })).getTasks() as Task[]).map((task) => task.task.trim())
    expect(tasks).toEqual([
      'Branch ready (800 ms)',
      'First query (40 ms)',
      'Checks (20 ms)',
      'Drill branch deleted (100 ms)'
    ])
  })
})
