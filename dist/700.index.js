export const id = 700;
export const ids = [700];
export const modules = {

/***/ 9319:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
// EXTERNAL MODULE: ./src/inputs.ts
var inputs = __webpack_require__(8422);
;// CONCATENATED MODULE: ./src/outputs.ts
/** What restore writes (src/operations/restore.ts report); bisect with then: restore writes the same. */
const RESTORE_OUTPUTS = ['branch-id', 'lsn', 'timestamp', 'backup-branch-id', 'backup-branch-name'];
/** What a change undone writes (src/operations/undo-report.ts): recover with mode: undo, bisect with then: recover. */
const UNDO_OUTPUTS = ['changes', 'conflicts'];
const OUTPUTS = {
    // src/operations/snapshot.ts: a branch (kind: branch) or a Neon snapshot (kind: snapshot).
    snapshot: ['branch-id', 'branch-name', 'snapshot-id', 'lsn', 'timestamp', 'connection-uri'],
    restore: RESTORE_OUTPUTS,
    // src/operations/bisect/report.ts: the answer, the recovery branch (then: branch), restore's outputs
    // (then: restore), the bad change (changes) and what was left as it is (then: recover).
    bisect: unique([
        'last-good-lsn',
        'first-bad-lsn',
        'probes',
        'rounds',
        'branch-name',
        ...RESTORE_OUTPUTS,
        ...UNDO_OUTPUTS
    ]),
    // query and recover write the same outputs with backend: postgres (src/selfhosted/query.ts, recover.ts).
    query: ['result', 'rows', 'truncated', 'lsn'],
    // With a comma list of project-id, verify and prune also write each project's results (src/operations/several.ts).
    // With verify-standby (backend: postgres) also how the standby caught up (src/selfhosted/verify-report.ts).
    verify: ['passed', 'duration-ms', 'results', 'standby-lag-bytes', 'standby-catchup-ms'],
    prune: ['deleted', 'results'],
    // src/operations/recover.ts, and mode: undo (src/operations/undo-report.ts).
    recover: ['rows', 'invalid-keys', ...UNDO_OUTPUTS],
    undelete: ['branch-id', 'branch-name', 'connection-uri'],
    // src/operations/projects.ts.
    projects: ['projects', 'chunks']
};
function unique(names) {
    return [...new Set(names)];
}
/** An operation wrote an output it has not declared in OUTPUTS: a bug of this action, not of the input. */
class UndeclaredOutputError extends Error {
    operation;
    outputs;
    constructor(operation, outputs) {
        super(`Internal error: ${operation} wrote outputs it does not declare (${outputs.join(', ')}); ` +
            'add them to OUTPUTS in src/outputs.ts and to action.yml');
        this.operation = operation;
        this.outputs = outputs;
        this.name = 'UndeclaredOutputError';
    }
}
/** Throws UndeclaredOutputError when `outputs` holds a name `operation` has not declared. */
function checkOutputs(operation, outputs) {
    const undeclared = Object.keys(outputs).filter((name) => !OUTPUTS[operation].includes(name));
    if (undeclared.length > 0)
        throw new UndeclaredOutputError(operation, undeclared);
}

// EXTERNAL MODULE: ./src/selfhosted/conninfo.ts
var conninfo = __webpack_require__(2159);
// EXTERNAL MODULE: ./src/summary.ts
var summary = __webpack_require__(8855);
// EXTERNAL MODULE: ./src/session.ts
var session = __webpack_require__(2927);
// EXTERNAL MODULE: ./src/throwaway.ts
var throwaway = __webpack_require__(4889);
;// CONCATENATED MODULE: ./src/main.ts
/**
 * The action's two steps as one `run()`, the actions/typescript-action layout: src/index.ts (the bundle's
 * entry) only calls it, and `npx @github/local-action run . src/main.ts .env` imports this file and calls it
 * from the checkout. The main step reads the inputs, runs the operation and writes outputs and the job summary;
 * the post step (chosen by a state flag the main step saves, as actions/checkout does) sweeps the throwaway
 * branches this run left behind. Only @actions/core and the input reader load up front: the Neon client and
 * the operation's module (with the Postgres driver where it connects) load once the inputs are good, so bad
 * input fails fast (bench/cold-start.ts); the pull request comment (with @actions/github) only with comment: true.
 */








/** Every secret masked in this step, so the pull request comment (which the runner does not mask) leaves them out. */
const secrets = new Set();
function mask(secret) {
    secrets.add(secret);
    core/* setSecret */.Pq(secret);
}
function runContext() {
    const repository = process.env.GITHUB_ACTION_REPOSITORY;
    const ref = process.env.GITHUB_ACTION_REF;
    return {
        runId: process.env.GITHUB_RUN_ID || 'local',
        runAttempt: process.env.GITHUB_RUN_ATTEMPT || '1',
        sha: process.env.GITHUB_SHA || 'unknown',
        now: new Date(),
        actionRef: repository && ref ? `${repository}@${ref}` : './',
        info: core/* info */.pq,
        warning: core/* warning */.$e,
        mask
    };
}
function readInputs(context) {
    for (const name of ['api-key', 'github-token']) {
        const secret = core/* getInput */.V4(name);
        if (secret && secret !== inputs/* GITHUB_TOKEN_DEFAULT */.OH)
            mask(secret);
    }
    maskDatabaseUrl(core/* getInput */.V4('database-url'));
    maskConninfo(core/* getInput */.V4('verify-standby'));
    return (0,inputs/* readSettings */.sb)({ getInput: (name) => core/* getInput */.V4(name), now: context.now });
}
/** recover's live database (backend: postgres): the URL, and its password on its own (a driver may quote it). */
function maskDatabaseUrl(text) {
    if (!text)
        return;
    mask(text);
    const password = URL.canParse(text) ? new URL(text).password : '';
    if (password)
        mask(decodeURIComponent(password));
}
/** verify-standby (backend: postgres): the connection string, and its password on its own, in either form. */
function maskConninfo(text) {
    if (!text)
        return;
    mask(text);
    const password = (0,conninfo/* passwordOf */.No)(text);
    if (password)
        mask(password);
}
/** The action's log for the step's connection to Neon (src/session.ts): the gateway's requests as debug lines. */
const log = { debug: core/* debug */.Yz, info: core/* info */.pq, warning: core/* warning */.$e, fail: core/* setFailed */.C1 };
/** The job summary, and with comment: true the pull request comment (loaded only then: a cold start reads neither). */
async function writeSummary(summary, settings) {
    core/* info */.pq(summary.toText());
    if (process.env.GITHUB_STEP_SUMMARY)
        await core/* summary */.z.addRaw(summary.toHtml()).write();
    if ((0,inputs/* isSelfHosted */._U)(settings) || !settings.comment)
        return;
    const { postComment } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(547)]).then(__webpack_require__.bind(__webpack_require__, 5547));
    await postComment({
        token: settings.comment.token,
        operation: settings.operation,
        summary,
        secrets,
        info: core/* info */.pq,
        notice: core/* notice */.lm,
        warning: core/* warning */.$e
    });
}
/** The inputs, or undefined when they are bad: then every problem is reported and nothing was sent to Neon. */
function settingsOrReport(context) {
    try {
        return readInputs(context);
    }
    catch (error) {
        if (!(error instanceof inputs/* InputError */.dz))
            throw error;
        // One annotation a problem, so every one shows at once.
        error.problems.slice(0, -1).forEach((problem) => core/* error */.z3(problem));
        core/* setFailed */.C1(error.problems[error.problems.length - 1]);
        return undefined;
    }
}
async function main() {
    const context = runContext();
    const settings = settingsOrReport(context);
    if (!settings)
        return;
    if ((0,inputs/* isSelfHosted */._U)(settings))
        return mainSelfHosted(settings, context);
    const operations = await Promise.all(/* import() */[__webpack_require__.e(643), __webpack_require__.e(727), __webpack_require__.e(446)]).then(__webpack_require__.bind(__webpack_require__, 9446));
    const sweeps = await operations.makesThrowaways(settings.operation);
    if (sweeps)
        core/* saveState */.LZ('sweep', 'true');
    const cancellation = new cancel/* Cancellation */.mT();
    const gateway = await (0,session/* gatewayFor */.Q)(settings, log, cancellation);
    (0,session/* cancelOnSignals */.d)({
        gateway,
        cancellation,
        runId: context.runId,
        sweeps,
        log,
        sweepFallback: 'the post step tries again',
        projectIds: settings.projectIds
    });
    try {
        const result = await operations.runOperation(settings, gateway, context).finally(() => {
            // Ended by itself: nothing of this step is still on its way to Neon (see sweepAfterStep).
            if (sweeps && !cancellation.cancelled)
                core/* saveState */.LZ('sweep', 'ended');
        });
        // An output the operation has not declared fails the step, so every test that runs it checks src/outputs.ts.
        checkOutputs(settings.operation, result.outputs);
        for (const [name, value] of Object.entries(result.outputs))
            core/* setOutput */.uH(name, value);
        await writeSummary(result.summary, settings);
        if (result.failed)
            core/* setFailed */.C1(result.failed);
    }
    catch (error) {
        // The signal handler reports a cancellation and exits; what it interrupted is not the step's failure.
        if (cancellation.cancelled)
            return new Promise(() => undefined);
        const message = error.message;
        core/* setFailed */.C1(message);
        await writeSummary(new summary/* Summary */.BD().heading(`${settings.operation} failed`).paragraph(message), settings);
    }
}
/** The state key of a self-hosted drill's work directory, which the post step removes if it is still there. */
const WORK_DIR_STATE = 'selfhosted-work-dir';
/**
 * backend: postgres: no Neon. A cancelled step stops the restored server and removes its work directory before
 * it exits; a killed one leaves that to the post step (the directory's path is in the step's state).
 */
