// cht-conf bundles the ES module build of src/phone (dist/phone-bundle); Node loads the CommonJS one (dist/phone): package.json "imports".
module.exports = require('#phone/targets').default;
