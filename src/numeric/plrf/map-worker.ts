// Worker thread of the PLRF exponent map (./map.ts): one grid point per task, as a single `frontier` run.
export { runMapTask as default } from './map.js';
