export const id = 474;
export const ids = [474];
export const modules = {

/***/ 833:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cc: () => (/* binding */ CancelledError),
/* harmony export */   mT: () => (/* binding */ Cancellation),
/* harmony export */   qO: () => (/* binding */ handleCancellation)
/* harmony export */ });
/**
 * Cancellation of the main step. When a workflow run is cancelled, the runner sends SIGINT, then SIGTERM
 * 7.5 s later, then SIGKILL 2.5 s after that. On the first signal the step stops starting new work (the gateway
 * sends no new change to Neon, except deletions), waits briefly for requests already on the wire, deletes the
 * ephemeral branches of this run and exits non-zero. A change Neon already accepted (a restore, say) completes
 * there on its own; Neon's restore keeps the overwritten state as the backup branch in the same operation, so
 * a restore is either done with its backup or not started. The post step sweeps whatever is still left.
 */
/** Raised by the gateway for a change it was asked to send after the step was cancelled. */
class CancelledError extends Error {
    constructor(what, signal) {
        super(`${what}: not sent, the step was cancelled (${signal})`);
        this.name = 'CancelledError';
    }
}
class Cancellation {
    signal;
    get cancelled() {
        return this.signal !== undefined;
    }
    get reason() {
        return this.signal;
    }
    cancel(signal) {
        this.signal ??= signal;
    }
    /** Throws a CancelledError naming `what` once the step is cancelled. */
    check(what) {
        if (this.signal !== undefined)
            throw new CancelledError(what, this.signal);
    }
}
/**
 * Installs handlers for SIGINT and SIGTERM. The first one cancels and cleans up, then exits 1; later ones
 * (the runner's SIGTERM after its SIGINT) only say that cleanup is under way.
 */
function handleCancellation(options) {
    const { cancellation, deadlineMs = 8000 } = options;
    let cleaning = false;
    const onSignal = (signal) => {
        if (cleaning) {
            options.info(`${signal} received: still deleting this run's ephemeral branches`);
            return;
        }
        cleaning = true;
        cancellation.cancel(signal);
        options.info(`${signal} received: the step was cancelled; starting no new change, cleaning up`);
        const deadline = new Promise((resolve) => setTimeout(resolve, deadlineMs).unref());
        Promise.race([options.cleanup(signal).catch(() => undefined), deadline]).finally(() => {
            options.report(`The step was cancelled (${signal}). No new change was started after it; a restore Neon had already ` +
                'accepted completes there with its backup branch. Check the branch before running again.');
            options.exit(1);
        });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    return () => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    };
}


/***/ }),

/***/ 7607:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   a3: () => (/* binding */ formatDuration)
/* harmony export */ });
/* unused harmony export DURATION_EXAMPLES */
/** Durations as users write them in workflow inputs: a whole number and a unit, e.g. `30s`, `90m`, `2h`, `7d`, `1w`. */
const UNIT_MS = {
    s: 1000,
    m: 60 * 1000,
    h: 60 * 60 * 1000,
    d: 24 * 60 * 60 * 1000,
    w: 7 * 24 * 60 * 60 * 1000
};
const DURATION_PATTERN = /^(\d+)\s*([smhdw])$/;
const DURATION_EXAMPLES = '30s, 90m, 2h, 7d or 1w';
/** Returns milliseconds; throws for anything that is not a positive whole number with a unit. */
function parseDuration(text) {
    const match = DURATION_PATTERN.exec(text.trim().toLowerCase());
    if (!match) {
        throw new Error(`"${text}" is not a duration (expected a whole number and a unit: ${DURATION_EXAMPLES})`);
    }
    const amount = Number(match[1]);
    if (amount === 0) {
        throw new Error(`"${text}" is zero (expected a positive duration: ${DURATION_EXAMPLES})`);
    }
    return amount * UNIT_MS[match[2]];
}
/** Short human form for summaries and logs: `850 ms`, `12.3 s`, `4 min 05 s`, `2 h 03 min`. */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(1)} s`;
    const totalSeconds = Math.round(ms / 1000);
    const hours = Math.floor(totalSeconds / 3600);
    const minutes = Math.floor((totalSeconds % 3600) / 60);
    const seconds = totalSeconds % 60;
    if (hours === 0)
        return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
    return `${hours} h ${String(minutes).padStart(2, '0')} min`;
}


/***/ }),

/***/ 6264:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TK: () => (/* binding */ expiryTime),
/* harmony export */   dh: () => (/* binding */ compactTime),
/* harmony export */   fU: () => (/* binding */ formatTime),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
/** How times are written everywhere the action shows them: RFC 3339, UTC, milliseconds. */
function formatTime(time) {
    const date = typeof time === 'number' ? new Date(time) : time;
    if (Number.isNaN(date.getTime())) {
        throw new RangeError('formatTime: invalid date');
    }
    return date.toISOString();
}
/** `20261124T063357Z`: sortable and safe inside branch names and schema names (no `:` or `.`). */
function compactTime(time) {
    return formatTime(time)
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
}
/** An expiry `inMs` after `now`, as Neon wants it: RFC 3339 with at most second precision. */
function expiryTime(now, inMs) {
    const start = typeof now === 'number' ? now : now.getTime();
    return formatTime(start + inMs).replace(/\.\d{3}Z$/, 'Z');
}
/**
 * A size in binary units, as the summaries print it: `8 bytes`, `24 KiB`, `512.0 MiB`. `whole` drops the
 * decimal of a whole number (`512 MiB`), `exact` adds the byte count (`1.5 KiB (1536 bytes)`).
 */
function formatBytes(bytes, { whole = false, exact = false } = {}) {
    const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = Number(bytes);
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    if (unit === 0)
        return `${value} bytes`;
    const text = `${whole && Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
    return exact ? `${text} (${bytes} bytes)` : text;
}


/***/ }),

/***/ 8422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OH: () => (/* binding */ GITHUB_TOKEN_DEFAULT),
/* harmony export */   _U: () => (/* binding */ isSelfHosted),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   mc: () => (/* binding */ INPUTS),
/* harmony export */   sb: () => (/* binding */ readSettings),
/* harmony export */   si: () => (/* binding */ readsInput),
/* harmony export */   xb: () => (/* binding */ OPERATIONS)
/* harmony export */ });
/* unused harmony exports BACKENDS, NEON_API_HOST, DEFAULT_NAMES, MAX_EXPIRY_MS, MAX_PARALLELISM, SEVERAL_PROJECTS, inputsReadBy, parseBoolean */
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7607);
/* harmony import */ var _point_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9525);
/* harmony import */ var _retention_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7449);
/* harmony import */ var _selfhosted_backup_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7375);
/* harmony import */ var _selfhosted_conninfo_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2159);
/* harmony import */ var _template_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5237);
/**
 * Every input read and validated in one place, before any API call. The result is one typed settings
 * object per operation. Problems are collected, so a user fixing a workflow sees all of them at once.
 *
 * GitHub passes every input: unset ones arrive as their action.yml default, or as "" when the action runs
 * outside a workflow (tests, the demo). So "set" means non-empty and different from the default.
 */






const OPERATIONS = [
    'snapshot',
    'restore',
    'bisect',
    'query',
    'verify',
    'prune',
    'recover',
    'undelete',
    'projects'
];
/** Where the database lives: Neon (its API), or a self-hosted PostgreSQL's base backup and WAL archive. */
const BACKENDS = ['neon', 'postgres'];
const NEON_API_HOST = 'https://console.neon.tech/api/v2';
/**
 * action.yml's default of github-token: the runner passes the workflow's token in its place, so this text
 * arrives only where no runner evaluated it (the tests' runner, local-action): then there is no token.
 */
const GITHUB_TOKEN_DEFAULT = '${{ github.token }}';
/**
 * Names and defaults must match action.yml (a unit test compares them). Which operation uses an input is not
 * listed here: it is what that operation's reader reads (`inputsReadBy`).
 */
