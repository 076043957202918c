export const id = 446;
export const ids = [446,886];
export const modules = {

/***/ 3886:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  zQ: () => (/* reexport */ AmbiguousError),
  Y2: () => (/* reexport */ BranchLimitError),
  S9: () => (/* reexport */ BranchRecoveryUnavailableError),
  qQ: () => (/* reexport */ ForbiddenError),
  NeonGateway: () => (/* binding */ NeonGateway),
  m_: () => (/* reexport */ NotFoundError),
  D_: () => (/* reexport */ UnauthorizedError),
  Jk: () => (/* reexport */ UnreachableError),
  A0: () => (/* reexport */ tries)
});

// UNUSED EXPORTS: DEFAULT_RETRY, LockedError, NeonApiError, OperationFailedError, OperationTimeoutError, RateLimitedError, RefusedError, RequestError, ServerError, UnknownOutcomeError, backoffDelay, retryAfterMs

;// CONCATENATED MODULE: ./src/neon/errors.ts
/**
 * What a failed Neon request means, as one error class per thing a caller may need to tell apart (a missing
 * branch, an ambiguous name, the branch limit, a bad key...), so no caller reads message text. The messages say
 * what happened in Neon's terms and name no input of the action: the operations add the input and its fix
 * (src/operations/explain.ts).
 */
/** A Neon API failure. `status` and `code` are those of Neon's answer when there was one. */
class NeonApiError extends Error {
    request;
    status;
    code;
    constructor(message, 
    /** Absent for failures found without a failing request (a lookup with no match, a failed operation). */
    request) {
        super(message);
        this.request = request;
        this.name = new.target.name;
        this.status = request?.status;
        this.code = request?.code;
    }
}
/** A request that failed for good: the error keeps what the transport knew of it. */
class RequestError extends NeonApiError {
    constructor(message, request) {
        super(message, request);
    }
}
/** " after 6 attempts", or nothing for a single try. */
function tries(request) {
    return request.attempts > 1 ? ` after ${request.attempts} attempts` : '';
}
/** No answer from Neon: DNS, refused connection, timeout or a dropped connection, on every try. */
class UnreachableError extends RequestError {
    constructor(request) {
        super(`${request.what}: could not reach Neon${tries(request)} (${request.detail})`, request);
    }
}
/** 401: the API key is not valid. */
class UnauthorizedError extends RequestError {
    constructor(request) {
        super(`${request.what}: Neon rejected the API key (401)`, request);
    }
}
/** 403: the key is valid, but may not do this in this project. */
class ForbiddenError extends RequestError {
    constructor(request) {
        super(`${request.what}: the API key may not do this in project ${request.projectId} (403: ${request.detail})`, request);
    }
}
/**
 * A project, branch, snapshot... that does not exist: a 404, or a lookup by id or name with no match.
 * `asked` is the id or name asked for (the project id for the project; absent for the default branch). Not
 * `name`, which an Error has already.
 */
class NotFoundError extends NeonApiError {
    kind;
    asked;
    projectId;
    constructor(kind, asked, projectId, request) {
        super(notFoundMessage(kind, asked, projectId), request);
        this.kind = kind;
        this.asked = asked;
        this.projectId = projectId;
    }
}
function notFoundMessage(kind, asked, projectId) {
    if (kind === 'project')
        return `project "${projectId}" was not found`;
    if (kind === 'default branch')
        return `project ${projectId} has no default branch`;
    return `${kind} "${asked}" was not found in project ${projectId}`;
}
/**
 * A name (`asked`) that does not say which branch or snapshot is meant: several have it (`matches`), or one
 * has it while another has it as its id (`idMatch`).
 */
