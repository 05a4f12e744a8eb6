#!/usr/bin/env python3
"""Reference values for DipTrader's indicators, computed independently of the C# code.

Plain Python (no pandas on the build machine), written from the definitions in
shared/reference/predecessor-strategy.md §2 and STRATEGY.md correction 9:

  EMA        pandas ewm(span=N, adjust=False): y0 = x0, y_t = a*x_t + (1-a)*y_{t-1}, a = 2/(N+1)
  ATR(14)    TR_0 = high-low; TR_t = max(h-l, |h-c_{t-1}|, |l-c_{t-1}|); ATR = EMA(span 14) of TR
  ATR mean   mean of the ATR series over rows 13..n-1 (where ATR(df[:i+1]) is defined), times atr_factor
  BB width   20 closes, sample std (ddof=1), (upper-lower)/SMA*100
  HV(20)     sample std of the last 20 log returns * 100
  ROC-k      (c[-1]-c[-1-k])/c[-1-k]*100
  volume     mean(v[-5:]) / mean(v[-21:-5])

Run:  python3 indicators.py   (writes candles.csv and expected.csv next to this file)
The candles come from a seeded random walk with regimes, so the output is the same on every run.
"""
import csv
import math
import random
import statistics
from pathlib import Path

HERE = Path(__file__).resolve().parent


def make_series(name, seed, n, start, regimes):
    rnd = random.Random(seed)
    price = start
    rows = []
    t = 1_700_000_000
    for i in range(n):
        drift, vol, volume = regimes[min(i * len(regimes) // n, len(regimes) - 1)]
        open_ = price
        close = max(0.01, open_ * (1 + drift + rnd.gauss(0, vol)))
        high = max(open_, close) * (1 + abs(rnd.gauss(0, vol / 2)))
        low = min(open_, close) * (1 - abs(rnd.gauss(0, vol / 2)))
        vol_amount = volume * (0.5 + rnd.random())
        rows.append((name, t + 300 * i, round(open_, 4), round(high, 4), round(low, 4), round(close, 4), round(vol_amount, 3)))
        price = close
    return rows


def ema_last(values, span):
    a = 2.0 / (span + 1)
    y = values[0]
    for x in values[1:]:
        y = a * x + (1 - a) * y
    return y


def atr_series(highs, lows, closes, span=14):
    a = 2.0 / (span + 1)
    out = []
    y = None
    for i in range(len(closes)):
        if i == 0:
            tr = highs[0] - lows[0]
        else:
            pc = closes[i - 1]
            tr = max(highs[i] - lows[i], abs(highs[i] - pc), abs(lows[i] - pc))
        y = tr if y is None else a * tr + (1 - a) * y
        out.append(y)
    return out


def fmt(x):
    return "" if x is None else repr(float(x))


def measure(rows, atr_factor=1.5):
    closes = [r[5] for r in rows]
    highs = [r[3] for r in rows]
    lows = [r[4] for r in rows]
    volumes = [r[6] for r in rows]
    n = len(closes)
    out = {"rows": n}
    out["ema50"] = ema_last(closes, 50)
    out["ema200"] = ema_last(closes, 200)
    out["ema100"] = ema_last(closes, 100)
    if n >= 14:
        series = atr_series(highs, lows, closes)
        out["atr"] = series[-1]
        window = series[13:]
        out["atr_threshold"] = atr_factor * (sum(window) / len(window)) if n >= 50 else None
    else:
        out["atr"] = out["atr_threshold"] = None
    if n >= 20:
        w = closes[-20:]
        sma = sum(w) / 20
        out["bb_width"] = (4 * statistics.stdev(w)) / sma * 100
    else:
        out["bb_width"] = None
    if n >= 21:
        w = closes[-21:]
        rets = [math.log(w[i + 1] / w[i]) for i in range(20)]
        out["hist_vol"] = statistics.stdev(rets) * 100
    else:
        out["hist_vol"] = None
    def roc(k):
        return (closes[-1] - closes[-1 - k]) / closes[-1 - k] * 100 if n >= k + 1 else None
    if n >= 30:
        r5, r15, r30 = roc(5), roc(15), roc(30)
        smooth = abs(r5 / r15) if r15 != 0 else 1.0
        vr = None
        if n >= 21:
            before = sum(volumes[-21:-5]) / 16
            vr = (sum(volumes[-5:]) / 5) / before if before > 0 else None
        score = 0
        score += 40 if r5 < -5 else 25 if r5 < -3 else 10 if r5 < -1 else 0
        score += 30 if smooth > 2.5 else 15 if smooth > 1.5 else 0
        if vr is not None:
            score += 30 if vr > 3.0 else 15 if vr > 2.0 else 0
        score = min(100, score)
        kind = "CRASH" if score >= 70 else "FAST_DECLINE" if score >= 40 else "MODERATE_DECLINE" if score >= 20 else "SLOW_DECLINE"
        out.update(roc5=r5, roc15=r15, roc30=r30, smoothness=smooth, volume_ratio=vr, score=score, decline_type=kind)
    else:
        out.update(roc5=None, roc15=None, roc30=None, smoothness=None, volume_ratio=None, score=None, decline_type="UNKNOWN")
    return out


SERIES = [
    # name, seed, rows, start price, regimes (drift, volatility, volume)
    ("calm", 1, 300, 50000.0, [(0.0, 0.001, 10.0)]),
    ("slow_decline", 2, 260, 3000.0, [(-0.0005, 0.002, 50.0)]),
    ("crash", 3, 120, 150.0, [(0.0, 0.002, 100.0), (-0.02, 0.01, 600.0)]),
    ("rally", 4, 150, 0.5, [(0.0, 0.003, 1000.0), (0.015, 0.01, 4000.0)]),
    ("wild", 5, 100, 20.0, [(0.0, 0.06, 5.0)]),
    ("short_40", 6, 40, 100.0, [(-0.001, 0.004, 8.0)]),
    ("short_25", 7, 25, 100.0, [(0.0, 0.004, 8.0)]),
    ("tiny_12", 8, 12, 100.0, [(0.0, 0.004, 8.0)]),
    ("crash_end", 9, 60, 200.0, [(0.0, 0.002, 100.0)] * 11 + [(-0.03, 0.005, 1000.0)]),
]


def main():
    candles, expected = [], []
    for name, seed, n, start, regimes in SERIES:
        rows = make_series(name, seed, n, start, regimes)
        candles.extend(rows)
        m = measure(rows)
        expected.append((name, m))
    with open(HERE / "candles.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series", "time", "open", "high", "low", "close", "volume"])
        for r in candles:
            w.writerow([r[0], r[1]] + [repr(v) for v in r[2:]])
    keys = ["rows", "ema50", "ema200", "ema100", "atr", "atr_threshold", "bb_width", "hist_vol",
            "roc5", "roc15", "roc30", "smoothness", "volume_ratio", "score", "decline_type"]
    with open(HERE / "expected.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series"] + keys)
        for name, m in expected:
            w.writerow([name] + [m[k] if k in ("rows", "decline_type") else fmt(m[k]) for k in keys])


if __name__ == "__main__":
    main()
