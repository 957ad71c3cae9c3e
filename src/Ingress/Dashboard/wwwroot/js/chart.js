// A small line chart on <canvas>: one or more series of {x, y} points, axes with a few ticks, a legend.
export function drawChart(canvas, series) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 600;
  const height = canvas.clientHeight || 240;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  const style = getComputedStyle(canvas);
  const ink = style.color || '#222';
  g.font = '12px system-ui, sans-serif';

  const points = series.flatMap(s => s.points);
  const pad = { left: 52, right: 12, top: 24, bottom: 28 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  g.strokeStyle = ink;
  g.fillStyle = ink;
  g.strokeRect(pad.left, pad.top, plotW, plotH);
  if (points.length === 0) {
    g.fillText('waiting for the first loss…', pad.left + 8, pad.top + 20);
    return;
  }

  const xs = points.map(p => p.x);
  const ys = points.map(p => p.y);
  const [x0, x1] = span(Math.min(...xs), Math.max(...xs));
  const [y0, y1] = span(Math.min(...ys), Math.max(...ys));
  const sx = x => pad.left + ((x - x0) / (x1 - x0)) * plotW;
  const sy = y => pad.top + plotH - ((y - y0) / (y1 - y0)) * plotH;

  for (let i = 0; i <= 4; i++) {
    const y = y0 + ((y1 - y0) * i) / 4;
    g.fillText(y.toPrecision(3), 4, sy(y) + 4);
    const x = x0 + ((x1 - x0) * i) / 4;
    g.fillText(String(Math.round(x)), sx(x) - 6, height - 8);
  }

  series.forEach((s, i) => {
    g.strokeStyle = s.color;
    g.fillStyle = s.color;
    g.lineWidth = 2;
    g.beginPath();
    s.points.forEach((p, j) => (j ? g.lineTo(sx(p.x), sy(p.y)) : g.moveTo(sx(p.x), sy(p.y))));
    g.stroke();
    s.points.forEach(p => g.fillRect(sx(p.x) - 2, sy(p.y) - 2, 4, 4));
    g.fillRect(pad.left + 8 + i * 110, 8, 12, 4);
    g.fillText(s.name, pad.left + 24 + i * 110, 14);
  });
}

function span(min, max) {
  return min === max ? [min - 1, max + 1] : [min, max];
}
