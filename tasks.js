module.exports = require('./dist/tasks');
