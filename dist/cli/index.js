#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 833:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   TK: () => (/* binding */ expiryTime),
/* harmony export */   dh: () => (/* binding */ compactTime),
/* harmony export */   fU: () => (/* binding */ formatTime)
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


/***/ }),

/***/ 8664:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  mc: () => (/* binding */ INPUTS),
  dz: () => (/* binding */ InputError),
  _U: () => (/* binding */ isSelfHosted),
  sb: () => (/* binding */ readSettings),
  si: () => (/* binding */ readsInput)
});

// UNUSED EXPORTS: BACKENDS, DEFAULT_NAMES, GITHUB_TOKEN_DEFAULT, MAX_EXPIRY_MS, MAX_PARALLELISM, NEON_API_HOST, OPERATIONS, inputsReadBy, parseBoolean

// EXTERNAL MODULE: ./src/duration.ts
var duration = __nccwpck_require__(7607);
// EXTERNAL MODULE: ./src/point.ts
var src_point = __nccwpck_require__(9525);
// EXTERNAL MODULE: ./src/retention.ts
var retention = __nccwpck_require__(7449);
;// CONCATENATED MODULE: ./src/selfhosted/backup.ts
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
        const wal = spec.path.replace(/base(\.tar(?:\.\w+)?)$/, 'pg_wal$1');
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
/** A `dir:` path naming pg_basebackup's tar file rather than its directory. */
function isTar(file) {
    return /\.(tar|tar\.gz|tgz|tar\.lz4|tar\.zst)$/.test(file);
}

// EXTERNAL MODULE: ./src/template.ts
var src_template = __nccwpck_require__(5237);
;// CONCATENATED MODULE: ./src/inputs.ts
/**
 * Every input read and validated in one place, before any API call. The result is one typed settings
 * object per operation. Problems are collected, so a user fixing a workflow sees all of them at once.
 *
 * GitHub passes every input: unset ones arrive as their action.yml default, or as "" when the action runs
 * outside a workflow (tests, the demo). So "set" means non-empty and different from the default.
 */





