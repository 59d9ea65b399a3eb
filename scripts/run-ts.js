// Runs a TypeScript file with plain node (used by `npm run demo`): compiles each .ts module as
// it is required, with the project's TypeScript, no type check (`npm test` does that).
const ts = require('typescript');
const fs = require('fs');
const path = require('path');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2019,
      esModuleInterop: true,
    },
    fileName: filename,
  });
  module._compile(outputText, filename);
};

const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...args];
require(path.resolve(script));
