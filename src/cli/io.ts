import { colors, type Colors } from '../report/render/colors.js';

/** Everything the CLI touches in the outside world, passed in so commands are testable. */
export interface CliIo {
  /** `columns`: the terminal's width, when stdout is one. */
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Prompts read from here; only its TTY-ness matters to commands. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  now: () => Date;
}

export const processIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(),
});

/**
 * Colour decision: --color/--no-color > NO_COLOR (non-empty) > FORCE_COLOR (non-empty, not "0") > TTY and TERM != dumb.
 */
export function useColor(flag: boolean | undefined, stream: { isTTY?: boolean }, env: CliIo['env']): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/** Messages and progress go to stderr; stdout is data. */
export class Messages {
  readonly c: Colors;
  constructor(
    private readonly io: CliIo,
    readonly quiet: boolean,
    color: boolean,
  ) {
    this.c = colors(color);
  }
  info(line: string): void {
    if (!this.quiet) this.io.stderr.write(`${line}\n`);
  }
  warn(line: string): void {
    this.io.stderr.write(`${this.c.yellow('warning:')} ${line}\n`);
  }
}
