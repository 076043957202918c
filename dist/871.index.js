export const id = 871;
export const ids = [871];
export const modules = {

/***/ 1496:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gj: () => (/* binding */ canAsk),
/* harmony export */   d7: () => (/* binding */ askToProceed),
/* harmony export */   rB: () => (/* binding */ destructiveStep)
/* harmony export */ });
/* harmony import */ var node_readline_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6848);
/* harmony import */ var node_readline_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_readline_promises__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Asking before a destructive step. In a terminal the CLI shows the plan (the operation's dry run) and asks;
 * elsewhere (a script, a pipe) it refuses unless --yes is given. This is on top of the action's own rules
 * (`confirm` for protected and default branches), which stay as they are.
 */

/** What the operation would change or delete in place, or undefined when it only adds (a branch, a schema). */
function destructiveStep(settings) {
    const branch = settings.branch ?? 'the default branch';
    switch (settings.operation) {
        case 'restore':
            return `restore overwrites ${branch}`;
        case 'prune':
            return `prune deletes the branches and snapshots matching ${settings.match}`;
        case 'recover':
            return settings.mode === 'schema' ? undefined : `recover with mode: ${settings.mode} writes into ${branch}`;
        case 'bisect':
            return settings.then === 'restore' || settings.then === 'recover'
                ? `bisect with then: ${settings.then} changes ${branch}`
                : undefined;
        default:
            // snapshot, query and verify only add or read; undelete brings back a deleted branch beside the others.
            return undefined;
    }
}
/** Whether the user can be asked: both ends are a terminal. */
function canAsk() {
    return process.stdin.isTTY === true && process.stdout.isTTY === true;
}
/** Asks "Proceed? [y/N]" on the terminal; only y or yes proceeds. */
async function askToProceed(step) {
    const readline = (0,node_readline_promises__WEBPACK_IMPORTED_MODULE_0__.createInterface)({ input: process.stdin, output: process.stderr });
    try {
        const answer = await readline.question(`${step}. Proceed? [y/N] `);
        return /^y(es)?$/i.test(answer.trim());
    }
    finally {
        readline.close();
    }
}


/***/ }),

/***/ 871:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  start: () => (/* binding */ start)
});

// UNUSED EXPORTS: main

// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
// EXTERNAL MODULE: ./src/inputs.ts
var inputs = __webpack_require__(8422);
// EXTERNAL MODULE: ./src/summary.ts
var summary = __webpack_require__(8855);
// EXTERNAL MODULE: ./src/session.ts
var session = __webpack_require__(2927);
// EXTERNAL MODULE: ./src/throwaway.ts
var throwaway = __webpack_require__(4889);
// EXTERNAL MODULE: ./src/cli/consent.ts
var consent = __webpack_require__(1496);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/cli/flags.ts
/**
 * The command line's flags: the action's inputs (src/inputs.ts INPUTS, which a unit test keeps equal to
 * action.yml) under the same names, the operation as the first argument, and the Neon connection from the
 * environment. It only turns argv into the action's raw input values: src/inputs.ts validates them, so a bad
 * value gets the same fix-it message as in a workflow. No I/O here.
 */


