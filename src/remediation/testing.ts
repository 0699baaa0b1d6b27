import { ClientPool } from '../aws/clients.js';
import type { Journal } from './journal.js';
import { FakePrompter } from './prompter.js';
import { checkJournal, type RollbackOptions } from './rollback.js';
import type { ActionContext, Change, HardenInputs, RemediationAction, UndoContext } from './types.js';

export const TEST_INPUTS: HardenInputs = {
  adminGroup: 'Administrators',
  adminUser: 'JSmith',
  alias: 'acme-prod',
  securityEmail: 'security@example.com',
  securityPhone: '+1 555 0100',
  accessKeys: false,
  trailCloudWatchLogs: false,
  secretsDir: '/tmp',
  showSecrets: false,
};

export interface TestActionContext extends ActionContext, UndoContext {
  changes: Change[];
  said: string[];
  files: Map<string, string | Uint8Array>;
}

/** An action context for unit tests: fake credentials, journaled changes, said lines and files kept in memory. */
export function actionContext(
  overrides: Partial<Omit<ActionContext, 'inputs'>> & {
    inputs?: Partial<HardenInputs>;
    journaled?: UndoContext['journaled'];
  } = {},
): TestActionContext {
  const changes: Change[] = [];
  const said: string[] = [];
  const files = new Map<string, string | Uint8Array>();
  const pool = new ClientPool({ region: 'eu-west-1', regionSource: '--region', warnings: [] }, () =>
    Promise.resolve({ accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' }),
  );
  let counter = 0;
  const { inputs, ...rest } = overrides;
  return {
    pool,
    accountId: '123456789012',
    partition: 'aws',
    region: 'eu-west-1',
    callerArn: 'arn:aws:iam::123456789012:user/setup',
    prompter: new FakePrompter([], true, true),
    say: (line) => said.push(line),
    tell: (line) => said.push(line),
    record: (change) => {
      changes.push(change);
      return Promise.resolve();
    },
    prior: [],
    prepareSecretsDir: () => Promise.resolve('/secrets'),
    writeSecretFile: (name, content) => {
      files.set(name, content);
      return Promise.resolve(`/secrets/${name}`);
    },
    readSecretFile: (name) => {
      const content = files.get(name);
      return Promise.resolve(typeof content === 'string' ? content : undefined);
    },
    rerun: 'rampart harden --apply --yes',
    // Deterministic "random" bytes: 0, 1, 2, ...
    randomBytes: (n) => Uint8Array.from({ length: n }, () => counter++ % 256),
    sleep: () => Promise.resolve(),
    journaled: [],
    ...rest,
    inputs: { ...TEST_INPUTS, ...inputs },
    changes,
    said,
    files,
  };
}

/** Rollback options for unit tests: the setup user of account 123456789012, no waits, the prompt confirmed. */
export function rollbackOptions(
  journal: Journal,
  actions: readonly RemediationAction[],
  pool: ClientPool,
): RollbackOptions {
  return {
    checked: checkJournal(journal, actions),
    pool,
    identity: { Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/setup' },
    say: () => undefined,
    now: () => new Date('2026-01-01T00:00:00Z'),
    sleep: () => Promise.resolve(),
    confirm: () => Promise.resolve(true),
  };
}
