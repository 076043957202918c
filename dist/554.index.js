export const id = 554;
export const ids = [554];
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

/***/ 554:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   describe: () => (/* binding */ describe),
/* harmony export */   execute: () => (/* binding */ execute),
/* harmony export */   plan: () => (/* binding */ plan),
/* harmony export */   planUndo: () => (/* binding */ planUndo),
/* harmony export */   report: () => (/* binding */ report)
/* harmony export */ });
/* harmony import */ var _changes_undo_sql_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(666);
/* harmony import */ var _point_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9525);
/* harmony import */ var _postgres_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9517);
/* harmony import */ var _recovery_sql_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(7165);
/* harmony import */ var _changes_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7806);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9425);
/* harmony import */ var _branch_connection_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9445);
/* harmony import */ var _lineage_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(555);
/* harmony import */ var _undo_report_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1345);









const plan = (settings, gateway, context) => planUndo(settings, gateway, context, { strict: true });
const describe = _undo_report_js__WEBPACK_IMPORTED_MODULE_6__/* .describeUndo */ .WJ;
const report = _undo_report_js__WEBPACK_IMPORTED_MODULE_6__/* .reportUndo */ .Z6;
/**
 * The plan, read without changing anything. `strict`: a table whose undo is refused is an input error; otherwise
 * (bisect, whose tables came from the check's plan) the undo goes on with the others and reports it.
 */
