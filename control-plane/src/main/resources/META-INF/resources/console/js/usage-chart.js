import {el} from './dom.js';

// Calls per operation and day as an inline SVG line chart, with the same numbers as a table for screen readers.

const SVG = 'http://www.w3.org/2000/svg';
const COLORS = ['#1f5fbf', '#c4501b', '#1e7b34', '#7a3fb3', '#a4262c', '#00838f', '#6b6b00', '#b0307a'];
const WIDTH = 900, HEIGHT = 240, LEFT = 44, RIGHT = 12, TOP = 12, BOTTOM = 28;
const DAY_MS = 86400000;

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, String(value)));
  children.forEach(child => node.append(child));
  return node;
}

export function operationLabel(operation) {
  return `${operation.method} ${operation.resource} ${operation.route ?? '(no grant)'}`;
}

/** The UTC days from since up to (excluding) until, as YYYY-MM-DD. */
function days(since, until) {
  const result = [];
  const start = Date.parse(since.substring(0, 10) + 'T00:00:00Z');
  for (let day = start; day < Date.parse(until); day += DAY_MS) {
    result.push(new Date(day).toISOString().substring(0, 10));
  }
  return result;
}

/** usage: the answer of /api/v1/identities/{name}/usage */
export function usageChart(usage, titleId) {
  const dayList = days(usage.since, usage.until);
  const series = usage.operations.map((operation, index) => {
    const byDay = new Map(operation.daily.map(entry => [entry.day, entry.calls]));
    return {label: operationLabel(operation), color: COLORS[index % COLORS.length],
      values: dayList.map(day => byDay.get(day) ?? 0)};
  });
  const max = Math.max(1, ...series.flatMap(line => line.values));
  const x = index => LEFT + (dayList.length <= 1 ? 0 : index * (WIDTH - LEFT - RIGHT) / (dayList.length - 1));
  const y = value => HEIGHT - BOTTOM - value * (HEIGHT - TOP - BOTTOM) / max;

  const chart = svg('svg', {viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': titleId});
  (max >= 2 ? [0, Math.round(max / 2), max] : [0, max]).forEach(value => {
    chart.append(svg('line', {class: 'grid', x1: LEFT, x2: WIDTH - RIGHT, y1: y(value), y2: y(value)}));
    const label = svg('text', {x: LEFT - 6, y: y(value) + 4, 'text-anchor': 'end'});
    label.textContent = String(value);
    chart.append(label);
  });
  chart.append(svg('line', {class: 'axis', x1: LEFT, x2: WIDTH - RIGHT, y1: y(0), y2: y(0)}));
  [0, Math.floor((dayList.length - 1) / 2), dayList.length - 1].forEach(index => {
    if (index < 0) return;
    const label = svg('text', {x: x(index), y: HEIGHT - 8, 'text-anchor': index === 0 ? 'start' : index === dayList.length - 1 ? 'end' : 'middle'});
    label.textContent = dayList[index];
    chart.append(label);
  });
  series.forEach(line => {
    const points = line.values.map((value, index) => `${x(index)},${y(value)}`).join(' ');
    chart.append(svg('polyline', {points, fill: 'none', stroke: line.color, 'stroke-width': 2}));
    line.values.forEach((value, index) => {
      if (value > 0) chart.append(svg('circle', {cx: x(index), cy: y(value), r: 3, fill: line.color}));
    });
  });

  const legend = el('ul', {class: 'legend', 'aria-hidden': 'true'}, series.map(line =>
      el('li', {}, el('span', {class: 'swatch', style: `background:${line.color}`}), line.label)));
  return el('div', {class: 'chart'}, chart, legend, dataTable(usage, dayList));
}

/** Only the days with calls, one row per operation and day. */
function dataTable(usage, dayList) {
  const rows = usage.operations.flatMap(operation => operation.daily
      .filter(entry => entry.calls > 0 && dayList.includes(entry.day))
      .map(entry => el('tr', {}, el('td', {}, entry.day), el('td', {}, operationLabel(operation)),
          el('td', {}, String(entry.calls)), el('td', {}, String(entry.denied)))));
  return el('details', {},
      el('summary', {}, 'Calls per day as a table'),
      el('table', {},
          el('caption', {}, 'Calls per operation and day (UTC)'),
          el('thead', {}, el('tr', {}, ['Day', 'Operation', 'Calls', 'Denied'].map(h => el('th', {scope: 'col'}, h)))),
          el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', {colspan: 4}, 'No calls in this window.')))));
}
