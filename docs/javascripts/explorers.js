/* Live gradient-descent explorers: sliders drive gradient descent on a noiseless line, drawn as SVG.
 *
 * Markup: <div class="gd-explorer" data-explorer="one-parameter"></div> (or "two-parameter").
 * Data and update rule are gdtutor's, so the numbers agree with fit_gradient_descent
 * (tests/test_explorers.py checks them):
 *   x = np.linspace(-1, 1, 20), y = θ0,true + θ1,true·x, no noise;
 *   J(θ) = (1/n)‖y − Xθ‖²,  ∇J = −(2/n)Xᵀ(y − Xθ),  θ ← θ − α∇J, N times.
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

  const MODELS = {
    "one-parameter": {
      features: (x) => [x],
      names: ["θ₁"],
      controls: [
        { key: "steps", label: "Steps N", min: 1, max: 100, step: 1, value: 20 },
        { key: "alpha", label: "Learning rate α", min: 0.1, max: 2, step: 0.05, value: 1.15 },
        { key: "start1", label: "Start θ₁", min: -0.2, max: 1.2, step: 0.1, value: 0 },
      ],
      truth: () => [0, 0.5],
      start: (v) => [v.start1],
      drawCost: drawCostCurve,
    },
    "two-parameter": {
      features: (x) => [1, x],
      names: ["θ₀", "θ₁"],
      controls: [
        { key: "steps", label: "Steps N", min: 2, max: 20, step: 1, value: 15 },
        { key: "alpha", label: "Learning rate α", min: 0.1, max: 1, step: 0.01, value: 0.7 },
        { key: "true0", label: "True θ₀", min: -4, max: 4, step: 0.1, value: 2 },
        { key: "true1", label: "True θ₁", min: -4, max: 4, step: 0.1, value: 2 },
        { key: "start0", label: "Start θ₀", min: -4, max: 4, step: 0.1, value: 0 },
        { key: "start1", label: "Start θ₁", min: -4, max: 4, step: 0.1, value: 0 },
      ],
      truth: (v) => [v.true0, v.true1],
      start: (v) => [v.start0, v.start1],
      drawCost: drawContours,
    },
  };

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

  /** Gradient descent on the mean squared error; stops early (diverged) like gdtutor would. */
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
      const finite = w.every(Number.isFinite) && Number.isFinite(costs[costs.length - 1]);
      if (!finite || Math.max(...w.map(Math.abs)) > limit) {
        return { path: path.slice(0, -1), costs: costs.slice(0, -1), diverged: t + 1 };
      }
    }
    return { path, costs, diverged: 0 };
  }

  /** A number to 12 significant digits (within 1e-11 relative of the double), minus as −. */
  function show(v) {
    return String(Number(v.toPrecision(12))).replace("-", "−");
  }

  function tickLabel(v) {
    return String(Number(v.toPrecision(6))).replace("-", "−");
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

  /** A panel: an <svg> with a title, axes with ticks, and scales from data to pixels. */
  function panel(container, view, labels, clipId) {
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
    for (const t of niceTicks(view.y[0], view.y[1], 6)) {
      el("line", { x1: left, x2: right, y1: sy(t), y2: sy(t), class: "gd-grid" }, axes);
      el("text", { x: left - 5, y: sy(t) + 4, "text-anchor": "end" }, axes).textContent =
        tickLabel(t);
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
    return { svg, title, plot, sx, sy };
  }

  function describe(p, text) {
    p.title.textContent = text;
    p.svg.setAttribute("aria-label", text);
  }

  /** Steps as dots joined by arrows; points are [u, v] in data units. */
  function drawSteps(p, points) {
    const g = el("g", { class: "gd-steps" }, p.plot);
    const screen = points.map(([u, v]) => [p.sx(u), p.sy(v)]);
    for (let k = 1; k < screen.length; k++) {
      const [x0, y0] = screen[k - 1];
      const [x1, y1] = screen[k];
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
    screen.forEach(([x, y], k) => {
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

  // ---- the panels --------------------------------------------------------------------------

  /** The data and one fitted line per step, pale (first) to dark (last). */
  function drawData(container, state, clipId) {
    const { model, y, run, truth } = state;
    const lines = run.path.map((w) => [-1, 1].map((x) => predict(model.features(x), w)));
    const yRange = extent([...y, ...lines.flat(), -1, 1], 0.06);
    const p = panel(container, { x: [-1.1, 1.1], y: yRange }, ["x", "y"], clipId);
    const g = el("g", { class: "gd-fits" }, p.plot);
    const last = lines.length - 1;
    lines.forEach(([a, b], k) => {
      el("line", {
        x1: p.sx(-1),
        y1: p.sy(a),
        x2: p.sx(1),
        y2: p.sy(b),
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

  /** One parameter: the parabola J(θ₁) with the steps on it. */
  function drawCostCurve(container, state, clipId) {
    const { X, y, run } = state;
    const thetas = run.path.map((w) => w[0]);
    const [lo, hi] = extent([...thetas, -0.3, 1.3], 0.02);
    const curve = Array.from({ length: 121 }, (_, k) => lo + ((hi - lo) * k) / 120);
    const J = curve.map((t) => cost(X, y, [t]));
    const top = Math.max(...J, ...run.costs) * 1.06;
    const p = panel(container, { x: [lo, hi], y: [-top * 0.03, top] }, ["θ₁", "J(θ₁)"], clipId);
    const d = curve.map((t, k) => `${k ? "L" : "M"}${p.sx(t).toFixed(2)},${p.sy(J[k]).toFixed(2)}`);
    el("path", { d: d.join(""), class: "gd-curve" }, p.plot);
    drawSteps(p, run.path.map((w, k) => [w[0], run.costs[k]]));
    describe(p, `The cost J(θ₁), a parabola with its lowest point at θ₁ = 0.5, and the ` +
      `${run.path.length - 1} steps from θ₁ = ${tickLabel(thetas[0])} as dots joined by arrows.`);
  }

  /** Two parameters: contours of J(θ₀, θ₁), ellipses about the true θ, with the path. */
  function drawContours(container, state, clipId) {
    const { X, y, run, truth } = state;
    // A square view (equal units on both axes), at least [−4.5, 4.5]², holding the whole path.
    const us = [...run.path.map((w) => w[0]), truth[0], -4.5, 4.5];
    const vs = [...run.path.map((w) => w[1]), truth[1], -4.5, 4.5];
    const [u0, u1] = extent(us, 0.04);
    const [v0, v1] = extent(vs, 0.04);
    const pw = WIDTH - MARGIN.left - MARGIN.right;
    const ph = HEIGHT - MARGIN.top - MARGIN.bottom;
    const unit = Math.max((u1 - u0) / pw, (v1 - v0) / ph);
    const cu = (u0 + u1) / 2;
    const cv = (v0 + v1) / 2;
    const view = {
      x: [cu - (unit * pw) / 2, cu + (unit * pw) / 2],
      y: [cv - (unit * ph) / 2, cv + (unit * ph) / 2],
    };
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
      `(${f.map((v) => tickLabel(Number(v.toPrecision(3)))).join(", ")}).`);
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
      const input = html("input", {
        type: "range",
        id: inputId,
        name: spec.key,
        min: spec.min,
        max: spec.max,
        step: spec.step,
        value: spec.value,
      }, form);
      html("output", { for: inputId, "aria-hidden": "true" }, form);
      inputs[spec.key] = input;
    }
    const panels = html("div", { class: "gd-panels" }, root);
    const readout = html("p", { class: "gd-readout", "aria-live": "polite" }, root);

    function render() {
      const values = {};
      for (const [key, input] of Object.entries(inputs)) {
        values[key] = Number(input.value);
        input.nextElementSibling.textContent = input.value.replace("-", "−");
      }
      const truth = model.truth(values);
      const X = XS.map(model.features);
      const y = XS.map((x) => truth[0] + truth[1] * x);
      const run = descend(X, y, values.alpha, values.steps, model.start(values));
      const state = { model, X, y, run, truth };
      panels.replaceChildren();
      drawData(panels, state, `${id}-clip-data`);
      model.drawCost(panels, state, `${id}-clip-cost`);
      readout.replaceChildren();
      const taken = run.path.length - 1;
      const w = run.path[taken];
      if (run.diverged) {
        readout.append(`Diverged at step ${run.diverged}: the numbers grew without bound. ` +
          `Try a smaller learning rate. After step ${taken}: `);
      } else {
        readout.append(`After ${taken} step${taken === 1 ? "" : "s"}: `);
      }
      // data-result names the parameter as the page does: theta1 alone, or theta0 and theta1.
      const offset = 2 - model.names.length;
      const results = model.names.map((name, j) => [name, `theta${j + offset}`, w[j]]);
      results.push(["J", "cost", run.costs[taken]]);
      results.forEach(([name, key, value], k) => {
        readout.append(`${k ? ", " : ""}${name} = `);
        html("span", { "data-result": key, "data-value": String(value), class: "gd-number" }, readout, show(value));
      });
      readout.append(".");
    }

    form.addEventListener("input", render);
    render();
  }

  function setUpAll() {
    document.querySelectorAll(".gd-explorer[data-explorer]").forEach(setUp);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(setUpAll); // eslint-disable-line no-undef
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
