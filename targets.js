module.exports = require('./dist/targets');
