module.exports = require('./dist/contact-summary');
