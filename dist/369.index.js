export const id = 369;
export const ids = [369];
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

/***/ 8369:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  copyAll: () => (/* binding */ copyAll),
  describe: () => (/* binding */ describe),
  execute: () => (/* binding */ execute),
  intoSchema: () => (/* binding */ intoSchema),
  modeFacts: () => (/* binding */ modeFacts),
  plan: () => (/* binding */ plan),
  planTables: () => (/* binding */ planTables),
  report: () => (/* binding */ report),
  reportRecovery: () => (/* binding */ reportRecovery)
});

// EXTERNAL MODULE: ./src/duration.ts
var duration = __webpack_require__(7607);
// EXTERNAL MODULE: ./src/point.ts
var point = __webpack_require__(9525);
// EXTERNAL MODULE: ./src/postgres/index.ts + 9 modules
var postgres = __webpack_require__(9517);
// EXTERNAL MODULE: ./src/recovery-sql.ts
var recovery_sql = __webpack_require__(7165);
;// CONCATENATED MODULE: ./src/ddl/grants.ts
/**
 * GRANT statements that give a re-created table or sequence the privileges it had (aclexplode of relacl and
 * attacl). The statements run as a member of the owner, so PostgreSQL records the owner as grantor; privileges
 * another grantor had given (through WITH GRANT OPTION) come back as the owner's. Pure.
 */

/** A role in GRANT, TO or a policy: 'public' is the keyword PUBLIC. */
function roleSql(role) {
    return role === 'public' ? 'PUBLIC' : (0,recovery_sql/* quoteIdent */.v4)(role);
}
/**
 * `grants` undefined means the default privileges, which a new object already has. Otherwise everything is
 * revoked from the owner first (a new object's ACL is the owner's defaults), then each grantee gets its list.
 */
function grantSql(kind, on, owner, grants, columnGrants) {
    const statements = grants === undefined ? [] : [`REVOKE ALL ON ${kind} ${on} FROM ${(0,recovery_sql/* quoteIdent */.v4)(owner)}`];
    const groups = new Map();
    for (const grant of [...(grants ?? []), ...columnGrants]) {
        const key = JSON.stringify([grant.grantee, grant.grantable, grant.column !== undefined]);
        groups.set(key, [...(groups.get(key) ?? []), grant]);
    }
    for (const group of groups.values()) {
        const { grantee, grantable } = group[0];
        const privileges = group
            .map((grant) => grant.column === undefined ? grant.privilege : `${grant.privilege} (${(0,recovery_sql/* quoteIdent */.v4)(grant.column)})`)
            .join(', ');
        const option = grantable ? ' WITH GRANT OPTION' : '';
        statements.push(`GRANT ${privileges} ON ${kind} ${on} TO ${roleSql(grantee || 'public')}${option}`);
    }
    return statements;
}

