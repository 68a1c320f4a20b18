/**
 * CHT 4.11's rules-engine code path in the browser the harness drives (Chromium, V8 as in the
 * Android WebView CHT runs in). The page gets cht-core 4.11's own `rules-emitter` modules, taken
 * from the cht-core bundle cht-conf-test-harness ships (the modules `rules-emitter/index.js`
 * requires, and cht-datasource's `auth.js` for `cht.v1.hasPermissions`; the nools emitter, which
 * declarative rules never use, is left out), and runs `initialize` + `getEmissionsFor` there, as
 * ./engine-node.ts does in Node. Timings are taken in the page.
 */
import * as fs from 'fs';
import { createRequire } from 'node:module';
import * as path from 'path';
import { FloorTable } from './baselines/floor/table';
import { Phone } from './caseload';
import { FREEZE_CLOCK_SCRIPT } from './clock';

const ROOT = path.resolve(__dirname, '..');
const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));

const CORE = './build/cht-core-4-11/';
const EMITTER = `${CORE}shared-libs/rules-engine/src/rules-emitter/index.js`;
const NOOLS = `${CORE}shared-libs/rules-engine/src/rules-emitter/emitter.nools.js`;
const AUTH = `${CORE}shared-libs/cht-datasource/dist/auth.js`;

/** The modules of a webpack development bundle, by id: each module's factory source. */
export function bundleModules(source: string): Map<string, string> {
  const modules = new Map<string, string>();
  const header = /^\/\*\*\*\/ "([^"]+)":\n/gm;
  const starts: { id: string; at: number }[] = [];
  for (let match = header.exec(source); match; match = header.exec(source)) starts.push({ id: match[1], at: match.index + match[0].length });
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].at : source.length;
    const chunk = source.slice(start.at, end);
    const open = chunk.indexOf('/***/ (');
    const close = chunk.lastIndexOf('\n/***/ })');
    if (open < 0 || close < 0) return;
    modules.set(start.id, chunk.slice(open + '/***/ '.length, close + '\n/***/ })'.length).replace(/^\/\*\*\*\/ /, ''));
  });
  return modules;
}

