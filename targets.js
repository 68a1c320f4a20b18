module.exports = require('./dist/phone/targets');
