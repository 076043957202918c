export const id = 659;
export const ids = [659];
export const modules = {

/***/ 4761:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NI: () => (/* binding */ Gantt),
/* harmony export */   Tg: () => (/* binding */ Flowchart)
/* harmony export */ });
/* unused harmony export mermaidText */
/**
 * A tiny Mermaid text builder: flowcharts and gantt charts, node ids generated (n0, n1, ...), and one escaping
 * function for every piece of user text. Pure: no I/O.
 *
 * Where GitHub renders these (checked 2026-12 with the search tool):
 * - GitHub renders a fenced code block whose language is `mermaid` as a diagram "in GitHub Issues, GitHub
 *   Discussions, pull requests, wikis, and Markdown files" (docs.github.com, get-started/writing-on-github/
 *   working-with-advanced-formatting/creating-diagrams; github.blog/2022-02-14-include-diagrams-markdown-files-mermaid).
 * - Job summaries: a summary is GitHub flavored Markdown (the runner renders GITHUB_STEP_SUMMARY as Markdown;
 *   GitHub's announcement, github.blog/2022-05-09-supercharging-github-actions-with-job-summaries, is cited that
 *   way by many actions' pull requests), and a third-party write-up of that announcement is titled "...「Mermaid」
 *   の作図も表現できる" (Mermaid drawings work too; atmarkit.itmedia.co.jp/ait/articles/2205/12/news058.html). The
 *   docs page above does not list job summaries by name, so GitHub's own docs leave it unclear; the tables
 *   beside each diagram carry the same facts, so nothing is lost where the fence stays a code block.
 * - GitHub Enterprise Server renders Mermaid from 3.6 on (github/docs data/features/mermaid.yml: `ghes: '>=3.6'`;
 *   github.com/orgs/community/discussions/14551). Older GHES shows the fence as a code block.
 * - Which Mermaid version GitHub runs is not documented (it changes; a ```mermaid `info` block shows it), so the
 *   syntax here stays with what Mermaid has had for years: `flowchart`, quoted labels, `-->`/`-.->` edges with
 *   `|label|`, gantt with `dateFormat x` and explicit start and end times.
 */
/** Longer user text is cut to this many characters with "…": a diagram is for a glance, the tables hold all. */
const LABEL_MAX_CHARS = 60;
/**
 * User text as Mermaid label text: every character that could end a label, start a comment, open markup or a
 * Markdown string, or close the ```mermaid fence becomes a decimal Mermaid entity code (`#35;` for `#`; Mermaid has
 * had them since 0.5.2, github.com/knsv/mermaid/issues/193, and turns them into HTML entities before parsing:
 * encodeEntities in mermaid's Diagram.fromText); line breaks become spaces (a diagram statement is one line).
 */
function mermaidText(text) {
    const flat = text.replace(/[\r\n\t\u2028\u2029]+/g, ' ');
    const chars = [...flat];
    const short = chars.length > LABEL_MAX_CHARS ? `${chars.slice(0, LABEL_MAX_CHARS - 1).join('')}…` : flat;
    return short.replace(/[#"&<>`;:%|]/g, (char) => `#${char.charCodeAt(0)};`);
}
const SHAPES = { box: ['[', ']'], round: ['(', ')'], stadium: ['([', '])'] };
class Flowchart {
    lines = [];
    count = 0;
    constructor(direction = 'TD') {
        this.lines.push(`flowchart ${direction}`);
    }
    /** Adds a node and returns its generated id. `lines` are shown one under another. */
    node(lines, shape = 'box') {
        const id = `n${this.count++}`;
        const [open, close] = SHAPES[shape];
        this.lines.push(`  ${id}${open}"${lines.map(mermaidText).join('<br/>')}"${close}`);
        return id;
    }
    /** A solid edge for "came from", a dotted one for "kept as" or "skipped". */
    edge(from, to, label, style = 'solid') {
        const arrow = style === 'solid' ? '-->' : '-.->';
        this.lines.push(`  ${from} ${arrow}${label ? `|"${mermaidText(label)}"|` : ''} ${to}`);
        return this;
    }
    toString() {
        return this.lines.join('\n');
    }
}
/** A gantt chart on a millisecond axis from 0 (the first task's start): for phases measured in ms. */
class Gantt {
    lines;
    count = 0;
    constructor(title) {
        // `x` is a Unix time in ms: the tasks start at 0 (1970-01-01), so the axis shows minutes and seconds.
        this.lines = ['gantt', `  title ${mermaidText(title)}`, '  dateFormat x', '  axisFormat %M:%S', '  todayMarker off'];
    }
    section(name) {
        this.lines.push(`  section ${mermaidText(name)}`);
        return this;
    }
    task(name, startMs, endMs, state) {
        const id = `t${this.count++}`;
        const tags = [state, id].filter(Boolean).join(', ');
        // A zero-length task draws nothing: give it 1 ms so a phase that took no time still shows.
        const end = Math.max(Math.round(endMs), Math.round(startMs) + 1);
        this.lines.push(`  ${mermaidText(name)} :${tags}, ${Math.round(startMs)}, ${end}`);
        return this;
    }
    toString() {
        return this.lines.join('\n');
    }
}


/***/ }),

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


/***/ })

};
