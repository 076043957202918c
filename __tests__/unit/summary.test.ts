import { escapeHtml, Summary, SUMMARY_LIMIT_BYTES } from '../../src/summary.js'

describe('escapeHtml', () => {
  it('escapes every character that can open markup or an attribute', () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;'
    )
  })
})

describe('Summary.toHtml', () => {
  it('renders headings, paragraphs, key-values, tables, code and details', () => {
    const html = new Summary()
      .heading('Snapshot of main', 2)
      .paragraph('Created 1 branch.')
      .keyValues([
        ['Branch', 'main-snapshot-1'],
        ['Expires', undefined],
        ['Probes', 3]
      ])
      .table(['LSN', 'Verdict'], [['0/16B3748', 'good']])
      .code('select 1', 'sql')
      .details('Plan', (inner) => inner.paragraph('nothing else'))
      .toHtml()
    expect(html).toBe(
      '<h2>Snapshot of main</h2>\n' +
        '<p>Created 1 branch.</p>\n' +
        '<table><tr><td>Branch</td><td>main-snapshot-1</td></tr><tr><td>Probes</td><td>3</td></tr></table>\n' +
        '<table><tr><th>LSN</th><th>Verdict</th></tr><tr><td>0/16B3748</td><td>good</td></tr></table>\n' +
        '<pre lang="sql"><code>select 1</code></pre>\n' +
        '<details><summary>Plan</summary>\n<p>nothing else</p>\n</details>\n'
    )
  })

  it('escapes every cell, heading, label and code block', () => {
    const html = new Summary()
      .heading('<h1>')
      .table(['<th>'], [['<b>bold</b>']])
      .keyValues([['a&b', '"q"']])
      .code('select 1 where a < b')
      .details('<i>', () => {})
      .toHtml()
    expect(html).toContain('<h2>&lt;h1&gt;</h2>')
    expect(html).toContain('<th>&lt;th&gt;</th>')
    expect(html).toContain('<td>&lt;b&gt;bold&lt;/b&gt;</td>')
    expect(html).toContain('<summary>&lt;i&gt;</summary>')
    expect(html).toContain('a &lt; b')
    expect(html).toContain('<td>a&amp;b</td><td>&quot;q&quot;</td>')
  })

  it('keeps a huge table under the limit and says how many rows were cut', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => [String(i), 'x'.repeat(20)])
    const html = new Summary().heading('Rows').table(['id', 'value'], rows).paragraph('after').toHtml()
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
    expect(Buffer.byteLength(html)).toBeGreaterThan(SUMMARY_LIMIT_BYTES - 1000)
    expect(html).toMatch(
      /Summary cut at GitHub's size limit: \d+ of 100000 rows and 1 more section left out\.<\/em><\/p>\n$/
    )
    expect(html).toContain('<td>0</td>')
    expect(html).not.toContain('<td>99999</td>')
  })

  it('cuts a long code block by lines', () => {
    const code = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n')
    const html = new Summary().code(code).toHtml(2000)
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(2000)
    expect(html).toContain('line 0\n')
    expect(html).toMatch(/: \d+ of 1000 lines left out/)
  })

  it('drops whole sections that do not fit and names the first', () => {
    const html = new Summary()
      .paragraph('x'.repeat(500))
      .heading('Rounds')
      .details('All probes', (inner) => inner.paragraph('y'.repeat(500)))
      .heading('Next step')
      .toHtml(1000)
    expect(html).toContain('x'.repeat(500))
    expect(html).toContain('<h2>Rounds</h2>')
    expect(html).not.toContain('yyy')
    expect(html).toContain('the section &quot;All probes&quot; and 1 more section left out')
  })
})

describe('Summary.toText', () => {
  it('renders readable plain text with aligned columns', () => {
    const text = new Summary()
      .heading('Restore of main', 1)
      .keyValues([
        ['Branch', 'main'],
        ['Backup branch', 'main_old_1']
      ])
      .table(
        ['Round', 'LSN'],
        [
          ['1', '0/16B3748'],
          ['10', '0/1']
        ]
      )
      .code('uses: neon/recovery@v1')
      .toText()
    expect(text).toBe(
      [
        '',
        'Restore of main',
        '===============',
        '  Branch         main',
        '  Backup branch  main_old_1',
        '  Round  LSN',
        '  -----  ---------',
        '  1      0/16B3748',
        '  10     0/1',
        '    uses: neon/recovery@v1'
      ].join('\n')
    )
  })
})
