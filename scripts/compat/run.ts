// `npm run test:compat`: the plugin against every supported Serverless Framework version.
// The work is in test/compat (type-checked with the tests); see test/compat/compat-run.ts.
import { runCompat } from '../../test/compat/compat-run';

runCompat(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
