import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

/** Renderers take colours as a value: the CLI decides (NO_COLOR, FORCE_COLOR, TTY), renderers stay pure. */
export const colors = (enabled: boolean): Colors => pc.createColors(enabled);
