// The backtest page: while it waits or runs, polls /backtests/{id}/status and moves the progress bar (the page
// reloads when it finishes); when done, draws its charts from /backtests/{id}/data with lightweight-charts 5.x.
// Everything comes from data- attributes: the CSP allows no inline script.
(() => {
  "use strict";

  const COLOR = {
    price: "#111827", ema50: "#f59e0b", ema200: "#6366f1", equity: "#2563eb", balance: "#0d9488",
    margin: "#d97706", up: "#16a34a", down: "#dc2626", liquidation: "#000000",
  };
  const POLL_MS = 1500;

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    const type = response.headers.get("Content-Type") || "";
    if (!response.ok || !type.includes("json")) {
      throw new Error(response.status === 404 ? "not found" : response.ok ? "the session may have expired; reload the page" : `HTTP ${response.status}`);
    }
    return response.json();
  }

  function watchProgress(box) {
    const bar = box.querySelector("progress");
    const text = box.querySelector("[data-progress-text]");
    let failures = 0;
    async function tick() {
      try {
        const body = await getJson(box.dataset.statusUrl);
        failures = 0;
        if (body.status === "done" || body.status === "failed") {
          window.location.reload();
          return;
        }
        bar.value = body.progress;
        bar.textContent = `${body.progress}%`;
        text.textContent = body.status === "queued"
          ? "Waiting for its turn: backtests run one at a time."
          : `Running: ${body.progress}%.`;
      } catch (error) {
        failures += 1;
        text.textContent = `The progress could not be read (${error.message}); trying again…`;
      }
      window.setTimeout(tick, Math.min(POLL_MS * (1 + failures), 15000));
    }
    window.setTimeout(tick, POLL_MS);
  }

  function drawCharts(root) {
    const LWC = window.LightweightCharts;
    const helpers = window.BotChartData;
    const statusLine = root.querySelector("[data-chart-status]");
    const charts = [];

    function setStatus(text, isError) {
      statusLine.textContent = text;
      statusLine.classList.toggle("error", Boolean(isError));
      statusLine.setAttribute("role", isError ? "alert" : "status");
    }

    if (!LWC || !helpers) {
      setStatus("The chart library could not be loaded; reload the page.", true);
      return;
    }

    const container = (name) => root.querySelector(`[data-chart="${name}"]`);

    function legend(name, entries) {
      const box = root.querySelector(`[data-legend-for="${name}"]`);
      box.replaceChildren();
      entries.forEach((entry) => {
        const item = document.createElement("span");
        const swatch = document.createElement("span");
        swatch.className = "swatch";
        swatch.style.backgroundColor = entry.color;
        item.append(swatch, document.createTextNode(entry.label));
        box.append(item);
      });
    }

    function createChart(name) {
      const chart = LWC.createChart(container(name), {
        autoSize: true,
        layout: { background: { type: "solid", color: "#ffffff" }, textColor: "#374151", fontSize: 12, attributionLogo: false },
        grid: { vertLines: { color: "#f1f5f9" }, horzLines: { color: "#f1f5f9" } },
        rightPriceScale: { borderColor: "#e5e7eb" },
        timeScale: { timeVisible: true, secondsVisible: false, borderColor: "#e5e7eb" },
      });
      charts.push(chart);
      return chart;
    }

    function line(chart, color, title, extra) {
      return chart.addSeries(LWC.LineSeries, Object.assign({ color, lineWidth: 2, title, priceLineVisible: false }, extra || {}));
    }

    // Keeps the three time axes together when one is scrolled or zoomed.
    function syncTimeScales() {
      let syncing = false;
      charts.forEach((source) => {
        source.timeScale().subscribeVisibleTimeRangeChange((range) => {
          if (syncing || !range) {
            return;
          }
          syncing = true;
          charts.filter((target) => target !== source).forEach((target) => {
            try {
              target.timeScale().setVisibleRange(range);
            } catch {
              // A chart without data has no range to set.
            }
          });
          syncing = false;
        });
      });
    }

    // Entries are up arrows under the price, exits down arrows above it, liquidations black.
    function fillMarkers(fills, snap) {
      return fills
        .map((fill) => ({
          time: snap(fill.t),
          position: fill.exit ? "aboveBar" : "belowBar",
          shape: fill.exit ? "arrowDown" : "arrowUp",
          color: fill.liquidation ? COLOR.liquidation : fill.exit ? COLOR.down : COLOR.up,
          text: fill.liquidation ? "liquidated" : "",
        }))
        .filter((marker) => marker.time !== null)
        .sort((a, b) => a.time - b.time);
    }

    function draw(data) {
      const times = (points) => points.map((p) => p.t);
      const price = data.prices.map((p) => ({ time: p.t, value: p.p }));
      const format = helpers.priceFormat(price.map((p) => p.value));
      const priceChart = createChart("price");
      const priceSeries = line(priceChart, COLOR.price, "price", { priceFormat: format });
      priceSeries.setData(price);
      line(priceChart, COLOR.ema50, "EMA50", { lineWidth: 1, priceFormat: format, lastValueVisible: false })
        .setData(data.prices.map((p) => ({ time: p.t, value: p.e50 })));
      line(priceChart, COLOR.ema200, "EMA200", { lineWidth: 1, priceFormat: format, lastValueVisible: false })
        .setData(data.prices.map((p) => ({ time: p.t, value: p.e200 })));
      LWC.createSeriesMarkers(priceSeries, fillMarkers(data.fills, helpers.snapTo(times(data.prices))));
      legend("price", [
        { color: COLOR.price, label: `${data.series || "price"} at each run` },
        { color: COLOR.ema50, label: "EMA50" },
        { color: COLOR.ema200, label: "EMA200" },
        { color: COLOR.up, label: "▲ entry" },
        { color: COLOR.down, label: "▼ exit" },
        { color: COLOR.liquidation, label: "▼ liquidation" },
      ]);

      const equityChart = createChart("equity");
      line(equityChart, COLOR.equity, "equity").setData(data.equity.map((p) => ({ time: p.t, value: p.e })));
      line(equityChart, COLOR.balance, "balance", { lineWidth: 1 }).setData(data.equity.map((p) => ({ time: p.t, value: p.b })));
      legend("equity", [
        { color: COLOR.equity, label: "Equity: balance + unrealised PnL (USDT)" },
        { color: COLOR.balance, label: "Balance (USDT)" },
      ]);

      const marginChart = createChart("margin");
      marginChart.addSeries(LWC.AreaSeries, {
        lineColor: COLOR.margin, topColor: "rgba(217,119,6,0.3)", bottomColor: "rgba(217,119,6,0)", lineWidth: 2,
        title: "margin / balance", priceLineVisible: false,
        priceFormat: { type: "percent", precision: 1, minMove: 0.1 },
      }).setData(data.equity.map((p) => ({ time: p.t, value: p.m * 100 })));
      legend("margin", [{ color: COLOR.margin, label: "Position margin as % of balance" }]);

      charts.forEach((chart) => chart.timeScale().fitContent());
      syncTimeScales();
      setStatus(`${data.equity.length} points, ${data.fills.length} fill${data.fills.length === 1 ? "" : "s"}.`, false);
    }

    getJson(root.dataset.url)
      .then(draw)
      .catch((error) => setStatus(`The chart data could not be loaded (${error.message}).`, true));
  }

  const progress = document.getElementById("backtest-progress");
  if (progress) {
    watchProgress(progress);
  }
  const charts = document.getElementById("backtest-charts");
  if (charts) {
    drawCharts(charts);
  }
})();