const INPUTS = {
    operation: { default: 'snapshot' },
    backend: { default: 'neon' },
    backup: { default: '' },
    'restore-command': { default: '' },
    'pg-bin': { default: '' },
    'api-key': { default: '' },
    'project-id': { default: '' },
    'org-id': { default: '' },
    region: { default: '' },
    'api-host': { default: NEON_API_HOST },
    branch: {
        default: '',
        misplaced: { prune: 'prune chooses what to delete by name: put the branch in match (e.g. match: main-snapshot-*)' }
    },
    'dry-run': { default: 'false' },
    comment: { default: 'false' },
    'github-token': { default: GITHUB_TOKEN_DEFAULT },
    at: {
        default: 'head',
        misplaced: {
            restore: 'restore takes its point from source (write it there, e.g. source: ^self@90m ago)',
            bisect: 'bisect searches between the points good and bad (set those instead)'
        }
    },
    source: { default: '' },
    history: { default: '' },
    kind: { default: 'branch' },
    name: { default: '' },
    'expires-in': { default: '' },
    protected: { default: 'false' },
    database: { default: '' },
    role: { default: '' },
    confirm: { default: '' },
    check: { default: '' },
    good: { default: '' },
    bad: { default: 'head' },
    parallelism: { default: '3' },
    probe: { default: 'time-travel' },
    then: { default: 'report' },
    'check-timeout': { default: '30s' },
    'recovery-timeout': { default: '1h' },
    sql: { default: '' },
    checks: { default: '' },
    'checks-file': { default: '' },
    match: { default: '' },
    'keep-last': { default: '' },
    'keep-hourly': { default: '' },
    'keep-daily': { default: '' },
    'keep-weekly': { default: '' },
    'older-than': { default: '' },
    tables: { default: '' },
    where: { default: '' },
    into: { default: '' },
    mode: { default: 'schema' },
    'database-url': { default: '' },
    'verify-standby': { default: '' },
    'standby-timeout': { default: '5m' }
};
/** What each operation names the thing it creates, unless `name` says otherwise. */
const DEFAULT_NAMES = {
    snapshot: '{branch}-snapshot-{run_id}',
    /** The Neon console's backup naming. */
    backup: '{branch}_old_{timestamp}',
    recovery: '{branch}-recovered-{run_id}'
};
/** Neon accepts expiry at most 30 days ahead. */
const MAX_EXPIRY_MS = 30 * 24 * 60 * 60 * 1000;
const MAX_PARALLELISM = 16;
/** The operations that work through a comma list of project-id one project after another (src/operations/several.ts). */
const SEVERAL_PROJECTS = ['verify', 'prune'];
function isSelfHosted(settings) {
    return 'backend' in settings && settings.backend === 'postgres';
}
class InputError extends Error {
    problems;
    constructor(problems) {
        super(problems.join('\n'));
        this.problems = problems;
        this.name = 'InputError';
    }
}
/** Reads and validates every input; throws InputError listing every problem found. */
function readSettings({ getInput, now }) {
    const reader = new Reader(getInput);
    const operation = reader.parse('operation', parseOperation, 'snapshot');
    const backend = reader.parse('backend', (text) => oneOf(text, BACKENDS), undefined);
    // Without a backend no input can be judged: every other one would be "not used".
    if (!backend)
        throw new InputError(reader.problems);
    reader.operation = operation;
    const read = backend === 'postgres' ? selfHostedReader(operation) : READERS[operation];
    const settings = read(reader, now);
    reader.rejectUnread(operation, backend);
    if (reader.problems.length > 0)
        throw new InputError(reader.problems);
    return settings;
}
/** The operations that work with backend: postgres so far; the others are refused before anything starts. */
const SELF_HOSTED_READERS = {
    verify: (reader, now) => {
        const backend = backendInputs(reader, now);
        return { operation: 'verify', ...backend, ...checksInputs(reader), standby: standbyInputs(reader, backend.at) };
    },
    query: (reader, now) => ({
        operation: 'query',
        ...backendInputs(reader, now),
        sql: reader.required('sql', 'the SQL to run')
    }),
    recover: (reader, now) => {
        const backend = backendInputs(reader, now);
        const mode = reader.parse('mode', (text) => oneOf(text, ['schema', 'merge']), 'schema');
        const databaseUrl = reader.parse('database-url', parseDatabaseUrl, '');
        return { operation: 'recover', ...backend, databaseUrl, ...recoverInputs(reader, backend.at, mode) };
    },
    bisect: (reader, now) => ({ operation: 'bisect', ...archiveInputs(reader), ...selfHostedBisectInputs(reader, now) })
};
/** bisect over an archive: it restores to good and replays forward, so good is a time or an LSN, never head. */
function selfHostedBisectInputs(reader, now) {
    const check = reader.required('check', 'an SQL query returning one boolean, true while the data is healthy');
    const good = reader.parse('good', (text) => {
        const point = text ? (0,_point_js__WEBPACK_IMPORTED_MODULE_1__/* .parsePoint */ .iL)(text, now) : _point_js__WEBPACK_IMPORTED_MODULE_1__/* .HEAD */ .Vx;
        if (point.kind === 'head')
            throw new Error('must be a time or an LSN where the check passes (e.g. good: 2h ago): the restore pauses there and replays forward');
        return point;
    }, _point_js__WEBPACK_IMPORTED_MODULE_1__/* .HEAD */ .Vx);
    return {
        check,
        good,
        bad: pointInput(reader, 'bad', now),
        parallelism: reader.parse('parallelism', (text) => parseCount(text, 1, MAX_PARALLELISM), 3),
        checkTimeoutMs: reader.parse('check-timeout', _duration_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDuration */ .E9, 30_000)
    };
}
function selfHostedReader(operation) {
    const read = SELF_HOSTED_READERS[operation];
    if (read)
        return read;
    const available = Object.keys(SELF_HOSTED_READERS).join(', ');
    throw new InputError([
        `operation: ${operation} is not yet available with backend: postgres (it offers ${available}): ` +
            `use one of those, or backend: neon for ${operation} on Neon`
    ]);
}
/**
 * The inputs `operation` reads with either backend, found by running its readers on unset inputs: what the
 * readers read is the one record of which operation uses which input, so no list can drift from the code.
 */
function inputsReadBy(operation) {
    let read = READS.get(operation);
    if (!read) {
        read = new Set(['backend', ...readBy(operation, 'neon'), ...readBy(operation, 'postgres')]);
        READS.set(operation, read);
    }
    return read;
}
const READS = new Map();
/** The inputs `operation`'s reader for `backend` reads (none when the backend does not offer it). */
function readBy(operation, backend) {
    const reader = new Reader((name) => (name === 'operation' ? operation : ''));
    reader.parse('operation', parseOperation, operation);
    reader.operation = operation;
    const read = backend === 'neon' ? READERS[operation] : SELF_HOSTED_READERS[operation];
    read?.(reader, new Date());
    return read ? reader.read : new Set();
}
/** Whether `operation` reads the input `name`. */
function readsInput(operation, name) {
    return inputsReadBy(operation).has(name);
}
/** Each operation's inputs: the common ones, the branch it works on, where it connects, and its own. */
const READERS = {
    snapshot: (reader, now) => ({
        operation: 'snapshot',
        ...commonInputs(reader),
        ...connectionInputs(reader),
        ...lineageInputs(reader),
        ...snapshotInputs(reader, pointInput(reader, 'at', now))
    }),
    restore: (reader, now) => ({
        operation: 'restore',
        ...commonInputs(reader),
        ...lineageInputs(reader),
        ...restoreInputs(reader, now)
    }),
    bisect: (reader, now) => ({
        operation: 'bisect',
        ...commonInputs(reader),
        ...connectionInputs(reader),
        ...lineageInputs(reader),
        ...bisectInputs(reader, (name) => pointInput(reader, name, now))
    }),
    query: (reader, now) => ({
        operation: 'query',
        ...commonInputs(reader),
        ...connectionInputs(reader),
        ...lineageInputs(reader),
        sql: reader.required('sql', 'the SQL to run'),
        at: pointInput(reader, 'at', now)
    }),
    verify: (reader, now) => ({
        operation: 'verify',
        ...commonInputs(reader),
        ...connectionInputs(reader),
        ...lineageInputs(reader),
        ...verifyInputs(reader, now, pointInput(reader, 'at', now))
    }),
    prune: (reader) => ({ operation: 'prune', ...commonInputs(reader, { branch: false }), ...pruneInputs(reader) }),
    recover: (reader, now) => {
        const common = { ...commonInputs(reader), ...connectionInputs(reader), ...lineageInputs(reader) };
        const mode = reader.parse('mode', (text) => oneOf(text, ['schema', 'merge', 'undo']), 'schema');
        const undo = undoInputs(reader, mode, (name) => pointInput(reader, name, now));
        if (mode === 'undo')
            return { operation: 'recover', ...common, ...undo };
        return { operation: 'recover', ...common, ...recoverInputs(reader, pointInput(reader, 'at', now), mode) };
    },
    undelete: (reader) => ({
        operation: 'undelete',
        ...commonInputs(reader),
        ...connectionInputs(reader),
        branch: reader.required('branch', 'the name or id of the deleted branch to bring back')
    }),
    projects: (reader) => ({
        operation: 'projects',
        apiKey: reader.apiKey(),
        apiHost: reader.parse('api-host', parseApiHost, NEON_API_HOST),
        projectId: '',
        projectIds: [],
        dryRun: false,
        orgId: reader.parseOptional('org-id', parseOrgId),
        match: reader.optional('match'),
        region: reader.parseOptional('region', parseRegion)
    })
};
/** Every operation reads these; all but prune (which chooses by name) work on one branch. */
function commonInputs(reader, { branch = true } = {}) {
    const apiKey = reader.apiKey();
    const several = SEVERAL_PROJECTS.includes(reader.operation);
    const projectIds = reader.parse('project-id', (text) => parseProjectIds(text, several, reader.operation), ['']);
    return {
        apiKey,
        projectId: projectIds[0],
        projectIds,
        apiHost: reader.parse('api-host', parseApiHost, NEON_API_HOST),
        branch: branch ? reader.optional('branch') : undefined,
        dryRun: reader.parse('dry-run', parseBoolean, false),
        comment: commentInputs(reader)
    };
}
/** The token is read whatever comment says: the runner always passes it (its default is the workflow's token). */
function commentInputs(reader) {
    const token = reader.raw('github-token');
    if (!reader.parse('comment', parseBoolean, false))
        return undefined;
    if (!token) {
        reader.fail('github-token', 'is empty, and comment: true needs a token that may write pull request comments: leave github-token unset ' +
            "(the workflow's token) or pass a secret that is set");
    }
    return { token: token === GITHUB_TOKEN_DEFAULT ? '' : token };
}
function lineageInputs(reader) {
    return { history: reader.optional('history') };
}
function connectionInputs(reader) {
    return { database: reader.optional('database'), role: reader.optional('role') };
}
function pointInput(reader, name, now) {
    return reader.parse(name, (text) => (0,_point_js__WEBPACK_IMPORTED_MODULE_1__/* .parsePoint */ .iL)(text, now), _point_js__WEBPACK_IMPORTED_MODULE_1__/* .HEAD */ .Vx);
}
function snapshotInputs(reader, at) {
    const kind = reader.parse('kind', (text) => oneOf(text, ['branch', 'snapshot']), 'branch');
    const expiresInMs = reader.parseOptional('expires-in', parseExpiry);
    const isProtected = reader.parse('protected', parseBoolean, false);
    if (isProtected && kind === 'snapshot') {
        reader.fail('protected', 'Neon snapshots cannot be protected (remove protected, or use kind: branch)');
    }
    for (const name of ['database', 'role']) {
        if (kind === 'snapshot' && reader.isSet(name)) {
            reader.fail(name, `is not used with kind: snapshot, which makes no connection (remove ${name}, or use kind: branch)`);
        }
    }
    if (isProtected && expiresInMs !== undefined) {
        reader.fail('expires-in', 'Neon does not let protected branches expire (remove expires-in or protected)');
    }
    return { at, kind, name: reader.template(DEFAULT_NAMES.snapshot), expiresInMs, protected: isProtected };
}
function restoreInputs(reader, now) {
    const source = reader.parse('source', (text) => {
        if (!text)
            throw new Error('is empty: restore needs a source (^self@<point>, <branch>[@<point>], snapshot:<id>)');
        return (0,_point_js__WEBPACK_IMPORTED_MODULE_1__/* .parseSource */ .PJ)(text, now);
    }, { kind: 'self', point: _point_js__WEBPACK_IMPORTED_MODULE_1__/* .HEAD */ .Vx });
    return { source, name: reader.template(DEFAULT_NAMES.backup), confirm: reader.optional('confirm') };
}
function bisectInputs(reader, point) {
    const check = reader.required('check', 'an SQL query returning one boolean, true while the data is healthy');
    if (reader.isEmpty('good')) {
        reader.fail('good', 'is empty: bisect needs a point where the check passes (e.g. good: 2h ago)');
    }
    const good = reader.isEmpty('good') ? _point_js__WEBPACK_IMPORTED_MODULE_1__/* .HEAD */ .Vx : point('good');
    const bad = point('bad');
    const parallelism = reader.parse('parallelism', (text) => parseCount(text, 1, MAX_PARALLELISM), 3);
    const probe = reader.parse('probe', (text) => oneOf(text, ['time-travel', 'branch']), 'time-travel');
    const then = reader.parse('then', (text) => oneOf(text, ['report', 'branch', 'restore', 'recover']), 'report');
    if ((then === 'report' || then === 'recover') && reader.isSet('name')) {
        reader.fail('name', 'only used with then: branch or then: restore (remove it, or choose one of those)');
    }
    if (then !== 'restore' && reader.isSet('confirm')) {
        reader.fail('confirm', 'only used with then: restore (remove it, or set then: restore)');
    }
    return {
        check,
        good,
        bad,
        parallelism,
        probe,
        then,
        checkTimeoutMs: reader.parse('check-timeout', _duration_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDuration */ .E9, 30_000),
        name: reader.template(then === 'restore' ? DEFAULT_NAMES.backup : DEFAULT_NAMES.recovery),
        confirm: reader.optional('confirm'),
        tables: reader.parseOptional('tables', parseTables)
    };
}
function verifyInputs(reader, now, at) {
    let snapshot;
    const sourceText = reader.optional('source');
    if (sourceText !== undefined) {
        const source = reader.parseOptional('source', (text) => (0,_point_js__WEBPACK_IMPORTED_MODULE_1__/* .parseSource */ .PJ)(text, now));
        if (source && source.kind !== 'snapshot') {
            reader.fail('source', `verify restores only snapshots ("snapshot:<id or name>"); for a branch point use at`);
        }
        else if (source) {
            snapshot = source.snapshot;
        }
        if (reader.isSet('at'))
            reader.fail('at', 'conflicts with source: a drill starts from a snapshot or a point, not both');
    }
    return { at, snapshot, ...checksInputs(reader) };
}
/** verify's checks, with either backend. */
function checksInputs(reader) {
    const checks = splitLines(reader.optional('checks') ?? '');
    const checksFile = reader.optional('checks-file');
    if (checks.length > 0 && checksFile !== undefined) {
        reader.fail('checks-file', 'conflicts with checks (give the checks inline or in a file, not both)');
    }
    if (checks.length === 0 && checksFile === undefined) {
        reader.fail('checks', 'is empty: verify needs checks (one SQL statement a line, each returning true) or checks-file');
    }
    return { checks, checksFile, checkTimeoutMs: reader.parse('check-timeout', _duration_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDuration */ .E9, 30_000) };
}
/** backend: postgres: no Neon inputs; the backup, its archive's restore_command, the binaries and the point. */
function backendInputs(reader, now) {
    return { ...archiveInputs(reader), at: pointInput(reader, 'at', now) };
}
/** backend: postgres without the point: the backup, its archive's restore_command, the binaries, where to read. */
function archiveInputs(reader) {
    const backup = reader.parse('backup', (text) => {
        if (!text)
            throw new Error(`is empty: backend: postgres restores a base backup (${_selfhosted_backup_js__WEBPACK_IMPORTED_MODULE_5__/* .BACKUP_EXAMPLES */ .BV})`);
        return (0,_selfhosted_backup_js__WEBPACK_IMPORTED_MODULE_5__/* .parseBackup */ .OD)(text);
    }, { kind: 'command', shell: '' });
    const restoreCommand = reader.parse('restore-command', parseRestoreCommand, '');
    return {
        backend: 'postgres',
        backup,
        restoreCommand,
        pgBin: reader.parseOptional('pg-bin', parseAbsolutePath),
        recoveryTimeoutMs: reader.parse('recovery-timeout', _duration_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDuration */ .E9, 3_600_000),
        dryRun: reader.parse('dry-run', parseBoolean, false),
        database: reader.optional('database') ?? 'postgres',
        role: reader.optional('role') ?? 'postgres'
    };
}
/**
 * verify-standby and standby-timeout (src/selfhosted/standby.ts). Only for the newest point: a standby replays
 * up to the primary's newest WAL, so it cannot stop at an earlier one, and a copy promoted there has forked its
 * own timeline, which cannot stream from the primary. The timeout is its own input, not check-timeout: catching
 * up with a busy primary takes minutes where a check takes seconds.
 */
