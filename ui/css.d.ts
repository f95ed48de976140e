/** CSS files are bundled by esbuild (scripts/build-ui.mjs); importing one has no value. */
declare module '*.css';
