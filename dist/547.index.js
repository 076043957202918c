export const id = 547;
export const ids = [547];
export const modules = {

/***/ 5547:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  postComment: () => (/* binding */ postComment)
});

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
// EXTERNAL MODULE: ./src/summary.ts
var summary = __webpack_require__(8855);
;// CONCATENATED MODULE: ./src/comment/body.ts
/**
 * The pull request comment's text, without I/O: one comment per workflow and job, found again by a hidden
 * marker, holding one section per step (each between its own markers), replaced in place when that step runs
 * again and appended when a new step reports. Kept under GitHub's comment limit.
 */
/** GitHub refuses a comment body over 65536 characters ("body is too long (maximum is 65536 characters)"). */
const COMMENT_LIMIT_CHARS = 65536;
/** A section's share, so a job's few steps fit together. */
const SECTION_LIMIT_BYTES = 20_000;
/** An HTML comment holds no `--`: user text (a workflow name) is made safe for one. */
const safe = (text) => text.replace(/-{2,}/g, '-').replace(/>/g, '');
function marker(place) {
    return `<!-- neon-recovery-action: ${safe(place.workflow)}/${safe(place.job)} -->`;
}
const start = (key) => `<!-- section: ${safe(key)} -->`;
const END = '<!-- /section -->';
const SECTION = /<!-- section: (.*?) -->\n([\s\S]*?)\n<!-- \/section -->/g;
/** The section key of a step: its operation, and the step's id where the runner gives one. */
function sectionKey(operation, stepId) {
    return stepId ? `${operation}:${stepId}` : operation;
}
/**
 * The comment's new body: `existing` (undefined for a first comment) with the section `key` set to `html`,
 * in place when it was there, at the end otherwise. Older sections are left out, oldest first, when the whole
 * would pass GitHub's limit.
 */
function commentBody(options) {
    const { place, header, existing, key, html } = options;
    const sections = new Map();
    for (const match of (existing ?? '').matchAll(SECTION))
        sections.set(match[1], match[2]);
    sections.set(safe(key), html);
    const entries = [...sections.entries()];
    let left = 0;
    for (;;) {
        const kept = entries.filter(([name], index) => index >= left || name === safe(key));
        const note = left > 0
            ? `\n<p><em>${left} older section${left === 1 ? '' : 's'} left out for GitHub's size limit.</em></p>`
            : '';
        const body = [
            marker(place),
            header + note,
            ...kept.map(([name, content]) => `${start(name)}\n${content}\n${END}`)
        ].join('\n');
        if (body.length <= COMMENT_LIMIT_CHARS || left >= entries.length)
            return body;
        left++;
    }
}
/** `text` with every secret (and its HTML-escaped form) replaced by `***`, as the runner masks logs. */
function scrub(text, secrets, escape) {
    let scrubbed = text;
    for (const secret of secrets) {
        if (!secret)
            continue;
        for (const form of new Set([secret, escape(secret)]))
            scrubbed = scrubbed.split(form).join('***');
    }
    return scrubbed;
}

;// CONCATENATED MODULE: ./src/comment/index.ts
/**
 * `comment: true`: the step's result, in short (the summary without its long tables), goes into a comment on
 * the pull request, with @actions/github's Octokit (which reaches GITHUB_API_URL, so GitHub Enterprise and the
 * tests' local server work alike). Loaded only when comment is true: @actions/github is not read otherwise.
 * Commenting never fails the step: a token that may not comment gets a warning naming the permission.
 */



const COMMENT_TIMEOUT_MS = 30_000;
/** Events whose payload names a pull request to comment on. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
/** Writes or updates this job's comment; reports a problem as a warning or notice, never by throwing. */
async function postComment(request) {
    const number = github/* context */._.payload.pull_request?.number;
    if (!PULL_REQUEST_EVENTS.has(github/* context */._.eventName) || typeof number !== 'number') {
        request.notice(`comment: this run is a ${github/* context */._.eventName || 'local'} event, not a pull request, so the result is in the ` +
            'job summary only (comment applies to pull_request and pull_request_target events)');
        return;
    }
    if (!request.token) {
        request.warning('comment: no token reached the step (github-token is empty), so no comment was written');
        return;
    }
    try {
        const signal = AbortSignal.timeout(request.timeoutMs ?? COMMENT_TIMEOUT_MS);
        const octokit = (0,github/* getOctokit */.Q)(request.token, { request: { signal } });
        const url = await upsert(octokit, number, request);
        request.info(`Commented on pull request #${number}: ${url}`);
    }
    catch (error) {
        request.warning(failureText(error, number));
    }
}
async function upsert(octokit, number, request) {
    const place = { workflow: github/* context */._.workflow || 'workflow', job: github/* context */._.job || 'job' };
    const issue = { ...github/* context */._.repo, issue_number: number };
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...issue, per_page: 100 });
    // The marker opens the body: a comment that quotes ours (with "> ") is not ours.
    const existing = comments.find((comment) => comment.body?.startsWith(marker(place)));
    // GITHUB_ACTION is the step's id (or the runner's name for a step without one): one section a step.
    const key = sectionKey(request.operation, process.env.GITHUB_ACTION);
    const html = request.summary.brief().toHtml(SECTION_LIMIT_BYTES);
    const body = scrub(commentBody({ place, header: header(place), existing: existing?.body, key, html }), request.secrets, summary/* escapeHtml */.ZD);
    if (existing) {
        const { data } = await octokit.rest.issues.updateComment({ ...github/* context */._.repo, comment_id: existing.id, body });
        return data.html_url;
    }
    const { data } = await octokit.rest.issues.createComment({ ...issue, body });
    return data.html_url;
}
function header(place) {
    const runId = process.env.GITHUB_RUN_ID;
    const run = runId ? ` (<a href="${runUrl(runId)}">run ${(0,summary/* escapeHtml */.ZD)(runId)}</a>)` : '';
    return `<p><strong>Neon recovery</strong>: ${(0,summary/* escapeHtml */.ZD)(place.workflow)} / ${(0,summary/* escapeHtml */.ZD)(place.job)}${run}</p>`;
}
function runUrl(runId) {
    const { owner, repo } = github/* context */._.repo;
    return (0,summary/* escapeHtml */.ZD)(`${github/* context */._.serverUrl}/${owner}/${repo}/actions/runs/${runId}`);
}
/** Octokit's RequestError carries the HTTP status; 403 and 404 are what a token without the permission meets. */
function failureText(error, number) {
    const status = error.status;
    const detail = error.message;
    if (status === 403 || status === 404) {
        return (`comment: GitHub refused to comment on pull request #${number} (${status}: ${detail}): give the job ` +
            '`permissions: pull-requests: write` (a pull request from a fork gets a read-only token); the result is ' +
            'in the job summary');
    }
    return `comment: could not comment on pull request #${number} (${status ?? 'no answer'}: ${detail}); the result is in the job summary`;
}


/***/ })

};
