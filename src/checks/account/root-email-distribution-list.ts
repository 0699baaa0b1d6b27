import { userRows } from '../lib/credential-report.js';
import { resolveRootEmail, securityPattern } from '../lib/root-email.js';
import { defineCheck, type CheckContext } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

/** Words that mark a mailbox as a team or list address, beyond the configured shared-user words. */
const LIST_WORDS = [
  'aws',
  'root',
  'cloud',
  'alerts',
  'list',
  'group',
  'infra',
  'platform',
  'sre',
  'it',
  'sec',
  'soc',
];
/** Substrings strong enough on their own ("awsroot", "securityteam"). */
const LIST_SUBSTRINGS = ['aws', 'security', 'root'];

function userNames(ctx: CheckContext): string[] {
  const names = new Set<string>();
  const auth = ctx.snapshot.slices.authorizationDetails;
  if (auth.status === 'ok') for (const u of auth.data.UserDetailList) names.add(u.UserName);
  const report = ctx.snapshot.slices.credentialReport;
  if (report.status === 'ok') for (const r of userRows(report.data.rows)) names.add(r.user);
  return [...names];
}

/** Reasons the address looks like one person's mailbox (empty when none). */
export function personalSignals(email: string, ctx: CheckContext): string[] {
  const lower = email.toLowerCase();
  const local = (lower.split('@')[0] ?? '').split('+')[0] ?? '';
  const parts = local.split(/[._-]+/).filter(Boolean);
  const listy = listSignal(local, ctx.options.sharedUserWords) !== undefined;
  const reasons: string[] = [];
  if (!listy && parts.length === 2 && parts.every((p) => /^[a-z]+$/.test(p))) {
    reasons.push(`'${local}' looks like first.last`);
  }
  for (const name of userNames(ctx)) {
    const n = name.toLowerCase();
    if (n === lower || n === local) reasons.push(`it matches the IAM user '${name}'`);
  }
  for (const person of ctx.options.roster ?? []) {
    const name = person.name.toLowerCase().trim();
    const forms = [name.replace(/\s+/g, '.'), name.replace(/\s+/g, '_'), name.replace(/\s+/g, '')];
    if (
      person.email?.toLowerCase() === lower ||
      person.userName?.toLowerCase() === local ||
      forms.includes(local)
    ) {
      reasons.push(`it belongs to ${person.name} on the roster`);
    }
  }
  return reasons;
}

function listSignal(local: string, sharedWords: readonly string[]): string | undefined {
  const words = new Set([...sharedWords.map((w) => w.toLowerCase()), ...LIST_WORDS]);
  const parts = local.split(/[._+\-\d]+/).filter(Boolean);
  return parts.find((p) => words.has(p)) ?? LIST_SUBSTRINGS.find((s) => local.includes(s));
}

export default defineCheck({
  id: 'root-email-distribution-list',
  title: 'The root email address is a security distribution list',
  area: 'account',
  severity: 'medium',
  rationale:
    'Password resets, account-takeover attempts and AWS security notices go to the root email address. ' +
    'If that is one person’s mailbox, they are missed when the person is away or leaves, and the person alone ' +
    'can reset the root password. A distribution list (alias) reaches the whole security team.',
  controls: { cisV5: ['1.1'], cisV6: ['2.1'] },
  needs: [],
  uses: ['organization', 'authorizationDetails', 'credentialReport'],
  remediation: {
    manual: [
      'Create a distribution list (e.g. aws-root+<account>@example.com) that delivers to the security team and that only they can change.',
      'Sign in as the root user, open Account settings, and change the email address to the list (AWS sends a confirmation code to the new address).',
      'For standalone accounts, set "rootEmail" in rampart.config.json; set "securityEmailPattern" to the list naming rule so this check can verify it.',
    ],
  },
  run(_data, ctx) {
    const resource = accountRoot(ctx);
    const root = resolveRootEmail(ctx.snapshot, ctx.options);
    if (!root.found) {
      return [
        {
          status: 'manual',
          resource,
          message:
            `The root email is unknown: ${root.why}. Set "rootEmail" in rampart.config.json ` +
            '(and "securityEmailPattern") so Rampart can check it.',
        },
      ];
    }
    const { email, source } = root.found;
    const details = { email, source };
    const pattern = securityPattern(ctx.options);
    if (pattern) {
      return pattern.test(email)
        ? [
            {
              status: 'pass',
              resource,
              message: `The root email ${email} (from ${source}) matches the security list pattern.`,
              details,
            },
          ]
        : [
            {
              status: 'fail',
              resource,
              message: `The root email ${email} (from ${source}) does not match the security list pattern ${pattern.source}.`,
              details,
            },
          ];
    }
    const personal = personalSignals(email, ctx);
    if (personal.length > 0) {
      return [
        {
          status: 'fail',
          resource,
          message: `The root email ${email} (from ${source}) looks like a personal mailbox: ${personal.join('; ')}.`,
          details: { ...details, reasons: personal },
        },
      ];
    }
    const local = (email.toLowerCase().split('@')[0] ?? '').split('+')[0] ?? '';
    const word = listSignal(local, ctx.options.sharedUserWords);
    if (word !== undefined) {
      return [
        {
          status: 'pass',
          resource,
          message: `The root email ${email} (from ${source}) looks like a team list ('${word}'); set "securityEmailPattern" to verify it exactly.`,
          details,
        },
      ];
    }
    return [
      {
        status: 'manual',
        resource,
        message: `Cannot tell whether the root email ${email} (from ${source}) is a distribution list; set "securityEmailPattern" in rampart.config.json.`,
        details,
      },
    ];
  },
});
