'use strict';
// cht-conf-test-harness asks puppeteer-chromium-resolver for a browser, which downloads one.
// Offline machines cannot download, so resolve the system Chromium instead, and only fall back
// to the real resolver (installed on demand as `puppeteer-chromium-resolver-upstream`) when the
// machine has no Chromium of its own.
const fs = require('fs');

const CANDIDATES = [
  process.env.CHROME_BIN,
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].filter(Boolean);

function findSystemChromium() {
  return CANDIDATES.find((candidate) => {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

module.exports = async function resolve(options) {
  const executablePath = findSystemChromium();
  if (executablePath) {
    return {
      executablePath,
      puppeteer: require('puppeteer-core'),
      revision: 'system',
      folderPath: require('path').dirname(executablePath),
      local: true,
    };
  }
  let upstream;
  try {
    upstream = require('puppeteer-chromium-resolver-upstream');
  } catch {
    throw new Error(
      'No system Chromium found (checked CHROME_BIN, /usr/bin/chromium, /usr/bin/google-chrome). ' +
      'Install it with `apt-get install -y chromium`, set CHROME_BIN, or run ' +
      '`npm install --no-save puppeteer-chromium-resolver-upstream@npm:puppeteer-chromium-resolver@10` to download one.'
    );
  }
  return upstream(options);
};
