import type { ClientPool } from '../aws/clients.js';
import { describeAwsFailure } from './errors.js';
import { FakePrompter } from './prompter.js';
import type { ActionContext, HardenInputs, RemediationAction } from './types.js';

/** A context for reading live state only: recording or writing files is a bug here. */
export function readOnlyContext(args: {
  pool: ClientPool;
  accountId: string;
  partition: string;
  region: string;
  callerArn: string;
  inputs: HardenInputs;
}): ActionContext {
  const refuse = (): Promise<never> =>
    Promise.reject(new Error('read-only context: no changes while planning'));
  return {
    ...args,
    prompter: new FakePrompter([], false, false),
    say: () => undefined,
    tell: () => undefined,
    record: refuse,
    prior: [],
    prepareSecretsDir: refuse,
    writeSecretFile: refuse,
    readSecretFile: refuse,
    rerun: 'rampart harden --apply',
    randomBytes: () => {
      throw new Error('read-only context');
    },
    sleep: () => Promise.resolve(),
  };
}

/** Reads every action's live state (read-only calls); a failure becomes a reason, never a crash. */
export async function readStates(
  actions: readonly RemediationAction[],
  ctx: ActionContext,
): Promise<{ states: Record<string, unknown>; readErrors: Record<string, string> }> {
  const states: Record<string, unknown> = {};
  const readErrors: Record<string, string> = {};
  await Promise.all(
    actions.map(async (a) => {
      try {
        states[a.id] = await a.read(ctx);
      } catch (err) {
        readErrors[a.id] = describeAwsFailure(err);
      }
    }),
  );
  return { states, readErrors };
}
