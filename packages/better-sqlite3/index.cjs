'use strict';
// @tandem/better-sqlite3: better-sqlite3's API on the Tandem engine. Like require('better-sqlite3'),
// require('@tandem/better-sqlite3') returns the Database constructor itself, with SqliteError on it.
// Loads the engine's CommonJS build, so it works on Node versions that cannot require() ES modules.

const { Database } = require('@tandem/engine');

module.exports = Database;
