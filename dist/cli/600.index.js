export const id = 600;
export const ids = [600];
export const modules = {

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

/***/ 9425:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dh: () => (/* binding */ undoStep),
/* harmony export */   Fe: () => (/* binding */ nameFor),
/* harmony export */   GL: () => (/* binding */ workflowStep),
/* harmony export */   NX: () => (/* binding */ checkPoint),
/* harmony export */   T2: () => (/* binding */ restoreStep),
/* harmony export */   Vh: () => (/* binding */ resolveSnapshot),
/* harmony export */   gX: () => (/* binding */ neonTime),
/* harmony export */   pd: () => (/* binding */ resolveBranch),
/* harmony export */   sj: () => (/* binding */ pointFields)
/* harmony export */ });
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6264);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8664);
/* harmony import */ var _lsn_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2326);
/* harmony import */ var _point_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9525);
/* harmony import */ var _template_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5237);
/* harmony import */ var _explain_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8849);
/** Look-ups of what inputs name, and wording, shared by the operations. */






/** The branch an input names (`branch` unless said), or the project's default branch when it names none. */
async function resolveBranch(gateway, nameOrId, input = 'branch') {
    try {
        return await (nameOrId ? gateway.branches.find(nameOrId) : gateway.branches.getDefault());
    }
    catch (error) {
        throw (0,_explain_js__WEBPACK_IMPORTED_MODULE_3__/* .explainLookup */ .GX)(error, input);
    }
}
/** The snapshot a `source: snapshot:<id or name>` names. */
async function resolveSnapshot(gateway, idOrName) {
    try {
        return await gateway.snapshots.find(idOrName);
    }
    catch (error) {
        throw (0,_explain_js__WEBPACK_IMPORTED_MODULE_3__/* .explainLookup */ .GX)(error, 'source');
    }
}
function nameFor(template, branch, operation, context) {
    return (0,_template_js__WEBPACK_IMPORTED_MODULE_2__/* .renderTemplate */ .Xm)(template, {
        branch: branch.name,
        operation,
        runId: context.runId,
        runAttempt: context.runAttempt,
        sha: context.sha,
        now: context.now
    });
}
/** The API's fields for a point on a parent or source branch; head is the absence of both. */
function pointFields(point) {
    if (point.kind === 'lsn')
        return { lsn: point.lsn };
    if (point.kind === 'timestamp')
        return { timestamp: point.timestamp };
    return {};
}
/**
 * Refuses a point Neon would refuse, before anything is changed: a time before the project's history window,
 * or an LSN past the head of `branch` (read on its compute; skipped when it has none or cannot be reached).
 * `input` is the input the point came from, for the message.
 */
async function checkPoint(gateway, branch, point, input, context) {
    if (point.kind === 'timestamp') {
        const project = await gateway.project.get();
        const windowStart = context.now.getTime() - project.history_retention_seconds * 1000;
        if (Date.parse(point.timestamp) < windowStart) {
            throw new Error(`${input}: ${point.timestamp} is before the history Neon keeps for project ${gateway.projectId} ` +
                `(it starts at ${(0,_format_js__WEBPACK_IMPORTED_MODULE_4__/* .formatTime */ .fU)(windowStart)}); choose a later point`);
        }
    }
    if (point.kind !== 'lsn')
        return;
    const endpoint = (await gateway.connections.listEndpoints(branch.id)).find((candidate) => candidate.type === 'read_write');
    const [database] = await gateway.connections.listDatabases(branch.id);
    if (!endpoint || !database)
        return;
    let head;
    try {
        const uri = await gateway.connections.getUri({
            branchId: branch.id,
            database: database.name,
            role: database.owner_name
        });
        context.mask(uri);
        // Loaded here, not on import: snapshot, restore and prune reach Postgres only for an LSN point.
        const { headLsn } = await Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(517)]).then(__webpack_require__.bind(__webpack_require__, 9517));
        head = await headLsn(uri);
    }
    catch (error) {
        context.info(`Could not read the head LSN of ${branch.name} (${error.message}); Neon checks the point`);
        return;
    }
    if ((0,_lsn_js__WEBPACK_IMPORTED_MODULE_5__/* .parseLsn */ .l2)(point.lsn) > head) {
        throw new Error(`${input}: ${(0,_point_js__WEBPACK_IMPORTED_MODULE_1__/* .describePoint */ .yR)(point)} is past the head of ${branch.name} (${(0,_lsn_js__WEBPACK_IMPORTED_MODULE_5__/* .formatLsn */ .rI)(head)}); ` +
            'use an LSN at or before it, or head');
    }
}
/** Neon's times in the action's format; undefined stays undefined. */
function neonTime(time) {
    return time ? (0,_format_js__WEBPACK_IMPORTED_MODULE_4__/* .formatTime */ .fU)(Date.parse(time)) : undefined;
}
/**
 * A ready-to-paste workflow step running `operation` with `inputs`, plus every input of this step (`carried`)
 * that the pasted operation reads and that differs from its default: pasted against the emulator or a proxy,
 * the step must reach the same API host, database and role as this one.
 */