function standbyInputs(reader, at) {
    const conninfo = reader.parseOptional('verify-standby', parseStandbyConninfo);
    const timeoutMs = reader.parse('standby-timeout', _duration_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDuration */ .E9, 300_000);
    if (conninfo === undefined) {
        if (reader.isSet('standby-timeout'))
            reader.fail('standby-timeout', 'only used with verify-standby (remove it, or set verify-standby)');
        return undefined;
    }
    if (at.kind !== 'head')
        reader.fail('verify-standby', `conflicts with at (${(0,_point_js__WEBPACK_IMPORTED_MODULE_1__/* .describePoint */ .yR)(at)}): a standby follows the primary to its newest WAL and cannot stop at ` +
            'an earlier point (a copy promoted there forks its own timeline, which cannot stream from the primary); ' +
            'remove at to prove the standby, or remove verify-standby to drill that point');
    return { conninfo, timeoutMs };
}
/** The message never quotes the value: it is a secret. */
function parseStandbyConninfo(text) {
    try {
        (0,_selfhosted_conninfo_js__WEBPACK_IMPORTED_MODULE_3__/* .parseConninfo */ .GL)(text);
    }
    catch (error) {
        throw new Error(`${error.message} (the value is not shown: it is a secret); give the primary's libpq connection ` +
            'string, e.g. verify-standby: ${{ secrets.PRIMARY_CONNINFO }} holding ' +
            '"host=db.internal user=replicator password=..." or postgres://replicator:password@db.internal:5432', { cause: error });
    }
    return text;
}
/**
 * recover's live database with backend: postgres: a postgres:// (or postgresql://) connection URL, as libpq and
 * node-postgres take it (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS).
 * The message never quotes the value: it is a secret.
 */
function parseDatabaseUrl(text) {
    const example = 'e.g. database-url: ${{ secrets.DATABASE_URL }} holding postgres://user:password@host:5432/db';
    if (!text)
        throw new Error(`is empty: recover with backend: postgres copies into a live database (${example})`);
    let url;
    try {
        url = new URL(text);
    }
    catch {
        url = undefined;
    }
    if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:'))
        throw new Error(`is not a postgres:// URL (the value is not shown: it is a secret); give one, ${example}`);
    return text;
}
function pruneInputs(reader) {
    const match = reader.required('match', 'a glob of the branch and snapshot names to consider, e.g. main-snapshot-*');
    const count = (name) => reader.parseOptional(name, (text) => parseCount(text, 0, 100_000));
    const policy = {
        keepLast: count('keep-last'),
        keepHourly: count('keep-hourly'),
        keepDaily: count('keep-daily'),
        keepWeekly: count('keep-weekly'),
        olderThanMs: reader.parseOptional('older-than', _duration_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDuration */ .E9)
    };
    const rules = ['keep-last', 'keep-hourly', 'keep-daily', 'keep-weekly', 'older-than'];
    const unreadable = reader.problems.some((problem) => rules.some((name) => problem.startsWith(`${name}:`)));
    // A policy of only zero counts would delete everything too.
    if (!unreadable && !(0,_retention_js__WEBPACK_IMPORTED_MODULE_2__/* .hasRules */ .w0)(policy)) {
        reader.fail('keep-last', 'prune needs a policy, or it would delete everything that matches: set keep-last, keep-hourly, keep-daily, keep-weekly or older-than');
    }
    return { match, ...policy };
}
function recoverInputs(reader, at, mode) {
    if (at.kind === 'head') {
        reader.fail('at', 'recover copies from a past point: set at to a time before the accident (e.g. at: 90m ago)');
    }
    const { tables, where } = tablesInputs(reader);
    const into = reader.parseOptional('into', parseIdentifier);
    if (into !== undefined && mode === 'merge') {
        reader.fail('into', 'is not used with mode: merge, which writes into the original tables (remove into)');
    }
    return { at, tables, where, into, mode };
}
/** The tables of recover and the one table's `where`. */
function tablesInputs(reader) {
    const tables = reader.parse('tables', parseTables, []);
    const where = reader.optional('where');
    if (where !== undefined && tables.length > 1) {
        reader.fail('where', 'applies to one table, but tables lists several (recover them in separate steps)');
    }
    return { tables, where };
}
/**
 * mode: undo reads good and bad (bisect's last-good-lsn and first-bad-lsn) instead of at; the other modes refuse
 * them. Both are read whatever the mode, so that pasted steps (src/operations/common.ts) know recover takes them.
 */
