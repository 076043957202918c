export const id = 263;
export const ids = [263];
export const modules = {

/***/ 1370:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KV: () => (/* binding */ readChecksFile),
/* harmony export */   NK: () => (/* binding */ runDrillCheck),
/* harmony export */   Oi: () => (/* binding */ phase),
/* harmony export */   Uu: () => (/* binding */ checkRows),
/* harmony export */   s3: () => (/* binding */ drillFailure)
/* harmony export */ });
/* unused harmony export parseChecks */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _postgres_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9517);
/** verify's checks (either backend): read from checks or checks-file, one SQL statement a line, and run. */



/** One SQL statement a line; blank lines and `--` comments are skipped. */
function parseChecks(text) {
    return text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('--'));
}
async function readChecksFile(file) {
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const full = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(workspace, file);
    let text;
    try {
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(full, 'utf8');
    }
    catch {
        throw new Error(`checks-file: ${file} was not found in the workspace (${workspace}); check out the repository first`);
    }
    const checks = parseChecks(text);
    if (checks.length === 0)
        throw new Error(`checks-file: ${file} holds no checks (one SQL statement a line)`);
    return checks;
}
/** Runs one check; a failure to answer (no boolean, no connection) is a failed check with its reason. */
async function runDrillCheck(uri, sql, timeoutMs) {
    const started = Date.now();
    try {
        const outcome = await (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_2__/* .runCheck */ .k_)(uri, sql, { timeoutMs });
        if (outcome.kind === 'sql-error') {
            return { sql, passed: false, ms: outcome.ms, detail: `error ${outcome.code}: ${outcome.message}` };
        }
        return { sql, passed: outcome.healthy, ms: outcome.ms, detail: outcome.healthy ? 'true' : 'false' };
    }
    catch (error) {
        if (error instanceof _postgres_index_js__WEBPACK_IMPORTED_MODULE_2__/* .NotBooleanError */ .uu || error instanceof _postgres_index_js__WEBPACK_IMPORTED_MODULE_2__/* .ConnectionError */ .Rc) {
            return { sql, passed: false, ms: Date.now() - started, detail: error.message };
        }
        throw error;
    }
}
/** Runs one phase: records its time when it completes, or where the drill stopped when it fails. */
async function phase(record, name, work) {
    const started = Date.now();
    try {
        const value = await work();
        record.phases.push([name, Date.now() - started]);
        return value;
    }
    catch (error) {
        record.stopped ??= { phase: name, error: error };
        throw error;
    }
}
/** The drill's verdict on `from` (what was restored, at which point): undefined when it passed, else why not. */
function drillFailure(record, checks, from) {
    const failed = record.reports.filter((check) => !check.passed);
    if (!record.stopped && failed.length === 0 && record.reports.length === checks)
        return undefined;
    return record.stopped
        ? `verify: the drill of ${from} stopped at "${record.stopped.phase}": ${record.stopped.error.message}`
        : `verify: ${failed.length} of ${checks} checks failed on ${from}: ` +
            failed.map((check) => `${check.sql} → ${check.detail}`).join('; ');
}
/** The rows of the summary's table of checks: the statement, its result and its time. */
function checkRows(reports) {
    return reports.map((check) => [check.sql, check.passed ? 'passed' : `FAILED: ${check.detail}`, `${check.ms} ms`]);
}


/***/ }),

/***/ 9445:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OO: () => (/* binding */ chooseConnection),
/* harmony export */   Pl: () => (/* binding */ pointUri),
/* harmony export */   mQ: () => (/* binding */ connectionTo)
/* harmony export */ });
/** The database: as given, or the branch's only one. The role: as given, or the database's owner. */
function chooseConnection(databases, roles, wanted) {
    const names = (items) => items.map((item) => item.name).join(', ') || 'none';
    let database;
    if (wanted.database) {
        database = databases.find((candidate) => candidate.name === wanted.database);
        if (!database)
            throw new Error(`database: "${wanted.database}" is not on the branch (it has: ${names(databases)})`);
    }
    else if (databases.length === 1) {
        database = databases[0];
    }
    else {
        throw new Error(`database: the branch has ${databases.length} databases (${names(databases)}); set database`);
    }
    const role = wanted.role ?? database.owner_name;
    if (!roles.some((candidate) => candidate.name === role)) {
        throw new Error(`role: "${role}" is not on the branch (it has: ${names(roles)})`);
    }
    return { database: database.name, role };
}
/** Finds the endpoint, database and role, and masks the password and URI before anything can print them. */
async function connectionTo(branch, settings, gateway, context, operation) {
    const [databases, roles, endpoints] = await Promise.all([
        gateway.connections.listDatabases(branch.id),
        gateway.connections.listRoles(branch.id),
        gateway.connections.listEndpoints(branch.id)
    ]);
    const { database, role } = chooseConnection(databases, roles, settings);
    const endpoint = endpoints.find((candidate) => candidate.type === 'read_write') ?? endpoints[0];
    if (!endpoint) {
        throw new Error(`branch: ${branch.name} has no compute endpoint; add one in the Neon console so ${operation} can connect`);
    }
    const uri = await gateway.connections.getUri({ branchId: branch.id, database, role });
    // Time-travel URIs differ from this one only in host and options: masking the password covers them all.
    const password = decodeURIComponent(new URL(uri).password);
    if (password)
        context.mask(password);
    context.mask(uri);
    return { branch, endpointId: endpoint.id, database, role, uri };
}
/**
 * The time-travel connection for a point of `on` (masked), and its LSN where known before connecting: `head` is read
 * on the branch now, so the connection stays at that point while the branch moves on. A timestamp goes to Neon
 * as it is: learning its LSN first would start a time-travel compute only to ask.
 */
