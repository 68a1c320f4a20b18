// cht-conf bundles the phone's entry point src/phone/rules.ts (CommonJS: evaluated for every contact).
module.exports = require('./dist/phone/rules').targets;