class AmbiguousError extends NeonApiError {
    kind;
    asked;
    matches;
    idMatch;
    constructor(kind, asked, matches, idMatch) {
        const plural = kind === 'branch' ? 'branches' : 'snapshots';
        super(idMatch
            ? `"${asked}" is the id of ${kind} ${idMatch.name} and the name of ${kind} ${matches[0].id}`
            : `"${asked}" names ${matches.length} ${plural} (${matches.map((match) => match.id).join(', ')})`);
        this.kind = kind;
        this.asked = asked;
        this.matches = matches;
        this.idMatch = idMatch;
    }
}
/** 422 BRANCHES_LIMIT_EXCEEDED: the project has as many branches as its plan allows. */
class BranchLimitError extends RequestError {
    constructor(request) {
        super(`${request.what}: project ${request.projectId} has reached its branch limit (${request.detail}); delete old branches`, request);
    }
}
/** 423, on every try: another operation holds the project. */
class LockedError extends RequestError {
    constructor(request) {
        super(`${request.what}: another operation is still running on this project${tries(request)} (423: ${request.detail}); ` +
            'wait for it to finish, or serialize these workflows with a concurrency group, and run again', request);
    }
}
/** 429, on every try. */
class RateLimitedError extends RequestError {
    constructor(request) {
        super(`${request.what}: Neon's rate limit was hit${tries(request)} (429); run again later or lower parallelism`, request);
    }
}
/** 5xx that retries did not get past. */
class ServerError extends RequestError {
    constructor(request) {
        super(`${request.what}: Neon answered ${request.status}${tries(request)} (${request.detail}); see neonstatus.com and run again later`, request);
    }
}
/** Any other 4xx: Neon read the request and will not do it (a bad parameter, a rule of Neon's). */
class RefusedError extends RequestError {
    constructor(request) {
        const code = request.code ? ` ${request.code}` : '';
        super(`${request.what}: Neon refused the request (${request.status}${code}: ${request.detail})`, request);
    }
}
/**
 * Neon refused a request of the Branch Recovery preview (spec: `include_deleted`, `hard_delete`,
 * recoverProjectBranch: "in preview and not available to all users"): the preview is not enabled for the project.
 * What Neon answers there is undocumented; any 4xx but 404, 423 and 429 is read so (see `refusesPreview`).
 */
class BranchRecoveryUnavailableError extends RequestError {
    constructor(request) {
        super(`${request.what}: Neon refused branch recovery in project ${request.projectId} (${request.status}: ` +
            `${request.detail}); branch recovery is a preview that is not enabled for this project`, request);
    }
}
/**
 * Whether Neon's answer refuses a parameter or call of the Branch Recovery preview rather than the request: any
 * 4xx (404 is a NotFoundError, not a RequestError: the branch is gone), except 401 (the key, not the preview),
 * and 423 and 429 (transient, already retried, no verdict on the preview).
 */
function refusesPreview(error) {
    if (!(error instanceof RequestError) || error.status === undefined)
        return false;
    if (error instanceof LockedError || error instanceof RateLimitedError || error instanceof UnauthorizedError)
        return false;
    return error.status >= 400 && error.status < 500;
}
/** A change sent, then the connection lost, and no way to look up whether Neon applied it. */
class UnknownOutcomeError extends RequestError {
    constructor(request) {
        super(`${request.what}: the connection to Neon failed after the request was sent (${request.detail}), so it may or ` +
            'may not have been applied; check the project in the Neon console before running again', request);
    }
}
/** An operation Neon ran for a change ended failed, error or cancelled. */
class OperationFailedError extends NeonApiError {
    operation;
    constructor(operation) {
        super(`Neon operation ${operation.action} (${operation.id}) ${operation.status}${operation.error ? `: ${operation.error}` : ''}; ` +
            'nothing further was changed, check the branch in the Neon console before running again');
        this.operation = operation;
    }
}
/** Operations still running when the wait for them ended. */
class OperationTimeoutError extends NeonApiError {
    pending;
    constructor(pending, timeoutMs) {
        const names = pending.map((operation) => `${operation.action} (${operation.id}, ${operation.status})`);
        super(`Neon operations still running after ${Math.round(timeoutMs / 1000)} s: ${names.join(', ')}; ` +
            'check the project in the Neon console, then run again');
        this.pending = pending;
    }
}
/**
 * The error for a request that failed for good (retries, if any, are over). `notFound` says what a 404 means
 * for this request.
 */
function failureError(request, notFound) {
    const { status, code } = request;
    if (status === undefined)
        return new UnreachableError(request);
    if (status === 401)
        return new UnauthorizedError(request);
    if (status === 403)
        return new ForbiddenError(request);
    if (status === 404)
        return new NotFoundError(notFound.kind, notFound.asked, request.projectId, request);
    if (code === 'BRANCHES_LIMIT_EXCEEDED')
        return new BranchLimitError(request);
    if (status === 423)
        return new LockedError(request);
    if (status === 429)
        return new RateLimitedError(request);
    if (status >= 500)
        return new ServerError(request);
    return new RefusedError(request);
}

