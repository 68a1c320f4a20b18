module.exports = require('./dist/phone/contact-summary');
