import type { FakeAws } from '../test/support/fake-aws';
import type { ConfigChange, FunctionSpec, ServiceSpec } from './service-model';

/** One benchmark service and the config change its fourth phase applies. */
export interface Scenario {
  id: string;
  title: string;
  spec: ServiceSpec;
  change: ConfigChange;
  /** Anything the reader of the results must know about how the scenario was built. */
  note?: string;
  /** Account state the scenario needs before its first command. */
  prepareAccount?: (fake: FakeAws) => void;
}

/** The service of the original plugin's README: 4 functions, 5 routes, one two-way route. */
function seedFunctions(): FunctionSpec[] {
  return [
    {
      key: 'connectionManagement',
      routes: [{ routeKey: '$connect' }, { routeKey: '$disconnect' }],
    },
    { key: 'defaultMessage', routes: [{ routeKey: '$default' }] },
    { key: 'chatMessage', routes: [{ routeKey: 'message' }] },
    { key: 'twoWayMessage', routes: [{ routeKey: 'twoway', twoWay: true }] },
  ];
}

/** `message` moves to defaultMessage, `$disconnect` goes, chatMessage gets `shout`. */
const SEED_CHANGE: ConfigChange = {
  move: { routeKey: 'message', toFunction: 'defaultMessage' },
  remove: '$disconnect',
  add: { functionKey: 'chatMessage', routeKey: 'shout' },
};

const seed: Scenario = {
  id: 'seed',
  title: 'seed example',
  spec: { service: 'bench-seed', functions: seedFunctions() },
  change: SEED_CHANGE,
};

const seedWithAuthorizer: Scenario = {
  id: 'seed-authorizer',
  title: 'seed + authorizer',
  spec: {
    service: 'bench-seed-auth',
    functions: [
      { key: 'authorizer', routes: [] },
      ...seedFunctions().map((fn) => ({
        ...fn,
        routes: fn.routes.map((route) =>
          route.routeKey === '$connect' ? { ...route, authorizer: 'authorizer' } : route,
        ),
      })),
    ],
  },
  change: SEED_CHANGE,
};

const LARGE_FUNCTIONS = 50;
const AUTHORIZERS = 5;
/** Routes that carry one of the authorizers that cannot be live (see the note below). */
const IGNORED_AUTHORIZER_ROUTES = ['fn10a', 'fn20a', 'fn30a', 'fn40a'];
/**
 * `count` functions with two routes each, numbered with `digits` digits: fn01 serves $connect
 * and $disconnect, fn02 $default and fn02b, every other fnNN the actions fnNNa and fnNNb.
 */
function twoRouteFunctions(count: number, digits: number): FunctionSpec[] {
  return Array.from({ length: count }, (_, i): FunctionSpec => {
    const key = `fn${String(i + 1).padStart(digits, '0')}`;
    const keys =
      i === 0
        ? ['$connect', '$disconnect']
        : i === 1
          ? ['$default', `${key}b`]
          : [`${key}a`, `${key}b`];
    return { key, routes: keys.map((routeKey) => ({ routeKey })) };
  });
}

/** Two routes per function (see twoRouteFunctions), $connect with auth1; fn50b is two-way. */
function largeFunctions(): FunctionSpec[] {
  const authorizers = Array.from({ length: AUTHORIZERS }, (_, i) => ({
    key: `auth${i + 1}`,
    routes: [],
  }));
  const routeFunctions = twoRouteFunctions(LARGE_FUNCTIONS, 2);
  routeFunctions[0].routes[0].authorizer = 'auth1';
  routeFunctions[LARGE_FUNCTIONS - 1].routes[1].twoWay = true;
  for (const [index, routeKey] of IGNORED_AUTHORIZER_ROUTES.entries()) {
    const route = routeFunctions.flatMap((fn) => fn.routes).find((r) => r.routeKey === routeKey);
    if (route) route.authorizer = `auth${index + 2}`;
  }
  return [...authorizers, ...routeFunctions];
}

const large: Scenario = {
  id: 'large',
  title: 'large service',
  spec: { service: 'bench-large', functions: largeFunctions() },
  change: {
    move: { routeKey: 'fn03a', toFunction: 'fn04' },
    remove: 'fn05b',
    add: { functionKey: 'fn06', routeKey: 'fn06c' },
  },
  note:
    'API Gateway runs authorizers on $connect only, so of the 5 authorizer functions one ' +
    '(auth1) guards $connect and the other four are declared on the routes ' +
    `${IGNORED_AUTHORIZER_ROUTES.join(', ')}, where the plugin ignores them with a warning: ` +
    'they cost no call. 55 functions in all (50 with 2 routes each, 5 authorizers).',
};

const seedProduction: Scenario = {
  id: 'seed-production',
  title: 'seed + production settings',
  spec: { service: 'bench-seed-prod', functions: seedFunctions(), production: true },
  change: SEED_CHANGE,
  prepareAccount: (fake) => {
    fake.apigwAccount.setCloudwatchRoleArnDirectly(
      'us-east-1',
      'arn:aws:iam::123456789012:role/apigateway-cloudwatch',
    );
    fake.route53.createHostedZoneDirectly('ZBENCH', 'bench.example.com');
  },
  note:
    'The seed example with every production setting: logs (access and execution, 14 days), ' +
    'description, tags, stage throttling, and a custom domain at basePath chat with a Route 53 ' +
    'alias record; the account has its API Gateway CloudWatch role and the hosted zone.',
};

const QUOTA_FUNCTIONS = 150;

/** At AWS's route quota: fn001 serves $connect and $disconnect, fn002 $default and fn002b. */
const routes300: Scenario = {
  id: 'routes-300',
  title: '300-route service',
  spec: {
    service: 'bench-300',
    functions: twoRouteFunctions(QUOTA_FUNCTIONS, 3),
  },
  change: {
    move: { routeKey: 'fn003a', toFunction: 'fn004' },
    remove: 'fn005b',
    add: { functionKey: 'fn006', routeKey: 'fn006c' },
  },
  note: "150 functions with 2 routes each: 300 routes, AWS's quota per WebSocket API.",
};

export const SCENARIOS: Scenario[] = [seed, seedWithAuthorizer, seedProduction, large];

/** The quota profile runs the same services plus the one at AWS's route quota. */
export const QUOTA_SCENARIOS: Scenario[] = [...SCENARIOS, routes300];

/** The scenario whose first deploy the quota targets are about. */
export const QUOTA_TARGET_SCENARIO = routes300.id;
