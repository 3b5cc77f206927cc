// kept's version, shown by --version and sent in the User-Agent. Keep in step with package.json.
export const VERSION = '0.1.0';
