export const id = 37;
export const ids = [37,238];
export const modules = {

/***/ 5010:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AL: () => (/* binding */ LineageError),
/* harmony export */   Zk: () => (/* binding */ sameIncarnation),
/* harmony export */   bQ: () => (/* binding */ lineageOf),
/* harmony export */   nY: () => (/* binding */ backupPrefix),
/* harmony export */   pi: () => (/* binding */ backupsOf),
/* harmony export */   x5: () => (/* binding */ locate)
/* harmony export */ });
/* unused harmony export BACKUP_MATCH_MS */
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6264);
/* harmony import */ var _lsn_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2326);
/* harmony import */ var _point_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9525);
/**
 * A branch's own past after restores: which branch holds what `main` held at a point. Pure: the branches come in.
 *
 * A restore moves the branch's name, id and computes onto a new timeline whose parent is the source (the
 * preserved backup for a restore to its own past; the other branch otherwise), and Neon reads a point on that
 * timeline only from its start: an LSN before it is refused, a time before it reads the start (the
 * pageserver's find_lsn_for_timestamp never answers below the ancestor LSN; emulator/dataplane/index.ts cites
 * both). So what the branch held before its last restore is on the branch that restore preserved: its parent
 * after a restore to its own past, a separate branch otherwise. Neither a restore's backup nor any branch's
 * annotation can be set or changed to say so, so a backup is recognised by the name Neon's console and this
 * action give it, `{branch}_old_{timestamp}`, made when the restore ran (or named by the `history` input).
 *
 * Neon keeps only the last restore's time (`last_reset_at`): an older restore is known from its backup alone,
 * so one whose backup was deleted or renamed leaves a gap this cannot see (the docs say nothing more).
 */



/** A backup is made by the restore itself: its creation time is within this of the restore's. */
const BACKUP_MATCH_MS = 5 * 60_000;
function backupPrefix(branchName) {
    return `${branchName}_old_`;
}
/** The backups the action's restores of `branch` made, among `branches` (the branch itself never counts). */
function backupsOf(branch, branches) {
    return branches.filter((candidate) => candidate.id !== branch.id && candidate.name.startsWith(backupPrefix(branch.name)));
}
/** The lineage of `branch` among `branches` (the project's), with `history` as the last restore's backup. */
function lineageOf(branch, branches, history) {
    const current = { branch, start: startOf(branch) };
    if (!branch.last_reset_at)
        return { incarnations: [current] };
    const at = Date.parse(branch.last_reset_at);
    current.since = at;
    const named = backupsOf(branch, branches).sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
    const latest = history ?? closestTo(at, named);
    const source = branches.find((candidate) => candidate.id === branch.parent_id);
    const restore = {
        at,
        // Neon prints times to the second: the restore ran somewhere in the second after `at`.
        precisionMs: /\.\d+/.test(branch.last_reset_at) ? 1 : 1000,
        source: latest && latest.id === branch.parent_id ? 'its own past' : (source?.name ?? branch.parent_id ?? '?'),
        ownPast: latest !== undefined && latest.id === branch.parent_id
    };
    if (!latest)
        return { incarnations: [current], restore, missing: { candidates: named } };
    const older = named.filter((candidate) => candidate.id !== latest.id && Date.parse(candidate.created_at) < at);
    const backups = [latest, ...older].map((backup, index, all) => ({
        branch: backup,
        until: index === 0 ? at : Date.parse(backup.created_at),
        since: all[index + 1] ? Date.parse(all[index + 1].created_at) : undefined,
        start: startOf(backup)
    }));
    return { incarnations: [current, ...backups], restore };
}
function startOf(branch) {
    return branch.parent_id && branch.parent_lsn ? (0,_lsn_js__WEBPACK_IMPORTED_MODULE_1__/* .parseLsn */ .l2)(branch.parent_lsn) : 0n;
}
function closestTo(at, candidates) {
    const distance = (candidate) => Math.abs(Date.parse(candidate.created_at) - at);
    const near = candidates.filter((candidate) => distance(candidate) <= BACKUP_MATCH_MS);
    return near.sort((a, b) => distance(a) - distance(b))[0];
}
/** Why a point cannot be placed on the branch's lineage. The message says what to do instead. */
class LineageError extends Error {
    kind;
    constructor(kind, message) {
        super(message);
        this.kind = kind;
        this.name = 'LineageError';
    }
}
/**
 * The incarnation that held `point`. A point at or after the current start (every LSN the action itself
 * outputs) is the branch as it is; an earlier one is on the backup that held it, or refused.
 */
