/**
 * `npm run demo`: rehearses a recovery on the local Neon emulator, running the built action (`dist/index.js`)
 * exactly as a GitHub runner would, and prints each step's job summary in the terminal.
 *
 * Act 1 is the pre-migration gate of examples/pre-migration-gate.yml: snapshot the production branch, run a
 * migration that goes wrong halfway, restore the branch to the snapshot, and check that the data is back while
 * the state the migration left is kept as a backup branch.
 * Act 2 is the accident of Neon's time-travel blog post: a DELETE that removed every user but one, noticed
 * later while traffic went on (here the same clean-up transaction also zeroed some orders). bisect finds the
 * exact LSN of the accident, says what that transaction changed, and undoes it while keeping everything written
 * since (a row changed again since is left as it is and named as a conflict).
 */
import { htmlToText } from 'html-to-text'
import pg from 'pg'
import { startEmulator } from '../emulator/index.js'
import { Job, type StepResult } from '../tools/runner.js'

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text)
const say = (text: string) => console.log(`\n${bold('▶ ' + text)}`)

async function sql(uri: string, text: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client(uri)
  await client.connect()
  try {
    return (await client.query(text)).rows
  } finally {
    await client.end()
  }
}

function printStep(title: string, step: StepResult): void {
  const summary = htmlToText(step.summary, {
    wordwrap: 110,
    selectors: [
      { selector: 'table', format: 'dataTable', options: { maxColumnWidth: 60 } },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'a', options: { ignoreHref: true } }
    ]
  })
  console.log(`\n┌─ job summary of "${title}" (exit ${step.exitCode}) ${'─'.repeat(Math.max(0, 60 - title.length))}`)
  for (const line of summary.split('\n')) console.log(`│ ${line}`)
  console.log('└' + '─'.repeat(80))
  for (const error of step.errors) console.log(`  ::error:: ${error}`)
}

