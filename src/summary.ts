/**
 * The job summary: built once from structured blocks, rendered as HTML for GITHUB_STEP_SUMMARY and as plain
 * text for the terminal. Every piece of text is escaped, because SQL, branch names and error messages are
 * user-controlled. The HTML is cut below GitHub's 1 MiB limit with a note where it was cut.
 *
 * A diagram is a ```mermaid fence between the HTML blocks (src/diagrams/mermaid.ts says where GitHub renders it):
 * the summary file is GitHub flavored Markdown, where an HTML block runs until a blank line and a fence inside
 * it would stay raw text (CommonMark spec, "HTML blocks", end condition 6/7), so the fence stands between blank
 * lines. Its labels are escaped with Mermaid's entity codes instead of HTML's, since a fence's content is not
 * HTML. The terminal and the pull request comment's brief form leave diagrams out: the tables beside them hold
 * the same facts.
 */
import type { Diagram } from './diagrams/mermaid.js'

type Block =
  | { type: 'heading'; text: string; level: 1 | 2 | 3 }
  | { type: 'paragraph'; text: string }
  | { type: 'keyValues'; rows: [string, string][] }
  | { type: 'table'; headers: string[]; rows: string[][] }
  | { type: 'code'; code: string; language?: string }
  | { type: 'details'; label: string; blocks: Block[] }
  | { type: 'diagram'; diagram: Diagram }

/** GitHub rejects step summaries over 1 MiB; stay well below so other steps' summaries still fit. */
export const SUMMARY_LIMIT_BYTES = 1000 * 1024

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

export class Summary {
  private readonly blocks: Block[] = []

  heading(text: string, level: 1 | 2 | 3 = 2): this {
    return this.add({ type: 'heading', text, level })
  }

  /** A paragraph; none for undefined (a sentence only some runs have, e.g. where a point was read). */
  paragraph(text: string | undefined): this {
    return text === undefined ? this : this.add({ type: 'paragraph', text })
  }

  /** A two-column table of facts; rows with an undefined value are left out. */
  keyValues(rows: [string, string | number | undefined][]): this {
    const present = rows.filter((row): row is [string, string | number] => row[1] !== undefined)
    return this.add({ type: 'keyValues', rows: present.map(([key, value]) => [key, String(value)]) })
  }

  table(headers: string[], rows: string[][]): this {
    return this.add({ type: 'table', headers, rows })
  }

  code(code: string, language?: string): this {
    return this.add({ type: 'code', code, language })
  }

  /** A Mermaid diagram beside the tables that hold the same facts. */
  diagram(diagram: Diagram): this {
    return this.add({ type: 'diagram', diagram })
  }

  details(label: string, build: (inner: Summary) => void): this {
    const inner = new Summary()
    build(inner)
    return this.add({ type: 'details', label, blocks: inner.blocks })
  }

  /** Adds every block of `other` (e.g. the summary of an operation this one ran as its last step). */
  append(other: Summary): this {
    this.blocks.push(...other.blocks)
    return this
  }

  /**
   * The summary without its long listings (tables with headers, folded details, diagrams), for where space is
   * short: a pull request comment. A heading whose section is left empty goes too.
   */
  brief(): Summary {
    const long: Block['type'][] = ['table', 'details', 'diagram']
    const kept = this.blocks.filter((block) => !long.includes(block.type))
    const brief = new Summary()
    kept.forEach((block, index) => {
      const next = kept[index + 1]
      const empty = (level: number) => !next || (next.type === 'heading' && next.level <= level)
      if (block.type === 'heading' && index > 0 && empty(block.level)) return
      brief.blocks.push(block)
    })
    return brief
  }

  /** HTML for GITHUB_STEP_SUMMARY, cut to `limitBytes` with a note saying what was left out. */
  toHtml(limitBytes = SUMMARY_LIMIT_BYTES): string {
    const noteReserve = 200
    const budget = limitBytes - noteReserve
    let html = ''
    for (const [index, block] of this.blocks.entries()) {
      const rendered = blockHtml(block)
      if (byteLength(html + rendered) <= budget) {
        html += rendered
        continue
      }
      const { html: partial, cut } = cutBlockHtml(block, budget - byteLength(html))
      const omitted = this.blocks.length - index - 1
      const sections = omitted > 0 ? ` and ${omitted} more section${omitted === 1 ? '' : 's'}` : ''
      return `${html}${partial}<p><em>Summary cut at GitHub's size limit: ${escapeHtml(cut)}${sections} left out.</em></p>\n`
    }
    return html
  }