function locate(lineage, point) {
    const [current, ...past] = lineage.incarnations;
    const { restore } = lineage;
    if (!restore || point.kind === 'head')
        return { incarnation: current };
    const name = current.branch.name;
    if (point.kind === 'timestamp') {
        const time = Date.parse(point.timestamp);
        if (time >= restore.at + restore.precisionMs)
            return { incarnation: current };
        if (time >= restore.at) {
            throw new LineageError('ambiguous-time', `${(0,_point_js__WEBPACK_IMPORTED_MODULE_0__/* .describePoint */ .yR)(point)} is within the second ${name} was restored in (Neon gives that time to the ` +
                `second: ${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatTime */ .fU)(restore.at)}), so it may be before or after the restore; give a time at least a ` +
                'second earlier or later, or an LSN');
        }
        refuseMissing(lineage, name, point);
        const held = past.find((incarnation) => incarnation.since === undefined || incarnation.since <= time);
        return { incarnation: held, note: noteFor(name, restore, point, held) };
    }
    const lsn = (0,_lsn_js__WEBPACK_IMPORTED_MODULE_1__/* .parseLsn */ .l2)(point.lsn);
    if (lsn >= current.start)
        return { incarnation: current };
    refuseMissing(lineage, name, point);
    const holders = past.filter((incarnation) => incarnation.start <= lsn);
    if (holders.length === 0) {
        throw new LineageError('before-history', `${(0,_point_js__WEBPACK_IMPORTED_MODULE_0__/* .describePoint */ .yR)(point)} is before ${name}'s history (its oldest known start is LSN ` +
            `${(0,_lsn_js__WEBPACK_IMPORTED_MODULE_1__/* .formatLsn */ .rI)(past[past.length - 1].start)}); give a later point or a timestamp`);
    }
    if (holders.length > 1) {
        const names = holders.map((holder) => `${holder.branch.name} (from LSN ${(0,_lsn_js__WEBPACK_IMPORTED_MODULE_1__/* .formatLsn */ .rI)(holder.start)})`);
        throw new LineageError('ambiguous-lsn', `${(0,_point_js__WEBPACK_IMPORTED_MODULE_0__/* .describePoint */ .yR)(point)} is before ${name}'s start (LSN ${(0,_lsn_js__WEBPACK_IMPORTED_MODULE_1__/* .formatLsn */ .rI)(current.start)}) and LSNs repeat ` +
            `across restores: it could be on ${names.join(' or ')}; give a timestamp, or history: <branch> to say which`);
    }
    return { incarnation: holders[0], note: noteFor(name, restore, point, holders[0]) };
}
function refuseMissing(lineage, name, point) {
    if (!lineage.missing)
        return;
    const restore = lineage.restore;
    const seen = lineage.missing.candidates.map((candidate) => candidate.name);
    throw new LineageError('missing-backup', `${(0,_point_js__WEBPACK_IMPORTED_MODULE_0__/* .describePoint */ .yR)(point)} is before ${name} was restored at ${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatTime */ .fU)(restore.at)} (from ${restore.source}); ` +
        `what it held before is on the branch that restore preserved, and no ${backupPrefix(name)}* branch was made ` +
        `then${seen.length ? ` (seen: ${seen.join(', ')})` : ''}: set history: <that branch>, or give a point after the restore`);
}
function noteFor(name, restore, point, held) {
    return (`${name} was restored at ${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatTime */ .fU)(restore.at)} from ${restore.source}; its state at ${(0,_point_js__WEBPACK_IMPORTED_MODULE_0__/* .describePoint */ .yR)(point)} ` +
        `is on ${held.branch.name}: read there`);
}
/** Both bounds of a bisect on one timeline, or a refusal that says to bisect each side. */
function sameIncarnation(good, bad, name) {
    if (good.incarnation.branch.id === bad.incarnation.branch.id)
        return;
    throw new LineageError('across-restore', `good is on ${good.incarnation.branch.name} and bad on ${bad.incarnation.branch.name}: ${name} was restored ` +
        'between them, so there is no single LSN range to search; bisect each side (good to the restore on ' +
        `${good.incarnation.branch.name}, the restore to bad on ${bad.incarnation.branch.name})`);
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
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8422);
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

