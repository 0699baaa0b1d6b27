/** What `rampart permissions --for` can print a policy for. Its own module so the CLI's flag parsing loads nothing else. */
export const PERMISSION_TARGETS = ['audit', 'harden', 'admins'] as const;
export type PermissionTarget = (typeof PERMISSION_TARGETS)[number];
