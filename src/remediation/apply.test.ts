import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsError } from '../collectors/testing.js';
import { applyPlan, ApplyRefused, type ApplyOptions } from './apply.js';
import { openJournal } from './journal.js';
import { buildPlan } from './plan.js';
import { FakePrompter } from './prompter.js';
import { rollback } from './rollback.js';
import { actionContext, rollbackOptions, TEST_INPUTS } from './testing.js';
import { defineAction, type ActionContext, type RemediationAction } from './types.js';

/** A fake account: a set of things that exist. Actions create them; undo removes them. */
function world() {
  const things = new Set<string>();
  let failOn: string | undefined;
  const make = (id: string, opts: { denied?: boolean; manual?: boolean } = {}): RemediationAction =>
    defineAction<{ has: boolean }>({
      id,
      title: `make ${id}`,
      fixes: [`check-${id}`],
      changeKinds: ['made'],
      permissions: [`svc:Make${id}`],
      cost: 'Free.',
      userImpact: 'None.',
      ...(opts.manual ? { manual: true } : {}),
      read: () => Promise.resolve({ has: things.has(id) }),
      satisfied: (s) => s.has,
      describe: () => ({ before: [`no ${id}`], after: [`make ${id}`] }),
      async apply(ctx) {
        if (opts.denied)
          throw Object.assign(awsError('AccessDenied', `not authorized to perform svc:Make${id}`, 403), {
            rampartAction: `svc:Make${id}`,
          });
        if (failOn === id) throw new Error(`crash while making ${id}`);
        things.add(id);
        await ctx.record({ kind: 'made', id });
      },
      undo(_ctx, change) {
        things.delete(String(change.id));
        return Promise.resolve(undefined);
      },
    });
  return { things, make, crashOn: (id: string | undefined) => (failOn = id) };
}

/** An interrupted run: the journal without its "completed" record (and without records containing `drop`). */
async function interrupt(journalFile: string, drop?: string): Promise<void> {
  const lines = (await readFile(journalFile, 'utf8'))
    .trim()
    .split('\n')
    .filter((l) => !l.includes('"completed"') && !(drop && l.includes(drop)));
  await writeFile(journalFile, `${lines.join('\n')}\n`);
}

