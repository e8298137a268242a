/* Live gradient-descent explorers: sliders drive gradient descent, drawn as SVG.
 *
 * Markup: <div class="gd-explorer" data-explorer="one-parameter"></div> (or "two-parameter", or
 * "momentum").
 *
 * The two regression explorers run gdtutor's data and update rule, so the numbers agree with
 * fit_gradient_descent up to rounding error, which differs because the sums here add one term at
 * a time and numpy's in another order (tests/test_explorers.py checks them, with the tolerance
 * docs/explore.md states):
 *   x = np.linspace(-1, 1, 20), y = θ0,true + θ1,true·x, no noise;
 *   J(θ) = (1/n)‖y − Xθ‖²,  ∇J = −(2/n)Xᵀ(y − Xθ),  θ ← θ − α∇J, N times.
 * The momentum explorer runs heavy-ball momentum on the bowl J(w) = (w₁² + κw₂²)/2, as
 * gradient_descent(..., update=Momentum(β)) does (docs/explore.md shows the Python):
 *   v ← βv + ∇J(w),  w ← w − ηv,  v₀ = 0, N times;
 * every operation is elementwise and in numpy's order, so w comes out the same and J within a
 * rounding error (numpy's w**2 may differ from w·w in the last bit; the test
 * allows 1e-9).
 * The learning-rate sliders go past the stability bounds (2/λmax(H); 2(1 + β)/κ with momentum),
 * so that divergence can be seen: a run stops where gdtutor raises DivergenceError, and the
 * panels follow a run only up to a fixed distance from the minimum (a model's `reach`), so that a
 * run that blows up leaves the panel instead of squashing it (segments are clipped before
 * drawing, so no huge coordinate reaches the SVG).
 * No dependencies and no network. Material's instant navigation swaps pages without re-running
 * scripts, so explorers are set up on every emission of its document$ observable.
 */