;// CONCATENATED MODULE: ./src/neon/branches.ts

class Branches {
    transport;
    connections;
    /**
     * Set once Neon refused `hard_delete` (branch recovery is a preview, not open to every project): later
     * deletions in this run go straight to the plain delete instead of being refused first.
     */
    hardDeleteRefused = false;
    constructor(transport, connections) {
        this.transport = transport;
        this.connections = connections;
    }
    get projectId() {
        return this.transport.projectId;
    }
    /** All branches (every page), optionally only those matching `search`. */
    async list(options = {}) {
        const { search, includeDeleted } = options;
        const what = `list branches${search ? ` matching ${search}` : ''}${includeDeleted ? ' (deleted included)' : ''}`;
        const branches = [];
        let cursor;
        do {
            const data = await this.transport.read(what, { kind: 'project', asked: this.projectId }, (api) => api.listProjectBranches({
                projectId: this.projectId,
                search,
                cursor,
                include_deleted: includeDeleted || undefined
            }));
            branches.push(...data.branches);
            const next = data.pagination?.next;
            // A cursor that does not move, or an empty page, would loop forever.
            cursor = next && next !== cursor && data.branches.length > 0 ? next : undefined;
        } while (cursor);
        return branches;
    }
    /**
     * Every branch, the deleted ones Neon can still recover included, which carry `recovery` (spec:
     * listProjectBranches `include_deleted`, Branch.recovery; Branch Recovery is a preview). Throws
     * BranchRecoveryUnavailableError where Neon refuses the parameter.
     */
    async listIncludingDeleted() {
        try {
            return await this.list({ includeDeleted: true });
        }
        catch (error) {
            if (refusesPreview(error))
                throw new BranchRecoveryUnavailableError(error.request);
            throw error;
        }
    }
    async get(branchId, { afterRestore = false } = {}) {
        const data = await this.transport.call({
            what: `get branch ${branchId}`,
            mutation: false,
            send: (api) => api.getProjectBranch(this.projectId, branchId),
            notFound: { kind: 'branch', asked: branchId },
            retryNotFound: afterRestore
        });
        return data.branch;
    }
    /** The annotation Neon keeps for a branch (empty when it has none). */
    async annotation(branchId) {
        const data = await this.transport.read(`get branch ${branchId}`, { kind: 'branch', asked: branchId }, (api) => api.getProjectBranch(this.projectId, branchId));
        return data.annotation?.value ?? {};
    }
    /** A branch by exact id or name: NotFoundError when none, AmbiguousError when the name does not say which. */
    async find(nameOrId) {
        const candidates = await this.list({ search: nameOrId });
        const byId = candidates.find((branch) => branch.id === nameOrId);
        const byName = candidates.filter((branch) => branch.name === nameOrId && branch !== byId);
        if (byId && byName.length > 0)
            throw new AmbiguousError('branch', nameOrId, byName, byId);
        if (byId)
            return byId;
        if (byName.length === 1)
            return byName[0];
        if (byName.length > 1)
            throw new AmbiguousError('branch', nameOrId, byName);
        throw new NotFoundError('branch', nameOrId, this.projectId);
    }
    async findByName(name) {
        const branches = await this.list({ search: name });
        return branches.find((branch) => branch.name === name);
    }
    async getDefault() {
        const branch = (await this.list()).find((candidate) => candidate.default);
        if (!branch)
            throw new NotFoundError('default branch', undefined, this.projectId);
        return branch;
    }
    /** Creates a branch and waits until it is ready. A lost connection is resolved by looking the name up. */
    async create(request) {
        const data = await this.transport.call({
            what: `create branch ${request.name}`,
            mutation: true,
            notFound: { kind: 'branch', asked: request.parentId },
            send: (api) => api.createProjectBranch(this.projectId, {
                branch: {
                    parent_id: request.parentId,
                    name: request.name,
                    parent_lsn: request.parentLsn,
                    parent_timestamp: request.parentTimestamp,
                    protected: request.protected,
                    expires_at: request.expiresAt
                },
                endpoints: request.endpoint ? [{ type: request.endpoint }] : [],
                annotation_value: request.annotations
            }),
            lookup: async () => {
                const branch = await this.findByName(request.name);
                if (!branch)
                    return undefined;
                // Found, but maybe not ready: wait for its operations as if the answer had come.
                const operations = await this.transport.pendingOperations(branch.id);
                return { branch, endpoints: await this.connections.listEndpoints(branch.id), operations };
            }
        });
        await this.transport.waitForOperations(data.operations);
        return { branch: data.branch, endpoints: data.endpoints ?? [], operations: data.operations ?? [] };
    }
    async update(branchId, update) {
        const data = await this.transport.call({
            what: `update branch ${branchId}`,
            mutation: true,
            notFound: { kind: 'branch', asked: branchId },
            // Same request again gives the same result, so a repeat after a lost connection is harmless.
            lookup: async () => undefined,
            send: (api) => api.updateProjectBranch(this.projectId, branchId, {
                branch: { name: update.name, protected: update.protected, expires_at: update.expiresAt }
            })
        });
        await this.transport.waitForOperations(data.operations);
        return data.branch;
    }
    /**
     * Deletes a branch and waits for it; a branch that is already gone counts as deleted. By default Neon keeps a
     * deleted branch recoverable for 7 days; `hard` asks it to delete for good, and where Neon refuses that (the
     * preview is not open to every project) the branch is deleted the plain way instead.
     */
    async delete(branchId, { hard = false } = {}) {
        if (hard && !this.hardDeleteRefused) {
            try {
                return await this.deleteOnce(branchId, true);
            }
            catch (error) {
                if (!refusesPreview(error))
                    throw error;
                this.hardDeleteRefused = true;
                this.transport.log(`${error.message}: hard delete is refused in this project; deleting without it from now on`);
            }
        }
        return this.deleteOnce(branchId, false);
    }
    async deleteOnce(branchId, hard) {
        const gone = { operations: [] };
        try {
            const data = await this.transport.call({
                what: `${hard ? 'hard ' : ''}delete branch ${branchId}`,
                mutation: true,
                cleanup: true,
                notFound: { kind: 'branch', asked: branchId },
                send: (api) => api.deleteProjectBranch({ projectId: this.projectId, branchId, hard_delete: hard || undefined }),
                lookup: async () => ((await this.exists(branchId)) ? undefined : gone)
            });
            await this.transport.waitForOperations(data?.operations);
        }
        catch (error) {
            if (error instanceof NotFoundError)
                return;
            throw error;
        }
    }
    /**
     * Restores a branch from a source and waits for it. With `preserveUnderName`, a lost connection is resolved
     * by looking for the backup branch: if it exists, the restore happened.
     */
    async restore(branchId, request) {
        const preserved = request.preserveUnderName;
        const data = await this.transport.call({
            what: `restore branch ${branchId}`,
            mutation: true,
            notFound: { kind: 'branch', asked: branchId },
            send: (api) => api.restoreProjectBranch(this.projectId, branchId, {
                source_branch_id: request.sourceBranchId,
                source_lsn: request.sourceLsn,
                source_timestamp: request.sourceTimestamp,
                preserve_under_name: preserved
            }),
            lookup: preserved
                ? async () => {
                    const backup = await this.findByName(preserved);
                    if (!backup)
                        return undefined;
                    const operations = await this.transport.pendingOperations(branchId);
                    return { branch: await this.get(branchId, { afterRestore: true }), operations };
                }
                : undefined
        });
        await this.transport.waitForOperations(data.operations);
        return this.get(branchId, { afterRestore: true });
    }
    /**
     * Brings back a soft-deleted branch (spec: recoverProjectBranch, beta): "Recovery restores the branch and its
     * endpoints to an idle state. Connection strings remain valid after recovery." The answer has no operations
     * to wait for (spec: BranchRecoverResponse). A lost answer is resolved by looking the branch up: it is live
     * again if the recovery happened.
     */
    async recover(branchId) {
        const data = await this.transport.call({
            what: `recover branch ${branchId}`,
            mutation: true,
            notFound: { kind: 'branch', asked: branchId },
            send: (api) => api.recoverProjectBranch(this.projectId, branchId),
            lookup: async () => ((await this.exists(branchId)) ? { branch: await this.get(branchId) } : undefined)
        });
        // The spec makes the endpoints optional in the answer (EndpointsOptionalResponse).
        return { branch: data.branch, endpoints: data.endpoints ?? (await this.connections.listEndpoints(branchId)) };
    }
    async exists(branchId) {
        try {
            await this.get(branchId);
            return true;
        }
        catch (error) {
            if (error instanceof NotFoundError)
                return false;
            throw error;
        }
    }
}

