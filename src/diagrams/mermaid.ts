/**
 * A tiny Mermaid text builder: flowcharts and gantt charts, node ids generated (n0, n1, ...), and one escaping
 * function for every piece of user text. Pure: no I/O.
 *
 * Where GitHub renders these (checked 2026-12 with the search tool):
 * - GitHub renders a fenced code block whose language is `mermaid` as a diagram "in GitHub Issues, GitHub
 *   Discussions, pull requests, wikis, and Markdown files" (docs.github.com, get-started/writing-on-github/
 *   working-with-advanced-formatting/creating-diagrams; github.blog/2022-02-14-include-diagrams-markdown-files-mermaid).
 * - Job summaries: a summary is GitHub flavored Markdown (the runner renders GITHUB_STEP_SUMMARY as Markdown;
 *   GitHub's announcement, github.blog/2022-05-09-supercharging-github-actions-with-job-summaries, is cited that
 *   way by many actions' pull requests), and a third-party write-up of that announcement is titled "...「Mermaid」
 *   の作図も表現できる" (Mermaid drawings work too; atmarkit.itmedia.co.jp/ait/articles/2205/12/news058.html). The
 *   docs page above does not list job summaries by name, so GitHub's own docs leave it unclear; the tables
 *   beside each diagram carry the same facts, so nothing is lost where the fence stays a code block.
 * - GitHub Enterprise Server renders Mermaid from 3.6 on (github/docs data/features/mermaid.yml: `ghes: '>=3.6'`;
 *   github.com/orgs/community/discussions/14551). Older GHES shows the fence as a code block.
 * - Which Mermaid version GitHub runs is not documented (it changes; a ```mermaid `info` block shows it), so the
 *   syntax here stays with what Mermaid has had for years: `flowchart`, quoted labels, `-->`/`-.->` edges with
 *   `|label|`, gantt with `dateFormat x` and explicit start and end times.
 */

/** Longer user text is cut to this many characters with "…": a diagram is for a glance, the tables hold all. */
const LABEL_MAX_CHARS = 60

/**
 * User text as Mermaid label text: every character that could end a label, start a comment, open markup or a
 * Markdown string, or close the ```mermaid fence becomes a decimal Mermaid entity code (`#35;` for `#`; Mermaid has
 * had them since 0.5.2, github.com/knsv/mermaid/issues/193, and turns them into HTML entities before parsing:
 * encodeEntities in mermaid's Diagram.fromText); line breaks become spaces (a diagram statement is one line).
 */
export function mermaidText(text: string): string {
  const flat = text.replace(/[\r\n\t\u2028\u2029]+/g, ' ')
  const chars = [...flat]
  const short = chars.length > LABEL_MAX_CHARS ? `${chars.slice(0, LABEL_MAX_CHARS - 1).join('')}…` : flat
  return short.replace(/[#"&<>`;:%|]/g, (char) => `#${char.charCodeAt(0)};`)
}

export type Shape = 'box' | 'round' | 'stadium'

const SHAPES: Record<Shape, [string, string]> = { box: ['[', ']'], round: ['(', ')'], stadium: ['([', '])'] }

/** A diagram ready for the summary: its Mermaid source and a title that says what it shows. */
export interface Diagram {
  title: string
  source: string
}

export class Flowchart {
  private readonly lines: string[] = []
  private count = 0

  constructor(direction: 'TD' | 'LR' = 'TD') {
    this.lines.push(`flowchart ${direction}`)
  }

  /** Adds a node and returns its generated id. `lines` are shown one under another. */
  node(lines: string[], shape: Shape = 'box'): string {
    const id = `n${this.count++}`
    const [open, close] = SHAPES[shape]
    this.lines.push(`  ${id}${open}"${lines.map(mermaidText).join('<br/>')}"${close}`)
    return id
  }

  /** A solid edge for "came from", a dotted one for "kept as" or "skipped". */
  edge(from: string, to: string, label?: string, style: 'solid' | 'dotted' = 'solid'): this {
    const arrow = style === 'solid' ? '-->' : '-.->'
    this.lines.push(`  ${from} ${arrow}${label ? `|"${mermaidText(label)}"|` : ''} ${to}`)
    return this
  }

  toString(): string {
    return this.lines.join('\n')
  }
}

/** A gantt chart on a millisecond axis from 0 (the first task's start): for phases measured in ms. */
export class Gantt {
  private readonly lines: string[]
  private count = 0

  constructor(title: string) {
    // `x` is a Unix time in ms: the tasks start at 0 (1970-01-01), so the axis shows minutes and seconds.
    this.lines = ['gantt', `  title ${mermaidText(title)}`, '  dateFormat x', '  axisFormat %M:%S', '  todayMarker off']
  }

  section(name: string): this {
    this.lines.push(`  section ${mermaidText(name)}`)
    return this
  }

  task(name: string, startMs: number, endMs: number, state?: 'crit' | 'done'): this {
    const id = `t${this.count++}`
    const tags = [state, id].filter(Boolean).join(', ')
    // A zero-length task draws nothing: give it 1 ms so a phase that took no time still shows.
    const end = Math.max(Math.round(endMs), Math.round(startMs) + 1)
    this.lines.push(`  ${mermaidText(name)} :${tags}, ${Math.round(startMs)}, ${end}`)
    return this
  }

  toString(): string {
    return this.lines.join('\n')
  }
}