const OPERATIONS = ['snapshot', 'restore', 'bisect', 'query', 'verify', 'prune', 'recover', 'undelete'];
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
    mode: { default: 'schema' }
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
    const read = backend === 'postgres' ? selfHostedReader(operation) : READERS[operation];
    const settings = read(reader, now);
    reader.rejectUnread(operation, backend);
    if (reader.problems.length > 0)
        throw new InputError(reader.problems);
    return settings;
}
/** The operations that work with backend: postgres so far; the others are refused before anything starts. */
const SELF_HOSTED_READERS = {
    verify: (reader, now) => selfHostedVerifyInputs(reader, now)
};
function selfHostedReader(operation) {
    const read = SELF_HOSTED_READERS[operation];
    if (read)
        return read;
    const available = Object.keys(SELF_HOSTED_READERS).join(', ');
    throw new InputError([
        `operation: ${operation} is not yet available with backend: postgres (only ${available} is): ` +
            `use operation: ${available}, or backend: neon for ${operation} on Neon`
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
    })
};
/** Every operation reads these; all but prune (which chooses by name) work on one branch. */
function commonInputs(reader, { branch = true } = {}) {
    return {
        apiKey: reader.apiKey(),
        projectId: reader.parse('project-id', parseProjectId, ''),
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
    return reader.parse(name, (text) => (0,src_point/* parsePoint */.iL)(text, now), src_point/* HEAD */.Vx);
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
        return (0,src_point/* parseSource */.PJ)(text, now);
    }, { kind: 'self', point: src_point/* HEAD */.Vx });
    return { source, name: reader.template(DEFAULT_NAMES.backup), confirm: reader.optional('confirm') };
}
function bisectInputs(reader, point) {
    const check = reader.required('check', 'an SQL query returning one boolean, true while the data is healthy');
    if (reader.isEmpty('good')) {
        reader.fail('good', 'is empty: bisect needs a point where the check passes (e.g. good: 2h ago)');
    }
    const good = reader.isEmpty('good') ? src_point/* HEAD */.Vx : point('good');
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
        checkTimeoutMs: reader.parse('check-timeout', duration/* parseDuration */.E9, 30_000),
        name: reader.template(then === 'restore' ? DEFAULT_NAMES.backup : DEFAULT_NAMES.recovery),
        confirm: reader.optional('confirm'),
        tables: reader.parseOptional('tables', parseTables)
    };
}
function verifyInputs(reader, now, at) {
    let snapshot;
    const sourceText = reader.optional('source');
    if (sourceText !== undefined) {
        const source = reader.parseOptional('source', (text) => (0,src_point/* parseSource */.PJ)(text, now));
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
    return { checks, checksFile, checkTimeoutMs: reader.parse('check-timeout', duration/* parseDuration */.E9, 30_000) };
}
/** verify with backend: postgres: no Neon inputs; the backup, its archive's restore_command and the binaries. */
function selfHostedVerifyInputs(reader, now) {
    const backup = reader.parse('backup', (text) => {
        if (!text)
            throw new Error(`is empty: backend: postgres restores a base backup (${BACKUP_EXAMPLES})`);
        return parseBackup(text);
    }, { kind: 'command', shell: '' });
    const restoreCommand = reader.parse('restore-command', parseRestoreCommand, '');
    return {
        operation: 'verify',
        backend: 'postgres',
        backup,
        restoreCommand,
        pgBin: reader.parseOptional('pg-bin', parseAbsolutePath),
        at: pointInput(reader, 'at', now),
        ...checksInputs(reader),
        database: reader.optional('database') ?? 'postgres',
        role: reader.optional('role') ?? 'postgres'
    };
}
function pruneInputs(reader) {
    const match = reader.required('match', 'a glob of the branch and snapshot names to consider, e.g. main-snapshot-*');
    const count = (name) => reader.parseOptional(name, (text) => parseCount(text, 0, 100_000));
    const policy = {
        keepLast: count('keep-last'),
        keepHourly: count('keep-hourly'),
        keepDaily: count('keep-daily'),
        keepWeekly: count('keep-weekly'),
        olderThanMs: reader.parseOptional('older-than', duration/* parseDuration */.E9)
    };
    const rules = ['keep-last', 'keep-hourly', 'keep-daily', 'keep-weekly', 'older-than'];
    const unreadable = reader.problems.some((problem) => rules.some((name) => problem.startsWith(`${name}:`)));
    // A policy of only zero counts would delete everything too.
    if (!unreadable && !(0,retention/* hasRules */.w0)(policy)) {
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
    const good = given.good ? point('good') : src_point/* HEAD */.Vx;
    const bad = given.bad ? point('bad') : src_point/* HEAD */.Vx;
    return { mode: 'undo', good, bad, ...tablesInputs(reader) };
}
class Reader {
    getInput;
    problems = [];
    /** Every input read so far, whatever its value. */
    read = new Set();
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
            (0,src_template/* validateTemplate */.dC)(template);
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
    const ms = (0,duration/* parseDuration */.E9)(text);
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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   B6: () => (/* binding */ describeSource),
/* harmony export */   PJ: () => (/* binding */ parseSource),
/* harmony export */   Vx: () => (/* binding */ HEAD),
/* harmony export */   iL: () => (/* binding */ parsePoint),
/* harmony export */   yR: () => (/* binding */ describePoint)
/* harmony export */ });
/* unused harmony exports POINT_EXAMPLES, SOURCE_EXAMPLES */
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7607);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6264);
/* harmony import */ var _lsn_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2326);
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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ RUN_ANNOTATION)
/* harmony export */ });
/** Records on each branch the action creates which workflow run created it. */
const RUN_ANNOTATION = 'neon-recovery-action/run-id';


