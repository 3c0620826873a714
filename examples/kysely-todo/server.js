// npm start: the to-do API on PORT (default 3000), storing to TODO_DB (default ./todo.db).
import { startServer } from './app.js';

const { url, close } = await startServer({ port: Number(process.env.PORT ?? 3000), path: process.env.TODO_DB ?? 'todo.db' });
console.log(`to-do API on ${url}  (try: curl -X POST ${url}/todos -d '{"title":"write tests"}')`);
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => close().then(() => process.exit(0)));