;// CONCATENATED MODULE: ./src/neon/connections.ts
class Connections {
    transport;
    constructor(transport) {
        this.transport = transport;
    }
    get projectId() {
        return this.transport.projectId;
    }
    async listEndpoints(branchId) {
        const data = await this.transport.read(`list endpoints of ${branchId}`, { kind: 'branch', asked: branchId }, (api) => api.listProjectBranchEndpoints(this.projectId, branchId));
        return data.endpoints;
    }
    /** Gives the branch a compute and waits for it; a lost connection is resolved by listing the branch's computes. */
    async createEndpoint(branchId, type = 'read_write') {
        const data = await this.transport.call({
            what: `create endpoint of ${branchId}`,
            mutation: true,
            notFound: { kind: 'branch', asked: branchId },
            send: (api) => api.createProjectEndpoint(this.projectId, { endpoint: { branch_id: branchId, type: type } }),
            lookup: async () => {
                const endpoint = (await this.listEndpoints(branchId)).find((candidate) => candidate.type === type);
                return endpoint && { endpoint, operations: await this.transport.pendingOperations(branchId) };
            }
        });
        await this.transport.waitForOperations(data.operations);
        return data.endpoint;
    }
    async listDatabases(branchId) {
        const data = await this.transport.read(`list databases of ${branchId}`, { kind: 'branch', asked: branchId }, (api) => api.listProjectBranchDatabases(this.projectId, branchId));
        return data.databases;
    }
    async listRoles(branchId) {
        const data = await this.transport.read(`list roles of ${branchId}`, { kind: 'branch', asked: branchId }, (api) => api.listProjectBranchRoles(this.projectId, branchId));
        return data.roles;
    }
    /** The caller must mask the result with core.setSecret before anything can log it. */
    async revealPassword(branchId, roleName) {
        const data = await this.transport.read(`reveal password of role ${roleName}`, { kind: 'role', asked: roleName }, (api) => api.getProjectBranchRolePassword(this.projectId, branchId, roleName));
        return data.password;
    }
    /** The caller must mask the result with core.setSecret before anything can log it. */
    async getUri(query) {
        const data = await this.transport.read(`get connection URI of ${query.branchId}`, { kind: 'branch', asked: query.branchId }, (api) => api.getConnectionUri({
            projectId: this.projectId,
            branch_id: query.branchId,
            database_name: query.database,
            role_name: query.role,
            pooled: query.pooled
        }));
        return data.uri;
    }
}