/** The connection inputs a laptop keeps in its environment, as neonctl and Neon's docs name them. */
const ENVIRONMENT = {
    'api-key': 'NEON_API_KEY',
    'project-id': 'NEON_PROJECT_ID',
    'api-host': 'NEON_API_HOST'
};
/** Inputs that only mean something inside a workflow run, with what to do instead. */
const WORKFLOW_ONLY = {
    operation: 'give the operation as the first argument (e.g. neon-recovery snapshot --branch main)',
    comment: 'posts to a pull request, which exists only in a workflow run (read the summary printed here)',
    'github-token': 'is only used by comment, which exists only in a workflow run'
};
/** The CLI's own flags, beside the inputs. */
const OWN_FLAGS = ['yes', 'help'];
class FlagError extends Error {
    problems;
    constructor(problems) {
        super(problems.join('\n'));
        this.problems = problems;
        this.name = 'FlagError';
    }
}
const isOperation = (name) => inputs/* OPERATIONS */.xb.includes(name);
/** The action's inputs whose default is "false" are switches: `--dry-run` alone means true. */
function isSwitch(name) {
    return inputs/* INPUTS */.mc[name]?.default === 'false' || OWN_FLAGS.includes(name);
}
function flagNames() {
    return Object.keys(inputs/* INPUTS */.mc).filter((name) => !(name in WORKFLOW_ONLY));
}
/** Reads argv (without node and the script); throws FlagError listing every problem. */
function parseFlags(argv, env) {
    const known = new Set([...flagNames(), ...OWN_FLAGS]);
    // Not strict: the unknown and misused flags are reported here, all at once and in the inputs' terms.
    const options = Object.fromEntries([...known].map((name) => [name, { type: isSwitch(name) ? 'boolean' : 'string' }]));
    const { tokens } = (0,external_node_util_.parseArgs)({ args: argv, strict: false, allowPositionals: true, tokens: true, options });
    const values = new Map();
    const positionals = [];
    const problems = [];
    /** The argument after a flag that is not known: its value, not the operation. */
    let valueOf = -1;
    for (const token of tokens) {
        if (token.kind === 'positional' && token.index !== valueOf)
            positionals.push(token.value);
        if (token.kind !== 'option')
            continue;
        const { name, value } = token;
        if (!known.has(name) && value === undefined)
            valueOf = token.index + 1;
        if (name in WORKFLOW_ONLY)
            problems.push(`--${name}: ${WORKFLOW_ONLY[name]}`);
        else if (!known.has(name))
            problems.push(`unknown flag --${name}; the flags are the action's inputs: ${flagNames().join(', ')} (and --yes, --help)`);
        else if (!isSwitch(name) && value === undefined)
            problems.push(`--${name}: needs a value (--${name} <value>)`);
        else
            values.set(name, value ?? 'true');
    }
    if (positionals.length > 1) {
        problems.push(`one operation at a time: got ${positionals.join(', ')} (quote a value that has spaces)`);
    }
    if (problems.length > 0)
        throw new FlagError(problems);
    const operation = positionals[0] ?? '';
    // The environment is a laptop's standing connection, not a choice made for this command: it fills only the
    // inputs the operation reads (NEON_PROJECT_ID stays out of `projects`, which would refuse a project-id).
    // backend: postgres reads no Neon connection at all.
    const neon = values.get('backend')?.trim().toLowerCase() !== 'postgres';
    const fromEnv = (name) => neon && ENVIRONMENT[name] && (!isOperation(operation) || (0,inputs/* readsInput */.si)(operation, name))
        ? (env[ENVIRONMENT[name]] ?? '')
        : '';
    return {
        operation: positionals[0] ?? '',
        // Flags win over the environment.
        getInput: (name) => (name === 'operation' ? (positionals[0] ?? '') : (values.get(name) ?? fromEnv(name))),
        yes: values.get('yes') === 'true',
        help: values.get('help') === 'true'
    };
}

;// CONCATENATED MODULE: ./src/cli/terminal.ts
class Terminal {
    out;
    err;
    secrets = new Set();
    constructor(out = process.stdout, err = process.stderr) {
        this.out = out;
        this.err = err;
    }
    mask(secret) {
        if (secret)
            this.secrets.add(secret);
    }
    /** Progress: a line per bisect round, per recovered table, per deleted branch. */
    info(message) {
        this.err.write(`${this.redact(message)}\n`);
    }
    warning(message) {
        this.err.write(`warning: ${this.redact(message)}\n`);
    }
    error(message) {
        this.err.write(`error: ${this.redact(message)}\n`);
    }
    print(text) {
        this.out.write(`${this.redact(text)}\n`);
    }
    /** What an operation needs to know about this run and how it talks to the log. */
    context(now) {
        return {
            // One id a run, so its names ({run_id}) and its ephemeral branches are its own.
            runId: `cli-${now.toISOString().replace(/\D/g, '').slice(0, 14)}`,
            runAttempt: '1',
            sha: 'unknown',
            now,
            // The snippets in summaries say `uses: <this>`; a laptop does not know which ref a workflow would use.
            actionRef: './',
            info: (message) => this.info(message),
            warning: (message) => this.warning(message),
            mask: (secret) => this.mask(secret)
        };
    }
    redact(text) {
        let redacted = text;
        for (const secret of this.secrets)
            redacted = redacted.split(secret).join('***');
        return redacted;
    }
}

;// CONCATENATED MODULE: ./src/cli/index.ts
/**
 * The action's operations as a command line, for incident response from a laptop:
 *
 *   NEON_API_KEY=… NEON_PROJECT_ID=… neon-recovery bisect --branch main --good "2h ago" --check "SELECT …"
 *
 * The same code as the action: the flags are its inputs (./flags.ts), src/inputs.ts validates them with the same
 * fix-it messages, and src/operations runs the same plan, execute and report. Only the log differs: progress on
 * stderr, the summary as text on stdout (./terminal.ts), and a question before a destructive step
 * (./consent.ts). Started by dist/cli.js (package.json "bin") through src/index.ts; it never loads @actions/*.
 */








