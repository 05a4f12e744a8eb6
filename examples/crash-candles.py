#!/usr/bin/env python3
"""Writes flat-long-crash-from-candles.json: a snapshot whose indicators are computed from candles.

SOLUSDT falls 12 % over the last five 5-minute candles on ten times the usual volume, so the velocity
score reaches CRASH and a flat Long waits (rule N2) although price is far below the 1 h EMA100.
"""
import json
import random

rnd = random.Random(42)
t0 = 1_760_000_000 - 1_760_000_000 % 3600


def walk(n, start, interval_s, drift, vol, volume, crash_last=0):
    rows, price = [], start
    for i in range(n):
        o = price
        d = -0.025 if i >= n - crash_last else drift
        c = round(o * (1 + d + rnd.gauss(0, vol)), 3)
        h = round(max(o, c) * (1 + abs(rnd.gauss(0, vol / 3))), 3)
        l = round(min(o, c) * (1 - abs(rnd.gauss(0, vol / 3))), 3)
        v = round(volume * (10 if i >= n - crash_last else 1) * (0.8 + 0.4 * rnd.random()), 2)
        rows.append([t0 - (n - i) * interval_s, round(o, 3), h, l, c, v])
        price = c
    return rows


snapshot = {
    "settings": {"symbol": "SOLUSDT", "side": "Long", "leverage": 5, "emaInterval": 1, "automaticMode": True},
    "market": {
        "bid": 131.2, "ask": 131.21,
        "instrument": {"qtyStep": 0.1, "minQty": 0.1, "maxQty": 10000, "tickSize": 0.01},
        "candles": {
            "1": walk(400, 150.0, 60, -0.0002, 0.001, 500),
            "5": walk(100, 150.0, 300, 0.0, 0.002, 2500, crash_last=5),
            "60": walk(300, 160.0, 3600, 0.0, 0.004, 30000),
        },
    },
    "account": {"balance": 2000, "positions": []},
}
with open("flat-long-crash-from-candles.json", "w") as f:
    json.dump(snapshot, f, separators=(",", ":"))
    f.write("\n")
