// Installs every opcode handler: import this module once before running programs.

import './control.js';
import './data.js';
import './expression.js';
import './cursor.js';
import './write.js';
import './sorter.js';
import './window.js';
import './transaction.js';
import './trigger.js';
import './foreign-key.js';
import './type-check.js';
import './cte.js';
import './group.js';