  /** Plain text for a terminal: headings underlined, tables aligned, no diagrams. */
  toText(): string {
    return textBlocks(this.blocks).map(blockText).join('\n')
  }

  private add(block: Block): this {
    this.blocks.push(block)
    return this
  }
}

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>\n`
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>\n`
    case 'keyValues':
      return tableHtml(undefined, block.rows)
    case 'table':
      return tableHtml(block.headers, block.rows)
    case 'code':
      return codeHtml(block.code, block.language)
    case 'details':
      return `<details><summary>${escapeHtml(block.label)}</summary>\n${block.blocks.map(blockHtml).join('')}</details>\n`
    case 'diagram':
      return `\n\`\`\`mermaid\n${block.diagram.source}\n\`\`\`\n\n`
  }
}

function tableHtml(headers: string[] | undefined, rows: string[][]): string {
  const head = headers ? `<tr>${headers.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr>` : ''
  return `<table>${head}${rows.map(rowHtml).join('')}</table>\n`
}

function rowHtml(row: string[]): string {
  return `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`
}

function codeHtml(code: string, language?: string): string {
  const lang = language ? ` lang="${escapeHtml(language)}"` : ''
  return `<pre${lang}><code>${escapeHtml(code)}</code></pre>\n`
}

/** Keeps as much of a large table or code block as fits; other blocks are dropped whole. */
function cutBlockHtml(block: Block, budget: number): { html: string; cut: string } {
  if (block.type === 'table' || block.type === 'keyValues') {
    const headers = block.type === 'table' ? block.headers : undefined
    let size = byteLength(tableHtml(headers, []))
    let kept = 0
    while (kept < block.rows.length && size + byteLength(rowHtml(block.rows[kept])) <= budget) {
      size += byteLength(rowHtml(block.rows[kept]))
      kept++
    }
    const html = kept > 0 ? tableHtml(headers, block.rows.slice(0, kept)) : ''
    return { html, cut: `${block.rows.length - kept} of ${block.rows.length} rows` }
  }
  if (block.type === 'code') {
    const lines = block.code.split('\n')
    let kept = lines.length
    while (kept > 0 && byteLength(codeHtml(lines.slice(0, kept).join('\n'), block.language)) > budget) {
      kept = Math.floor(kept / 2)
    }
    const html = kept > 0 ? codeHtml(lines.slice(0, kept).join('\n'), block.language) : ''
    return { html, cut: `${lines.length - kept} of ${lines.length} lines` }
  }
  return { html: '', cut: `the section ${describeBlock(block)}` }
}

function describeBlock(block: Block): string {
  if (block.type === 'diagram') return `diagram of ${block.diagram.title}`
  return block.type === 'heading' ? `"${block.text}"` : block.type === 'details' ? `"${block.label}"` : block.type
}

/** The blocks a terminal shows: diagrams need a Markdown viewer, and the tables carry their facts. */
function textBlocks(blocks: Block[]): Exclude<Block, { type: 'diagram' }>[] {
  return blocks.filter((block): block is Exclude<Block, { type: 'diagram' }> => block.type !== 'diagram')
}

function blockText(block: Exclude<Block, { type: 'diagram' }>): string {
  switch (block.type) {
    case 'heading': {
      const underline = block.level === 1 ? '=' : '-'
      return `\n${block.text}\n${underline.repeat(Math.min(block.text.length, 100))}`
    }
    case 'paragraph':
      return block.text
    case 'keyValues': {
      const width = Math.max(0, ...block.rows.map(([key]) => key.length))
      return block.rows.map(([key, value]) => `  ${key.padEnd(width)}  ${value}`).join('\n')
    }
    case 'table':
      return tableText(block.headers, block.rows)
    case 'code':
      return block.code
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n')
    case 'details':
      return [`${block.label}:`, ...textBlocks(block.blocks).map(blockText)].join('\n')
  }
}

function tableText(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length))
  )
  const line = (cells: string[]) =>
    '  ' +
    widths
      .map((width, column) => (cells[column] ?? '').padEnd(width))
      .join('  ')
      .trimEnd()
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n')
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}