async function pointUri(connection, point, context, on = connection.branch) {
    // Loaded here, not on import: snapshot uses this module only to choose a database and role.
    const { pastUri, pointLsn } = await Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(517)]).then(__webpack_require__.bind(__webpack_require__, 9517));
    const at = point.kind === 'timestamp' ? { timestamp: point.timestamp } : await pointLsn(connection, point);
    // `on`: the branch that held the point (a backup after a restore), reached through this endpoint's host.
    const uri = pastUri({ ...connection, branch: on }, at);
    context.mask(uri);
    return { uri, lsn: typeof at === 'bigint' ? at : undefined };
}


/***/ }),

/***/ 263:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  describe: () => (/* binding */ describe),
  execute: () => (/* binding */ execute),
  makesThrowaways: () => (/* binding */ makesThrowaways),
  plan: () => (/* binding */ plan),
  report: () => (/* binding */ report)
});

// EXTERNAL MODULE: ./src/drill-checks.ts
var drill_checks = __webpack_require__(1370);
// EXTERNAL MODULE: ./src/duration.ts
var duration = __webpack_require__(7607);
// EXTERNAL MODULE: ./src/diagrams/mermaid.ts
var mermaid = __webpack_require__(4761);
;// CONCATENATED MODULE: ./src/diagrams/drill.ts
/**
 * A restore drill's phases on a time line (gantt): each phase the verify report measures, laid end to end (the
 * untimed steps between them, such as finding the connection, are left out), and where the drill stopped when it
 * did. Pure.
 */


function drillDiagram(facts) {
    const chart = new mermaid/* Gantt */.NI('Restore drill phases, end to end (axis in minutes and seconds)').section('drill');
    let at = 0;
    const draw = ([name, ms]) => {
        chart.task(`${name} (${(0,duration/* formatDuration */.a3)(ms)})`, at, at + ms, 'done');
        at += ms;
    };
    facts.phases.filter(([name]) => name !== facts.cleanup).forEach(draw);
    if (facts.stopped)
        chart.task(`${facts.stopped} stopped here`, at, at, 'crit');
    facts.phases.filter(([name]) => name === facts.cleanup).forEach(draw);
    return { title: 'the drill phases', source: chart.toString() };
}

// EXTERNAL MODULE: ./src/point.ts
var point = __webpack_require__(9525);
// EXTERNAL MODULE: ./src/summary.ts
var src_summary = __webpack_require__(8855);
// EXTERNAL MODULE: ./src/throwaway.ts
var throwaway = __webpack_require__(4889);
// EXTERNAL MODULE: ./src/operations/common.ts
var common = __webpack_require__(9425);
// EXTERNAL MODULE: ./src/operations/branch-connection.ts
var branch_connection = __webpack_require__(9445);
// EXTERNAL MODULE: ./src/operations/lineage.ts
var lineage = __webpack_require__(555);
;// CONCATENATED MODULE: ./src/operations/verify.ts
/**
 * verify: a restore drill. Makes a throwaway branch of `branch` at `at` (or restores a snapshot into one),
 * runs the checks on it, times each phase, and deletes the branch whatever happened. A failing check fails
 * the step. The drill branch is a throwaway branch (src/throwaway.ts): named with the run, swept by the post
 * step when the run is killed, and expiring on its own when no post step runs.
 */








