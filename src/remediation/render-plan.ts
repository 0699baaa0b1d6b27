import type { Colors } from '../report/render/colors.js';
import type { Plan, PlanStep } from './types.js';

export type StepStatus = 'done' | 'todo' | 'manual' | 'blocked';

export function stepStatus(step: PlanStep): StepStatus {
  if (step.satisfied) return 'done';
  if (step.manual) return 'manual';
  if (step.blocked) return 'blocked';
  return 'todo';
}

/** The plan as JSON for --output json: every step with its action id and whether it would change anything. */
export function planJson(plan: Plan): string {
  return `${JSON.stringify(
    {
      ...plan,
      steps: plan.steps.map((s) => ({ ...s, status: stepStatus(s), changed: stepStatus(s) === 'todo' })),
    },
    null,
    2,
  )}\n`;
}

/** The plan in words: what exists now, what will change, why, what it costs, who notices. Pure. */
export function renderPlan(plan: Plan, c: Colors): string {
  const out: string[] = [
    c.bold(`Hardening plan for account ${plan.accountId} (${plan.region}), as ${plan.callerArn}`),
    c.dim(`made ${plan.createdAt}; nothing has been changed.`),
    '',
  ];
  plan.steps.forEach((step, i) => {
    const status = stepStatus(step);
    const label =
      status === 'done'
        ? c.green('already done')
        : status === 'manual'
          ? c.yellow('manual (root only)')
          : status === 'blocked'
            ? c.gray(`skipped: ${step.blocked ?? ''}`)
            : c.cyan('will change');
    out.push(`${c.bold(`${i + 1}. ${step.title}`)}  ${c.dim(`[${step.action}]`)}  ${label}`);
    if (status !== 'done') {
      for (const line of step.describe.before) out.push(`   now:    ${line}`);
      const verb = status === 'manual' ? 'do:' : 'change:';
      for (const line of step.describe.after) out.push(`   ${verb.padEnd(7)} ${line}`);
      const why = step.failing.length > 0 ? step.failing : step.fixes;
      out.push(`   why:    ${step.failing.length > 0 ? 'fails ' : 'fixes '}${why.join(', ')}`);
      out.push(`   cost:   ${step.cost}`);
      out.push(`   users:  ${step.userImpact}`);
    }
    out.push('');
  });
  const todo = plan.steps.filter((s) => stepStatus(s) === 'todo').length;
  const manual = plan.steps.filter((s) => stepStatus(s) === 'manual').length;
  const blocked = plan.steps.filter((s) => stepStatus(s) === 'blocked').length;
  out.push(
    `${todo} step(s) to apply, ${manual} manual, ${blocked} skipped, ${plan.steps.length - todo - manual - blocked} already done.`,
  );
  return `${out.join('\n')}\n`;
}