/***/ }),

/***/ 8855:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BD: () => (/* binding */ Summary)
/* harmony export */ });
/* unused harmony exports SUMMARY_LIMIT_BYTES, escapeHtml */
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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Xm: () => (/* binding */ renderTemplate),
/* harmony export */   dC: () => (/* binding */ validateTemplate)
/* harmony export */ });
/* unused harmony export MAX_NAME_LENGTH */
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6264);
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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Gd: () => (/* binding */ Throwaways),
/* harmony export */   LX: () => (/* binding */ sweepAfterStep),
/* harmony export */   Tc: () => (/* binding */ SETUP_MS),
/* harmony export */   gd: () => (/* binding */ sweepThrowaways)
/* harmony export */ });
/* unused harmony exports MIN_LIFETIME_MS, MAX_LIFETIME_MS, throwawayPrefix, lifetimeMs, IN_FLIGHT_MS, childrenFirst */
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6264);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(9786);
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
 * How long a creation that a killed step had already sent may take to land at Neon. The post step of a step that
 * never ended looks again after it: a probe branch made just after the first look would otherwise be left.
 */
const IN_FLIGHT_MS = 5000;
/**
 * The post step's sweep. `ended` says the main step ended by itself (nothing of it can still be in flight):
 * one look is enough. Otherwise it was killed, and a second look after IN_FLIGHT_MS finds what landed late.
 */
async function sweepAfterStep(gateway, runId, { ended, sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }) {
    const deleted = await sweepThrowaways(gateway, runId);
    if (ended)
        return deleted;
    await sleep(IN_FLIGHT_MS);
    return [...deleted, ...(await sweepThrowaways(gateway, runId))];
}
/** Neon refuses to delete a branch that has children, so leaves go first. */
function childrenFirst(branches) {
    const depth = (branch) => {
        const parent = branches.find((candidate) => candidate.id === branch.parent_id);
        return parent ? 1 + depth(parent) : 0;
    };
    return [...branches].sort((a, b) => depth(b) - depth(a));
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 2250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5675:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http2");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 6466:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 8253:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util/types");

/***/ }),

/***/ 3106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __nccwpck_require__(833);
// EXTERNAL MODULE: ./src/inputs.ts + 1 modules
var inputs = __nccwpck_require__(8664);
// EXTERNAL MODULE: ./src/summary.ts
var summary = __nccwpck_require__(8855);
// EXTERNAL MODULE: ./src/throwaway.ts
var throwaway = __nccwpck_require__(4889);
;// CONCATENATED MODULE: external "node:readline/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:readline/promises");
;// CONCATENATED MODULE: ./src/cli/consent.ts
/**
 * Asking before a destructive step. In a terminal the CLI shows the plan (the operation's dry run) and asks;
 * elsewhere (a script, a pipe) it refuses unless --yes is given. This is on top of the action's own rules
 * (`confirm` for protected and default branches), which stay as they are.
 */

/** What the operation would change or delete in place, or undefined when it only adds (a branch, a schema). */
function destructiveStep(settings) {
    const branch = settings.branch ?? 'the default branch';
    switch (settings.operation) {
        case 'restore':
            return `restore overwrites ${branch}`;
        case 'prune':
            return `prune deletes the branches and snapshots matching ${settings.match}`;
        case 'recover':
            return settings.mode === 'schema' ? undefined : `recover with mode: ${settings.mode} writes into ${branch}`;
        case 'bisect':
            return settings.then === 'restore' || settings.then === 'recover'
                ? `bisect with then: ${settings.then} changes ${branch}`
                : undefined;
        default:
            // snapshot, query and verify only add or read; undelete brings back a deleted branch beside the others.
            return undefined;
    }
}
/** Whether the user can be asked: both ends are a terminal. */
function canAsk() {
    return process.stdin.isTTY === true && process.stdout.isTTY === true;
}
/** Asks "Proceed? [y/N]" on the terminal; only y or yes proceeds. */
async function askToProceed(step) {
    const readline = (0,promises_namespaceObject.createInterface)({ input: process.stdin, output: process.stderr });
    try {
        const answer = await readline.question(`${step}. Proceed? [y/N] `);
        return /^y(es)?$/i.test(answer.trim());
    }
    finally {
        readline.close();
    }
}