;// CONCATENATED MODULE: ./src/neon/project.ts
class ProjectResource {
    transport;
    constructor(transport) {
        this.transport = transport;
    }
    async get() {
        const projectId = this.transport.projectId;
        const data = await this.transport.read(`get project ${projectId}`, { kind: 'project', asked: projectId }, (api) => api.getProject(projectId));
        return data.project;
    }
}

;// CONCATENATED MODULE: ./src/neon/snapshots.ts

class Snapshots {
    transport;
    branches;
    constructor(transport, branches) {
        this.transport = transport;
        this.branches = branches;
    }
    get projectId() {
        return this.transport.projectId;
    }
    async list() {
        const data = await this.transport.read('list snapshots', { kind: 'project', asked: this.projectId }, (api) => api.listSnapshots(this.projectId));
        return data.snapshots;
    }
    /**
     * A snapshot by exact id, else by name: NotFoundError when none, AmbiguousError when several have the name.
     * An exact id wins over a name, since an id names one snapshot for certain.
     */
    async find(idOrName) {
        const snapshots = await this.list();
        const byId = snapshots.find((snapshot) => snapshot.id === idOrName);
        const byName = snapshots.filter((snapshot) => snapshot.name === idOrName);
        if (byId)
            return byId;
        if (byName.length === 1)
            return byName[0];
        if (byName.length > 1)
            throw new AmbiguousError('snapshot', idOrName, byName);
        throw new NotFoundError('snapshot', idOrName, this.projectId);
    }
    /** Creates a snapshot of a branch and waits for it; a lost connection is resolved by looking the name up. */
    async create(branchId, request) {
        const data = await this.transport.call({
            what: `create snapshot ${request.name}`,
            mutation: true,
            notFound: { kind: 'branch', asked: branchId },
            send: (api) => api.createSnapshot({
                projectId: this.projectId,
                branchId,
                name: request.name,
                lsn: request.lsn,
                timestamp: request.timestamp,
                expires_at: request.expiresAt
            }),
            lookup: async () => {
                const snapshot = (await this.list()).find((candidate) => candidate.name === request.name);
                return snapshot && { snapshot, operations: [] };
            }
        });
        await this.transport.waitForOperations(data.operations);
        return data.snapshot;
    }
    /** Restores a snapshot into a branch; with `finalize`, the target branch is replaced (its id changes). */
    async restore(snapshotId, request) {
        const data = await this.transport.call({
            what: `restore snapshot ${snapshotId}`,
            mutation: true,
            notFound: { kind: 'snapshot', asked: snapshotId },
            send: (api) => api.restoreSnapshot({ projectId: this.projectId, snapshotId }, { name: request.name, target_branch_id: request.targetBranchId, finalize_restore: request.finalize }),
            lookup: request.name
                ? async () => {
                    // With finalize the restored branch takes the target's name: the target itself is not the result.
                    const branch = (await this.branches.list({ search: request.name })).find((candidate) => candidate.name === request.name && candidate.id !== request.targetBranchId);
                    return branch && { branch, operations: await this.transport.pendingOperations(branch.id) };
                }
                : undefined
        });
        await this.transport.waitForOperations(data.operations);
        return data.branch;
    }
    /** Deletes a snapshot and waits for it; one that is already gone counts as deleted. */
    async delete(snapshotId) {
        try {
            const data = await this.transport.call({
                what: `delete snapshot ${snapshotId}`,
                mutation: true,
                cleanup: true,
                notFound: { kind: 'snapshot', asked: snapshotId },
                send: (api) => api.deleteSnapshot(this.projectId, snapshotId),
                lookup: async () => {
                    const exists = (await this.list()).some((snapshot) => snapshot.id === snapshotId);
                    return exists ? undefined : { operations: [] };
                }
            });
            await this.transport.waitForOperations(data.operations);
        }
        catch (error) {
            if (error instanceof NotFoundError)
                return;
            throw error;
        }
    }
}

