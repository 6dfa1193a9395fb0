"""A small SVG line-chart writer (stdlib only): the campaign's figures over a run and across runs.

line_chart(title, series, x_label, y_label) -> SVG text. series: [(name, [(x, y), ...]), ...].
Each series is a polyline with a circle per point (class "point"), the axes carry five ticks
each, a legend names the series; no data draws the axes and says so."""
from xml.sax.saxutils import escape, quoteattr

COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")
TICKS = 5


def _fmt(v):
    if abs(v) >= 10000:
        return "%dk" % round(v / 1000)
    return ("%d" % v) if float(v).is_integer() else ("%.3g" % v)


def _span(values):
    lo, hi = min(values), max(values)
    if lo > 0 and lo < hi / 2:
        lo = 0  # counts read best from zero
    if hi == lo:
        hi = lo + 1
    return lo, hi


def line_chart(title, series, x_label="", y_label="", width=640, height=260):
    left, right, top, bottom = 64, 150, 32, 44
    pw, ph = width - left - right, height - top - bottom
    points = [p for _, pts in series for p in pts]
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
           'font-family="sans-serif" font-size="11">' % (width, height, width, height),
           '<title>%s</title>' % escape(title),
           '<rect width="%d" height="%d" fill="white"/>' % (width, height),
           '<text x="%d" y="18" font-size="13" font-weight="bold">%s</text>' % (left, escape(title)),
           '<g class="axes" stroke="black">',
           '<line class="x-axis" x1="%d" y1="%d" x2="%d" y2="%d"/>' % (left, top + ph, left + pw, top + ph),
           '<line class="y-axis" x1="%d" y1="%d" x2="%d" y2="%d"/>' % (left, top, left, top + ph),
           '</g>',
           '<text class="x-label" x="%d" y="%d" text-anchor="middle">%s</text>' % (
               left + pw // 2, height - 8, escape(x_label)),
           '<text class="y-label" x="14" y="%d" text-anchor="middle" transform="rotate(-90 14 %d)">%s</text>' % (
               top + ph // 2, top + ph // 2, escape(y_label))]
    if not points:
        out.append('<text class="empty" x="%d" y="%d" text-anchor="middle">no data</text>' % (
            left + pw // 2, top + ph // 2))
        out.append('</svg>')
        return "\n".join(out) + "\n"
    x0, x1 = _span([x for x, _ in points])
    y0, y1 = _span([y for _, y in points])

    def sx(x):
        return left + (x - x0) * pw / (x1 - x0)

    def sy(y):
        return top + ph - (y - y0) * ph / (y1 - y0)

    for i in range(TICKS + 1):
        xv, yv = x0 + (x1 - x0) * i / TICKS, y0 + (y1 - y0) * i / TICKS
        out.append('<g class="tick" stroke="#ccc"><line x1="%.1f" y1="%d" x2="%.1f" y2="%d"/>'
                   '<line x1="%d" y1="%.1f" x2="%d" y2="%.1f"/></g>' % (
                       sx(xv), top, sx(xv), top + ph, left, sy(yv), left + pw, sy(yv)))
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (sx(xv), top + ph + 14, _fmt(xv)))
        out.append('<text x="%d" y="%.1f" text-anchor="end">%s</text>' % (left - 4, sy(yv) + 4, _fmt(yv)))
    for n, (name, pts) in enumerate(series):
        color = COLORS[n % len(COLORS)]
        out.append('<g class="series" data-name=%s stroke=%s fill=%s>' % (quoteattr(name), quoteattr(color),
                                                                           quoteattr(color)))
        if len(pts) > 1:
            out.append('<polyline fill="none" stroke-width="1.5" points="%s"/>' % " ".join(
                "%.1f,%.1f" % (sx(x), sy(y)) for x, y in pts))
        for x, y in pts:
            out.append('<circle class="point" cx="%.1f" cy="%.1f" r="2.5"><title>%s: %s</title></circle>' % (
                sx(x), sy(y), escape(_fmt(x)), escape(_fmt(y))))
        out.append('</g>')
        ly = top + 12 + 16 * n
        out.append('<g class="legend"><rect x="%d" y="%d" width="10" height="10" fill=%s/>'
                   '<text x="%d" y="%d">%s</text></g>' % (left + pw + 12, ly - 9, quoteattr(color), left + pw + 26,
                                                         ly, escape(name[:22])))
    out.append('</svg>')
    return "\n".join(out) + "\n"
