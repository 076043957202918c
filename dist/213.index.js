export const id = 213;
export const ids = [213];
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
/* harmony import */ var _restore_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5597);





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


/***/ })

};