// EXTERNAL MODULE: ./node_modules/@neondatabase/api-client/dist/index.js
var dist = __webpack_require__(3643);
// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
;// CONCATENATED MODULE: ./src/neon/transport.ts
/**
 * The wire to the Neon API: the only place that holds the API client. Every request goes through `call()`,
 * which retries what is safe to retry (with backoff and Retry-After), refuses to repeat a change whose outcome
 * is unknown until it has looked the result up, stops sending changes once the step is cancelled, and turns a
 * final failure into a typed error (./errors.ts). It also waits for the operations Neon runs for a change.
 * It knows requests, not resources: those are in branches.ts, snapshots.ts, connections.ts and project.ts.
 */



const DEFAULT_RETRY = {
    attempts: 6,
    baseDelayMs: 500,
    maxDelayMs: 20_000,
    maxRetryAfterMs: 60_000,
    notFoundAttempts: 5
};
const RETRYABLE_STATUSES = new Set([423, 429, 503]);
/** Errors raised before the request left this machine: always safe to send again. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const DONE_STATUSES = new Set(['finished', 'skipped']);
const FAILED_STATUSES = new Set(['failed', 'error', 'cancelling', 'cancelled']);
/** Exponential backoff with jitter: between half and all of base * 2^(attempt-1), capped. */
function backoffDelay(attempt, policy, random) {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(header, now) {
    if (!header)
        return undefined;
    if (/^\d+$/.test(header.trim()))
        return Number(header.trim()) * 1000;
    const date = Date.parse(header);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
class Transport {
    projectId;
    log;
    api;
    policy;
    sleep;
    random;
    now;
    operationTimeoutMs;
    cancellation;
    /** Mutations on the wire: the request is sent and its answer has not come. */
    sending = new Set();
    constructor(options) {
        this.projectId = options.projectId;
        this.api = (0,dist.createApiClient)({ apiKey: options.apiKey, baseURL: options.apiHost, timeout: 60_000 });
        this.policy = { ...DEFAULT_RETRY, ...options.retry };
        this.log = options.log ?? (() => { });
        this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
        this.random = options.random ?? Math.random;
        this.now = options.now ?? Date.now;
        this.operationTimeoutMs = options.operationTimeoutMs ?? 10 * 60_000;
        this.cancellation = options.cancellation;
    }
    /** Waits (at most `timeoutMs`) until no mutation is on the wire, so a branch list afterwards shows them all. */
    async settle(timeoutMs) {
        let timer;
        const timeout = new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)));
        await Promise.race([Promise.allSettled([...this.sending]), timeout]);
        clearTimeout(timer);
    }
    async call(call) {
        for (let attempt = 1;; attempt++) {
            const started = this.now();
            let failure;
            try {
                const { data } = await this.send(call);
                this.log(`${call.what}: ok in ${this.now() - started} ms (attempt ${attempt})`);
                return data;
            }
            catch (error) {
                if (error instanceof cancel/* CancelledError */.cc)
                    throw error;
                failure = describeError(error);
            }
            this.log(`${call.what}: ${failure.status ?? failure.code ?? 'error'} in ${this.now() - started} ms (attempt ${attempt})`);
            const canRetry = attempt < this.policy.attempts;
            const request = this.failedRequest(call, failure, attempt);
            if (failure.status !== undefined && RETRYABLE_STATUSES.has(failure.status) && canRetry) {
                const hinted = retryAfterMs(failure.retryAfter, this.now());
                await this.sleep(hinted === undefined
                    ? backoffDelay(attempt, this.policy, this.random)
                    : Math.min(hinted, this.policy.maxRetryAfterMs));
                continue;
            }
            if (failure.status === 404 && call.retryNotFound && attempt < this.policy.notFoundAttempts) {
                await this.sleep(backoffDelay(attempt, this.policy, this.random));
                continue;
            }
            if (isConnectionFailure(failure)) {
                if (call.mutation && failure.maybeApplied) {
                    if (!call.lookup)
                        throw new UnknownOutcomeError(request);
                    const found = await call.lookup();
                    if (found !== undefined) {
                        this.log(`${call.what}: the connection failed but the change was applied; using it`);
                        return found;
                    }
                }
                if (canRetry) {
                    await this.sleep(backoffDelay(attempt, this.policy, this.random));
                    continue;
                }
            }
            throw failureError(request, call.notFound);
        }
    }
    /** A read: retried freely, since sending it again changes nothing. */
    read(what, notFound, send) {
        return this.call({ what, mutation: false, notFound, send });
    }
    /** Polls each operation until finished or skipped; fails on failed, error or cancelled, or after the timeout. */
    async waitForOperations(operations) {
        let pending = (operations ?? []).filter((operation) => !DONE_STATUSES.has(operation.status));
        const deadline = this.now() + this.operationTimeoutMs;
        let interval = 200;
        while (pending.length > 0) {
            const current = await Promise.all(pending.map((operation) => this.getOperation(operation.id)));
            const failed = current.find((operation) => FAILED_STATUSES.has(operation.status));
            if (failed)
                throw new OperationFailedError(failed);
            pending = current.filter((operation) => !DONE_STATUSES.has(operation.status));
            if (pending.length === 0)
                return;
            if (this.now() >= deadline)
                throw new OperationTimeoutError(pending, this.operationTimeoutMs);
            await this.sleep(interval);
            interval = Math.min(interval * 1.5, 2000);
        }
    }
    /** The operations on a branch that are not finished yet (to wait for a change found by a look-up). */
    async pendingOperations(branchId) {
        const data = await this.read('list operations', { kind: 'project' }, (api) => api.listProjectOperations({ projectId: this.projectId }));
        return data.operations.filter((operation) => operation.branch_id === branchId && !DONE_STATUSES.has(operation.status));
    }
    async getOperation(operationId) {
        const data = await this.read(`get operation ${operationId}`, { kind: 'operation', asked: operationId }, (api) => api.getProjectOperation(this.projectId, operationId));
        return data.operation;
    }
    send(call) {
        if (call.mutation && !call.cleanup)
            this.cancellation?.check(call.what);
        const sent = call.send(this.api);
        if (!call.mutation)
            return sent;
        this.sending.add(sent);
        const forget = () => this.sending.delete(sent);
        sent.then(forget, forget);
        return sent;
    }
    failedRequest(call, failure, attempts) {
        const { status, code, detail } = failure;
        return { what: call.what, projectId: this.projectId, status, code, detail, attempts };
    }
}
function describeError(error) {
    const axiosError = error;
    const response = axiosError?.response;
    if (response) {
        const body = (response.data ?? {});
        const retryAfter = response.headers?.['retry-after'];
        const requestId = body.request_id ? ` (request id ${body.request_id})` : '';
        return {
            status: response.status,
            code: typeof body.code === 'string' ? body.code : undefined,
            detail: (typeof body.message === 'string' ? body.message : `HTTP ${response.status}`) + requestId,
            retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
            // A gateway timeout or bad gateway may hide a request Neon did process.
            maybeApplied: response.status === 502 || response.status === 504
        };
    }
    const code = axiosError?.code;
    return {
        code,
        detail: axiosError?.message ?? String(error),
        maybeApplied: !(code && NOT_SENT_CODES.has(code))
    };
}
function isConnectionFailure(failure) {
    return failure.status === undefined || failure.status === 502 || failure.status === 504;
}