const USAGE = `usage: neon-recovery <operation> [--<input> <value> ...] [--yes]

The operations and flags are the action's (docs/reference.md in its repository); switches (--dry-run, --protected) need no value.
The connection comes from ${Object.values(ENVIRONMENT).join(', ')} (a flag wins); with --backend postgres (a self-hosted backup) none is used.
--yes runs a destructive step (restore, prune, recover merge/undo, bisect then: restore/recover) without asking.
Flags: ${flagNames().join(', ')}`;
/** Reads flags and inputs; undefined (after saying why) when they are bad: then nothing was sent to Neon. */
function settingsOrReport(terminal, argv, now) {
    try {
        const flags = parseFlags(argv, process.env);
        terminal.mask(flags.getInput('api-key'));
        if (flags.help)
            return terminal.print(USAGE);
        maskDatabaseUrl(terminal, flags.getInput('database-url'));
        const settings = (0,inputs/* readSettings */.sb)({ getInput: flags.getInput, now });
        return { settings, yes: flags.yes };
    }
    catch (error) {
        if (!(error instanceof inputs/* InputError */.dz || error instanceof FlagError))
            throw error;
        error.problems.forEach((problem) => terminal.error(problem));
        process.exitCode = 1;
        return undefined;
    }
}
/** recover's live database (backend: postgres): the URL, and its password on its own, as the action masks them. */
function maskDatabaseUrl(terminal, text) {
    terminal.mask(text);
    const password = URL.canParse(text) ? new URL(text).password : '';
    if (password)
        terminal.mask(decodeURIComponent(password));
}
/** backend: postgres: no Neon connection; the restore's own cleanup and signal handler (./selfhosted.ts). */
async function mainSelfHosted(settings, yes, terminal, context) {
    const { runSelfHostedCli } = await __webpack_require__.e(/* import() */ 949).then(__webpack_require__.bind(__webpack_require__, 949));
    try {
        const result = await runSelfHostedCli(settings, yes, terminal, context);
        if (result)
            printResult(terminal, result);
        else
            process.exitCode = 1;
    }
    catch (error) {
        terminal.error(error.message);
        process.exitCode = 1;
    }
}
/** The operation, run as in the action; its ephemeral branches deleted when it ends, as the post step does. */
async function runOnce(settings, gateway, context) {
    const operations = await Promise.all(/* import() */[__webpack_require__.e(643), __webpack_require__.e(727), __webpack_require__.e(446)]).then(__webpack_require__.bind(__webpack_require__, 9446));
    try {
        return await operations.runOperation(settings, gateway, context);
    }
    finally {
        if (!settings.dryRun && (await operations.makesThrowaways(settings.operation))) {
            const deleted = await (0,throwaway/* sweepAfterStep */.LX)(gateway, context.runId, { ended: true, projectIds: settings.projectIds });
            if (deleted.length > 0)
                context.info(`Deleted ${deleted.length} ephemeral branches: ${deleted.join(', ')}`);
        }
    }
}
function printResult(terminal, result) {
    const outputs = Object.entries(result.outputs);
    terminal.print(result.summary.toText());
    if (outputs.length > 0)
        terminal.print(new summary/* Summary */.BD().heading('Outputs', 3).keyValues(outputs).toText());
    if (result.failed) {
        terminal.error(result.failed);
        process.exitCode = 1;
    }
}
/**
 * Whether to go on with a destructive step: --yes, or in a terminal the plan shown and a "y"; outside a
 * terminal without --yes the step is refused before anything is sent to Neon.
 */
async function consented(settings, yes, run, terminal) {
    const step = (0,consent/* destructiveStep */.rB)(settings);
    if (!step || settings.dryRun || yes)
        return true;
    if (!(0,consent/* canAsk */.Gj)()) {
        terminal.error(`${step}: not run without a terminal to ask in; add --yes to run it (or --dry-run to see the plan)`);
        return false;
    }
    printResult(terminal, await run({ ...settings, dryRun: true }));
    if (await (0,consent/* askToProceed */.d7)(step))
        return true;
    terminal.info('Nothing changed.');
    return false;
}
async function main(argv) {
    const terminal = new Terminal();
    const now = new Date();
    const read = settingsOrReport(terminal, argv, now);
    if (!read)
        return;
    const { settings, yes } = read;
    const context = terminal.context(now);
    if ((0,inputs/* isSelfHosted */._U)(settings))
        return mainSelfHosted(settings, yes, terminal, context);
    const cancellation = new cancel/* Cancellation */.mT();
    // The gateway's own log (requests, retries) stays out of a terminal; Ctrl-C is a cancelled workflow run.
    const log = {
        debug: () => undefined,
        info: (message) => terminal.info(message),
        warning: (message) => terminal.warning(message),
        fail: (message) => terminal.error(message)
    };
    const gateway = await (0,session/* gatewayFor */.Q)(settings, log, cancellation);
    const sweepFallback = 'Neon deletes them when they expire';
    const projectIds = settings.projectIds;
    (0,session/* cancelOnSignals */.d)({ gateway, cancellation, runId: context.runId, sweeps: true, log, sweepFallback, projectIds });
    const run = (settings) => runOnce(settings, gateway, context);
    try {
        if (!(await consented(settings, yes, run, terminal))) {
            process.exitCode = 1;
            return;
        }
        printResult(terminal, await run(settings));
    }
    catch (error) {
        if (cancellation.cancelled)
            return new Promise(() => undefined);
        terminal.error(error.message);
        process.exitCode = 1;
    }
}
/** Runs the command line (dist/cli.js, through src/index.ts) and exits when it is done. */
function start(argv) {
    void main(argv).then(
    // The Postgres pools and the API client's keep-alive sockets would otherwise hold the process open; exit
    // once stdout is written out (a pipe is asynchronous on macOS).
    () => process.stdout.write('', () => process.exit()), (error) => {
        process.stderr.write(`error: ${error.message}\n`);
        process.exit(1);
    });
}


/***/ })

};
