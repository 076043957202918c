import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { State } from './model.js'

/** The control plane's state file: written whole and atomically (temp file + rename) after each change. */
export class StateFile {
  readonly file: string

  constructor(stateDir: string) {
    this.file = path.join(stateDir, 'control-plane.json')
  }

  exists(): boolean {
    return existsSync(this.file)
  }

  load(): State {
    const state = JSON.parse(readFileSync(this.file, 'utf8')) as State
    if (state.version !== 1) throw new Error(`${this.file}: unsupported state version ${String(state.version)}`)
    return state
  }

  save(state: State): void {
    const temporary = `${this.file}.${process.pid}.tmp`
    writeFileSync(temporary, JSON.stringify(state, null, 1), { mode: 0o600 })
    renameSync(temporary, this.file)
  }
}