async function planUndo(settings, gateway, context, { strict }) {
    const branch = await (0,_common_js__WEBPACK_IMPORTED_MODULE_4__/* .resolveBranch */ .pd)(gateway, settings.branch);
    const located = await (0,_lineage_js__WEBPACK_IMPORTED_MODULE_5__/* .locateBounds */ .uV)(gateway, branch, settings, settings.history);
    const connection = await (0,_branch_connection_js__WEBPACK_IMPORTED_MODULE_7__/* .connectionTo */ .mQ)(branch, settings, gateway, context, 'recover');
    const [good, bad] = await Promise.all([settings.good, settings.bad].map((point) => (0,_branch_connection_js__WEBPACK_IMPORTED_MODULE_7__/* .pointUri */ .Pl)(connection, point, context, located.good.branch)));
    checkOrder(settings, good.lsn, bad.lsn);
    const uris = { live: connection.uri, good: good.uri, bad: bad.uri };
    const planned = await planTables(settings, uris);
    if (strict && planned.refused.length > 0) {
        throw new Error(planned.refused.map(({ table, reason }) => `tables: ${table} cannot be undone: ${reason}`).join('\n') +
            '\n(leave it out of tables, or recover it with mode: merge or mode: schema)');
    }
    const { database, role } = connection;
    return { settings, branch, on: located.good, database, role, uris, ...planned };
}
/** good must come before bad: an LSN before an LSN, a time before a time (a mix is checked by Neon's answer). */
function checkOrder(settings, good, bad) {
    const { good: g, bad: b } = settings;
    const times = g.kind === 'timestamp' && b.kind === 'timestamp' && Date.parse(g.timestamp) >= Date.parse(b.timestamp);
    if ((good !== undefined && bad !== undefined && good >= bad) || times) {
        throw new Error(`good: ${(0,_point_js__WEBPACK_IMPORTED_MODULE_1__/* .describePoint */ .yR)(g)} is not before bad: ${(0,_point_js__WEBPACK_IMPORTED_MODULE_1__/* .describePoint */ .yR)(b)}; give bisect's last-good-lsn as good ` +
            'and its first-bad-lsn as bad');
    }
}
async function planTables(settings, uris) {
    const [before, after, live] = await Promise.all([(0,_changes_js__WEBPACK_IMPORTED_MODULE_3__/* .openAt */ ._8)(uris.good), (0,_changes_js__WEBPACK_IMPORTED_MODULE_3__/* .openAt */ ._8)(uris.bad), (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_2__/* .connect */ .Ng)(uris.live)]);
    try {
        const label = { before: `good (${(0,_point_js__WEBPACK_IMPORTED_MODULE_1__/* .describePoint */ .yR)(settings.good)})`, after: `bad (${(0,_point_js__WEBPACK_IMPORTED_MODULE_1__/* .describePoint */ .yR)(settings.bad)})` };
        const compared = await (0,_changes_js__WEBPACK_IMPORTED_MODULE_3__/* .compareTables */ .Dz)(before, after, settings.tables, label, settings.where).catch((error) => {
            throw new Error(`tables: ${error.message}`);
        });
        const tables = [];
        const refused = [];
        for (const table of compared) {
            if (settings.where !== undefined) {
                // User SQL, parsed on the read-only past before anything is written (a second statement is refused).
                await (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_2__/* .checkSelect */ .X2)(before, table.select).catch((error) => {
                    throw new Error(`where: ${error.message} (in ${table.select})`);
                });
            }
            const reason = table.comparison.undoRefusal ?? (await headRefusal(live, table));
            if (reason)
                refused.push({ table: table.table, reason });
            else
                tables.push({ ...table, target: await targetOf(live, table, tables.length) });
        }
        const preview = settings.dryRun
            ? await sequential(compared, async (table) => ({
                table: table.table,
                diff: await (0,_changes_js__WEBPACK_IMPORTED_MODULE_3__/* .diffTable */ .Y8)(before, after, table)
            }))
            : undefined;
        return { tables, refused, preview };
    }
    finally {
        await Promise.all([before, after, live].map((client) => client.end().catch(() => undefined)));
    }
}
async function sequential(items, work) {
    const results = [];
    for (const item of items)
        results.push(await work(item));
    return results;
}
/** The table at head must still be the one compared: the same primary key and columns (types included). */
async function headRefusal(live, table) {
    const head = await (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_2__/* .readTableShape */ .Yr)(live, (0,_recovery_sql_js__WEBPACK_IMPORTED_MODULE_8__/* .qualifiedName */ .OL)(table.shape.schema, table.shape.name));
    if (!head)
        return 'it no longer exists at head (recover it with mode: schema)';
    const { layout } = table.comparison;
    const key = layout.key.map((index) => layout.columns[index]);
    if (head.primaryKey?.columns.join(',') !== key.join(','))
        return 'its primary key at head differs from the one at bad';
    const types = new Map(head.columns.filter((column) => !column.generated).map((column) => [column.name, column.type]));
    const past = new Map(table.shape.columns.map((column) => [column.name, column.type]));
    const same = types.size === layout.columns.length && layout.columns.every((name) => types.get(name) === past.get(name));
    return same ? undefined : 'its columns at head differ from those at bad (the table was altered since)';
}
async function targetOf(live, table, index) {
    const head = (await (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_2__/* .readTableShape */ .Yr)(live, (0,_recovery_sql_js__WEBPACK_IMPORTED_MODULE_8__/* .qualifiedName */ .OL)(table.shape.schema, table.shape.name)));
    const { layout } = table.comparison;
    return {
        into: (0,_recovery_sql_js__WEBPACK_IMPORTED_MODULE_8__/* .qualifiedName */ .OL)(head.schema, head.name),
        columns: layout.columns,
        keyColumns: layout.key.map((position) => layout.columns[position]),
        alwaysIdentity: head.columns.filter((column) => column.identity === 'a').map((column) => column.name),
        staging: (0,_recovery_sql_js__WEBPACK_IMPORTED_MODULE_8__/* .quoteIdent */ .v4)(`nra_undo_${index}`)
    };
}
async function execute(plan, _gateway, context) {
    const started = Date.now();
    const { uris } = plan;
    const [before, after, live] = await Promise.all([(0,_changes_js__WEBPACK_IMPORTED_MODULE_3__/* .openAt */ ._8)(uris.good), (0,_changes_js__WEBPACK_IMPORTED_MODULE_3__/* .openAt */ ._8)(uris.bad), (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_2__/* .connect */ .Ng)(uris.live)]);
    let current;
    try {
        await live.query('BEGIN');
        // The staged values are the text the past sessions printed: read back under the same settings.
        await (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_2__/* .canonicalText */ .A4)(live);
        const tables = [];
        for (const table of plan.tables) {
            current = table;
            tables.push(await undoTable(before, after, live, table));
            context.info(`${table.table}: ${JSON.stringify(tables[tables.length - 1], ['restored', 'reverted', 'removed'])}`);
        }
        current = undefined;
        await live.query('COMMIT');
        return { tables, ms: Date.now() - started };
    }
    catch (error) {
        await live.query('ROLLBACK').catch(() => undefined);
        const where = current ? ` while undoing the changes to ${current.table}` : '';
        throw new Error(`the undo failed${where}; nothing was changed on ${plan.branch.name} (the transaction was rolled back): ${error.message}`);
    }
    finally {
        await Promise.all([before, after, live].map((client) => client.end().catch(() => undefined)));
    }
}
/** Stages the rows the diff finds changed, then runs the three statements and reads what is left as conflicts. */
async function undoTable(before, after, live, table) {
    const { target } = table;
    await live.query((0,_changes_undo_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .stagingTableSql */ .I)(target));
    const writer = (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_2__/* .copyWriter */ .XS)(live, (0,_changes_undo_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .stagingCopySql */ .Rg)(target));
    const stage = async (kind, old, now) => {
        if (kind !== 'inserted')
            await writer.write((0,_changes_undo_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .stagingLine */ .GE)('l', old));
        if (kind !== 'deleted')
            await writer.write((0,_changes_undo_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .stagingLine */ .GE)('b', now));
    };
    let diff;
    try {
        diff = await (0,_changes_js__WEBPACK_IMPORTED_MODULE_3__/* .diffTable */ .Y8)(before, after, table, stage);
    }
    finally {
        // Ended whatever happened, so the connection leaves COPY mode and the rollback can run.
        await writer.end().catch((error) => {
            if (diff)
                throw error;
        });
    }
    for (const sql of (0,_changes_undo_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .stagingIndexSql */ .qZ)(target))
        await live.query(sql);
    const statements = (0,_changes_undo_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .undoSql */ .PR)(target);
    const count = async (sql) => (await live.query(sql)).rows[0].count;
    const restored = await count(statements.restore);
    const reverted = await count(statements.revert);
    const removed = await count(statements.remove);
    const conflicts = (await live.query((0,_changes_undo_sql_js__WEBPACK_IMPORTED_MODULE_0__/* .conflictsSql */ .uc)(target))).rows[0];
    return { table: table.table, diff, restored, reverted, removed, conflicts };
}


/***/ })

};
