import Database from 'better-sqlite3';
const db = new Database(':memory:');
db.exec(`create table t(a, x, y, z text collate nocase, n not null);
create index ix on t(x); create index iax on t(a, x); create index iz on t(z); create index ixd on t(y desc);
create table u(a,b); create index ub on u(b collate nocase);`);
for (const q of ['select min(x) from t','select max(x) from t','select max(x) from t where a=1','select min(x) from t where a=1',
'select max(x), y from t', 'select min(x) from t where x>1', 'select max(x) from t where x<1', 'select max(rowid) from t','select min(rowid) from t',
'select max(y) from t','select min(y) from t','select max(z) from t','select max(z collate binary) from t','select max(b) from u','select max(b collate nocase) from u',
'select min(n) from t', 'select max(x)+1 from t','select max(x) from t where y=1','select min(distinct x) from t','select min(x) filter (where y) from t',
'select max(x), count(*) from t','select max(x) from t where a=1 and x<1', 'select max(x) from t group by a', 'select max(x) from t having 1', 'select a, max(x) from t where a=1']) {
  console.log(q.padEnd(50), '|', db.prepare('explain query plan '+q).all().map(r=>r.detail).join(' ; '));
}
