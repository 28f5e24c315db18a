import {el, fill} from './dom.js';

/**
 * A table whose column headers are buttons that sort by that column (aria-sort says how).
 * columns: [{label, value: row => comparable, render?: row => node|text}]
 */
export function sortableTable({caption, columns, rows, rowClass, emptyText}) {
  let sortIndex = 0;
  let ascending = true;
  let shown = rows;
  const body = el('tbody');
  const headers = columns.map((column, index) => el('th', {scope: 'col'},
      el('button', {type: 'button', onclick: () => sortBy(index)}, column.label)));
  const table = el('table', {}, el('caption', {}, caption), el('thead', {}, el('tr', {}, headers)), body);

  function sortBy(index) {
    ascending = index === sortIndex ? !ascending : true;
    sortIndex = index;
    render();
  }

  function compare(a, b) {
    const left = columns[sortIndex].value(a) ?? '';
    const right = columns[sortIndex].value(b) ?? '';
    const order = typeof left === 'number' && typeof right === 'number'
        ? left - right : String(left).localeCompare(String(right));
    return ascending ? order : -order;
  }

  function render() {
    headers.forEach((header, index) => header.setAttribute('aria-sort',
        index === sortIndex ? (ascending ? 'ascending' : 'descending') : 'none'));
    const sorted = [...shown].sort(compare);
    fill(body, sorted.length === 0
        ? el('tr', {}, el('td', {colspan: columns.length}, emptyText || 'Nothing to show.'))
        : sorted.map(row => el('tr', {class: rowClass ? rowClass(row) : null},
            columns.map(column => el('td', {}, column.render ? column.render(row) : column.value(row) ?? '')))));
  }

  render();
  return {
    element: table,
    /** Shows only the rows that pass keep, in the current order. */
    filter(keep) {
      shown = rows.filter(keep);
      render();
      return shown.length;
    },
  };
}
