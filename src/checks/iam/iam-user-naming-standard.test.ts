import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import type { NamingStandard, RosterPerson } from '../types.js';
import check from './iam-user-naming-standard.js';

const run = (users: string[], namingStandard?: NamingStandard, roster?: RosterPerson[]) =>
  runOne(check, users.reduce((b, n) => b.user(n), snapshot()).build(), {
    ...(namingStandard ? { namingStandard } : {}),
    ...(roster ? { roster } : {}),
  });
const statusOf = (fs: { status: string }[]) => fs.map((f) => f.status);

describe('iam-user-naming-standard', () => {
  it('is not_applicable with a hint when no standard is configured', () => {
    const [f] = run(['anyone']);
    expect(f?.status).toBe('not_applicable');
    expect(f?.message).toContain('namingStandard');
  });

  it.each([
    ['initials-id', ['JS1234'], ['js1234', 'John_Smith']],
    ['first_last', ['John_Smith', 'Anne-Marie_Smith'], ['john_smith', 'JSmith']],
    ['initial-last', ['JSmith', 'JMcDonald'], ['jsmith', 'JS1234']],
  ] as const)('preset %s', (preset, good, bad) => {
    expect(statusOf(run([...good, ...bad], { preset, exemptions: [] }))).toEqual([
      ...good.map(() => 'pass'),
      ...bad.map(() => 'fail'),
    ]);
  });

  it('company-id uses the prefix and errors without it', () => {
    expect(
      statusOf(run(['SF1234', 'XX1234'], { preset: 'company-id', companyPrefix: 'SF', exemptions: [] })),
    ).toEqual(['pass', 'fail']);
    expect(run(['SF1234'], { preset: 'company-id', exemptions: [] })[0]).toMatchObject({
      status: 'error',
      message: 'namingStandard.companyPrefix is required for preset company-id',
    });
  });

  it('custom regex is anchored; an invalid one is an error naming the field', () => {
    expect(
      statusOf(run(['svc-a', 'xsvc-a'], { preset: 'custom', pattern: 'svc-[a-z]+', exemptions: [] })),
    ).toEqual(['pass', 'fail']);
    expect(run(['a'], { preset: 'custom', pattern: '(', exemptions: [] })[0]?.message).toContain(
      'namingStandard.pattern',
    );
  });

  it('honours * exemptions and suggests a name when derivable', () => {
    const findings = run(['breakglass-1', 'john.smith'], {
      preset: 'first_last',
      exemptions: ['breakglass-*'],
    });
    expect(statusOf(findings)).toEqual(['pass', 'fail']);
    expect(findings[1]?.message).toContain('suggested name: John_Smith');
    const withRoster = run(['jsmith'], { preset: 'initials-id', exemptions: [] }, [
      { name: 'Jane Smith', userName: 'jsmith', employeeId: '4821', status: 'active' },
    ]);
    expect(withRoster[0]?.message).toContain('suggested name: JS4821');
  });
});
