// Completes package-lock.json with the platform-specific optional packages npm left out.
//
// The npm registry mirror these machines use lacks some platform builds (e.g. unrs-resolver's android and
// darwin bindings, pulled in by jest). `npm install` then leaves them out of the lockfile, and `npm ci`
// refuses the lockfile ("Missing: … from lock file"). An entry with the version is enough: `npm ci` skips
// optional packages for other platforms. Later `npm install`s keep the entries; run this (`npm run lock`)
// after recreating the lockfile. A unit test checks the lockfile is complete.
import { readFileSync, writeFileSync } from 'node:fs'

export function missingOptionals(lock) {
  const missing = {}
  for (const entry of Object.values(lock.packages)) {
    for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const key = `node_modules/${name}`
      if (!lock.packages[key] && !missing[key]) missing[key] = { version, optional: true, dev: entry.dev }
    }
  }
  return missing
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'))
  const missing = missingOptionals(lock)
  Object.assign(lock.packages, missing)
  writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n')
  console.log(`added ${Object.keys(missing).length} optional package entries to package-lock.json`)
}