function undoInputs(reader, mode, point) {
    const given = { good: reader.isSet('good'), bad: reader.isSet('bad') };
    if (mode !== 'undo') {
        for (const name of ['good', 'bad'])
            if (given[name])
                reader.fail(name, 'is only used by recover with mode: undo (remove it, or set mode: undo)');
        return undefined;
    }
    if (reader.isSet('at'))
        reader.fail('at', 'is not used with mode: undo, which reads good and bad (remove at)');
    if (reader.isSet('into'))
        reader.fail('into', 'is not used with mode: undo, which writes into the original tables');
    if (!given.good)
        reader.fail('good', "is empty: mode: undo needs the last point before the bad change (bisect's last-good-lsn)");
    if (!given.bad) {
        reader.fail('bad', "is empty: mode: undo needs the first point after the bad change (bisect's first-bad-lsn), not head");
    }
    const good = given.good ? point('good') : _point_js__WEBPACK_IMPORTED_MODULE_1__/* .HEAD */ .Vx;
    const bad = given.bad ? point('bad') : _point_js__WEBPACK_IMPORTED_MODULE_1__/* .HEAD */ .Vx;
    return { mode: 'undo', good, bad, ...tablesInputs(reader) };
}
class Reader {
    getInput;
    problems = [];
    /** Every input read so far, whatever its value. */
    read = new Set();
    /** The operation whose inputs are read (set once `operation` is parsed). */
    operation = 'snapshot';
    constructor(getInput) {
        this.getInput = getInput;
    }
    /** The raw value, trimmed; "" when unset. Reading it marks the input as used. */
    raw(name) {
        this.read.add(name);
        return this.peek(name);
    }
    /** The raw value without marking the input as used. */
    peek(name) {
        return (this.getInput(name) ?? '').trim();
    }
    value(name) {
        return this.raw(name) || INPUTS[name].default;
    }
    isSet(name) {
        const raw = this.raw(name);
        return raw !== '' && raw !== INPUTS[name].default;
    }
    isEmpty(name) {
        return this.value(name) === '';
    }
    fail(name, problem) {
        this.problems.push(`${name}: ${problem}`);
    }
    /** Parses the value (or default); on error records it and returns the fallback, never used once a problem exists. */
    parse(name, parser, fallback) {
        try {
            return parser(this.value(name));
        }
        catch (error) {
            this.fail(name, error.message);
            return fallback;
        }
    }
    parseOptional(name, parser) {
        return this.isEmpty(name) ? undefined : this.parse(name, parser, undefined);
    }
    optional(name) {
        return this.value(name) || undefined;
    }
    required(name, what) {
        const value = this.value(name);
        if (!value)
            this.fail(name, `is empty: set it to ${what}`);
        return value;
    }
    template(operationDefault) {
        const template = this.value('name') || operationDefault;
        try {
            (0,_template_js__WEBPACK_IMPORTED_MODULE_4__/* .validateTemplate */ .dC)(template);
        }
        catch (error) {
            this.fail('name', error.message);
        }
        return template;
    }
    apiKey() {
        const key = this.raw('api-key');
        if (!key) {
            this.fail('api-key', 'is empty. Secrets are not passed to workflows triggered by pull requests from forks, and a misspelt secret ' +
                'name is empty too: pass api-key: ${{ secrets.NEON_API_KEY }} and run from a branch of this repository');
        }
        return key;
    }
    /**
     * Every input set to something other than its default that the operation's reader did not read is a mistake:
     * reported first, since it usually explains the others.
     */
    rejectUnread(operation, backend = 'neon') {
        const unread = Object.entries(INPUTS)
            .filter(([name, spec]) => !this.read.has(name) && this.peek(name) !== '' && this.peek(name) !== spec.default)
            .map(([name, spec]) => `${name}: ${spec.misplaced?.[operation] ?? notUsed(name, operation, backend)}`);
        this.problems.unshift(...unread);
    }
}
function notUsed(name, operation, backend) {
    const other = backend === 'neon' ? 'postgres' : 'neon';
    if (readBy(operation, other).has(name))
        return `is only used with backend: ${other} (remove it, or set backend: ${other})`;
    const users = OPERATIONS.filter((candidate) => readsInput(candidate, name));
    return `is not used by operation ${operation} (it applies to ${users.join(', ')}): remove it or change operation`;
}
/** PostgreSQL substitutes %f (the file asked for) and %p (where to put it): a command without them fetches nothing. */
function parseRestoreCommand(text) {
    if (!text) {
        throw new Error(`is empty: set it to the archive's restore_command, e.g. cp /archive/%f "%p" or pgbackrest --stanza=main archive-get %f "%p"`);
    }
    const missing = ['%f', '%p'].filter((placeholder) => !text.includes(placeholder));
    if (missing.length > 0) {
        throw new Error(`"${text}" has no ${missing.join(' and ')}: PostgreSQL puts the WAL file's name in %f and the path to write it ` +
            'to in %p (e.g. cp /archive/%f "%p")');
    }
    return text;
}
function parseAbsolutePath(text) {
    if (!text.startsWith('/'))
        throw new Error(`"${text}" is not an absolute path (e.g. /usr/lib/postgresql/16/bin)`);
    return text.replace(/\/+$/, '');
}
function parseOperation(text) {
    return oneOf(text, OPERATIONS);
}
function oneOf(text, allowed) {
    const value = text.toLowerCase();
    if (!allowed.includes(value))
        throw new Error(`"${text}" is not one of ${allowed.join(', ')}`);
    return value;
}
function parseProjectId(text) {
    if (!text)
        throw new Error('is empty: set it to your Neon project id (Settings → General in the Neon console)');
    if (!/^[a-z0-9-]{1,60}$/.test(text)) {
        throw new Error(`"${text}" is not a Neon project id (expected lower-case letters, digits and dashes like shiny-sun-12345678)`);
    }
    return text;
}
/**
 * One project id, or for verify and prune a comma list of them (each run in turn); duplicates are refused, since
 * running a drill twice on one project is never meant.
 */
function parseProjectIds(text, several, operation) {
    const entries = text.split(',').map((id) => id.trim());
    if (entries.length > 1 && !several) {
        throw new Error(`lists ${entries.length} projects, but ${operation} works on one: run one step a project (a matrix over ` +
            `operation: projects' output), or use verify or prune, which take a comma list`);
    }
    if (entries.length > 1 && entries.includes(''))
        throw new Error(`"${text}" has an empty entry in its comma list`);
    const ids = entries.map(parseProjectId);
    const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
    if (repeated.length > 0)
        throw new Error(`lists ${repeated[0]} more than once (name each project once)`);
    return ids;
}
/** Spec: listProjects `org_id` has the pattern ^[a-z0-9-]{1,60}$. */
function parseOrgId(text) {
    if (!/^[a-z0-9-]{1,60}$/.test(text)) {
        throw new Error(`"${text}" is not a Neon organization id (expected lower-case letters, digits and dashes like org-morning-bread-81040908)`);
    }
    return text;
}
/** Neon region ids are `<platform>-<region>`, e.g. aws-us-east-2 or azure-eastus2 (the spec's Project.region_id). */
function parseRegion(text) {
    if (!/^[a-z0-9]+-[a-z0-9-]+$/.test(text)) {
        throw new Error(`"${text}" is not a Neon region id (expected one like aws-us-east-2)`);
    }
    return text;
}
function parseApiHost(text) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new Error(`"${text}" is not a URL (expected ${NEON_API_HOST})`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new Error(`"${text}" is not an http(s) URL (expected ${NEON_API_HOST})`);
    }
    return text.replace(/\/+$/, '');
}
/** YAML 1.2 core booleans, as core.getBooleanInput accepts them. */
function parseBoolean(text) {
    if (['true', 'True', 'TRUE'].includes(text))
        return true;
    if (['false', 'False', 'FALSE'].includes(text))
        return false;
    throw new Error(`"${text}" is not a boolean (expected true or false)`);
}
function parseCount(text, min, max) {
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
        throw new Error(`"${text}" is not a whole number from ${min} to ${max}`);
    }
    return Number(text);
}
function parseExpiry(text) {
    const ms = (0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDuration */ .E9)(text);
    if (ms > MAX_EXPIRY_MS)
        throw new Error(`"${text}" is more than Neon's limit of 30 days (use 30d or less)`);
    return ms;
}
const IDENTIFIER = String.raw `(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")`;
const IDENTIFIER_PATTERN = new RegExp(`^${IDENTIFIER}$`);
const TABLE_PATTERN = new RegExp(`^${IDENTIFIER}(?:\\.${IDENTIFIER})?$`);
function parseIdentifier(text) {
    if (!IDENTIFIER_PATTERN.test(text) || text.length > 63) {
        throw new Error(`"${text}" is not a schema name (letters, digits and _, at most 63 characters, or "quoted")`);
    }
    return text;
}
function parseTables(text) {
    const tables = text
        .split(',')
        .map((table) => table.trim())
        .filter(Boolean);
    if (tables.length === 0)
        throw new Error('is empty: name the tables to recover, e.g. tables: public.orders, users');
    const bad = tables.filter((table) => !TABLE_PATTERN.test(table));
    if (bad.length > 0) {
        throw new Error(`${bad.map((table) => `"${table}"`).join(', ')} is not a table name (expected table or schema.table)`);
    }
    return tables;
}
/** One statement a line; blank lines and `--` comment lines are skipped. */
function splitLines(text) {
    return text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('--'));
}


/***/ }),

/***/ 2326:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DQ: () => (/* binding */ alignUp),
/* harmony export */   VG: () => (/* binding */ normalizeLsn),
/* harmony export */   Wq: () => (/* binding */ LSN_ALIGNMENT),
/* harmony export */   l2: () => (/* binding */ parseLsn),
/* harmony export */   rI: () => (/* binding */ formatLsn),
/* harmony export */   w: () => (/* binding */ isLsn)
/* harmony export */ });
/* unused harmony export alignDown */
const LSN_PATTERN = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;
/** Neon's storage rounds a branch point up to a multiple of 8 bytes: WAL records are 8-byte aligned. */
const LSN_ALIGNMENT = 8n;
function isLsn(text) {
    return LSN_PATTERN.test(text.trim());
}
function parseLsn(text) {
    const match = LSN_PATTERN.exec(text.trim());
    if (!match) {
        throw new Error(`"${text}" is not an LSN (expected hex like 0/16B3748)`);
    }
    return (BigInt('0x' + match[1]) << 32n) | BigInt('0x' + match[2]);
}
/** Formats as PostgreSQL does: upper-case hex, no leading zeros, e.g. `0/16B3748`. */
function formatLsn(lsn) {
    if (lsn < 0n || lsn > 0xffffffffffffffffn) {
        throw new RangeError(`LSN out of range: ${lsn}`);
    }
    const high = (lsn >> 32n).toString(16).toUpperCase();
    const low = (lsn & 0xffffffffn).toString(16).toUpperCase();
    return `${high}/${low}`;
}
function alignUp(lsn, alignment = LSN_ALIGNMENT) {
    const rest = lsn % alignment;
    return rest === 0n ? lsn : lsn + alignment - rest;
}
function alignDown(lsn, alignment = LSN_ALIGNMENT) {
    return lsn - (lsn % alignment);
}
/** Normalises any LSN text to PostgreSQL's canonical spelling. */
function normalizeLsn(text) {
    return formatLsn(parseLsn(text));
}


/***/ }),

/***/ 9525:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B6: () => (/* binding */ describeSource),
/* harmony export */   PJ: () => (/* binding */ parseSource),
/* harmony export */   Vx: () => (/* binding */ HEAD),
/* harmony export */   iL: () => (/* binding */ parsePoint),
/* harmony export */   yR: () => (/* binding */ describePoint)
/* harmony export */ });
/* unused harmony exports POINT_EXAMPLES, SOURCE_EXAMPLES */
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7607);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6264);
/* harmony import */ var _lsn_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2326);
/**
 * Points in a branch's history, as users write them in inputs, and restore sources built from them.
 * Parsing is pure: "now" is passed in, so relative times and the future check are testable.
 */



