// The bot page's charts (TradingView lightweight-charts 5.x, global LightweightCharts).
// Data: /api/bots/{id}/metrics?days=N (runs) and, on request, /api/bots/{id}/candles?symbol=&interval=5.
// Everything comes from data- attributes of #bot-charts: the CSP allows no inline script.
(() => {
  "use strict";

  const root = document.getElementById("bot-charts");
  if (!root) {
    return;
  }
  const statusLine = root.querySelector("[data-chart-status]");
  const seriesSelect = document.getElementById("chart-series");
  const daysSelect = document.getElementById("chart-days");
  const candlesBox = document.getElementById("chart-candles");
  const LWC = window.LightweightCharts;

  const PALETTE = ["#9333ea", "#3b82f6", "#ea580c", "#ec4899", "#22c55e", "#0891b2"];
  const COLOR = {
    price: "#111827", ema50: "#f59e0b", ema200: "#6366f1", balance: "#0d9488",
    up: "#16a34a", down: "#dc2626", warning: "#d97706", muted: "#9ca3af",
  };
  const CANDLE_MINUTES = 5;
  const REFRESH_MS = 60000;

  const state = { data: null, raw: null, charts: [], syncing: false, request: 0 };
  const { toUnix, points, priceFormat, snapTo, orderMarkers } = window.BotChartData || {};
  const markers = (seriesName, snap) => orderMarkers(state.data.orders, seriesName, snap, COLOR);

  function setStatus(text, isError) {
    statusLine.textContent = text;
    statusLine.classList.toggle("error", Boolean(isError));
    statusLine.setAttribute("role", isError ? "alert" : "status");
  }

  if (!LWC || !window.BotChartData) {
    setStatus("The chart library could not be loaded; reload the page.", true);
    return;
  }

  function container(name) {
    return root.querySelector(`[data-chart="${name}"]`);
  }

  function legend(name, entries) {
    const box = root.querySelector(`[data-legend-for="${name}"]`);
    box.replaceChildren();
    entries.forEach((entry) => {
      const item = document.createElement("span");
      const swatch = document.createElement("span");
      swatch.className = entry.dashed ? "swatch dashed" : "swatch";
      if (entry.dashed) {
        swatch.style.borderTopColor = entry.color;
      } else {
        swatch.style.backgroundColor = entry.color;
      }
      item.append(swatch, document.createTextNode(entry.label));
      box.append(item);
    });
  }

  function overlay(name, text) {
    const note = document.createElement("div");
    note.className = "chart-empty";
    note.textContent = text;
    container(name).append(note);
  }

  function createChart(name, options) {
    const chart = LWC.createChart(container(name), Object.assign({
      autoSize: true,
      layout: { background: { type: "solid", color: "#ffffff" }, textColor: "#374151", fontSize: 12, attributionLogo: false },
      grid: { vertLines: { color: "#f1f5f9" }, horzLines: { color: "#f1f5f9" } },
      rightPriceScale: { borderColor: "#e5e7eb" },
      leftPriceScale: { borderColor: "#e5e7eb" },
      timeScale: { timeVisible: true, secondsVisible: false, borderColor: "#e5e7eb" },
    }, options || {}));
    state.charts.push({ name, chart });
    return chart;
  }

  function line(chart, color, title, extra) {
    return chart.addSeries(LWC.LineSeries, Object.assign({
      color, lineWidth: 2, title, priceLineVisible: false, lastValueVisible: true,
    }, extra || {}));
  }

  function clearCharts() {
    state.charts.forEach((entry) => entry.chart.remove());
    state.charts = [];
    root.querySelectorAll(".chart-empty").forEach((note) => note.remove());
  }

  // Keeps the time axes of the run charts together when one is scrolled or zoomed.
  function syncTimeScales(names) {
    const synced = state.charts.filter((entry) => names.includes(entry.name));
    synced.forEach((source) => {
      source.chart.timeScale().subscribeVisibleTimeRangeChange((range) => {
        if (state.syncing || !range) {
          return;
        }
        state.syncing = true;
        synced.forEach((target) => {
          if (target !== source) {
            try {
              target.chart.timeScale().setVisibleRange(range);
            } catch {
              // A chart without data has no range to set.
            }
          }
        });
        state.syncing = false;
      });
    });
  }

  function drawRunPrice(times, name, values) {
    const chart = createChart("price");
    const price = points(times, values.price);
    const format = priceFormat(price.map((p) => p.value));
    const priceSeries = line(chart, COLOR.price, "price", { priceFormat: format });
    priceSeries.setData(price);
    line(chart, COLOR.ema50, "EMA50", { lineWidth: 1, priceFormat: format, lastValueVisible: false }).setData(points(times, values.ema50));
    line(chart, COLOR.ema200, "EMA200", { lineWidth: 1, priceFormat: format, lastValueVisible: false }).setData(points(times, values.ema200));
    LWC.createSeriesMarkers(priceSeries, markers(name, snapTo(price.map((p) => p.time))));
    legend("price", [
      { color: COLOR.price, label: `${name} price at each run` },
      { color: COLOR.ema50, label: "EMA50" },
      { color: COLOR.ema200, label: "EMA200" },
      { color: COLOR.up, label: "▲ entry (open, add)" },
      { color: COLOR.down, label: "▼ exit (reduce, close)" },
    ]);
    if (price.length === 0) {
      overlay("price", "No price recorded for this series yet.");
    }
    chart.timeScale().fitContent();
  }

  function drawCandlePrice(name, candles) {
    const chart = createChart("price");
    const format = priceFormat(candles.map((c) => c.close));
    const series = chart.addSeries(LWC.CandlestickSeries, {
      upColor: COLOR.up, downColor: COLOR.down, borderVisible: false, wickUpColor: COLOR.up, wickDownColor: COLOR.down, priceFormat: format,
    });
    series.setData(candles.map((c) => ({ time: c.time, open: c.open, high: c.high, low: c.low, close: c.close })));
    const ema = (key) => candles.filter((c) => Number.isFinite(c[key])).map((c) => ({ time: c.time, value: c[key] }));
    line(chart, COLOR.ema50, "EMA50", { lineWidth: 1, priceFormat: format, lastValueVisible: false }).setData(ema("ema50"));
    line(chart, COLOR.ema200, "EMA200", { lineWidth: 1, priceFormat: format, lastValueVisible: false }).setData(ema("ema200"));
    LWC.createSeriesMarkers(series, markers(name, snapTo(candles.map((c) => c.time))));
    legend("price", [
      { color: COLOR.price, label: `${name.split(" ")[0]} ${CANDLE_MINUTES}-minute candles` },
      { color: COLOR.ema50, label: `EMA50 (${CANDLE_MINUTES} min)` },
      { color: COLOR.ema200, label: `EMA200 (${CANDLE_MINUTES} min)` },
      { color: COLOR.up, label: "▲ entry (open, add)" },
      { color: COLOR.down, label: "▼ exit (reduce, close)" },
    ]);
    chart.timeScale().fitContent();
  }

  function drawBalance(times, names) {
    const chart = createChart("balance", { leftPriceScale: { visible: true, borderColor: "#e5e7eb" } });
    line(chart, COLOR.balance, "balance").setData(points(times, state.data.balance));
    const entries = [{ color: COLOR.balance, label: "Balance (USDT, right axis)" }];
    names.forEach((name, i) => {
      const color = PALETTE[i % PALETTE.length];
      line(chart, color, name, { priceScaleId: "left" }).setData(points(times, state.data.symbols[name].position_value));
      entries.push({ color, label: `${name} position margin (left axis)` });
    });
    legend("balance", entries);
    chart.timeScale().fitContent();
  }

  function drawPnl(times, names) {
    const chart = createChart("pnl");
    const entries = [];
    if (names.length === 1) {
      chart.addSeries(LWC.BaselineSeries, {
        baseValue: { type: "price", price: 0 },
        topLineColor: COLOR.up, topFillColor1: "rgba(22,163,74,0.25)", topFillColor2: "rgba(22,163,74,0.03)",
        bottomLineColor: COLOR.down, bottomFillColor1: "rgba(220,38,38,0.03)", bottomFillColor2: "rgba(220,38,38,0.25)",
        lineWidth: 2, title: names[0], priceLineVisible: false,
      }).setData(points(times, state.data.symbols[names[0]].unrealized_pnl));
      entries.push({ color: COLOR.up, label: `${names[0]} uPnL ≥ 0` }, { color: COLOR.down, label: "below 0" });
    } else {
      names.forEach((name, i) => {
        const color = PALETTE[i % PALETTE.length];
        const series = line(chart, color, name);
        series.setData(points(times, state.data.symbols[name].unrealized_pnl));
        if (i === 0) {
          series.createPriceLine({ price: 0, color: COLOR.muted, lineWidth: 1, lineStyle: LWC.LineStyle.Dotted, axisLabelVisible: false, title: "" });
        }
        entries.push({ color, label: `${name} uPnL (USDT)` });
      });
    }
    legend("pnl", entries);
    chart.timeScale().fitContent();
  }

  function drawMarginLevel(times, names) {
    const chart = createChart("margin");
    const entries = [];
    let any = false;
    // Keep the 1.5 and 2.0 lines in view whatever the levels are.
    const withReferenceLines = (original) => {
      const range = original();
      if (range === null) {
        return { priceRange: { minValue: 1, maxValue: 2.5 } };
      }
      range.priceRange.minValue = Math.min(range.priceRange.minValue, 1);
      range.priceRange.maxValue = Math.max(range.priceRange.maxValue, 2.5);
      return range;
    };
    // An invisible series over every run carries the 1.5 and 2.0 lines, so they show even without a position.
    const reference = line(chart, "rgba(0,0,0,0)", "", {
      autoscaleInfoProvider: withReferenceLines, lastValueVisible: false, crosshairMarkerVisible: false,
    });
    reference.setData(points(times, times.map(() => 2)));
    reference.createPriceLine({ price: 1.5, color: COLOR.down, lineWidth: 2, lineStyle: LWC.LineStyle.LargeDashed, axisLabelVisible: true, title: "1.5 liquidation risk" });
    reference.createPriceLine({ price: 2.0, color: COLOR.warning, lineWidth: 2, lineStyle: LWC.LineStyle.Dashed, axisLabelVisible: true, title: "2.0 adds margin" });
    names.forEach((name, i) => {
      const color = PALETTE[i % PALETTE.length];
      const data = points(times, state.data.symbols[name].margin_level);
      any = any || data.length > 0;
      line(chart, color, name, { autoscaleInfoProvider: withReferenceLines, pointMarkersVisible: data.length < 60 }).setData(data);
      entries.push({ color, label: `${name} margin level` });
    });
    entries.push({ color: COLOR.down, label: "1.5 liquidation risk", dashed: true }, { color: COLOR.warning, label: "2.0 the strategy adds margin", dashed: true });
    legend("margin", entries);
    if (!any) {
      overlay("margin", "No open position in this range: the margin level appears while the bot holds one.");
    }
    chart.timeScale().fitContent();
  }

  function fillSeriesSelect(names) {
    const previous = seriesSelect.value;
    seriesSelect.replaceChildren(...names.map((name) => new Option(name, name)));
    if (names.includes(previous)) {
      seriesSelect.value = previous;
    }
    seriesSelect.disabled = names.length === 0;
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    const type = response.headers.get("Content-Type") || "";
    if (!response.ok || !type.includes("json")) {
      const reason = response.status === 404 ? "not found" : response.ok ? "the session may have expired; reload the page" : `HTTP ${response.status}`;
      throw new Error(reason);
    }
    return response.text();
  }

  async function render() {
    const request = ++state.request;
    clearCharts();
    const data = state.data;
    const times = data.timestamps.map(toUnix);
    const names = Object.keys(data.symbols || {});
    fillSeriesSelect(names);
    if (times.length === 0 || names.length === 0) {
      setStatus("No runs in this range yet. Start the bot: the charts fill in after its first run.", false);
      ["price", "balance", "pnl", "margin"].forEach((name) => {
        legend(name, []);
        overlay(name, "No runs yet");
      });
      return;
    }
    const name = seriesSelect.value || names[0];
    const first = data.timestamps[0].replace("T", " ");
    const last = data.timestamps[data.timestamps.length - 1].replace("T", " ");
    let note = `${times.length} run${times.length === 1 ? "" : "s"} from ${first} to ${last} UTC.`;
    let candles = null;
    if (candlesBox.checked) {
      const symbol = name.split(" ")[0];
      try {
        const body = JSON.parse(await getJson(`${root.dataset.candlesUrl}?symbol=${encodeURIComponent(symbol)}&interval=${CANDLE_MINUTES}`));
        candles = Array.isArray(body.candles) && body.candles.length > 0 ? body.candles : null;
        if (candles === null) {
          note += ` No ${CANDLE_MINUTES}-minute candles for ${symbol}; showing run prices.`;
        }
      } catch (error) {
        note += ` The ${CANDLE_MINUTES}-minute candles could not be loaded (${error.message}); showing run prices.`;
      }
      if (request !== state.request) {
        return;
      }
    }
    if (candles) {
      drawCandlePrice(name, candles);
    } else {
      drawRunPrice(times, name, data.symbols[name]);
    }
    drawBalance(times, names);
    drawPnl(times, names);
    drawMarginLevel(times, names);
    syncTimeScales(candles ? ["balance", "pnl", "margin"] : ["price", "balance", "pnl", "margin"]);
    setStatus(note, note.includes("could not"));
  }

  async function load(quiet) {
    const days = daysSelect.value || "7";
    try {
      const raw = await getJson(`${root.dataset.metricsUrl}?days=${encodeURIComponent(days)}`);
      if (quiet && raw === state.raw) {
        return;
      }
      const data = JSON.parse(raw);
      if (!Array.isArray(data.timestamps) || typeof data.symbols !== "object" || data.symbols === null) {
        throw new Error("unexpected data");
      }
      state.raw = raw;
      state.data = data;
      await render();
    } catch (error) {
      if (!quiet || state.data === null) {
        setStatus(`The chart data could not be loaded (${error.message}). Try reloading the page.`, true);
      }
    }
  }

  seriesSelect.addEventListener("change", () => state.data && render());
  candlesBox.addEventListener("change", () => state.data && render());
  daysSelect.addEventListener("change", () => load(false));
  setInterval(() => {
    if (!document.hidden) {
      load(true);
    }
  }, REFRESH_MS);
  setStatus("Loading the charts…", false);
  load(false);
})();
