/** Inside a child process started by a fault test: leave when the test process goes (its end of stdin closes). */
export function exitWithParent() {
  process.stdin.on('end', () => process.exit(1));
  process.stdin.on('error', () => process.exit(1));
  process.stdin.resume();
}
