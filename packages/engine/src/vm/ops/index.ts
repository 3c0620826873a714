// Installs every opcode handler: import this module once before running programs.

import './control.js';
import './data.js';
import './expression.js';
import './cursor.js';
import './write.js';
import './sorter.js';
import './transaction.js';