function workflowStep(options) {
    const { carried, operation } = options;
    const lines = [
        `- uses: ${options.actionRef}`,
        '  with:',
        `    operation: ${operation}`,
        '    api-key: ${{ secrets.NEON_API_KEY }}',
        `    project-id: ${options.projectId}`
    ];
    const carriedInputs = [
        ['api-host', carried.apiHost],
        ['database', carried.database],
        ['role', carried.role]
    ];
    for (const [name, value] of [...carriedInputs, ...options.inputs]) {
        if (value === undefined || value === '' || value === _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .INPUTS */ .mc[name].default)
            continue;
        if (!(0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .readsInput */ .si)(operation, name))
            continue;
        lines.push(`    ${name}: ${value}`);
    }
    return lines.join('\n');
}
/** A ready-to-paste step that restores `branch` from `source`, with confirm where the branch needs it. */
function restoreStep(options) {
    const needsConfirm = options.branch.default || options.branch.protected;
    return workflowStep({
        ...options,
        operation: 'restore',
        inputs: [
            ['branch', options.branch.name],
            ['source', options.source],
            ['confirm', needsConfirm ? options.branch.name : undefined]
        ]
    });
}
/**
 * A ready-to-paste step that undoes the change between `good` and `bad` (bisect's last good and first bad LSNs) in
 * `tables` of `branch`, keeping later writes: recover with mode: undo.
 */
function undoStep(options) {
    return workflowStep({
        ...options,
        operation: 'recover',
        inputs: [
            ['branch', options.branch.name],
            ['mode', 'undo'],
            ['good', options.good],
            ['bad', options.bad],
            ['tables', options.tables]
        ]
    });
}


/***/ }),

/***/ 3600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   chooseDeleted: () => (/* binding */ chooseDeleted),
/* harmony export */   describe: () => (/* binding */ describe),
/* harmony export */   execute: () => (/* binding */ execute),
/* harmony export */   plan: () => (/* binding */ plan),
/* harmony export */   report: () => (/* binding */ report)
/* harmony export */ });
/* harmony import */ var _neon_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3886);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8855);
/* harmony import */ var _branch_connection_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9445);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9425);
/* harmony import */ var _explain_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8849);





const isDeleted = (branch) => branch.recovery !== undefined;
/**
 * The deleted branch `asked` names among `branches` (live and deleted, as `include_deleted=true` lists them),
 * and the older deletions of its name; refuses with the fix what cannot be brought back. Pure, for unit tests.
 */