/***/ 8849:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GX: () => (/* binding */ explainLookup),
/* harmony export */   SP: () => (/* binding */ explainFailure),
/* harmony export */   V0: () => (/* binding */ restriction),
/* harmony export */   ax: () => (/* binding */ expiryCleared),
/* harmony export */   eo: () => (/* binding */ oldNameTaken)
/* harmony export */ });
/* harmony import */ var _neon_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(727);

/**
 * The error to report when looking up what `input` names failed: a branch or snapshot that is missing or
 * ambiguous gets the input's name and the fix; anything else is returned as it is.
 */
function explainLookup(error, input) {
    if (error instanceof _neon_index_js__WEBPACK_IMPORTED_MODULE_0__/* .AmbiguousError */ .zQ)
        return wrap(error, `${input}: ${ambiguity(error)}`);
    if (!(error instanceof _neon_index_js__WEBPACK_IMPORTED_MODULE_0__/* .NotFoundError */ .m_))
        return error;
    const { asked, projectId } = error;
    switch (error.kind) {
        case 'branch':
            return wrap(error, `${input}: "${asked}" was not found in project ${projectId} (check the name or id)`);
        case 'default branch':
            return wrap(error, `project ${projectId} has no default branch; set ${input}`);
        case 'snapshot':
            return wrap(error, `${input}: no snapshot "${asked}" in project ${projectId} (check the name or id after snapshot:)`);
        default:
            return error;
    }
}
function ambiguity({ kind, asked, matches, idMatch }) {
    const ids = matches.map((match) => match.id).join(', ');
    if (kind === 'snapshot')
        return `snapshot "${asked}" is ambiguous (${ids}); use snapshot:<id>`;
    if (idMatch) {
        const [other] = matches;
        return (`"${asked}" is the id of branch ${idMatch.name} and the name of branch ${other.id}; ` +
            `use the name ${idMatch.name} for the first, the id ${other.id} for the second`);
    }
    return `"${asked}" names ${matches.length} branches (${ids}); use the id instead`;
}
/**
 * The error to report for a failure that reached the operation's top: one that the project-id, the api-key
 * or the api-host explains names that input; a full branch limit offers prune. Anything else is as it is.
 */
function explainFailure(error) {
    if (error instanceof _neon_index_js__WEBPACK_IMPORTED_MODULE_0__/* .NotFoundError */ .m_ && error.kind === 'project') {
        return wrap(error, `project-id: project "${error.projectId}" was not found (check project-id, and that the api-key belongs to its organization)`);
    }
    if (error instanceof _neon_index_js__WEBPACK_IMPORTED_MODULE_0__/* .UnreachableError */ .Jk) {
        const { what, detail } = error.request;
        return wrap(error, `${what}: could not reach Neon${(0,_neon_index_js__WEBPACK_IMPORTED_MODULE_0__/* .tries */ .A0)(error.request)} (${detail}); check api-host`);
    }
    if (error instanceof _neon_index_js__WEBPACK_IMPORTED_MODULE_0__/* .UnauthorizedError */ .D_) {
        const { what } = error.request;
        return wrap(error, `${what}: Neon rejected the api-key (401): check that the secret holds a valid Neon API key`);
    }
    if (error instanceof _neon_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ForbiddenError */ .qQ) {
        const { what, projectId, detail } = error.request;
        return wrap(error, `${what}: the api-key may not do this in project ${projectId} (403: ${detail}); use a key of the project's organization`);
    }
    if (error instanceof _neon_index_js__WEBPACK_IMPORTED_MODULE_0__/* .BranchLimitError */ .Y2) {
        return wrap(error, `${error.message}, or run this action with operation: prune`);
    }
    return error;
}
/** A new message for a typed error, which stays reachable as the cause. */
function wrap(error, message) {
    return new Error(message, { cause: error });
}
/**
 * Why `action` may not run on `branch` now, when Neon lists it in the branch's `restricted_actions` (spec:
 * Branch.restricted_actions, with Neon's reason); undefined when it may. `input` names the branch's input.
 */