;// CONCATENATED MODULE: ./src/ddl/text.ts
/** SQL text helpers the DDL builder needs beyond quoteIdent (src/recovery-sql.ts). Pure. */
/** A string literal, as libpq's PQescapeLiteral writes it: quotes doubled, and E'' with doubled backslashes. */
function quoteLiteral(text) {
    const quoted = `'${text.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;
    return text.includes('\\') ? ` E${quoted}` : quoted;
}
/** `text` with the first `from` replaced by `to`; throws when `from` is not there (the text is not what we read). */
function replaceOnce(text, from, to) {
    const at = text.indexOf(from);
    if (at < 0)
        throw new Error(`expected ${from} in ${text}`);
    return text.slice(0, at) + to + text.slice(at + from.length);
}

;// CONCATENATED MODULE: ./src/ddl/table.ts
/**
 * The DDL that re-creates a table from its definition (src/ddl/definition.ts), in place or as a copy in another
 * schema, split by when it runs: what the COPY needs (sequences, the table, its partitions, validated CHECKs and
 * NOT NULLs, which every row passes cheaply), then what would slow or break the COPY (primary, unique and
 * exclusion constraints and indexes, built once over all rows instead of row by row; triggers, which must not
 * fire for restored rows; row-level security, under which COPY FROM is refused), then the foreign keys, after
 * every table's rows are in (src/ddl/foreign-keys.ts). Pure: no connection here.
 */



function placed(table, placement) {
    return placement.schema === undefined ? table : { schema: placement.schema, name: table.name };
}
/** Every statement for `table` but its foreign keys. */
function tableDdl(table, placement) {
    const beforeCopy = [];
    const afterCopy = [];
    addTable(table, placement, undefined, beforeCopy, afterCopy);
    return { beforeCopy, afterCopy };
}
function addTable(table, placement, parent, beforeCopy, afterCopy) {
    const into = (0,recovery_sql/* qualifiedName */.OL)(placed(table, placement).schema, table.name);
    for (const sequence of table.sequences.filter((s) => !s.identity))
        beforeCopy.push(createSequenceSql(sequence, placement));
    beforeCopy.push(createTableSql(table, placement, parent));
    for (const column of table.columns.filter((c) => c.local && c.storage)) {
        beforeCopy.push(`ALTER TABLE ${into} ALTER COLUMN ${(0,recovery_sql/* quoteIdent */.v4)(column.name)} SET STORAGE ${STORAGE[column.storage]}`);
    }
    for (const sequence of table.sequences.filter((s) => !s.identity)) {
        beforeCopy.push(`ALTER SEQUENCE ${sequenceName(sequence, placement)} OWNED BY ${into}.${(0,recovery_sql/* quoteIdent */.v4)(sequence.column)}`);
    }
    for (const partition of table.partitions) {
        addTable(partition, placement, placed(table, placement), beforeCopy, afterCopy);
    }
    afterCopy.push(...indexSql(table, into), ...triggerSql(table, into, placement), ...securitySql(table, into));
    if (table.owner !== placement.creator)
        afterCopy.push(`ALTER TABLE ${into} OWNER TO ${(0,recovery_sql/* quoteIdent */.v4)(table.owner)}`);
    afterCopy.push(...grantSql('TABLE', into, table.owner, table.grants, table.columnGrants));
    for (const sequence of table.sequences) {
        afterCopy.push(...grantSql('SEQUENCE', sequenceName(sequence, placement), table.owner, sequence.grants, []));
    }
    afterCopy.push(...commentSql(table, placement), ...table.sequences.map((sequence) => setvalSql(sequence, into, placement)));
}
const STORAGE = { p: 'PLAIN', e: 'EXTERNAL', m: 'MAIN', x: 'EXTENDED' };
function sequenceName(sequence, placement) {
    return (0,recovery_sql/* qualifiedName */.OL)(placed(sequence, placement).schema, sequence.name);
}
function sequenceOptions(sequence) {
    return (`INCREMENT BY ${sequence.increment} MINVALUE ${sequence.min} MAXVALUE ${sequence.max} ` +
        `START WITH ${sequence.start} CACHE ${sequence.cache} ${sequence.cycle ? 'CYCLE' : 'NO CYCLE'}`);
}
function createSequenceSql(sequence, placement) {
    return `CREATE SEQUENCE ${sequenceName(sequence, placement)} AS ${sequence.type} ${sequenceOptions(sequence)}`;
}
/**
 * Moves the sequence past the value it had at the point and past every copied value, so nextval never returns
 * a key the table holds (a descending sequence moves down).
 */
function setvalSql(sequence, into, placement) {
    const down = sequence.increment.startsWith('-');
    const [pick, aggregate, reached] = down ? ['LEAST', 'min', '<='] : ['GREATEST', 'max', '>='];
    const last = `${sequence.lastValue}::bigint`;
    return (`SELECT pg_catalog.setval(${quoteLiteral(sequenceName(sequence, placement))}, ${pick}(${last}, m::bigint), ` +
        `${sequence.isCalled} OR coalesce(m::bigint ${reached} ${last}, false)) ` +
        `FROM (SELECT ${aggregate}(${(0,recovery_sql/* quoteIdent */.v4)(sequence.column)}) AS m FROM ${into}) AS copied`);
}
function createTableSql(table, placement, parent) {
    const name = (0,recovery_sql/* qualifiedName */.OL)(placed(table, placement).schema, table.name);
    const lines = parent ? [] : table.columns.map((column) => `  ${columnSql(column, table, placement)}`);
    for (const check of table.constraints.filter((c) => c.type === 'c' && c.validated)) {
        lines.push(`  CONSTRAINT ${(0,recovery_sql/* quoteIdent */.v4)(check.name)} ${check.definition}`);
    }
    const unlogged = table.unlogged ? 'UNLOGGED ' : '';
    const body = lines.length > 0 ? ` (\n${lines.join(',\n')}\n)` : parent ? '' : ' ()';
    const partitionOf = parent ? ` PARTITION OF ${(0,recovery_sql/* qualifiedName */.OL)(parent.schema, parent.name)}` : '';
    const bound = parent ? ` ${table.partitionBound}` : '';
    const key = table.partitionKey ? ` PARTITION BY ${table.partitionKey}` : '';
    const options = table.options.length > 0 ? ` WITH (${table.options.map(optionSql).join(', ')})` : '';
    return `CREATE ${unlogged}TABLE ${name}${partitionOf}${body}${bound}${key}${options}`;
}
/** `name=value` from reloptions, the value quoted unless it is a plain word or number. */
function optionSql(option) {
    const at = option.indexOf('=');
    const value = option.slice(at + 1);
    return `${option.slice(0, at)}=${/^[\w.-]+$/.test(value) ? value : quoteLiteral(value)}`;
}
function columnSql(column, table, placement) {
    const parts = [(0,recovery_sql/* quoteIdent */.v4)(column.name), column.type];
    if (column.collation)
        parts.push(`COLLATE ${column.collation}`);
    if (column.generated) {
        parts.push(`GENERATED ALWAYS AS (${column.generation})${column.generated === 's' ? ' STORED' : ''}`);
    }
    else if (column.default !== undefined) {
        parts.push(`DEFAULT ${movedDefault(column.default, table, placement)}`);
    }
    if (column.identity) {
        const sequence = table.sequences.find((s) => s.identity && s.column === column.name);
        const options = sequence ? ` (SEQUENCE NAME ${sequenceName(sequence, placement)} ${sequenceOptions(sequence)})` : '';
        parts.push(`GENERATED ${column.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${options}`);
    }
    if (column.notNull)
        parts.push('NOT NULL');
    return parts.join(' ');
}
/** A default that takes values from one of the table's own sequences names that sequence where it now is. */
function movedDefault(expression, table, placement) {
    let moved = expression;
    for (const sequence of table.sequences) {
        const from = `${sequence.literal}::regclass`;
        moved = moved.split(from).join(`${quoteLiteral(sequenceName(sequence, placement))}::regclass`);
    }
    return moved;
}
/**
 * Constraints with indexes, then the other indexes, each rebuilt from the definition's text after its
 * `ON table` (a partitioned table's index is created without ONLY, so its partitions get theirs, attached).
 */
function indexSql(table, into) {
    const statements = table.constraints
        .filter((c) => c.type !== 'c' || !c.validated)
        .map((c) => `ALTER TABLE ${into} ADD CONSTRAINT ${(0,recovery_sql/* quoteIdent */.v4)(c.name)} ${c.definition}`);
    for (const index of table.indexes) {
        const { unique, rest } = indexParts(index.definition, index.printed, table.printed);
        statements.push(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${(0,recovery_sql/* quoteIdent */.v4)(index.name)} ON ${into} ${rest}`);
    }
    return statements;
}
/** Splits pg_get_indexdef's `CREATE [UNIQUE] INDEX name ON [ONLY] table <rest>`; the rest starts with USING. */
function indexParts(definition, printedIndex, printedTable) {
    for (const unique of [false, true]) {
        for (const only of ['', 'ONLY ']) {
            const prefix = `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${printedIndex} ON ${only}${printedTable} `;
            if (definition.startsWith(prefix))
                return { unique, rest: definition.slice(prefix.length) };
        }
    }
    throw new Error(`cannot read the index definition ${definition}`);
}
/**
 * Triggers come back only in place: a copy in another schema is for looking at and moving rows, and its
 * triggers would act on the live tables their functions name.
 */
