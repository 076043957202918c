export const id = 661;
export const ids = [661];
export const modules = {

/***/ 6661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runSelfHosted: () => (/* binding */ runSelfHosted)
/* harmony export */ });
async function runSelfHosted(settings, context, remember) {
    switch (settings.operation) {
        case 'verify': {
            const drill = await Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(517), __webpack_require__.e(1), __webpack_require__.e(579)]).then(__webpack_require__.bind(__webpack_require__, 2579));
            const plan = await drill.plan(settings, context);
            return drill.report(plan, await drill.execute(plan, context, remember));
        }
        case 'query': {
            const query = await Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(643), __webpack_require__.e(517), __webpack_require__.e(1), __webpack_require__.e(727), __webpack_require__.e(37)]).then(__webpack_require__.bind(__webpack_require__, 1037));
            const plan = await query.plan(settings, context);
            return query.report(plan, await query.execute(plan, context, remember), context);
        }
        case 'recover': {
            const recover = await Promise.all(/* import() */[__webpack_require__.e(142), __webpack_require__.e(643), __webpack_require__.e(517), __webpack_require__.e(1), __webpack_require__.e(727), __webpack_require__.e(369), __webpack_require__.e(213)]).then(__webpack_require__.bind(__webpack_require__, 9341));
            const plan = await recover.plan(settings, context);
            return recover.report(plan, await recover.execute(plan, context, remember), context);
        }
    }
}


/***/ })

};
