/**
 * The bundle's one entry, for both roles (tools/bundle.mjs builds it to dist/bundle.js): the action
 * (dist/index.js, action.yml's main and post step) and the command line (dist/cli.js, package.json "bin").
 * Each role is its own lazy chunk, so the CLI never loads @actions/* and the action never loads the CLI.
 * local-action runs src/main.ts from the checkout (it exports run(), the actions/typescript-action layout).
 */

/** The action's step, main or post (src/main.ts). */
export async function action(): Promise<void> {
  const { run } = await import('./main.js')
  await run()
}

/** The command line with its arguments (src/cli/index.ts); it sets the exit code and exits. */
export async function cli(argv: string[]): Promise<void> {
  const { start } = await import('./cli/index.js')
  start(argv)
}
