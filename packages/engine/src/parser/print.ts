// Prints AST nodes back to SQL. Expressions are printed fully parenthesized, so the output
// shows exactly how the parser grouped them (the precedence tests evaluate both forms).
// Names are always double-quoted and literals are printed so that re-parsing gives the same value.

import type { Expr, FromClause, Name, OrderingTerm, QualifiedName, ResultColumn, Select, SelectCore, TableSource, WindowFrame, WindowSpec, FrameBound } from './ast.js';

export function quoteName(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

function nameText(name: Name): string {
  return quoteName(name.text);
}

function qualified(name: QualifiedName): string {
  return (name.schema ? nameText(name.schema) + '.' : '') + nameText(name.name);
}

function stringLiteral(value: string): string {
  return "'" + value.replace(/'/g, "''") + "'";
}

function realLiteral(value: number): string {
  if (value === Infinity) return '9e999';
  if (value === -Infinity) return '-9e999';
  const text = String(value);
  return /[.eE]/.test(text) ? text : text + '.0';
}

/** Prints an expression with every operator application in parentheses. */
export function printExpr(expr: Expr): string {
  switch (expr.kind) {
    case 'Integer':
      return expr.value < 0n ? `(${expr.value.toString()})` : expr.value.toString();
    case 'Real':
      return realLiteral(expr.value);
    case 'String':
      return stringLiteral(expr.value);
    case 'Blob':
      return "X'" + Array.from(expr.value, (b) => b.toString(16).padStart(2, '0')).join('') + "'";
    case 'Null':
      return 'NULL';
    case 'Boolean':
      return expr.value ? 'TRUE' : 'FALSE';
    case 'CurrentTime':
      return 'CURRENT_' + expr.which;
    case 'Column':
      return [expr.schema, expr.table, expr.column].filter((n): n is Name => n !== null).map(nameText).join('.');
    case 'Parameter':
      return expr.name ?? '?' + expr.index;
    case 'Unary':
      return `(${expr.op === 'NOT' ? 'NOT ' : expr.op}${printExpr(expr.operand)})`;
    case 'Binary':
      return `(${printExpr(expr.left)} ${expr.op} ${printExpr(expr.right)})`;
    case 'Like':
      return (
        `(${printExpr(expr.left)} ${expr.not ? 'NOT ' : ''}${expr.op} ${printExpr(expr.pattern)}` +
        (expr.escape ? ` ESCAPE ${printExpr(expr.escape)}` : '') +
        ')'
      );
    case 'Between':
      return `(${printExpr(expr.operand)} ${expr.not ? 'NOT ' : ''}BETWEEN ${printExpr(expr.low)} AND ${printExpr(expr.high)})`;
    case 'InList':
      return `(${printExpr(expr.operand)} ${expr.not ? 'NOT ' : ''}IN (${expr.list.map(printExpr).join(', ')}))`;
    case 'InSelect':
      return `(${printExpr(expr.operand)} ${expr.not ? 'NOT ' : ''}IN (${printSelect(expr.select)}))`;
    case 'InTable':
      return (
        `(${printExpr(expr.operand)} ${expr.not ? 'NOT ' : ''}IN ${qualified(expr.table)}` +
        (expr.args ? `(${expr.args.map(printExpr).join(', ')})` : '') +
        ')'
      );
    case 'IsNull':
      return `(${printExpr(expr.operand)} ${expr.not ? 'NOTNULL' : 'ISNULL'})`;
    case 'Collate':
      return `(${printExpr(expr.operand)} COLLATE ${nameText(expr.collation)})`;
    case 'Cast':
      return `CAST(${printExpr(expr.operand)} AS ${expr.type.text})`;
    case 'Case':
      return (
        'CASE' +
        (expr.operand ? ' ' + printExpr(expr.operand) : '') +
        expr.whens.map((w) => ` WHEN ${printExpr(w.when)} THEN ${printExpr(w.then)}`).join('') +
        (expr.otherwise ? ` ELSE ${printExpr(expr.otherwise)}` : '') +
        ' END'
      );
    case 'Function': {
      const args = expr.star ? '*' : (expr.distinct ? 'DISTINCT ' : '') + expr.args.map(printExpr).join(', ');
      const orderBy = expr.orderBy.length > 0 ? ' ORDER BY ' + printOrdering(expr.orderBy) : '';
      const filter = expr.filter ? ` FILTER (WHERE ${printExpr(expr.filter)})` : '';
      const over = expr.over === null ? '' : expr.over.kind === 'WindowName' ? ' OVER ' + nameText(expr.over.name) : ` OVER (${printWindow(expr.over)})`;
      return `${nameText(expr.name)}(${args}${orderBy})${filter}${over}`;
    }
    case 'Exists':
      return `EXISTS (${printSelect(expr.select)})`;
    case 'Subquery':
      return `(${printSelect(expr.select)})`;
    case 'Vector':
      return `(${expr.items.map(printExpr).join(', ')})`;
    case 'Raise':
      return expr.message ? `RAISE(${expr.action}, ${printExpr(expr.message)})` : 'RAISE(IGNORE)';
  }
}

function printOrdering(terms: readonly OrderingTerm[]): string {
  return terms
    .map((t) => printExpr(t.expr) + (t.direction ? ' ' + t.direction : '') + (t.nulls ? ' NULLS ' + t.nulls : ''))
    .join(', ');
}

function printBound(bound: FrameBound): string {
  switch (bound.kind) {
    case 'UnboundedPreceding': return 'UNBOUNDED PRECEDING';
    case 'UnboundedFollowing': return 'UNBOUNDED FOLLOWING';
    case 'CurrentRow': return 'CURRENT ROW';
    case 'Preceding': return printExpr(bound.offset) + ' PRECEDING';
    case 'Following': return printExpr(bound.offset) + ' FOLLOWING';
  }
}

function printFrame(frame: WindowFrame): string {
  const range = frame.end ? `BETWEEN ${printBound(frame.start)} AND ${printBound(frame.end)}` : printBound(frame.start);
  return `${frame.units} ${range}` + (frame.exclude ? ' EXCLUDE ' + frame.exclude : '');
}

function printWindow(spec: WindowSpec): string {
  const parts: string[] = [];
  if (spec.base) parts.push(nameText(spec.base));
  if (spec.partitionBy.length > 0) parts.push('PARTITION BY ' + spec.partitionBy.map(printExpr).join(', '));
  if (spec.orderBy.length > 0) parts.push('ORDER BY ' + printOrdering(spec.orderBy));
  if (spec.frame) parts.push(printFrame(spec.frame));
  return parts.join(' ');
}

function printColumns(columns: readonly ResultColumn[]): string {
  return columns
    .map((c) => {
      switch (c.kind) {
        case 'Star': return '*';
        case 'TableStar': return nameText(c.table) + '.*';
        case 'ExprColumn': return printExpr(c.expr) + (c.alias ? ' AS ' + nameText(c.alias) : '');
      }
    })
    .join(', ');
}

function printSource(source: TableSource): string {
  const alias = source.alias ? ' AS ' + nameText(source.alias) : '';
  switch (source.kind) {
    case 'TableRef': {
      const hint = source.indexHint === null ? '' : source.indexHint.kind === 'NotIndexed' ? ' NOT INDEXED' : ' INDEXED BY ' + nameText(source.indexHint.index);
      return qualified(source.name) + alias + hint;
    }
    case 'TableFunction':
      return `${qualified(source.name)}(${source.args.map(printExpr).join(', ')})${alias}`;
    case 'Subquery':
      return `(${printSelect(source.select)})${alias}`;
    case 'JoinGroup':
      return `(${printFrom(source.from)})${alias}`;
  }
}

function printFrom(from: FromClause): string {
  let out = '';
  for (const item of from.sources) {
    if (item.join) {
      out += item.join.type === 'COMMA' ? ', ' : ` ${item.join.natural ? 'NATURAL ' : ''}${item.join.type} JOIN `;
    }
    out += printSource(item.source);
    if (item.on) out += ' ON ' + printExpr(item.on);
    if (item.using) out += ` USING (${item.using.map(nameText).join(', ')})`;
  }
  return out;
}

function printCore(core: SelectCore): string {
  if (core.kind === 'Values') return 'VALUES ' + core.rows.map((r) => `(${r.map(printExpr).join(', ')})`).join(', ');
  let out = 'SELECT ' + (core.distinct ? 'DISTINCT ' : '') + printColumns(core.columns);
  if (core.from) out += ' FROM ' + printFrom(core.from);
  if (core.where) out += ' WHERE ' + printExpr(core.where);
  if (core.groupBy.length > 0) out += ' GROUP BY ' + core.groupBy.map(printExpr).join(', ');
  if (core.having) out += ' HAVING ' + printExpr(core.having);
  if (core.windows.length > 0) out += ' WINDOW ' + core.windows.map((w) => `${nameText(w.name)} AS (${printWindow(w.window)})`).join(', ');
  return out;
}

/** Prints a SELECT (used for subqueries inside printed expressions). */
export function printSelect(select: Select): string {
  let out = '';
  if (select.with) {
    out += 'WITH ' + (select.with.recursive ? 'RECURSIVE ' : '');
    out += select.with.ctes
      .map((cte) => {
        const columns = cte.columns ? `(${cte.columns.map(nameText).join(', ')})` : '';
        const m = cte.materialized === null ? '' : cte.materialized ? ' MATERIALIZED' : ' NOT MATERIALIZED';
        return `${nameText(cte.name)}${columns} AS${m} (${printSelect(cte.select)})`;
      })
      .join(', ');
    out += ' ';
  }
  out += printCore(select.first);
  for (const part of select.compounds) out += ` ${part.op} ${printCore(part.core)}`;
  if (select.orderBy.length > 0) out += ' ORDER BY ' + printOrdering(select.orderBy);
  if (select.limit) {
    out += ' LIMIT ' + printExpr(select.limit.limit);
    if (select.limit.offset) out += ' OFFSET ' + printExpr(select.limit.offset);
  }
  return out;
}
