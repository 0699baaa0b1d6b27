/** Every report output format (a module of its own: the CLI lists them without loading the renderers). */
export const OUTPUT_FORMATS = ['table', 'json', 'sarif', 'ocsf', 'csv', 'junit', 'markdown', 'html'] as const;
