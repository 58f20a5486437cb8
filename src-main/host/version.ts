import pkg from '../../package.json';

/** Tern's version, from package.json (bundled at build time). */
export const ternVersion: string = pkg.version;
