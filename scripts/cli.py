"""What the weight-training scripts share on the command line: data sizes, budget, device, precision, threads."""

from __future__ import annotations

import argparse

import torch

from lib.device import pick_device


def training_options(parser: argparse.ArgumentParser, *, train: int, val: int, epochs: int, batch: int) -> None:
    """Add ``--train --val --epochs --batch --lr --precision --device --seed --threads`` with these defaults."""
    parser.add_argument("--train", type=int, default=train, help="training images")
    parser.add_argument("--val", type=int, default=val, help="validation images (another seed)")
    parser.add_argument("--epochs", type=int, default=epochs)
    parser.add_argument("--batch", type=int, default=batch)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--precision", default="fp32", help="fp32, tf32, fp16 or bf16")
    parser.add_argument("--device", default="auto", help="auto, cpu, cuda:0, mps")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=0, help="CPU threads for training (0 = PyTorch's default)")


def apply_runtime(args: argparse.Namespace) -> str:
    """Set the thread count and seed the options ask for; return the device to train on."""
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    return str(pick_device(args.device))
