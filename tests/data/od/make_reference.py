#!/usr/bin/env python3
"""Independent reference for ekm::demand gravity/Furness tests (pure Python 3, no numpy).

Writes, into the directory of this script:
  ref_cost.csv        origin,destination,cost        (6 zones, deterministic)
  ref_trip_ends.csv   zone,production,attraction
  ref_gravity.csv     model,origin,destination,trips  for the doubly constrained gravity
                      model balanced by Furness to 1e-13 with
                        exp    f = exp(-0.12 c)
                        power  f = c^-1.6
                        tanner f = c^0.8 exp(-0.2 c)
  ref_calibration.csv target_mean,beta  (exponential beta giving the target mean cost,
                      found by bisection — a different method from Hyman's secant used in C++)

Run: python3 tests/data/od/make_reference.py   (outputs are committed; tests do not run it)
"""
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# 6 zones on a line-ish layout: positions (km) and an intrazonal cost of half the
# distance to the nearest neighbour.
X = [0.0, 1.5, 2.5, 4.0, 6.5, 9.0]
Y = [0.0, 1.0, -0.5, 2.0, 0.5, 1.5]
N = len(X)
P = [400.0, 460.0, 400.0, 702.0, 250.0, 300.0]
A = [260.0, 400.0, 500.0, 702.0, 250.0, 400.0]
assert abs(sum(P) - sum(A)) < 1e-9


def dist(i, j):
    return math.hypot(X[i] - X[j], Y[i] - Y[j])


COST = [[0.0] * N for _ in range(N)]
for i in range(N):
    near = min(dist(i, k) for k in range(N) if k != i)
    for j in range(N):
        # cost in minutes: 3 min access + 4 min per km; intrazonal: half the nearest
        COST[i][j] = 3.0 + 4.0 * (dist(i, j) if i != j else 0.5 * near)


def furness(seed, tol=1e-13, max_iter=100000):
    t = [row[:] for row in seed]
    for _ in range(max_iter):
        for i in range(N):
            s = sum(t[i])
            f = P[i] / s
            t[i] = [v * f for v in t[i]]
        for j in range(N):
            s = sum(t[i][j] for i in range(N))
            f = A[j] / s
            for i in range(N):
                t[i][j] *= f
        err = max(abs(sum(t[i]) - P[i]) / P[i] for i in range(N))
        if err < tol:
            return t
    raise RuntimeError("no convergence")


def gravity(f):
    return furness([[f(COST[i][j]) for j in range(N)] for i in range(N)])


def mean_cost(t):
    return sum(t[i][j] * COST[i][j] for i in range(N) for j in range(N)) / sum(map(sum, t))


MODELS = {
    "exp": lambda c: math.exp(-0.12 * c),
    "power": lambda c: c ** -1.6,
    "tanner": lambda c: c ** 0.8 * math.exp(-0.2 * c),
}


def main():
    with open(os.path.join(HERE, "ref_cost.csv"), "w") as f:
        f.write("origin,destination,cost\n")
        for i in range(N):
            for j in range(N):
                f.write(f"{i + 1},{j + 1},{COST[i][j]:.17g}\n")
    with open(os.path.join(HERE, "ref_trip_ends.csv"), "w") as f:
        f.write("zone,production,attraction\n")
        for i in range(N):
            f.write(f"{i + 1},{P[i]:.17g},{A[i]:.17g}\n")
    with open(os.path.join(HERE, "ref_gravity.csv"), "w") as f:
        f.write("model,origin,destination,trips\n")
        for name, fn in MODELS.items():
            t = gravity(fn)
            for i in range(N):
                for j in range(N):
                    f.write(f"{name},{i + 1},{j + 1},{t[i][j]:.17g}\n")
    with open(os.path.join(HERE, "ref_calibration.csv"), "w") as f:
        f.write("target_mean,beta\n")
        for target in (11.0, 12.0, 15.0):
            lo, hi = 1e-6, 2.0  # mean cost decreases with beta
            for _ in range(200):
                mid = 0.5 * (lo + hi)
                m = mean_cost(gravity(lambda c, b=mid: math.exp(-b * c)))
                if m > target:
                    lo = mid
                else:
                    hi = mid
            f.write(f"{target:.17g},{0.5 * (lo + hi):.17g}\n")


if __name__ == "__main__":
    main()
