// SPDX-License-Identifier: GPL-3.0-or-later
// Validates SARIF files against the official SARIF 2.1.0 JSON schema (as
// shipped by Microsoft's SARIF SDK on npm) with Ajv.
//   node check-sarif.js NODE_MODULES FILE.sarif...
'use strict';
const fs = require('fs');
const path = require('path');

const modules = path.resolve(process.argv[2]);
const load = (name) => require(path.join(modules, name));
const Ajv = load('ajv-draft-04');
const addFormats = load('ajv-formats');
const schema = load('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

// The schema's language pattern is not valid with the u flag, which Ajv uses by default.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);
let failed = 0;
for (const file of process.argv.slice(3)) {
  const log = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (validate(log)) {
    console.log(`ok - ${file} is valid SARIF 2.1.0`);
  } else {
    failed++;
    console.log(`not ok - ${file} is not valid SARIF 2.1.0`);
    for (const e of validate.errors) console.log(`    ${e.instancePath} ${e.message}`);
  }
}
process.exit(failed ? 1 : 0);