const HEAD = { kind: 'head' };
const POINT_EXAMPLES = 'head, an RFC 3339 timestamp like 2026-11-24T06:33:57Z, an LSN like 0/16B3748, or a relative time like 90m ago';
const TIMESTAMP_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;
const TIMESTAMP_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;
const RELATIVE_PATTERN = /^(.+?)\s+ago$/i;
function parsePoint(text, now) {
    const trimmed = text.trim();
    if (trimmed.toLowerCase() === 'head')
        return HEAD;
    if ((0,_lsn_js__WEBPACK_IMPORTED_MODULE_1__/* .isLsn */ .w)(trimmed))
        return { kind: 'lsn', lsn: (0,_lsn_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeLsn */ .VG)(trimmed) };
    if (trimmed.includes('/'))
        (0,_lsn_js__WEBPACK_IMPORTED_MODULE_1__/* .parseLsn */ .l2)(trimmed); // throws the LSN-specific message for near misses like 0/ZZZ
    const relative = RELATIVE_PATTERN.exec(trimmed);
    if (relative) {
        const ms = (0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDuration */ .E9)(relative[1]);
        return { kind: 'timestamp', timestamp: (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatTime */ .fU)(now.getTime() - ms) };
    }
    if (TIMESTAMP_WITHOUT_ZONE.test(trimmed)) {
        throw new Error(`"${text}" has no time zone (add Z for UTC, e.g. 2026-11-24T06:33:57Z, or an offset like +02:00)`);
    }
    if (TIMESTAMP_PATTERN.test(trimmed)) {
        const time = parseTimestamp(trimmed);
        if (time > now.getTime()) {
            throw new Error(`"${text}" is in the future (it is now ${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatTime */ .fU)(now)}; use a past time or head)`);
        }
        return { kind: 'timestamp', timestamp: (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatTime */ .fU)(time) };
    }
    throw new Error(`"${text}" is not a point (expected ${POINT_EXAMPLES})`);
}
/** Milliseconds since the epoch; rejects dates the calendar does not have (Date.parse would roll Feb 30 over). */
function parseTimestamp(text) {
    const [, year, month, day, hour, minute, second, , , offsetHours, offsetMinutes] = TIMESTAMP_PATTERN.exec(text);
    const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
    const valid = Number(month) >= 1 &&
        Number(month) <= 12 &&
        Number(day) >= 1 &&
        Number(day) <= daysInMonth &&
        Number(hour) <= 23 &&
        Number(minute) <= 59 &&
        Number(second) <= 59 &&
        Number(offsetHours ?? 0) <= 23 &&
        Number(offsetMinutes ?? 0) <= 59;
    if (!valid) {
        throw new Error(`"${text}" is not a valid date and time (check the month, day and hour ranges)`);
    }
    return Date.parse(text.replace(' ', 'T'));
}
function describePoint(point) {
    switch (point.kind) {
        case 'head':
            return 'head';
        case 'lsn':
            return `LSN ${point.lsn}`;
        case 'timestamp':
            return point.timestamp;
    }
}
const SOURCE_EXAMPLES = '^self@<point>, ^parent[@<point>], <branch>[@<point>] or snapshot:<id or name>';
/** Splits at the last `@`, as neonctl does, so branch names may themselves contain `@`. */
function parseSource(text, now) {
    const trimmed = text.trim();
    if (trimmed.startsWith('snapshot:')) {
        const snapshot = trimmed.slice('snapshot:'.length).trim();
        if (!snapshot)
            throw new Error(`"${text}" names no snapshot (expected snapshot:<id or name>)`);
        return { kind: 'snapshot', snapshot };
    }
    const at = trimmed.lastIndexOf('@');
    const base = (at === -1 ? trimmed : trimmed.slice(0, at)).trim();
    const pointText = at === -1 ? undefined : trimmed.slice(at + 1).trim();
    if (pointText === '')
        throw new Error(`"${text}" has nothing after @ (expected a point: ${POINT_EXAMPLES})`);
    const point = pointText === undefined ? HEAD : parsePoint(pointText, now);
    if (base === '^self') {
        if (point.kind === 'head') {
            throw new Error(`"${text}" would restore the branch to its own head (give a past point: ^self@<point>)`);
        }
        return { kind: 'self', point };
    }
    if (base === '^parent')
        return { kind: 'parent', point };
    if (base.startsWith('^'))
        throw new Error(`"${text}" uses an unknown reference ${base} (expected ${SOURCE_EXAMPLES})`);
    if (!base)
        throw new Error(`"${text}" names no branch before @ (expected ${SOURCE_EXAMPLES})`);
    return { kind: 'branch', branch: base, point };
}
function describeSource(source) {
    switch (source.kind) {
        case 'snapshot':
            return `snapshot ${source.snapshot}`;
        case 'self':
            return `its own history at ${describePoint(source.point)}`;
        case 'parent':
            return `its parent at ${describePoint(source.point)}`;
        case 'branch':
            return `branch ${source.branch} at ${describePoint(source.point)}`;
    }
}


/***/ }),

/***/ 7449:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gk: () => (/* binding */ describeReason),
/* harmony export */   dX: () => (/* binding */ applyRetention),
/* harmony export */   w0: () => (/* binding */ hasRules),
/* harmony export */   wy: () => (/* binding */ describePolicy)
/* harmony export */ });
/* unused harmony export isoWeek */
/**
 * The retention policy of `prune`, pure: which items to keep and which to delete, and the rule that decided
 * each. The rules follow restic's and borg's `forget`/`prune`:
 *
 * - keep-last N: the N newest items.
 * - keep-hourly / keep-daily / keep-weekly N: walking from the newest item back, the newest item of each UTC
 *   hour / day / ISO week that has one, for the N most recent such buckets (buckets without items do not count).
 * - older-than D: only items created more than D before now are candidates; newer ones are kept.
 *
 * Every rule sees every item, and an item kept by any rule is kept. Items that may not be deleted (pinned: the
 * default branch, protected branches, branches with children) still take part in the rules and are always kept.
 */
const BUCKETS = [
    { rule: 'keep-hourly', field: 'keepHourly', bucket: (time) => new Date(time).toISOString().slice(0, 13) },
    { rule: 'keep-daily', field: 'keepDaily', bucket: (time) => new Date(time).toISOString().slice(0, 10) },
    { rule: 'keep-weekly', field: 'keepWeekly', bucket: isoWeek }
];
function hasRules(policy) {
    return ((policy.keepLast ?? 0) > 0 ||
        (policy.keepHourly ?? 0) > 0 ||
        (policy.keepDaily ?? 0) > 0 ||
        (policy.keepWeekly ?? 0) > 0 ||
        policy.olderThanMs !== undefined);
}
/** Decisions for every item, newest first. Throws for a policy without rules, which would delete everything. */
function applyRetention(items, policy, now) {
    if (!hasRules(policy))
        throw new Error('a retention policy needs at least one rule, or it would delete everything');
    const sorted = [...items].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const reasons = new Map(sorted.map((item) => [item, []]));
    sorted.slice(0, policy.keepLast ?? 0).forEach((item, index) => {
        reasons.get(item).push({ rule: 'keep-last', bucket: `${index + 1} of ${policy.keepLast}` });
    });
    for (const { rule, field, bucket } of BUCKETS) {
        const limit = policy[field] ?? 0;
        let kept = 0;
        let previous;
        for (const item of sorted) {
            if (kept >= limit)
                break;
            const current = bucket(item.createdAt);
            if (current === previous)
                continue;
            previous = current;
            reasons.get(item).push({ rule, bucket: current });
            kept++;
        }
    }
    if (policy.olderThanMs !== undefined) {
        const cutoff = now - policy.olderThanMs;
        for (const item of sorted) {
            if (item.createdAt >= cutoff) {
                reasons.get(item).push({ rule: 'older-than', bucket: durationText(policy.olderThanMs) });
            }
        }
    }
    for (const item of sorted)
        if (item.pinned)
            reasons.get(item).push({ rule: 'pinned', bucket: item.pinned });
    return sorted.map((item) => ({ item, keep: reasons.get(item).length > 0, reasons: reasons.get(item) }));
}
/** ISO 8601 week of a UTC time, e.g. `2026-W01`: weeks start on Monday, week 1 holds the year's first Thursday. */
function isoWeek(time) {
    const date = new Date(time);
    const day = (date.getUTCDay() + 6) % 7;
    const thursday = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day + 3);
    const year = new Date(thursday).getUTCFullYear();
    const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 24 * 60 * 60 * 1000)) + 1;
    return `${year}-W${String(week).padStart(2, '0')}`;
}
/** How a policy reads in logs and summaries: `keep-last 3, keep-daily 7, older-than 7d`. */
function describePolicy(policy) {
    const parts = [];
    if (policy.keepLast !== undefined)
        parts.push(`keep-last ${policy.keepLast}`);
    if (policy.keepHourly !== undefined)
        parts.push(`keep-hourly ${policy.keepHourly}`);
    if (policy.keepDaily !== undefined)
        parts.push(`keep-daily ${policy.keepDaily}`);
    if (policy.keepWeekly !== undefined)
        parts.push(`keep-weekly ${policy.keepWeekly}`);
    if (policy.olderThanMs !== undefined)
        parts.push(`older-than ${durationText(policy.olderThanMs)}`);
    return parts.join(', ');
}
/** One reason in words: `keep-daily (2026-01-03)`, `younger than 7d (older-than)`, `protected branch`. */
function describeReason(reason) {
    if (reason.rule === 'pinned')
        return reason.bucket;
    if (reason.rule === 'older-than')
        return `younger than ${reason.bucket} (older-than)`;
    return `${reason.rule} (${reason.bucket})`;
}
/** A duration in the largest unit that divides it, as users write it in `older-than`. */
function durationText(ms) {
    const units = [
        ['w', 604_800_000],
        ['d', 86_400_000],
        ['h', 3_600_000],
        ['m', 60_000],
        ['s', 1000]
    ];
    const [unit, size] = units.find(([, size]) => ms % size === 0) ?? ['ms', 1];
    return `${ms / size}${unit}`;
}


/***/ }),

