export const id = 730;
export const ids = [730];
export const modules = {

/***/ 1730:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   run: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var _cancel_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(833);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8422);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8855);
/* harmony import */ var _session_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2927);
/* harmony import */ var _throwaway_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4889);
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
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(secret);
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
        info: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq,
        warning: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e,
        mask
    };
}
function readInputs(context) {
    for (const name of ['api-key', 'github-token']) {
        const secret = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name);
        if (secret && secret !== _inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .GITHUB_TOKEN_DEFAULT */ .OH)
            mask(secret);
    }
    return (0,_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .readSettings */ .sb)({ getInput: (name) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name), now: context.now });
}
/** The action's log for the step's connection to Neon (src/session.ts): the gateway's requests as debug lines. */
const log = { debug: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz, info: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq, warning: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e, fail: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1 };
/** The job summary, and with comment: true the pull request comment (loaded only then: a cold start reads neither). */
async function writeSummary(summary, settings) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(summary.toText());
    if (process.env.GITHUB_STEP_SUMMARY)
        await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addRaw(summary.toHtml()).write();
    if (!settings.comment)
        return;
    const { postComment } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(547)]).then(__webpack_require__.bind(__webpack_require__, 5547));
    await postComment({
        token: settings.comment.token,
        operation: settings.operation,
        summary,
        secrets,
        info: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq,
        notice: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm,
        warning: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e
    });
}
/** The inputs, or undefined when they are bad: then every problem is reported and nothing was sent to Neon. */
function settingsOrReport(context) {
    try {
        return readInputs(context);
    }
    catch (error) {
        if (!(error instanceof _inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz))
            throw error;
        // One annotation a problem, so every one shows at once.
        error.problems.slice(0, -1).forEach((problem) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(problem));
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(error.problems[error.problems.length - 1]);
        return undefined;
    }
}
async function main() {
    const context = runContext();
    const settings = settingsOrReport(context);
    if (!settings)
        return;
    const operations = await Promise.all(/* import() */[__webpack_require__.e(643), __webpack_require__.e(446)]).then(__webpack_require__.bind(__webpack_require__, 9446));
    const sweeps = await operations.makesThrowaways(settings.operation);
    if (sweeps)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ('sweep', 'true');
    const cancellation = new _cancel_js__WEBPACK_IMPORTED_MODULE_1__/* .Cancellation */ .mT();
    const gateway = await (0,_session_js__WEBPACK_IMPORTED_MODULE_3__/* .gatewayFor */ .Q)(settings, log, cancellation);
    (0,_session_js__WEBPACK_IMPORTED_MODULE_3__/* .cancelOnSignals */ .d)({ gateway, cancellation, runId: context.runId, sweeps, log, sweepFallback: 'the post step tries again' });
    try {
        const result = await operations.runOperation(settings, gateway, context).finally(() => {
            // Ended by itself: nothing of this step is still on its way to Neon (see sweepAfterStep).
            if (sweeps && !cancellation.cancelled)
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ('sweep', 'ended');
        });
        for (const [name, value] of Object.entries(result.outputs))
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(name, value);
        await writeSummary(result.summary, settings);
        if (result.failed)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(result.failed);
    }
    catch (error) {
        // The signal handler reports a cancellation and exits; what it interrupted is not the step's failure.
        if (cancellation.cancelled)
            return new Promise(() => undefined);
        const message = error.message;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(message);
        await writeSummary(new _summary_js__WEBPACK_IMPORTED_MODULE_4__/* .Summary */ .BD().heading(`${settings.operation} failed`).paragraph(message), settings);
    }
}
async function post() {
    const sweep = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu('sweep');
    if (sweep !== 'true' && sweep !== 'ended')
        return;
    const context = runContext();
    const settings = readInputs(context);
    const deleted = await (0,_throwaway_js__WEBPACK_IMPORTED_MODULE_5__/* .sweepAfterStep */ .LX)(await (0,_session_js__WEBPACK_IMPORTED_MODULE_3__/* .gatewayFor */ .Q)(settings, log), context.runId, { ended: sweep === 'ended' });
    if (deleted.length > 0)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Deleted ${deleted.length} ephemeral branches left by this run: ${deleted.join(', ')}`);
}
/** Runs the step this is: the main step, or the post step once the main step saved its flag. */
async function run() {
    try {
        // Read on each call, not on load: local-action imports this module once and calls run() for each step.
        const isPost = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu('isPost') === 'true';
        if (!isPost)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ('isPost', 'true');
        await (isPost ? post() : main());
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(error.message);
    }
}


/***/ })

};
