// npm start: the blog API on PORT (default 3000), storing to BLOG_DB (default ./blog.db).
import { startServer } from './app.js';

const { url, close } = await startServer({ port: Number(process.env.PORT ?? 3000), path: process.env.BLOG_DB ?? 'blog.db' });
console.log(`blog API on ${url}  (try: curl -X POST ${url}/posts -d '{"title":"Hello","body":"First post"}')`);
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => close().then(() => process.exit(0)));