function restriction(input, branch, action) {
    const restricted = branch.restricted_actions?.find((candidate) => candidate.name === action);
    if (!restricted)
        return undefined;
    return (`${input}: Neon does not allow a ${action} of ${branch.name} right now: ${restricted.reason} ` +
        `(restricted_actions of ${branch.id}); run again once Neon lifts it`);
}
/** A snapshot restore of `target` would keep the replaced branch under `oldName`, which another branch holds. */
function oldNameTaken(input, target, oldName) {
    return (`${input}: a branch named "${oldName}" already exists, and Neon's snapshot restore renames the replaced ` +
        `${target.name} to that name; rename or delete "${oldName}" first`);
}
/** Why the source's expiry is cleared before a restore from it (said in the plan, the log and the summary). */
function expiryCleared(input, source) {
    return (`${input}: ${source.name} expires at ${source.expires_at}, and Neon lets no branch with an expiration time ` +
        'become a parent, as the source of a restore does; its expiry is cleared first, so it stays');
}


/***/ }),

/***/ 555:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cw: () => (/* binding */ listBackups),
/* harmony export */   Lq: () => (/* binding */ locatePoint),
/* harmony export */   uV: () => (/* binding */ locateBounds)
/* harmony export */ });
/* harmony import */ var _lineage_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5010);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9425);
/**
 * Points along a branch's lineage, for every operation that takes one (src/lineage.ts decides; this looks the
 * branches up and words refusals in terms of the input). A branch never restored costs no extra request.
 */


/** The branch that held `point` of `branch`; refuses, naming `input`, when that cannot be known for sure. */
async function locatePoint(gateway, branch, point, input, history) {
    const [located] = await locateOn(gateway, branch, [[point, input]], history);
    return pointOn(located);
}
/** Both bounds of a bisect, on the same timeline of `branch`, or a refusal saying to bisect each side. */
async function locateBounds(gateway, branch, bounds, history) {
    const [good, bad] = await locateOn(gateway, branch, [
        [bounds.good, 'good'],
        [bounds.bad, 'bad']
    ], history);
    try {
        (0,_lineage_js__WEBPACK_IMPORTED_MODULE_0__/* .sameIncarnation */ .Zk)(good, bad, branch.name);
    }
    catch (error) {
        throw error instanceof _lineage_js__WEBPACK_IMPORTED_MODULE_0__/* .LineageError */ .AL ? new Error(`good, bad: ${error.message}`, { cause: error }) : error;
    }
    return { good: pointOn(good), bad: pointOn(bad) };
}
async function locateOn(gateway, branch, points, history) {
    const historyBranch = history ? await (0,_common_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveBranch */ .pd)(gateway, history, 'history') : undefined;
    // Only a restored branch has a past elsewhere: the others need no look-up.
    const backups = branch.last_reset_at ? await listBackups(gateway, branch) : [];
    const lineage = (0,_lineage_js__WEBPACK_IMPORTED_MODULE_0__/* .lineageOf */ .bQ)(branch, [...backups, ...(await parentOf(gateway, branch, backups))], historyBranch);
    // Each point with the input it came from, for the refusal's wording.
    return points.map(([point, input]) => {
        try {
            return (0,_lineage_js__WEBPACK_IMPORTED_MODULE_0__/* .locate */ .x5)(lineage, point);
        }
        catch (error) {
            throw error instanceof _lineage_js__WEBPACK_IMPORTED_MODULE_0__/* .LineageError */ .AL ? new Error(`${input}: ${error.message}`, { cause: error }) : error;
        }
    });
}
/** The branch's parent (the restore's source or backup), for naming it; none for a branch never restored. */
async function parentOf(gateway, branch, known) {
    if (!branch.last_reset_at || !branch.parent_id || known.some((candidate) => candidate.id === branch.parent_id)) {
        return [];
    }
    try {
        return [await gateway.branches.get(branch.parent_id)];
    }
    catch {
        return []; // named by its id in the summary then
    }
}
function pointOn(located) {
    return { branch: located.incarnation.branch, note: located.note };
}
/** The `{branch}_old_*` backups of `branch` Neon lists (its search matches anywhere in the name: filtered here). */
async function listBackups(gateway, branch) {
    return (0,_lineage_js__WEBPACK_IMPORTED_MODULE_0__/* .backupsOf */ .pi)(branch, await gateway.branches.list({ search: (0,_lineage_js__WEBPACK_IMPORTED_MODULE_0__/* .backupPrefix */ .nY)(branch.name) }));
}


