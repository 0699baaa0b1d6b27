import { confirm, isCancel, text } from '@clack/prompts';

/** Asks the person running Rampart. Real prompts write to stderr; tests use FakePrompter. */
export interface Prompter {
  /** False when nobody can answer (no TTY, CI set, or --yes): confirmations are then implied by --yes. */
  readonly interactive: boolean;
  /** True when --yes was given: every confirmation is answered yes without asking. */
  readonly assumeYes: boolean;
  confirm(message: string): Promise<boolean>;
  /** A line of text; `validate` returns an error message or undefined. */
  text(message: string, validate?: (value: string) => string | undefined): Promise<string>;
}

/** Thrown when the user cancels a prompt (Ctrl-C, Escape). */
export class PromptCancelled extends Error {
  override name = 'PromptCancelled';
  constructor() {
    super('cancelled at a prompt');
  }
}

/** Thrown when a question needs an answer and nobody can give one. */
export class NotInteractive extends Error {
  override name = 'NotInteractive';
}

/** May Rampart prompt? Never without a TTY on both ends, never when CI is set. */
export function canPrompt(
  stdin: { isTTY?: boolean },
  stderr: { isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  return Boolean(stdin.isTTY) && Boolean(stderr.isTTY) && !env.CI;
}

/** @clack/prompts on stdin/stderr, so stdout stays data. */
export class ClackPrompter implements Prompter {
  constructor(
    readonly interactive: boolean,
    readonly assumeYes: boolean,
    private readonly output: NodeJS.WritableStream = process.stderr,
  ) {}

  async confirm(message: string): Promise<boolean> {
    if (this.assumeYes) return true;
    if (!this.interactive) throw new NotInteractive(`cannot ask "${message}" without a terminal; pass --yes`);
    const answer = await confirm({ message, output: this.output as never, initialValue: false });
    if (isCancel(answer)) throw new PromptCancelled();
    return answer;
  }

  async text(message: string, validate?: (value: string) => string | undefined): Promise<string> {
    if (!this.interactive) throw new NotInteractive(`cannot ask "${message}" without a terminal`);
    const answer = await text({
      message,
      output: this.output as never,
      ...(validate ? { validate: (v: string | undefined) => validate(v ?? '') } : {}),
    });
    if (isCancel(answer)) throw new PromptCancelled();
    return answer;
  }
}

/** Scripted answers for tests; records every question. */
export class FakePrompter implements Prompter {
  readonly asked: string[] = [];
  constructor(
    private readonly answers: (boolean | string)[] = [],
    readonly interactive = true,
    readonly assumeYes = false,
  ) {}

  confirm(message: string): Promise<boolean> {
    if (this.assumeYes) return Promise.resolve(true);
    this.asked.push(message);
    const next = this.answers.shift();
    if (typeof next !== 'boolean') throw new Error(`FakePrompter: no boolean answer for "${message}"`);
    return Promise.resolve(next);
  }

  text(message: string, validate?: (value: string) => string | undefined): Promise<string> {
    this.asked.push(message);
    if (!this.interactive) throw new NotInteractive(`cannot ask "${message}" without a terminal`);
    const next = this.answers.shift();
    if (typeof next !== 'string') throw new Error(`FakePrompter: no text answer for "${message}"`);
    const problem = validate?.(next);
    if (problem) throw new Error(`FakePrompter: answer "${next}" rejected: ${problem}`);
    return Promise.resolve(next);
  }
}