/** A script that defines `window.ChtRulesEmitter` and `window.ChtAuth` from the harness's cht-core 4.11 bundle. */
export function emitterScript(): string {
  const bundlePath = path.join(path.dirname(requireFromRoot.resolve('cht-conf-test-harness/package.json')), 'dist', 'cht-core-4-11', 'cht-core-bundle.dev.js');
  const modules = bundleModules(fs.readFileSync(bundlePath, 'utf8'));
  const needed = new Map<string, string>();
  const visit = (id: string): void => {
    if (needed.has(id)) return;
    if (id === NOOLS) {
      needed.set(id, '((module) => { module.exports = {}; })');
      return;
    }
    const factory = modules.get(id);
    if (!factory) throw new Error(`the harness's cht-core bundle has no module ${id}: has cht-conf-test-harness changed?`);
    needed.set(id, factory);
    for (const match of factory.matchAll(/__webpack_require__\(\/\*![^*]*\*\/ "([^"]+)"\)/g)) visit(match[1]);
  };
  visit(EMITTER);
  visit(AUTH);
  const table = [...needed].map(([id, factory]) => `${JSON.stringify(id)}: ${factory}`).join(',\n');
  return `(function () {
var __webpack_modules__ = {
${table}
};
var __webpack_module_cache__ = {};
function __webpack_require__(moduleId) {
  var cached = __webpack_module_cache__[moduleId];
  if (cached !== undefined) return cached.exports;
  var module = __webpack_module_cache__[moduleId] = { id: moduleId, loaded: false, exports: {} };
  __webpack_modules__[moduleId].call(module.exports, module, module.exports, __webpack_require__);
  module.loaded = true;
  return module.exports;
}
__webpack_require__.o = function (obj, prop) { return Object.prototype.hasOwnProperty.call(obj, prop); };
__webpack_require__.d = function (exports, definition) {
  for (var key in definition) if (__webpack_require__.o(definition, key) && !__webpack_require__.o(exports, key)) Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
};
__webpack_require__.r = function (exports) {
  if (typeof Symbol !== 'undefined' && Symbol.toStringTag) Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
  Object.defineProperty(exports, '__esModule', { value: true });
};
__webpack_require__.n = function (module) {
  var getter = module && module.__esModule ? function () { return module['default']; } : function () { return module; };
  __webpack_require__.d(getter, { a: getter });
  return getter;
};
__webpack_require__.nmd = function (module) { module.paths = []; if (!module.children) module.children = []; return module; };
__webpack_require__.g = window;
window.ChtRulesEmitter = __webpack_require__(${JSON.stringify(EMITTER)});
window.ChtAuth = __webpack_require__(${JSON.stringify(AUTH)});
})();`;
}

/** What runs in the page: the phone, the rule sets, one run. */
const PAGE_SCRIPT = `
window.__bench = { sets: {}, phones: {}, floors: {} };
window.benchRun = async function (setId, phoneId, frozenNow) {
  var bench = window.__bench;
  var phone = bench.phones[phoneId];
  var roles = phone.roles, permissions = bench.permissions;
  var auth = window.ChtAuth;
  var api = { v1: {
    hasPermissions: function (p) { return auth.hasPermissions(p, roles, permissions); },
    hasAnyPermission: function (g) { return auth.hasAnyPermission(g, roles, permissions); },
  } };
  window.__rulesBenchFloor = setId === 'floor' ? bench.floors[phoneId] : undefined;
  if (frozenNow !== undefined) window.freezeClock(frozenNow);
  if (window.gc) window.gc();
  var start = performance.now();
  var emitter = window.ChtRulesEmitter;
  emitter.initialize({ rules: bench.sets[setId], rulesAreDeclarative: true, taskSchedules: [], contact: phone.user, chtScriptApi: api });
  var result;
  try {
    result = await emitter.getEmissionsFor(phone.contacts, phone.reports);
  } finally {
    emitter.shutdown();
    if (frozenNow !== undefined) window.restoreClock();
    window.__rulesBenchFloor = undefined;
  }
  var ms = performance.now() - start;
  if (frozenNow === undefined) return { ms: ms };
  return { ms: ms, emissions: { tasks: result.tasks.map(window.benchPlain), targets: result.targets.map(window.benchPlain) } };
};
/** An emission without its container, contacts by id, dates as epoch ms: what crosses back to Node. */
window.benchPlain = function (emission) {
  var out = {};
  Object.keys(emission).forEach(function (key) {
    var value = emission[key];
    if (key === 'doc') return;
    if (key === 'contact' && value && typeof value === 'object') { out.contact = { _id: value._id }; return; }
    if (value instanceof Date) { out[key] = value.getTime(); return; }
    if (key === 'actions') {
      out.actions = value.map(function (action) {
        var content = {};
        Object.keys(action.content).forEach(function (k) { content[k] = k === 'contact' && action.content[k] ? { _id: action.content[k]._id } : action.content[k]; });
        return { type: action.type, form: action.form, label: action.label, content: content };
      });
      return;
    }
    out[key] = value;
  });
  return out;
};
`;

interface Page {
  evaluate<T>(fn: string | ((...args: never[]) => T), ...args: unknown[]): Promise<T>;
  addScriptTag(options: { content: string }): Promise<unknown>;
  goto(url: string): Promise<unknown>;
}

interface Browser {
  newPage(): Promise<Page>;
  close(): Promise<void>;
  version(): Promise<string>;
}

export interface ChromiumSession {
  version: string;
  /** Keeps a phone in the page, under `id`, with the floor's table for it. */
  loadPhone(id: string, phone: Phone, floor: FloorTable): Promise<void>;
  loadRules(id: string, rules: string): Promise<void>;
  setPermissions(permissions: Record<string, string[]>): Promise<void>;
  /** One rules-engine start and a full recalculation of a set on a phone; with `frozenNow`, on a frozen clock, returning the emissions. */
  run(setId: string, phoneId: string, frozenNow?: number): Promise<{ ms: number; emissions?: { tasks: object[]; targets: object[] } }>;
  close(): Promise<void>;
}

/** Starts the harness's Chromium (the system one, through tools/pcr-shim) with one blank page. */
export async function chromium(): Promise<ChromiumSession> {
  const resolve = requireFromRoot('puppeteer-chromium-resolver') as (options: object) => Promise<{ executablePath: string; puppeteer: { launch(options: object): Promise<Browser> } }>;
  const resolved = await resolve({ silent: true });
  const defaults = JSON.parse(fs.readFileSync(path.join(ROOT, 'harness.defaults.json'), 'utf8')) as { args?: string[] };
  const browser = await resolved.puppeteer.launch({
    executablePath: resolved.executablePath,
    headless: true,
    args: [...(defaults.args ?? []), '--js-flags=--expose-gc'],
  });
  try {
    const page = await browser.newPage();
    await page.goto('about:blank');
    await page.addScriptTag({ content: emitterScript() });
    await page.addScriptTag({ content: FREEZE_CLOCK_SCRIPT });
    await page.addScriptTag({ content: PAGE_SCRIPT });
    const version = await browser.version();
    return {
      version,
      async loadPhone(id, phone, floor) {
        const key = JSON.stringify(id);
        await page.evaluate(`window.__bench.phones[${key}] = ${JSON.stringify({ user: phone.user, roles: phone.roles, contacts: phone.contacts, reports: phone.reports })}; window.__bench.floors[${key}] = ${JSON.stringify(floor)};`);
      },
      async setPermissions(permissions) {
        await page.evaluate(`window.__bench.permissions = ${JSON.stringify(permissions)};`);
      },
      async loadRules(id, rules) {
        await page.evaluate(`window.__bench.sets[${JSON.stringify(id)}] = ${JSON.stringify(rules)};`);
      },
      async run(setId, phoneId, frozenNow) {
        return page.evaluate(`window.benchRun(${JSON.stringify(setId)}, ${JSON.stringify(phoneId)}, ${frozenNow === undefined ? 'undefined' : String(frozenNow)})`);
      },
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