async function mainSelfHosted(settings, context) {
    const restore = await Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(517), __webpack_require__.e(597), __webpack_require__.e(779)]).then(__webpack_require__.bind(__webpack_require__, 5597));
    const cancellation = new cancel/* Cancellation */.mT();
    // What the report says happened to the restored copy: only what the cleanup did (the post step runs after it).
    let removal = 'not removed in time; the post step removes it';
    (0,cancel/* handleCancellation */.qO)({
        cancellation,
        info: core/* info */.pq,
        report: () => core/* setFailed */.C1(`The step was cancelled; the restored copy was ${removal}.`),
        exit: (code) => process.exit(code),
        cleanup: async () => {
            try {
                await restore.removeActive();
                removal = 'stopped and removed';
            }
            catch (error) {
                removal = `not removed (${error.message}); the post step removes it`;
            }
        }
    });
    try {
        const { runSelfHosted } = await Promise.all(/* import() */[__webpack_require__.e(779), __webpack_require__.e(903)]).then(__webpack_require__.bind(__webpack_require__, 4903));
        const result = await runSelfHosted(settings, context, (dir) => core/* saveState */.LZ(WORK_DIR_STATE, dir));
        checkOutputs(settings.operation, result.outputs);
        for (const [name, value] of Object.entries(result.outputs))
            core/* setOutput */.uH(name, value);
        await writeSummary(result.summary, settings);
        if (result.failed)
            core/* setFailed */.C1(result.failed);
    }
    catch (error) {
        // The cancel handler removed the cluster under the operation, which failed for it: not the step's failure.
        if (cancellation.cancelled)
            return new Promise(() => undefined);
        const message = error.message;
        core/* setFailed */.C1(message);
        await writeSummary(new summary/* Summary */.BD().heading(`${settings.operation} failed`).paragraph(message), settings);
    }
}
async function post() {
    const workDir = core/* getState */.Gu(WORK_DIR_STATE);
    if (workDir) {
        const { removeLeftover } = await __webpack_require__.e(/* import() */ 779).then(__webpack_require__.bind(__webpack_require__, 3779));
        if (await removeLeftover(workDir))
            core/* info */.pq(`Removed the restored copy the main step left in ${workDir}`);
        return;
    }
    const sweep = core/* getState */.Gu('sweep');
    if (sweep !== 'true' && sweep !== 'ended')
        return;
    const context = runContext();
    const settings = readInputs(context);
    if ((0,inputs/* isSelfHosted */._U)(settings))
        return;
    const deleted = await (0,throwaway/* sweepAfterStep */.LX)(await (0,session/* gatewayFor */.Q)(settings, log), context.runId, {
        ended: sweep === 'ended',
        projectIds: settings.projectIds
    });
    if (deleted.length > 0)
        core/* info */.pq(`Deleted ${deleted.length} ephemeral branches left by this run: ${deleted.join(', ')}`);
}
/** Runs the step this is: the main step, or the post step once the main step saved its flag. */
async function run() {
    try {
        // Read on each call, not on load: local-action imports this module once and calls run() for each step.
        const isPost = core/* getState */.Gu('isPost') === 'true';
        if (!isPost)
            core/* saveState */.LZ('isPost', 'true');
        await (isPost ? post() : main());
    }
    catch (error) {
        core/* setFailed */.C1(error.message);
    }
}


/***/ })

};