/***/ }),

/***/ 8857:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_RESULT_BYTES: () => (/* binding */ MAX_RESULT_BYTES),
/* harmony export */   MAX_ROWS: () => (/* binding */ MAX_ROWS),
/* harmony export */   addResult: () => (/* binding */ addResult),
/* harmony export */   describe: () => (/* binding */ describe),
/* harmony export */   execute: () => (/* binding */ execute),
/* harmony export */   plan: () => (/* binding */ plan),
/* harmony export */   queryOutputs: () => (/* binding */ queryOutputs),
/* harmony export */   report: () => (/* binding */ report),
/* harmony export */   resultJson: () => (/* binding */ resultJson),
/* harmony export */   rowsFact: () => (/* binding */ rowsFact),
/* harmony export */   runQuery: () => (/* binding */ runQuery)
/* harmony export */ });
/* harmony import */ var _lsn_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2326);
/* harmony import */ var _point_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9525);
/* harmony import */ var _postgres_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9517);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8855);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9425);
/* harmony import */ var _branch_connection_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9445);
/* harmony import */ var _lineage_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(555);







/** At most this many rows are read; `truncated` says when there were more. */
const MAX_ROWS = 1000;
/** The `result` output stays well under GitHub's 1 MiB limit for one step's outputs. */
const MAX_RESULT_BYTES = 256 * 1024;
/** Rows and cell lengths shown in the job summary. */
const SUMMARY_ROWS = 50;
const SUMMARY_CELL = 200;
const STATEMENT_TIMEOUT_MS = 5 * 60_000;
async function plan(settings, gateway, context) {
    const branch = await (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveBranch */ .pd)(gateway, settings.branch);
    const at = await (0,_lineage_js__WEBPACK_IMPORTED_MODULE_3__/* .locatePoint */ .Lq)(gateway, branch, settings.at, 'at', settings.history);
    await (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .checkPoint */ .NX)(gateway, at.branch, settings.at, 'at', context);
    const connection = await (0,_branch_connection_js__WEBPACK_IMPORTED_MODULE_4__/* .connectionTo */ .mQ)(branch, settings, gateway, context, 'query');
    const { uri, lsn } = await (0,_branch_connection_js__WEBPACK_IMPORTED_MODULE_4__/* .pointUri */ .Pl)(connection, settings.at, context, at.branch);
    return { settings, connection, at, uri, lsn: lsn === undefined ? undefined : (0,_lsn_js__WEBPACK_IMPORTED_MODULE_5__/* .formatLsn */ .rI)(lsn) };
}
/** A JSON value for any cell: bytea as `\x…` hex (as psql shows it), bigint as text. */
function jsonValue(_key, value) {
    if (typeof value === 'bigint')
        return value.toString();
    if (value && typeof value === 'object' && value.type === 'Buffer') {
        return '\\x' + Buffer.from(value.data).toString('hex');
    }
    return value;
}
/** Explains the database's refusal in terms of the `sql` input. */
function explain(error) {
    switch (error.code) {
        case '42601':
            if (/multiple commands/.test(error.message)) {
                return new Error('sql: give exactly one statement (query runs a single read-only statement, no ";" lists)');
            }
            return new Error(`sql: syntax error: ${error.message}`);
        case '25006':
            return new Error(`sql: the statement tries to write (${error.message}); query only reads the past`);
        case '57014':
            return new Error(`sql: cancelled after ${STATEMENT_TIMEOUT_MS / 60_000} minutes; narrow the query`);
        default:
            return new Error(`sql: ${error.message}${error.code ? ` (SQLSTATE ${error.code})` : ''}`);
    }
}
async function runQuery(uri, sql) {
    try {
        const read = await (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_1__/* .readQuery */ .xB)(uri, sql, { maxRows: MAX_ROWS, timeoutMs: STATEMENT_TIMEOUT_MS });
        const lsn = read.replayLsn === undefined ? undefined : (0,_lsn_js__WEBPACK_IMPORTED_MODULE_5__/* .formatLsn */ .rI)(read.replayLsn);
        return { columns: read.columns, rows: read.rows, truncated: read.truncated, lsn };
    }
    catch (error) {
        throw error instanceof _postgres_index_js__WEBPACK_IMPORTED_MODULE_1__/* .StatementError */ .Mp ? explain(error) : error;
    }
}
/** The rows as JSON, cut (whole rows) to fit the output limit. */
function resultJson(rows) {
    let kept = rows.length;
    let json = JSON.stringify(rows, jsonValue);
    while (Buffer.byteLength(json) > MAX_RESULT_BYTES && kept > 0) {
        kept = Math.floor(kept * 0.8);
        json = JSON.stringify(rows.slice(0, kept), jsonValue);
    }
    return { json, kept };
}
function cellText(value) {
    if (value === null || value === undefined)
        return 'NULL';
    const text = typeof value === 'string' ? value : JSON.stringify(value, jsonValue);
    return text.length > SUMMARY_CELL ? text.slice(0, SUMMARY_CELL) + '…' : text;
}
function describe(plan) {
    const summary = new _summary_js__WEBPACK_IMPORTED_MODULE_6__/* .Summary */ .BD()
        .heading(`Dry run: Query of ${plan.connection.branch.name} at ${(0,_point_js__WEBPACK_IMPORTED_MODULE_0__/* .describePoint */ .yR)(plan.settings.at)}`)
        .paragraph(plan.at.note)
        .paragraph('Nothing was run. This step would run:')
        .code(plan.settings.sql, 'sql');
    return { outputs: {}, summary };
}
async function execute(plan) {
    const started = Date.now();
    const result = await runQuery(plan.uri, plan.settings.sql);
    return { ...result, ms: Date.now() - started };
}
/** What query reports with either backend: the rows kept (cut to the output limit) and the outputs. */
function queryOutputs(result, lsn) {
    const { json, kept } = resultJson(result.rows);
    const truncated = result.truncated || kept < result.rows.length;
    return {
        kept,
        truncated,
        outputs: { result: json, rows: String(kept), truncated: String(truncated), lsn: lsn ?? '' }
    };
}
function rowsFact(kept, truncated) {
    return `${kept}${truncated ? ` (cut: more rows than ${kept} or over ${MAX_RESULT_BYTES / 1024} KiB)` : ''}`;
}
/** The statement and the first rows, in the job summary, with either backend. */
function addResult(summary, sql, result, kept) {
    summary.code(sql, 'sql');
    if (result.columns.length === 0)
        return;
    const shown = result.rows.slice(0, Math.min(kept, SUMMARY_ROWS));
    summary.table(result.columns, shown.map((row) => result.columns.map((column) => cellText(row[column]))));
    if (kept > shown.length)
        summary.paragraph(`The summary shows the first ${shown.length} rows; the output has ${kept}.`);
}
function report(plan, result, context) {
    const { settings, connection } = plan;
    const point = (0,_point_js__WEBPACK_IMPORTED_MODULE_0__/* .describePoint */ .yR)(settings.at);
    const lsn = plan.lsn ?? result.lsn;
    const { kept, truncated, outputs } = queryOutputs(result, lsn);
    context.info(`${kept} rows from ${connection.branch.name} at ${point}${truncated ? ' (cut)' : ''}`);
    const summary = new _summary_js__WEBPACK_IMPORTED_MODULE_6__/* .Summary */ .BD().heading(`Query of ${connection.branch.name} at ${point}`).paragraph(plan.at.note);
    summary.keyValues([
        ['Branch', `${connection.branch.name} (${connection.branch.id})`],
        ['Read on', plan.at.note && `${plan.at.branch.name} (${plan.at.branch.id})`],
        ['Point', point],
        ['LSN', lsn],
        ['Database', `${connection.database} as ${connection.role}`],
        ['Rows', rowsFact(kept, truncated)],
        ['Took', `${result.ms} ms`]
    ]);
    addResult(summary, settings.sql, result, kept);
    return { outputs, summary };
}


