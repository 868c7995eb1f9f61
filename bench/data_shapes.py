"""Images/s of ``make_shapes`` (batched NumPy rendering) against ``render`` one image at a time, in one run.

    python -m bench.data_shapes            # 10,000 images at 32×32
    python -m bench.data_shapes --n 2000 --size 64

CPU time (``time.process_time``) is printed next to wall time: on a busy machine the wall clock says little.
"""

from __future__ import annotations

import argparse
import time

from lib.data.shapes import make_shapes, render


def timed(work) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    """Print both rates and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="images for make_shapes")
    parser.add_argument("--one-by-one", type=int, default=300, help="images rendered one at a time")
    parser.add_argument("--size", type=int, default=32, help="image side in pixels")
    args = parser.parse_args()
    batched_wall, batched_cpu = timed(lambda: make_shapes(args.n, seed=0, image_size=args.size))
    single_wall, single_cpu = timed(lambda: [render(0, i, image_size=args.size) for i in range(args.one_by_one)])
    batched_rate, single_rate = args.n / batched_cpu, args.one_by_one / single_cpu
    print(
        f"make_shapes: {args.n:,} images in {batched_wall:.2f} s wall, {batched_cpu:.2f} s CPU "
        f"({batched_rate:,.0f} images per CPU second)"
    )
    print(
        f"render one by one: {args.one_by_one:,} images in {single_wall:.2f} s wall, {single_cpu:.2f} s CPU "
        f"({single_rate:,.0f} images per CPU second)"
    )
    print(f"batched / one by one: {batched_rate / single_rate:.1f}×")


if __name__ == "__main__":
    main()
