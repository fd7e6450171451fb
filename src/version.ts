/** The tool's version, as written into manifests and reports. */
export const VERSION = '0.1.0';
