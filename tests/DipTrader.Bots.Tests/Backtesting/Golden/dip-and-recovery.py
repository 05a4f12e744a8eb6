#!/usr/bin/env python3
"""Writes dip-and-recovery.csv: four days of scripted 1-minute SOLUSDT candles for a golden backtest.

Day 1 drifts sideways (indicator history), day 2 slides 8 % in steps, day 3 crashes 12 % within two hours
on heavy volume and then chops, day 4 recovers past the start. A Long bot opens on the slide, adds, pauses
adds during the crash, and takes profit on the way back up.
"""
import random

rnd = random.Random(20260101)
start = 1_767_225_600  # 2026-01-01T00:00:00Z
price = 180.0
rows = []


def minute(drift, vol, volume):
    global price
    o = price
    c = o * (1 + drift + rnd.gauss(0, vol))
    h = max(o, c) * (1 + abs(rnd.gauss(0, vol / 2)))
    l = min(o, c) * (1 - abs(rnd.gauss(0, vol / 2)))
    rows.append((o, h, l, c, volume * (0.7 + 0.6 * rnd.random())))
    price = c


for i in range(1440):
    minute(0.0, 0.0008, 1200)
for i in range(1440):
    minute(-0.08 / 1440 if (i // 120) % 2 == 0 else -0.02 / 1440, 0.0010, 1500)
for i in range(1440):
    if 300 <= i < 420:
        minute(-0.12 / 120, 0.0025, 12000)
    else:
        minute(0.0, 0.0015, 2500)
for i in range(1440):
    minute(0.30 / 1440, 0.0010, 1800)

with open("dip-and-recovery.csv", "w") as f:
    f.write("time,open,high,low,close,volume\n")
    for n, (o, h, l, c, v) in enumerate(rows):
        f.write(f"{start + 60 * n},{o:.3f},{h:.3f},{l:.3f},{c:.3f},{v:.2f}\n")
