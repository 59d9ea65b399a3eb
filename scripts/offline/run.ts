// `npm run offline`: the example served by serverless-offline (see README "Local development").
// The work is in test/offline/local-example.ts (type-checked with the tests).
import { runLocalExample } from '../../test/offline/local-example';

runLocalExample(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
