"""Datasets: procedural (offline), torchvision downloads (online), and safe uploads, all as ImageArrays."""