;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: ./src/cli/flags.ts
/**
 * The command line's flags: the action's inputs (src/inputs.ts INPUTS, which a unit test keeps equal to
 * action.yml) under the same names, the operation as the first argument, and the Neon connection from the
 * environment. It only turns argv into the action's raw input values: src/inputs.ts validates them, so a bad
 * value gets the same fix-it message as in a workflow. No I/O here.
 */


/** The connection inputs a laptop keeps in its environment, as neonctl and Neon's docs name them. */
const ENVIRONMENT = {
    'api-key': 'NEON_API_KEY',
    'project-id': 'NEON_PROJECT_ID',
    'api-host': 'NEON_API_HOST'
};
/** Inputs that only mean something inside a workflow run, with what to do instead. */
const WORKFLOW_ONLY = {
    operation: 'give the operation as the first argument (e.g. neon-recovery snapshot --branch main)',
    comment: 'posts to a pull request, which exists only in a workflow run (read the summary printed here)',
    'github-token': 'is only used by comment, which exists only in a workflow run'
};
/** The CLI's own flags, beside the inputs. */
const OWN_FLAGS = ['yes', 'help'];
class FlagError extends Error {
    problems;
    constructor(problems) {
        super(problems.join('\n'));
        this.problems = problems;
        this.name = 'FlagError';
    }
}
/** The action's inputs whose default is "false" are switches: `--dry-run` alone means true. */
function isSwitch(name) {
    return inputs/* INPUTS */.mc[name]?.default === 'false' || OWN_FLAGS.includes(name);
}
function flagNames() {
    return Object.keys(inputs/* INPUTS */.mc).filter((name) => !(name in WORKFLOW_ONLY));
}
/** Reads argv (without node and the script); throws FlagError listing every problem. */
function parseFlags(argv, env) {
    const known = new Set([...flagNames(), ...OWN_FLAGS]);
    // Not strict: the unknown and misused flags are reported here, all at once and in the inputs' terms.
    const options = Object.fromEntries([...known].map((name) => [name, { type: isSwitch(name) ? 'boolean' : 'string' }]));
    const { tokens } = (0,external_node_util_namespaceObject.parseArgs)({ args: argv, strict: false, allowPositionals: true, tokens: true, options });
    const values = new Map();
    const positionals = [];
    const problems = [];
    /** The argument after a flag that is not known: its value, not the operation. */
    let valueOf = -1;
    for (const token of tokens) {
        if (token.kind === 'positional' && token.index !== valueOf)
            positionals.push(token.value);
        if (token.kind !== 'option')
            continue;
        const { name, value } = token;
        if (!known.has(name) && value === undefined)
            valueOf = token.index + 1;
        if (name in WORKFLOW_ONLY)
            problems.push(`--${name}: ${WORKFLOW_ONLY[name]}`);
        else if (!known.has(name))
            problems.push(`unknown flag --${name}; the flags are the action's inputs: ${flagNames().join(', ')} (and --yes, --help)`);
        else if (!isSwitch(name) && value === undefined)
            problems.push(`--${name}: needs a value (--${name} <value>)`);
        else
            values.set(name, value ?? 'true');
    }
    if (positionals.length > 1) {
        problems.push(`one operation at a time: got ${positionals.join(', ')} (quote a value that has spaces)`);
    }
    if (problems.length > 0)
        throw new FlagError(problems);
    const fromEnv = (name) => (ENVIRONMENT[name] ? (env[ENVIRONMENT[name]] ?? '') : '');
    return {
        operation: positionals[0] ?? '',
        // Flags win over the environment.
        getInput: (name) => (name === 'operation' ? (positionals[0] ?? '') : (values.get(name) ?? fromEnv(name))),
        yes: values.get('yes') === 'true',
        help: values.get('help') === 'true'
    };
}

