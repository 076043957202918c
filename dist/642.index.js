export const id = 642;
export const ids = [642];
export const modules = {

/***/ 642:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runSeveral: () => (/* binding */ runSeveral)
/* harmony export */ });
/* unused harmony export combine */
/* harmony import */ var _cancel_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(833);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8855);
/**
 * verify or prune over a comma list of project-id: each project in turn, in one job (GitHub's matrix makes at most
 * 256 jobs, so with more projects a matrix leg takes a chunk of them; see operation: projects). Every project runs
 * even when one before it failed; the step fails afterwards, naming each that failed. The summary opens with one
 * table (project, verdict, figures) followed by each project's own summary.
 *
 * Outputs: `passed` (verify: every project passed) or `deleted` (prune: the sum), and `results`, a JSON array of
 * {project, verdict, outputs, error?} per project for a job that gathers the drills of a whole matrix.
 */


async function runSeveral(settings, gateway, context, runOne) {
    const outcomes = [];
    for (const project of settings.projectIds) {
        context.info(`Project ${project} (${outcomes.length + 1} of ${settings.projectIds.length})`);
        outcomes.push(await runProject(project, settings, gateway, runOne));
    }
    return combine(settings, outcomes);
}
async function runProject(project, settings, gateway, runOne) {
    try {
        const result = await runOne({ ...settings, projectId: project, projectIds: [project] }, gateway.forProject(project));
        const verdict = result.failed ? 'failed' : 'passed';
        return { project, verdict, outputs: result.outputs, error: result.failed, summary: result.summary };
    }
    catch (error) {
        // A cancelled step stops here: the cancel handler sweeps and reports.
        if (error instanceof _cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .CancelledError */ .cc)
            throw error;
        const message = error.message;
        return { project, verdict: 'error', outputs: {}, error: message, summary: new _summary_js__WEBPACK_IMPORTED_MODULE_1__/* .Summary */ .BD().paragraph(message) };
    }
}
/** The figures of one project's outputs, as `name value` pairs. */
function figures(outputs) {
    return Object.entries(outputs)
        .map(([name, value]) => `${name} ${value}`)
        .join(', ');
}
function combine(settings, outcomes) {
    const bad = outcomes.filter((outcome) => outcome.verdict !== 'passed');
    const summary = new _summary_js__WEBPACK_IMPORTED_MODULE_1__/* .Summary */ .BD()
        .heading(`${settings.operation} over ${outcomes.length} projects: ${outcomes.length - bad.length} passed`)
        .table(['Project', 'Verdict', 'Figures'], outcomes.map((outcome) => [outcome.project, outcome.verdict, outcome.error ?? figures(outcome.outputs)]));
    for (const outcome of outcomes)
        summary.heading(`Project ${outcome.project}`, 2).append(outcome.summary);
    const results = outcomes.map(({ project, verdict, outputs, error }) => ({ project, verdict, outputs, error }));
    const outputs = { results: JSON.stringify(results) };
    if (settings.operation === 'verify')
        outputs.passed = String(bad.length === 0);
    if (settings.operation === 'prune') {
        const deleted = outcomes.reduce((sum, outcome) => sum + Number(outcome.outputs.deleted ?? 0), 0);
        outputs.deleted = String(deleted);
    }
    if (bad.length === 0)
        return { outputs, summary };
    const failed = `${settings.operation}: ${bad.length} of ${outcomes.length} projects failed: ` +
        bad.map((outcome) => `${outcome.project} (${outcome.error})`).join('; ');
    return { outputs, summary, failed };
}


/***/ })

};
