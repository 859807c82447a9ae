// The page never runs a command-line handler: the models' `curve` capability names its handler module
// (src/cli/curve/*.ts, loaded on use by the command line), which the bundle replaces with this stub.
export function run(): never {
  throw new Error('command-line curve handlers do not run in the browser');
}
