#!/usr/bin/env python3
"""Writes lzf.h5: a 32 x 32 x 2 uint8 ROI (image, mask) compressed with LZF, made by h5py, an independent HDF5 writer.

Mammo cannot read LZF (PureHDF has no LZF filter) and must refuse such a file with a clear error naming the filter.
Run with Debian's python3-h5py: /usr/bin/python3 make_lzf_fixture.py
"""
import os

import h5py
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
y, x = np.mgrid[0:32, 0:32]
image = (40 + 3 * x + 2 * y).astype(np.uint8)
mask = (((x - 16) ** 2 + (y - 15) ** 2) < 36).astype(np.uint8)
with h5py.File(os.path.join(here, "lzf.h5"), "w", libver="earliest") as f:
    f.create_dataset("data", data=np.stack([image, mask], axis=-1), chunks=(32, 32, 2), compression="lzf")