async function main(): Promise<void> {
  say('Starting the Neon emulator (a local Neon API on real PostgreSQL point-in-time recovery)')
  const emulator = await startEmulator({ log: () => undefined })
  const { info } = emulator
  console.log(`  API ${info.apiHost}, project ${info.projectId}, default branch ${info.branchName}`)
  console.log(
    `  PostgreSQL ${emulator.postgres.version} (${emulator.postgres.from}; NEON_EMULATOR_PG_VERSION picks another)`
  )
  // As when a workflow says `uses: neon-recovery/neon-recovery-action@v1`.
  const job = new Job({
    GITHUB_RUN_ID: '1001',
    GITHUB_ACTION_REPOSITORY: 'neon-recovery/neon-recovery-action',
    GITHUB_ACTION_REF: 'v1'
  })
  const common = { 'api-key': info.apiKey, 'project-id': info.projectId, 'api-host': info.apiHost }
  try {
    say('Production data on branch main')
    await sql(
      info.connectionUri,
      `CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text NOT NULL);
       CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, total numeric NOT NULL);
       INSERT INTO customers SELECT g, 'customer ' || g, 'c' || g || '@example.com' FROM generate_series(1, 500) g;
       INSERT INTO orders SELECT g, 1 + g % 500, (g % 97) * 1.25 FROM generate_series(1, 2000) g;
       CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL);
       INSERT INTO users (name) VALUES ('Bob'), ('Alice'), ('Mike'), ('John'), ('Sarah'), ('Lilly');`
    )
    const healthy = 'SELECT (SELECT count(*) FROM customers) AS customers, (SELECT sum(total) FROM orders) AS revenue'
    console.log('  ', (await sql(info.connectionUri, healthy))[0])

    say('Step 1: snapshot before migrating (operation: snapshot)')
    const snapshotInputs = {
      ...common,
      operation: 'snapshot',
      branch: 'main',
      name: 'main-pre-migration-{run_id}',
      'expires-in': '7d'
    }
    const snapshot = await job.runMain(snapshotInputs)
    printStep('Snapshot before migrating', snapshot)
    if (snapshot.exitCode !== 0) throw new Error('the snapshot step failed')

    say('Step 2: the migration rewrites order totals, then fails halfway')
    await sql(info.connectionUri, 'UPDATE orders SET total = 0')
    await sql(info.connectionUri, "ALTER TABLE customers ADD COLUMN tier text NOT NULL DEFAULT 'basic'")
    console.log('   migration error: column "loyalty_points" does not exist (the script stops here)')
    console.log('  ', (await sql(info.connectionUri, healthy))[0], '← revenue is gone')

    say(`Step 3: restore main to the snapshot's LSN ${snapshot.outputs.lsn} (operation: restore, confirm: main)`)
    const restoreInputs = {
      ...common,
      operation: 'restore',
      branch: 'main',
      source: `^self@${snapshot.outputs.lsn}`,
      confirm: 'main'
    }
    const restore = await job.runMain(restoreInputs)
    printStep('Restore the snapshot when the migration failed', restore)
    if (restore.exitCode !== 0) throw new Error('the restore step failed')

    say('After the restore: the same connection string reads the data from before the migration')
    console.log('   main:  ', (await sql(info.connectionUri, healthy))[0])
    const columns = await sql(
      info.connectionUri,
      "SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'tier'"
    )
    console.log(`   main has the migration's new column: ${columns[0].n === 1 ? 'yes' : 'no'}`)
    console.log(
      `   the migrated state is kept on branch ${restore.outputs['backup-branch-name']} (${restore.outputs['backup-branch-id']})`
    )

    say("Act 2: the accident from Neon's time-travel post, noticed later while traffic went on")
    const traffic = new pg.Client(info.connectionUri)
    await traffic.connect()
    const order = (id: number) =>
      traffic.query('INSERT INTO orders VALUES ($1, $2, $3)', [id, 1 + (id % 500), (id % 89) * 2])
    for (let id = 2001; id <= 2150; id++) await order(id)
    // Neon gives a restore's time to the second, so a time in the second of the restore above is ambiguous
    // (bisect refuses it): the story goes on past that second.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 50))
    const goodTime = new Date().toISOString()
    console.log(`   ${goodTime}: the morning report was fine (users: 6); traffic goes on`)
    for (let id = 2151; id <= 2300; id++) await order(id)
    await traffic.query(`BEGIN;
      DELETE FROM users WHERE name != 'Alice';
      UPDATE orders SET total = 0 WHERE id BETWEEN 2101 AND 2110;
      COMMIT`)
    console.log("   a clean-up script meant for Alice ran in one transaction: DELETE FROM users WHERE name != 'Alice';")
    console.log('   UPDATE orders SET total = 0 WHERE id BETWEEN 2101 AND 2110')
    for (let id = 2301; id <= 2450; id++) await order(id)
    await traffic.query("INSERT INTO users (name) VALUES ('Zoe')")
    await traffic.query('UPDATE orders SET total = 99 WHERE id = 2105')
    console.log('   later: Zoe signs up, and support sets order 2105 to 99 by hand')
    await traffic.end()
    const users =
      "SELECT string_agg(name, ', ' ORDER BY id) AS users, (SELECT count(*) FROM orders) AS orders FROM users"
    const zeroed = `SELECT string_agg(id || ': ' || total, ', ' ORDER BY id) AS totals FROM orders WHERE id BETWEEN 2101 AND 2110`
    console.log('   now:', (await sql(info.connectionUri, users))[0])
    console.log('       ', (await sql(info.connectionUri, zeroed))[0])

    say(
      'Step 4: find the exact LSN where "more than two users" stopped being true, and undo that transaction (operation: bisect, then: recover)'
    )
    const bisectInputs = {
      ...common,
      operation: 'bisect',
      branch: 'main',
      check: 'SELECT count(*) > 2 FROM users',
      good: goodTime,
      bad: 'head',
      parallelism: '3',
      // The check reads only users; the transaction changed orders too.
      tables: 'users, orders',
      then: 'recover'
    }
    const bisect = await job.runMain(bisectInputs)
    printStep('Bisect the accident and undo it', bisect)
    if (bisect.exitCode !== 0) throw new Error('the bisect step failed')
    console.log('   now:', (await sql(info.connectionUri, users))[0])
    console.log('       ', (await sql(info.connectionUri, zeroed))[0])
    console.log(
      '   ← the five users and the nine zeroed totals are back; Zoe, the later orders and order 2105 (changed since: a conflict) stay'
    )

    say('Post steps (the runner runs them at the end of the job): sweep anything ephemeral')
    // The runner gives each post step the inputs and the state of its main step.
    for (const [title, step, inputs] of [
      ['snapshot', snapshot, snapshotInputs],
      ['restore', restore, restoreInputs],
      ['bisect', bisect, bisectInputs]
    ] as const) {
      const post = await job.runPost(inputs, step.state)
      console.log(`   post step of ${title}: exit ${post.exitCode}`)
      if (post.exitCode !== 0) throw new Error(`the post step of ${title} failed:\n${post.log}`)
    }
    say('Done: both recoveries were rehearsed without a Neon account. Copy the workflows in examples/ to use them.')
  } finally {
    job.dispose()
    await emulator.stop()
  }
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${(error as Error).message}`)
  process.exit(1)
})