/***/ 9786:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ RUN_ANNOTATION)
/* harmony export */ });
/** Records on each branch the action creates which workflow run created it. */
const RUN_ANNOTATION = 'neon-recovery-action/run-id';


/***/ }),

/***/ 7375:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BV: () => (/* binding */ BACKUP_EXAMPLES),
/* harmony export */   OD: () => (/* binding */ parseBackup),
/* harmony export */   Vz: () => (/* binding */ postgresTime),
/* harmony export */   YZ: () => (/* binding */ isTar),
/* harmony export */   ZZ: () => (/* binding */ pgWalTar),
/* harmony export */   _1: () => (/* binding */ describeBackup),
/* harmony export */   nH: () => (/* binding */ fillCommand)
/* harmony export */ });
const BACKUP_EXAMPLES = 'pgbackrest:<stanza>, dir:<path of a pg_basebackup directory> or command:<shell filling $PGDATA>';
const STANZA = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** Parses the `backup` input; the Error's message says what is expected (the input reader adds the name). */
function parseBackup(text) {
    const colon = text.indexOf(':');
    const kind = colon < 0 ? '' : text.slice(0, colon).trim().toLowerCase();
    const value = colon < 0 ? '' : text.slice(colon + 1).trim();
    if (kind === 'pgbackrest') {
        if (!STANZA.test(value))
            throw new Error(`"${text}" names no pgBackRest stanza (expected pgbackrest:<stanza>, e.g. pgbackrest:main)`);
        return { kind, stanza: value };
    }
    if (kind === 'dir') {
        if (!value.startsWith('/'))
            throw new Error(`"${text}" is not an absolute path (expected dir:/path/to/base/backup)`);
        return { kind, path: value };
    }
    if (kind === 'command') {
        if (!value)
            throw new Error(`"${text}" has no command (expected command:<shell that fills $PGDATA>)`);
        return { kind, shell: value };
    }
    throw new Error(`"${text}" is not a backup (expected ${BACKUP_EXAMPLES})`);
}
function describeBackup(spec) {
    if (spec.kind === 'pgbackrest')
        return `pgBackRest stanza ${spec.stanza}`;
    if (spec.kind === 'dir')
        return `base backup ${spec.path}`;
    return 'the backup command';
}
/** PostgreSQL's timestamptz input: recovery_target_time and pgBackRest's --target refuse RFC 3339's `T` and `Z`. */
function postgresTime(rfc3339) {
    return rfc3339.replace('T', ' ').replace(/Z$/i, '+00');
}
/**
 * The command that fills `dataDir` (empty, owned by the cluster user). pgBackRest's restore is given the target
 * only to pick the backup: "If a backup is not specified via the --set option, then the configured repositories
 * will be checked, in order, for a backup that contains the requested time or lsn" (pgbackrest.org/command.html,
 * restore; since 2.24 for time). The recovery settings it writes are overridden at start (src/selfhosted/recovery.ts).
 */
function fillCommand(spec, dataDir, target) {
    if (spec.kind === 'pgbackrest') {
        const pick = target.kind === 'time'
            ? ['--type=time', `--target=${postgresTime(target.time)}`]
            : target.kind === 'lsn'
                ? ['--type=lsn', `--target=${target.lsn}`]
                : [];
        return {
            file: 'pgbackrest',
            args: [`--stanza=${spec.stanza}`, `--pg1-path=${dataDir}`, ...pick, 'restore'],
            env: {},
            what: 'pgbackrest restore'
        };
    }
    if (spec.kind === 'dir' && isTar(spec.path)) {
        // pg_wal.tar (or .tar.gz, ...) beside base.tar goes into pg_wal, as pg_basebackup's docs for -Ft describe.
        const wal = pgWalTar(spec.path);
        const script = 'tar -xf "$1" -C "$3" && if [ "$2" != "$1" ] && [ -f "$2" ]; then tar -xf "$2" -C "$3/pg_wal"; fi';
        return {
            file: '/bin/sh',
            args: ['-c', script, 'extract', spec.path, wal, dataDir],
            env: {},
            what: `tar of ${spec.path}`
        };
    }
    if (spec.kind === 'dir') {
        // As root the copy runs as the cluster user, which then owns every file.
        return {
            file: 'cp',
            args: ['-R', '--preserve=mode,timestamps', '--', `${spec.path}/.`, dataDir],
            env: {},
            what: `cp of ${spec.path}`
        };
    }
    return { file: '/bin/sh', args: ['-c', spec.shell], env: { PGDATA: dataDir }, what: 'the backup command' };
}
/** The pg_wal.tar (or .tar.gz, ...) pg_basebackup -Ft writes beside base.tar; the same path when it is not base.tar. */
function pgWalTar(baseTar) {
    return baseTar.replace(/base(\.tar(?:\.\w+)?)$/, 'pg_wal$1');
}
/** A `dir:` path naming pg_basebackup's tar file rather than its directory. */
function isTar(file) {
    return /\.(tar|tar\.gz|tgz|tar\.lz4|tar\.zst)$/.test(file);
}


/***/ }),

/***/ 2159:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GL: () => (/* binding */ parseConninfo),
/* harmony export */   No: () => (/* binding */ passwordOf),
/* harmony export */   OG: () => (/* binding */ normalConnectionUri),
/* harmony export */   T5: () => (/* binding */ configQuote)
/* harmony export */ });
/* unused harmony exports ConninfoSyntaxError, conninfoPassword */
/**
 * verify-standby's libpq connection string (a secret): read in either form libpq takes, without ever quoting the
 * value in an error. Pure: no I/O.
 *
 * The forms (PostgreSQL 15 docs, libpq "Connection Strings", 34.1.1): a URI `postgresql://` or `postgres://`, or
 * keyword/value settings: "each parameter setting is in the form keyword = value, with space(s) between settings.
 * Spaces around a setting's equal sign are optional. To write an empty value, or a value containing spaces,
 * surround it with single quotes ... Single quotes and backslashes within a value must be escaped with a backslash".
 * primary_conninfo takes that very string ("This string is in the format described in Section 34.1.1",
 * runtime-config-replication, Standby Servers).
 */
/** The key words of 34.1.2 "Parameter Key Words" (15), plus those 16-18 added; libpq refuses any other. */
const KEYWORDS = new Set([
    'host',
    'hostaddr',
    'port',
    'dbname',
    'user',
    'password',
    'passfile',
    'channel_binding',
    'connect_timeout',
    'client_encoding',
    'options',
    'application_name',
    'fallback_application_name',
    'keepalives',
    'keepalives_idle',
    'keepalives_interval',
    'keepalives_count',
    'tcp_user_timeout',
    'replication',
    'gssencmode',
    'sslmode',
    'requiressl',
    'sslcompression',
    'sslcert',
    'sslkey',
    'sslpassword',
    'sslrootcert',
    'sslcrl',
    'sslcrldir',
    'sslsni',
    'requirepeer',
    'ssl_min_protocol_version',
    'ssl_max_protocol_version',
    'krbsrvname',
    'gsslib',
    'service',
    'target_session_attrs',
    // 16: require_auth, sslcertmode, load_balance_hosts, gssdelegation; 17: sslnegotiation.
    'require_auth',
    'sslcertmode',
    'load_balance_hosts',
    'gssdelegation',
    'sslnegotiation'
]);
/** A connection string that does not parse; the message names the problem but never the value. */
class ConninfoSyntaxError extends Error {
    constructor(problem) {
        super(problem);
        this.name = 'ConninfoSyntaxError';
    }
}
function isUri(text) {
    return /^postgres(ql)?:\/\//.test(text);
}
/** Parses `text`; throws ConninfoSyntaxError. */
function parseConninfo(text) {
    if (isUri(text)) {
        if (!URL.canParse(text))
            throw new ConninfoSyntaxError('is a postgres:// URI that does not parse');
        return { form: 'uri', text, url: new URL(text) };
    }
    const settings = parseKeywords(text);
    for (const keyword of settings.keys())
        if (!KEYWORDS.has(keyword))
            throw new ConninfoSyntaxError(`names "${keyword}", which is not a libpq key word`);
    if (settings.size === 0)
        throw new ConninfoSyntaxError('holds no setting');
    return { form: 'keywords', text, settings };
}
/** keyword = value pairs, 34.1.1.1; the error names the key word at fault (key words are no secret). */
function parseKeywords(text) {
    const settings = new Map();
    let at = 0;
    const skipSpace = () => {
        while (at < text.length && /\s/.test(text[at]))
            at++;
    };
    for (skipSpace(); at < text.length; skipSpace()) {
        const keyword = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at))?.[0];
        if (!keyword)
            throw new ConninfoSyntaxError('is neither a postgres:// URI nor keyword=value settings');
        at += keyword.length;
        skipSpace();
        if (text[at] !== '=')
            throw new ConninfoSyntaxError(`has no "=" after the key word "${keyword}"`);
        at++;
        skipSpace();
        const [value, next] = text[at] === "'" ? quotedValue(text, at + 1, keyword) : plainValue(text, at);
        settings.set(keyword, value);
        at = next;
    }
    return settings;
}
function quotedValue(text, start, keyword) {
    let value = '';
    for (let at = start; at < text.length; at++) {
        if (text[at] === '\\' && at + 1 < text.length)
            value += text[++at];
        else if (text[at] === "'")
            return [value, at + 1];
        else
            value += text[at];
    }
    throw new ConninfoSyntaxError(`has an unterminated quoted value for the key word "${keyword}"`);
}
function plainValue(text, start) {
    let value = '';
    let at = start;
    for (; at < text.length && !/\s/.test(text[at]); at++) {
        if (text[at] === '\\' && at + 1 < text.length)
            at++;
        value += text[at];
    }
    return [value, at];
}
/** The password in the string, to be masked on its own (undefined when there is none). */
function conninfoPassword(conninfo) {
    if (conninfo.form === 'uri')
        return conninfo.url.password ? decodeURIComponent(conninfo.url.password) : undefined;
    return conninfo.settings.get('password') || undefined;
}
/** The password of a connection string as the step received it; undefined when it does not parse or has none. */
function passwordOf(text) {
    try {
        return conninfoPassword(parseConninfo(text));
    }
    catch {
        return undefined;
    }
}
/**
 * The same primary as a postgres:// URI for a normal (not replication) connection with node-postgres, which
 * reads only URIs. Without a database it connects to `postgres`: a streaming conninfo needs none ("the database
 * name is ignored by the server in replication mode", walreceiver's libpqwalreceiver.c), and libpq's own default
 * (the user name) rarely exists. Only what node-postgres's connection-string parser reads is carried over.
 */
