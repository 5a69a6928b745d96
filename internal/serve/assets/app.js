// cardio workbench: sends each change of an input to the server, which
// re-plans warm and answers with the plan. Plain JS, no build step.
"use strict";
(function () {
  const token = document.querySelector('meta[name="cardio-token"]').content;
  const $ = (id) => document.getElementById(id);
  let file = 0, inputs = null, lastPlan = null, seq = 0, sweepAbort = null;

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else e.setAttribute(k, v);
    }
    for (const k of kids) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
    return e;
  }
  const pct = (x) => (100 * x).toFixed(1) + "%";
  // The decimals a threshold prints with, and the threshold as printed
  // (plan.ThresholdDecimals, plan.ShownThreshold): 90.0%, 90.54%.
  const thrDecimals = (t) => {
    for (let d = 1; d < 4; d++) { const u = t * 10 ** (d + 2); if (Math.abs(u - Math.round(u)) <= 1e-6) return d; }
    return 4;
  };
  const shownThr = (t) => { const s = 10 ** (thrDecimals(t) + 2), u = t * s, r = Math.round(u); return (Math.abs(u - r) <= 1e-6 ? r : Math.floor(u)) / s; };
  // A heart score as cardio plan prints it beside its verdict against the
  // healthy heart thr (report.HeartPercent, plan.HeartShownAgainst): not
  // healthy, rounded down to a tenth, so that it never reads as the
  // threshold it misses; healthy, to the nearest tenth, unless that reads
  // below the threshold as printed (0.9054, "90.54%"): then at the
  // threshold's decimals, rounded down, never below it.
  const heartPct = (x, healthy, thr) => {
    if (!healthy) return (Math.floor(1000 * (x + 2e-5)) / 10).toFixed(1) + "%";
    if (thr === undefined || Math.round(1e6 * (Math.round(1000 * x) / 1000)) >= Math.round(1e6 * shownThr(thr))) return pct(x);
    const d = Math.max(2, thrDecimals(thr)), s = 10 ** (d + 2);
    return (100 * Math.floor(Math.max(x, thr) * s + 1e-6) / s).toFixed(d) + "%";
  };
  // weakestHealthy: whether the period of the lowest heart (the first of a
  // tie) is healthy, as plan.WeakestHealthy.
  // lowestHeart words a period's weakest heart cell with the heart cells
  // as low as printed, as the plan counts them (weakest_heart_tied,
  // weakest_heart_all_tie) and cardio diff words them: naming one of
  // cells alike would single it out.
  // A heart cell below healthy is rounded down, as cardio plan's tables
  // print it (plan.Cell.Shown), so that it never reads as the threshold.
  // A heart cell counted healthy (within plan.HeartStepTol of the healthy
  // heart thr, or above) reads as a healthy heart does against thr:
  // 90.54%, not 90.5%, at a threshold of 0.9054.
  const cellPct = (c, thr) => {
    if (c.below_healthy) return (Math.floor(1000 * c.coverage + 1e-6) / 10).toFixed(1) + "%";
    return thr !== undefined && c.coverage >= thr - 2e-5 ? heartPct(c.coverage, true, thr) : pct(c.coverage);
  };
  const lowestHeart = (q, thr) => {
    const c = q.weakest_heart;
    if (!c) return "—";
    if (q.weakest_heart_all_tie) return "every heart function at " + cellPct(c, thr) + ((q.regions || []).length > 1 ? " in every region" : "");
    const k = q.weakest_heart_tied || 0;
    return (fnNames[c.function] || c.function) + " in " + c.region + " " + cellPct(c, thr) + (k === 1 ? ", and 1 other as low" : k > 1 ? ", and " + k + " others as low" : "");
  };
  const weakestHealthy = (ps) => { let low = null; for (const q of ps) if (low === null || q.heart < low.heart) low = q; return low !== null && low.healthy; };
  // An amount in full as cardio's views write one (plan.FormatMoneyExact, in
  // whole units): $5,500,000, -$2, CHF 1,200; the symbols are plan's
  // (TestAppCurrencySymbols keeps the two alike), another currency by its
  // code. In earlier versions "USD 5,500,000" beside the sweep's and the
  // In short's "$5,500,000" and "$5.50M" on the same page.
  const symbols = { USD: "$", EUR: "€", GBP: "£", JPY: "¥" };
  const moneyIn = (code, x) => {
    const r = Math.round(x) || 0; // || 0: no "-0"
    return (r < 0 ? "-" : "") + (code ? symbols[code] || code + " " : "") + Math.abs(r).toLocaleString("en-US");
  };
  const money = (x) => moneyIn(inputs ? inputs.currency : "", x);
  const fte = (x) => x.toFixed(1);

  async function post(path, body) {
    const signal = body.signal;
    const fields = Object.assign({ file: file }, body);
    delete fields.signal;
    const r = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Cardio-Token": token },
      body: JSON.stringify(fields),
      signal: signal,
    });
    if (!r.ok) throw new Error((await r.text()).trim());
    return r;
  }

  // change sends edits and renders the answer; answers to older changes
  // than the last one sent are dropped.
  async function change(body) {
    const my = ++seq;
    $("status").textContent = "planning…";
    let res;
    try {
      res = await (await post("/api/change", Object.assign({ charts: true }, body))).json();
    } catch (e) {
      $("status").textContent = "error: " + e.message;
      return;
    }
    if (my !== seq) return;
    render(res);
    document.body.dataset.rendered = my; // for tests: this change is shown
    if (!res.rejected) extras(my);
  }

  // extras asks for the marginal values and the checkup of the plan shown;
  // a newer change aborts the request, which stops its re-solves.
  let extrasAbort = null;
  async function extras(my) {
    if (extrasAbort) extrasAbort.abort();
    extrasAbort = new AbortController();
    $("marginal").textContent = "computing…";
    $("inshort").textContent = "computing…";
    try {
      const ex = await (await post("/api/extras", { signal: extrasAbort.signal })).json();
      if (my !== seq) return;
      renderExtras(ex);
      document.body.dataset.extras = my; // for tests: shown in full
    } catch (e) {
      if (e.name !== "AbortError") $("marginal").textContent = $("inshort").textContent = e.message;
    }
  }

  const controls = [], decisions = [];
  function control(box, label, path, value, opts) {
    opts = opts || {};
    const id = "in-" + controls.length;
    const inp = el("input", { id: id, type: "number", step: opts.step || "any", "data-path": path });
    inp.value = value;
    const diag = el("div", { class: "diag", "data-for": path });
    const row = el("div", { class: "ctl" }, el("label", { for: id }, label), inp);
    if (opts.range) {
      const rg = el("input", { type: "range", min: opts.range[0], max: opts.range[1], step: opts.range[2], "aria-label": label + " slider", "data-path": path });
      rg.value = value;
      rg.addEventListener("input", () => { inp.value = rg.value; });
      rg.addEventListener("change", () => { inp.value = rg.value; inp.dispatchEvent(new Event("change")); });
      row.append(rg);
    }
    row.append(diag);
    inp.addEventListener("change", () => {
      // An emptied box gives the input back its file's value (a
      // headcount cap the file does not set: none), as picking an
      // investment's own decision again does: "give a number" left a cap
      // typed in the page with no way to remove it.
      if (inp.value.trim() === "") { diag.textContent = ""; change({ unset: [path] }); return; }
      const v = Number(inp.value);
      if (!isFinite(v)) { diag.textContent = "give a number"; return; }
      change({ set: [{ path: path, value: v }] });
    });
    controls.push({ path: path, input: inp });
    box.append(row);
  }

  // label names a control's key path in words (the server's
  // report.InputLabel); a path it does not name is shown as it is.
  const label = (path) => (inputs && inputs.labels && inputs.labels[path]) || path;

  function buildControls(inp) {
    const box = $("controls");
    box.replaceChildren();
    controls.length = 0;
    decisions.length = 0;
    let fs = el("fieldset", {}, el("legend", {}, "Budget and policy"));
    if (!inp.per_period) {
      const b = inp.budget_annual;
      control(fs, "Annual budget", "budget.annual", b, { step: 100000, range: [0, Math.max(1, Math.round(2 * b)), 50000] });
    }
    control(fs, "Change per year", "budget.change_per_year", inp.budget_change, { step: 0.01 });
    control(fs, "Headcount cap (FTE)", "policy.max_fte", inp.has_max_fte ? inp.max_fte : "", { step: 1 });
    control(fs, "Central share min", "policy.central_share.min", inp.share_min, { step: 0.01 });
    control(fs, "Central share max", "policy.central_share.max", inp.share_max, { step: 0.01 });
    control(fs, "Healthy heart level", "policy.healthy_heart", inp.healthy_heart, { step: 0.01 });
    control(fs, "Brain weight", "policy.brain_weight", inp.brain_weight, { step: 0.1 });
    control(fs, "Central cost per FTE", "central.cost_per_fte", inp.central_cost, { step: 1000 });
    control(fs, "Central cost of a hire", "central.hire_cost", inp.central_hire_cost, { step: 1000 });
    control(fs, "Central cost of an exit", "central.exit_cost", inp.central_exit_cost, { step: 1000 });
    box.append(fs);
    fs = el("fieldset", {}, el("legend", {}, "Regions"));
    for (const r of inp.regions) {
      fs.append(el("div", { class: "ctl" }, el("strong", {}, r.name)));
      control(fs, "Sellers", "regions[" + r.name + "].sellers", r.sellers, { step: 1 });
      control(fs, "Seller growth / year", "regions[" + r.name + "].seller_growth_per_year", r.growth, { step: 0.01 });
      control(fs, "Local cost per FTE", "regions[" + r.name + "].cost_per_fte", r.cost, { step: 1000 });
      control(fs, "Cost of a hire", "regions[" + r.name + "].hire_cost", r.hire_cost, { step: 1000 });
      control(fs, "Cost of an exit", "regions[" + r.name + "].exit_cost", r.exit_cost, { step: 1000 });
    }
    box.append(fs);
    fs = el("fieldset", {}, el("legend", {}, "Investments"));
    // Each investment's decision is the key investments[ID].decision:
    // picking the file's own decision again drops the edit.
    for (const v of inp.investments) {
      const path = "investments[" + v.id + "].decision";
      const sel = el("select", { "data-inv": v.id, "data-path": path, "aria-label": v.name });
      sel.append(el("option", { value: "optimize" }, "optimizer decides"), el("option", { value: "in" }, "forced in"), el("option", { value: "out" }, "forced out"));
      sel.value = v.decision;
      if (v.owned) {
        // Owned: in place in every plan; there is nothing to decide.
        sel.append(el("option", { value: "owned" }, "owned"));
        sel.value = "owned";
        sel.disabled = true;
      }
      sel.addEventListener("change", () => {
        const fileValue = inputs.investments.find((x) => x.id === v.id).file_decision;
        change(sel.value === fileValue ? { unset: [path] } : { set: [{ path: path, value: sel.value }] });
      });
      fs.append(el("div", { class: "ctl" }, el("label", {}, v.name + (v.owned ? " (owned)" : "")), sel, el("div", { class: "diag", "data-for": path })));
      decisions.push({ id: v.id, select: sel });
    }
    box.append(fs);
    fs = el("fieldset", {}, el("legend", {}, "Function floors (min coverage)"));
    for (const f of inp.functions) control(fs, f.name + " (" + f.class + ")", "functions[" + f.id + "].min_coverage", f.floor, { step: 0.05 });
    fnNames = Object.fromEntries(inp.functions.map((f) => [f.id, f.name]));
    box.append(fs);
    const sw = $("swpath");
    sw.replaceChildren();
    // The picker and the sweep's table name an input as cardio sweep does
    // (inputs.labels: "North America: sellers"), not by its key path.
    for (const c of controls) sw.append(el("option", { value: c.path }, label(c.path)));
  }

  function setInputs(inp) {
    const first = !inputs || inputs.regions.length !== inp.regions.length || inputs.investments.length !== inp.investments.length;
    inputs = inp;
    if (first) { buildControls(inp); return; }
    for (const c of controls) {
      // A box being typed in keeps what is typed, but an emptied one
      // shows the value it was given back.
      if (document.activeElement === c.input && c.input.value.trim() !== "") continue;
      const v = valueOf(inp, c.path);
      if (v !== undefined) c.input.value = v;
    }
    for (const d of decisions) {
      const v = inp.investments.find((x) => x.id === d.id);
      if (v && !v.owned) d.select.value = v.decision;
    }
  }

  // byID rewrites a diagnostic's investments[N] (the file's list index)
  // as investments[ID], the path of the investment's control.
  function byID(path) {
    const m = /^investments\[(\d+)\](.*)$/.exec(path || "");
    const v = m && inputs && inputs.investments[Number(m[1])];
    return v ? "investments[" + v.id + "]" + m[2] : path;
  }

  function valueOf(inp, path) {
    const simple = { "budget.annual": inp.budget_annual, "budget.change_per_year": inp.budget_change, "policy.max_fte": inp.has_max_fte ? inp.max_fte : "",
      "policy.central_share.min": inp.share_min, "policy.central_share.max": inp.share_max, "policy.healthy_heart": inp.healthy_heart,
      "policy.brain_weight": inp.brain_weight, "central.cost_per_fte": inp.central_cost,
      "central.hire_cost": inp.central_hire_cost, "central.exit_cost": inp.central_exit_cost };
    if (path in simple) return simple[path];
    for (const r of inp.regions) {
      if (path === "regions[" + r.name + "].sellers") return r.sellers;
      if (path === "regions[" + r.name + "].seller_growth_per_year") return r.growth;
      if (path === "regions[" + r.name + "].cost_per_fte") return r.cost;
      if (path === "regions[" + r.name + "].hire_cost") return r.hire_cost;
      if (path === "regions[" + r.name + "].exit_cost") return r.exit_cost;
    }
    for (const f of inp.functions) if (path === "functions[" + f.id + "].min_coverage") return f.floor;
    return undefined;
  }

  // fnNames maps a function's id to its name, from the inputs last shown:
  // the plan's JSON names functions by id, a reader by name.
  let fnNames = {};

  function row(cells, head) {
    return el("tr", {}, ...cells.map((c) => el(head ? "th" : "td", {}, c)));
  }

  function render(res) {
    if (res.inputs) setInputs(res.inputs);
    for (const d of document.querySelectorAll(".diag")) { d.textContent = ""; d.className = "diag"; }
    $("problems").replaceChildren();
    let unplaced = false;
    for (const d of res.diagnostics || []) {
      d.path = byID(d.path);
      // The message goes under the input it is about: the box of its
      // path or of a key above it, or, for a key of several inputs
      // (policy.central_share: min above max), under each of them. It
      // names the input as its label does ("Central share min"'s key
      // path policy.central_share.min read as code).
      let boxes = [];
      for (const b of document.querySelectorAll(".diag")) if (d.path && (b.dataset.for === d.path || d.path.startsWith(b.dataset.for + "."))) boxes = [b];
      if (!boxes.length && d.path) boxes = [...document.querySelectorAll(".diag")].filter((b) => b.dataset.for.startsWith(d.path + "."));
      const text = (d.path ? label(d.path) + ": " : "") + d.message;
      if (!boxes.length) { unplaced = true; $("problems").append(el("div", { class: "diag " + d.severity }, text)); }
      for (const b of boxes) b.append(el("div", { class: "diag " + d.severity }, text));
    }
    if (res.rejected) {
      $("status").textContent = unplaced ? "not applied: see the message at the top of the results" : "not applied: see the input's message";
      $("status").className = "status infeasible";
      return;
    }
    const p = res.plan;
    lastPlan = p;
    $("status").textContent = p.status.replace(/_/g, " ");
    $("status").className = "status " + p.status;
    $("time").textContent = "server: plan " + res.solve_ms.toFixed(1) + " ms, total " + res.total_ms.toFixed(1) + " ms";
    $("time").dataset.solveMs = res.solve_ms;
    if (p.status === "infeasible") {
      $("problems").append(el("h2", {}, "No plan meets the scenario"), ...(res.problems || []).map((t) => el("p", { class: "problems" }, t)));
    }
    if (res.gap) $("problems").append(el("p", { class: "note gap" }, res.gap));
    const t = p.totals;
    $("summary").replaceChildren(
      row(["Heart (mean, min)", heartPct(t.heart_mean, t.healthy_all, p.healthy_heart) + ", " + heartPct(t.heart_min, weakestHealthy(p.periods), p.healthy_heart)]),
      row(["Brain (mean)", pct(t.brain_mean)]),
      row(["Spend / budget", money(t.spend) + " / " + money(t.budget)]),
      row(["Unspent", money(t.unspent)]),
      row(["Healthy in every period", t.healthy_all ? "yes" : "no"]));
    $("summary").dataset.heart = t.heart_mean;
    $("summary").dataset.brain = t.brain_mean;
    $("summary").dataset.spend = t.spend;
    // A monthly plan's table shows quarters, as cardio plan's does: the
    // server rolls the periods up (res.rolled); the charts keep the months.
    const periods = res.rolled ? res.rolled.periods : p.periods;
    const per = $("periods");
    per.replaceChildren(row([res.rolled ? res.rolled.by[0].toUpperCase() + res.rolled.by.slice(1) : "Period", "Heart", "Brain", "Spend", "Budget", "Central FTE", "Local FTE", "Lowest heart coverage"], true));
    for (const q of periods) {
      const w = lowestHeart(q, p.healthy_heart);
      per.append(row([q.label, heartPct(q.heart, q.healthy, p.healthy_heart), pct(q.brain), money(q.spend), money(q.budget), fte(q.central_fte), fte(q.local_fte), w]));
    }
    const r = res.rolled;
    $("periodsnote").textContent = r ? "The plan's " + r.unit + "s are rolled up to " + r.by + "s: money is summed; heart and brain are the mean over the " + r.unit +
      "s; FTE are at the end of the " + r.by + "; the lowest heart coverage is the lowest of its " + r.unit + "s'." : "";
    // An owned investment is in place, not chosen: marked, as cardio
    // compare marks it.
    const bought = {};
    for (const q of periods) for (const i of q.investments) if (i.level > 0) (bought[i.name + (i.owned ? " (owned)" : "")] = bought[i.name + (i.owned ? " (owned)" : "")] || []).push(q.label + (i.level < 1 ? " (" + pct(i.level) + ")" : ""));
    const names = Object.keys(bought);
    $("invest").replaceChildren(names.length ? el("ul", {}, ...names.map((n) => el("li", {}, n + ": " + bought[n].join(", ")))) : el("p", {}, "none"));
    // hiring_html is the server's own fragment, every text in it escaped
    // (report.HiringHTML), with its heading: absent when the plan has no
    // hiring plan (one in FTE without a roster to split).
    $("hiring").innerHTML = res.hiring_html || "";
    if (res.charts) {
      // The SVG is drawn by the server from the same chart code as the HTML report.
      $("charts").innerHTML = res.charts.map((s) => '<figure class="chart">' + s + "</figure>").join("");
    }
  }

  function renderExtras(ex) {
    // cardio plan's "In short", with what another $100k a year buys: it
    // comes with the marginal values.
    $("inshort").textContent = ex.in_short ? ex.in_short.join(" ") : "none: no plan meets the scenario";
    const m = ex.marginal;
    if (!m) { $("marginal").textContent = "none for this plan"; } else {
      // Two decimals, as cardio plan words a small change (0.03 points);
      // under half a hundredth a change is the plan's own round-off and
      // reads 0.00, as cardio plan says it (negligiblePoints); the periods
      // whose heart it makes healthy are named, as its sentence names them.
      const pts = (x) => Math.abs(x) < 0.005 ? "0.00" : x.toFixed(2);
      const healthy = (x) => (x.makes_healthy || []).join(", ") + (x.makes_unhealthy ? " (no longer healthy: " + x.makes_unhealthy.join(", ") + ")" : "");
      const line = (what, x) => row([what, pts(x.heart_points), pts(x.brain_points), healthy(x)]);
      const tb = el("table", {}, row(["One more", "Heart (points)", "Brain (points)", "Heart made healthy in"], true), line("$100k a year", m.budget));
      if (m.headcount_cap) tb.append(line("FTE of headcount cap", m.headcount_cap));
      if (m.central_share_max) tb.append(line("point of central share max", m.central_share_max));
      if (m.central_share_min) tb.append(line("point of central share min (down)", m.central_share_min));
      $("marginal").replaceChildren(tb);
    }
    // checkup_html is the server's own fragment, every text in it escaped
    // (report.CheckupHTML): the checkup's tables as tables, not Markdown.
    if (ex.checkup_html) { $("checkup").innerHTML = ex.checkup_html; } else { $("checkup").textContent = "no checkup: the scenario has no plan"; }
  }

  // years is a plan's horizon in years, for spend over horizons of
  // different lengths (pins of two files): compared a year, as cardio
  // compare does.
  const years = (p) => p.periods.length * ({ month: 1 / 12, quarter: 1 / 4, year: 1 }[p.period] || 1);

  function renderPins(pins) {
    const tb = $("pins");
    const perYear = pins.some((v) => Math.abs(years(v.plan) - years(pins[0].plan)) > 1e-9);
    const oneCurrency = pins.every((v) => v.plan.currency === pins[0].plan.currency);
    const spendOf = (p) => (perYear ? p.totals.spend / years(p) : p.totals.spend);
    const spendHead = perYear ? "Spend a year" : "Spend";
    tb.replaceChildren(row(["Variant", "Status", "Heart", "Brain", spendHead, "Δ heart vs first", "Δ brain", "Δ " + spendHead.toLowerCase(), "Changes", ""], true));
    pins.forEach((v, k) => {
      const t = v.plan.totals, f = pins[0].plan.totals;
      // A difference to the first pin: x the number, s its words. It is
      // the difference of the figures the table prints beside it (a heart
      // not healthy is printed rounded down), as cardio review words a
      // variance, so that a gap too small to print reads 0, without a
      // sign, as cardio compare writes it, not "+$0" or "+0.0 pts".
      const d = (x, s) => (k === 0 ? "—" : (x > 0 ? "+" : "") + s);
      const tenths = (printed) => Math.round(10 * parseFloat(printed));
      const dpts = (a, b) => { const x = tenths(a) - tenths(b); return d(x, (x / 10).toFixed(1) + " pts"); };
      const un = el("button", { type: "button" }, "unpin");
      un.addEventListener("click", async () => renderPins(await (await post("/api/pin", { remove: k })).json()));
      // The changes in words (pin.changes: "annual budget to $5,500,000"),
      // as the sweep names an input, not its key path.
      const changes = (v.changes || []).join("; ") || "the file as it is";
      const name = $("file").options.length > 1 ? v.name + " (" + v.file + ")" : v.name;
      const spend = moneyIn(v.plan.currency, spendOf(v.plan));
      // || 0: no "-0" of two amounts alike.
      const ds = (Math.round(spendOf(v.plan)) - Math.round(spendOf(pins[0].plan))) || 0;
      const dspend = oneCurrency ? d(ds, moneyIn(v.plan.currency, ds)) : "—";
      const heart = heartPct(t.heart_mean, t.healthy_all, v.plan.healthy_heart), brain = pct(t.brain_mean);
      tb.append(row([name, v.plan.status, heart, brain, spend,
        dpts(heart, heartPct(f.heart_mean, f.healthy_all, pins[0].plan.healthy_heart)), dpts(brain, pct(f.brain_mean)), dspend, changes, un]));
    });
  }

  $("pin").addEventListener("click", async () => {
    try { renderPins(await (await post("/api/pin", { name: $("pinname").value })).json()); $("pinmsg").textContent = ""; }
    catch (e) { $("pinmsg").textContent = e.message; }
  });
  $("save").addEventListener("click", async () => {
    try {
      const r = await (await post("/api/save", { name: $("savename").value })).json();
      $("saved").textContent = "saved " + r.path + (r.diagnostics.length ? " (" + r.diagnostics.length + " warnings)" : ", valid");
    } catch (e) { $("saved").textContent = e.message; }
  });
  const dl = (fmt) => () => { window.location = "/api/download?file=" + file + "&format=" + fmt; };
  $("dlxlsx").addEventListener("click", (e) => { e.preventDefault(); dl("xlsx")(); });
  $("dlhtml").addEventListener("click", (e) => { e.preventDefault(); dl("html")(); });
  $("reset").addEventListener("click", () => change({ reset: true }));
  // The pins are the session's: they stay, whichever file is shown.
  $("file").addEventListener("change", () => { file = Number($("file").value); inputs = null; change({}); });

  $("swrun").addEventListener("click", async () => {
    const steps = Number($("swsteps").value);
    sweepAbort = new AbortController();
    $("swrun").disabled = true; $("swcancel").disabled = false;
    $("swprog").max = steps; $("swprog").value = 0; $("swmsg").textContent = "";
    const tb = $("swtable");
    tb.replaceChildren(row([label($("swpath").value), "Status", "Heart", "Brain", "Spend"], true));
    try {
      const r = await post("/api/sweep", { path: $("swpath").value, from: Number($("swfrom").value), to: Number($("swto").value), points: steps, signal: sweepAbort.signal });
      const reader = r.body.getReader(), dec = new TextDecoder();
      let buf = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        let nl;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const pt = JSON.parse(buf.slice(0, nl)); buf = buf.slice(nl + 1);
          $("swprog").value = pt.index + 1;
          const v = pt.value_text || String(pt.value);
          tb.append(pt.error ? row([v, pt.error, "", "", ""]) : row([v, pt.status, heartPct(pt.heart_mean, pt.healthy_all, pt.healthy_heart), pct(pt.brain_mean), money(pt.spend)]));
        }
      }
      $("swmsg").textContent = "done";
    } catch (e) {
      $("swmsg").textContent = e.name === "AbortError" ? "cancelled" : e.message;
    }
    $("swrun").disabled = false; $("swcancel").disabled = true;
  });
  $("swcancel").addEventListener("click", () => { if (sweepAbort) sweepAbort.abort(); });
  $("swpath").addEventListener("change", () => {
    const c = controls.find((c) => c.path === $("swpath").value);
    if (c) { const v = Number(c.input.value); $("swfrom").value = v * 0.8; $("swto").value = v * 1.2; }
  });

  change({}).then(() => $("swpath").dispatchEvent(new Event("change")));
})();