function chooseDeleted(branches, asked, now, projectId) {
    const deleted = branches.filter(isDeleted).filter((branch) => Date.parse(branch.recovery.recoverable_until) > now);
    const byId = deleted.find((branch) => branch.id === asked);
    const byName = deleted
        .filter((branch) => branch.name === asked)
        .sort((a, b) => Date.parse(b.recovery.deleted_at) - Date.parse(a.recovery.deleted_at));
    if (byId && byName.length > 0)
        throw (0,_explain_js__WEBPACK_IMPORTED_MODULE_2__/* .explainLookup */ .GX)(new _neon_index_js__WEBPACK_IMPORTED_MODULE_0__/* .AmbiguousError */ .zQ('branch', asked, byName, byId), 'branch');
    const [branch, ...others] = byId ? [byId] : byName;
    if (!branch)
        throw new Error(notDeleted(branches, asked, projectId));
    // Docs unclear on whether Neon recovers a branch whose name a live branch has taken meanwhile (it refuses a
    // second branch of one name with 409 on create): refused here, before anything changes.
    const live = branches.find((candidate) => !isDeleted(candidate) && candidate.name === branch.name);
    if (live) {
        throw new Error(`branch: a branch named "${branch.name}" exists (${live.id}), so the deleted ${branch.id} cannot come back ` +
            'under its name; rename or delete the live one first, then run undelete again');
    }
    return { branch, others };
}
function notDeleted(branches, asked, projectId) {
    const live = branches.find((branch) => !isDeleted(branch) && (branch.id === asked || branch.name === asked));
    if (live)
        return `branch: "${asked}" is not deleted (it is the live branch ${live.name}, ${live.id}): nothing to undelete`;
    return (`branch: no deleted branch named or with id "${asked}" can be recovered in project ${projectId}. Neon keeps a ` +
        'deleted branch for 7 days; one deleted longer ago, or deleted with hard_delete (as this action deletes its ' +
        'throwaway branches), is gone for good. Check the name, or list what can come back with ' +
        `GET /projects/${projectId}/branches?include_deleted=true`);
}
async function plan(settings, gateway, context) {
    let branches;
    try {
        branches = await gateway.branches.listIncludingDeleted();
    }
    catch (error) {
        if (!(error instanceof _neon_index_js__WEBPACK_IMPORTED_MODULE_0__/* .BranchRecoveryUnavailableError */ .S9))
            throw error;
        throw new Error(`operation: undelete needs Neon's branch recovery, a preview that is not enabled for project ` +
            `${gateway.projectId} (Neon refused include_deleted: ${error.request.status} ${error.request.detail}); ` +
            'without it a deleted branch is gone for good: recreate it from its parent at a point before the deletion', { cause: error });
    }
    return { settings, ...chooseDeleted(branches, settings.branch, context.now.getTime(), gateway.projectId) };
}
function facts(plan) {
    const { branch } = plan;
    return [
        ['Branch', `${branch.name} (${branch.id})`],
        ['Parent', branch.parent_id],
        // Spec, BranchRecoveryInfo.deletion_method: 'user' for manual deletion, 'ttl' for TTL expiration.
        [
            'Deleted',
            `${(0,_common_js__WEBPACK_IMPORTED_MODULE_1__/* .neonTime */ .gX)(branch.recovery.deleted_at)}${branch.recovery.deletion_method === 'ttl' ? ' (it expired)' : ''}`
        ],
        ['Recoverable until', (0,_common_js__WEBPACK_IMPORTED_MODULE_1__/* .neonTime */ .gX)(branch.recovery.recoverable_until)]
    ];
}
function othersNote(plan) {
    if (plan.others.length === 0)
        return undefined;
    const list = plan.others.map((other) => `${other.id} (deleted ${(0,_common_js__WEBPACK_IMPORTED_MODULE_1__/* .neonTime */ .gX)(other.recovery.deleted_at)})`);
    return (`${plan.others.length} older deletion${plan.others.length === 1 ? '' : 's'} of ${plan.branch.name} can still be ` +
        `recovered: ${list.join(', ')}. This brings back the newest; give an id as branch for another.`);
}
/** Neon's rule for a recovered branch with an expiry (spec, recoverProjectBranch). */
function expiryNote(plan) {
    const { branch } = plan;
    return branch.expires_at
        ? `It was set to expire at ${(0,_common_js__WEBPACK_IMPORTED_MODULE_1__/* .neonTime */ .gX)(branch.expires_at)}; Neon brings it back without an expiry.`
        : undefined;
}
function describe(plan) {
    const summary = new _summary_js__WEBPACK_IMPORTED_MODULE_3__/* .Summary */ .BD()
        .heading(`Dry run: Undelete of ${plan.branch.name}`)
        .paragraph(`Nothing was changed. This step would bring back ${plan.branch.name} (${plan.branch.id}) with its endpoints.`)
        .paragraph(othersNote(plan))
        .paragraph(expiryNote(plan))
        .keyValues(facts(plan));
    return { outputs: {}, summary };
}
async function execute(plan, gateway, context) {
    const { branch, endpoints } = await gateway.branches.recover(plan.branch.id);
    context.info(`Recovered branch ${branch.name} (${branch.id}) with ${endpoints.length} endpoints`);
    if (endpoints.length === 0)
        return { branch, endpoints };
    const { database, role } = (0,_branch_connection_js__WEBPACK_IMPORTED_MODULE_4__/* .chooseConnection */ .OO)(await gateway.connections.listDatabases(branch.id), await gateway.connections.listRoles(branch.id), plan.settings);
    const uri = await gateway.connections.getUri({ branchId: branch.id, database, role });
    context.mask(uri);
    return { branch, endpoints, connection: { label: `${database} as ${role}`, uri } };
}
function report(plan, result) {
    const { branch, endpoints, connection } = result;
    const outputs = { 'branch-id': branch.id, 'branch-name': branch.name };
    if (connection)
        outputs['connection-uri'] = connection.uri;
    const computes = endpoints.map((endpoint) => `${endpoint.id} (${endpoint.type})`).join(', ');
    const summary = new _summary_js__WEBPACK_IMPORTED_MODULE_3__/* .Summary */ .BD()
        .heading(`Undelete of ${branch.name}`)
        // Spec, recoverProjectBranch: "Recovery restores the branch and its endpoints to an idle state. Connection
        // strings remain valid after recovery."
        .paragraph(`Recovered ${branch.name} (${branch.id}). ` +
        (endpoints.length > 0
            ? 'Its endpoints are back idle and start on the first connection; their connection strings are unchanged.'
            : 'It has no endpoint: add one to connect.'))
        .paragraph(othersNote(plan))
        .paragraph(expiryNote(plan))
        .keyValues([...facts(plan), ['Endpoints', computes || 'none'], ['Database', connection?.label]]);
    return { outputs, summary };
}


/***/ })

};
