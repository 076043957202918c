export const id = 446;
export const ids = [446];
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

/***/ 9446:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   makesThrowaways: () => (/* binding */ makesThrowaways),
/* harmony export */   runOperation: () => (/* binding */ runOperation)
/* harmony export */ });
/* harmony import */ var _explain_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8849);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry has its own plan and result types
const REGISTRY = {
    snapshot: () => Promise.all(/* import() */[__webpack_require__.e(659), __webpack_require__.e(760)]).then(__webpack_require__.bind(__webpack_require__, 3760)),
    restore: () => Promise.all(/* import() */[__webpack_require__.e(659), __webpack_require__.e(284)]).then(__webpack_require__.bind(__webpack_require__, 9284)),
    bisect: () => Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(517), __webpack_require__.e(659), __webpack_require__.e(348), __webpack_require__.e(319), __webpack_require__.e(208)]).then(__webpack_require__.bind(__webpack_require__, 2208)),
    query: () => Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(517), __webpack_require__.e(238)]).then(__webpack_require__.bind(__webpack_require__, 8857)),
    verify: () => Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(517), __webpack_require__.e(659), __webpack_require__.e(263)]).then(__webpack_require__.bind(__webpack_require__, 263)),
    prune: () => Promise.all(/* import() */[__webpack_require__.e(581), __webpack_require__.e(186)]).then(__webpack_require__.bind(__webpack_require__, 1186)),
    recover: () => Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(517), __webpack_require__.e(369)]).then(__webpack_require__.bind(__webpack_require__, 8369)),
    undelete: () => __webpack_require__.e(/* import() */ 600).then(__webpack_require__.bind(__webpack_require__, 3600)),
    projects: () => Promise.all(/* import() */[__webpack_require__.e(581), __webpack_require__.e(762)]).then(__webpack_require__.bind(__webpack_require__, 762))
};
/** The operation's module, loaded on first use (import() keeps it for later calls). */
async function load(name) {
    return (await REGISTRY[name]());
}
async function makesThrowaways(name) {
    return (await load(name)).makesThrowaways === true;
}
async function runOperation(settings, gateway, context) {
    if (settings.projectIds.length > 1) {
        const { runSeveral } = await __webpack_require__.e(/* import() */ 642).then(__webpack_require__.bind(__webpack_require__, 642));
        return runSeveral(settings, gateway, context, (one, itsGateway) => runOne(one, itsGateway, context));
    }
    return runOne(settings, gateway, context);
}
async function runOne(settings, gateway, context) {
    // recover's mode: undo is an operation of its own (./undo.ts), with recover's name and inputs.
    const operation = settings.operation === 'recover' && settings.mode === 'undo'
        ? (await Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(517), __webpack_require__.e(348), __webpack_require__.e(554)]).then(__webpack_require__.bind(__webpack_require__, 554)))
        : await load(settings.operation);
    try {
        const plan = await operation.plan(settings, gateway, context);
        if (settings.dryRun)
            return operation.describe(plan, context);
        return operation.report(plan, await operation.execute(plan, gateway, context), context);
    }
    catch (error) {
        // A Neon failure that the project-id, api-key or api-host input explains is worded in those terms here.
        throw (0,_explain_js__WEBPACK_IMPORTED_MODULE_0__/* .explainFailure */ .SP)(error);
    }
}


/***/ })

};
