import { frameworkCopies, type LsNode } from './install-check';

/** The shape of `npm ls --all --json --long` (trimmed to what is read). */
const copy = (
  name: string,
  version: string,
  at: string,
  dependencies?: Record<string, LsNode>,
) => ({
  [name]: { version, path: `/p/${at}`, dependencies },
});

describe('frameworkCopies', () => {
  it('counts a deduped framework once and ignores an optional peer that is not installed', () => {
    const tree: LsNode = {
      dependencies: {
        ...copy('osls', '4.3.1', 'node_modules/osls'),
        'serverless-websockets-plugin': {
          version: '2.0.0',
          path: '/p/node_modules/serverless-websockets-plugin',
          dependencies: { ...copy('osls', '4.3.1', 'node_modules/osls'), serverless: {} },
        },
      },
    };
    expect(frameworkCopies(tree)).toEqual(['osls@4.3.1']);
  });

  it('finds a second framework installed deeper in the tree', () => {
    const tree: LsNode = {
      dependencies: {
        ...copy('osls', '4.3.1', 'node_modules/osls'),
        ...copy('some-plugin', '1.0.0', 'node_modules/some-plugin', {
          ...copy('serverless', '3.40.0', 'node_modules/some-plugin/node_modules/serverless'),
        }),
      },
    };
    expect(frameworkCopies(tree)).toEqual(['osls@4.3.1', 'serverless@3.40.0']);
  });
});