function throwaways(gateway, context) {
    return new throwaway/* Throwaways */.Gd(gateway, context, 'verify');
}
async function plan(settings, gateway, context) {
    const source = await (0,common/* resolveBranch */.pd)(gateway, settings.branch);
    const checks = settings.checksFile ? await (0,drill_checks/* readChecksFile */.KV)(settings.checksFile) : settings.checks;
    const snapshot = settings.snapshot ? await (0,common/* resolveSnapshot */.Vh)(gateway, settings.snapshot) : undefined;
    const at = snapshot ? undefined : await (0,lineage/* locatePoint */.Lq)(gateway, source, settings.at, 'at', settings.history);
    if (at)
        await (0,common/* checkPoint */.NX)(gateway, at.branch, settings.at, 'at', context);
    const drillName = throwaways(gateway, context).name(Date.now().toString(36));
    const useMs = throwaway/* SETUP_MS */.Tc + (checks.length + 1) * settings.checkTimeoutMs;
    return { settings, source, at, snapshot, checks, drillName, useMs };
}
/** What the drill restores, in words. */
function origin(plan) {
    return plan.snapshot
        ? `snapshot ${plan.snapshot.name} (${plan.snapshot.id})`
        : `${plan.source.name} at ${(0,point/* describePoint */.yR)(plan.settings.at)}`;
}
function describe(plan) {
    const from = origin(plan);
    const summary = new src_summary/* Summary */.BD()
        .heading(`Dry run: restore drill of ${from}`)
        .paragraph(`Nothing was changed. This step would restore ${from} into ${plan.drillName}, run these checks, then delete it.`)
        .paragraph(plan.at?.note)
        .code(plan.checks.join('\n'), 'sql');
    return { outputs: {}, summary };
}
async function drill(plan, result, branches, gateway, context) {
    const { settings, snapshot } = plan;
    const started = Date.now();
    const point = (0,common/* pointFields */.sj)(settings.at);
    result.drill = await (0,drill_checks/* phase */.Oi)(result, 'Branch ready', () => snapshot
        ? branches.fromSnapshot(snapshot.id, { name: plan.drillName, useMs: plan.useMs })
        : branches.create({
            name: plan.drillName,
            parentId: (plan.at?.branch ?? plan.source).id,
            parentLsn: point.lsn,
            parentTimestamp: point.timestamp,
            endpoint: 'read_write',
            useMs: plan.useMs
        }));
    context.info(`Drill branch ${result.drill.name} is ready; running ${plan.checks.length} checks`);
    const connection = await (0,branch_connection/* connectionTo */.mQ)(result.drill, settings, gateway, context, 'verify');
    await (0,drill_checks/* phase */.Oi)(result, 'First query', async () => {
        const first = await (0,drill_checks/* runDrillCheck */.NK)(connection.uri, 'SELECT true', settings.checkTimeoutMs);
        if (!first.passed)
            throw new Error(`the restored branch did not answer a first query: ${first.detail}`);
    });
    await (0,drill_checks/* phase */.Oi)(result, 'Checks', async () => {
        for (const sql of plan.checks)
            result.reports.push(await (0,drill_checks/* runDrillCheck */.NK)(connection.uri, sql, settings.checkTimeoutMs));
    });
    result.recoveryMs = Date.now() - started;
}
async function execute(plan, gateway, context) {
    const result = { phases: [], reports: [] };
    const branches = throwaways(gateway, context);
    await drill(plan, result, branches, gateway, context).catch((error) => {
        // A failure outside a timed phase (finding the drill's connection) stops the drill after its last phase.
        result.stopped ??= { phase: result.phases.length > 0 ? 'First query' : 'Branch ready', error };
    });
    const made = result.drill;
    if (made) {
        await (0,drill_checks/* phase */.Oi)(result, 'Drill branch deleted', () => branches.delete(made)).catch((error) => {
            result.cleanupError = error;
            context.warning(`Could not delete ${made.name} (the post step tries again): ${error.message}`);
        });
    }
    return result;
}
function report(plan, result) {
    const from = origin(plan);
    const failed = result.reports.filter((check) => !check.passed);
    const failure = (0,drill_checks/* drillFailure */.s3)(result, plan.checks.length, from);
    const passed = failure === undefined;
    const { drill: made } = result;
    const into = made
        ? `${made.name} (${made.id}), ${result.cleanupError ? 'NOT deleted: the post step tries again' : 'deleted afterwards'}`
        : `${plan.drillName}: never made`;
    const summary = new src_summary/* Summary */.BD().heading(`Restore drill of ${from}: ${passed ? 'passed' : 'FAILED'}`).keyValues([
        ['Restored', made ? from : undefined],
        ['Into', into],
        [
            'Recovery time',
            result.recoveryMs === undefined ? undefined : `${result.recoveryMs} ms (branch ready, first query and checks)`
        ],
        [
            'Checks',
            result.reports.length > 0
                ? `${result.reports.length - failed.length} of ${plan.checks.length} passed`
                : `none run (of ${plan.checks.length})`
        ]
    ]);
    summary.paragraph(plan.at?.note);
    if (result.stopped)
        summary.paragraph(`The drill stopped at "${result.stopped.phase}": ${result.stopped.error.message}`);
    if (result.phases.length > 0)
        summary.table(['phase', 'took'], result.phases.map(([name, ms]) => [name, `${ms} ms`]));
    if (result.phases.length > 0)
        summary.diagram(drillDiagram({ phases: result.phases, stopped: result.stopped?.phase, cleanup: 'Drill branch deleted' }));
    if (result.reports.length > 0) {
        summary.table(['check', 'result', 'took'], (0,drill_checks/* checkRows */.Uu)(result.reports));
    }
    const outputs = { passed: String(passed) };
    if (result.recoveryMs !== undefined)
        outputs['duration-ms'] = String(result.recoveryMs);
    return { outputs, summary, failed: failure };
}
/** The drill branch is a throwaway branch. */
const makesThrowaways = true;


/***/ })

};
