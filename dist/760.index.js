export const id = 760;
export const ids = [760];
export const modules = {

/***/ 8399:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ lineageDiagram)
/* harmony export */ });
/* harmony import */ var _mermaid_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4761);
/**
 * The lineage around a restore or a snapshot as a small flowchart: which branch the point was read on, at which
 * point, what was made from it, and where the overwritten state was kept. Pure: names and points come in.
 *
 * The spec (restoreProjectBranch, `preserve_under_name`): "the previous state of the branch will be saved to a
 * branch with this name". That this backup becomes the restored branch's parent in a restore to its own past is
 * the reading src/lineage.ts documents and the emulator models (emulator/api/controlplane.ts restoreBranch); the
 * Neon docs found do not say it in those words. So the backup is drawn as the parent there; otherwise the backup
 * is the old timeline kept beside it: a dotted "previous state kept as" edge.
 */

function lineageDiagram(facts) {
    const chart = new _mermaid_js__WEBPACK_IMPORTED_MODULE_0__/* .Flowchart */ .Tg('TD');
    const ids = (it) => (it.id ? [it.name, `(${it.id})`] : [it.name]);
    const backup = facts.backup;
    const fromLines = facts.from.snapshot ? [`snapshot ${facts.from.name}`, ...ids(facts.from).slice(1)] : ids(facts.from);
    const from = chart.node(backup?.isSource ? [`backup ${backup.name}`, ...ids(backup).slice(1)] : fromLines, 'round');
    if (facts.named)
        chart.edge(chart.node([facts.named], 'round'), from, 'before its last restore, held by', 'dotted');
    const made = chart.node([`${facts.made.what} ${facts.made.name}`, ...ids(facts.made).slice(1)]);
    chart.edge(from, made, facts.point ? `at ${facts.point}` : undefined);
    if (backup && !backup.isSource) {
        chart.edge(made, chart.node([`backup ${backup.name}`, ...ids(backup).slice(1)], 'round'), 'previous state kept as', 'dotted');
    }
    return { title: `lineage of ${facts.made.name}`, source: chart.toString() };
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

/***/ 3760:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   describe: () => (/* binding */ describe),
/* harmony export */   execute: () => (/* binding */ execute),
/* harmony export */   plan: () => (/* binding */ plan),
/* harmony export */   report: () => (/* binding */ report)
/* harmony export */ });
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7607);
/* harmony import */ var _diagrams_lineage_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8399);
/* harmony import */ var _point_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9525);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9786);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(8855);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6264);
/* harmony import */ var _branch_connection_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9445);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9425);
/* harmony import */ var _lineage_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(555);
/**
 * snapshot: a branch (or, with kind: snapshot, a Neon snapshot) of `branch` at `at`. Running the same step
 * again in the same workflow run finds the snapshot it made, by its name, instead of making a second.
 */









