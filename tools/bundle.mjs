// npm run bundle: one ncc build for both roles, and an entry file per role.
//
// ncc builds src/index.ts (it exports action() and cli(), each loading its role as a lazy chunk) into
// dist/bundle.js and its chunks; then this writes the two entries that only pick a role: dist/index.js for
// action.yml's runs (main and post) and dist/cli.js for package.json's "bin". One build shares every chunk
// between the two (the operations, the Neon client, pg), where two builds duplicated them all. Then the
// licenses are merged (tools/merge-licenses.mjs).
import { execFileSync } from 'node:child_process'
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { mergeLicenses } from './merge-licenses.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = path.join(root, 'dist')

/** Each entry file and its text; only the command is executable. */
const ENTRIES = {
  'index.js':
    "// The action's entry (action.yml runs.main and runs.post); written by tools/bundle.mjs.\n" +
    "import { action } from './bundle.js'\n\nawait action()\n",
  'cli.js':
    '#!/usr/bin/env node\n' +
    '// The neon-recovery command (package.json "bin"); written by tools/bundle.mjs.\n' +
    "import { cli } from './bundle.js'\n\nawait cli(process.argv.slice(2))\n"
}

// A file an older build wrote and this one does not would stay behind: start from nothing.
rmSync(dist, { recursive: true, force: true })
execFileSync(
  path.join(root, 'node_modules', '.bin', 'ncc'),
  ['build', 'src/index.ts', '-o', 'dist', '--license', '[name].licenses.txt'],
  {
    cwd: root,
    stdio: 'inherit'
  }
)
// ncc names its output index.js; that name is the action's entry, which action.yml and its users know.
renameSync(path.join(dist, 'index.js'), path.join(dist, 'bundle.js'))
for (const [name, text] of Object.entries(ENTRIES)) {
  writeFileSync(path.join(dist, name), text, { mode: name === 'cli.js' ? 0o755 : 0o644 })
}
mergeLicenses(dist)