function triggerSql(table, into, placement) {
    if (placement.schema !== undefined)
        return [];
    return table.triggers.flatMap((trigger) => [trigger.definition, ...triggerStateSql(trigger, into)]);
}
const TRIGGER_STATE = { D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };
function triggerStateSql(trigger, into) {
    const state = TRIGGER_STATE[trigger.enabled];
    return state ? [`ALTER TABLE ${into} ${state} TRIGGER ${(0,recovery_sql/* quoteIdent */.v4)(trigger.name)}`] : [];
}
const POLICY_COMMAND = { r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE', '*': 'ALL' };
function securitySql(table, into) {
    const statements = table.policies.map((policy) => `CREATE POLICY ${(0,recovery_sql/* quoteIdent */.v4)(policy.name)} ON ${into} AS ${policy.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} ` +
        `FOR ${POLICY_COMMAND[policy.command]} TO ${policy.roles.map(roleSql).join(', ')}` +
        (policy.using === undefined ? '' : ` USING (${policy.using})`) +
        (policy.check === undefined ? '' : ` WITH CHECK (${policy.check})`));
    if (table.rowSecurity)
        statements.push(`ALTER TABLE ${into} ENABLE ROW LEVEL SECURITY`);
    if (table.forceRowSecurity)
        statements.push(`ALTER TABLE ${into} FORCE ROW LEVEL SECURITY`);
    return statements;
}
function commentSql(table, placement) {
    const schema = placed(table, placement).schema;
    const into = (0,recovery_sql/* qualifiedName */.OL)(schema, table.name);
    const on = (objects, kind) => objects.map((object) => [`${kind} ${(0,recovery_sql/* quoteIdent */.v4)(object.name)} ON ${into}`, object.comment]);
    const comments = [
        [`TABLE ${into}`, table.comment],
        ...table.columns.map((c) => [`COLUMN ${into}.${(0,recovery_sql/* quoteIdent */.v4)(c.name)}`, c.comment]),
        ...on(table.constraints, 'CONSTRAINT'),
        ...table.indexes.map((i) => [`INDEX ${(0,recovery_sql/* qualifiedName */.OL)(schema, i.name)}`, i.comment]),
        ...(placement.schema === undefined ? on(table.triggers, 'TRIGGER') : []),
        ...on(table.policies, 'POLICY')
    ];
    return comments
        .filter(([, text]) => text !== undefined)
        .map(([object, text]) => `COMMENT ON ${object} IS ${quoteLiteral(text)}`);
}
/** Every name a re-created table takes in its schema's relation namespace (table, partitions, sequences, indexes). */
function relationNames(table, placement) {
    const schema = placed(table, placement).schema;
    return [
        { schema, name: table.name },
        ...table.sequences.map((sequence) => placed(sequence, placement)),
        ...table.constraints.filter((c) => c.type !== 'c').map((c) => ({ schema, name: c.name })),
        ...table.indexes.map((index) => ({ schema, name: index.name })),
        ...table.partitions.flatMap((partition) => relationNames(partition, placement))
    ];
}

// EXTERNAL MODULE: ./src/summary.ts
var src_summary = __webpack_require__(8855);
// EXTERNAL MODULE: ./src/operations/common.ts
var common = __webpack_require__(9425);
// EXTERNAL MODULE: ./src/operations/branch-connection.ts
var branch_connection = __webpack_require__(9445);
// EXTERNAL MODULE: ./src/operations/lineage.ts
var lineage = __webpack_require__(555);
;// CONCATENATED MODULE: ./src/ddl/foreign-keys.ts
/**
 * Foreign keys, added after every table's rows are in: each is added NOT VALID (no check of the rows at all),
 * then validated on its own (src/operations/recreate.ts runs that in a savepoint), so a key that rows written
 * since violate can stay NOT VALID and be reported by the violators' keys, while the rest of the recovery stands.
 * Pure: no connection here.
 */



/** How many violating rows a report names per key. */
const VIOLATION_LIMIT = 100;
/** A table keeps its place unless it is recovered together with the others into a schema. */
function where(table, placement) {
    return placement.together.has((0,recovery_sql/* displayName */.QC)(table)) ? placed(table, placement) : table;
}
function foreignKeyDdl(key, placement) {
    const table = where(key.table, placement);
    const into = (0,recovery_sql/* qualifiedName */.OL)(table.schema, table.name);
    const target = where(key.references, placement);
    const referenced = (0,recovery_sql/* qualifiedName */.OL)(target.schema, target.name);
    const definition = replaceOnce(key.definition.replace(/ NOT VALID$/, ''), ` REFERENCES ${key.references.printed}(`, ` REFERENCES ${referenced}(`);
    const name = (0,recovery_sql/* quoteIdent */.v4)(key.name);
    return {
        table: (0,recovery_sql/* displayName */.QC)(table),
        name: key.name,
        add: `ALTER TABLE ${into} ADD CONSTRAINT ${name} ${definition} NOT VALID`,
        validate: key.validated ? `ALTER TABLE ${into} VALIDATE CONSTRAINT ${name}` : undefined,
        violations: violationsSql(key, into, referenced),
        comment: key.comment === undefined ? undefined : `COMMENT ON CONSTRAINT ${name} ON ${into} IS ${quoteLiteral(key.comment)}`
    };
}
/**
 * The rows whose key columns are all set (a NULL in any passes, as with MATCH SIMPLE, the default) and match no
 * referenced row, named by the table's primary key and the key columns.
 */
function violationsSql(key, into, referenced) {
    const named = [...new Set([...key.keyColumns, ...key.columns])];
    const json = named.map((column) => `${quoteLiteral(column)}, r.${(0,recovery_sql/* quoteIdent */.v4)(column)}`).join(', ');
    const set = key.columns.map((column) => `r.${(0,recovery_sql/* quoteIdent */.v4)(column)} IS NOT NULL`).join(' AND ');
    const match = key.columns
        .map((column, index) => `t.${(0,recovery_sql/* quoteIdent */.v4)(key.referencedColumns[index])} = r.${(0,recovery_sql/* quoteIdent */.v4)(column)}`)
        .join(' AND ');
    return (`SELECT count(*) OVER ()::text AS total, json_build_object(${json})::text AS key FROM ${into} r ` +
        `WHERE ${set} AND NOT EXISTS (SELECT FROM ${referenced} t WHERE ${match}) LIMIT ${VIOLATION_LIMIT}`);
}

;// CONCATENATED MODULE: ./src/ddl/order.ts
/**
 * The order tables are created in: a referenced table before the tables that reference it, so the DDL reads
 * as a schema would be written (the foreign keys themselves are added after every COPY, so any order would
 * load). Pure.
 */
/**
 * `items` ordered so each comes after those it depends on (names outside `items` are ignored). Ties keep the
 * given order; the members of a cycle (tables referencing each other) follow in the given order.
 */
function dependencyOrder(items, name, dependsOn) {
    const names = new Set(items.map(name));
    const waiting = new Map(items.map((item) => [name(item), new Set(dependsOn(item).filter((d) => names.has(d) && d !== name(item)))]));
    const ordered = [];
    let remaining = [...items];
    while (remaining.length > 0) {
        const ready = remaining.find((item) => waiting.get(name(item)).size === 0) ?? remaining[0];
        ordered.push(ready);
        remaining = remaining.filter((item) => item !== ready);
        for (const pending of waiting.values())
            pending.delete(name(ready));
    }
    return ordered;
}

;// CONCATENATED MODULE: ./src/operations/recreate.ts
/**
 * recover's re-creation of tables from their definition at the point: a table dropped since comes back in place
 * (mode: merge), or a copy with the same definition lands in a new schema (mode: schema). Planning reads every
 * definition through the read-only past connection and refuses, before anything changes, what could not be
 * re-created as it was (a name taken at head, a role gone, a referenced table gone); carrying out adds the
 * foreign keys after every table's rows are in.
 */





/** SQLSTATE foreign_key_violation: what VALIDATE CONSTRAINT raises for rows without a match. */
const FOREIGN_KEY_VIOLATION = '23503';
async function planRecreation(past, live, shapes, options) {
    const definitions = [];
    const oids = new Map();
    for (const shape of shapes) {
        const oid = (await (0,postgres/* tableOid */.$B)(past, (0,recovery_sql/* qualifiedName */.OL)(shape.schema, shape.name)));
        oids.set((0,recovery_sql/* displayName */.QC)(shape), oid);
        definitions.push(await (0,postgres/* readTableDefinition */.On)(past, oid));
    }
    const ordered = dependencyOrder(definitions, recovery_sql/* displayName */.QC, (table) => table.foreignKeys.map((key) => (0,recovery_sql/* displayName */.QC)(key.references)));
    const placement = {
        schema: options.schema,
        together: new Set(ordered.map(recovery_sql/* displayName */.QC)),
        creator: options.role
    };
    if (placement.schema === undefined)
        await checkInPlace(live, ordered, placement, options.branch);
    else
        checkDistinct(ordered, placement);
    await checkRoles(live, ordered, options.branch);
    const notes = [];
    const keys = await ownKeys(live, ordered, placement, notes, options.branch);
    if (placement.schema === undefined) {
        for (const table of ordered)
            keys.push(...(await referencingKeys(past, live, oids.get((0,recovery_sql/* displayName */.QC)(table)), placement, notes)));
    }
    return {
        tables: ordered.map((definition) => ({ definition, ddl: tableDdl(definition, placement) })),
        foreignKeys: keys.map((key) => foreignKeyDdl(key, placement)),
        notes
    };
}
/** In place, every name the table takes must be free at head, and its schema must be there. */
async function checkInPlace(live, tables, placement, branch) {
    for (const table of tables) {
        if (!(await (0,postgres/* schemaExists */.OJ)(live, table.schema))) {
            throw new Error(`mode: merge would re-create ${(0,recovery_sql/* displayName */.QC)(table)}, but schema ${table.schema} is gone at the head of ${branch}; ` +
                'create the schema first, or recover into a new schema (mode: schema)');
        }
    }
    const taken = await (0,postgres/* takenRelations */.XH)(live, tables.flatMap((table) => relationNames(table, placement)));
    if (taken.length > 0) {
        const list = taken.map(recovery_sql/* displayName */.QC).join(', ');
        throw new Error(`mode: merge would re-create ${tables.map(recovery_sql/* displayName */.QC).join(', ')} with the names they had, and ${list} ` +
            `is taken at the head of ${branch} (by a table, index or sequence); rename or drop it, or recover into a schema (mode: schema)`);
    }
}
/** Copies from several schemas land in one: their tables, indexes and sequences must not share a name there. */
function checkDistinct(tables, placement) {
    const names = tables.flatMap((table) => relationNames(table, placement)).map(recovery_sql/* displayName */.QC);
    const twice = [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
    if (twice.length > 0) {
        throw new Error(`tables: the copies of ${tables.map(recovery_sql/* displayName */.QC).join(', ')} would all need ${twice.join(', ')} in schema ` +
            `${placement.schema}; recover them in separate steps (each into its own schema)`);
    }
}
function rolesOf(table) {
    return [
        table.owner,
        ...[...(table.grants ?? []), ...table.columnGrants, ...table.sequences.flatMap((s) => s.grants ?? [])].map((grant) => grant.grantee),
        ...table.policies.flatMap((policy) => policy.roles),
        ...table.partitions.flatMap(rolesOf)
    ].filter((role) => role !== '' && role !== 'public');
}
/** Roles are not part of a table: an owner, grantee or policy role dropped since cannot be given back. */
async function checkRoles(live, tables, branch) {
    const missing = await (0,postgres/* missingRoles */.eI)(live, [...new Set(tables.flatMap(rolesOf))]);
    if (missing.length > 0) {
        throw new Error(`tables: ${tables.map(recovery_sql/* displayName */.QC).join(', ')} had role ${missing.join(', ')} (as owner, grantee or in a policy), ` +
            `which no longer exists on ${branch}; create it (CREATE ROLE) and run again`);
    }
}
/**
 * A table's own foreign keys: to a table recovered with it, always; to another table, in place when that
 * table is at head (refused otherwise), and never from a copy in a schema (its rows would tie the live table).
 */
async function ownKeys(live, tables, placement, notes, branch) {
    const keys = [];
    for (const key of tables.flatMap((table) => table.foreignKeys)) {
        const referenced = (0,recovery_sql/* displayName */.QC)(key.references);
        if (placement.together.has(referenced))
            keys.push(key);
        else if (placement.schema !== undefined) {
            notes.push(`foreign key ${key.name} of ${(0,recovery_sql/* displayName */.QC)(key.table)} is left out: ${referenced} is not copied with it`);
        }
        else if ((await (0,postgres/* tableOid */.$B)(live, (0,recovery_sql/* qualifiedName */.OL)(key.references.schema, key.references.name))) === undefined) {
            throw new Error(`tables: ${(0,recovery_sql/* displayName */.QC)(key.table)} referenced ${referenced} (foreign key ${key.name}), which is gone at the head of ` +
                `${branch}; add ${referenced} to tables`);
        }
        else
            keys.push(key);
    }
    return keys;
}
/** The keys other tables had to a re-created table that they have lost since (a DROP ... CASCADE drops them). */
async function referencingKeys(past, live, oid, placement, notes) {
    const keys = [];
    for (const key of await (0,postgres/* readReferencingKeys */.hC)(past, oid)) {
        const table = (0,recovery_sql/* displayName */.QC)(key.table);
        if (placement.together.has(table))
            continue;
        const quoted = (0,recovery_sql/* qualifiedName */.OL)(key.table.schema, key.table.name);
        if ((await (0,postgres/* tableOid */.$B)(live, quoted)) === undefined) {
            notes.push(`foreign key ${key.name} of ${table} is left out: ${table} is gone at head too`);
        }
        else if (!(await (0,postgres/* constraintExists */.om)(live, quoted, key.name)))
            keys.push(key);
    }
    return keys;
}
/**
 * Adds each key NOT VALID, then validates it in a savepoint: rows that violate it roll back only the
 * validation, so the key stays NOT VALID, the violators are listed, and the rest of the transaction stands.
 * Any other failure propagates (and the caller rolls everything back).
 */
async function addForeignKeys(live, keys) {
    const invalid = [];
    for (const key of keys) {
        await live.query(key.add);
        if (key.comment)
            await live.query(key.comment);
        if (!key.validate)
            continue;
        await live.query('SAVEPOINT nra_validate');
        try {
            await live.query(key.validate);
            await live.query('RELEASE SAVEPOINT nra_validate');
        }
        catch (error) {
            if (error.code !== FOREIGN_KEY_VIOLATION)
                throw error;
            await live.query('ROLLBACK TO SAVEPOINT nra_validate');
            const { rows } = await live.query(key.violations);
            invalid.push({
                table: key.table,
                name: key.name,
                count: Number(rows[0]?.total ?? 0),
                keys: rows.map((row) => JSON.parse(row.key))
            });
        }
    }
    return invalid;
}
/** The foreign-key statements as the dry run shows them. */
function foreignKeyStatements(keys) {
    return keys.flatMap((key) => [
        `${key.add};`,
        ...(key.comment ? [`${key.comment};`] : []),
        ...(key.validate
            ? [
                'SAVEPOINT nra_validate;',
                `${key.validate};`,
                '-- on rows that violate it: ROLLBACK TO SAVEPOINT (it stays NOT VALID)'
            ]
            : [])
    ]);
}

;// CONCATENATED MODULE: ./src/operations/recover.ts
/**
 * recover: copy tables (or some of their rows) from `branch` as it was at `at` into the same branch at its head,
 * changing nothing else. The past is read through a read-only time-travel connection (no branch is created);
 * the rows are streamed with COPY into the live branch inside one transaction, so a failure leaves no trace.
 * By default the tables land in a new schema, re-created from their definition at the point (src/ddl/); with
 * mode: merge, the rows missing from each original table (by primary key) go back into it, and a table dropped
 * since comes back in place, exactly as it was (src/operations/recreate.ts).
 */











async function plan(settings, gateway, context) {
    const branch = await (0,common/* resolveBranch */.pd)(gateway, settings.branch);
    const at = await (0,lineage/* locatePoint */.Lq)(gateway, branch, settings.at, 'at', settings.history);
    await (0,common/* checkPoint */.NX)(gateway, at.branch, settings.at, 'at', context);
    const connection = await (0,branch_connection/* connectionTo */.mQ)(branch, settings, gateway, context, 'recover');
    const { database, role, uri: liveUri } = connection;
    const { uri: pastUri } = await (0,branch_connection/* pointUri */.Pl)(connection, settings.at, context, at.branch);
    const ends = { pastUri, liveUri, liveName: branch.name, role };
    return { settings, branch, at, database, ends, ...(await planTables(settings, ends, context)) };
}
/**
 * The tables to copy, read from both databases before anything is written: each table as it was at the point,
 * merged into the live table or re-created (gone since, or copied into a schema), and each `where` parsed.
 */
async function planTables(settings, ends, context) {
    const [past, live] = await connectBoth(ends.pastUri, ends.liveUri);
    try {
        await past.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const schema = settings.mode === 'schema' ? intoSchema(settings, context) : undefined;
        if (schema !== undefined && (await (0,postgres/* schemaExists */.OJ)(live, schema))) {
            throw new Error(`into: schema "${schema}" already exists on ${ends.liveName}; choose another name or drop it`);
        }
        const copies = [];
        const gone = [];
        for (const table of settings.tables) {
            const shape = await (0,postgres/* readTableShape */.Yr)(past, table);
            if (!shape) {
                throw new Error(`tables: ${table} did not exist on ${ends.liveName} at ${(0,point/* describePoint */.yR)(settings.at)}`);
            }
            // merge into the table at head; re-create it when it is gone, and always for a copy in a schema.
            const head = schema === undefined ? await (0,postgres/* readTableShape */.Yr)(live, (0,recovery_sql/* qualifiedName */.OL)(shape.schema, shape.name)) : undefined;
            if (head)
                copies.push(mergeCopy(shape, head, settings.where));
            else
                gone.push(shape);
        }
        const recreation = gone.length === 0
            ? undefined
            : await planRecreation(past, live, gone, { schema, role: ends.role, branch: ends.liveName });
        for (const { definition, ddl } of recreation?.tables ?? []) {
            const shape = gone.find((table) => (0,recovery_sql/* displayName */.QC)(table) === (0,recovery_sql/* displayName */.QC)(definition));
            copies.push(recreatedCopy(shape, ddl, schema, settings.where));
        }
        const destinations = copies.map((copy) => copy.into);
        const duplicate = destinations.find((into, index) => destinations.indexOf(into) !== index);
        if (duplicate)
            throw new Error(`tables: two tables would be copied to ${duplicate}; recover them in separate steps`);
        for (const copy of copies) {
            // One condition on the read-only past, parsed before anything is written (a second statement is refused).
            await (0,postgres/* checkSelect */.X2)(past, copy.select).catch((error) => {
                throw new Error(`where: ${error.message} (in ${copy.select})`);
            });
        }
        return { schema, copies, recreation };
    }
    finally {
        await Promise.all([past.end().catch(() => undefined), live.end().catch(() => undefined)]);
    }
}
function facts(plan) {
    const { settings, branch, schema } = plan;
    return [
        ['Branch', `${branch.name} (${branch.id}), database ${plan.database} as ${plan.ends.role}`],
        ['Read at', `${(0,point/* describePoint */.yR)(settings.at)} (a read-only time-travel connection)`],
        ['Read on', plan.at.note && plan.at.branch.name],
        ...modeFacts(settings, schema)
    ];
}
/** How the rows go back, with either backend. */
function modeFacts(settings, schema) {
    return [
        ['Mode', settings.mode === 'merge' ? 'merge: missing rows back into the original tables' : 'schema'],
        ['Into', schema === undefined ? 'the original tables' : `schema ${schema} (new)`],
        ['Only rows where', settings.where]
    ];
}
function title(plan, source) {
    const tables = plan.copies.map((copy) => (0,recovery_sql/* displayName */.QC)(copy.past)).join(', ');
    return `Recovery of ${tables} from ${source}`;
}
/** On Neon the past is the branch itself at the point. */
function neonView(plan) {
    return {
        source: `${plan.branch.name} at ${(0,point/* describePoint */.yR)(plan.settings.at)}`,
        liveName: plan.branch.name,
        note: plan.at.note,
        facts: facts(plan)
    };
}
function describe(plan) {
    const summary = new src_summary/* Summary */.BD()
        .heading(`Dry run: ${title(plan, neonView(plan).source)}`)
        .paragraph(plan.at.note)
        .paragraph('Nothing was changed. This step would run, in one transaction:')
        .keyValues(facts(plan))
        .code(statements(plan).join('\n'), 'sql');
    return { outputs: {}, summary };
}
async function execute(plan, _gateway, context) {
    const started = Date.now();
    const result = await copyAll(plan, plan.ends, context);
    return { ...result, ms: Date.now() - started };
}
function report(plan, result, context) {
    return reportRecovery(plan, result, neonView(plan), context);
}
/** recover's outputs and summary, with either backend. */
function reportRecovery(plan, result, view, context) {
    const { schema } = plan;
    const results = result.copies;
    const rows = Object.fromEntries(results.map((copy) => [(0,recovery_sql/* displayName */.QC)(copy.copy.past), copy.written]));
    const total = results.reduce((sum, copy) => sum + copy.written, 0);
    const recreated = results.filter((copy) => copy.copy.create).map((copy) => (0,recovery_sql/* displayName */.QC)(copy.copy.past));
    const summary = new src_summary/* Summary */.BD()
        .heading(title(plan, view.source))
        .paragraph(view.note)
        .paragraph(schema === undefined
        ? `Inserted ${total} rows that were missing from the original tables; rows already there were left as they are.`
        : `Copied ${total} rows into the new schema ${schema}. Nothing else on ${view.liveName} changed.`)
        .paragraph(schema === undefined && recreated.length > 0
        ? `Re-created ${recreated.join(', ')}, gone at head, as it was at the point, with its rows.`
        : undefined)
        .keyValues([...view.facts, ['Took', (0,duration/* formatDuration */.a3)(result.ms)]])
        .table(['Table', 'Rows at the point', schema === undefined ? 'Rows inserted' : 'Rows copied', 'Into'], results.map((copy) => [(0,recovery_sql/* displayName */.QC)(copy.copy.past), String(copy.read), String(copy.written), copy.copy.into]));
    reportLeftOut(summary, plan.recreation?.notes ?? [], result.invalid);
    summary.heading('To undo this recovery', 3);
    if (schema !== undefined)
        summary.code(`DROP SCHEMA ${(0,recovery_sql/* quoteIdent */.v4)(schema)} CASCADE;`, 'sql');
    else {
        const how = recreated.length > 0 ? 'Drop the re-created tables and delete' : 'Delete';
        summary.paragraph(`${how} the inserted rows by their primary keys:`).code(undoSql(results), 'sql');
    }
    context.info(`Recovered ${plan.copies.map((copy) => (0,recovery_sql/* displayName */.QC)(copy.past)).join(', ')} from ${view.source}: ${JSON.stringify(rows)}`);
    const invalid = Object.fromEntries(result.invalid.map((key) => [`${key.table}.${key.name}`, { count: key.count, keys: key.keys }]));
    return { outputs: { rows: JSON.stringify(rows), 'invalid-keys': JSON.stringify(invalid) }, summary };
}
/** What did not come back as it was: definitions left out, and foreign keys that rows written since violate. */
function reportLeftOut(summary, notes, invalid) {
    if (notes.length > 0)
        summary.heading('Left out', 3).paragraph(notes.map((note) => `${note}.`).join(' '));
    if (invalid.length === 0)
        return;
    summary
        .heading('Foreign keys left NOT VALID', 3)
        .paragraph('Rows written since the point break these keys. Nothing was deleted; the keys are in place NOT VALID ' +
        '(new rows are checked). Fix the rows, then run ALTER TABLE … VALIDATE CONSTRAINT.')
        .table(['Table', 'Foreign key', 'Violating rows', `Their keys (the first ${VIOLATION_LIMIT})`], invalid.map((key) => [key.table, key.name, String(key.count), key.keys.map((k) => JSON.stringify(k)).join(' ')]));
}
/** A re-created table is dropped again (CASCADE: with the foreign keys other tables got to it); merged rows deleted. */
function undoSql(results) {
    const drops = results
        .filter((result) => result.copy.create)
        .map((result) => `DROP TABLE ${result.copy.into} CASCADE;`);
    const deletes = results
        .filter((result) => result.copy.merge && result.written > 0)
        .map((result) => (0,recovery_sql/* undoMergeSql */.pv)(result.copy.into, result.copy.merge.keyColumns, result.keys) +
        (result.written > result.listed
            ? `\n-- only the first ${result.listed} of ${result.written} keys are listed above`
            : ''));
    return [...drops, ...deletes].join('\n') || '-- nothing was inserted';
}
/** Every table in one transaction on the live database: all of them arrive, or nothing changes. */
async function copyAll(plan, ends, context) {
    const [past, live] = await connectBoth(ends.pastUri, ends.liveUri);
    const results = [];
    let current;
    try {
        await past.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await live.query('BEGIN');
        // The re-created definitions were printed with only pg_catalog on the path: run them on the same path.
        if (plan.recreation)
            await live.query('SET LOCAL search_path = pg_catalog, pg_temp');
        if (plan.schema !== undefined)
            await live.query(`CREATE SCHEMA ${(0,recovery_sql/* quoteIdent */.v4)(plan.schema)}`);
        for (const [index, copy] of plan.copies.entries()) {
            current = copy;
            if (copy.merge) {
                results.push(await mergeRows(past, live, copy, (0,recovery_sql/* quoteIdent */.v4)(`nra_recover_${index}`)));
            }
            else {
                results.push(await recreate(past, live, copy));
            }
            context.info(`${(0,recovery_sql/* displayName */.QC)(copy.past)}: ${results[results.length - 1].written} rows into ${copy.into}`);
        }
        current = undefined;
        const invalid = await addForeignKeys(live, plan.recreation?.foreignKeys ?? []);
        await live.query('COMMIT');
        return { copies: results, invalid };
    }
    catch (error) {
        await live.query('ROLLBACK').catch(() => undefined);
        const where = current ? ` while copying ${(0,recovery_sql/* displayName */.QC)(current.past)}` : '';
        throw new Error(`recover failed${where}; nothing was changed on ${ends.liveName} (the transaction was rolled back): ${error.message}`);
    }
    finally {
        await Promise.all([past.end().catch(() => undefined), live.end().catch(() => undefined)]);
    }
}
/** merge: the rows at the point go into a staging table, then those missing from the original table into it. */
async function mergeRows(past, live, copy, staging) {
    await live.query(`CREATE TEMPORARY TABLE ${staging} ON COMMIT DROP AS SELECT ${copy.columns.map(recovery_sql/* quoteIdent */.v4).join(', ')} ` +
        `FROM ${copy.into} WITH NO DATA`);
    const { read } = await (0,postgres/* copyRows */.D9)(past, live, copy.select, staging, copy.columns, copy.format);
    const merge = (skipConflicts) => live.query((0,recovery_sql/* mergeSql */.ti)({ into: copy.into, staging, columns: copy.columns, ...copy.merge, skipConflicts }));
    // The plain INSERT first (see mergeSql); a key that a concurrent writer committed meanwhile makes it fail, and
    // then the savepoint takes it back and ON CONFLICT DO NOTHING leaves that writer's row as it is.
    await live.query('SAVEPOINT nra_merge');
    const merged = await merge(false).catch(async (error) => {
        if (error.code !== UNIQUE_VIOLATION)
            throw error;
        await live.query('ROLLBACK TO SAVEPOINT nra_merge');
        return merge(true);
    });
    await live.query('RELEASE SAVEPOINT nra_merge');
    const written = Number(merged.rows[0].count);
    const keys = merged.rows[0].keys ?? undefined;
    return { copy, read, written, keys, listed: Math.min(written, recovery_sql/* UNDO_KEY_LIMIT */.dr) };
}
/** SQLSTATE unique_violation (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
const UNIQUE_VIOLATION = '23505';
/** The table's DDL up to the COPY, its rows, then the constraints, indexes and the rest, built over all rows. */
async function recreate(past, live, copy) {
    for (const statement of copy.create.beforeCopy)
        await live.query(statement);
    const { read, written } = await (0,postgres/* copyRows */.D9)(past, live, copy.select, copy.into, copy.columns, copy.format);
    if (read !== written)
        throw new Error(`read ${read} rows at the point but wrote ${written}`);
    for (const statement of copy.create.afterCopy)
        await live.query(statement);
    return { copy, read, written, listed: 0 };
}
/**
 * A re-created table gets every column but the generated ones, which it computes again from the others. Identity
 * ALWAYS columns take the copied values: "In the COPY command, user-specified values are always used regardless
 * of this setting" (PostgreSQL's CREATE TABLE page, GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY).
 */
function recreatedCopy(shape, create, schema, where) {
    const columns = shape.columns.filter((column) => !column.generated).map((column) => column.name);
    const into = placed(shape, { schema });
    return {
        past: shape,
        columns,
        select: (0,recovery_sql/* selectSql */.ZZ)(shape, columns, where),
        into: (0,recovery_sql/* qualifiedName */.OL)(into.schema, into.name),
        create,
        // The table is created with the types it had at the point.
        format: (0,recovery_sql/* binaryCopyable */.Vo)(columns, shape.columns, shape.columns) ? 'binary' : 'text'
    };
}
/** The original table at head must have a primary key and every column the past rows carry. */
function mergeCopy(shape, head, where) {
    const name = (0,recovery_sql/* displayName */.QC)(shape);
    if (!head.primaryKey) {
        throw new Error(`mode: merge needs a primary key to tell missing rows from present ones, and ${name} has none; ` +
            'recover it into a schema (mode: schema) and copy the rows you need by hand');
    }
    const headColumns = new Map(head.columns.map((column) => [column.name, column]));
    const missing = shape.columns.filter((column) => !column.generated && !headColumns.has(column.name));
    if (missing.length > 0) {
        const names = missing.map((column) => column.name).join(', ');
        throw new Error(`mode: merge would lose column ${names} of ${name}, which the table at head no longer has; recover it into a schema`);
    }
    const columns = shape.columns
        .filter((column) => !column.generated && !headColumns.get(column.name).generated)
        .map((column) => column.name);
    const keyColumns = head.primaryKey.columns;
    const absentKeys = keyColumns.filter((column) => !columns.includes(column));
    if (absentKeys.length > 0) {
        throw new Error(`mode: merge needs the primary key ${absentKeys.join(', ')} of ${name} in the rows at the point`);
    }
    return {
        past: shape,
        columns,
        select: (0,recovery_sql/* selectSql */.ZZ)(shape, columns, where),
        into: (0,recovery_sql/* qualifiedName */.OL)(head.schema, head.name),
        // The staging table takes the types the table has at head.
        format: (0,recovery_sql/* binaryCopyable */.Vo)(columns, shape.columns, head.columns) ? 'binary' : 'text',
        merge: {
            keyColumns,
            overridingSystemValue: head.columns.some((column) => column.identity === 'a' && columns.includes(column.name))
        }
    };
}
function intoSchema(settings, context) {
    return settings.into === undefined ? (0,recovery_sql/* defaultSchemaName */.O9)(context.now) : (0,recovery_sql/* parseIdentifierText */.Af)(settings.into);
}
/** What the transaction runs, for the dry run. */
function statements(plan) {
    const lines = ['BEGIN;'];
    if (plan.schema !== undefined)
        lines.push(`CREATE SCHEMA ${(0,recovery_sql/* quoteIdent */.v4)(plan.schema)};`);
    for (const copy of plan.copies) {
        if (copy.create) {
            lines.push(...copy.create.beforeCopy.map((statement) => `${statement};`), `-- rows of: ${copy.select}`, `${(0,recovery_sql/* copyInSql */.$3)(copy.into, copy.columns, copy.format)};`, ...copy.create.afterCopy.map((statement) => `${statement};`));
        }
        else
            lines.push(`-- rows of: ${copy.select}`, `${(0,recovery_sql/* copyInSql */.$3)('<staging>', copy.columns, copy.format)};`, `INSERT INTO ${copy.into} … WHERE NOT EXISTS (a row with the same ${keyList(copy.merge)}); ` +
                `-- again with ON CONFLICT (${keyList(copy.merge)}) DO NOTHING if a concurrent write adds one of the keys`);
    }
    lines.push(...foreignKeyStatements(plan.recreation?.foreignKeys ?? []));
    lines.push(...(plan.recreation?.notes ?? []).map((note) => `-- ${note}`), 'COMMIT;');
    return lines;
}
const keyList = (merge) => merge.keyColumns.map(recovery_sql/* quoteIdent */.v4).join(', ');
/** The past (a time-travel connection) and the live branch; the past is not left open when the live one fails. */
async function connectBoth(pastUri, liveUri) {
    const past = await (0,postgres/* connect */.Ng)(pastUri);
    try {
        return [past, await (0,postgres/* connect */.Ng)(liveUri)];
    }
    catch (error) {
        await past.end().catch(() => undefined);
        throw error;
    }
}


/***/ })

};