function normalConnectionUri(conninfo) {
    if (conninfo.form === 'uri') {
        const url = new URL(conninfo.url);
        if (url.pathname === '' || url.pathname === '/')
            url.pathname = '/postgres';
        return url.toString();
    }
    const get = (name) => conninfo.settings.get(name);
    const host = get('host') || get('hostaddr') || 'localhost';
    const onSocket = host.startsWith('/');
    const url = new URL(`postgresql://${onSocket ? 'localhost' : host}`);
    url.username = get('user') ?? '';
    url.password = get('password') ?? '';
    url.pathname = `/${encodeURIComponent(get('dbname') || 'postgres')}`;
    if (get('port') && !onSocket)
        url.port = get('port');
    if (onSocket)
        url.searchParams.set('host', host);
    if (onSocket && get('port'))
        url.searchParams.set('port', get('port'));
    for (const name of ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'application_name']) {
        const value = get(name);
        if (value)
            url.searchParams.set(name, value);
    }
    return url.toString();
}
/**
 * A value quoted for postgresql.conf: "enclose the value in single-quotes, doubling any single quotes within
 * the value" (docs: Setting Parameters, 20.1.2); the configuration scanner also reads backslash escapes in a
 * quoted value (guc-file.l, GUC_scanstr), so backslashes are doubled too.
 */
function configQuote(value) {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}


/***/ }),

/***/ 2927:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ gatewayFor),
/* harmony export */   d: () => (/* binding */ cancelOnSignals)
/* harmony export */ });
/* harmony import */ var _cancel_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(833);
/* harmony import */ var _throwaway_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4889);
/**
 * A step's connection to Neon, shared by the action (src/main.ts) and the CLI (src/cli/index.ts): the gateway,
 * and what SIGINT or SIGTERM does to it (src/cancel.ts): no new change is sent, the changes already on the wire
 * are given a moment to answer (so the branches they make are listed), the run's ephemeral branches are
 * deleted, and the process exits 1. Only the log differs between the two, so it is a parameter. The Neon
 * client loads here, once the inputs are good (bench/cold-start.ts).
 */


async function gatewayFor(settings, log, cancellation) {
    const { NeonGateway } = await Promise.all(/* import() */[__webpack_require__.e(643), __webpack_require__.e(727)]).then(__webpack_require__.bind(__webpack_require__, 727));
    const { apiKey, apiHost, projectId } = settings;
    return new NeonGateway({ apiKey, apiHost, projectId, log: log.debug, cancellation });
}
function cancelOnSignals(options) {
    const { gateway, cancellation, runId, sweeps, log, sweepFallback, projectIds } = options;
    (0,_cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .handleCancellation */ .qO)({
        cancellation,
        info: log.info,
        report: log.fail,
        exit: (code) => process.exit(code),
        cleanup: async () => {
            if (!sweeps)
                return;
            await gateway.settle(3000);
            try {
                const deleted = await (0,_throwaway_js__WEBPACK_IMPORTED_MODULE_1__/* .sweepEachProject */ .FF)(gateway, projectIds, runId);
                if (deleted.length > 0)
                    log.info(`Deleted ${deleted.length} ephemeral branches: ${deleted.join(', ')}`);
            }
            catch (error) {
                log.warning(`${error.message} (${sweepFallback})`);
            }
        }
    });
}


/***/ }),

/***/ 8855:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BD: () => (/* binding */ Summary),
/* harmony export */   ZD: () => (/* binding */ escapeHtml)
/* harmony export */ });
/* unused harmony export SUMMARY_LIMIT_BYTES */
/** GitHub rejects step summaries over 1 MiB; stay well below so other steps' summaries still fit. */
const SUMMARY_LIMIT_BYTES = 1000 * 1024;
function escapeHtml(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
}
class Summary {
    blocks = [];
    heading(text, level = 2) {
        return this.add({ type: 'heading', text, level });
    }
    /** A paragraph; none for undefined (a sentence only some runs have, e.g. where a point was read). */
    paragraph(text) {
        return text === undefined ? this : this.add({ type: 'paragraph', text });
    }
    /** A two-column table of facts; rows with an undefined value are left out. */
    keyValues(rows) {
        const present = rows.filter((row) => row[1] !== undefined);
        return this.add({ type: 'keyValues', rows: present.map(([key, value]) => [key, String(value)]) });
    }
    table(headers, rows) {
        return this.add({ type: 'table', headers, rows });
    }
    code(code, language) {
        return this.add({ type: 'code', code, language });
    }
    /** A Mermaid diagram beside the tables that hold the same facts. */
    diagram(diagram) {
        return this.add({ type: 'diagram', diagram });
    }
    details(label, build) {
        const inner = new Summary();
        build(inner);
        return this.add({ type: 'details', label, blocks: inner.blocks });
    }
    /** Adds every block of `other` (e.g. the summary of an operation this one ran as its last step). */
    append(other) {
        this.blocks.push(...other.blocks);
        return this;
    }
    /**
     * The summary without its long listings (tables with headers, folded details, diagrams), for where space is
     * short: a pull request comment. A heading whose section is left empty goes too.
     */
    brief() {
        const long = ['table', 'details', 'diagram'];
        const kept = this.blocks.filter((block) => !long.includes(block.type));
        const brief = new Summary();
        kept.forEach((block, index) => {
            const next = kept[index + 1];
            const empty = (level) => !next || (next.type === 'heading' && next.level <= level);
            if (block.type === 'heading' && index > 0 && empty(block.level))
                return;
            brief.blocks.push(block);
        });
        return brief;
    }
    /** HTML for GITHUB_STEP_SUMMARY, cut to `limitBytes` with a note saying what was left out. */
    toHtml(limitBytes = SUMMARY_LIMIT_BYTES) {
        const noteReserve = 200;
        const budget = limitBytes - noteReserve;
        let html = '';
        for (const [index, block] of this.blocks.entries()) {
            const rendered = blockHtml(block);
            if (byteLength(html + rendered) <= budget) {
                html += rendered;
                continue;
            }
            const { html: partial, cut } = cutBlockHtml(block, budget - byteLength(html));
            const omitted = this.blocks.length - index - 1;
            const sections = omitted > 0 ? ` and ${omitted} more section${omitted === 1 ? '' : 's'}` : '';
            return `${html}${partial}<p><em>Summary cut at GitHub's size limit: ${escapeHtml(cut)}${sections} left out.</em></p>\n`;
        }
        return html;
    }
    /** Plain text for a terminal: headings underlined, tables aligned, no diagrams. */
    toText() {
        return textBlocks(this.blocks).map(blockText).join('\n');
    }
    add(block) {
        this.blocks.push(block);
        return this;
    }
}
function blockHtml(block) {
    switch (block.type) {
        case 'heading':
            return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>\n`;
        case 'paragraph':
            return `<p>${escapeHtml(block.text)}</p>\n`;
        case 'keyValues':
            return tableHtml(undefined, block.rows);
        case 'table':
            return tableHtml(block.headers, block.rows);
        case 'code':
            return codeHtml(block.code, block.language);
        case 'details':
            return `<details><summary>${escapeHtml(block.label)}</summary>\n${block.blocks.map(blockHtml).join('')}</details>\n`;
        case 'diagram':
            return `\n\`\`\`mermaid\n${block.diagram.source}\n\`\`\`\n\n`;
    }
}
function tableHtml(headers, rows) {
    const head = headers ? `<tr>${headers.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr>` : '';
    return `<table>${head}${rows.map(rowHtml).join('')}</table>\n`;
}
function rowHtml(row) {
    return `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`;
}
function codeHtml(code, language) {
    const lang = language ? ` lang="${escapeHtml(language)}"` : '';
    return `<pre${lang}><code>${escapeHtml(code)}</code></pre>\n`;
}
/** Keeps as much of a large table or code block as fits; other blocks are dropped whole. */
function cutBlockHtml(block, budget) {
    if (block.type === 'table' || block.type === 'keyValues') {
        const headers = block.type === 'table' ? block.headers : undefined;
        let size = byteLength(tableHtml(headers, []));
        let kept = 0;
        while (kept < block.rows.length && size + byteLength(rowHtml(block.rows[kept])) <= budget) {
            size += byteLength(rowHtml(block.rows[kept]));
            kept++;
        }
        const html = kept > 0 ? tableHtml(headers, block.rows.slice(0, kept)) : '';
        return { html, cut: `${block.rows.length - kept} of ${block.rows.length} rows` };
    }
    if (block.type === 'code') {
        const lines = block.code.split('\n');
        let kept = lines.length;
        while (kept > 0 && byteLength(codeHtml(lines.slice(0, kept).join('\n'), block.language)) > budget) {
            kept = Math.floor(kept / 2);
        }
        const html = kept > 0 ? codeHtml(lines.slice(0, kept).join('\n'), block.language) : '';
        return { html, cut: `${lines.length - kept} of ${lines.length} lines` };
    }
    return { html: '', cut: `the section ${describeBlock(block)}` };
}
function describeBlock(block) {
    if (block.type === 'diagram')
        return `diagram of ${block.diagram.title}`;
    return block.type === 'heading' ? `"${block.text}"` : block.type === 'details' ? `"${block.label}"` : block.type;
}
/** The blocks a terminal shows: diagrams need a Markdown viewer, and the tables carry their facts. */
function textBlocks(blocks) {
    return blocks.filter((block) => block.type !== 'diagram');
}
function blockText(block) {
    switch (block.type) {
        case 'heading': {
            const underline = block.level === 1 ? '=' : '-';
            return `\n${block.text}\n${underline.repeat(Math.min(block.text.length, 100))}`;
        }
        case 'paragraph':
            return block.text;
        case 'keyValues': {
            const width = Math.max(0, ...block.rows.map(([key]) => key.length));
            return block.rows.map(([key, value]) => `  ${key.padEnd(width)}  ${value}`).join('\n');
        }
        case 'table':
            return tableText(block.headers, block.rows);
        case 'code':
            return block.code
                .split('\n')
                .map((line) => `    ${line}`)
                .join('\n');
        case 'details':
            return [`${block.label}:`, ...textBlocks(block.blocks).map(blockText)].join('\n');
    }
}
function tableText(headers, rows) {
    const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
    const line = (cells) => '  ' +
        widths
            .map((width, column) => (cells[column] ?? '').padEnd(width))
            .join('  ')
            .trimEnd();
    return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
function byteLength(text) {
    return Buffer.byteLength(text, 'utf8');
}


/***/ }),