async function plan(settings, gateway, context) {
    const source = await (0,_common_js__WEBPACK_IMPORTED_MODULE_3__/* .resolveBranch */ .pd)(gateway, settings.branch);
    const at = await (0,_lineage_js__WEBPACK_IMPORTED_MODULE_4__/* .locatePoint */ .Lq)(gateway, source, settings.at, 'at', settings.history);
    await (0,_common_js__WEBPACK_IMPORTED_MODULE_3__/* .checkPoint */ .NX)(gateway, at.branch, settings.at, 'at', context);
    // The branch gets the source's databases and roles: a wrong database or role fails here, before creating it.
    if (settings.kind === 'branch') {
        (0,_branch_connection_js__WEBPACK_IMPORTED_MODULE_5__/* .chooseConnection */ .OO)(await gateway.connections.listDatabases(source.id), await gateway.connections.listRoles(source.id), settings);
    }
    const name = (0,_common_js__WEBPACK_IMPORTED_MODULE_3__/* .nameFor */ .Fe)(settings.name, source, 'snapshot', context);
    const expiresAt = settings.expiresInMs === undefined ? undefined : (0,_format_js__WEBPACK_IMPORTED_MODULE_6__/* .expiryTime */ .TK)(context.now, settings.expiresInMs);
    // Reusing a snapshot of an earlier run would silently restore old data later: reuse only what this run made.
    const taken = `name: "${name}" already exists and was not made by this workflow run; use a name template with {run_id}`;
    if (settings.kind === 'snapshot') {
        const snapshot = (await gateway.snapshots.list()).find((candidate) => candidate.name === name);
        if (snapshot && !settings.name.includes('{run_id}'))
            throw new Error(taken);
        return { settings, source, at, name, expiresAt, existing: snapshot && { snapshotId: snapshot.id } };
    }
    const branch = await gateway.branches.findByName(name);
    if (branch && (await gateway.branches.annotation(branch.id))[_run_js__WEBPACK_IMPORTED_MODULE_7__/* .RUN_ANNOTATION */ .c] !== context.runId)
        throw new Error(taken);
    return { settings, source, at, name, expiresAt, existing: branch && { branch } };
}
function facts(plan) {
    const { settings, source } = plan;
    return [
        ['Kind', settings.kind === 'snapshot' ? 'Neon snapshot' : 'branch'],
        ['Name', plan.name],
        ['Of', `${source.name} (${source.id}) at ${(0,_point_js__WEBPACK_IMPORTED_MODULE_2__/* .describePoint */ .yR)(settings.at)}`],
        ['Read on', plan.at.note && `${plan.at.branch.name} (${plan.at.branch.id})`],
        ['Expires', plan.expiresAt],
        ['Protected', settings.protected ? 'yes' : undefined]
    ];
}
function describe(plan) {
    const action = plan.existing ? 'would reuse the existing' : 'would create a new';
    const summary = new _summary_js__WEBPACK_IMPORTED_MODULE_8__/* .Summary */ .BD()
        .heading(`Dry run: Snapshot of ${plan.source.name}`)
        .paragraph(`Nothing was changed. This step ${action} ${plan.settings.kind} ${plan.name}.`)
        .paragraph(plan.at.note)
        .keyValues(facts(plan));
    return { outputs: {}, summary };
}
async function execute(plan, gateway, context) {
    const started = Date.now();
    const result = plan.settings.kind === 'snapshot' ? await takeSnapshot(plan, gateway) : await takeBranch(plan, gateway, context);
    context.info(`${plan.existing ? 'Reused' : 'Created'} ${plan.settings.kind} ${plan.name}`);
    return { ...result, ms: Date.now() - started };
}
async function takeSnapshot(plan, gateway) {
    const { settings, name } = plan;
    const snapshot = plan.existing?.snapshotId !== undefined
        ? (await gateway.snapshots.list()).find((candidate) => candidate.id === plan.existing.snapshotId)
        : await gateway.snapshots.create(plan.at.branch.id, {
            name,
            ...(0,_common_js__WEBPACK_IMPORTED_MODULE_3__/* .pointFields */ .sj)(settings.at),
            expiresAt: plan.expiresAt
        });
    const outputs = {
        'snapshot-id': snapshot.id,
        lsn: snapshot.lsn ?? '',
        timestamp: (0,_common_js__WEBPACK_IMPORTED_MODULE_3__/* .neonTime */ .gX)(snapshot.timestamp ?? snapshot.created_at) ?? ''
    };
    return { outputs };
}
async function takeBranch(plan, gateway, context) {
    const branch = plan.existing?.branch ?? (await createSnapshotBranch(plan, gateway, context));
    const { database, role } = (0,_branch_connection_js__WEBPACK_IMPORTED_MODULE_5__/* .chooseConnection */ .OO)(await gateway.connections.listDatabases(branch.id), await gateway.connections.listRoles(branch.id), plan.settings);
    const uri = await gateway.connections.getUri({ branchId: branch.id, database, role });
    context.mask(uri);
    const outputs = {
        'branch-id': branch.id,
        'branch-name': branch.name,
        lsn: branch.parent_lsn ?? '',
        timestamp: (0,_common_js__WEBPACK_IMPORTED_MODULE_3__/* .neonTime */ .gX)(branch.parent_timestamp ?? branch.created_at) ?? '',
        'connection-uri': uri
    };
    return { outputs, branch: { id: branch.id, connection: `${database} as ${role}` } };
}
function report(plan, result, context) {
    const { settings, source, name } = plan;
    const { outputs } = result;
    const made = result.branch
        ? facts(plan).concat([
            ['Branch id', result.branch.id],
            ['Database', result.branch.connection]
        ])
        : facts(plan);
    const summary = new _summary_js__WEBPACK_IMPORTED_MODULE_8__/* .Summary */ .BD()
        .heading(`Snapshot of ${source.name}`)
        .paragraph(plan.existing ? `Reused ${name}, made earlier in this workflow run.` : `Created ${name}.`)
        .paragraph(plan.at.note)
        .keyValues([...made, ['LSN', outputs.lsn], ['Time', outputs.timestamp], ['Took', (0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(result.ms)]])
        .diagram((0,_diagrams_lineage_js__WEBPACK_IMPORTED_MODULE_1__/* .lineageDiagram */ .F)({
        from: { name: plan.at.branch.name, id: plan.at.branch.id },
        named: plan.at.note && source.name,
        point: outputs.lsn ? `LSN ${outputs.lsn}` : (0,_point_js__WEBPACK_IMPORTED_MODULE_2__/* .describePoint */ .yR)(settings.at),
        made: { name, id: result.branch?.id ?? outputs['snapshot-id'], what: settings.kind }
    }))
        .heading(`To restore ${source.name} to this snapshot`, 3)
        .code((0,_common_js__WEBPACK_IMPORTED_MODULE_3__/* .restoreStep */ .T2)({
        actionRef: context.actionRef,
        projectId: settings.projectId,
        carried: settings,
        branch: source,
        source: settings.kind === 'snapshot' ? `snapshot:${name}` : name
    }), 'yaml');
    return { outputs, summary };
}
async function createSnapshotBranch(plan, gateway, context) {
    const point = (0,_common_js__WEBPACK_IMPORTED_MODULE_3__/* .pointFields */ .sj)(plan.settings.at);
    const created = await gateway.branches.create({
        name: plan.name,
        parentId: plan.at.branch.id,
        parentLsn: point.lsn,
        parentTimestamp: point.timestamp,
        protected: plan.settings.protected || undefined,
        expiresAt: plan.expiresAt,
        endpoint: 'read_write',
        annotations: { [_run_js__WEBPACK_IMPORTED_MODULE_7__/* .RUN_ANNOTATION */ .c]: context.runId }
    });
    return created.branch;
}


/***/ })

};
