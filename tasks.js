// cht-conf bundles the CommonJS entry point (evaluated for every contact); it requires the rest as ES modules (src/phone/tasks.ts).
module.exports = require('./dist/phone/tasks');