;// CONCATENATED MODULE: ./src/cli/terminal.ts
class Terminal {
    out;
    err;
    secrets = new Set();
    constructor(out = process.stdout, err = process.stderr) {
        this.out = out;
        this.err = err;
    }
    mask(secret) {
        if (secret)
            this.secrets.add(secret);
    }
    /** Progress: a line per bisect round, per recovered table, per deleted branch. */
    info(message) {
        this.err.write(`${this.redact(message)}\n`);
    }
    warning(message) {
        this.err.write(`warning: ${this.redact(message)}\n`);
    }
    error(message) {
        this.err.write(`error: ${this.redact(message)}\n`);
    }
    print(text) {
        this.out.write(`${this.redact(text)}\n`);
    }
    /** What an operation needs to know about this run and how it talks to the log. */
    context(now) {
        return {
            // One id a run, so its names ({run_id}) and its ephemeral branches are its own.
            runId: `cli-${now.toISOString().replace(/\D/g, '').slice(0, 14)}`,
            runAttempt: '1',
            sha: 'unknown',
            now,
            // The snippets in summaries say `uses: <this>`; a laptop does not know which ref a workflow would use.
            actionRef: './',
            info: (message) => this.info(message),
            warning: (message) => this.warning(message),
            mask: (secret) => this.mask(secret)
        };
    }
    redact(text) {
        let redacted = text;
        for (const secret of this.secrets)
            redacted = redacted.split(secret).join('***');
        return redacted;
    }
}

;// CONCATENATED MODULE: ./src/cli/index.ts
/**
 * The action's operations as a command line, for incident response from a laptop:
 *
 *   NEON_API_KEY=… NEON_PROJECT_ID=… neon-recovery bisect --branch main --good "2h ago" --check "SELECT …"
 *
 * The same code as the action: the flags are its inputs (./flags.ts), src/inputs.ts validates them with the same
 * fix-it messages, and src/operations runs the same plan, execute and report. Only the log differs: progress on
 * stderr, the summary as text on stdout (./terminal.ts), and a question before a destructive step
 * (./consent.ts). Bundled by ncc as dist/cli/index.js (package.json "bin"); it never loads @actions/*.
 */







