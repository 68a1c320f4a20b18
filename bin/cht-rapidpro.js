#!/usr/bin/env node
'use strict';
// The CLI is written in TypeScript and compiled to dist/ by `npm run build` (or `npx tsc`).
require('../dist/cli/index.js').runCli();
