// Merges the per-chunk license files of the bundle into dist/licenses.txt.
//
// The bundle is split (src/operations/index.ts loads each operation lazily), and ncc's license plugin then
// writes one file for the entry chunk and one for the lazy chunks (the same text for each of them). Given a
// single name (`--license licenses.txt`), each write replaced the last and the entry chunk's licenses
// (@actions/core, undici, …) were lost; so `npm run bundle` asks for `[name].licenses.txt` and this joins the
// distinct files, entry first, into licenses.txt and removes them. A bundle test checks the result.
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export function mergeLicenses(dir) {
  const parts = readdirSync(dir)
    .filter((name) => name.endsWith('.licenses.txt'))
    .sort((a, b) => (a === 'main.licenses.txt' ? -1 : b === 'main.licenses.txt' ? 1 : a.localeCompare(b)))
  const texts = [...new Set(parts.map((name) => readFileSync(path.join(dir, name), 'utf8').trim()))]
  if (texts.length === 0) throw new Error(`no *.licenses.txt in ${dir}: run ncc with --license '[name].licenses.txt'`)
  writeFileSync(path.join(dir, 'licenses.txt'), texts.join('\n\n') + '\n')
  for (const name of parts) rmSync(path.join(dir, name))
  return parts
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  mergeLicenses(process.argv[2] ?? 'dist')
}
