const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// tsc emits only .ts; icons and codex files must sit beside the compiled nodes in dist/
function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { encoding: false, base: '.' }).pipe(dest('dist'));
}

function copyCodex() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist'));
}

task('build:icons', parallel(copyIcons, copyCodex));
exports.paths = { dist: path.resolve(__dirname, 'dist') };