async function setup(actions: RemediationAction[], prompter = new FakePrompter([], false, true)) {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-apply-'));
  const ctx = actionContext();
  const states = Object.fromEntries(
    await Promise.all(actions.map(async (a) => [a.id, await a.read(ctx)] as const)),
  );
  const plan = buildPlan({
    accountId: '123456789012',
    partition: 'aws',
    region: 'eu-west-1',
    callerArn: 'arn:aws:iam::123456789012:user/setup',
    createdAt: '2026-01-01T00:00:00Z',
    inputs: TEST_INPUTS,
    states,
    findings: [],
    actions,
    interactive: prompter.interactive,
  });
  const journalFile = join(dir, 'journal.jsonl');
  const options = async (): Promise<ApplyOptions> => ({
    plan,
    actions,
    pool: ctx.pool,
    identity: { Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/setup' },
    prompter,
    journal: await openJournal(journalFile),
    say: () => undefined,
    now: () => new Date('2026-01-01T00:00:00Z'),
    prepareSecretsDir: () => Promise.reject(new Error('no files')),
    writeSecretFile: () => Promise.reject(new Error('no files')),
    readSecretFile: () => Promise.resolve(undefined),
    rerun: 'rampart harden --apply --yes',
    randomBytes: () => new Uint8Array(),
    sleep: () => Promise.resolve(),
    tool: 'test',
  });
  return { plan, options, journalFile, ctx };
}

describe('applyPlan', () => {
  it('applies, verifies, journals (mode 0600); a second run changes nothing; rollback undoes in reverse', async () => {
    const w = world();
    const actions = [w.make('a'), w.make('b')];
    const { options, journalFile, ctx } = await setup(actions);
    const results = await applyPlan(await options());
    expect(results.map((r) => [r.action, r.outcome, r.changed])).toEqual([
      ['a', 'changed', true],
      ['b', 'changed', true],
    ]);
    expect((await stat(journalFile)).mode & 0o777).toBe(0o600);
    const again = await setup(actions);
    const second = await applyPlan({
      ...(await again.options()),
      journal: await openJournal(`${journalFile}.2`),
    });
    expect(second.map((r) => r.changed)).toEqual([false, false]);

    const order: string[] = [];
    const journal = await openJournal(journalFile);
    const undone = await rollback(
      rollbackOptions(
        journal,
        actions.map((a) => ({
          ...a,
          undo: (c: typeof ctx, ch: { kind: string; id?: unknown }) => (
            order.push(String(ch.id)),
            a.undo(c, ch)
          ),
        })),
        ctx.pool,
      ),
    );
    expect(undone.every((u) => u.ok)).toBe(true);
    expect(order).toEqual(['b', 'a']);
    expect(w.things.size).toBe(0);
    expect(await readFile(journalFile, 'utf8')).toContain('"rolled-back"');
  });

  it('refuses a plan made for another account, and a plan whose before-state changed', async () => {
    const w = world();
    const { options } = await setup([w.make('a')]);
    const o = await options();
    await expect(applyPlan({ ...o, identity: { Account: '999999999999', Arn: 'x' } })).rejects.toThrow(
      ApplyRefused,
    );
    // "a" now exists half-made in a different way: state differs from the plan and is not satisfied.
    const drift = defineAction<{ has: boolean; n: number }>({
      ...(w.make('a') as unknown as RemediationAction<{ has: boolean; n: number }>),
      read: () => Promise.resolve({ has: false, n: 2 }),
    });
    await expect(applyPlan({ ...o, actions: [drift as RemediationAction] })).rejects.toThrow(
      'changed since the plan was made',
    );
  });

  it('asks before each step; a "no" skips it', async () => {
    const w = world();
    const prompter = new FakePrompter([false, true], true, false);
    const { options } = await setup([w.make('a'), w.make('b')], prompter);
    const results = await applyPlan(await options());
    expect(results.map((r) => r.outcome)).toEqual(['declined', 'changed']);
    expect(prompter.asked).toEqual(['Apply "make a"?', 'Apply "make b"?']);
  });

  it('AccessDenied fails only that step, naming the permission; manual steps are reported, not applied', async () => {
    const w = world();
    const { options } = await setup([
      w.make('a', { denied: true }),
      w.make('m', { manual: true }),
      w.make('b'),
    ]);
    const results = await applyPlan(await options());
    expect(results[0]).toMatchObject({ outcome: 'failed', changed: false });
    expect(results[0]?.message).toContain('access denied (missing permission svc:Makea)');
    expect(results[1]).toMatchObject({ outcome: 'manual', changed: false, message: 'make m' });
    expect(results[2]).toMatchObject({ outcome: 'changed' });
    expect(w.things.has('m')).toBe(false);
  });

  it('a step that fails after creating something reports it changed and journals it, so rollback undoes it', async () => {
    const things = new Set<string>();
    const halfway = defineAction<{ has: boolean }>({
      id: 'two-parts',
      title: 'make two parts',
      fixes: ['check-two-parts'],
      changeKinds: ['made'],
      permissions: ['svc:MakePart'],
      cost: 'Free.',
      userImpact: 'None.',
      read: () => Promise.resolve({ has: things.has('part2') }),
      satisfied: (s) => s.has,
      describe: () => ({ before: [], after: ['make two parts'] }),
      async apply(ctx) {
        things.add('part1');
        await ctx.record({ kind: 'made', id: 'part1' });
        throw Object.assign(awsError('AccessDenied', 'not authorized to perform svc:MakePart', 403), {
          rampartAction: 'svc:MakePart',
        });
      },
      undo(_ctx, change) {
        things.delete(String(change.id));
        return Promise.resolve(undefined);
      },
    });
    const { options, journalFile, ctx } = await setup([halfway]);
    const [result] = await applyPlan(await options());
    expect(result).toMatchObject({ outcome: 'failed', changed: true });
    expect(result?.message).toMatch(/^partly done: 1 change journaled \(undo with rampart rollback\); /);
    expect(result?.message).toContain('missing permission svc:MakePart');
    const undone = await rollback(rollbackOptions(await openJournal(journalFile), [halfway], ctx.pool));
    expect(undone.map((u) => u.ok)).toEqual([true]);
    expect(things.size).toBe(0);
  });

  it('an interrupted run resumes with the same journal; a finished journal is not reused', async () => {
    const w = world();
    const actions = [w.make('a'), w.make('b')];
    const { options, journalFile } = await setup(actions);
    w.crashOn('b');
    const first = await applyPlan(await options());
    expect(first.map((r) => r.outcome)).toEqual(['changed', 'failed']);
    // Simulate an interruption: drop the "completed" record.
    await interrupt(journalFile);
    w.crashOn(undefined);
    const resumed = await applyPlan(await options());
    // "a" is in place now because the interrupted run made it: the resumed run's summary counts it.
    expect(resumed.map((r) => [r.outcome, r.changed])).toEqual([
      ['unchanged', true],
      ['changed', true],
    ]);
    await expect(applyPlan(await options())).rejects.toThrow('finished run');
    const journal = await openJournal(journalFile);
    expect(journal.changes().map((c) => c.change.id)).toEqual(['a', 'b']);
    expect(journal.records.filter((r) => r.type === 'begin')).toHaveLength(1);
  });

  it("refuses to resume a journal begun in another region: rollback undoes in the journal's region", async () => {
    const w = world();
    const actions = [w.make('a'), w.make('b')];
    const { options, journalFile, plan } = await setup(actions);
    w.crashOn('b');
    await applyPlan(await options());
    await interrupt(journalFile);
    w.crashOn(undefined);
    const before = await readFile(journalFile, 'utf8');
    await expect(applyPlan({ ...(await options()), plan: { ...plan, region: 'us-east-2' } })).rejects.toThrow(
      `journal ${journalFile} records a run in region eu-west-1, not us-east-2 (the plan's); pass a new --journal file`,
    );
    expect(await readFile(journalFile, 'utf8')).toBe(before);
    expect(w.things).toEqual(new Set(['a']));
  });

  it('a resumed run counts the changes a step journaled in the interrupted run, whatever the step does now', async () => {
    // Each step journals part1 (once), then is denied; someone else may finish it ("<id>-done").
    const parts = new Set<string>();
    let blockedNow = false;
    const halfway = (id: string) =>
      defineAction<{ has: boolean }>({
        id,
        title: `make ${id}`,
        fixes: [`check-${id}`],
        changeKinds: ['made'],
        permissions: ['svc:MakePart'],
        cost: 'Free.',
        userImpact: 'None.',
        read: () => Promise.resolve({ has: parts.has(`${id}-done`) }),
        satisfied: (s) => s.has,
        blocked: () => (blockedNow && id === 'c' ? { reason: 'half made: fix it by hand' } : undefined),
        describe: () => ({ before: [], after: [`make ${id}`] }),
        async apply(ctx) {
          if (!ctx.prior.some((c) => c.id === `${id}-part1`)) {
            parts.add(`${id}-part1`);
            await ctx.record({ kind: 'made', id: `${id}-part1` });
          }
          throw Object.assign(awsError('AccessDenied', 'not authorized to perform svc:MakePart', 403), {
            rampartAction: 'svc:MakePart',
          });
        },
        undo(_ctx, change) {
          parts.delete(String(change.id));
          return Promise.resolve(undefined);
        },
      });
    const actions = [halfway('a'), halfway('b'), halfway('c')];
    const { options, journalFile } = await setup(actions);
    const first = await applyPlan(await options());
    expect(first.map((r) => [r.outcome, r.changed])).toEqual([
      ['failed', true],
      ['failed', true],
      ['failed', true],
    ]);
    // Interrupted: drop the "completed" record.
    await interrupt(journalFile);
    // Now: a still fails (nothing new to journal), b was finished by someone else, c is blocked.
    parts.add('b-done');
    blockedNow = true;
    const resumed = await applyPlan(await options());
    expect(resumed.map((r) => [r.action, r.outcome, r.changed])).toEqual([
      ['a', 'failed', true],
      ['b', 'unchanged', true],
      ['c', 'skipped', true],
    ]);
    expect(resumed[0]?.message).toMatch(
      /^partly done: 1 change journaled, by the interrupted run \(undo with rampart rollback\); access denied/,
    );
    expect(resumed[1]?.message).toBe(
      'already in place; the interrupted run journaled 1 change (undo with rampart rollback)',
    );
    expect(resumed[2]?.message).toBe(
      'half made: fix it by hand; the interrupted run journaled 1 change (undo with rampart rollback)',
    );
  });

  it('resuming an interrupted run that was rolled back since: the undone changes are not counted or reused', async () => {
    const w = world();
    const seen: number[] = [];
    const a = w.make('a');
    const actions = [
      { ...a, apply: (ctx: ActionContext, s: unknown) => (seen.push(ctx.prior.length), a.apply(ctx, s)) },
    ];
    const { options, journalFile, ctx } = await setup(actions);
    await applyPlan(await options());
    // Interrupted (no "completed"), then rolled back.
    await interrupt(journalFile);
    await rollback(rollbackOptions(await openJournal(journalFile), actions, ctx.pool));
    expect(w.things.has('a')).toBe(false);
    const resumed = await applyPlan(await options());
    expect(resumed.map((r) => [r.outcome, r.changed, r.message])).toEqual([['changed', true, 'make a']]);
    expect(seen).toEqual([0, 0]);
    expect(w.things.has('a')).toBe(true);
  });

  it('a step the plan showed as skipped stays skipped, even when its state can be read now', async () => {
    const w = world();
    const actions = [w.make('a'), w.make('b')];
    const { plan, options } = await setup(actions);
    // As `rampart harden` plans a step whose state it could not read (e.g. AccessDenied on the read).
    plan.steps[0] = { ...plan.steps[0]!, before: null, blocked: 'cannot read the current state: denied' };
    const results = await applyPlan(await options());
    expect(results.map((r) => [r.outcome, r.changed])).toEqual([
      ['skipped', false],
      ['changed', true],
    ]);
    expect(results[0]?.message).toBe('skipped as planned: cannot read the current state: denied');
    expect(w.things.has('a')).toBe(false);
  });

  it('refuses when a step the plan showed as done is no longer done (drift), changing nothing', async () => {
    const w = world();
    w.things.add('a');
    const actions = [w.make('a'), w.make('b')];
    const { plan, options } = await setup(actions);
    expect(plan.steps[0]?.satisfied).toBe(true);
    w.things.delete('a');
    await expect(applyPlan(await options())).rejects.toThrow(
      'the account changed since the plan was made (a)',
    );
    expect([...w.things]).toEqual([]);
  });

  it('resuming an interrupted run still refuses drift on the steps it has not started', async () => {
    const w = world();
    // An alias-like setting: planned on 'old', set to 'ours'; someone else may set it to anything.
    let alias = 'old';
    const setAlias = defineAction<{ alias: string }>({
      id: 'alias',
      title: 'set the alias',
      fixes: ['check-alias'],
      changeKinds: ['alias'],
      permissions: ['svc:SetAlias'],
      cost: 'Free.',
      userImpact: 'None.',
      read: () => Promise.resolve({ alias }),
      satisfied: (s) => s.alias === 'ours',
      describe: () => ({ before: [], after: ['set the alias'] }),
      async apply(ctx) {
        alias = 'ours';
        await ctx.record({ kind: 'alias' });
      },
      undo: () => Promise.resolve(undefined),
    });
    const actions = [w.make('a'), w.make('b'), setAlias];
    const { options, journalFile } = await setup(actions);
    w.crashOn('b');
    await applyPlan(await options());
    expect(alias).toBe('ours');
    // Interrupted after a: drop b's and alias' records and the "completed" record.
    await interrupt(journalFile, '"alias"');
    w.crashOn(undefined);
    alias = 'someone-elses';
    await expect(applyPlan(await options())).rejects.toThrow(
      'the account changed since the plan was made (alias)',
    );
    expect(alias).toBe('someone-elses');
  });
});