const USAGE = `usage: neon-recovery <operation> [--<input> <value> ...] [--yes]

The operations and flags are the action's (see its README); switches (--dry-run, --protected) need no value.
The connection comes from ${Object.values(ENVIRONMENT).join(', ')} (a flag wins).
--yes runs a destructive step (restore, prune, recover merge/undo, bisect then: restore/recover) without asking.
Flags: ${flagNames().join(', ')}`;
/** Reads flags and inputs; undefined (after saying why) when they are bad: then nothing was sent to Neon. */
function settingsOrReport(terminal, argv, now) {
    try {
        const flags = parseFlags(argv, process.env);
        terminal.mask(flags.getInput('api-key'));
        if (flags.help)
            return terminal.print(USAGE);
        const settings = (0,inputs/* readSettings */.sb)({ getInput: flags.getInput, now });
        if ((0,inputs/* isSelfHosted */._U)(settings)) {
            throw new inputs/* InputError */.dz(['backend: postgres is not yet available in the CLI: run it as a step of a workflow']);
        }
        return { settings, yes: flags.yes };
    }
    catch (error) {
        if (!(error instanceof inputs/* InputError */.dz || error instanceof FlagError))
            throw error;
        error.problems.forEach((problem) => terminal.error(problem));
        process.exitCode = 1;
        return undefined;
    }
}
async function gatewayFor(settings, cancellation) {
    const { NeonGateway } = await Promise.all(/* import() */[__nccwpck_require__.e(643), __nccwpck_require__.e(886)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3886));
    const { apiKey, apiHost, projectId } = settings;
    return new NeonGateway({ apiKey, apiHost, projectId, log: () => undefined, cancellation });
}
/** Ctrl-C: as a cancelled workflow run (src/cancel.ts), no new change, and this run's ephemeral branches go. */
function cancelOnSignals(gateway, cancellation, terminal, runId) {
    (0,cancel/* handleCancellation */.qO)({
        cancellation,
        info: (message) => terminal.info(message),
        report: (message) => terminal.error(message),
        exit: (code) => process.exit(code),
        cleanup: async () => {
            await gateway.settle(3000);
            const deleted = await (0,throwaway/* sweepThrowaways */.gd)(gateway, runId);
            if (deleted.length > 0)
                terminal.info(`Deleted ${deleted.length} ephemeral branches: ${deleted.join(', ')}`);
        }
    });
}
/** The operation, run as in the action; its ephemeral branches deleted when it ends, as the post step does. */
async function runOnce(settings, gateway, context) {
    const operations = await Promise.all(/* import() */[__nccwpck_require__.e(643), __nccwpck_require__.e(446)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9446));
    try {
        return await operations.runOperation(settings, gateway, context);
    }
    finally {
        if (!settings.dryRun && (await operations.makesThrowaways(settings.operation))) {
            const deleted = await (0,throwaway/* sweepAfterStep */.LX)(gateway, context.runId, { ended: true });
            if (deleted.length > 0)
                context.info(`Deleted ${deleted.length} ephemeral branches: ${deleted.join(', ')}`);
        }
    }
}
function printResult(terminal, result) {
    const outputs = Object.entries(result.outputs);
    terminal.print(result.summary.toText());
    if (outputs.length > 0)
        terminal.print(new summary/* Summary */.BD().heading('Outputs', 3).keyValues(outputs).toText());
    if (result.failed) {
        terminal.error(result.failed);
        process.exitCode = 1;
    }
}
/**
 * Whether to go on with a destructive step: --yes, or in a terminal the plan shown and a "y"; outside a
 * terminal without --yes the step is refused before anything is sent to Neon.
 */
async function consented(settings, yes, run, terminal) {
    const step = destructiveStep(settings);
    if (!step || settings.dryRun || yes)
        return true;
    if (!canAsk()) {
        terminal.error(`${step}: not run without a terminal to ask in; add --yes to run it (or --dry-run to see the plan)`);
        return false;
    }
    printResult(terminal, await run({ ...settings, dryRun: true }));
    if (await askToProceed(step))
        return true;
    terminal.info('Nothing changed.');
    return false;
}
async function main(argv) {
    const terminal = new Terminal();
    const now = new Date();
    const read = settingsOrReport(terminal, argv, now);
    if (!read)
        return;
    const { settings, yes } = read;
    const context = terminal.context(now);
    const cancellation = new cancel/* Cancellation */.mT();
    const gateway = await gatewayFor(settings, cancellation);
    cancelOnSignals(gateway, cancellation, terminal, context.runId);
    const run = (settings) => runOnce(settings, gateway, context);
    try {
        if (!(await consented(settings, yes, run, terminal))) {
            process.exitCode = 1;
            return;
        }
        printResult(terminal, await run(settings));
    }
    catch (error) {
        if (cancellation.cancelled)
            return new Promise(() => undefined);
        terminal.error(error.message);
        process.exitCode = 1;
    }
}
void main(process.argv.slice(2)).then(
// The Postgres pools and the API client's keep-alive sockets would otherwise hold the process open; exit once
// stdout is written out (a pipe is asynchronous on macOS).
() => process.stdout.write('', () => process.exit()), (error) => {
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(1);
});

var __webpack_exports__main = __webpack_exports__.i;
export { __webpack_exports__main as main };
