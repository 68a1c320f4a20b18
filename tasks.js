module.exports = require('./dist/phone/tasks');
