// Pure helpers of the bot page's charts: time conversion, series points, price formats, order markers.
// Loaded before bot-charts.js; exposes window.BotChartData.
(() => {
  "use strict";

  // "2026-11-29T08:15:00" is UTC without a zone: read it as UTC, in unix seconds.
  function toUnix(text) {
    if (typeof text !== "string" || text.length === 0) {
      return null;
    }
    const zoned = /([zZ]|[+-]\d\d:?\d\d)$/.test(text);
    const ms = Date.parse(zoned ? text : text + "Z");
    return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
  }

  // Points of one series: nulls skipped, one point per second (the last wins), ascending.
  function points(times, values) {
    const byTime = new Map();
    (values || []).forEach((value, i) => {
      const time = times[i];
      if (time !== null && time !== undefined && typeof value === "number" && Number.isFinite(value)) {
        byTime.set(time, value);
      }
    });
    return Array.from(byTime, ([time, value]) => ({ time, value })).sort((a, b) => a.time - b.time);
  }

  function priceFormat(values) {
    const largest = values.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
    const precision = largest >= 100 ? 2 : largest >= 1 ? 4 : 6;
    return { type: "price", precision, minMove: 1 / Math.pow(10, precision) };
  }

  // Entries (Open, Add) are up arrows under the bar, exits (Reduce, Close) down arrows above it.
  function orderMarkers(orders, seriesName, snap, colors) {
    const list = [];
    (orders || []).forEach((order) => {
      if (order.series !== seriesName) {
        return;
      }
      const time = snap(toUnix(order.time));
      if (time === null) {
        return;
      }
      const entry = order.action === "Open" || order.action === "Add";
      const failed = order.status === "Rejected" || order.status === "Canceled";
      const quantity = typeof order.quantity === "number" ? ` ${order.quantity}` : "";
      list.push({
        time,
        position: entry ? "belowBar" : "aboveBar",
        shape: entry ? "arrowUp" : "arrowDown",
        color: failed ? colors.muted : entry ? colors.up : colors.down,
        text: `${order.action}${quantity}${failed ? ` (${order.status.toLowerCase()})` : ""}`,
      });
    });
    return list.sort((a, b) => a.time - b.time);
  }

  // The nearest existing point at or before a time (markers sit on bars that exist).
  function snapTo(sortedTimes) {
    return (time) => {
      if (time === null || sortedTimes.length === 0 || time < sortedTimes[0]) {
        return null;
      }
      let low = 0;
      let high = sortedTimes.length - 1;
      while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        if (sortedTimes[mid] <= time) {
          low = mid;
        } else {
          high = mid - 1;
        }
      }
      return sortedTimes[low];
    };
  }

  window.BotChartData = { toUnix, points, priceFormat, snapTo, orderMarkers };
})();