/***/ 5237:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Xm: () => (/* binding */ renderTemplate),
/* harmony export */   dC: () => (/* binding */ validateTemplate)
/* harmony export */ });
/* unused harmony export MAX_NAME_LENGTH */
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6264);
/** Name templates such as `{branch}-snapshot-{run_id}`: checked when inputs are read, filled in when planning. */

const PLACEHOLDERS = {
    branch: (v) => v.branch,
    operation: (v) => v.operation,
    run_id: (v) => v.runId,
    run_attempt: (v) => v.runAttempt,
    sha: (v) => v.sha.slice(0, 7),
    timestamp: (v) => (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .compactTime */ .dh)(v.now)
};
const PLACEHOLDER_LIST = Object.keys(PLACEHOLDERS)
    .map((name) => `{${name}}`)
    .join(', ');
/** Neon's limit for branch names. */
const MAX_NAME_LENGTH = 256;
/** Throws for unknown placeholders and unbalanced braces, so a typo fails before anything is created. */
function validateTemplate(template) {
    const unknown = placeholdersIn(template).filter((name) => !(name in PLACEHOLDERS));
    if (unknown.length > 0) {
        const names = unknown.map((name) => `{${name}}`).join(', ');
        throw new Error(`"${template}" uses unknown placeholder ${names} (available: ${PLACEHOLDER_LIST})`);
    }
    const withoutPlaceholders = template.replace(/\{[^{}]*\}/g, '');
    if (/[{}]/.test(withoutPlaceholders)) {
        throw new Error(`"${template}" has an unmatched { or } (placeholders look like {branch})`);
    }
    if (!template.trim())
        throw new Error('the name template is empty');
}
function renderTemplate(template, values) {
    validateTemplate(template);
    const name = template.replace(/\{([^{}]*)\}/g, (_, placeholder) => PLACEHOLDERS[placeholder](values));
    if (name.length > MAX_NAME_LENGTH) {
        throw new Error(`"${template}" makes a name of ${name.length} characters (Neon allows ${MAX_NAME_LENGTH}): shorten it`);
    }
    return name;
}
function placeholdersIn(template) {
    return [...template.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1]);
}


/***/ }),

/***/ 4889:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FF: () => (/* binding */ sweepEachProject),
/* harmony export */   Gd: () => (/* binding */ Throwaways),
/* harmony export */   LX: () => (/* binding */ sweepAfterStep),
/* harmony export */   Tc: () => (/* binding */ SETUP_MS)
/* harmony export */ });
/* unused harmony exports MIN_LIFETIME_MS, MAX_LIFETIME_MS, throwawayPrefix, lifetimeMs, sweepThrowaways, IN_FLIGHT_MS, childrenFirst */
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6264);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9786);
/**
 * Throwaway branches: the branches the action makes for its own use and removes before the step ends
 * (bisect's probes and its point look-up, verify's drill). This module alone names them, records the run on
 * them, sets their expiry, deletes them and sweeps what an interrupted run left; operations only say what they
 * need one for and for how long.
 *
 * A runner can die at any moment, so there are three nets:
 * 1. the operation deletes each one as soon as it is done with it, with `hard_delete` (Neon's deletes are
 *    otherwise soft for 7 days, and a recoverable probe is a leftover);
 * 2. the cancel handler and the post step delete every branch named with this run's prefix;
 * 3. when no post step runs at all (a self-hosted runner's host lost, a VM reclaimed), Neon deletes them at
 *    their `expires_at`.
 */


/**
 * Shortest lifetime. A branch must outlive its use, and its expiry is computed on the runner's clock: six hours
 * covers Neon's slowest operations, retries and a runner clock that is behind Neon's.
 */
const MIN_LIFETIME_MS = 6 * 3600_000;
/** Neon accepts `expires_at` at most 30 days ahead; an hour less leaves room for clock skew. */
const MAX_LIFETIME_MS = 30 * 24 * 3600_000 - 3600_000;
/**
 * The most a throwaway branch takes before its user can query it: the gateway waits up to 10 minutes for
 * Neon's operations (create, compute start), and a connection is retried for up to two more.
 */
const SETUP_MS = 12 * 60_000;
/** Every throwaway branch of a run starts with this, so one search finds what the run left. */
function throwawayPrefix(runId) {
    return `nra-ephemeral-${runId}-`;
}
/**
 * How long a throwaway branch may live when its user needs it for at most `useMs`: twice that (a probe that
 * fails to connect is tried once more, and Neon deletes expired branches in a background job, not on the
 * second), at least MIN_LIFETIME_MS and within Neon's 30-day limit.
 */
function lifetimeMs(useMs) {
    return Math.min(MAX_LIFETIME_MS, Math.max(MIN_LIFETIME_MS, 2 * useMs));
}
/** Makes and deletes the throwaway branches of one step. */
class Throwaways {
    gateway;
    context;
    purpose;
    clock;
    count = 0;
    constructor(gateway, context, 
    /** What the branches are for, in their names: `bisect`, `verify`. */
    purpose, clock = Date.now) {
        this.gateway = gateway;
        this.context = context;
        this.purpose = purpose;
        this.clock = clock;
    }
    /** A new name: the run's prefix, the purpose, the attempt and a counter (unique within the step). */
    name(detail = '') {
        const { runId, runAttempt } = this.context;
        return `${throwawayPrefix(runId)}${this.purpose}${detail ? `-${detail}` : ''}-${runAttempt}-${++this.count}`;
    }
    /** Creates a branch named, annotated and expiring as every throwaway branch is, and waits until it is ready. */
    async create(request) {
        const { branch } = await this.gateway.branches.create({
            name: request.name ?? this.name(),
            parentId: request.parentId,
            parentLsn: request.parentLsn,
            parentTimestamp: request.parentTimestamp,
            endpoint: request.endpoint,
            expiresAt: (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .expiryTime */ .TK)(this.clock(), lifetimeMs(request.useMs)),
            annotations: { [_run_js__WEBPACK_IMPORTED_MODULE_1__/* .RUN_ANNOTATION */ .c]: this.context.runId }
        });
        return branch;
    }
    /**
     * Restores a Neon snapshot into a new throwaway branch. Neon's snapshot restore takes only a name (spec:
     * SnapshotRestoreRequest), so the expiry is set right after it; annotations cannot be set on a branch after
     * its creation (spec: BranchUpdateRequest has none), so this branch is found by its name alone.
     */
    async fromSnapshot(snapshotId, request) {
        const name = request.name ?? this.name();
        const branch = await this.gateway.snapshots.restore(snapshotId, { name, finalize: false });
        return this.gateway.branches.update(branch.id, { expiresAt: (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .expiryTime */ .TK)(this.clock(), lifetimeMs(request.useMs)) });
    }
    /** Deletes the branch for good; a second try rides out a transient failure (gone counts as deleted). */
    async delete(branch) {
        try {
            await this.gateway.branches.delete(branch.id, { hard: true });
        }
        catch {
            await new Promise((resolve) => setTimeout(resolve, 1000));
            await this.gateway.branches.delete(branch.id, { hard: true });
        }
    }
}
/**
 * Deletes every branch named with this run's prefix, children before parents; returns their names. Used by the
 * cancel handler and the post step. A branch that cannot be deleted does not stop the others: the error names
 * every one that is left.
 */
async function sweepThrowaways(gateway, runId) {
    const prefix = throwawayPrefix(runId);
    const leftovers = (await gateway.branches.list({ search: prefix })).filter((branch) => branch.name.startsWith(prefix));
    const deleted = [];
    const failed = [];
    for (const branch of childrenFirst(leftovers)) {
        try {
            await gateway.branches.delete(branch.id, { hard: true });
            deleted.push(branch.name);
        }
        catch (error) {
            failed.push(`${branch.name} (${branch.id}): ${error.message}`);
        }
    }
    if (failed.length > 0) {
        const done = deleted.length > 0 ? `; deleted ${deleted.join(', ')}` : '';
        const them = failed.length === 1 ? 'it' : 'them';
        throw new Error(`could not delete ${failed.length} ephemeral branch${failed.length === 1 ? '' : 'es'} of this run: ` +
            `${failed.join('; ')}${done}. Delete ${them} in the Neon console (names start with ${prefix}); ` +
            `otherwise Neon deletes ${them} when ${them === 'it' ? 'it expires' : 'they expire'}`);
    }
    return deleted;
}
/**
 * sweepThrowaways in each project of the step (verify and prune take a comma list of project-id): every project is
 * tried even when one fails; the error then names each that failed.
 */
async function sweepEachProject(gateway, projectIds, runId) {
    if (projectIds.length <= 1)
        return sweepThrowaways(gateway, runId);
    const deleted = [];
    const failed = [];
    for (const projectId of projectIds) {
        try {
            deleted.push(...(await sweepThrowaways(gateway.forProject(projectId), runId)));
        }
        catch (error) {
            failed.push(`project ${projectId}: ${error.message}`);
        }
    }
    if (failed.length > 0)
        throw new Error(failed.join('; '));
    return deleted;
}
/**
 * How long a creation that a killed step had already sent may take to land at Neon. The post step of a step that
 * never ended looks again after it: a probe branch made just after the first look would otherwise be left.
 */
const IN_FLIGHT_MS = 5000;
/**
 * The post step's sweep. `ended` says the main step ended by itself (nothing of it can still be in flight):
 * one look is enough. Otherwise it was killed, and a second look after IN_FLIGHT_MS finds what landed late.
 */
async function sweepAfterStep(gateway, runId, { ended, projectIds = [gateway.projectId], sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }) {
    const deleted = await sweepEachProject(gateway, projectIds, runId);
    if (ended)
        return deleted;
    await sleep(IN_FLIGHT_MS);
    return [...deleted, ...(await sweepEachProject(gateway, projectIds, runId))];
}
/** Neon refuses to delete a branch that has children, so leaves go first. */
function childrenFirst(branches) {
    const depth = (branch) => {
        const parent = branches.find((candidate) => candidate.id === branch.parent_id);
        return parent ? 1 + depth(parent) : 0;
    };
    return [...branches].sort((a, b) => depth(b) - depth(a));
}


/***/ })

};
