// The blog's schema as Knex migrations, kept in code (a migrationSource) so the example is one folder.

const migrations = {
  '001_posts': {
    up: (knex) =>
      knex.schema.createTable('posts', (t) => {
        t.increments('id');
        t.string('title').notNullable();
        t.text('body').notNullable();
        t.string('slug').notNullable().unique();
        t.datetime('published_at').notNullable();
      }),
    down: (knex) => knex.schema.dropTable('posts'),
  },
  '002_comments': {
    up: (knex) =>
      knex.schema.createTable('comments', (t) => {
        t.increments('id');
        t.integer('post_id').notNullable().references('posts.id').onDelete('CASCADE');
        t.string('author').notNullable();
        t.text('body').notNullable();
        t.index(['post_id'], 'comments_post');
      }),
    down: (knex) => knex.schema.dropTable('comments'),
  },
};

export const migrationSource = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name],
};
