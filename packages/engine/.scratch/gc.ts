import Database from '../src/index.js';
const d = new Database(':memory:');
for (const s of ["select group_concat(x,'|' order by x) from (select 3 x union all select 1 union all select 2)",
 "with t(x) as (values(3),(1),(2)) select group_concat(x,'|' order by x) from t",
 "with t(x,g) as (values(3,1),(1,1),(2,2)) select g, group_concat(x,'|' order by x desc) from t group by g"])
  console.log(JSON.stringify(d.prepare(s).raw().all()));
