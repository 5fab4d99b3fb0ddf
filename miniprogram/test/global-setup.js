// Component tests render dist/: build it when jest runs on its own (npm test builds first anyway).
const { existsSync } = require('fs');
const { execFileSync } = require('child_process');
const { join } = require('path');

module.exports = async () => {
  const root = join(__dirname, '..');
  if (!existsSync(join(root, 'dist', 'app.json'))) {
    execFileSync(process.execPath, [join(root, 'tools', 'build.mjs'), '--quiet'], { stdio: 'inherit' });
  }
};