(function () {
  "use strict";

  const SVG_NS = "http://www.w3.org/2000/svg";
  const N_POINTS = 20;
  // np.linspace(-1, 1, 20): i·step + start, and the last point exactly the stop.
  const XS = Array.from({ length: N_POINTS }, (_, i) =>
    i === N_POINTS - 1 ? 1 : i * (2 / (N_POINTS - 1)) + -1,
  );
  const BLOWUP = 1e10; // gdtutor's default: diverged once |θ| > 1e10·max(1, |start|)
  const WIDTH = 320;
  const HEIGHT = 280;
  const MARGIN = { left: 46, right: 10, top: 10, bottom: 38 };

  /**
   * The positions of a log-scale slider: mantissas × 10^exponent, as the shortest decimal that
   * names each double ("0.0033", "1.2", "1000"). A setting is then exactly the number shown:
   * Number("0.033") here is float("0.033") in Python.
   */
  function decimals(mantissas, exponents) {
    return exponents.flatMap((e) => mantissas.map((m) => String(Number(`${m}e${e}`))));
  }

  const ONE_TO_99 = Array.from({ length: 90 }, (_, k) => k + 10); // 10, 11, ..., 99
  // κ from 1 to 1000, ten positions a decade; η from 0.001 to 5, two significant digits.
  const KAPPAS = [...decimals([10, 12, 15, 20, 25, 30, 40, 50, 60, 80], [-1, 0, 1]), "1000"];
  const ETAS = [
    ...decimals(ONE_TO_99, [-4, -3, -2]),
    ...decimals(ONE_TO_99.slice(0, 41), [-1]), // 1, 1.1, ..., 5
  ];

  const MODELS = {
    "one-parameter": {
      features: (x) => [x],
      names: ["θ₁"],
      controls: [
        { key: "steps", label: "Steps N", min: 1, max: 100, step: 1, value: 20 },
        { key: "alpha", label: "Learning rate α", min: 0.1, max: 3.5, step: 0.05, value: 1.15 },
        { key: "start1", label: "Start θ₁", min: -0.2, max: 1.2, step: 0.1, value: 0 },
      ],
      truth: () => [0, 0.5],
      minimum: (truth) => [truth[1]], // the parameters where the cost is 0
      reach: 3, // the panels follow the run up to 3 from the minimum
      start: (v) => [v.start1],
      drawCost: drawCostCurve,
    },
    "two-parameter": {
      features: (x) => [1, x],
      names: ["θ₀", "θ₁"],
      controls: [
        { key: "steps", label: "Steps N", min: 2, max: 20, step: 1, value: 15 },
        { key: "alpha", label: "Learning rate α", min: 0.1, max: 1.5, step: 0.01, value: 0.7 },
        { key: "true0", label: "True θ₀", min: -4, max: 4, step: 0.1, value: 2 },
        { key: "true1", label: "True θ₁", min: -4, max: 4, step: 0.1, value: 2 },
        { key: "start0", label: "Start θ₀", min: -4, max: 4, step: 0.1, value: 0 },
        { key: "start1", label: "Start θ₁", min: -4, max: 4, step: 0.1, value: 0 },
      ],
      truth: (v) => [v.true0, v.true1],
      minimum: (truth) => truth,
      reach: 12, // in each coordinate: more than any start is from any true line
      start: (v) => [v.start0, v.start1],
      drawCost: drawContours,
    },
    momentum: {
      engine: "gradient_descent",
      controls: [
        { key: "steps", label: "Steps N", min: 1, max: 300, step: 1, value: 100 },
        { key: "kappa", label: "Condition number κ", values: KAPPAS, value: "100" },
        { key: "eta", label: "Learning rate η", values: ETAS, value: "0.033" },
        { key: "beta", label: "Momentum β", min: 0, max: 0.99, step: 0.01, value: 0.67 },
        { key: "start1", label: "Start w₁", min: -2, max: 2, step: 0.1, value: -2 },
        { key: "start2", label: "Start w₂", min: -2, max: 2, step: 0.1, value: 1 },
      ],
      reach: 8, // the panel follows the path up to 8 from the minimum in each coordinate
      compute: (v) => {
        const start = [v.start1, v.start2];
        const run = momentumDescend(v.kappa, v.eta, v.beta, v.steps, start);
        return { run, kappa: v.kappa, beta: v.beta, eta: v.eta, steps: v.steps };
      },
      draw: (container, state, id) => {
        drawBowl(container, state, `${id}-clip-bowl`);
        drawCostSteps(container, state, `${id}-clip-costs`);
      },
      results: (w) => [
        ["w₁", "w1", w[0]],
        ["w₂", "w2", w[1]],
      ],
    },
  };

  // The regression explorers: the data, and one run of fit_gradient_descent's update.
  for (const model of [MODELS["one-parameter"], MODELS["two-parameter"]]) {
    model.engine = "fit_gradient_descent";
    model.compute = (v) => {
      const truth = model.truth(v);
      const X = XS.map(model.features);
      const y = XS.map((x) => truth[0] + truth[1] * x);
      const run = descend(X, y, v.alpha, v.steps, model.start(v));
      return { model, X, y, run, truth };
    };
    model.draw = (container, state, id) => {
      drawData(container, state, `${id}-clip-data`);
      model.drawCost(container, state, `${id}-clip-cost`);
    };
    // data-result names the parameter as the page does: theta1 alone, or theta0 and theta1.
    const offset = 2 - model.names.length;
    model.results = (w) => model.names.map((name, j) => [name, `theta${j + offset}`, w[j]]);
  }

  let instances = 0;

  // ---- the numbers -------------------------------------------------------------------------

  function predict(row, w) {
    return row.reduce((sum, feature, j) => sum + feature * w[j], 0);
  }

  function cost(X, y, w) {
    let total = 0;
    for (let i = 0; i < y.length; i++) {
      const r = y[i] - predict(X[i], w);
      total += r * r;
    }
    return total / y.length;
  }

  /**
   * Gradient descent on the mean squared error, stopped where gdtutor stops it: at the first step
   * whose parameters are NaN, infinite or larger than BLOWUP·max(1, |start|) in size, where
   * fit_gradient_descent raises DivergenceError. `diverged` is that step (0 when none), and the
   * path ends with it, as the run attached to the error (error.result) does; only a step that is
   * not finite (out of reach of the sliders) is left out, so that nothing shows NaN or Infinity.
   */
  function descend(X, y, alpha, steps, start) {
    const n = y.length;
    const limit = BLOWUP * Math.max(1, ...start.map(Math.abs));
    let w = start.slice();
    const path = [w];
    const costs = [cost(X, y, w)];
    for (let t = 0; t < steps; t++) {
      const r = y.map((yi, i) => yi - predict(X[i], w));
      const g = w.map((_, j) => (-2 / n) * X.reduce((sum, row, i) => sum + row[j] * r[i], 0));
      w = w.map((wj, j) => wj - alpha * g[j]);
      path.push(w);
      costs.push(cost(X, y, w));
      const stop = divergence(path, costs, [...w, costs[t + 1]], limit,
        "the parameters or the cost became NaN or infinite");
      if (stop) return stop;
    }
    return { path, costs, diverged: 0, reason: "" };
  }

  /**
   * The run so far if its last step diverged, as gdtutor's engine decides it, else null: a value
   * of the step not finite (that step left out, so that nothing shows NaN or Infinity), or
   * max|w| past `limit`. `diverged` is the step number.
   */
  function divergence(path, costs, values, limit, notFinite) {
    const step = path.length - 1;
    if (!values.every(Number.isFinite)) {
      return { path: path.slice(0, -1), costs: costs.slice(0, -1), diverged: step, reason: notFinite };
    }
    if (Math.max(...path[step].map(Math.abs)) > limit) {
      // as gdtutor writes it: f"{limit:.3g}", 1e+10 or 1.2e+10
      const size = Number(limit.toPrecision(3)).toExponential();
      return { path, costs, diverged: step, reason: `the parameters grew past ${size} in size` };
    }
    return null;
  }

  /**
   * Heavy-ball momentum on J(w) = (w₁² + κw₂²)/2, stopped where gradient_descent stops it, as
   * descend() above: `diverged` is the step at which it raises DivergenceError (0 when none), and
   * the path ends with that step. The checks are gdtutor's, in its order: the gradient, the
   * update rule's state (the velocity), the parameters and the cost finite, then max|w| at most
   * BLOWUP·max(1, max|w₀|). Within the sliders' ranges only the last can fail: a step multiplies
   * w by at most about 5000, and a run stops once max|w| passes 2e10 at most, so nothing
   * overflows.
   * Each operation is the one numpy does, in the same order, so w comes out as the same doubles
   * and J within a rounding error (the test allows 1e-9): ∇J = [1, κ]·w, v ← βv + g, w ← w − ηv, J = (w₁·w₁ + κ·(w₂·w₂))/2.
   */
  function momentumDescend(kappa, eta, beta, steps, start) {
    const bowl = (w) => (w[0] * w[0] + kappa * (w[1] * w[1])) / 2;
    const limit = BLOWUP * Math.max(1, ...start.map(Math.abs));
    let w = start.slice();
    let v = [0, 0];
    const path = [w];
    const costs = [bowl(w)];
    for (let t = 0; t < steps; t++) {
      const g = [1 * w[0], kappa * w[1]];
      v = v.map((vj, j) => beta * vj + g[j]);
      w = w.map((wj, j) => wj - eta * v[j]);
      path.push(w);
      costs.push(bowl(w));
      const stop = divergence(path, costs, [...g, ...v, ...w, costs[t + 1]], limit,
        "the gradient, the velocity, the parameters or the cost became NaN or infinite");
      if (stop) return stop;
    }
    return { path, costs, diverged: 0, reason: "" };
  }

  /**
   * A number to 12 significant digits (within 1e-11 relative of the double), every minus sign as
   * −; in exponent form from a million up (1.5e+10) and, as JavaScript writes numbers, below
   * 1e-6 (4.4408920985e−16).
   */
  function show(v) {
    if (Math.abs(v) >= 1e6) {
      const [mantissa, exponent] = v.toExponential(11).split("e");
      const digits = mantissa.includes(".") ? mantissa.replace(/\.?0+$/, "") : mantissa;
      return `${digits}e${exponent}`.replaceAll("-", "−");
    }
    return String(Number(v.toPrecision(12))).replaceAll("-", "−");
  }

  function tickLabel(v) {
    return String(Number(v.toPrecision(6))).replaceAll("-", "−");
  }

  // ---- drawing helpers ---------------------------------------------------------------------

  function el(tag, attrs, parent) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    if (parent) parent.appendChild(node);
    return node;
  }

  function html(tag, attrs, parent, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function niceTicks(lo, hi, count) {
    const raw = (hi - lo) / count;
    const magnitude = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
    const ticks = [];
    for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) ticks.push(k * step);
    return ticks;
  }

  /**
   * A panel: an <svg> with a title, axes with ticks, and scales from data to pixels. `yTicks`,
   * if given, places and names the y ticks instead of niceTicks: [[value, text], ...].
   */
  function panel(container, view, labels, clipId, yTicks) {
    const svg = el("svg", {
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: "img",
      class: "gd-panel",
    });
    container.appendChild(svg);
    const title = el("title", {}, svg);
    const left = MARGIN.left;
    const right = WIDTH - MARGIN.right;
    const top = MARGIN.top;
    const bottom = HEIGHT - MARGIN.bottom;
    const sx = (v) => left + ((v - view.x[0]) / (view.x[1] - view.x[0])) * (right - left);
    const sy = (v) => bottom - ((v - view.y[0]) / (view.y[1] - view.y[0])) * (bottom - top);
    const axes = el("g", { class: "gd-axes" }, svg);
    for (const t of niceTicks(view.x[0], view.x[1], 5)) {
      el("line", { x1: sx(t), x2: sx(t), y1: top, y2: bottom, class: "gd-grid" }, axes);
      el("text", { x: sx(t), y: bottom + 14, "text-anchor": "middle" }, axes).textContent =
        tickLabel(t);
    }
    const ys = yTicks || niceTicks(view.y[0], view.y[1], 6).map((t) => [t, tickLabel(t)]);
    for (const [t, text] of ys) {
      el("line", { x1: left, x2: right, y1: sy(t), y2: sy(t), class: "gd-grid" }, axes);
      el("text", { x: left - 5, y: sy(t) + 4, "text-anchor": "end" }, axes).textContent = text;
    }
    el("rect", { x: left, y: top, width: right - left, height: bottom - top, class: "gd-frame" }, axes);
    el("text", { x: (left + right) / 2, y: HEIGHT - 6, "text-anchor": "middle", class: "gd-label" }, axes)
      .textContent = labels[0];
    el("text", {
      x: 12,
      y: (top + bottom) / 2,
      "text-anchor": "middle",
      transform: `rotate(-90 12 ${(top + bottom) / 2})`,
      class: "gd-label",
    }, axes).textContent = labels[1];
    const clip = el("clipPath", { id: clipId }, el("defs", {}, svg));
    el("rect", { x: left, y: top, width: right - left, height: bottom - top }, clip);
    const plot = el("g", { "clip-path": `url(#${clipId})` }, svg);
    return { svg, title, plot, sx, sy, view };
  }

  function describe(p, text) {
    p.title.textContent = text;
    p.svg.setAttribute("aria-label", text);
  }

  /**
   * Steps as dots joined by arrows; points are [u, v] in data units. A step that leaves the view
   * is drawn to the panel's edge, its arrowhead pointing out; points outside get no dot.
   */
  function drawSteps(p, points) {
    const g = el("g", { class: "gd-steps" }, p.plot);
    const screen = (q) => [p.sx(q[0]), p.sy(q[1])];
    for (let k = 1; k < points.length; k++) {
      const seen = clipSegment(p.view, points[k - 1], points[k]);
      if (seen === null) continue;
      const [x0, y0] = screen(seen[0]);
      const [x1, y1] = screen(seen[1]);
      const length = Math.hypot(x1 - x0, y1 - y0);
      if (length < 8) continue; // too short for an arrow: the dots show it
      const ux = (x1 - x0) / length;
      const uy = (y1 - y0) / length;
      const ex = x1 - ux * 3; // stop at the dot's edge
      const ey = y1 - uy * 3;
      el("line", { x1: x0 + ux * 3, y1: y0 + uy * 3, x2: ex - ux * 5, y2: ey - uy * 5 }, g);
      const head = [
        [ex, ey],
        [ex - ux * 7 - uy * 3.5, ey - uy * 7 + ux * 3.5],
        [ex - ux * 7 + uy * 3.5, ey - uy * 7 - ux * 3.5],
      ];
      el("polygon", { points: head.map((q) => q.join(",")).join(" ") }, g);
    }
    points.forEach((q, k) => {
      if (!inside(p.view, q)) return;
      const [x, y] = screen(q);
      if (k === 0) el("rect", { x: x - 4, y: y - 4, width: 8, height: 8, class: "gd-start" }, g);
      else el("circle", { cx: x, cy: y, r: 2.6 }, g);
    });
  }

  function star(p, u, v) {
    const cx = p.sx(u);
    const cy = p.sy(v);
    const corners = Array.from({ length: 10 }, (_, k) => {
      const radius = k % 2 ? 3.2 : 8;
      const angle = -Math.PI / 2 + (k * Math.PI) / 5;
      return `${cx + radius * Math.cos(angle)},${cy + radius * Math.sin(angle)}`;
    });
    el("polygon", { points: corners.join(" "), class: "gd-minimum" }, p.plot);
  }

  function extent(values, pad) {
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const margin = Math.max((hi - lo) * pad, 1e-9);
    return [lo - margin, hi + margin];
  }

  function clamp(v, lo, hi) {
    return Math.min(Math.max(v, lo), hi);
  }

  function inside(view, [u, v]) {
    return u >= view.x[0] && u <= view.x[1] && v >= view.y[0] && v <= view.y[1];
  }

  /**
   * The part of the segment from a to b (data units) inside the view, or null if none is
   * (Liang–Barsky). A run that blows up reaches 1e10 and more: clipped here, its segments end at
   * the panel's edge, and the SVG gets no coordinate far outside it.
   */
  function clipSegment(view, a, b) {
    let t0 = 0;
    let t1 = 1;
    const d = [b[0] - a[0], b[1] - a[1]];
    const edges = [
      [-d[0], a[0] - view.x[0]],
      [d[0], view.x[1] - a[0]],
      [-d[1], a[1] - view.y[0]],
      [d[1], view.y[1] - a[1]],
    ];
    for (const [p, q] of edges) {
      if (p === 0) {
        if (q < 0) return null; // parallel to this edge and outside it
      } else {
        const t = q / p;
        if (p < 0) t0 = Math.max(t0, t);
        else t1 = Math.min(t1, t);
      }
    }
    if (t0 > t1) return null;
    const at = (t) => [a[0] + t * d[0], a[1] + t * d[1]];
    return [t0 === 0 ? a : at(t0), t1 === 1 ? b : at(t1)];
  }

  /** '' when every point is in the view; otherwise a clause for the description, saying when
   * the path leaves it. */
  function leaves(view, points) {
    const first = points.findIndex((q) => !inside(view, q));
    return first < 0 ? "" : `; from step ${first} on, the path leaves the panel`;
  }

  // ---- the panels --------------------------------------------------------------------------

  /**
   * The data and one fitted line per step, pale (first) to dark (last). The view holds the lines
   * of parameters within the model's reach of the minimum; lines further off are clipped.
   */
  function drawData(container, state, clipId) {
    const { model, y, run, truth } = state;
    const lines = run.path.map((w) => [-1, 1].map((x) => predict(model.features(x), w)));
    const room = model.reach * model.names.length; // |ŷ − y| on [−1, 1] within reach
    const lo = Math.min(...y) - room;
    const hi = Math.max(...y) + room;
    const yRange = extent([...y, ...lines.flat().map((v) => clamp(v, lo, hi)), -1, 1], 0.06);
    const p = panel(container, { x: [-1.1, 1.1], y: yRange }, ["x", "y"], clipId);
    const g = el("g", { class: "gd-fits" }, p.plot);
    const last = lines.length - 1;
    lines.forEach(([a, b], k) => {
      const seen = clipSegment(p.view, [-1, a], [1, b]);
      if (seen === null) return; // the whole line is off the panel
      el("line", {
        x1: p.sx(seen[0][0]),
        y1: p.sy(seen[0][1]),
        x2: p.sx(seen[1][0]),
        y2: p.sy(seen[1][1]),
        "stroke-opacity": (0.15 + (0.85 * k) / Math.max(last, 1)).toFixed(3),
        class: k === last ? "gd-final" : "",
      }, g);
    });
    const dots = el("g", { class: "gd-points" }, p.plot);
    XS.forEach((x, i) => el("circle", { cx: p.sx(x), cy: p.sy(y[i]), r: 3 }, dots));
    const line = truth.length === 2 && model.features(0).length === 2
      ? `y = ${tickLabel(truth[0])} + ${tickLabel(truth[1])}x`
      : `y = ${tickLabel(truth[1])}x`;
    describe(p, `The ${N_POINTS} data points on the line ${line}, with the fitted line after ` +
      `each of the ${last} steps, from pale (the start) to dark (the last step).`);
  }

  /** One parameter: the parabola J(θ₁) with the steps on it, within reach of its bottom. */
  function drawCostCurve(container, state, clipId) {
    const { model, X, y, run, truth } = state;
    const [bottom] = model.minimum(truth);
    const thetas = run.path.map((w) => clamp(w[0], bottom - model.reach, bottom + model.reach));
    const [lo, hi] = extent([...thetas, -0.3, 1.3], 0.02);
    const curve = Array.from({ length: 121 }, (_, k) => lo + ((hi - lo) * k) / 120);
    const J = curve.map((t) => cost(X, y, [t]));
    const top = Math.max(...J) * 1.06; // the curve's highest point: any step in view is below
    const p = panel(container, { x: [lo, hi], y: [-top * 0.03, top] }, ["θ₁", "J(θ₁)"], clipId);
    const d = curve.map((t, k) => `${k ? "L" : "M"}${p.sx(t).toFixed(2)},${p.sy(J[k]).toFixed(2)}`);
    el("path", { d: d.join(""), class: "gd-curve" }, p.plot);
    const points = run.path.map((w, k) => [w[0], run.costs[k]]);
    drawSteps(p, points);
    describe(p, `The cost J(θ₁), a parabola with its lowest point at θ₁ = ${tickLabel(bottom)}, ` +
      `and the ${run.path.length - 1} steps from θ₁ = ${tickLabel(run.path[0][0])} as dots ` +
      `joined by arrows${leaves(p.view, points)}.`);
  }

  /** Two parameters: contours of J(θ₀, θ₁), ellipses about the true θ, with the path. */
  function drawContours(container, state, clipId) {
    const { model, X, y, run, truth } = state;
    // A square view (equal units on both axes), at least [−4.5, 4.5]², holding the path as far
    // as it stays within reach of the minimum.
    const [m0, m1] = model.minimum(truth);
    const near = (v, m) => clamp(v, m - model.reach, m + model.reach);
    const us = [...run.path.map((w) => near(w[0], m0)), m0, -4.5, 4.5];
    const vs = [...run.path.map((w) => near(w[1], m1)), m1, -4.5, 4.5];
    const [u0, u1] = extent(us, 0.04);
    const [v0, v1] = extent(vs, 0.04);
    const view = equalUnits([u0, u1], [v0, v1]);
    const p = panel(container, view, ["θ₀", "θ₁"], clipId);
    // Noiseless data: J(θ) = dᵀAd with d = θ − θtrue and A = (1/n)XᵀX, whose level sets are
    // ellipses along A's eigenvectors with semi-axes √(level/λ).
    const mean = (f) => X.reduce((s, row) => s + f(row), 0) / X.length;
    const a = mean((r) => r[0] * r[0]);
    const b = mean((r) => r[0] * r[1]);
    const c = mean((r) => r[1] * r[1]);
    const half = Math.hypot((a - c) / 2, b);
    const lambdas = [(a + c) / 2 + half, (a + c) / 2 - half];
    const angle = 0.5 * Math.atan2(2 * b, a - c);
    const corners = [view.x[0], view.x[1]].flatMap((u) => [view.y[0], view.y[1]].map((v) => [u, v]));
    const outer = Math.max(...corners.map((w) => cost(X, y, w)));
    const g = el("g", { class: "gd-contours" }, p.plot);
    for (let k = 0; k < 12; k++) {
      const level = outer * 0.5 ** k;
      const [ra, rb] = lambdas.map((lam) => Math.sqrt(level / lam));
      const d = Array.from({ length: 73 }, (_, s) => {
        const t = (2 * Math.PI * s) / 72;
        const e1 = ra * Math.cos(t);
        const e2 = rb * Math.sin(t);
        const u = truth[0] + e1 * Math.cos(angle) - e2 * Math.sin(angle);
        const v = truth[1] + e1 * Math.sin(angle) + e2 * Math.cos(angle);
        return `${s ? "L" : "M"}${p.sx(u).toFixed(2)},${p.sy(v).toFixed(2)}`;
      });
      el("path", { d: d.join("") + "Z" }, g);
    }
    star(p, truth[0], truth[1]);
    drawSteps(p, run.path);
    const [s, f] = [run.path[0], run.path[run.path.length - 1]];
    describe(p, `Contours of the cost J(θ₀, θ₁), ellipses around the minimum at the true ` +
      `(${tickLabel(truth[0])}, ${tickLabel(truth[1])}), marked by a star; arrows show the ` +
      `${run.path.length - 1} steps from (${tickLabel(s[0])}, ${tickLabel(s[1])}) to ` +
      `(${f.map((v) => tickLabel(Number(v.toPrecision(3)))).join(", ")})${leaves(p.view, run.path)}.`);
  }

  /**
   * The polygon `points` (pixels) cut to the rectangle [x0, x1] × [y0, y1] (Sutherland–Hodgman):
   * a contour much larger than the panel keeps only the part near it, so no coordinate in the
   * SVG is far outside the panel.
   */
  function clipPolygon(points, [x0, x1], [y0, y1]) {
    const edges = [
      [(q) => q[0] >= x0, (a, b) => a[1] + ((x0 - a[0]) * (b[1] - a[1])) / (b[0] - a[0]), 0, x0],
      [(q) => q[0] <= x1, (a, b) => a[1] + ((x1 - a[0]) * (b[1] - a[1])) / (b[0] - a[0]), 0, x1],
      [(q) => q[1] >= y0, (a, b) => a[0] + ((y0 - a[1]) * (b[0] - a[0])) / (b[1] - a[1]), 1, y0],
      [(q) => q[1] <= y1, (a, b) => a[0] + ((y1 - a[1]) * (b[0] - a[0])) / (b[1] - a[1]), 1, y1],
    ];
    let out = points;
    for (const [keep, cross, axis, at] of edges) {
      const input = out;
      out = [];
      input.forEach((b, k) => {
        const a = input[(k + input.length - 1) % input.length];
        const where = () => (axis === 0 ? [at, cross(a, b)] : [cross(a, b), at]);
        if (keep(b)) {
          if (!keep(a)) out.push(where());
          out.push(b);
        } else if (keep(a)) {
          out.push(where());
        }
      });
      if (out.length === 0) break;
    }
    return out;
  }

  /** Momentum: contours of J(w) = (w₁² + κw₂²)/2, ellipses about the origin, with the path. */
  function drawBowl(container, state, clipId) {
    const { run, kappa } = state;
    const reach = MODELS.momentum.reach;
    // A view with equal units on both axes, at least [−2.2, 2.2]², holding the path as far as it
    // stays within reach of the minimum: the bowl's true shape, a valley κ times steeper across.
    const near = (v) => clamp(v, -reach, reach);
    const [u0, u1] = extent([...run.path.map((w) => near(w[0])), -2.2, 2.2], 0.04);
    const [v0, v1] = extent([...run.path.map((w) => near(w[1])), -2.2, 2.2], 0.04);
    const view = equalUnits([u0, u1], [v0, v1]);
    const p = panel(container, view, ["w₁", "w₂"], clipId);
    // The level set J = c is the ellipse with semi-axes √(2c) along w₁ and √(2c/κ) along w₂;
    // levels halve inwards from the panel's farthest corner.
    const corners = view.x.flatMap((u) => view.y.map((v) => [u, v]));
    const outer = Math.max(...corners.map(([u, v]) => (u * u + kappa * v * v) / 2));
    const box = [[MARGIN.left - 2, WIDTH - MARGIN.right + 2], [MARGIN.top - 2, HEIGHT - MARGIN.bottom + 2]];
    const g = el("g", { class: "gd-contours" }, p.plot);
    for (let k = 0; k < 14; k++) {
      const level = outer * 0.5 ** k;
      const [ra, rb] = [Math.sqrt(2 * level), Math.sqrt((2 * level) / kappa)];
      const ring = Array.from({ length: 144 }, (_, s) => {
        const t = (2 * Math.PI * s) / 144;
        return [p.sx(ra * Math.cos(t)), p.sy(rb * Math.sin(t))];
      });
      const seen = clipPolygon(ring, ...box);
      if (seen.length < 3) continue;
      const d = seen.map(([x, y], s) => `${s ? "L" : "M"}${x.toFixed(2)},${y.toFixed(2)}`);
      el("path", { d: d.join("") + "Z" }, g);
    }
    star(p, 0, 0);
    drawSteps(p, run.path);
    const [s, f] = [run.path[0], run.path[run.path.length - 1]];
    describe(p, `Contours of the cost J(w₁, w₂) = (w₁² + ${tickLabel(kappa)}·w₂²)/2, ellipses ` +
      `around the minimum at the origin, marked by a star; arrows show the ` +
      `${run.path.length - 1} steps from (${tickLabel(s[0])}, ${tickLabel(s[1])}) to ` +
      `(${f.map((v) => show(Number(v.toPrecision(3)))).join(", ")})${leaves(p.view, run.path)}.`);
  }

  /** The smallest view with equal units on both axes that holds [u0, u1] × [v0, v1], centred. */
  function equalUnits([u0, u1], [v0, v1]) {
    const pw = WIDTH - MARGIN.left - MARGIN.right;
    const ph = HEIGHT - MARGIN.top - MARGIN.bottom;
    const unit = Math.max((u1 - u0) / pw, (v1 - v0) / ph);
    const [cu, cv] = [(u0 + u1) / 2, (v0 + v1) / 2];
    return {
      x: [cu - (unit * pw) / 2, cu + (unit * pw) / 2],
      y: [cv - (unit * ph) / 2, cv + (unit * ph) / 2],
    };
  }

  /** "10⁻¹⁵": 10 to an integer power, as text. */
  function powerOfTen(k) {
    if (k === 0) return "1";
    if (k === 1) return "10";
    const sup = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };
    return `10${[...String(k)].map((c) => sup[c]).join("")}`;
  }

  /**
   * Momentum: the cost against the step, on a log scale. The axis spans at most 40 decades below
   * the largest cost; a cost below that, or exactly 0, is drawn on the bottom edge.
   */
  function drawCostSteps(container, state, clipId) {
    const { run, steps } = state;
    const logs = run.costs.map((c) => (c > 0 ? Math.log10(c) : -Infinity));
    const finite = logs.filter(Number.isFinite);
    const hi = finite.length ? Math.max(...finite) : 0;
    const lo = finite.length ? Math.max(Math.min(...finite), hi - 40) : 0;
    const pad = Math.max((hi - lo) * 0.05, 0.5);
    const view = { x: [-steps * 0.02, steps * 1.02], y: [lo - pad, hi + pad] };
    const every = [1, 2, 5, 10, 20].find((d) => (view.y[1] - view.y[0]) / d <= 6);
    const ticks = [];
    for (let k = Math.ceil(view.y[0] / every) * every; k <= view.y[1]; k += every) {
      ticks.push([k, powerOfTen(k)]);
    }
    const p = panel(container, view, ["step t", "cost J(wₜ), log scale"], clipId, ticks);
    const points = logs.map((v, t) => [t, v >= lo ? v : view.y[0]]);
    const d = points.map(([t, v], k) => `${k ? "L" : "M"}${p.sx(t).toFixed(2)},${p.sy(v).toFixed(2)}`);
    el("path", { d: d.join(""), class: "gd-curve" }, p.plot);
    if (p.sx(1) - p.sx(0) >= 3) { // a dot per step, where the dots do not merge into a line
      const g = el("g", { class: "gd-steps" }, p.plot);
      points.forEach(([t, v]) => el("circle", { cx: p.sx(t), cy: p.sy(v), r: 2 }, g));
    }
    const clauses = [];
    const zero = run.costs.findIndex((c) => c === 0);
    if (zero >= 0) clauses.push(`a cost of exactly 0 (first at step ${zero}) is drawn on the bottom edge`);
    const tiny = logs.findIndex((v) => Number.isFinite(v) && v < lo);
    if (tiny >= 0) {
      clauses.push(`a cost more than 40 decades below the largest (first at step ${tiny}) is drawn ` +
        "on the bottom edge");
    }
    if (run.diverged) {
      clauses.push(`the run diverged at step ${run.diverged}, where gradient_descent raises a ` +
        "DivergenceError");
    }
    const taken = run.path.length - 1;
    describe(p, `The cost at each of the ${taken} steps on a log scale, from ` +
      `${show(run.costs[0])} at the start to ${show(run.costs[taken])}` +
      `${clauses.map((c) => `; ${c}`).join("")}.`);
  }

  // ---- one explorer ------------------------------------------------------------------------

  function setUp(root) {
    const model = MODELS[root.dataset.explorer];
    if (!model || root.dataset.ready) return;
    root.dataset.ready = "true";
    const id = `gd-explorer-${++instances}`;
    root.replaceChildren();
    const name = `Settings of the ${root.dataset.explorer} explorer`; // a unique landmark name
    const form = html("form", { class: "gd-controls", "aria-label": name }, root);
    form.addEventListener("submit", (event) => event.preventDefault());
    const inputs = {};
    for (const spec of model.controls) {
      const inputId = `${id}-${spec.key}`;
      html("label", { for: inputId }, form, spec.label);
      // A slider with `values` steps through that list (a log scale): its value is the position.
      const attributes = spec.values
        ? { min: 0, max: spec.values.length - 1, step: 1, value: spec.values.indexOf(spec.value) }
        : { min: spec.min, max: spec.max, step: spec.step, value: spec.value };
      const input = html("input", { type: "range", id: inputId, name: spec.key, ...attributes }, form);
      html("output", { for: inputId, "aria-hidden": "true" }, form);
      inputs[spec.key] = { input, values: spec.values };
    }
    const panels = html("div", { class: "gd-panels" }, root);
    const readout = html("p", { class: "gd-readout", "aria-live": "polite" }, root);

    function render() {
      const values = {};
      for (const [key, { input, values: list }] of Object.entries(inputs)) {
        const text = list ? list[Number(input.value)] : input.value;
        values[key] = Number(text);
        input.nextElementSibling.textContent = text.replaceAll("-", "−");
        if (list) input.setAttribute("aria-valuetext", text);
      }
      const state = model.compute(values);
      const { run } = state;
      panels.replaceChildren();
      model.draw(panels, state, id);
      readout.replaceChildren();
      const taken = run.path.length - 1;
      const w = run.path[taken];
      if (run.diverged) {
        // What gdtutor says: its engine raises DivergenceError at this step.
        readout.append(`Diverged at step ${run.diverged}: ${run.reason}, where ` +
          `${model.engine} raises a DivergenceError. Try a smaller learning rate, or a larger β. ` +
          `At step ${taken}: `);
      } else {
        readout.append(`After ${taken} step${taken === 1 ? "" : "s"}: `);
      }
      const results = [...model.results(w), ["J", "cost", run.costs[taken]]];
      results.forEach(([name, key, value], k) => {
        readout.append(`${k ? ", " : ""}${name} = `);
        html("span", { "data-result": key, "data-value": String(value), class: "gd-number" }, readout, show(value));
      });
      readout.append(".");
    }

    form.addEventListener("input", render);
    render();
  }

  // An explorer is set up as it nears the viewport (within a screen's height), not while the page
  // loads: its first run and drawing is work a reader's first screen does not need (Lighthouse
  // counts it in the page's blocking time).
  let watching;
  function setUpAll() {
    watching?.disconnect();
    watching = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) {
            watching.unobserve(entry.target);
            setUp(entry.target);
          }
        }
      },
      { rootMargin: "100% 0px" },
    );
    document.querySelectorAll(".gd-explorer[data-explorer]").forEach((root) => watching.observe(root));
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(setUpAll); // eslint-disable-line no-undef
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