/***/ }),

/***/ 1037:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   execute: () => (/* binding */ execute),
/* harmony export */   plan: () => (/* binding */ plan),
/* harmony export */   report: () => (/* binding */ report)
/* harmony export */ });
/* harmony import */ var _operations_query_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8857);
/* harmony import */ var _point_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9525);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8855);
/* harmony import */ var _backup_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7375);
/* harmony import */ var _restore_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5597);





async function plan(settings, context) {
    return { ...(await (0,_restore_js__WEBPACK_IMPORTED_MODULE_2__.planRestore)(settings, context)), settings };
}
async function execute(plan, context, remember) {
    const { settings } = plan;
    return (0,_restore_js__WEBPACK_IMPORTED_MODULE_2__.withRestoredCluster)(plan, context, { remember }, async (restored) => {
        const started = Date.now();
        const result = await (0,_operations_query_js__WEBPACK_IMPORTED_MODULE_0__.runQuery)(restored.uri(settings.database, settings.role), settings.sql);
        return { ...result, ms: Date.now() - started };
    });
}
function report(plan, result, context) {
    const { settings } = plan;
    const from = `${(0,_backup_js__WEBPACK_IMPORTED_MODULE_3__/* .describeBackup */ ._1)(settings.backup)} at ${(0,_point_js__WEBPACK_IMPORTED_MODULE_1__/* .describePoint */ .yR)(settings.at)}`;
    const { kept, truncated, outputs } = (0,_operations_query_js__WEBPACK_IMPORTED_MODULE_0__.queryOutputs)(result, result.lsn);
    context.info(`${kept} rows from ${from}${truncated ? ' (cut)' : ''}`);
    const summary = new _summary_js__WEBPACK_IMPORTED_MODULE_4__/* .Summary */ .BD().heading(`Query of ${from}`).keyValues([
        ['Backup', (0,_backup_js__WEBPACK_IMPORTED_MODULE_3__/* .describeBackup */ ._1)(settings.backup)],
        ['Point', (0,_point_js__WEBPACK_IMPORTED_MODULE_1__/* .describePoint */ .yR)(settings.at)],
        ['LSN', result.lsn],
        ['Database', `${settings.database} as ${settings.role}`],
        ['Rows', (0,_operations_query_js__WEBPACK_IMPORTED_MODULE_0__.rowsFact)(kept, truncated)],
        ['Took', `${result.ms} ms`]
    ]);
    (0,_operations_query_js__WEBPACK_IMPORTED_MODULE_0__.addResult)(summary, settings.sql, result, kept);
    return { outputs, summary };
}


/***/ })

};