;// CONCATENATED MODULE: ./src/neon/index.ts
/**
 * The one door to the Neon API: the gateway composes the transport (./transport.ts: retries, look-ups after a
 * lost connection, operation waits, cancellation) with one object a resource (the project, branches,
 * snapshots, connections). Nothing outside src/neon/ imports the API client; the types callers need come
 * from here.
 */







class NeonGateway {
    projectId;
    project;
    branches;
    snapshots;
    connections;
    transport;
    constructor(options) {
        this.transport = new Transport(options);
        this.projectId = this.transport.projectId;
        this.project = new ProjectResource(this.transport);
        this.connections = new Connections(this.transport);
        this.branches = new Branches(this.transport, this.connections);
        this.snapshots = new Snapshots(this.transport, this.branches);
    }
    /** Waits (at most `timeoutMs`) until no change is on the wire, so a branch list afterwards shows them all. */
    settle(timeoutMs) {
        return this.transport.settle(timeoutMs);
    }
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
/* harmony import */ var _neon_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3886);

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
    bisect: () => Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(517), __webpack_require__.e(659), __webpack_require__.e(554), __webpack_require__.e(964)]).then(__webpack_require__.bind(__webpack_require__, 1964)),
    query: () => Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(517), __webpack_require__.e(238)]).then(__webpack_require__.bind(__webpack_require__, 1238)),
    verify: () => Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(517), __webpack_require__.e(659), __webpack_require__.e(802)]).then(__webpack_require__.bind(__webpack_require__, 4802)),
    prune: () => Promise.all(/* import() */[__webpack_require__.e(581), __webpack_require__.e(186)]).then(__webpack_require__.bind(__webpack_require__, 1186)),
    recover: () => Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(517), __webpack_require__.e(369)]).then(__webpack_require__.bind(__webpack_require__, 8369)),
    undelete: () => __webpack_require__.e(/* import() */ 600).then(__webpack_require__.bind(__webpack_require__, 3600))
};
/** The operation's module, loaded on first use (import() keeps it for later calls). */
async function load(name) {
    return (await REGISTRY[name]());
}
async function makesThrowaways(name) {
    return (await load(name)).makesThrowaways === true;
}
async function runOperation(settings, gateway, context) {
    // recover's mode: undo is an operation of its own (./undo.ts), with recover's name and inputs.
    const operation = settings.operation === 'recover' && settings.mode === 'undo'
        ? (await Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(517), __webpack_require__.e(554), __webpack_require__.e(555)]).then(__webpack_require__.bind(__webpack_require__, 554)))
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
